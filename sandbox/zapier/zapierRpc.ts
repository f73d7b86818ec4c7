import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { isObject, readBody, writeReply } from '../http.js';

/*
 * Zapier's RPC service, as an app's runtime reaches it, on loopback. zapier-platform-core sends
 * `z.cache` calls there (`zcache_get`, `zcache_set`, `zcache_delete`) when the event carries
 * `rpc_base` and `token`. Core's own test double (`zcacheTestObj`) ignores `nx` and TTL, so two
 * deliveries racing for one claim would both win there; this stand-in honours both, as Zapier's
 * cache does, so concurrency tests and the artifact test see production semantics.
 */

interface RpcCall {
  method: string;
  params: unknown[];
}

interface ZapierRpcOptions {
  /** The cache's clock, in milliseconds (TTL expiry). */
  now?: () => number;
}

export interface ZapierRpc {
  /** What the event's `rpc_base` must be. */
  url: string;
  /** Zapier's log service (`LOGGING_ENDPOINT`): core streams every log line of a run there. */
  logUrl: string;
  /** What the event's `token` must be; calls with another token are refused. */
  token: string;
  /** Every call accepted, oldest first. */
  calls: RpcCall[];
  /** Every line core sent to the log service, oldest first, as sent (JSON text). */
  logLines: string[];
  /** What z.cache holds now, parsed; expired entries are gone. */
  entries(): Map<string, unknown>;
  /** Stores a value as `z.cache.set` would, for a test to start from a given cache. */
  seed(key: string, value: unknown, ttlSeconds?: number): void;
  /**
   * Holds every later call of `method` whose params `match` until `release()`: a test can make one
   * delivery's cache call wait while another runs. `reached` resolves when a call is held.
   */
  hold(
    method: string,
    match?: (params: unknown[]) => boolean,
  ): { reached: Promise<void>; release(): void };
  /**
   * Answers the next `count` calls of `method` whose params `match` with an RPC error, as a
   * failing cache would: core's z.cache then throws.
   */
  failNext(method: string, count: number, match?: (params: unknown[]) => boolean): void;
  close(): Promise<void>;
}

interface Stored {
  /** The JSON text core sent. */
  value: string;
  /** Epoch ms, or null for no expiry. */
  expiresAt: number | null;
}

const LOG_PATH = '/input';

const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

export const startZapierRpc = async (options: ZapierRpcOptions = {}): Promise<ZapierRpc> => {
  const now = options.now ?? Date.now;
  const token = randomBytes(12).toString('hex');
  const store = new Map<string, Stored>();
  const calls: RpcCall[] = [];
  const logLines: string[] = [];
  const holds: {
    method: string;
    match: (params: unknown[]) => boolean;
    gate: Promise<void>;
    reach: () => void;
  }[] = [];
  const failures: { method: string; left: number; match: (params: unknown[]) => boolean }[] = [];

  /** True when a planned failure takes this call (and counts it). */
  const failing = (method: string, params: unknown[]): boolean => {
    const failure = failures.find(
      (planned) => planned.method === method && planned.left > 0 && planned.match(params),
    );
    if (failure) failure.left -= 1;
    return failure !== undefined;
  };

  const live = (key: string): Stored | undefined => {
    const entry = store.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now()) {
      store.delete(key);
      return undefined;
    }
    return entry;
  };

  /** Core scopes a key by user or auth with `scope`; the stand-in keeps one namespace per scope. */
  const scoped = (key: unknown, scope: unknown): string =>
    Array.isArray(scope) && scope.length > 0 ? `${scope.join('+')}:${String(key)}` : String(key);

  const execute = (method: string, params: unknown[]): unknown => {
    if (method === 'zcache_get') {
      const [key, scope] = params;
      return live(scoped(key, scope))?.value ?? null;
    }
    if (method === 'zcache_set') {
      const [key, value, ttl, scope, nx] = params;
      const name = scoped(key, scope);
      if (nx === true && live(name) !== undefined) return false;
      store.set(name, {
        value: String(value),
        expiresAt: isInteger(ttl) && ttl > 0 ? now() + ttl * 1000 : null,
      });
      return true;
    }
    if (method === 'zcache_delete') {
      const [key, scope] = params;
      const name = scoped(key, scope);
      const existed = live(name) !== undefined;
      store.delete(name);
      return existed;
    }
    throw new Error(`The RPC stand-in does not implement ${method}`);
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      if (req.url === LOG_PATH) {
        logLines.push(...raw.split('\n').filter((line) => line !== ''));
        writeReply(res, { status: 200, json: { ok: true } });
        return;
      }
      let id: unknown;
      try {
        if (req.headers['x-token'] !== token) {
          writeReply(res, { status: 401, json: { error: 'bad token' } });
          return;
        }
        const body: unknown = JSON.parse(raw);
        if (!isObject(body) || typeof body.method !== 'string' || !Array.isArray(body.params)) {
          writeReply(res, { status: 400, json: { error: 'not an RPC call' } });
          return;
        }
        id = body.id;
        const { method, params } = body as { method: string; params: unknown[] };
        const held = holds.find((hold) => hold.method === method && hold.match(params));
        if (held) {
          held.reach();
          await held.gate;
        }
        calls.push({ method, params });
        if (failing(method, params)) {
          writeReply(res, { status: 200, json: { id, error: 'The cache is unavailable' } });
          return;
        }
        writeReply(res, { status: 200, json: { id, result: execute(method, params) } });
      } catch (error) {
        writeReply(res, {
          status: 200,
          json: { id, error: error instanceof Error ? error.message : String(error) },
        });
      }
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/platform/rpc/cli`,
    logUrl: `http://127.0.0.1:${port}${LOG_PATH}`,
    token,
    calls,
    logLines,
    entries: () => {
      const result = new Map<string, unknown>();
      for (const key of [...store.keys()]) {
        const entry = live(key);
        if (entry) result.set(key, JSON.parse(entry.value) as unknown);
      }
      return result;
    },
    seed: (key, value, ttlSeconds) => {
      execute('zcache_set', [key, JSON.stringify(value), ttlSeconds ?? null, null, null]);
    },
    hold: (method, match = () => true) => {
      let release = () => undefined as void;
      let reach = () => undefined as void;
      const reached = new Promise<void>((resolve) => {
        reach = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const hold = { method, match, gate, reach };
      holds.push(hold);
      return {
        reached,
        release: () => {
          const at = holds.indexOf(hold);
          if (at >= 0) holds.splice(at, 1);
          release();
        },
      };
    },
    failNext: (method, count, match = () => true) => {
      failures.push({ method, left: count, match });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
