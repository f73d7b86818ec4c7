import { createHash } from 'node:crypto';

import { DEFAULT_CREDENTIALS } from '../../sandbox/index.js';
import type { Notification } from '../../sandbox/index.js';
import {
  activeWebhook,
  addMixedHistory,
  call,
  firstPage,
  itemIds,
  startReceiver,
  useReceivers,
} from './support.js';
import type { Receiver } from './support.js';
import { atNow, NOW, useSandbox } from '../support/sandbox.js';
import { seededBackofficeCustomer } from '../support/seed.js';

/** The Backoffice emulation (webhooks, event history, customer search), over real HTTP. */

const SECRET = DEFAULT_CREDENTIALS.webhookSecret;
const env = useSandbox({
  profile: 'generous',
  now: atNow,
  delivery: { baseDelayMs: 1 },
});
const receivers = useReceivers(env);
let receiver: Receiver;

beforeEach(async () => {
  receiver = await receivers.start();
});

const createWebhook = (body: Record<string, unknown>) =>
  call(env.sandbox, 'POST', '/backoffice/Notification/Webhooks', { body });

/** A Backoffice error body: the HTTP status again as an integer Code, the reason, the field. */
const refusal = (Code: number, Message: string, Target?: string) =>
  Target === undefined ? { Code, Message } : { Code, Message, Target };

const expectedSignature = (key: string) =>
  createHash('sha256')
    .update(key + SECRET)
    .digest('base64');

describe('webhook registration', () => {
  it('creates an inactive webhook and answers it with 201', async () => {
    const result = await createWebhook({
      Url: receiver.url,
      IdBusiness: 42,
      Triggers: ['customerbillingaddressupdated'],
    });
    expect(result.status).toBe(201);
    expect(result.json).toEqual({
      Id: 5001,
      IdBusiness: 42,
      Url: receiver.url,
      Triggers: ['CustomerBillingAddressUpdated'],
      IsActive: false,
      DateCreation: NOW,
    });
  });

  it('refuses a missing IdBusiness with 400 and another business with 403', async () => {
    const missing = await createWebhook({ Url: receiver.url, Triggers: ['CustomerAdded'] });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual(refusal(400, 'IdBusiness is required.', 'IdBusiness'));
    const other = await createWebhook({
      Url: receiver.url,
      IdBusiness: 7,
      Triggers: ['CustomerAdded'],
    });
    expect(other.status).toBe(403);
    expect(other.json).toEqual(
      refusal(403, 'These keys cannot access that business.', 'IdBusiness'),
    );
    expect(env.sandbox.webhooks()).toEqual([]);
  });

  it('refuses a bad Url and unknown or missing triggers with a 422 array', async () => {
    const result = await createWebhook({ Url: 'not a url', IdBusiness: 42, Triggers: ['Nope'] });
    expect(result.status).toBe(422);
    expect(result.json).toEqual([
      refusal(422, 'Url must be an absolute http(s) URL.', 'Url'),
      refusal(422, 'Triggers must be a non-empty list of ProAbono event codes.', 'Triggers'),
    ]);
    const empty = await createWebhook({ Url: receiver.url, IdBusiness: 42, Triggers: [] });
    expect(empty.status).toBe(422);
  });

  it('lists webhooks in an envelope, 204 when there are none', async () => {
    const none = await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks', {
      query: { IdBusiness: 42 },
    });
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
    await createWebhook({ Url: receiver.url, IdBusiness: 42, Triggers: ['CustomerAdded'] });
    const listed = await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks', {
      query: { idbusiness: 42, sizepage: 1000, links: false },
    });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject(
      firstPage(1000, [
        { Id: 5001, Url: receiver.url, Triggers: ['CustomerAdded'], IsActive: false },
      ]),
    );
  });

  it('reads and deletes a webhook by id, and answers 404 once it is gone', async () => {
    await createWebhook({ Url: receiver.url, IdBusiness: 42, Triggers: ['CustomerAdded'] });
    expect(
      (await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks/5001')).json,
    ).toMatchObject({
      Id: 5001,
    });
    const deleted = await call(env.sandbox, 'DELETE', '/backoffice/Notification/Webhooks/5001');
    expect(deleted.status).toBe(204);
    for (const method of ['GET', 'DELETE']) {
      const gone = await call(env.sandbox, method, '/backoffice/Notification/Webhooks/5001');
      expect(gone.status).toBe(404);
      expect(gone.json).toEqual(refusal(404, 'No webhook has the id 5001.'));
    }
    expect((await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks/abc')).status).toBe(
      404,
    );
  });

  it('answers the Backoffice 401 with an integer code', async () => {
    const result = await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks', {
      auth: false,
      query: { IdBusiness: 42 },
    });
    expect(result.status).toBe(401);
    expect(result.json).toEqual(
      refusal(401, 'The Agent Key and API Key are missing or do not match.'),
    );
  });
});

describe('webhook verification', () => {
  const sendCode = (id: number) =>
    call(env.sandbox, 'GET', `/backoffice/Notification/Webhooks/${id}/Verification`, {
      query: { sendCode: true },
    });
  const confirm = (id: number, code: string) =>
    call(env.sandbox, 'POST', `/backoffice/Notification/Webhooks/${id}/Verification`, {
      query: { code, echo: true },
    });

  it('POSTs {Code, IdWebhook}, signed, with no TypeTrigger; the code activates the webhook', async () => {
    await createWebhook({
      Url: receiver.url,
      IdBusiness: 42,
      Triggers: ['CustomerBillingAddressUpdated'],
    });
    const asked = await sendCode(5001);
    expect(asked.status).toBe(200);
    expect(asked.json).toMatchObject({ Id: 5001, IsActive: false });
    await env.sandbox.idle();

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const body = delivery?.body as { Code: string; IdWebhook: number };
    expect(Object.keys(body).sort()).toEqual(['Code', 'IdWebhook']);
    expect(body.IdWebhook).toBe(5001);
    expect(body.Code).toMatch(/^[A-Z2-9]{8}$/);
    const key = String(delivery?.headers['x-proabono-key']);
    expect(delivery?.headers['x-proabono-signature']).toBe(expectedSignature(key));
    expect(delivery?.headers['content-type']).toBe('application/json; charset=utf-8');

    const wrong = await confirm(5001, 'WRONG123');
    expect(wrong.status).toBe(422);
    expect(wrong.json).toEqual([
      refusal(422, 'The verification code is not valid for this webhook.', 'code'),
    ]);
    expect(env.sandbox.webhooks()[0]?.IsActive).toBe(false);

    const right = await confirm(5001, body.Code);
    expect(right.status).toBe(200);
    expect(right.json).toMatchObject({ Id: 5001, IsActive: true });
    expect(env.sandbox.webhooks()[0]?.IsActive).toBe(true);
  });

  it('refuses a confirmation before any code was sent, and an older code after a new one', async () => {
    await createWebhook({ Url: receiver.url, IdBusiness: 42, Triggers: ['CustomerAdded'] });
    expect((await confirm(5001, 'ANYTHING')).status).toBe(422);
    await sendCode(5001);
    await sendCode(5001);
    await env.sandbox.idle();
    const [first, second] = receiver.received.map((d) => (d.body as { Code: string }).Code);
    expect(first).not.toBe(second);
    expect((await confirm(5001, first ?? '')).status).toBe(422);
    expect((await confirm(5001, second ?? '')).status).toBe(200);
  });

  it('delivers nothing to a webhook until it is verified', async () => {
    await createWebhook({
      Url: receiver.url,
      IdBusiness: 42,
      Triggers: ['CustomerBillingAddressUpdated'],
    });
    await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
      query: { ReferenceCustomer: 'cust-fr-001' },
      body: { City: 'Lyon' },
    });
    await env.sandbox.idle();
    expect(receiver.received).toEqual([]);
    expect(env.sandbox.events()).toHaveLength(1);
  });

  it('waits for the receiver before answering sendCode in before-response mode', async () => {
    env.sandbox.setVerificationTiming('before-response');
    const slow = await startReceiver(
      () => new Promise<number>((resolve) => setTimeout(() => resolve(200), 50)),
    );
    try {
      await createWebhook({ Url: slow.url, IdBusiness: 42, Triggers: ['CustomerAdded'] });
      await sendCode(5001);
      // No idle(): the receiver must already have answered when sendCode is answered.
      expect(env.sandbox.deliveries()).toMatchObject([{ kind: 'verification', status: 200 }]);
    } finally {
      await slow.close();
    }
  });

  it('answers sendCode without waiting for the receiver in the default after-response mode', async () => {
    let open: (status: number) => void = () => undefined;
    const gate = new Promise<number>((resolve) => {
      open = resolve;
    });
    const held = await startReceiver(() => gate);
    try {
      await createWebhook({ Url: held.url, IdBusiness: 42, Triggers: ['CustomerAdded'] });
      const asked = await sendCode(5001);
      expect(asked.status).toBe(200);
      expect(env.sandbox.deliveries()).toEqual([]);
      open(200);
      await env.sandbox.idle();
      expect(held.received).toHaveLength(1);
      expect(env.sandbox.deliveries()).toMatchObject([{ kind: 'verification', status: 200 }]);
    } finally {
      await held.close();
    }
  });
});

describe('notification delivery to an active webhook', () => {
  it('POSTs the recorded notification, signed, to each subscriber of its type only', async () => {
    await activeWebhook(env.sandbox, receiver.url, ['CustomerBillingAddressUpdated']);
    const other = await startReceiver();
    try {
      await activeWebhook(env.sandbox, other.url, ['CustomerAdded']);
      receiver.received.splice(0);
      other.received.splice(0);
      await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
        query: { ReferenceCustomer: 'cust-de-002' },
        body: { City: 'Hamburg' },
      });
      await call(env.sandbox, 'POST', '/v1/Customer', {
        body: { ReferenceCustomer: 'cust-new-1' },
      });
      await env.sandbox.idle();

      const [updated, added] = env.sandbox.events();
      expect(receiver.received.map((d) => d.body)).toEqual([updated]);
      expect(other.received.map((d) => d.body)).toEqual([added]);
      expect(added?.TypeTrigger).toBe('CustomerAdded');
      for (const delivery of [...receiver.received, ...other.received]) {
        const key = String(delivery.headers['x-proabono-key']);
        expect(key).toMatch(/^[0-9a-f]{32}$/);
        expect(delivery.headers['x-proabono-signature']).toBe(expectedSignature(key));
      }
    } finally {
      await other.close();
    }
  });

  it('stops delivering to a deleted webhook', async () => {
    const id = await activeWebhook(env.sandbox, receiver.url);
    await call(env.sandbox, 'DELETE', `/backoffice/Notification/Webhooks/${id}`);
    receiver.received.splice(0);
    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await env.sandbox.idle();
    expect(receiver.received).toEqual([]);
  });
});

describe('GET /Notification/WebhookNotifications/RewindEvents', () => {
  const rewind = (query: Record<string, string | number | boolean>) =>
    call(env.sandbox, 'GET', '/backoffice/Notification/WebhookNotifications/RewindEvents', {
      query,
    });

  it('answers 204 when the history is empty', async () => {
    const result = await rewind({ IdBusiness: 42, TypeTrigger: 'CustomerBillingAddressUpdated' });
    expect(result.status).toBe(204);
    expect(result.text).toBe('');
  });

  it('pages past notifications newest first and filters on TypeTrigger', async () => {
    const newestFirst = addMixedHistory(env.sandbox).reverse();
    const first = await rewind({
      idbusiness: 42,
      typetrigger: 'CustomerBillingAddressUpdated',
      sizepage: 10,
      links: false,
    });
    expect(first.json).toMatchObject({ Page: 1, SizePage: 10, Count: 10, TotalItems: 15 });
    expect(itemIds(first.json)).toEqual(newestFirst.slice(0, 10));
    const second = await rewind({
      IdBusiness: 42,
      TypeTrigger: 'CustomerBillingAddressUpdated',
      Page: 2,
      SizePage: 10,
    });
    expect(itemIds(second.json)).toEqual(newestFirst.slice(10));
    const all = await rewind({ IdBusiness: 42, SizePage: 1000 });
    expect((all.json as { TotalItems: number }).TotalItems).toBe(18);
    const items = (all.json as { Items: Notification[] }).Items;
    const dates = items.map((item) => Date.parse(item.DateTrigger));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('answers the notifications exactly as they were recorded and delivered', async () => {
    const emitted = env.sandbox.emitBillingAddressUpdated('cust-gb-004');
    const result = await rewind({ IdBusiness: 42, SizePage: 1 });
    expect((result.json as { Items: Notification[] }).Items).toEqual([emitted]);
  });

  it('needs IdBusiness and refuses another business', async () => {
    expect((await rewind({})).status).toBe(400);
    expect((await rewind({ IdBusiness: 43 })).status).toBe(403);
  });
});

describe('GET /Notification/Webhooks/Sample', () => {
  it('answers a generated notification of the type as a JSON string', async () => {
    const result = await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks/Sample', {
      query: { TypeTrigger: 'CustomerBillingAddressUpdated' },
    });
    expect(result.status).toBe(200);
    const { Data } = result.json as { Data: string };
    expect(typeof Data).toBe('string');
    // Written out, not imported from the sandbox: it pins the sample ProAbono's API answers.
    expect(JSON.parse(Data)).toEqual({
      Id: 'trg_sample',
      IdBusiness: 42,
      IdSegment: 69,
      ReferenceSegment: 'sample',
      DateTrigger: NOW,
      TypeTrigger: 'CustomerBillingAddressUpdated',
      Customer: {
        Id: 42,
        ReferenceCustomer: 'customer_sample',
        Name: 'John Doe',
        Email: 'john.doe@sample.com',
        Language: 'en',
        Status: 'Enabled',
      },
    });
  });

  it('answers 404 for an unknown event type and 400 without one', async () => {
    const unknown = await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks/Sample', {
      query: { TypeTrigger: 'Nope' },
    });
    expect(unknown.status).toBe(404);
    expect(
      (await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks/Sample')).status,
    ).toBe(400);
  });
});

describe('GET /Distribution/Customers', () => {
  const search = (query: Record<string, string | number | boolean>) =>
    call(env.sandbox, 'GET', '/backoffice/Distribution/Customers', { query });

  it('finds customers by email without regard to case or spaces, newest customer first', async () => {
    const result = await search({
      IdBusiness: 42,
      Email: '  BILLING@Northwind-Analytics.com ',
      SizePage: 100,
      Links: false,
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ Page: 1, SizePage: 100, Count: 2, TotalItems: 2 });
    expect((result.json as { Items: unknown[] }).Items).toEqual([
      seededBackofficeCustomer('cust-fr-006', 233705),
      seededBackofficeCustomer('cust-us-005', 233704),
    ]);
  });

  it('filters on ReferenceCustomer exactly, and answers 204 when nothing matches', async () => {
    const found = await search({ IdBusiness: 42, ReferenceCustomer: 'cust-de-002' });
    expect(
      (found.json as { Items: { ReferenceCustomer: string }[] }).Items.map(
        (c) => c.ReferenceCustomer,
      ),
    ).toEqual(['cust-de-002']);
    const none = await search({ IdBusiness: 42, Email: 'nobody@example.com' });
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
  });

  it('shows the DateUpdate an address update bumped, and embeds the address with extra=AddressBilling', async () => {
    await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
      query: { ReferenceCustomer: 'cust-de-002' },
      body: { City: 'Hamburg' },
    });
    const result = await search({
      IdBusiness: 42,
      ReferenceCustomer: 'cust-de-002',
      extra: 'AddressBilling',
    });
    const [customer] = (result.json as { Items: Record<string, unknown>[] }).Items;
    expect(customer?.DateUpdate).toBe(NOW);
    expect(customer?.AddressBilling).toMatchObject({ Id: 233701, City: 'Hamburg', Country: 'DE' });
  });

  it('needs IdBusiness and refuses another business', async () => {
    expect((await search({ Email: 'x@y.z' })).status).toBe(400);
    expect((await search({ IdBusiness: 1 })).status).toBe(403);
  });
});

describe('GET /Organization/Segments', () => {
  const segments = (query: Record<string, string | number>) =>
    call(env.sandbox, 'GET', '/backoffice/Organization/Segments', { query });

  it('lists the segments in an envelope, the default one first, paged', async () => {
    const result = await segments({ IdBusiness: 42, SizePage: 100, Links: 'false' });
    expect(result.status).toBe(200);
    expect(result.json).toEqual(
      firstPage(
        100,
        [
          {
            Id: 69,
            IdBusiness: 42,
            ReferenceSegment: 'sandbox-eur',
            Name: 'Sandbox EUR',
            Currency: 'EUR',
          },
          {
            Id: 70,
            IdBusiness: 42,
            ReferenceSegment: 'sandbox-usd',
            Name: 'Sandbox USD',
            Currency: 'USD',
          },
        ],
        { DateGenerated: NOW },
      ),
    );
    const second = await segments({ IdBusiness: 42, Page: 2, SizePage: 1 });
    expect(second.json).toMatchObject({ Page: 2, Count: 1, TotalItems: 2 });
    expect((second.json as { Items: { Id: number }[] }).Items.map((item) => item.Id)).toEqual([70]);
  });

  it('needs IdBusiness, refuses another business, and wrong keys', async () => {
    expect((await segments({})).status).toBe(400);
    expect((await segments({ IdBusiness: 1 })).status).toBe(403);
    const refused = await call(env.sandbox, 'GET', '/backoffice/Organization/Segments', {
      query: { IdBusiness: 42 },
      auth: { agentKey: 'sandbox-agent-7Qm2', apiKey: 'wrong' },
    });
    expect(refused.status).toBe(401);
  });
});
