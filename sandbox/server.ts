import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import type { SandboxCore } from './core.js';
import { faultReply } from './faults.js';
import {
  Query,
  isLoopbackAddress,
  loggableHeaders,
  parseBody,
  readBody,
  reply,
  writeReply,
} from './http.js';
import type { Reply } from './http.js';
import { findRoute } from './routes.js';
import type { Route } from './routes.js';

/*
 * The sandbox's one HTTP port: it checks the Basic credentials, logs every API request, applies
 * armed faults, and hands the request to the API Live, the Backoffice or the admin interface.
 */

type Area = 'live' | 'backoffice' | 'admin';

const AREAS: { prefix: string; area: Area }[] = [
  { prefix: '/v1', area: 'live' },
  { prefix: '/backoffice', area: 'backoffice' },
  { prefix: '/_admin', area: 'admin' },
];

const areaOf = (path: string): { area: Area; rest: string } | undefined => {
  const lower = path.toLowerCase();
  for (const { prefix, area } of AREAS) {
    if (lower === prefix || lower.startsWith(`${prefix}/`)) {
      return { area, rest: path.slice(prefix.length) || '/' };
    }
  }
  return undefined;
};

/**
 * The API Live answers with string codes, the Backoffice with integer ones. None of the API Live
 * codes here is documented: `inventedCodes` false leaves them out.
 */
const apiError = (
  area: Area,
  status: number,
  code: string,
  message: string,
  inventedCodes: boolean,
): Reply => {
  if (area === 'backoffice') return reply(status, { Code: status, Message: message });
  const withCode = area !== 'live' || inventedCodes;
  return reply(status, withCode ? { Code: code, Message: message } : { Message: message });
};

/** Basic auth with the Agent Key as user and the API Key as password; nothing is trimmed. */
const credentialsMatch = (header: string | undefined, agentKey: string, apiKey: string) => {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return (
    separator >= 0 &&
    decoded.slice(0, separator) === agentKey &&
    decoded.slice(separator + 1) === apiKey
  );
};

/**
 * One port for everything: the API Live under /v1, the Backoffice under /backoffice and the
 * admin interface under /_admin. Paths are matched without regard to case, as ASP.NET does.
 */
export class SandboxServer {
  readonly server: http.Server;
  private readonly closing = new AbortController();
  private adminRoutes: readonly Route[] = [];

  constructor(
    private readonly core: SandboxCore,
    private readonly liveRoutes: readonly Route[],
    private readonly backofficeRoutes: readonly Route[],
  ) {
    this.server = http.createServer((req, res) => {
      res.on('error', () => undefined);
      this.handle(req, res).catch((error: unknown) => {
        writeReply(res, {
          status: 500,
          json: {
            Code: 'Error.Api.Internal',
            Message: 'The sandbox failed to handle this request.',
            Exception: error instanceof Error ? error.message : String(error),
          },
        });
      });
    });
  }

  setAdminRoutes(routes: readonly Route[]): void {
    this.adminRoutes = routes;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  async close(): Promise<void> {
    this.closing.abort();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const { body, isJson } = parseBody(raw);
    const located = areaOf(url.pathname);
    if (!located) {
      writeReply(res, reply(404, { Code: 'Error.Api.NotFound', Message: 'Unknown path.' }));
      return;
    }
    const { area, rest } = located;
    const query = new Query(url.searchParams);

    if (area === 'admin') {
      if (!isLoopbackAddress(req.socket.remoteAddress)) {
        writeReply(res, reply(403, { Message: 'The admin interface answers loopback only.' }));
        return;
      }
      writeReply(
        res,
        await this.dispatch(area, this.adminRoutes, method, rest, query, body, isJson),
      );
      return;
    }

    this.core.requestLog.push({
      method,
      path: url.pathname,
      query: { ...query.all },
      body,
      headers: loggableHeaders(req.headers),
    });

    const fault = this.core.faults.take(method, url.pathname);
    if (fault?.latencyMs) {
      try {
        await sleep(fault.latencyMs, undefined, { signal: this.closing.signal });
      } catch {
        return;
      }
    }
    const forced = fault ? faultReply(fault) : undefined;
    if (forced) {
      writeReply(res, forced);
      return;
    }

    const { agentKey, apiKey } = this.core.options;
    let answer: Reply;
    if (!credentialsMatch(req.headers.authorization, agentKey, apiKey)) {
      answer = apiError(
        area,
        401,
        'Error.Api.Unauthorized',
        'The Agent Key and API Key are missing or do not match.',
        this.core.behaviour.inventedErrorCodes,
      );
      answer.headers = { 'www-authenticate': 'Basic realm="ProAbono"' };
    } else {
      const routes = area === 'live' ? this.liveRoutes : this.backofficeRoutes;
      answer = await this.dispatch(area, routes, method, rest, query, body, isJson);
    }
    if (fault?.headers || fault?.retryAfter !== undefined) {
      answer.headers = {
        ...answer.headers,
        ...fault.headers,
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }),
      };
    }
    writeReply(res, answer);
  }

  private async dispatch(
    area: Area,
    routes: readonly Route[],
    method: string,
    path: string,
    query: Query,
    body: unknown,
    bodyIsJson: boolean,
  ): Promise<Reply> {
    const found = findRoute(routes, method, path);
    if (found === 'not-found') {
      return apiError(
        area,
        404,
        'Error.Api.NotFound',
        `No endpoint answers ${path}.`,
        this.core.behaviour.inventedErrorCodes,
      );
    }
    if (found === 'method-not-allowed') {
      return apiError(
        area,
        405,
        'Error.Api.MethodNotAllowed',
        `${path} does not accept ${method} requests.`,
        this.core.behaviour.inventedErrorCodes,
      );
    }
    return found.route.handler({ method, path, query, body, bodyIsJson, params: found.params });
  }
}
