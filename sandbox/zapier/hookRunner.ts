import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import zapier from 'zapier-platform-core';
import type { Bundle } from 'zapier-platform-core';

import { loggableHeaders, parseBody, readBody, writeReply } from '../http.js';
import { ZAP_RUN_META, deliveryBundle, performOf } from './zapierHarness.js';
import type { Delivery } from './zapierHarness.js';
import { appHandler, execute } from './zapierRuntime.js';
import type { ZapierRpc } from './zapierRpc.js';

/*
 * Plays Zapier's side of an instant (REST hook) trigger, generic over any app and trigger key:
 * it serves a target URL on loopback, acknowledges each delivery at once, then runs the trigger's
 * `perform` through zapier-platform-core's own app runtime with a bundle shaped like Zapier's.
 */

interface HookRunnerOptions {
  /** The app definition (what index.ts exports). */
  app: object;
  triggerKey: string;
  authData: Record<string, string>;
  /** Answer 500 to the first `failNext` deliveries. */
  failNext?: number;
  /** What the user set in the trigger's input fields, handed to every method as `inputData`. */
  inputData?: Record<string, unknown>;
  /**
   * Run as Zapier does: every delivery at once, each in its own invocation of core's Lambda
   * handler, with z.cache behind this RPC stand-in (which honours `nx`, unlike core's test
   * double). Without it, deliveries run one after the other through core's app tester.
   */
  rpc?: Pick<ZapierRpc, 'url' | 'token' | 'logUrl'>;
}

interface ReceivedRequest {
  /** What the runner answered. */
  status: number;
  method: string;
  /** Lower-case names, as received. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when not JSON. */
  body: unknown;
}

interface PerformError {
  /** Index of the delivery in `received`. */
  received: number;
  message: string;
  error: unknown;
}

export interface HookRunner {
  /** `http://127.0.0.1:PORT/hooks/<random>` */
  targetUrl: string;
  /** Runs performSubscribe with `bundle.targetUrl`; its result becomes `subscribeData`. */
  subscribe(): Promise<unknown>;
  /** Marks the subscription gone (later deliveries get 410), then runs performUnsubscribe. */
  unsubscribe(): Promise<unknown>;
  /** Runs performList (Zapier's "load sample"); `meta` is merged over the defaults. */
  list(meta?: Partial<Bundle['meta']>): Promise<unknown[]>;
  /** Whatever performSubscribe returned so far; undefined until it has returned. */
  readonly subscribeData: unknown;
  /** Every record perform returned, in arrival order. */
  records: Record<string, unknown>[];
  /** Every HTTP request the target URL received. */
  received: ReceivedRequest[];
  /** Every error perform threw (or a result that was not an array). */
  errors: PerformError[];
  /** Answer 500 to the next `count` deliveries, before running perform. */
  failNext(count: number): void;
  /** Resolves when every accepted delivery has been performed. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Checks that the app has this trigger and that it is a REST hook. */
const requireHook = (app: object, triggerKey: string): void => {
  const triggers = (app as { triggers?: Record<string, { operation?: { type?: unknown } }> })
    .triggers;
  const operation = triggers?.[triggerKey]?.operation;
  if (!operation) throw new Error(`The app has no trigger "${triggerKey}"`);
  if (operation.type !== 'hook') throw new Error(`The trigger "${triggerKey}" is not a hook`);
};

export const startHookRunner = async (options: HookRunnerOptions): Promise<HookRunner> => {
  const { app, triggerKey, authData } = options;
  requireHook(app, triggerKey);
  // One tester for the runner's life: its z.cache test double persists across deliveries.
  const appTester = zapier.createAppTester(app);
  const { rpc } = options;
  const handler = rpc === undefined ? undefined : appHandler(app);
  const hookPath = `/hooks/${randomBytes(8).toString('hex')}`;

  let subscribeData: unknown;
  let gone = false;
  let failures = options.failNext ?? 0;
  let queue: Promise<void> = Promise.resolve();
  /** Requests still being read: not yet queued, but idle() must wait for them. */
  const arriving = new Set<Promise<void>>();
  const records: Record<string, unknown>[] = [];
  const received: ReceivedRequest[] = [];
  const errors: PerformError[] = [];

  const run = (name: string, bundle: Partial<Bundle>): Promise<unknown> => {
    const full = { authData: { ...authData }, inputData: { ...options.inputData }, ...bundle };
    const method = performOf(app, 'triggers', triggerKey, name);
    if (handler === undefined || rpc === undefined) return appTester(method, full);
    return execute(handler, rpc, `triggers.${triggerKey}.operation.${name}`, full);
  };

  const perform = async (index: number, delivery: Delivery) => {
    try {
      const result = await run('perform', deliveryBundle({ targetUrl, subscribeData }, delivery));
      if (!Array.isArray(result)) {
        errors.push({ received: index, message: 'perform did not return an array', error: result });
        return;
      }
      records.push(...(result as Record<string, unknown>[]));
    } catch (error) {
      errors.push({
        received: index,
        message: error instanceof Error ? error.message : String(error),
        error,
      });
    }
  };

  const server = http.createServer((req, res) => {
    res.on('error', () => undefined);
    const handling = (async () => {
      const url = new URL(req.url ?? '/', 'http://runner.invalid');
      const content = await readBody(req);
      if (url.pathname !== hookPath) {
        writeReply(res, { status: 404, json: { status: 'not found' } });
        return;
      }
      const { body, isJson } = parseBody(content);
      const headers = loggableHeaders(req.headers, []);
      let status = 200;
      if (gone) status = 410;
      else if (failures > 0) {
        failures -= 1;
        status = 500;
      }
      const index = received.push({ status, method: req.method ?? 'POST', headers, body }) - 1;
      // Zapier acknowledges first and runs the Zap afterwards.
      writeReply(res, {
        status,
        json: status === 200 ? { status: 'success' } : { status: 'error' },
      });
      if (status !== 200) return;
      const delivery: Delivery = {
        body: isJson ? body : content,
        content,
        headers,
        method: req.method ?? 'POST',
        querystring: url.search.replace(/^\?/, ''),
      };
      if (rpc === undefined) {
        queue = queue.then(() => perform(index, delivery));
      } else {
        const running = perform(index, delivery);
        queue = Promise.all([queue, running]).then(() => undefined);
      }
    })().catch(() => undefined);
    arriving.add(handling);
    void handling.finally(() => arriving.delete(handling));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const targetUrl = `http://127.0.0.1:${port}${hookPath}`;

  const runner: HookRunner = {
    targetUrl,
    get subscribeData() {
      return subscribeData;
    },
    records,
    received,
    errors,
    subscribe: async () => {
      gone = false;
      subscribeData = await run('performSubscribe', { targetUrl, meta: { ...ZAP_RUN_META } });
      return subscribeData;
    },
    unsubscribe: async () => {
      gone = true;
      return run('performUnsubscribe', {
        targetUrl,
        subscribeData: subscribeData as Bundle['subscribeData'],
        meta: { ...ZAP_RUN_META },
      });
    },
    list: async (meta = {}) => {
      const result = await run('performList', {
        targetUrl,
        subscribeData: subscribeData as Bundle['subscribeData'],
        meta: { ...ZAP_RUN_META, isLoadingSample: true, ...meta },
      });
      if (!Array.isArray(result)) throw new Error('performList did not return an array');
      return result as unknown[];
    },
    failNext: (count) => {
      failures = count;
    },
    idle: async () => {
      // Deliveries may arrive while we wait: wait until nothing is arriving or queued.
      let current: Promise<void>;
      do {
        await Promise.all(arriving);
        current = queue;
        await current;
      } while (current !== queue || arriving.size > 0);
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      // Deliveries already accepted finish their perform: nothing is left running afterwards.
      await runner.idle();
    },
  };
  return runner;
};
