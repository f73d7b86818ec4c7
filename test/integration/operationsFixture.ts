import type { Bundle, ZObject } from 'zapier-platform-core';

import { startSandbox } from '../../sandbox/index.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { appTester } from '../helpers.js';

/**
 * What the operation integration tests share: a seeded sandbox per test file, the app pointed at
 * it through PROABONO_*_URL (restored afterwards), a fresh state and request log for every test,
 * and the request log without headers, so a test can compare whole requests.
 */

/** What appTester accepts as a bundle: any part of one, nested parts included. */
export type PartialBundle = NonNullable<Parameters<typeof appTester>[1]>;

export interface SandboxHandle {
  readonly sandbox: Sandbox;
  /** Runs a perform of the real app, as Zapier would, with the sandbox's connection. */
  perform<T>(
    fn: (z: ZObject, bundle: Bundle) => T | Promise<T>,
    bundle?: PartialBundle,
  ): Promise<T>;
}

export const useSandbox = (options: SandboxOptions = {}): SandboxHandle => {
  let current: Sandbox | undefined;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    current = await startSandbox({ delivery: { baseDelayMs: 5 }, ...options });
    for (const [name, value] of Object.entries(current.env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await current?.close();
  });
  beforeEach(() => {
    current?.reset();
  });

  const handle: SandboxHandle = {
    get sandbox(): Sandbox {
      if (current === undefined) throw new Error('The sandbox is only available inside tests');
      return current;
    },
    perform: (fn, bundle = {}) =>
      appTester(fn, { authData: { ...handle.sandbox.authData }, ...bundle }),
  };
  return handle;
};

export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** Every API request the sandbox received, oldest first, without headers. */
export const sentRequests = (sandbox: Sandbox): SentRequest[] =>
  sandbox.requests().map(({ method, path, query, body }) => ({ method, path, query, body }));
