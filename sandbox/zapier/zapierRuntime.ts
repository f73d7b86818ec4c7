import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import AdmZip from 'adm-zip';
import zapier from 'zapier-platform-core';
import type { Bundle } from 'zapier-platform-core';

import type { ZapierRpc } from './zapierRpc.js';

/*
 * Runs an app the way Zapier's Lambda does: one handler for the process, called with an `execute`
 * event per step, its z.cache behind Zapier's RPC (here the loopback stand-in of zapierRpc.ts).
 * The handler can be core's, built over an app object in this process, or the one an unzipped
 * build.zip exports from its `zapierwrapper.js`, run in a process of its own (`startArtifact`).
 */

type LambdaHandler = (event: Record<string, unknown>) => Promise<{ results?: unknown }>;

/** zapier-platform-core's handler over an app definition or the path of a module exporting one. */
export const appHandler = (app: object | string): LambdaHandler =>
  (zapier as unknown as { createAppHandler(app: object | string): LambdaHandler }).createAppHandler(
    app,
  );

/**
 * The event Zapier sends for one step; `method` is the app path, such as
 * `creates.x.operation.perform`. `environment` holds the app's environment variables (what
 * `zapier-platform env:set` stores), which core copies into process.env before the step runs.
 */
const executeEvent = (
  method: string,
  bundle: Partial<Bundle>,
  rpc: Pick<ZapierRpc, 'url' | 'token' | 'logUrl'>,
  environment: Record<string, string> = {},
): Record<string, unknown> => ({
  command: 'execute',
  method,
  bundle,
  rpc_base: rpc.url,
  token: rpc.token,
  // Core creates the run's logger from process.env, after copying this in, as on Zapier.
  environment: { ...environment, LOGGING_ENDPOINT: rpc.logUrl },
});

/** Runs one step and answers what it returned (what Zapier reads as the step's output). */
export const execute = async (
  handler: LambdaHandler,
  rpc: Pick<ZapierRpc, 'url' | 'token' | 'logUrl'>,
  method: string,
  bundle: Partial<Bundle>,
  environment?: Record<string, string>,
): Promise<unknown> => (await handler(executeEvent(method, bundle, rpc, environment))).results;

/**
 * Zapier's side of an app it only knows from its definition.json (an unzipped build.zip): every
 * function of the definition (`$func$2$f$`) becomes one that sends its own path, such as
 * `triggers.x.operation.perform`, with the bundle to `run`. Tools that drive an app object, such
 * as the hook runner, can then drive the build. Middleware is left out: it runs inside the build.
 */
export const forwardingApp = (
  definition: Record<string, unknown>,
  run: (method: string, bundle: Partial<Bundle>) => Promise<unknown>,
): Record<string, unknown> => {
  const forward = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'string' && /^\$func\$\d+\$f\$$/.test(value)) {
      const method = path.join('.');
      // A JSON copy: what reaches the build is what Zapier would serialise into the event.
      return (_z: unknown, bundle: Partial<Bundle>) =>
        run(method, JSON.parse(JSON.stringify(bundle)) as Partial<Bundle>);
    }
    if (Array.isArray(value))
      return value.map((item, index) => forward(item, [...path, `${index}`]));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [key, forward(inner, [...path, key])]),
      );
    }
    return value;
  };
  const { beforeRequest: _before, afterResponse: _after, ...rest } = definition;
  return forward(rest, []) as Record<string, unknown>;
};

/*
 * A fresh Node process that imports an unzipped build's `zapierwrapper.js`, as a Lambda container
 * does, and runs each event it is sent through the wrapper's handler. It reports how long the
 * import took and how much its memory grew, how long each call took (measured inside, without the
 * messaging), and, when asked to record, the URL of every module it loaded.
 */
const ARTIFACT_PROCESS = `
const [wrapper, record] = process.argv.slice(1);
const loaded = [];
if (record === 'record') {
  // Node 22.15 and later: one synchronous hook sees every import and require.
  const { registerHooks } = await import('node:module');
  registerHooks({ load: (url, context, next) => (loaded.push(url), next(url, context)) });
}
const rss = process.memoryUsage().rss;
const started = performance.now();
const { handler } = await import(wrapper);
process.send({ ready: true, importMs: performance.now() - started, rssBytes: process.memoryUsage().rss - rss });
process.on('message', async ({ id, event }) => {
  if (event === undefined) return process.send({ id, ok: true, output: loaded });
  const started = performance.now();
  try {
    const output = await handler(event, {});
    process.send({ id, ok: true, output, ms: performance.now() - started });
  } catch (error) {
    const { name = 'Error', message = String(error) } = error ?? {};
    process.send({ id, ok: false, error: { name, message }, ms: performance.now() - started });
  }
});
`;

interface ArtifactOptions {
  /** The process's whole environment (default: PATH only, as a clean container). */
  env?: Record<string, string>;
  /** Record every module the process loads (for `modules()`). */
  recordModules?: boolean;
}

export interface Artifact {
  handler: LambdaHandler;
  /** The cold start: importing zapierwrapper.js in the fresh process. */
  importMs: number;
  /** How much the process's resident memory grew during that import. */
  rssBytes: number;
  /** How long each handler call took inside the process, in call order (ms). */
  callMs: number[];
  /** The URL of every module loaded so far (`file:` and `node:`); needs `recordModules`. */
  modules(): Promise<string[]>;
  /** Ends the process. */
  close(): Promise<void>;
}

interface ArtifactReply {
  id: number;
  ok: boolean;
  output?: unknown;
  error?: { name: string; message: string };
  ms?: number;
}

/** Starts the build unzipped in `dir` (its working directory) and resolves once it is imported. */
export const startArtifact = async (
  dir: string,
  options: ArtifactOptions = {},
): Promise<Artifact> => {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      ARTIFACT_PROCESS,
      pathToFileURL(join(dir, 'zapierwrapper.js')).href,
      options.recordModules ? 'record' : '',
    ],
    {
      cwd: dir,
      env: options.env ?? { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  // Lambda sends stdout to its logs; here it is drained, and the end of stderr kept for a crash.
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const pending = new Map<
    number,
    { resolve(reply: ArtifactReply): void; reject(error: Error): void }
  >();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const crash = () =>
    new Error(`The build's process ended (exit ${child.exitCode ?? child.signalCode}):\n${stderr}`);
  void exited.then(() => {
    for (const { reject } of pending.values()) reject(crash());
    pending.clear();
  });

  const ready = await new Promise<{ importMs: number; rssBytes: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { importMs: number; rssBytes: number }));
    void exited.then(() => reject(crash()));
  });
  child.on('message', (message) => {
    const reply = message as ArtifactReply;
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });

  let nextId = 0;
  const send = (event?: Record<string, unknown>) =>
    new Promise<ArtifactReply>((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      child.send({ id: nextId, event });
    });

  const callMs: number[] = [];
  return {
    ...ready,
    callMs,
    handler: async (event) => {
      const reply = await send(event);
      if (reply.ms !== undefined) callMs.push(reply.ms);
      if (!reply.ok)
        throw Object.assign(new Error(reply.error?.message), { name: reply.error?.name });
      return reply.output as { results?: unknown };
    },
    modules: async () => (await send()).output as string[],
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
};

/** Unzips a build.zip into `dir`, as Lambda deploys it. */
export const unzipBuild = (zipPath: string, dir: string): void => {
  new AdmZip(zipPath).extractAllTo(dir, true);
};
