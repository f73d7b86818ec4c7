import { jest } from '@jest/globals';
import nock from 'nock';
import zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import { createProAbonoClient } from '../../src/api/client.js';
import type { ProAbonoClient } from '../../src/api/client.js';
import { basicAuthorization } from '../../sandbox/zapier/zapierHarness.js';

export const appTester = zapier.createAppTester(App);

/** What appTester accepts as a bundle: any part of one, nested parts included. */
export type PartialBundle = NonNullable<Parameters<typeof appTester>[1]>;

/** Recognisable fake secrets: the secret-hygiene checks look for them in every output. */
export const AUTH = {
  businessId: '42',
  agentKey: 'agent-FAKE-7f3a9c',
  apiKey: 'apikey-FAKE-b81d44e2',
  webhookSecret: 'whsecret-FAKE-5c0e1b',
} as const;
export const SECRETS = [AUTH.agentKey, AUTH.apiKey, AUTH.webhookSecret];

export const LIVE = 'https://api-42.proabono.com';
export const BACKOFFICE = 'https://via.proabono.com';
export const BASIC = basicAuthorization(AUTH.agentKey, AUTH.apiKey);

/** Headers every request to either API must carry. */
export const REQUIRED_HEADERS = {
  authorization: BASIC,
  accept: 'application/json',
  'user-agent': /^ProAbono-for-Zapier\/\d+\.\d+\.\d+$/,
};

export const liveApi = () => nock(LIVE, { reqheaders: REQUIRED_HEADERS });
export const backofficeApi = () => nock(BACKOFFICE, { reqheaders: REQUIRED_HEADERS });

/** `GET /v1/Customer` for one reference, once. */
export const customerLookupApi = (reference: string) =>
  liveApi().get('/v1/Customer').query({ ReferenceCustomer: reference }).times(1);

/** `GET /v1/CustomerAddressBilling` for one reference, once. */
export const addressReadApi = (reference: string) =>
  liveApi().get('/v1/CustomerAddressBilling').query({ ReferenceCustomer: reference }).times(1);

/** The Backoffice's `GET /Organization/Segments`, page `page` of 100, once. */
export const segmentsApi = (page: number | string = 1) =>
  backofficeApi()
    .get('/Organization/Segments')
    .query({ IdBusiness: '42', Page: String(page), SizePage: '100', Links: 'false' })
    .times(1);

/** `GET /v1/Subscription` of one customer, to one offer when given, once. */
export const subscriptionLookupApi = (customer: string, offer?: string) =>
  liveApi()
    .get('/v1/Subscription')
    .query({
      ReferenceCustomer: customer,
      ...(offer === undefined ? {} : { ReferenceOffer: offer }),
      IgnoreFeatures: 'true',
    })
    .times(1);

/** Nock matches a JSON body with exactly these fields, in this order (what the client encodes). */
export const exactly = (body: Record<string, unknown>) => (sent: unknown) =>
  JSON.stringify(sent) === JSON.stringify(body);

/** `POST` to the API Live at `path` with exactly this JSON body. */
export const livePostApi = (path: string, body: Record<string, unknown>) =>
  liveApi().matchHeader('content-type', 'application/json').post(path, exactly(body));

/** `POST /v1/Customer` with exactly this JSON body, once. */
export const customerSaveApi = (body: Record<string, unknown>) =>
  livePostApi('/v1/Customer', body).times(1);

/** `POST /v1/CustomerAddressBilling` for one reference with exactly this JSON body, once. */
export const addressSaveApi = (reference: string, body: Record<string, string | null>) =>
  livePostApi('/v1/CustomerAddressBilling', body).query({ ReferenceCustomer: reference }).times(1);

/** Every interceptor given was called, and no other is left waiting: exactly these requests. */
export const expectOnlyTheseRequests = (...scopes: nock.Scope[]): void => {
  for (const scope of scopes) expect(scope.isDone()).toBe(true);
  expect(nock.pendingMocks()).toEqual([]);
};

/** Which page of which event type's history (billing-address updates, page 1, by default). */
interface HistoryPage {
  type?: string;
  page?: number;
}

/** `GET RewindEvents`: one page of one event type's notifications, of this size, once. */
export const rewindEventsRequest = (
  sizePage: number,
  { type = 'CustomerBillingAddressUpdated', page = 1 }: HistoryPage = {},
) =>
  backofficeApi()
    .get('/Notification/WebhookNotifications/RewindEvents')
    .query({
      IdBusiness: '42',
      TypeTrigger: type,
      Page: String(page),
      SizePage: String(sizePage),
      Links: 'false',
    })
    .times(1);

/**
 * Nock scope for one `RewindEvents` page of notifications (of billing-address updates, page 1,
 * unless told otherwise); an empty page is ProAbono's 204 with no body.
 */
export const rewindEventsApi = (
  sizePage: number,
  items: object[],
  total = items.length,
  history: HistoryPage = {},
) =>
  rewindEventsRequest(sizePage, history).reply(
    items.length === 0 ? 204 : 200,
    items.length === 0
      ? undefined
      : {
          Page: history.page ?? 1,
          SizePage: sizePage,
          Count: items.length,
          TotalItems: total,
          Items: items,
        },
  );

/** ProAbono's 401 body for keys it does not accept. */
export const UNAUTHORIZED = { Code: 'Unauthorized', Message: 'Invalid credentials' };

/** Runs a function with the app's z (its middleware included), like a perform. */
export const run = <T>(
  fn: (z: ZObject, bundle: Bundle) => T | Promise<T>,
  bundle: PartialBundle = {},
): Promise<T> => appTester(fn, { authData: { ...AUTH }, ...bundle });

/** Calls of the API client as an operation makes them: through the app runtime, authenticated. */
export const withClient = <T>(fn: (client: ProAbonoClient) => Promise<T>): Promise<T> =>
  run((z, bundle) => fn(createProAbonoClient(z, bundle)));

/** The client's address update the error tests make: customer `reference`'s City to Lyon. */
export const updateToLyon = (reference = 'cust-42') =>
  withClient((client) => client.updateBillingAddress(reference, { City: 'Lyon' }));

/** The one request updateToLyon sends, to be answered. */
export const updateToLyonApi = (reference = 'cust-42') =>
  addressSaveApi(reference, { City: 'Lyon' });

/** An action's or search's perform as a Zap step runs it: a function of the step's input. */
export const step =
  <T>(fn: (z: ZObject, bundle: Bundle) => T | Promise<T>) =>
  (inputData: Record<string, unknown>): Promise<T> =>
    run(fn, { inputData });

export interface ThrownError {
  name: string;
  message: string;
  code?: string;
  status?: number;
  delay?: number;
}

/**
 * The error a promise rejects with, with z.errors.Error's JSON-encoded message unpacked.
 * Fails the test when the promise resolves.
 */
export const rejectionOf = async (promise: Promise<unknown>): Promise<ThrownError> => {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    try {
      const parsed = JSON.parse(error.message) as Omit<ThrownError, 'name'>;
      return { name: error.name, ...parsed };
    } catch {
      return { name: error.name, message: error.message };
    }
  }
  throw new Error('expected the promise to reject, but it resolved');
};

/** The error a function throws (a mapper refusing its input), as rejectionOf reports it. */
export const thrownBy = (fn: () => unknown): Promise<ThrownError> =>
  rejectionOf(Promise.resolve().then(fn));

/**
 * Interceptors answering every request to either API and recording it, for a test in which a step
 * must send no (further) request: `expectNone()` checks that none was made, then removes them.
 */
export const anyRequestRecorder = () => {
  const sent: string[] = [];
  const interceptors: nock.Interceptor[] = [];
  for (const host of [LIVE, BACKOFFICE]) {
    const scope = nock(host).persist();
    for (const method of ['get', 'post', 'delete'] as const) {
      const interceptor = scope[method](/.*/).query(true);
      interceptor.reply(200, {});
      interceptors.push(interceptor);
    }
    scope.on('request', (request: { method: string; path: string }) => {
      sent.push(`${request.method} ${request.path}`);
    });
  }
  return {
    expectNone: (): void => {
      try {
        expect(sent).toEqual([]);
      } finally {
        for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
      }
    },
  };
};

/** The error `step` fails with, which must come before any request. */
export const rejectionBeforeAnyRequest = async (
  step: () => Promise<unknown>,
): Promise<ThrownError> => {
  const others = anyRequestRecorder();
  try {
    return await rejectionOf(step());
  } finally {
    others.expectNone();
  }
};

interface WithZcache {
  zcacheTestObj: Record<string, string>;
}

/**
 * The store of core's z.cache test double (values JSON-encoded), shared by every appTester call
 * of a test file. Note the double ignores `set`'s `nx` flag and always answers true.
 */
export const zcache = (): Record<string, string> =>
  (appTester as unknown as WithZcache).zcacheTestObj;

/** Empties the z.cache test double, so a test starts with nothing remembered. */
export const clearZcache = (): void => {
  (appTester as unknown as WithZcache).zcacheTestObj = {};
};

/** Puts values in the z.cache test double (JSON-encoded, as z.cache stores them). */
export const seedZcache = (values: Record<string, unknown>): void => {
  for (const [key, value] of Object.entries(values)) zcache()[key] = JSON.stringify(value);
};

/** z.console lines (core writes them with console.log under the app tester), and quiet output. */
export const captureLogs = (lines: string[] = []): string[] => {
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' ').trim());
  });
  return lines;
};
