import { activeWebhook, call, useReceivers } from './support.js';
import type { Receiver } from './support.js';
import { useSandbox } from '../support/sandbox.js';

/** `/_admin`: the same controls for another process (the benchmark, a shell). */

const env = useSandbox({ profile: 'generous', delivery: { baseDelayMs: 1 } });
afterEach(() => env.sandbox.deliveryFaults.clear());
const receivers = useReceivers(env);
let receiver: Receiver;

beforeEach(async () => {
  receiver = await receivers.start();
});

const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${env.sandbox.url}/_admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
};

const customers = () => call(env.sandbox, 'GET', '/v1/Customers', { query: { SizePage: 1 } });

it('describes the sandbox', async () => {
  expect(await admin('GET', '')).toEqual({
    status: 200,
    json: { url: env.sandbox.url, env: env.sandbox.env, authData: env.sandbox.authData },
  });
});

it('arms and clears API faults', async () => {
  expect(
    (await admin('POST', '/faults', { path: '/v1/Customers', status: 429, retryAfter: 7 })).status,
  ).toBe(204);
  const throttled = await customers();
  expect(throttled.status).toBe(429);
  expect(throttled.headers.get('retry-after')).toBe('7');

  await admin('POST', '/faults', [
    { pathRegex: 'customers$', status: 503, times: -1 },
    { status: 500 },
  ]);
  expect((await customers()).status).toBe(503);
  expect((await admin('DELETE', '/faults')).status).toBe(204);
  expect((await customers()).status).toBe(200);

  expect(await admin('POST', '/faults', { status: 1 })).toEqual({
    status: 400,
    json: { Message: 'Invalid fault rule: status must be an HTTP status code, got 1' },
  });
});

it('reads and resets the request log', async () => {
  await customers();
  const log = await admin('GET', '/requests?method=GET&path=/v1/customers');
  expect(log.json).toEqual([expect.objectContaining({ method: 'GET', path: '/v1/Customers' })]);
  expect((await admin('DELETE', '/requests')).status).toBe(204);
  expect((await admin('GET', '/requests')).json).toEqual([]);
});

it('seeds and reads customers and their stored address', async () => {
  const created = await admin('POST', '/customers', {
    ReferenceCustomer: 'cust-nl-010',
    Name: 'Daan de Vries',
    address: { City: 'Amsterdam', Country: 'NL' },
  });
  expect(created.status).toBe(200);
  expect(created.json).toMatchObject({ ReferenceCustomer: 'cust-nl-010', Id: 233706 });
  expect((await admin('GET', '/customers/cust-nl-010')).json).toMatchObject({
    Name: 'Daan de Vries',
  });
  expect((await admin('GET', '/customers/cust-nl-010/address')).json).toMatchObject({
    City: 'Amsterdam',
    Country: 'NL',
    Company: null,
  });
  expect((await admin('GET', '/customers')).json).toHaveLength(7);
  expect((await admin('GET', '/customers/nobody')).status).toBe(404);
  expect((await admin('POST', '/customers', { Name: 'no reference' })).status).toBe(400);
  expect(env.sandbox.events()).toEqual([]);
});

it('adds history in bulk for polling benchmarks', async () => {
  const added = await admin('POST', '/events', { count: 10_000 });
  expect(added).toEqual({ status: 200, json: { added: 10_000, total: 10_000 } });
  const page = await call(
    env.sandbox,
    'GET',
    '/backoffice/Notification/WebhookNotifications/RewindEvents',
    {
      query: { IdBusiness: 42, SizePage: 1000, Page: 10 },
    },
  );
  expect(page.json).toMatchObject({ Count: 1000, TotalItems: 10_000 });
  expect((await admin('POST', '/events', { count: -1 })).status).toBe(400);
});

it('emits events, waits for idle, and shows deliveries and webhooks', async () => {
  await activeWebhook(env.sandbox, receiver.url);
  const emitted = await admin('POST', '/emit', { ReferenceCustomer: 'cust-fr-001' });
  expect(emitted.json).toMatchObject({ TypeTrigger: 'CustomerBillingAddressUpdated' });
  await admin('POST', '/emit', {
    ReferenceCustomer: 'cust-fr-001',
    TypeTrigger: 'CustomerSuspended',
  });
  expect((await admin('GET', '/idle')).status).toBe(204);
  expect(receiver.received.map((d) => d.body)).toEqual([
    expect.objectContaining({ Code: expect.any(String) }),
    emitted.json,
  ]);
  expect((await admin('GET', '/deliveries')).json).toHaveLength(2);
  expect((await admin('GET', '/webhooks')).json).toEqual([
    expect.objectContaining({ Id: 5001, IsActive: true, verificationCode: expect.any(String) }),
  ]);
  expect((await admin('GET', '/events')).json).toHaveLength(2);
  expect((await admin('DELETE', '/deliveries')).status).toBe(204);
  expect(env.sandbox.deliveries()).toEqual([]);
});

it('drives delivery faults: duplicate, forge, hold and release', async () => {
  await activeWebhook(env.sandbox, receiver.url);
  receiver.received.splice(0);
  env.sandbox.resetDeliveries();

  await admin('POST', '/delivery-faults', { duplicate: 2, forgeNext: 1 });
  await admin('POST', '/emit', { ReferenceCustomer: 'cust-fr-001' });
  await admin('GET', '/idle');
  expect(env.sandbox.deliveries().map((d) => d.forged)).toEqual([true, false]);
  await admin('DELETE', '/delivery-faults');

  receiver.received.splice(0);
  await admin('POST', '/delivery-faults', { hold: true });
  await admin('POST', '/emit', { ReferenceCustomer: 'cust-fr-001' });
  await admin('POST', '/emit', { ReferenceCustomer: 'cust-de-002' });
  await admin('GET', '/idle');
  expect(receiver.received).toEqual([]);
  expect((await admin('POST', '/delivery-faults/release')).status).toBe(204);
  expect(receiver.received.map((d) => (d.body as { Id: string }).Id)).toEqual(['trg_3', 'trg_2']);
  expect((await admin('POST', '/delivery-faults', { duplicate: 'x' })).status).toBe(400);
});

it('injects a raw delivery and answers its status', async () => {
  const result = await admin('POST', '/deliver', {
    url: receiver.url,
    body: { Code: 'ABC' },
    headers: { 'x-proabono-signature': 'forged' },
  });
  expect(result).toEqual({ status: 200, json: { status: 200 } });
  expect(receiver.received[0]?.headers['x-proabono-signature']).toBe('forged');
});

it('switches the verification timing and resets everything', async () => {
  expect((await admin('POST', '/settings', { verificationTiming: 'before-response' })).status).toBe(
    204,
  );
  expect((await admin('POST', '/settings', { verificationTiming: 'never' })).status).toBe(400);
  env.sandbox.addFault({ status: 500, times: -1 });
  expect((await admin('POST', '/reset', { seed: false })).status).toBe(204);
  expect((await customers()).status).toBe(204);
  expect(env.sandbox.requests()).toHaveLength(1);
  await admin('POST', '/reset', {});
  expect(env.sandbox.customers.list()).toHaveLength(6);
});

it('answers 404 for an unknown admin path', async () => {
  expect((await admin('GET', '/nothing')).status).toBe(404);
});
