import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../../sandbox/index.js';
import type { SandboxFixture } from '../support/sandbox.js';
import { basicAuthorization } from '../../sandbox/zapier/zapierHarness.js';

/** Real HTTP against the sandbox on loopback, the way any client would call it. */

interface CallOptions {
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: string;
  /** `false` sends no Authorization header; a pair sends those keys. */
  auth?: false | { agentKey: string; apiKey: string };
  headers?: Record<string, string>;
}

interface CallResult {
  status: number;
  headers: Headers;
  /** The raw body text ('' when none). */
  text: string;
  /** The parsed JSON body, or undefined when empty or not JSON. */
  json: unknown;
}

export const call = async (
  sandbox: Sandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> => {
  const url = new URL(`${sandbox.url}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(name, String(value));
  }
  const credentials = options.auth ?? sandbox.authData;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (credentials)
    headers.authorization = basicAuthorization(credentials.agentKey, credentials.apiKey);
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

/**
 * A list's first page as ProAbono answers it: `Items` are all the list holds unless `TotalItems`
 * says more; with `DateGenerated` where the list gives one.
 */
export const firstPage = (
  SizePage: number,
  Items: unknown[],
  more: { TotalItems?: number; DateGenerated?: string } = {},
) => ({
  Page: 1,
  SizePage,
  Count: Items.length,
  TotalItems: more.TotalItems ?? Items.length,
  ...(more.DateGenerated === undefined ? {} : { DateGenerated: more.DateGenerated }),
  Items,
});

/** The `Id` of each item of a list answer, in its order. */
export const itemIds = (json: unknown): unknown[] =>
  (json as { Items: { Id: unknown }[] }).Items.map((item) => item.Id);

/** The `ReferenceCustomer` of each item of a customer list answer, in its order. */
export const itemReferences = (json: unknown): string[] =>
  (json as { Items: { ReferenceCustomer: string }[] }).Items.map((item) => item.ReferenceCustomer);

/**
 * The history the RewindEvents paging tests page through: 12 address notifications, 3 of
 * CustomerAdded, 3 more address ones. Gives the ids of the 15 address notifications, oldest first.
 */
export const addMixedHistory = (sandbox: Sandbox): string[] => {
  sandbox.addEvents(12);
  sandbox.addEvents(3, { typeTrigger: 'CustomerAdded' });
  sandbox.addEvents(3);
  return [...Array.from({ length: 12 }, (_, i) => `trg_${i + 1}`), 'trg_16', 'trg_17', 'trg_18'];
};

interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  close(): Promise<void>;
}

type Answer = (index: number) => number | 'hang-up' | Promise<number>;

/**
 * A webhook receiver on loopback. `answer` gives the status for the n-th request (0-based), or a
 * promise of it to hold the answer back; `'hang-up'` destroys the connection without answering.
 */
export const startReceiver = async (answer: Answer = () => 200): Promise<Receiver> => {
  const received: ReceivedDelivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      const outcome = answer(received.length);
      received.push({ headers: req.headers, body });
      if (outcome === 'hang-up') {
        req.socket.destroy();
        return;
      }
      void Promise.resolve(outcome).then((status) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
};

/**
 * The receivers of a test file's tests: `start` starts one (answering as `answer` says), and
 * `subscribed` one with an active webhook for `triggers`, which answers the verification handshake
 * with 200 and then as `answer` says; the handshake is cleared from its log and from the sandbox's
 * deliveries. Each is closed after its test, once the sandbox has stopped delivering.
 */
export const useReceivers = (fixture: SandboxFixture) => {
  const started: Receiver[] = [];
  afterEach(async () => {
    await fixture.sandbox.idle();
    await Promise.all(started.splice(0).map((receiver) => receiver.close()));
  });
  const start = async (answer?: Answer): Promise<Receiver> => {
    const receiver = await startReceiver(answer);
    started.push(receiver);
    return receiver;
  };
  const subscribed = async (answer?: Answer, triggers?: string[]) => {
    let handshakeDone = false;
    const target = await start((index) => (handshakeDone && answer ? answer(index) : 200));
    const id = await activeWebhook(fixture.sandbox, target.url, triggers);
    handshakeDone = true;
    const handshake = target.received.splice(0);
    fixture.sandbox.resetDeliveries();
    return { target, id, handshake };
  };
  return { start, subscribed };
};

/** Creates a webhook and activates it the way a client would: sendCode, then confirm. */
export const activeWebhook = async (
  sandbox: Sandbox,
  url: string,
  triggers: string[] = ['CustomerBillingAddressUpdated'],
): Promise<number> => {
  const created = await call(sandbox, 'POST', '/backoffice/Notification/Webhooks', {
    body: { Url: url, IdBusiness: Number(sandbox.authData.businessId), Triggers: triggers },
  });
  const { Id } = created.json as { Id: number };
  await call(sandbox, 'GET', `/backoffice/Notification/Webhooks/${Id}/Verification`, {
    query: { sendCode: true },
  });
  await sandbox.idle();
  const delivered = sandbox
    .deliveries()
    .filter((delivery) => delivery.kind === 'verification' && delivery.webhookId === Id)
    .at(-1);
  const code = (delivered?.body as { Code: string } | undefined)?.Code ?? '';
  await call(sandbox, 'POST', `/backoffice/Notification/Webhooks/${Id}/Verification`, {
    query: { code, echo: true },
  });
  return Id;
};
