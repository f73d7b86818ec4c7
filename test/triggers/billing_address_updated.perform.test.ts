import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import { hydrateRecord, parsePlaceholder } from '../../sandbox/zapier/zapierHarness.js';
import { perform, performSubscribe } from '../../src/triggers/billing_address_updated.js';
import {
  AUTH,
  REQUIRED_HEADERS,
  UNAUTHORIZED,
  appTester,
  backofficeApi,
  liveApi,
  rejectionOf,
  seedZcache,
  zcache,
} from '../support/app.js';
import { addressFields } from '../../src/mappers/addressRecord.js';
import { NO_PREVIOUS } from '../support/records.js';
import {
  ADDRESS,
  DELIVERY_KEY,
  EVENT,
  MOVED,
  OTHER_TARGET,
  TAG,
  TARGET,
  addressReadReply,
  confirmationApi,
  delivery,
  firstSightRecord,
  notification,
  sign,
  signedHeaders,
  useTriggerTest,
  webhooksListApi,
} from '../support/billingAddressUpdated.js';
import { expiredAuth } from '../support/errors.js';
import { FAILING_CACHE } from '../support/fakeZ.js';
import {
  DELIVERY_REFUSALS,
  alreadyReceived,
  ignoredDelivery,
  noRecord,
  noWatchedChange,
  sameAddress,
} from '../support/zapLogs.js';

const TRIGGER = 'Billing Address Updated';

/** The instant trigger's perform: signature, verification handshake, notifications, filters, cost. */

const { logs, expectNoSecretsLogged } = useTriggerTest();

describe('perform: signature', () => {
  it('accepts a delivery signed with the connection secret, headers in Zapier form', async () => {
    addressReadReply();
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([
      firstSightRecord(),
    ]);
  });

  it('accepts the plain lower-case header form too', async () => {
    addressReadReply();
    const zapierForm = delivery(notification());
    // The same delivery with the headers as ProAbono sent them, not as Zapier renames them.
    const bundle = {
      ...zapierForm,
      rawRequest: { ...zapierForm.rawRequest, headers: signedHeaders() },
    };
    await expect(appTester(perform, bundle)).resolves.toEqual([firstSightRecord()]);
  });

  it.each([
    ['no signature header', { 'x-proabono-key': DELIVERY_KEY }, DELIVERY_REFUSALS.noSignature],
    [
      'no key header',
      { 'x-proabono-signature': sign(DELIVERY_KEY, AUTH.webhookSecret) },
      DELIVERY_REFUSALS.noKey,
    ],
    [
      'a signature made with another secret',
      signedHeaders('not-the-secret'),
      DELIVERY_REFUSALS.wrongSignature,
    ],
    [
      'a signature of another key',
      {
        'x-proabono-key': DELIVERY_KEY,
        'x-proabono-signature': sign('another-key', AUTH.webhookSecret),
      },
      DELIVERY_REFUSALS.wrongSignature,
    ],
  ])('produces no record and sends nothing for %s, and logs why', async (_case, headers, why) => {
    await expect(appTester(perform, delivery(notification(), { headers }))).resolves.toEqual([]);
    expect(logs).toEqual([ignoredDelivery(TRIGGER, why)]);
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

  it.each([
    [
      'no Webhook Security Key',
      { businessId: AUTH.businessId, agentKey: AUTH.agentKey, apiKey: AUTH.apiKey },
    ],
    ['a blank Webhook Security Key', { ...AUTH, webhookSecret: '  ' }],
  ])(
    'runs no Zap for any delivery when the connection has %s, and says what to do',
    async (_case, authData) => {
      for (const body of [notification(), { Code: 'K7F2Q9' }]) {
        for (const headers of [{}, signedHeaders()]) {
          await expect(appTester(perform, delivery(body, { headers, authData }))).resolves.toEqual(
            [],
          );
        }
      }
      expect(new Set(logs)).toEqual(
        new Set([ignoredDelivery(TRIGGER, DELIVERY_REFUSALS.noSecret)]),
      );
      expect(zcache()).toEqual({});
    },
  );
});

describe('perform: verification handshake', () => {
  it('confirms the code for the webhook in the subscribe data: one request, no record', async () => {
    const scope = confirmationApi(7001);
    await expect(appTester(perform, delivery({ Code: 'K7F2Q9' }))).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(logs).toEqual([
      'Billing Address Updated: confirmed the verification code of webhook 7001.',
    ]);
  });

  it('uses the IdWebhook of the body when the subscribe data is not stored yet', async () => {
    const scope = confirmationApi(7002, '483920');
    const bundle = delivery({ Code: 483920, IdWebhook: 7002 }, { subscribeData: undefined });
    await expect(appTester(perform, bundle)).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('finds the webhook the subscription cached for this Zap URL when the code arrives first', async () => {
    seedZcache({ [`proabono:v1:webhook:42:${TAG}`]: { id: '7003' } });
    const confirm = confirmationApi(7003);
    const bundle = delivery({ Code: 'K7F2Q9' }, { subscribeData: undefined });
    await expect(appTester(perform, bundle)).resolves.toEqual([]);
    expect(confirm.isDone()).toBe(true);
  });

  it("falls back to ProAbono's list of webhooks, an optional extra, when nothing else names one", async () => {
    const list = webhooksListApi([
      { Id: 6990, Url: OTHER_TARGET, Triggers: [EVENT] },
      { Id: 7003, Url: TARGET, Triggers: [EVENT] },
    ]);
    const confirm = confirmationApi(7003);
    const bundle = delivery({ Code: 'K7F2Q9' }, { subscribeData: undefined });
    await expect(appTester(perform, bundle)).resolves.toEqual([]);
    expect(list.isDone() && confirm.isDone()).toBe(true);
  });

  it.each([
    ['lists none (204)', 204],
    ['does not exist (404)', 404],
    ['refuses the method (405)', 405],
    ['refuses the keys (403)', 403],
  ])(
    'says what to do when no webhook is known for this Zap and the list %s',
    async (_case, status) => {
      backofficeApi()
        .get('/Notification/Webhooks')
        .query({ IdBusiness: '42', SizePage: '1000', Links: 'false' })
        .reply(status);
      const bundle = delivery({ Code: 'K7F2Q9' }, { subscribeData: undefined });
      await expect(rejectionOf(appTester(perform, bundle))).resolves.toEqual({
        name: 'AppError',
        code: 'webhook_not_found',
        message:
          'ProAbono sent a webhook verification code, but no webhook of business 42 is known for ' +
          'this Zap. Turn the Zap off and on again to register a new webhook.',
      });
    },
  );

  // The exact error also proves no "What happened" trace (the bundle, with the webhook headers)
  // was appended to it.
  it('maps a rejected confirmation (401) to an expired connection, with no trace of the bundle', async () => {
    backofficeApi()
      .post('/Notification/Webhooks/7001/Verification')
      .query({ code: 'K7F2Q9', echo: 'true' })
      .reply(401, UNAUTHORIZED);
    const error = await rejectionOf(appTester(perform, delivery({ Code: 'K7F2Q9' })));
    expect(error).toEqual(expiredAuth());
  });
});

describe('perform: notifications', () => {
  it('reads the address once and remembers the delivery and the address under exact keys', async () => {
    const scope = addressReadReply();
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([
      firstSightRecord(),
    ]);
    expect(scope.isDone()).toBe(true);
    expect(Object.keys(zcache()).sort()).toEqual([
      'proabono:v1:address:42:webhook:7001:cust-42',
      'proabono:v1:delivered:42:webhook:7001:trg_101',
    ]);
    expect(JSON.parse(zcache()['proabono:v1:address:42:webhook:7001:cust-42'] ?? 'null')).toEqual({
      address: ADDRESS,
      time: Date.parse('2026-09-14T15:11:43.75Z'),
    });
    expect(JSON.parse(zcache()['proabono:v1:delivered:42:webhook:7001:trg_101'] ?? 'null')).toEqual(
      { state: 'delivered', token: expect.any(String), leaseUntil: expect.any(Number) },
    );
  });

  it('gives null for a value of only whitespace, in the customer block and the address, as Find Customer does', async () => {
    addressReadReply('cust-42', { ...ADDRESS, AddressLine2: '  ', City: ' Paris ' });
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
    addressReadReply();
    await appTester(perform, delivery(notification()));
    addressReadReply('cust-42', MOVED);
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
    addressReadReply();
    await appTester(perform, delivery(notification()));
    logs.splice(0);
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([]);
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([]);
    expect(logs).toEqual([
      alreadyReceived(TRIGGER, 'trg_101'),
      alreadyReceived(TRIGGER, 'trg_101'),
    ]);
  });

  it('recognises a duplicate whether the Zap URL comes from targetUrl or the subscribe data', async () => {
    addressReadReply();
    await appTester(perform, delivery(notification()));
    const withoutTarget = delivery(notification(), { targetUrl: undefined });
    await expect(appTester(perform, withoutTarget)).resolves.toEqual([]);
  });

  it('runs every Zap once: two hook URLs on one business both get the same notification', async () => {
    addressReadReply();
    addressReadReply();
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
    addressReadReply();
    addressReadReply();
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
    addressReadReply();
    const bare = { targetUrl: undefined, subscribeData: undefined };
    await appTester(perform, delivery(notification({ IdWebhook: 7009 }), bare));
    expect(Object.keys(zcache())).toContain('proabono:v1:delivered:42:webhook:7009:trg_101');
  });

  it('falls back to the hook URL, and runs without the copy check when nothing identifies the Zap', async () => {
    addressReadReply();
    await appTester(perform, delivery(notification(), { subscribeData: undefined }));
    expect(Object.keys(zcache())).toContain(`proabono:v1:delivered:42:url:${TAG}:trg_101`);
    addressReadReply();
    logs.splice(0);
    const nothing = { targetUrl: undefined, subscribeData: undefined };
    await expect(appTester(perform, delivery(notification(), nothing))).resolves.toEqual([
      firstSightRecord(),
    ]);
    expect(logs).toEqual([
      'Billing Address Updated: notification trg_101 names no webhook and Zapier gave no hook URL; ' +
        'it runs without the check for copies, and nothing is remembered of it.',
    ]);
  });

  it('shares no memory when nothing identifies the Zap: a change it never saw is a first sight', async () => {
    // Another Zap of the business remembered Paris for cust-42 under an unscoped key.
    seedZcache({ 'proabono:v1:address:42:unscoped:cust-42': { address: ADDRESS, time: 0 } });
    addressReadReply('cust-42', MOVED);
    const nothing = { targetUrl: undefined, subscribeData: undefined };
    const [record] = (await appTester(perform, delivery(notification(), nothing))) as {
      billing_address: { previous_address_known: boolean; changed_fields: string[] };
    }[];
    expect(record?.billing_address).toMatchObject({
      previous_address_known: false,
      changed_fields: [],
    });
    expect(Object.keys(zcache())).toEqual(['proabono:v1:address:42:unscoped:cust-42']);
  });

  it('keeps two businesses apart, even with the same hook URL and notification Id', async () => {
    addressReadReply();
    addressReadReply(
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
      'ignored notification trg_101 (CustomerAdded): this Zap runs on CustomerBillingAddressUpdated.',
    ],
    [
      'a body that is not a notification',
      { hello: 'world' },
      `ignored ${DELIVERY_REFUSALS.notANotification}.`,
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
    const scope = addressReadReply(reference);
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
    addressReadReply();
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
        // `{}` would be a customer without an address: this 200 is about something else.
        .reply(
          status,
          status === 200 ? { Code: 'Maintenance', Message: 'Back soon.' } : { Message: 'No.' },
        );
      const [record] = await appTester(perform, delivery(notification()));
      expect(scope.isDone()).toBe(true);
      const { billing_address: placeholder, ...rest } = record ?? {};
      const { billing_address: _, ...expectedRest } = firstSightRecord();
      expect(rest).toEqual(expectedRest);
      expect(parsePlaceholder(placeholder)).toEqual({
        type: 'method',
        method: 'hydrators.billingAddress',
        bundle: {
          reference: 'cust-42',
          notificationId: 'trg_101',
          dateTrigger: '2026-09-14T15:11:43.750Z',
          scope: 'webhook:7001',
        },
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
    addressReadReply();
    await expect(hydrateRecord(App, appTester, record ?? {}, AUTH)).resolves.toEqual({
      ...record,
      billing_address: firstSightRecord().billing_address,
    });
    addressReadReply('cust-42', MOVED);
    const [next] = await appTester(perform, delivery(notification({ Id: 'trg_102' })));
    expect(next?.billing_address).toMatchObject({
      changed_fields: ['AddressLine1', 'AddressLine2', 'ZipCode'],
      previous_address_known: true,
    });
  });

  it('handles out-of-order deliveries: each runs once, changes measured against the last one run', async () => {
    const everyUpdate = { inputData: { only_when_changed: 'false' } };
    addressReadReply('cust-42', MOVED);
    const later = notification({ Id: 'trg_202', DateTrigger: '2026-09-15T08:00:00Z' });
    const [first] = await appTester(perform, delivery(later, everyUpdate));
    addressReadReply('cust-42', MOVED);
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
    addressReadReply();
    await appTester(perform, delivery(notification()));
    addressReadReply();
    logs.splice(0);
    await expect(appTester(perform, delivery(notification({ Id: 'trg_102' })))).resolves.toEqual(
      [],
    );
    expect(logs).toEqual([noRecord('trg_102', 'cust-42', sameAddress())]);
    // The notification counts as handled: a copy of it reads nothing.
    await expect(appTester(perform, delivery(notification({ Id: 'trg_102' })))).resolves.toEqual(
      [],
    );
  });

  it.each([false, 'false', 'no', 'No'])(
    'gives a record for every notification when Only When the Address Changed is %j',
    async (value) => {
      addressReadReply();
      await appTester(perform, withInput(notification(), { only_when_changed: value }));
      addressReadReply();
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
    addressReadReply();
    const [first] = await appTester(perform, withInput(notification(), watchCity));
    expect(first?.billing_address).toMatchObject({ previous_address_known: false });

    addressReadReply('cust-42', MOVED);
    logs.splice(0);
    await expect(
      appTester(perform, withInput(notification({ Id: 'trg_102' }), watchCity)),
    ).resolves.toEqual([]);
    expect(logs).toEqual([
      noRecord(
        'trg_102',
        'cust-42',
        noWatchedChange('City', 'Address Line 1, Address Line 2, Zip / Postal Code'),
      ),
    ]);

    addressReadReply('cust-42', { ...MOVED, City: 'Lyon' });
    const [moved] = await appTester(perform, withInput(notification({ Id: 'trg_103' }), watchCity));
    expect(moved?.billing_address).toMatchObject({
      City: 'Lyon',
      changed_fields: ['City'],
      previous_City: 'Paris',
    });
  });

  it('never leaves out a record whose address is left to read: a filter never costs a notification', async () => {
    addressReadReply();
    await appTester(perform, delivery(notification()));
    liveApi().get('/v1/CustomerAddressBilling').query({ ReferenceCustomer: 'cust-42' }).reply(429);
    const [record] = await appTester(perform, delivery(notification({ Id: 'trg_102' })));
    expect(typeof record?.billing_address).toBe('string');
  });

  it('delivers unfiltered, and says so, when the filter settings cannot be read', async () => {
    addressReadReply();
    await appTester(perform, delivery(notification()));
    addressReadReply();
    logs.splice(0);
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
    counted(confirmationApi(7001));
    await appTester(perform, delivery({ Code: 'K7F2Q9' }));
    expect(sent).toBe(1);
    counted(addressReadReply());
    await appTester(perform, delivery(notification()));
    expect(sent).toBe(2);
    // Any request now would find no interceptor and fail the delivery.
    await expect(appTester(perform, delivery(notification()))).resolves.toEqual([]);
    expect(sent).toBe(2);
  });
});

describe('perform: no change lost, none reverted', () => {
  /** Runs perform with z.cache's calls passed through `wrap` first (a cache that fails). */
  const performWithCache = (
    bundle: ReturnType<typeof delivery>,
    wrap: (cache: ZObject['cache']) => Partial<ZObject['cache']>,
  ) =>
    appTester((z: ZObject, b: Bundle) => {
      Object.assign(z.cache, wrap({ ...z.cache }));
      return perform(z, b);
    }, bundle);

  it('still gives its record when marking it delivered fails, and remembers the change it delivered', async () => {
    addressReadReply();
    await appTester(perform, delivery(notification()));
    addressReadReply('cust-42', MOVED);
    const moved = notification({ Id: 'trg_102', DateTrigger: '2026-09-15T08:00:00Z' });
    logs.splice(0);
    const records = await performWithCache(delivery(moved), (cache) => ({
      set: (key, value, ...rest) =>
        JSON.stringify(value).includes('"delivered"')
          ? Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')"))
          : cache.set(key, value, ...rest),
    }));
    expect(records).toMatchObject([
      {
        id: 'trg_102',
        billing_address: { changed_fields: ['AddressLine1', 'AddressLine2', 'ZipCode'] },
      },
    ]);
    expect(logs).toEqual([
      "Billing Address Updated: Zapier's cache failed while marking the notification delivered " +
        'for notification trg_102; the Zap still runs.',
    ]);
    // What the Zap saw is what it remembers: a later update compares with the moved address.
    expect(JSON.parse(zcache()['proabono:v1:address:42:webhook:7001:cust-42'] ?? 'null')).toEqual({
      address: addressFields(MOVED),
      time: Date.parse('2026-09-15T08:00:00Z'),
    });
  });

  it('runs the Zap, unchecked, when the cache fails before the claim, with a clear log line', async () => {
    addressReadReply();
    const records = await performWithCache(delivery(notification()), () => FAILING_CACHE);
    expect(records).toEqual([firstSightRecord()]);
    expect(logs).toEqual([
      "Billing Address Updated: Zapier's cache failed while checking notification trg_101 for " +
        'copies; it runs without the check rather than be lost.',
      "Billing Address Updated: Zapier's cache failed while holding the last address; this run " +
        'goes on without holding it.',
      "Billing Address Updated: Zapier's cache failed while reading the last address; it counts " +
        'as unknown.',
      "Billing Address Updated: Zapier's cache failed while remembering notification trg_101; its " +
        'record is sent.',
    ]);
    expectNoSecretsLogged();
  });

  it('never reverts: an older notification read after a newer one carries the newer address', async () => {
    // The newer notification (the move) was delivered first.
    addressReadReply('cust-42', MOVED);
    const newer = notification({ Id: 'trg_102', DateTrigger: '2026-09-15T08:00:00Z' });
    await appTester(perform, delivery(newer));
    // The older one's read comes back with the address from before the move.
    addressReadReply();
    logs.splice(0);
    const everyNotification = { only_when_changed: false };
    const [record] = await appTester(perform, {
      ...delivery(notification()),
      inputData: everyNotification,
    });
    expect(record).toEqual({
      ...firstSightRecord(),
      billing_address: {
        ...addressFields(MOVED),
        CountryName: 'France',
        changed_fields: [],
        previous_address_known: true,
        ...NO_PREVIOUS,
      },
    });
    expect(logs).toEqual([
      'Billing Address Updated: notification trg_101 is older than the last one this Zap ' +
        'delivered for customer "cust-42": its record carries that newer address, with nothing ' +
        'changed.',
    ]);
    // With the default filter, such a notification gives no record at all.
    addressReadReply();
    await expect(
      appTester(
        perform,
        delivery(notification({ Id: 'trg_100', DateTrigger: '2026-09-13T08:00:00Z' })),
      ),
    ).resolves.toEqual([]);
    expect(JSON.parse(zcache()['proabono:v1:address:42:webhook:7001:cust-42'] ?? 'null')).toEqual({
      address: addressFields(MOVED),
      time: Date.parse('2026-09-15T08:00:00Z'),
    });
  });
});
