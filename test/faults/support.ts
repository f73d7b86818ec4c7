import net from 'node:net';

import { startSandbox } from '../../sandbox/index.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { setEnv } from '../../sandbox/zapierHarness.js';

/** Shared set-up of the fault suite: the real app against a sandbox on loopback. */

export { setEnv };

/**
 * Starts a sandbox in beforeAll and points the app at it; closes it and restores the environment
 * in afterAll. Small delivery delays keep retries quick.
 */
export const useSandbox = (options: SandboxOptions = {}): (() => Sandbox) => {
  let sandbox: Sandbox | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ delivery: { baseDelayMs: 5 }, ...options });
    restore = setEnv({ ...sandbox.env, PROABONO_TIMEOUT_MS: undefined });
  });
  afterAll(async () => {
    restore?.();
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error('The sandbox is not started: call useSandbox at the top level');
    return sandbox;
  };
};

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

// ── the operations under test ───────────────────────────────────────────────

/** One request as the sandbox logged it, headers left out. */
export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export const sent = (sandbox: Sandbox, filter?: { method?: string; path?: string }) =>
  sandbox
    .requests(filter)
    .map(({ method, path, query, body }): SentRequest => ({ method, path, query, body }));
