import type { Bundle, ZObject } from 'zapier-platform-core';

import type { Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { appTester } from '../helpers.js';
import { SANDBOX_OPTIONS, useSandbox as useStartedSandbox } from './support.js';

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
  const current = useStartedSandbox({ ...SANDBOX_OPTIONS, ...options });
  beforeEach(() => {
    current().reset();
  });
  const handle: SandboxHandle = {
    get sandbox(): Sandbox {
      return current();
    },
    perform: (fn, bundle = {}) =>
      appTester(fn, { authData: { ...handle.sandbox.authData }, ...bundle }),
  };
  return handle;
};

/** Every API request the sandbox received, oldest first, without headers. */
export { calls as sentRequests } from './support.js';

/** `GET /v1/Customer` for one reference, as the request log shows it. */
export const customerLookup = (reference: string) => ({
  method: 'GET',
  path: '/v1/Customer',
  query: { ReferenceCustomer: reference },
  body: undefined,
});

/** `POST /v1/Customer` with this body, as the request log shows it. */
export const customerSave = (body: Record<string, string>) => ({
  method: 'POST',
  path: '/v1/Customer',
  query: {},
  body,
});
