import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * The HTTP plumbing the sandbox's servers share (its API server and the hook runner): reading and
 * writing bodies, headers fit for a log, query parameters matched as ASP.NET matches them, and
 * the loopback checks that keep the admin interface and deliveries on this machine.
 */

/** What a route handler answers; the server writes it. */
export interface Reply {
  status: number;
  /** Serialised as JSON. Leave undefined for an empty body (204). */
  json?: unknown;
  /** Sent as is (a non-JSON body). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const reply = (status: number, json?: unknown): Reply => ({ status, json });
export const noContent = (): Reply => ({ status: 204 });

/**
 * Query parameters looked up without regard to case: ProAbono runs on ASP.NET, and its official
 * clients send `sizepage`, `sizePage` and `SizePage` alike.
 */
export class Query {
  readonly all: Record<string, string>;
  private readonly lower = new Map<string, string>();

  constructor(params: URLSearchParams) {
    this.all = {};
    for (const [name, value] of params) {
      this.all[name] = value;
      this.lower.set(name.toLowerCase(), value);
    }
  }

  get(name: string): string | undefined {
    return this.lower.get(name.toLowerCase());
  }
}

/** A property of a JSON object body, looked up without regard to case (ASP.NET model binding). */
export const property = (body: unknown, name: string): unknown => {
  if (!isObject(body)) return undefined;
  const wanted = name.toLowerCase();
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : body[key];
};

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** The parsed JSON body, the raw text when it is not JSON, or undefined when there is none. */
export const parseBody = (raw: string): { body: unknown; isJson: boolean } => {
  if (raw === '') return { body: undefined, isJson: false };
  try {
    return { body: JSON.parse(raw) as unknown, isJson: true };
  } catch {
    return { body: raw, isJson: false };
  }
};

/** Lower-case header names, one string each, without the ones a log must never keep. */
export const loggableHeaders = (
  headers: IncomingMessage['headers'],
  omit: readonly string[] = ['authorization'],
): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || omit.includes(name)) continue;
    result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
};

export const writeReply = (res: ServerResponse, answer: Reply): void => {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined;
  if (answer.text !== undefined) {
    payload = answer.text;
    headers['content-type'] ??= answer.contentType ?? 'text/html; charset=utf-8';
  } else if (answer.json !== undefined && answer.status !== 204) {
    payload = JSON.stringify(answer.json);
    headers['content-type'] ??= answer.contentType ?? 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  res.end(payload);
};

export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
};

export const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined && (address === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(address));
