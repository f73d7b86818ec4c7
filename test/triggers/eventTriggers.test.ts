import type nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import {
  AUTH,
  appTester,
  backofficeApi,
  expectOnlyTheseRequests,
  rejectionOf,
  rewindEventsApi,
} from '../support/app.js';
import {
  TARGET,
  WEBHOOK,
  delivery,
  notification,
  sendCodeApi,
  useTriggerTest,
} from '../support/billingAddressUpdated.js';

/*
 * Every event trigger on the hook kit, one row each: the webhook registered for exactly the Zap's
 * events, the exact record of a notification (with the reads it costs), nothing for an event the
 * Zap did not pick or for a copy already delivered, samples from the history of the picked events.
 * Adding a trigger adds a row here.
 */

const { logs } = useTriggerTest();

type Fn = (z: ZObject, bundle: Bundle) => Promise<unknown>;

interface Row {
  key: string;
  /** The Zap's pick (`event_types`), none for a trigger of one event. */
  picked?: string[];
  /** The types the webhook must be registered for. */
  registered: string[];
  /** A notification of a picked type, as ProAbono POSTs it. */
  body: Record<string, unknown>;
  /** The reads its record costs (nock scopes), made fresh for each test. */
  reads?: () => nock.Scope[];
  record: Record<string, unknown>;
  /** A type of ProAbono's that the Zap did not pick. */
  otherType: string;
}

const CUSTOMER = {
  IdCustomer: 233700,
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};

const ROWS: Row[] = [
  {
    key: 'customer_added',
    registered: ['CustomerAdded'],
    body: notification({ TypeTrigger: 'CustomerAdded' }),
    record: {
      id: 'trg_101',
      TypeTrigger: 'CustomerAdded',
      EventLabel: 'New Customer',
      DateTrigger: '2026-09-14T15:11:43.750Z',
      ...CUSTOMER,
    },
    otherType: 'CustomerSuspended',
  },
  {
    key: 'customer_event',
    picked: ['CustomerIsGreyListed', 'CustomerSuspended'],
    registered: ['CustomerSuspended', 'CustomerIsGreyListed'],
    body: notification({ TypeTrigger: 'CustomerSuspended' }),
    record: {
      id: 'trg_101',
      TypeTrigger: 'CustomerSuspended',
      EventLabel: 'Customer Suspended',
      DateTrigger: '2026-09-14T15:11:43.750Z',
      ...CUSTOMER,
    },
    otherType: 'CustomerEnabled',
  },
];

const operationOf = (key: string) => {
  const operation = App.triggers[key as keyof typeof App.triggers]?.operation as unknown as
    Record<string, unknown> | undefined;
  if (!operation) throw new Error(`The app has no trigger ${key}`);
  const fn = (name: string) => operation[name] as Fn;
  return {
    performSubscribe: fn('performSubscribe'),
    perform: fn('perform'),
    performList: fn('performList'),
  };
};

const inputOf = (row: Row) => (row.picked ? { event_types: row.picked } : {});

describe.each(ROWS.map((row) => [row.key, row] as const))('%s', (_key, row) => {
  const { performSubscribe, perform, performList } = operationOf(row.key);
  const zapDelivery = (body: unknown) => ({ ...delivery(body), inputData: inputOf(row) });

  it('registers the webhook for exactly the Zap’s events, then asks for its code', async () => {
    const create = backofficeApi()
      .post('/Notification/Webhooks', { Url: TARGET, IdBusiness: 42, Triggers: row.registered })
      .reply(201, { ...WEBHOOK, Triggers: row.registered });
    const code = sendCodeApi(7001);
    await expect(
      appTester(performSubscribe, {
        authData: { ...AUTH },
        targetUrl: TARGET,
        inputData: inputOf(row),
      }),
    ).resolves.toEqual({ id: '7001', url: TARGET, types: row.registered });
    expectOnlyTheseRequests(create, code);
  });

  it('gives the exact record of a signed notification, once', async () => {
    const reads = row.reads?.() ?? [];
    await expect(appTester(perform, zapDelivery(row.body))).resolves.toEqual([row.record]);
    expectOnlyTheseRequests(...reads);
    // A copy of it: no record, no request.
    await expect(appTester(perform, zapDelivery(row.body))).resolves.toEqual([]);
    expect(logs).toContain(
      `${String(App.triggers[row.key as keyof typeof App.triggers]?.display.label)}: ignored ` +
        'notification trg_101: this Zap already received it.',
    );
  });

  it('gives no record, and makes no request, for an event the Zap did not pick', async () => {
    const other = { ...row.body, TypeTrigger: row.otherType };
    await expect(appTester(perform, zapDelivery(other))).resolves.toEqual([]);
  });

  it('gives no record for a delivery ProAbono did not sign', async () => {
    await expect(
      appTester(perform, { ...zapDelivery(row.body), rawRequest: { headers: {} } }),
    ).resolves.toEqual([]);
  });

  it('takes its samples from the history of the picked events, newest first', async () => {
    const reads = row.reads?.() ?? [];
    const histories = row.registered.map((type) =>
      rewindEventsApi(3, type === row.body.TypeTrigger ? [row.body] : [], undefined, { type }),
    );
    await expect(
      appTester(performList, {
        authData: { ...AUTH },
        inputData: inputOf(row),
        meta: { isLoadingSample: true },
      }),
    ).resolves.toEqual([row.record]);
    expectOnlyTheseRequests(...histories, ...reads);
  });

  it('refuses to turn on without the Webhook Security Key, before any request', async () => {
    const { webhookSecret: _secret, ...withoutKey } = AUTH;
    await expect(
      rejectionOf(
        appTester(performSubscribe, {
          authData: withoutKey,
          targetUrl: TARGET,
          inputData: inputOf(row),
        }),
      ),
    ).resolves.toMatchObject({ name: 'AppError', code: 'webhook_secret_missing' });
  });
});
