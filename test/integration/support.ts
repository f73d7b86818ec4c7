import { jest } from '@jest/globals';

import App from '../../index.js';
import { startHookRunner } from '../../sandbox/hookRunner.js';
import type { HookRunner } from '../../sandbox/hookRunner.js';
import type { ZapierRpc } from '../../sandbox/zapierRpc.js';
import { ADDRESS_KEYS, startSandbox } from '../../sandbox/index.js';
import { setEnv } from '../../sandbox/zapierHarness.js';
import type {
  AddressKey,
  BillingAddress,
  Notification,
  Sandbox,
  SandboxOptions,
} from '../../sandbox/index.js';

/**
 * Shared set-up of the integration tests: a sandbox the app is pointed at (PROABONO_*_URL set for
 * the file, restored afterwards), the real app's hook trigger behind the hook runner, and the
 * records the tests expect, written out independently of the code under test.
 */

export const TRIGGER_KEY = 'billing_address_updated';
export const EVENT = 'CustomerBillingAddressUpdated';

/** Small retry delays: at-least-once redelivery must not slow the tests down. */
export const SANDBOX_OPTIONS: SandboxOptions = { delivery: { baseDelayMs: 5 } };

/**
 * Starts a sandbox in beforeAll, points the app at it, and restores everything in afterAll. The
 * getter is for the tests (the sandbox exists only once beforeAll ran).
 */
export const useSandbox = (options: SandboxOptions = SANDBOX_OPTIONS): (() => Sandbox) => {
  let sandbox: Sandbox | undefined;
  let restoreEnv: (() => void) | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
    restoreEnv = setEnv(sandbox.env);
  });
  afterAll(async () => {
    restoreEnv?.();
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error('The sandbox is not started yet');
    return sandbox;
  };
};

/** z.console lines (core writes them with console.log under the app tester), and quiet output. */
export const captureLogs = (lines: string[] = []): string[] => {
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' ').trim());
  });
  return lines;
};

/** The real app's instant trigger, as Zapier would run it. */
export interface TriggerOptions {
  authData?: Record<string, string>;
  app?: object;
  /** With it, deliveries run at once, as on Zapier, with a cache that honours `nx`. */
  rpc?: ZapierRpc;
  /** The trigger's input fields, as the user set them. */
  inputData?: Record<string, unknown>;
}

const startTrigger = (
  sandbox: Sandbox,
  { authData = { ...sandbox.authData }, app = App, rpc, inputData }: TriggerOptions = {},
): Promise<HookRunner> =>
  startHookRunner({ app, triggerKey: TRIGGER_KEY, authData, rpc, inputData });

/**
 * Each test of the file starts from a reset sandbox with console.log captured into `logs`; every
 * trigger it started with `start` is closed after it, once the sandbox has stopped delivering.
 */
export const useHookTrigger = (sandbox: () => Sandbox) => {
  const logs: string[] = [];
  const started: HookRunner[] = [];
  beforeEach(() => {
    sandbox().reset();
    logs.splice(0);
    captureLogs(logs);
  });
  afterEach(async () => {
    await sandbox().idle();
    await Promise.all(started.splice(0).map((runner) => runner.close()));
  });
  const start = async (options: TriggerOptions = {}): Promise<HookRunner> => {
    const runner = await startTrigger(sandbox(), options);
    started.push(runner);
    return runner;
  };
  return { logs, start };
};

/** Every delivery answered, every retry done, and every accepted delivery performed. */
export const settle = async (sandbox: Sandbox, runner: HookRunner): Promise<void> => {
  await sandbox.idle();
  await runner.idle();
};

/** The request log without headers: what the tests pin exactly. */
export const calls = (sandbox: Sandbox) =>
  sandbox.requests().map(({ method, path, query, body }) => ({ method, path, query, body }));

/** The sandbox's delivery log, reduced to what a test reads. */
export const deliveries = (sandbox: Sandbox) =>
  sandbox.deliveries().map(({ delivery, kind, webhookId, body, attempt, status, forged }) => ({
    delivery,
    kind,
    webhookId,
    body,
    attempt,
    status,
    forged,
  }));

export const addressRead = (reference: string) => ({
  method: 'GET',
  path: '/v1/CustomerAddressBilling',
  query: { ReferenceCustomer: reference },
  body: undefined,
});

export const listWebhooksCall = {
  method: 'GET',
  path: '/backoffice/Notification/Webhooks',
  query: { IdBusiness: '42', SizePage: '1000', Links: 'false' },
  body: undefined,
};

export const sendCodeCall = (id: number) => ({
  method: 'GET',
  path: `/backoffice/Notification/Webhooks/${id}/Verification`,
  query: { sendCode: 'true' },
  body: undefined,
});

export const confirmCall = (id: number, code: string) => ({
  method: 'POST',
  path: `/backoffice/Notification/Webhooks/${id}/Verification`,
  query: { code, echo: 'true' },
  body: undefined,
});

/** The code the sandbox last sent for a webhook. */
export const verificationCodeOf = (sandbox: Sandbox, id: number): string => {
  const code = sandbox.webhooks().find((webhook) => webhook.Id === id)?.verificationCode;
  if (!code) throw new Error(`The sandbox sent no verification code for webhook ${id}`);
  return code;
};

/** The newest notification of the sandbox's history. */
export const lastEvent = (sandbox: Sandbox): Notification => {
  const event = sandbox.events().at(-1);
  if (!event) throw new Error('The sandbox recorded no notification');
  return event;
};

/**
 * The record a Billing Address Updated trigger must produce for `event`, with `address` as the
 * customer's current address. `previous` is `null` when no earlier address is known (first sight),
 * else the earlier value of each field that changed (and only those).
 */
/** The names the records give the seeded countries, written out independently of the app. */
const COUNTRY_NAMES: Record<string, string> = {
  DE: 'Germany',
  ES: 'Spain',
  FR: 'France',
  GB: 'United Kingdom',
  US: 'United States of America',
};

export const expectedRecord = (
  event: Notification,
  address: BillingAddress,
  previous: Partial<Record<AddressKey, string | null>> | null,
) => ({
  id: event.Id,
  DateTrigger: event.DateTrigger,
  ReferenceCustomer: event.Customer.ReferenceCustomer,
  Name: event.Customer.Name,
  Email: event.Customer.Email,
  Language: event.Customer.Language,
  Status: event.Customer.Status,
  ReferenceSegment: event.ReferenceSegment,
  billing_address: {
    ...address,
    CountryName: address.Country === null ? null : (COUNTRY_NAMES[address.Country] ?? null),
    changed_fields: ADDRESS_KEYS.filter((key) => previous !== null && key in previous),
    previous_address_known: previous !== null,
    ...Object.fromEntries(ADDRESS_KEYS.map((key) => [`previous_${key}`, previous?.[key] ?? null])),
  },
});

/**
 * The shape of a record: its keys, recursively, with each value's kind. Text and empty values are
 * one kind (an empty field is `null`), so two records about different customers compare equal
 * exactly when a Zap could map the same fields from both.
 */
export const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return 'list';
  if (value === null || typeof value === 'string') return 'text';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([key, inner]) => [key, shapeOf(inner)]),
    );
  }
  return typeof value;
};
