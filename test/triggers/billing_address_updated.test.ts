import { createHash } from 'node:crypto';

import { jest } from '@jest/globals';
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';

import App from '../../index.js';
import { deliveryBundle, hydrateRecord, parsePlaceholder } from '../../sandbox/zapierHarness.js';
import { billingAddressUpdatedSample } from '../../src/samples/billing_address_updated.js';
import {
  perform,
  performList,
  performSubscribe,
  performUnsubscribe,
} from '../../src/triggers/billing_address_updated.js';
import {
  AUTH,
  BACKOFFICE,
  REQUIRED_HEADERS,
  SECRETS,
  appTester,
  backofficeApi,
  rewindEventsApi,
  clearZcache,
  liveApi,
  rejectionOf,
  zcache,
} from '../support/app.js';
import { NO_PREVIOUS } from '../support/records.js';

const TARGET = 'https://hooks.zapier.com/hooks/standard/1234567/a1b2c3d4e5f6/';
const OTHER_TARGET = 'https://hooks.zapier.com/hooks/standard/1234567/0f9e8d7c6b5a/';
const EVENT = 'CustomerBillingAddressUpdated';
const DELIVERY_KEY = '6f0c2a9e-8d41-4b7a-a3e5-2c9d7b1f4e80';
const WEBHOOK = { Id: 7001, Url: TARGET, Triggers: [EVENT], IsActive: false };

/** Independent of the code under test: base64 of the raw sha256 digest of key + secret. */
const sign = (key: string, secret: string) =>
  createHash('sha256')
    .update(key + secret, 'utf8')
    .digest('base64');
const tagOf = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 16);

const TAG = tagOf(TARGET);

const signedHeaders = (secret: string = AUTH.webhookSecret, key = DELIVERY_KEY) => ({
  'x-proabono-key': key,
  'x-proabono-signature': sign(key, secret),
});

const ADDRESS = {
  Company: 'John Doe LLC',
  FirstName: 'John',
  LastName: 'Doe',
  AddressLine1: '123 avenue des Champs-Élysées',
  AddressLine2: '1st Floor',
  ZipCode: '75008',
  City: 'Paris',
  Country: 'FR',
  Region: 'FR-75',
  Phone: '+33102030405',
  TaxInformation: null,
};
const MOVED = {
  ...ADDRESS,
  AddressLine1: '18 rue de la Roquette',
  AddressLine2: '',
  ZipCode: '75011',
};

const notification = (overrides: Record<string, unknown> = {}) => ({
  Id: 'trg_101',
  IdBusiness: 42,
  IdSegment: 69,
  ReferenceSegment: 'demo-eur',
  DateTrigger: '2026-09-14T15:11:43.75Z',
  TypeTrigger: EVENT,
  Customer: {
    Id: 233700,
    ReferenceCustomer: 'cust-42',
    Name: 'John Doe',
    Email: 'john@doe.com',
    Language: 'en',
    Status: 'Enabled',
  },
  ...overrides,
});

const CUSTOMER_PART = {
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};

const firstSightRecord = (id = 'trg_101') => ({
  id,
  DateTrigger: '2026-09-14T15:11:43.750Z',
  ...CUSTOMER_PART,
  billing_address: {
    ...ADDRESS,
    CountryName: 'France',
    changed_fields: [],
    previous_address_known: false,
    ...NO_PREVIOUS,
  },
});

type DeliveryBundle = Parameters<typeof appTester>[1] & Partial<Bundle>;

/**
 * A delivery to this Zap as Zapier hands it to perform, with `headers` as ProAbono sent them
 * (signed by default); `rest` replaces parts of the bundle.
 */
const delivery = (
  body: unknown,
  {
    headers = signedHeaders(),
    ...rest
  }: { headers?: Record<string, string> } & Record<string, unknown> = {},
): DeliveryBundle => ({
  authData: { ...AUTH },
  ...deliveryBundle(
    { targetUrl: TARGET, subscribeData: { id: '7001', url: TARGET } },
    { body, headers: { 'content-type': 'application/json', ...headers } },
  ),
  ...rest,
});

const addressRead = (reference = 'cust-42', address: object = ADDRESS, host = liveApi()) =>
  host
    .get('/v1/CustomerAddressBilling')
    .query({ ReferenceCustomer: reference })
    .times(1)
    .reply(200, { ...address, Links: [] });

let logs: string[];
beforeEach(() => {
  clearZcache();
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logs.push(args.map(String).join(' ').trim());
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  expect(nock.pendingMocks()).toEqual([]);
});

/** Nothing secret may reach a log line: not the keys, the webhook secret or a signature. */
const expectNoSecretsLogged = () => {
  const text = logs.join('\n');
  for (const secret of [...SECRETS, DELIVERY_KEY, sign(DELIVERY_KEY, AUTH.webhookSecret)]) {
    expect(text).not.toContain(secret);
  }
};

describe('perform: signature', () => {
  it('accepts a delivery signed with the connection secret, headers in Zapier form', async () => {
    addressRead();
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([
      firstSightRecord(),
    ]);
  });

  it('accepts the plain lower-case header form too', async () => {
    addressRead();
    const zapierForm = delivery(notification());
    // The same delivery with the headers as ProAbono sent them, not as Zapier renames them.
    const bundle = {
      ...zapierForm,
      rawRequest: { ...zapierForm.rawRequest, headers: signedHeaders() },
    };
    await expect(appTester(perform, bundle)).resolves.toEqual([firstSightRecord()]);
  });

  it.each([
    [
      'no signature header',
      { 'x-proabono-key': DELIVERY_KEY },
      'ignored a delivery because the x-proabono-signature header is missing.',
    ],
    [
      'no key header',
      { 'x-proabono-signature': sign(DELIVERY_KEY, AUTH.webhookSecret) },
      'ignored a delivery because the x-proabono-key header is missing.',
    ],
    [
      'a signature made with another secret',
      signedHeaders('not-the-secret'),
      'ignored a delivery because its x-proabono-signature header does not match the Webhook ' +
        'Security Key of the connection.',
    ],
    [
      'a signature of another key',
      {
        'x-proabono-key': DELIVERY_KEY,
        'x-proabono-signature': sign('another-key', AUTH.webhookSecret),
      },
      'ignored a delivery because its x-proabono-signature header does not match the Webhook ' +
        'Security Key of the connection.',
    ],
  ])('produces no record and sends nothing for %s, and logs why', async (_case, headers, why) => {
    await expect(appTester(perform, delivery(notification(), { headers }))).resolves.toEqual([]);
    expect(logs).toEqual([`Billing Address Updated: ${why}`]);
    expectNoSecretsLogged();
    expect(zcache()).toEqual({});
  });

  it('checks verification deliveries too: a forged code is never confirmed', async () => {
    const bundle = delivery(
      { Code: 'K7F2Q9', IdWebhook: 7001 },
      { headers: signedHeaders('forged') },
    );
    await expect(appTester(perform, bundle)).resolves.toEqual([]);
    expect(logs).toHaveLength(1);
  });

  it('accepts unsigned deliveries when the connection has no Webhook Security Key', async () => {
    addressRead();
    const withoutSecret = {
      businessId: AUTH.businessId,
      agentKey: AUTH.agentKey,
      apiKey: AUTH.apiKey,
    };
    const bundle = delivery(notification(), { headers: {}, authData: withoutSecret });
    await expect(appTester(perform, bundle)).resolves.toEqual([firstSightRecord()]);
  });

  it('treats a blank Webhook Security Key as none', async () => {
    addressRead();
    const bundle = delivery(notification(), {
      headers: {},
      authData: { ...AUTH, webhookSecret: '  ' },
    });
    await expect(appTester(perform, bundle)).resolves.toEqual([firstSightRecord()]);
  });
});

const confirmation = (id: number | string, code = 'K7F2Q9') =>
  // No body, so no content type: ProAbono reads the code from the query string.
  nock(BACKOFFICE, { reqheaders: REQUIRED_HEADERS, badheaders: ['content-type'] })
    .post(`/Notification/Webhooks/${id}/Verification`, (body) => body === '' || body === undefined)
    .query({ code, echo: 'true' })
    .times(1)
    .reply(200, { ...WEBHOOK, Id: Number(id), IsActive: true });

describe('perform: verification handshake', () => {
  it('confirms the code for the webhook in the subscribe data: one request, no record', async () => {
    const scope = confirmation(7001);
    await expect(appTester(perform, delivery({ Code: 'K7F2Q9' }))).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(logs).toEqual([
      'Billing Address Updated: confirmed the verification code of webhook 7001.',
    ]);
  });

  it('uses the IdWebhook of the body when the subscribe data is not stored yet', async () => {
    const scope = confirmation(7002, '483920');
    const bundle = delivery({ Code: 483920, IdWebhook: 7002 }, { subscribeData: undefined });
    await expect(appTester(perform, bundle)).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('finds the webhook by this Zap URL when the code arrives before the subscribe data', async () => {
    const list = backofficeApi()
      .get('/Notification/Webhooks')
      .query({ IdBusiness: '42', SizePage: '1000', Links: 'false' })
      .times(1)
      .reply(200, {
        Page: 1,
        SizePage: 1000,
        Count: 2,
        TotalItems: 2,
        Items: [
          { Id: 6990, Url: OTHER_TARGET, Triggers: [EVENT] },
          { Id: 7003, Url: TARGET, Triggers: [EVENT] },
        ],
      });
    const confirm = confirmation(7003);
    const bundle = delivery({ Code: 'K7F2Q9' }, { subscribeData: undefined });
    await expect(appTester(perform, bundle)).resolves.toEqual([]);
    expect(list.isDone() && confirm.isDone()).toBe(true);
  });

  it('says what to do when no webhook has this Zap URL', async () => {
    backofficeApi()
      .get('/Notification/Webhooks')
      .query({ IdBusiness: '42', SizePage: '1000', Links: 'false' })
      .reply(204);
    const bundle = delivery({ Code: 'K7F2Q9' }, { subscribeData: undefined });
    await expect(rejectionOf(appTester(perform, bundle))).resolves.toEqual({
      name: 'AppError',
      code: 'webhook_not_found',
      message:
        "ProAbono sent a webhook verification code, but business 42 has no webhook for this Zap's " +
        'URL. Turn the Zap off and on again to register a new webhook.',
    });
  });

  it('maps a rejected confirmation (401) to an expired connection', async () => {
    backofficeApi()
      .post('/Notification/Webhooks/7001/Verification')
      .query({ code: 'K7F2Q9', echo: 'true' })
      .reply(401, { Code: 'Unauthorized', Message: 'Invalid credentials' });
    const error = await rejectionOf(appTester(perform, delivery({ Code: 'K7F2Q9' })));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toBe(
      'ProAbono no longer accepts the Agent Key and API Key saved for business 42. Reconnect your ' +
        'ProAbono account in Zapier with the current keys from ProAbono → Integration → API.',
    );
  });
});

describe('perform: notifications', () => {
  it('reads the address once and remembers the delivery and the address under exact keys', async () => {
    const scope = addressRead();
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([
      firstSightRecord(),
    ]);
    expect(scope.isDone()).toBe(true);
    expect(Object.keys(zcache()).sort()).toEqual([
      'proabono:v1:address:42:webhook:7001:cust-42',
      'proabono:v1:delivered:42:webhook:7001:trg_101',
    ]);
    expect(JSON.parse(zcache()['proabono:v1:address:42:webhook:7001:cust-42'] ?? 'null')).toEqual(
      ADDRESS,
    );
    expect(JSON.parse(zcache()['proabono:v1:delivered:42:webhook:7001:trg_101'] ?? 'null')).toEqual(
      { state: 'delivered', token: expect.any(String), abandonedAt: expect.any(Number) },
    );
  });

  it('gives null for a value of only whitespace, in the customer block and the address, as Find Customer does', async () => {
    addressRead('cust-42', { ...ADDRESS, AddressLine2: '  ', City: ' Paris ' });
    const blankName = notification({
      Customer: { ...notification().Customer, Name: ' ', Language: '\t' },
    });
    await expect(appTester(perform, delivery(blankName))).resolves.toEqual([
      {
        ...firstSightRecord(),
        Name: null,
        Language: null,
        billing_address: {
          ...firstSightRecord().billing_address,
          AddressLine2: null,
          City: ' Paris ',
        },
      },
    ]);
  });

  it('reports changed fields and their previous values against the last address seen', async () => {
    addressRead();
    await appTester(perform, delivery(notification()));
    addressRead('cust-42', MOVED);
    const second = notification({ Id: 'trg_102', DateTrigger: '2026-09-15T08:00:00Z' });
    await expect(appTester(perform, delivery(second))).resolves.toEqual([
      {
        ...firstSightRecord('trg_102'),
        DateTrigger: '2026-09-15T08:00:00.000Z',
        billing_address: {
          ...ADDRESS,
          CountryName: 'France',
          AddressLine1: '18 rue de la Roquette',
          AddressLine2: null,
          ZipCode: '75011',
          changed_fields: ['AddressLine1', 'AddressLine2', 'ZipCode'],
          previous_address_known: true,
          ...NO_PREVIOUS,
          previous_AddressLine1: '123 avenue des Champs-Élysées',
          previous_AddressLine2: '1st Floor',
          previous_ZipCode: '75008',
        },
      },
    ]);
  });

  it('drops a notification Id already delivered: no record, no request', async () => {
    addressRead();
    await appTester(perform, delivery(notification()));
    logs = [];
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([]);
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([]);
    expect(logs).toEqual([
      'Billing Address Updated: ignored notification trg_101: this Zap already received it.',
      'Billing Address Updated: ignored notification trg_101: this Zap already received it.',
    ]);
  });

  it('recognises a duplicate whether the Zap URL comes from targetUrl or the subscribe data', async () => {
    addressRead();
    await appTester(perform, delivery(notification()));
    const withoutTarget = delivery(notification(), { targetUrl: undefined });
    await expect(appTester(perform, withoutTarget)).resolves.toEqual([]);
  });

  it('runs every Zap once: two hook URLs on one business both get the same notification', async () => {
    addressRead();
    addressRead();
    const other = { targetUrl: OTHER_TARGET, subscribeData: { id: '7002', url: OTHER_TARGET } };
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([
      firstSightRecord(),
    ]);
    await expect(appTester(perform, delivery(notification(), other))).resolves.toEqual([
      firstSightRecord(),
    ]);
    await expect(appTester(perform, delivery(notification(), other))).resolves.toEqual([]);
  });

  it('keeps two Zaps apart by their webhooks when Zapier gives neither a hook URL', async () => {
    addressRead();
    addressRead();
    const zapA = { targetUrl: undefined, subscribeData: { id: '7001' } };
    const zapB = { targetUrl: undefined, subscribeData: { id: '7002' } };
    await expect(appTester(perform, delivery(notification(), zapA))).resolves.toEqual([
      firstSightRecord(),
    ]);
    await expect(appTester(perform, delivery(notification(), zapB))).resolves.toEqual([
      firstSightRecord(),
    ]);
    await expect(appTester(perform, delivery(notification(), zapB))).resolves.toEqual([]);
    expect(
      Object.keys(zcache())
        .filter((key) => key.includes(':delivered:'))
        .sort(),
    ).toEqual([
      'proabono:v1:delivered:42:webhook:7001:trg_101',
      'proabono:v1:delivered:42:webhook:7002:trg_101',
    ]);
  });

  it('takes the webhook a notification names when Zapier gives no subscribe data', async () => {
    addressRead();
    const bare = { targetUrl: undefined, subscribeData: undefined };
    await appTester(perform, delivery(notification({ IdWebhook: 7009 }), bare));
    expect(Object.keys(zcache())).toContain('proabono:v1:delivered:42:webhook:7009:trg_101');
  });

  it('falls back to the hook URL, and runs without the copy check when nothing identifies the Zap', async () => {
    addressRead();
    await appTester(perform, delivery(notification(), { subscribeData: undefined }));
    expect(Object.keys(zcache())).toContain(`proabono:v1:delivered:42:url:${TAG}:trg_101`);
    addressRead();
    logs = [];
    const nothing = { targetUrl: undefined, subscribeData: undefined };
    await expect(appTester(perform, delivery(notification(), nothing))).resolves.toEqual([
      firstSightRecord(),
    ]);
    expect(logs).toEqual([
      'Billing Address Updated: notification trg_101 names no webhook and Zapier gave no hook URL; ' +
        'it runs without the check for copies.',
    ]);
  });

  it('keeps two businesses apart, even with the same hook URL and notification Id', async () => {
    addressRead();
    addressRead(
      'cust-42',
      MOVED,
      nock('https://api-43.proabono.com', { reqheaders: REQUIRED_HEADERS }),
    );
    await appTester(perform, delivery(notification()));
    const [record] = await appTester(
      perform,
      delivery(notification(), { authData: { ...AUTH, businessId: '43' } }),
    );
    // Business 43 neither sees the delivery of business 42 nor compares with its address.
    expect(record?.billing_address).toMatchObject({
      ZipCode: '75011',
      changed_fields: [],
      previous_address_known: false,
    });
    expect(Object.keys(zcache()).filter((key) => key.includes(':43:'))).toHaveLength(2);
  });

  it.each([
    [
      'a foreign event type',
      notification({ TypeTrigger: 'CustomerAdded' }),
      'ignored a CustomerAdded notification; this trigger handles CustomerBillingAddressUpdated.',
    ],
    [
      'a body that is not a notification',
      { hello: 'world' },
      'ignored a delivery that is not a ProAbono notification.',
    ],
    [
      'a notification without a customer',
      notification({ Customer: null }),
      'ignored notification trg_101: it names no customer reference.',
    ],
    [
      'a notification with a blank customer reference',
      notification({ Customer: { ReferenceCustomer: ' ' } }),
      'ignored notification trg_101: it names no customer reference.',
    ],
  ])('produces no record and sends nothing for %s', async (_case, body, why) => {
    await expect(appTester(perform, delivery(body))).resolves.toEqual([]);
    expect(logs).toEqual([`Billing Address Updated: ${why}`]);
    expect(zcache()).toEqual({});
  });

  it('encodes the customer reference in the address request', async () => {
    const reference = 'a&b=c/é ?';
    const scope = addressRead(reference);
    const body = notification({ Customer: { ReferenceCustomer: reference } });
    const [record] = await appTester(perform, delivery(body));
    expect(record?.ReferenceCustomer).toBe(reference);
    expect(scope.isDone()).toBe(true);
  });

  it('reads the address again after a transient failure, and still gives the full record', async () => {
    liveApi()
      .get('/v1/CustomerAddressBilling')
      .query({ ReferenceCustomer: 'cust-42' })
      .times(1)
      .reply(503, { Code: 'Unavailable', Message: 'Service unavailable' });
    addressRead();
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([
      firstSightRecord(),
    ]);
    expect(logs).toEqual([
      'Billing Address Updated: reading the address of customer "cust-42" failed (server_error); trying again.',
    ]);
  });

  it.each([
    ['a 503 that lasts', 503, 3, 'server_error'],
    ['a 429', 429, 1, 'throttled'],
    ['a 401 (keys rotated)', 401, 1, 'expired_credentials'],
    ['a 403 (customer gone)', 403, 1, 'customer_not_found'],
    ['a 200 that is not an address', 200, 1, 'unexpected_response'],
  ])(
    'gives the record with its address left to read when the Zap uses it, after %s',
    async (_case, status, attempts, why) => {
      const scope = liveApi()
        .get('/v1/CustomerAddressBilling')
        .query({ ReferenceCustomer: 'cust-42' })
        .times(attempts)
        .reply(status, status === 200 ? {} : { Message: 'No.' });
      const [record] = await appTester(perform, delivery(notification()));
      expect(scope.isDone()).toBe(true);
      const { billing_address: placeholder, ...rest } = record ?? {};
      const { billing_address: _, ...expectedRest } = firstSightRecord();
      expect(rest).toEqual(expectedRest);
      expect(parsePlaceholder(placeholder)).toEqual({
        type: 'method',
        method: 'hydrators.billingAddress',
        bundle: { reference: 'cust-42', notificationId: 'trg_101', scope: 'webhook:7001' },
      });
      expect(logs.at(-1)).toBe(
        `Billing Address Updated: could not read the address of customer "cust-42" now (${why}); ` +
          'the Zap runs with the address read when it is used, and a failure then can be replayed.',
      );
      // The notification is delivered: a redelivery runs nothing.
      await expect(appTester(perform, delivery(notification()))).resolves.toEqual([]);
    },
  );

  it("completes a record left to read with the subscription's memory, as a delivery would", async () => {
    liveApi()
      .get('/v1/CustomerAddressBilling')
      .query({ ReferenceCustomer: 'cust-42' })
      .times(3)
      .reply(502);
    const [record] = await appTester(perform, delivery(notification()));
    addressRead();
    await expect(hydrateRecord(App, appTester, record ?? {}, AUTH)).resolves.toEqual({
      ...record,
      billing_address: firstSightRecord().billing_address,
    });
    addressRead('cust-42', MOVED);
    const [next] = await appTester(perform, delivery(notification({ Id: 'trg_102' })));
    expect(next?.billing_address).toMatchObject({
      changed_fields: ['AddressLine1', 'AddressLine2', 'ZipCode'],
      previous_address_known: true,
    });
  });

  it('leaves no "What happened" trace (the bundle, with the webhook headers) on any error', async () => {
    backofficeApi()
      .post('/Notification/Webhooks/7001/Verification')
      .query({ code: 'K7F2Q9', echo: 'true' })
      .reply(401, { Code: 'Unauthorized', Message: 'Invalid credentials' });
    const error = await rejectionOf(appTester(perform, delivery({ Code: 'K7F2Q9' })));
    expect(error).toEqual({
      name: 'ExpiredAuthError',
      message:
        'ProAbono no longer accepts the Agent Key and API Key saved for business 42. Reconnect ' +
        'your ProAbono account in Zapier with the current keys from ProAbono → Integration → API.',
    });
  });

  it('handles out-of-order deliveries: each runs once, changes measured against the last one run', async () => {
    const everyUpdate = { inputData: { only_when_changed: 'false' } };
    addressRead('cust-42', MOVED);
    const later = notification({ Id: 'trg_202', DateTrigger: '2026-09-15T08:00:00Z' });
    const [first] = await appTester(perform, delivery(later, everyUpdate));
    addressRead('cust-42', MOVED);
    const earlier = notification({ Id: 'trg_201' });
    const [second] = await appTester(perform, delivery(earlier, everyUpdate));
    expect(first?.billing_address).toMatchObject({ previous_address_known: false });
    expect(second?.billing_address).toMatchObject({
      ZipCode: '75011',
      changed_fields: [],
      previous_address_known: true,
    });
  });
});

describe('perform: filters', () => {
  const withInput = (body: unknown, inputData: Record<string, unknown>) =>
    delivery(body, { inputData });

  it('gives no record for an update that leaves the address as this Zap last saw it, by default', async () => {
    addressRead();
    await appTester(perform, delivery(notification()));
    addressRead();
    logs = [];
    await expect(appTester(perform, delivery(notification({ Id: 'trg_102' })))).resolves.toEqual(
      [],
    );
    expect(logs).toEqual([
      'Billing Address Updated: no record for notification trg_102 of customer "cust-42": the ' +
        'address is the same as the last one this Zap saw.',
    ]);
    // The notification counts as handled: a copy of it reads nothing.
    await expect(appTester(perform, delivery(notification({ Id: 'trg_102' })))).resolves.toEqual(
      [],
    );
  });

  it.each([false, 'false', 'no', 'No'])(
    'gives a record for every notification when Only When the Address Changed is %j',
    async (value) => {
      addressRead();
      await appTester(perform, withInput(notification(), { only_when_changed: value }));
      addressRead();
      const [record] = await appTester(
        perform,
        withInput(notification({ Id: 'trg_102' }), { only_when_changed: value }),
      );
      expect(record?.billing_address).toMatchObject({
        changed_fields: [],
        previous_address_known: true,
      });
    },
  );

  it('gives a record only when a watched field changed; first sight always gives one', async () => {
    const watchCity = { watch_fields: ['City'] };
    addressRead();
    const [first] = await appTester(perform, withInput(notification(), watchCity));
    expect(first?.billing_address).toMatchObject({ previous_address_known: false });

    addressRead('cust-42', MOVED);
    logs = [];
    await expect(
      appTester(perform, withInput(notification({ Id: 'trg_102' }), watchCity)),
    ).resolves.toEqual([]);
    expect(logs).toEqual([
      'Billing Address Updated: no record for notification trg_102 of customer "cust-42": none ' +
        'of the watched fields changed (watching City; changed: Address Line 1, Address Line 2, ' +
        'Zip / Postal Code).',
    ]);

    addressRead('cust-42', { ...MOVED, City: 'Lyon' });
    const [moved] = await appTester(perform, withInput(notification({ Id: 'trg_103' }), watchCity));
    expect(moved?.billing_address).toMatchObject({
      City: 'Lyon',
      changed_fields: ['City'],
      previous_City: 'Paris',
    });
  });

  it('never leaves out a record whose address is left to read: a filter never costs a notification', async () => {
    addressRead();
    await appTester(perform, delivery(notification()));
    liveApi().get('/v1/CustomerAddressBilling').query({ ReferenceCustomer: 'cust-42' }).reply(429);
    const [record] = await appTester(perform, delivery(notification({ Id: 'trg_102' })));
    expect(typeof record?.billing_address).toBe('string');
  });

  it('delivers unfiltered, and says so, when the filter settings cannot be read', async () => {
    addressRead();
    await appTester(perform, delivery(notification()));
    addressRead();
    logs = [];
    const [record] = await appTester(
      perform,
      withInput(notification({ Id: 'trg_102' }), { watch_fields: ['Email'] }),
    );
    expect(record?.id).toBe('trg_102');
    expect(logs).toEqual([
      "Billing Address Updated: the trigger's filter settings cannot be read; this notification is " +
        'not filtered.',
    ]);
  });

  it('refuses to turn the Zap on with filter settings it cannot read, before any request', async () => {
    const error = await rejectionOf(
      appTester(performSubscribe, {
        authData: { ...AUTH },
        targetUrl: TARGET,
        inputData: { only_when_changed: 'perhaps' },
      }),
    );
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    expect(error.message).toMatch(/^Only When the Address Changed must be yes or no/);
  });
});

describe('perform: request cost', () => {
  it('is one request per verification, one per notification, none per duplicate', async () => {
    let sent = 0;
    const counted = (scope: nock.Scope) => scope.on('request', () => (sent += 1));
    counted(confirmation(7001));
    await appTester(perform, delivery({ Code: 'K7F2Q9' }));
    expect(sent).toBe(1);
    counted(addressRead());
    await appTester(perform, delivery(notification()));
    expect(sent).toBe(2);
    // Any request now would find no interceptor and fail the delivery.
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([]);
    expect(sent).toBe(2);
  });
});

const listWebhooks = (items: object[]) =>
  backofficeApi()
    .get('/Notification/Webhooks')
    .query({ IdBusiness: '42', SizePage: '1000', Links: 'false' })
    .times(1)
    .reply(
      items.length === 0 ? 204 : 200,
      items.length === 0
        ? undefined
        : { Page: 1, SizePage: 1000, Count: items.length, TotalItems: items.length, Items: items },
    );

const sendCode = (id: number) =>
  backofficeApi()
    .get(`/Notification/Webhooks/${id}/Verification`)
    .query({ sendCode: 'true' })
    .times(1)
    .reply(200, {});

describe('performSubscribe', () => {
  const bundle = { authData: { ...AUTH }, targetUrl: TARGET };

  it('registers a webhook for this Zap URL and asks for the verification code', async () => {
    listWebhooks([]);
    const create = backofficeApi()
      .post('/Notification/Webhooks', { Url: TARGET, IdBusiness: 42, Triggers: [EVENT] })
      .matchHeader('content-type', 'application/json')
      .times(1)
      .reply(201, WEBHOOK);
    sendCode(7001);
    await expect(appTester(performSubscribe, bundle)).resolves.toEqual({ id: '7001', url: TARGET });
    expect(create.isDone()).toBe(true);
  });

  it('reuses a webhook that already posts to this Zap URL: no second webhook', async () => {
    listWebhooks([
      { Id: 6990, Url: OTHER_TARGET, Triggers: [EVENT] },
      { Id: 7001, Url: TARGET, Triggers: [EVENT], IsActive: true },
    ]);
    sendCode(7001);
    await expect(appTester(performSubscribe, bundle)).resolves.toEqual({ id: '7001', url: TARGET });
  });

  it('does not reuse a webhook on this Zap URL that delivers only other events', async () => {
    listWebhooks([{ Id: 6995, Url: TARGET, Triggers: ['CustomerAdded'] }]);
    const create = backofficeApi()
      .post('/Notification/Webhooks', { Url: TARGET, IdBusiness: 42, Triggers: [EVENT] })
      .times(1)
      .reply(201, WEBHOOK);
    sendCode(7001);
    await expect(appTester(performSubscribe, bundle)).resolves.toEqual({ id: '7001', url: TARGET });
    expect(create.isDone()).toBe(true);
  });

  it('refuses to subscribe without a target URL, before any request', async () => {
    const error = await rejectionOf(appTester(performSubscribe, { authData: { ...AUTH } }));
    expect(error).toEqual({
      name: 'AppError',
      code: 'missing_target_url',
      message:
        'Zapier did not provide the URL this trigger should receive ProAbono webhooks on. Turn the ' +
        "Zap off and on again; if it keeps failing, send this message to the integration's support.",
    });
  });

  it('maps a 401 to an expired connection', async () => {
    backofficeApi()
      .get('/Notification/Webhooks')
      .query(true)
      .reply(401, { Code: 'Unauthorized', Message: 'Invalid credentials' });
    const error = await rejectionOf(appTester(performSubscribe, bundle));
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('reports a server error while registering as replayable', async () => {
    listWebhooks([]);
    backofficeApi().post('/Notification/Webhooks').reply(500, 'Internal Server Error');
    const error = await rejectionOf(appTester(performSubscribe, bundle));
    expect(error).toEqual({
      name: 'AppError',
      code: 'server_error',
      status: 500,
      message:
        'ProAbono had a server error (HTTP 500) while registering a webhook for Zapier (the answer ' +
        'was not JSON: "Internal Server Error"). Nothing is wrong with your data: replay this step ' +
        'once ProAbono has recovered.',
    });
  });
});

describe('performUnsubscribe', () => {
  const bundle = {
    authData: { ...AUTH },
    targetUrl: TARGET,
    subscribeData: { id: '7001', url: TARGET },
  };

  it('deletes the webhook of the subscribe data', async () => {
    const scope = backofficeApi().delete('/Notification/Webhooks/7001').times(1).reply(200);
    await expect(appTester(performUnsubscribe, bundle)).resolves.toEqual({
      id: '7001',
      deleted: true,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('treats a webhook that is already gone (404) as unsubscribed', async () => {
    backofficeApi()
      .delete('/Notification/Webhooks/7001')
      .reply(404, { Code: 'NotFound', Message: 'Webhook not found' });
    await expect(appTester(performUnsubscribe, bundle)).resolves.toEqual({
      id: '7001',
      deleted: false,
    });
  });

  it('finds the webhooks by Zap URL when Zapier lost the subscribe data', async () => {
    listWebhooks([
      { Id: 6990, Url: OTHER_TARGET, Triggers: [EVENT] },
      { Id: 7001, Url: TARGET, Triggers: [EVENT] },
    ]);
    backofficeApi().delete('/Notification/Webhooks/7001').times(1).reply(200);
    await expect(
      appTester(performUnsubscribe, { authData: { ...AUTH }, targetUrl: TARGET }),
    ).resolves.toEqual({ ids: ['7001'], deleted: true });
  });

  it('reports a server error', async () => {
    backofficeApi().delete('/Notification/Webhooks/7001').reply(502);
    const error = await rejectionOf(appTester(performUnsubscribe, bundle));
    expect(error).toMatchObject({ name: 'AppError', code: 'server_error', status: 502 });
  });
});

const otherCustomer = (Id: string, DateTrigger: string) =>
  notification({
    Id,
    DateTrigger,
    Customer: {
      Id: 233701,
      ReferenceCustomer: 'cust-43',
      Name: 'Erika Mustermann',
      Email: 'erika@example.de',
      Language: 'de',
      Status: 'Enabled',
    },
  });

describe('performList', () => {
  it('hydrates recent events, newest first, reading each customer once and remembering nothing', async () => {
    rewindEventsApi(10, [
      notification({ Id: 'trg_101', DateTrigger: '2026-09-14T10:00:00Z' }),
      otherCustomer('trg_103', '2026-09-16T10:00:00Z'),
      notification({ Id: 'trg_102', DateTrigger: '2026-09-15T10:00:00Z' }),
    ]);
    addressRead();
    addressRead('cust-43', { ...ADDRESS, City: 'Berlin', Country: 'DE', Region: null });
    const records = await appTester(performList, { authData: { ...AUTH } });
    expect(records.map((record) => record.id)).toEqual(['trg_103', 'trg_102', 'trg_101']);
    expect(records[0]).toMatchObject({
      ReferenceCustomer: 'cust-43',
      billing_address: { City: 'Berlin', changed_fields: [], previous_address_known: false },
    });
    expect(records[2]).toEqual({ ...firstSightRecord(), DateTrigger: '2026-09-14T10:00:00.000Z' });
    expect(zcache()).toEqual({});
  });

  it('asks for and returns at most 3 events when Zapier loads samples', async () => {
    rewindEventsApi(
      3,
      ['trg_105', 'trg_104', 'trg_103', 'trg_102', 'trg_101'].map((Id) => notification({ Id })),
    );
    addressRead();
    const records = await appTester(performList, {
      authData: { ...AUTH },
      meta: { isLoadingSample: true },
    });
    expect(records.map((record) => record.id)).toEqual(['trg_105', 'trg_104', 'trg_103']);
  });

  it('returns no record when ProAbono has no event: Zapier then shows the static sample itself', async () => {
    rewindEventsApi(10, []);
    await expect(appTester(performList, { authData: { ...AUTH } })).resolves.toEqual([]);
  });

  it('gives an empty address to an event whose customer ProAbono no longer knows', async () => {
    rewindEventsApi(10, [notification()]);
    liveApi().get('/v1/CustomerAddressBilling').query({ ReferenceCustomer: 'cust-42' }).reply(403);
    const [record] = await appTester(performList, { authData: { ...AUTH } });
    expect(record?.billing_address).toEqual({
      ...Object.fromEntries(Object.keys(ADDRESS).map((key) => [key, null])),
      CountryName: null,
      changed_fields: [],
      previous_address_known: false,
      ...NO_PREVIOUS,
    });
  });

  it('skips, and logs, an event in the history it cannot read', async () => {
    rewindEventsApi(10, [{ Id: 'trg_bad', TypeTrigger: EVENT }, notification()]);
    addressRead();
    await expect(appTester(performList, { authData: { ...AUTH } })).resolves.toEqual([
      firstSightRecord(),
    ]);
    expect(logs).toEqual([
      "Skipped item 1 (Id trg_bad) of ProAbono's answer to GET " +
        '/Notification/WebhookNotifications/RewindEvents while reading recent billing-address ' +
        'events: it is not in the expected format (DateTrigger: Invalid input: expected string, ' +
        'received undefined). The other items were used.',
    ]);
  });

  it('maps a 401 on the event history to an expired connection', async () => {
    backofficeApi()
      .get('/Notification/WebhookNotifications/RewindEvents')
      .query(true)
      .reply(401, { Code: 'Unauthorized', Message: 'Invalid credentials' });
    const error = await rejectionOf(appTester(performList, { authData: { ...AUTH } }));
    expect(error.name).toBe('ExpiredAuthError');
  });
});

/** A value's shape: key sets recursively, and the JSON type of every leaf. */
const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value))
    return ['array', ...new Set(value.map(shapeOf).map((s) => JSON.stringify(s)))];
  if (value === null) return 'null';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, shapeOf(item)]),
    );
  }
  return typeof value;
};

describe('record shape', () => {
  it('is exactly the same from perform and from performList', async () => {
    addressRead();
    const [delivered] = await appTester(perform, delivery(notification()));
    rewindEventsApi(10, [notification({ Id: 'trg_100' })]);
    addressRead();
    const [listed] = await appTester(performList, { authData: { ...AUTH } });
    expect(shapeOf(listed)).toEqual(shapeOf(delivered));
    expect(Object.keys(listed ?? {})).toEqual(Object.keys(delivered ?? {}));
    expect(Object.keys(listed?.billing_address ?? {})).toEqual(
      Object.keys(delivered?.billing_address ?? {}),
    );
  });

  it('matches the static sample key for key, nested keys included, in the same order', async () => {
    addressRead();
    await appTester(perform, delivery(notification()));
    addressRead('cust-42', MOVED);
    const [changed] = await appTester(perform, delivery(notification({ Id: 'trg_102' })));
    const keysOf = (value: unknown): unknown =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).map(([key, item]) => [key, keysOf(item)])
        : null;
    expect(keysOf(billingAddressUpdatedSample)).toEqual(keysOf(changed));
  });

  it('has a labelled output field for every key, and no output field for a missing key', () => {
    const flatten = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, item]) =>
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? flatten(item as object, `${prefix}${key}__`)
          : [`${prefix}${key}`],
      );
    const fields = App.triggers.billing_address_updated.operation.outputFields ?? [];
    const keys = fields.map((field) => ('key' in field ? field.key : ''));
    expect(keys.sort()).toEqual(flatten(billingAddressUpdatedSample).sort());
    for (const field of fields) {
      expect('label' in field && typeof field.label === 'string' && field.label !== '').toBe(true);
    }
  });
});

describe('definition', () => {
  it('is a hook trigger with the published label and description', () => {
    const trigger = App.triggers.billing_address_updated;
    expect(trigger.display).toEqual({
      label: 'Billing Address Updated',
      description: "Triggers when a customer's billing address is updated.",
    });
    expect(trigger.noun).toBe('Billing Address');
    expect(trigger.operation.type).toBe('hook');
  });
});
