import zapier from 'zapier-platform-core';
import type { Bundle } from 'zapier-platform-core';

import type { ZapierRpc } from './zapierRpc.js';

/*
 * Runs an app the way Zapier's Lambda does: one handler for the process, called with an `execute`
 * event per step, its z.cache behind Zapier's RPC (here the loopback stand-in of zapierRpc.ts).
 * The handler can be core's, built over an app object in this process, or the one an unzipped
 * build.zip exports from its `zapierwrapper.js`.
 */

export type LambdaHandler = (event: Record<string, unknown>) => Promise<{ results?: unknown }>;

/** zapier-platform-core's handler over an app definition or the path of a module exporting one. */
export const appHandler = (app: object | string): LambdaHandler =>
  (zapier as unknown as { createAppHandler(app: object | string): LambdaHandler }).createAppHandler(
    app,
  );

/** The event Zapier sends for one step; `method` is the app path, such as `creates.x.operation.perform`. */
export const executeEvent = (
  method: string,
  bundle: Partial<Bundle>,
  rpc: Pick<ZapierRpc, 'url' | 'token' | 'logUrl'>,
): Record<string, unknown> => ({
  command: 'execute',
  method,
  bundle,
  rpc_base: rpc.url,
  token: rpc.token,
  // Core copies this into process.env before it creates the run's logger, as on Zapier.
  environment: { LOGGING_ENDPOINT: rpc.logUrl },
});

/** Runs one step and answers what it returned (what Zapier reads as the step's output). */
export const execute = async (
  handler: LambdaHandler,
  rpc: Pick<ZapierRpc, 'url' | 'token' | 'logUrl'>,
  method: string,
  bundle: Partial<Bundle>,
): Promise<unknown> => (await handler(executeEvent(method, bundle, rpc))).results;
