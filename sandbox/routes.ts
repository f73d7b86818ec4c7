import type { Query, Reply } from './http.js';

/*
 * A minimal router, so each API file reads as a table of its endpoints: a verb and a path
 * pattern, matched without regard to case as ASP.NET does.
 */

/** One API request as a handler sees it. */
export interface RouteRequest {
  method: string;
  /** The path below the API's prefix, as received (`/Customers`, `/Notification/Webhooks/5001`). */
  path: string;
  query: Query;
  /** Parsed JSON, the raw text when not JSON, undefined when empty. */
  body: unknown;
  bodyIsJson: boolean;
  /** The groups the route's pattern captured. */
  params: string[];
}

type Handler = (request: RouteRequest) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  /** Matched against the path below the prefix, without regard to case. */
  pattern: RegExp;
  handler: Handler;
}

export const route = (method: string, pattern: string, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^${pattern}/?$`, 'i'),
  handler,
});

/** The route for a request, or why there is none (unknown path, or known path with another verb). */
export const findRoute = (
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | 'not-found' | 'method-not-allowed' => {
  let pathKnown = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (candidate.method === method) {
      return { route: candidate, params: match.slice(1).map((group) => group ?? '') };
    }
  }
  return pathKnown ? 'method-not-allowed' : 'not-found';
};
