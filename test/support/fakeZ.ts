import type { Bundle, ZObject } from 'zapier-platform-core';

import { AUTH } from './app.js';

/** A request as a perform sent it: the URL without its query, the query decoded, the JSON body parsed. */
interface FakeRequest {
  method: string;
  url: string;
  params: Record<string, unknown>;
  body: unknown;
}

interface FakeReply {
  status: number;
  data?: unknown;
}

/**
 * A `z` whose only transport records each request and answers from `reply`, for property tests
 * of a perform's own logic: thousands of runs in a second, no middleware, no network (its cache
 * is its own, its console silent).
 */
export const fakeZ = (reply: (request: FakeRequest) => FakeReply) => {
  const requests: FakeRequest[] = [];
  const request = (options: {
    method: string;
    url: string;
    params?: Record<string, unknown>;
    body?: string;
  }) => {
    // The client encodes the query into the URL itself (core's `params` would rewrite `{{…}}`).
    const url = new URL(options.url);
    const sent: FakeRequest = {
      method: options.method,
      url: `${url.origin}${url.pathname}`,
      params: { ...Object.fromEntries(url.searchParams), ...options.params },
      body: options.body === undefined ? undefined : JSON.parse(options.body),
    };
    requests.push(sent);
    const { status, data } = reply(sent);
    return Promise.resolve({
      status,
      data,
      content: data === undefined ? '' : JSON.stringify(data),
      headers: {},
      getHeader: () => undefined,
      request: options,
    });
  };
  // A cache of its own for each z, for the steps that hold a key while they work.
  const { cache } = productionLikeZ().z;
  const console = { log: () => undefined };
  return { z: { request, cache, console } as unknown as ZObject, requests };
};

export const bundleWith = (inputData: Record<string, unknown>): Bundle =>
  ({ authData: { ...AUTH }, inputData }) as unknown as Bundle;

/** Runs a perform and tells how it ended, without letting a thrown value escape untyped. */
export const outcomeOf = async <T>(
  run: () => Promise<T>,
): Promise<{ result: T } | { error: unknown }> => {
  try {
    return { result: await run() };
  } catch (error) {
    return { error };
  }
};

/** The property every operation keeps when it refuses an input: an AppError, and nothing sent. */
export const expectRefusedBeforeAnyRequest = (error: unknown, requests: FakeRequest[]): void => {
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('AppError');
  expect(requests).toHaveLength(0);
};

/** How a perform ended on one input: refused (before any request: checked), or its result. */
type FakeRun<T> = { requests: FakeRequest[] } & ({ refused: true } | { refused: false; result: T });

/**
 * Runs `perform` on `inputData` with a `fakeZ` answering `reply`: the requests it sent, and its
 * result, or `refused` when it threw, which must be an AppError before any request.
 */
export const runWithFakeZ = async <T>(
  perform: (z: ZObject, bundle: Bundle) => Promise<T>,
  inputData: Record<string, unknown>,
  reply: (request: FakeRequest) => FakeReply,
): Promise<FakeRun<T>> => {
  const { z, requests } = fakeZ(reply);
  const outcome = await outcomeOf(() => perform(z, bundleWith(inputData)));
  if ('error' in outcome) {
    expectRefusedBeforeAnyRequest(outcome.error, requests);
    return { requests, refused: true };
  }
  return { requests, refused: false, result: outcome.result };
};

/** The one request sent, checked to be the only one, with this method and URL (without query). */
export const theOnlyRequest = (requests: FakeRequest[], method: string, url: string) => {
  expect(requests).toHaveLength(1);
  const [request] = requests as [FakeRequest];
  expect(request.method).toBe(method);
  expect(request.url).toBe(url);
  return request;
};

/**
 * A z.cache that behaves like production: `nx` writes only when the key is absent, and each call
 * yields to the event loop like an RPC would, so concurrent deliveries really interleave.
 */
export const productionLikeZ = () => {
  const store = new Map<string, string>();
  const calls: unknown[][] = [];
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const cache = {
    get: async (key: string) => {
      await tick();
      const value = store.get(key);
      return value === undefined ? null : (JSON.parse(value) as unknown);
    },
    set: async (key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean) => {
      calls.push(['set', key, value, ttl, scope, nx]);
      await tick();
      if (nx && store.has(key)) return false;
      store.set(key, JSON.stringify(value));
      return true;
    },
    delete: async (key: string) => {
      calls.push(['delete', key]);
      await tick();
      return store.delete(key);
    },
  };
  return { z: { cache } as unknown as ZObject, store, calls };
};

/** A call of a broken z.cache: core's RPC client fails so when Zapier's cache cannot answer. */
const cacheFailure = () => Promise.reject(new TypeError('Cannot read properties of undefined'));

/** A z.cache every call of which fails. */
export const FAILING_CACHE = { get: cacheFailure, set: cacheFailure, delete: cacheFailure };

/**
 * `perform` run with z.cache's methods replaced by `cache`'s: a failing cache, or one shared by
 * runs at once that honours `nx` (`productionLikeZ().z.cache`).
 */
export const withZCache =
  <T>(
    perform: (z: ZObject, bundle: Bundle) => Promise<T>,
    cache: Partial<Record<'get' | 'set' | 'delete', unknown>>,
  ) =>
  (z: ZObject, bundle: Bundle): Promise<T> => {
    Object.assign(z.cache, cache);
    return perform(z, bundle);
  };
