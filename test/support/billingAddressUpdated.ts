import { createHash } from 'node:crypto';

import { jest } from '@jest/globals';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { deliveryBundle } from '../../sandbox/zapier/zapierHarness.js';
import {
  AUTH,
  BACKOFFICE,
  REQUIRED_HEADERS,
  SECRETS,
  appTester,
  backofficeApi,
  captureLogs,
  clearZcache,
  expectOnlyTheseRequests,
  liveApi,
} from './app.js';
import type { PartialBundle } from './app.js';
import { NO_PREVIOUS, mapSortedEntries } from './records.js';
import { PARIS_ADDRESS } from './proabono.js';

/*
 * What the unit tests of the Billing Address Updated instant trigger share: the Zap's hook URL,
 * ProAbono's notifications and signed deliveries as Zapier hands them to perform, the records
 * expected on first sight, and the nock scopes of the Backoffice and API Live calls the trigger
 * makes. The signature is computed here independently of src/.
 */

export const TARGET = 'https://hooks.zapier.com/hooks/standard/1234567/a1b2c3d4e5f6/';
export const OTHER_TARGET = 'https://hooks.zapier.com/hooks/standard/1234567/0f9e8d7c6b5a/';
export const EVENT = 'CustomerBillingAddressUpdated';
export const DELIVERY_KEY = '6f0c2a9e-8d41-4b7a-a3e5-2c9d7b1f4e80';
export const WEBHOOK = { Id: 7001, Url: TARGET, Triggers: [EVENT], IsActive: false };

/** Independent of the code under test: base64 of the raw sha256 digest of key + secret. */
export const sign = (key: string, secret: string) =>
  createHash('sha256')
    .update(key + secret, 'utf8')
    .digest('base64');
const tagOf = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 16);

export const TAG = tagOf(TARGET);

export const signedHeaders = (secret: string = AUTH.webhookSecret, key = DELIVERY_KEY) => ({
  'x-proabono-key': key,
  'x-proabono-signature': sign(key, secret),
});

/** The samples' Paris address, without a VAT number, as the API Live answers it. */
export const ADDRESS = { ...PARIS_ADDRESS, TaxInformation: null };
export const MOVED = {
  ...ADDRESS,
  AddressLine1: '18 rue de la Roquette',
  AddressLine2: '',
  ZipCode: '75011',
};

/** John Doe as a notification's customer block gives him. */
export const CUSTOMER_BLOCK = {
  Id: 233700,
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
};

export const notification = (overrides: Record<string, unknown> = {}) => ({
  Id: 'trg_101',
  IdBusiness: 42,
  IdSegment: 69,
  ReferenceSegment: 'demo-eur',
  DateTrigger: '2026-09-14T15:11:43.75Z',
  TypeTrigger: EVENT,
  Customer: { ...CUSTOMER_BLOCK },
  ...overrides,
});

export const CUSTOMER_PART = {
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};

export const firstSightRecord = (id = 'trg_101') => ({
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

type DeliveryBundle = PartialBundle & Partial<Bundle>;

/**
 * A delivery to this Zap as Zapier hands it to perform, with `headers` as ProAbono sent them
 * (signed by default); `rest` replaces parts of the bundle.
 */
export const delivery = (
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

export const addressReadReply = (
  reference = 'cust-42',
  address: object = ADDRESS,
  host = liveApi(),
) =>
  host
    .get('/v1/CustomerAddressBilling')
    .query({ ReferenceCustomer: reference })
    .times(1)
    .reply(200, { ...address, Links: [] });

/**
 * Each test starts with an empty z.cache and console.log captured into `logs`, and ends with every
 * nock interceptor used. `expectNoSecretsLogged` checks that nothing secret reached a log line:
 * not the keys, the webhook secret or a signature.
 */
export const useTriggerTest = () => {
  const logs: string[] = [];
  beforeEach(() => {
    clearZcache();
    logs.splice(0);
    captureLogs(logs);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    expect(nock.pendingMocks()).toEqual([]);
  });
  const expectNoSecretsLogged = () => {
    const text = logs.join('\n');
    for (const secret of [...SECRETS, DELIVERY_KEY, sign(DELIVERY_KEY, AUTH.webhookSecret)]) {
      expect(text).not.toContain(secret);
    }
  };
  return { logs, expectNoSecretsLogged };
};

export const confirmationApi = (id: number | string, code = 'K7F2Q9') =>
  // No body, so no content type: ProAbono reads the code from the query string.
  nock(BACKOFFICE, { reqheaders: REQUIRED_HEADERS, badheaders: ['content-type'] })
    .post(`/Notification/Webhooks/${id}/Verification`, (body) => body === '' || body === undefined)
    .query({ code, echo: 'true' })
    .times(1)
    .reply(200, { ...WEBHOOK, Id: Number(id), IsActive: true });

export const webhooksListApi = (items: object[]) =>
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

/** ProAbono's webhook registered for this Zap's hook URL and exactly `triggers`, once. */
const webhookCreateApi = (triggers: string[]) =>
  backofficeApi()
    .post('/Notification/Webhooks', { Url: TARGET, IdBusiness: 42, Triggers: triggers })
    .times(1)
    .reply(201, { ...WEBHOOK, Triggers: triggers });

/** The bundle of turning the Zap on (performSubscribe), with its input. */
export const subscribeBundle = (inputData: Record<string, unknown>, authData: object = AUTH) => ({
  authData: { ...authData },
  targetUrl: TARGET,
  inputData,
});

/**
 * Turns the Zap on with `inputData` and checks it: after the `earlier` requests, the webhook
 * registered for exactly `registered`, its verification code asked for, and what Zapier keeps.
 */
export const expectWebhookRegistered = async (
  performSubscribe: (z: ZObject, bundle: Bundle) => Promise<unknown>,
  inputData: Record<string, unknown>,
  registered: string[],
  ...earlier: nock.Scope[]
) => {
  const create = webhookCreateApi(registered);
  const code = sendCodeApi(7001);
  await expect(appTester(performSubscribe, subscribeBundle(inputData))).resolves.toEqual({
    id: '7001',
    url: TARGET,
    types: registered,
  });
  expectOnlyTheseRequests(...earlier, create, code);
};

/** The bundle of loading the trigger's samples (performList), with its input. */
export const samplesBundle = (inputData: Record<string, unknown>) => ({
  authData: { ...AUTH },
  inputData,
  meta: { isLoadingSample: true },
});

export const sendCodeApi = (id: number) =>
  backofficeApi()
    .get(`/Notification/Webhooks/${id}/Verification`)
    .query({ sendCode: 'true' })
    .times(1)
    .reply(200, {});

/** A notification about another customer, Erika Mustermann (`cust-43` unless given). */
export const erikaNotification = (
  Id: string | number,
  DateTrigger: string,
  reference = 'cust-43',
) =>
  notification({
    Id,
    DateTrigger,
    Customer: {
      Id: 233701,
      ReferenceCustomer: reference,
      Name: 'Erika Mustermann',
      Email: 'erika@example.de',
      Language: 'de',
      Status: 'Enabled',
    },
  });

/**
 * The shape of a record: its keys, recursively, with each value's type; `null` is its own kind,
 * so a field that is sometimes empty shows (compare mappableShape, which treats it as text).
 */
export const typeShapeOf = (value: unknown): unknown => {
  if (Array.isArray(value))
    return ['array', ...new Set(value.map(typeShapeOf).map((s) => JSON.stringify(s)))];
  if (value === null) return 'null';
  if (typeof value === 'object') return mapSortedEntries(value, typeShapeOf);
  return typeof value;
};
