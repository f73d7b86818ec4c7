import type { LoggedRequest } from '../sandbox/index.js';

/*
 * The physical limit of an operation: the very requests the app made (as the sandbox logged
 * them: method, path, query, JSON body), sent with plain `fetch` and nothing else: no runtime,
 * no middleware, no schema parsing. Only the Basic header is added back, since the log leaves it out.
 */

/**
 * Node's fetch as it was when the benchmark loaded. zapier-platform-core wraps `globalThis.fetch`
 * with its logger on every invocation unless the app sets `skipHttpPatch`; the baseline must
 * never go through that wrapper.
 */
const plainFetch = globalThis.fetch;

/** False once something replaced the global fetch after the benchmark loaded. */
export const isPlainFetch = (): boolean => globalThis.fetch === plainFetch;

export interface ReplayRequest {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
}

/** One line per request for the report: `GET /v1/Customers?SizePage=1`. */
export const describeRequest = (request: Pick<LoggedRequest, 'method' | 'path' | 'query'>) => {
  const query = new URLSearchParams(request.query).toString();
  return `${request.method} ${request.path}${query === '' ? '' : `?${query}`}`;
};

/** `baseUrl` is the sandbox's `http://127.0.0.1:PORT`; logged paths are absolute from there. */
export const toReplay = (
  logged: Pick<LoggedRequest, 'method' | 'path' | 'query' | 'body'>,
  baseUrl: string,
  authorization: string,
): ReplayRequest => {
  const query = new URLSearchParams(logged.query).toString();
  const hasBody = logged.body !== undefined;
  const headers: Record<string, string> = {
    authorization,
    accept: 'application/json',
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
  };
  return {
    url: `${baseUrl}${logged.path}${query === '' ? '' : `?${query}`}`,
    init: {
      method: logged.method,
      headers,
      ...(hasBody
        ? { body: typeof logged.body === 'string' ? logged.body : JSON.stringify(logged.body) }
        : {}),
    },
  };
};

/** Sends the requests one after the other, as the app does, reading every body to the end. */
export const replay = async (requests: readonly ReplayRequest[]): Promise<void> => {
  for (const { url, init } of requests) {
    const response = await plainFetch(url, init);
    await response.arrayBuffer();
  }
};
