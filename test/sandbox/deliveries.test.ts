import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEFAULT_CREDENTIALS, signature, startSandbox } from '../../sandbox/index.js';
import type { Notification } from '../../sandbox/index.js';
import { activeWebhook, call, startReceiver, useReceivers } from './support.js';
import type { Receiver } from './support.js';
import { useSandbox } from '../support/sandbox.js';

/** At-least-once delivery, retries, and every delivery fault, seen from a real receiver. */

const SECRET = DEFAULT_CREDENTIALS.webhookSecret;
const env = useSandbox({ profile: 'generous', delivery: { attempts: 4, baseDelayMs: 1 } });
afterEach(() => env.sandbox.deliveryFaults.clear());
const { start, subscribed } = useReceivers(env);

const validSignature = (headers: http.IncomingHttpHeaders) =>
  headers['x-proabono-signature'] ===
  createHash('sha256')
    .update(String(headers['x-proabono-key']) + SECRET)
    .digest('base64');

const notificationIds = (target: Receiver) =>
  target.received.map((delivery) => (delivery.body as Notification).Id);

describe('signature', () => {
  it('is base64 of the raw SHA-256 digest of key + secret', () => {
    expect(signature('key-1', 'secret')).toBe(
      createHash('sha256').update('key-1secret').digest('base64'),
    );
  });
});

describe('at-least-once delivery', () => {
  it('retries a failing receiver with the same body and key until it answers 2xx', async () => {
    let failures = 2;
    const { target } = await subscribed(() => (failures-- > 0 ? 500 : 200));
    const notification = env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await env.sandbox.idle();
    expect(target.received.map((d) => d.body)).toEqual([notification, notification, notification]);
    const keys = new Set(target.received.map((d) => d.headers['x-proabono-key']));
    expect(keys.size).toBe(1);
    expect(target.received.every((d) => validSignature(d.headers))).toBe(true);
    expect(
      env.sandbox.deliveries().map(({ attempt, status, kind, forged, retryInMs }) => ({
        attempt,
        status,
        kind,
        forged,
        retryInMs,
      })),
    ).toEqual([
      // Exponential backoff: the delay doubles after each failure (base 1 ms here).
      { attempt: 1, status: 500, kind: 'notification', forged: false, retryInMs: 1 },
      { attempt: 2, status: 500, kind: 'notification', forged: false, retryInMs: 2 },
      { attempt: 3, status: 200, kind: 'notification', forged: false, retryInMs: null },
    ]);
  });

  it('gives up after the configured number of attempts', async () => {
    const { target } = await subscribed(() => 503);
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await env.sandbox.idle();
    expect(target.received).toHaveLength(4);
    expect(env.sandbox.deliveries().map((d) => [d.attempt, d.retryInMs])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
      [4, null],
    ]);
  });

  it('stops at once on 410, the answer of a Zapier subscription that is gone', async () => {
    const { target } = await subscribed(() => 410);
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await env.sandbox.idle();
    expect(target.received).toHaveLength(1);
    expect(env.sandbox.deliveries()).toMatchObject([{ attempt: 1, status: 410 }]);
  });

  it('retries after a dropped connection', async () => {
    let dropped = false;
    const { target } = await subscribed(() => {
      if (dropped) return 200;
      dropped = true;
      return 'hang-up';
    });
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await env.sandbox.idle();
    expect(target.received).toHaveLength(2);
    const [first, second] = env.sandbox.deliveries();
    expect(first).toMatchObject({ attempt: 1, status: null });
    expect(first?.error).toEqual(expect.any(String));
    expect(second).toMatchObject({ attempt: 2, status: 200, error: null });
  });

  it('retries when nothing listens, then gives up', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await call(env.sandbox, 'POST', '/backoffice/Notification/Webhooks', {
      body: { Url: `http://127.0.0.1:${port}/gone`, IdBusiness: 42, Triggers: ['CustomerAdded'] },
    });
    await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks/5001/Verification', {
      query: { sendCode: true },
    });
    await env.sandbox.idle();
    expect(env.sandbox.deliveries().map((d) => [d.attempt, d.status])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
    ]);
    expect(env.sandbox.deliveries()[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it('still delivers when http.request only understands (options, callback), as core patches it', async () => {
    const receiver = await start();
    const original = http.request;
    const twoArguments = (
      options: http.RequestOptions,
      callback?: (res: http.IncomingMessage) => void,
    ) => original(options, callback);
    Object.assign(http, { request: twoArguments });
    try {
      expect(await env.sandbox.deliverRaw(receiver.url, { Code: 'X' })).toBe(200);
    } finally {
      Object.assign(http, { request: original });
    }
  });

  it('never sends anything off this machine', async () => {
    const status = await env.sandbox.deliverRaw('http://192.0.2.10/hook', { Code: 'X' });
    expect(status).toBe(0);
    expect(env.sandbox.deliveries()).toMatchObject([
      { status: null, error: 'not sent: the sandbox delivers only to http:// loopback addresses' },
    ]);
  });

  it('stops retrying for a webhook deleted in the meantime', async () => {
    let answerFirst: (status: number) => void = () => undefined;
    const first = new Promise<number>((resolve) => {
      answerFirst = resolve;
    });
    const { target } = await subscribed(() => first);
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await call(env.sandbox, 'DELETE', '/backoffice/Notification/Webhooks/5001');
    // The first attempt fails only after the webhook is gone: no retry may follow.
    answerFirst(500);
    await env.sandbox.idle();
    expect(target.received).toHaveLength(1);
    expect(env.sandbox.deliveries()).toMatchObject([{ attempt: 1, status: 500 }]);
  });
});

describe('delivery faults', () => {
  it('duplicate(2) delivers every notification twice', async () => {
    const { target } = await subscribed();
    env.sandbox.deliveryFaults.duplicate(2);
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    env.sandbox.emitBillingAddressUpdated('cust-de-002');
    await env.sandbox.idle();
    expect(notificationIds(target).sort()).toEqual(['trg_1', 'trg_1', 'trg_2', 'trg_2']);
    const copies = new Map<number, number>();
    for (const { delivery } of env.sandbox.deliveries()) {
      copies.set(delivery, (copies.get(delivery) ?? 0) + 1);
    }
    expect([...copies.values()]).toEqual([2, 2]);
  });

  it('holdAndReverse() keeps deliveries back, then sends them newest first', async () => {
    const { target } = await subscribed();
    const held = env.sandbox.deliveryFaults.holdAndReverse();
    for (const reference of ['cust-fr-001', 'cust-de-002', 'cust-es-003']) {
      env.sandbox.emitBillingAddressUpdated(reference);
    }
    await env.sandbox.idle();
    expect(target.received).toEqual([]);
    await held.release();
    await env.sandbox.idle();
    expect(notificationIds(target)).toEqual(['trg_3', 'trg_2', 'trg_1']);
    env.sandbox.emitBillingAddressUpdated('cust-gb-004');
    await env.sandbox.idle();
    expect(notificationIds(target)).toEqual(['trg_3', 'trg_2', 'trg_1', 'trg_4']);
  });

  it('drops held deliveries on reset, even if released afterwards', async () => {
    const { target } = await subscribed();
    const held = env.sandbox.deliveryFaults.holdAndReverse();
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    env.sandbox.reset();
    await held.release();
    await env.sandbox.idle();
    expect(target.received).toEqual([]);
    expect(env.sandbox.deliveries()).toEqual([]);
  });

  it('forgeNext(n) signs the next n deliveries with the wrong secret', async () => {
    const { target } = await subscribed();
    env.sandbox.deliveryFaults.forgeNext(2);
    for (const reference of ['cust-fr-001', 'cust-de-002', 'cust-es-003']) {
      env.sandbox.emitBillingAddressUpdated(reference);
      await env.sandbox.idle();
    }
    expect(target.received.map((d) => validSignature(d.headers))).toEqual([false, false, true]);
    expect(env.sandbox.deliveries().map((d) => d.forged)).toEqual([true, true, false]);
  });

  it('clear() ends duplication and sends held deliveries in their original order', async () => {
    const { target } = await subscribed();
    env.sandbox.deliveryFaults.duplicate(3);
    env.sandbox.deliveryFaults.holdAndReverse();
    env.sandbox.deliveryFaults.clear();
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await env.sandbox.idle();
    expect(notificationIds(target)).toEqual(['trg_1']);

    env.sandbox.deliveryFaults.holdAndReverse();
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    env.sandbox.emitBillingAddressUpdated('cust-de-002');
    env.sandbox.deliveryFaults.clear();
    await env.sandbox.idle();
    expect(notificationIds(target).slice(1).sort()).toEqual(['trg_2', 'trg_3']);
  });

  it('deliverRaw() injects any body, signed unless headers override the signature', async () => {
    const receiver = await start();
    const verification = { Code: 'INJECTED1', IdWebhook: 5001 };
    expect(await env.sandbox.deliverRaw(receiver.url, verification)).toBe(200);
    const foreign = { Id: 'trg_900', TypeTrigger: 'InvoiceDebitPaid' };
    await env.sandbox.deliverRaw(receiver.url, foreign, { 'X-ProAbono-Signature': 'forged' });
    const [first, second] = receiver.received;
    expect(first?.body).toEqual(verification);
    expect(validSignature(first?.headers ?? {})).toBe(true);
    expect(second?.body).toEqual(foreign);
    expect(second?.headers['x-proabono-signature']).toBe('forged');
    expect(env.sandbox.deliveries().map((d) => d.kind)).toEqual(['raw', 'raw']);
  });

  it('emitEvent() delivers a foreign event type only to its subscribers', async () => {
    const { target } = await subscribed();
    env.sandbox.emitEvent('CustomerSuspended', 'cust-fr-001');
    await env.sandbox.idle();
    expect(target.received).toEqual([]);
    expect(env.sandbox.events().map((event) => event.TypeTrigger)).toEqual(['CustomerSuspended']);
  });
});

describe('close()', () => {
  it('cancels pending retries and leaves idle() resolved', async () => {
    const own = await startSandbox({ delivery: { attempts: 5, baseDelayMs: 60_000 } });
    // The verification handshake succeeds; every notification after it fails.
    const failing = await startReceiver((index) => (index === 0 ? 200 : 500));
    try {
      await activeWebhook(own, failing.url);
      own.emitBillingAddressUpdated('cust-fr-001');
      for (let spins = 0; spins < 10_000; spins += 1) {
        if (own.deliveries().some((d) => d.kind === 'notification')) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await own.close();
      await own.idle();
      expect(own.deliveries().filter((d) => d.kind === 'notification')).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });
});
