import net from 'node:net';

import type { Bundle, ZObject } from 'zapier-platform-core';

import { profileFromEnv, startSandbox } from '../../sandbox/index.js';
import type {
  Behaviour,
  FaultRule,
  LoggedRequest,
  ProfileName,
  Sandbox,
  SandboxOptions,
  StoredCustomer,
} from '../../sandbox/index.js';
import { setEnv, withEnv } from '../../sandbox/zapier/zapierHarness.js';
import { appTester } from './app.js';
import type { PartialBundle } from './app.js';

/*
 * The one sandbox fixture of the integration and fault suites: a seeded sandbox per test file on
 * loopback, the app pointed at it, a fresh state and request log for every test.
 */

export interface SandboxFixture {
  /** The running sandbox; it exists once the file's beforeAll ran. */
  readonly sandbox: Sandbox;
  /** Runs a perform of the real app, as Zapier would, with the sandbox's connection. */
  perform<T>(
    fn: (z: ZObject, bundle: Bundle) => T | Promise<T>,
    bundle?: PartialBundle,
  ): Promise<T>;
  /** An action's or search's perform as a Zap step runs it: a function of the step's input. */
  step<T>(
    fn: (z: ZObject, bundle: Bundle) => T | Promise<T>,
  ): (inputData: Record<string, unknown>) => Promise<T>;
  /**
   * Switches single behaviours of the sandbox for the current test only, whatever the profile: for
   * a test whose subject needs one way of an undocumented behaviour (a ProAbono that refuses long
   * values, one that notifies identical writes).
   */
  setBehaviour(overrides: Partial<Behaviour>): void;
}

/**
 * The clock the billing tests stop at: two days after the seeded invoice of November 2026, with
 * the seeded balance lines before it, so the dates ProAbono stamps are this one.
 */
export const NOW = '2026-11-20T10:00:00.000Z';
export const atNow = (): Date => new Date(NOW);

/**
 * Starts a sandbox in beforeAll and points the app at it through PROABONO_*_URL; resets it before
 * each test; closes it and restores the environment in afterAll. Call it at the top of the file.
 * Small delivery delays keep at-least-once redelivery quick. PROABONO_TIMEOUT_MS is cleared so a
 * developer's shell cannot change the timeouts the tests meet. The profile is `options.profile`,
 * else PROABONO_SANDBOX_PROFILE's (`npm run jest:documented`), else `generous`.
 */
export const useSandbox = (options: SandboxOptions = {}): SandboxFixture => {
  let started: Sandbox | undefined;
  let restoreEnv: (() => void) | undefined;
  let profile: ProfileName = 'generous';
  beforeAll(async () => {
    // Read when the file's tests start, not when it is loaded.
    profile = options.profile ?? profileFromEnv();
    started = await startSandbox({ delivery: { baseDelayMs: 5 }, ...options, profile });
    restoreEnv = setEnv({ ...started.env, PROABONO_TIMEOUT_MS: undefined });
  });
  afterAll(async () => {
    restoreEnv?.();
    await started?.close();
  });
  beforeEach(() => {
    // A test may switch behaviours for itself (`setBehaviour`): each starts with the file's.
    started?.setProfile(profile, options.behaviour);
    started?.reset();
  });
  const fixture: SandboxFixture = {
    get sandbox(): Sandbox {
      if (!started) throw new Error('The sandbox is not started: call useSandbox at the top level');
      return started;
    },
    perform: (fn, bundle = {}) =>
      appTester(fn, { authData: { ...fixture.sandbox.authData }, ...bundle }),
    step: (fn) => (inputData) => fixture.perform(fn, { inputData }),
    setBehaviour: (overrides) => {
      const { sandbox } = fixture;
      sandbox.setProfile(sandbox.profile, { ...sandbox.behaviour, ...overrides });
    },
  };
  return fixture;
};

/** The sandbox's customers with this reference, in every segment: two of them are twins. */
export const customersWithReference = (sandbox: Sandbox, reference: string): StoredCustomer[] =>
  sandbox.customers.list().filter((customer) => customer.ReferenceCustomer === reference);

/** Every other customer, as it is now: what a replay for `reference` must leave exactly so. */
export const customersOtherThan = (sandbox: Sandbox, reference: string): StoredCustomer[] =>
  sandbox.customers.list().filter((customer) => customer.ReferenceCustomer !== reference);

/** Makes the sandbox's `POST /v1/CustomerAddressBilling` fail as `rule` says. */
export const failAddressSave = (sandbox: Sandbox, rule: Omit<FaultRule, 'method' | 'path'>) =>
  sandbox.addFault({ method: 'POST', path: '/v1/CustomerAddressBilling', ...rule });

/** Runs `run` with a short request timeout: the retries' pauses and timeouts are shares of it. */
export const withShortTimeout = <T>(run: () => Promise<T>): Promise<T> =>
  withEnv({ PROABONO_TIMEOUT_MS: '1000' }, run);

/** One request as the sandbox logged it, headers left out: what the tests pin exactly. */
export type RequestLogEntry = Omit<LoggedRequest, 'headers'>;

/** The sandbox's request log (optionally filtered), oldest first, without headers. */
export const requestLog = (
  sandbox: Sandbox,
  filter?: { method?: string; path?: string },
): RequestLogEntry[] =>
  sandbox.requests(filter).map(({ method, path, query, body }) => ({ method, path, query, body }));

/** A loopback port nothing listens on: bound by us, then closed. */
export const closedPort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/** Waits until `condition` holds, checking every few ms; fails after `limitMs`. */
export const until = async (condition: () => boolean, limitMs = 5_000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
