import type nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import { prefixed } from '../../src/hooks/eventRecord.js';
import {
  gatewayPermissionFields,
  invoiceFields,
  offerFields,
  subscriptionFields,
} from '../../src/mappers/billingRecords.js';
import {
  AUTH,
  liveApi,
  appTester,
  expectOnlyTheseRequests,
  rejectionOf,
  rewindEventsApi,
} from '../support/app.js';
import {
  CUSTOMER_BLOCK,
  CUSTOMER_PART,
  delivery,
  expectWebhookRegistered,
  notification,
  samplesBundle,
  subscribeBundle,
  useTriggerTest,
} from '../support/billingAddressUpdated.js';
import { alreadyReceived } from '../support/zapLogs.js';

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
  /** What the delivery logs, among other lines: why a read failed. */
  logged?: string[];
  /** A type of ProAbono's that the Zap did not pick. */
  otherType: string;
}

/** The customer part of every record: the notification's customer, in its segment. */
const CUSTOMER = { IdCustomer: 233700, ...CUSTOMER_PART };

/** What the customer's blocks look like in a notification (ProAbono's webhook guide). */
const SUBSCRIPTION_BLOCK = {
  Id: 140960,
  Status: 'Active',
  StateSubscription: 'ActiveRunning',
  DateStart: '2026-09-14T15:11:40.00Z',
  AmountRecurrence: 19000,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
};
const OFFER_BLOCK = {
  Id: 64400,
  IdSegment: 69,
  ReferenceOffer: 'premium-monthly',
  StateLife: 'Ok',
  IsVisible: true,
  IsPriced: true,
  Name: 'Premium (monthly)',
  AmountRecurrence: 19000,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
};
const INVOICE_BLOCK = {
  Id: 549013,
  FullNumber: 'S-69.00000033',
  Status: 'Paid',
  StateInvoice: 'Paid',
  DateIssue: '2026-09-14T15:11:00.00Z',
  DatePayment: '2026-09-14T15:11:40.00Z',
  TypePayment: 'Card',
  AmountSubtotal: 5805,
  AmountTotal: 6966,
};
/** The invoice as `GET /v1/Invoice/{id}` answers it: with its currency and PDF link. */
const INVOICE = {
  ...INVOICE_BLOCK,
  IdCustomer: 233700,
  IdSegment: 69,
  ReferenceCustomer: 'cust-42',
  ReferenceSegment: 'demo-eur',
  Currency: 'EUR',
  Links: [
    { rel: 'insite-related-invoice', href: 'https://billing.example.com/portal-inv-pdf/aW52' },
  ],
};
const PERMISSION_BLOCK = {
  Id: 91001,
  StatePermission: 'Valid',
  TypePayment: 'Card',
  TypeGateway: 'Stripe',
  NameDisplay: '****-****-****-4242',
  Country: 'FR',
  DateExpiration: '2026-10-31T00:00:00.00Z',
};

/** The event part of a record of `trg_101`, dated as the notification fixture. */
const eventPart = (TypeTrigger: string, EventLabel: string) => ({
  id: 'trg_101',
  TypeTrigger,
  EventLabel,
  DateTrigger: '2026-09-14T15:11:43.750Z',
  ...CUSTOMER,
});

const invoiceRead = (answer: object | number) => () => [
  liveApi()
    .get('/v1/Invoice/549013')
    .times(1)
    .reply(typeof answer === 'number' ? answer : 200, typeof answer === 'number' ? '' : answer),
];

/** The customer's subscription read (`GET /v1/Subscription`) `times` times, answered so. */
const customerSubscriptionRead = (times: number, status: number, answer: object | string) => () => [
  liveApi()
    .get('/v1/Subscription')
    .query({ ReferenceCustomer: 'cust-42', IgnoreFeatures: 'true' })
    .times(times)
    .reply(status, answer),
];

/** A subscription event's record where the notification names neither offer nor buyer. */
const NO_OFFER_NOR_BUYER = {
  ...prefixed('Offer', offerFields(null)),
  CustomerBuyer_ReferenceCustomer: null,
  CustomerBuyer_Name: null,
  CustomerBuyer_Email: null,
};

const ROWS: Row[] = [
  {
    key: 'customer_added',
    registered: ['CustomerAdded'],
    body: notification({ TypeTrigger: 'CustomerAdded' }),
    record: eventPart('CustomerAdded', 'New Customer'),
    otherType: 'CustomerSuspended',
  },
  {
    key: 'customer_event',
    picked: ['CustomerIsGreyListed', 'CustomerSuspended'],
    registered: ['CustomerSuspended', 'CustomerIsGreyListed'],
    body: notification({ TypeTrigger: 'CustomerSuspended' }),
    record: eventPart('CustomerSuspended', 'Customer Suspended'),
    otherType: 'CustomerEnabled',
  },
  {
    key: 'subscription_event',
    picked: ['SubscriptionStarted'],
    registered: ['SubscriptionStarted'],
    body: notification({
      TypeTrigger: 'SubscriptionStarted',
      Currency: 'EUR',
      CustomerBuyer: CUSTOMER_BLOCK,
      Offer: OFFER_BLOCK,
      Subscription: SUBSCRIPTION_BLOCK,
    }),
    record: {
      ...eventPart('SubscriptionStarted', 'Subscription Started'),
      // The offer and the customers, which the subscription's own block leaves out, filled in.
      ...prefixed(
        'Subscription',
        subscriptionFields({
          ...SUBSCRIPTION_BLOCK,
          IdOffer: 64400,
          ReferenceOffer: 'premium-monthly',
          IdCustomer: 233700,
          ReferenceCustomer: 'cust-42',
          ReferenceCustomerBuyer: 'cust-42',
          IdSegment: 69,
          ReferenceSegment: 'demo-eur',
          Currency: 'EUR',
        }),
      ),
      ...prefixed('Offer', offerFields(OFFER_BLOCK, { currency: 'EUR' })),
      CustomerBuyer_ReferenceCustomer: 'cust-42',
      CustomerBuyer_Name: 'John Doe',
      CustomerBuyer_Email: 'john@doe.com',
    },
    otherType: 'SubscriptionTerminated',
  },
  {
    key: 'subscription_event',
    picked: ['SubscriptionDateTermUpdated'],
    registered: ['SubscriptionDateTermUpdated'],
    // The one subscription event that names no subscription: the customer's is read.
    body: notification({ TypeTrigger: 'SubscriptionDateTermUpdated' }),
    reads: customerSubscriptionRead(1, 200, {
      ...SUBSCRIPTION_BLOCK,
      ReferenceCustomer: 'cust-42',
      Currency: 'EUR',
    }),
    record: {
      ...eventPart('SubscriptionDateTermUpdated', 'Subscription Term Date Updated'),
      ...prefixed(
        'Subscription',
        // What ProAbono answered, with what the notification says of the customer added.
        subscriptionFields({
          ...SUBSCRIPTION_BLOCK,
          ReferenceCustomer: 'cust-42',
          Currency: 'EUR',
          IdCustomer: 233700,
          IdSegment: 69,
          ReferenceSegment: 'demo-eur',
        }),
      ),
      ...NO_OFFER_NOR_BUYER,
    },
    otherType: 'SubscriptionStarted',
  },
  {
    key: 'subscription_event',
    picked: ['SubscriptionDateTermUpdated'],
    registered: ['SubscriptionDateTermUpdated'],
    // The customer's subscription cannot be read, three times: the event still runs the Zap.
    body: notification({ TypeTrigger: 'SubscriptionDateTermUpdated' }),
    reads: customerSubscriptionRead(3, 503, ''),
    record: {
      ...eventPart('SubscriptionDateTermUpdated', 'Subscription Term Date Updated'),
      ...prefixed('Subscription', subscriptionFields(null)),
      ...NO_OFFER_NOR_BUYER,
    },
    logged: [
      'Subscription Event: reading the subscription of customer "cust-42" failed (server_error); ' +
        'trying again.',
      'Subscription Event: could not read the subscription of customer "cust-42" (server_error); ' +
        'notification trg_101 is delivered without it.',
    ],
    otherType: 'SubscriptionStarted',
  },
  {
    key: 'invoice_event',
    picked: ['InvoiceDebitPaid'],
    registered: ['InvoiceDebitPaid'],
    body: notification({ TypeTrigger: 'InvoiceDebitPaid', InvoiceDebit: INVOICE_BLOCK }),
    reads: invoiceRead(INVOICE),
    record: {
      ...eventPart('InvoiceDebitPaid', 'Invoice Paid'),
      ...prefixed('Invoice', invoiceFields(INVOICE)),
    },
    otherType: 'InvoiceDebitOverdue',
  },
  {
    key: 'invoice_event',
    picked: ['InvoiceCreditIssued'],
    registered: ['InvoiceCreditIssued'],
    // The invoice cannot be read (gone): the record has what the notification carries.
    body: notification({
      TypeTrigger: 'InvoiceCreditIssued',
      InvoiceCredit: { ...INVOICE_BLOCK, TypeCredit: 'Refund', Reason: 'Returned in time' },
    }),
    reads: invoiceRead(404),
    logged: [
      'Invoice Event: could not read invoice 549013 (ProAbono has none); notification trg_101 is ' +
        'delivered with what it carries, without the currency and the PDF link.',
    ],
    record: {
      ...eventPart('InvoiceCreditIssued', 'Credit Note Issued'),
      ...prefixed(
        'Invoice',
        invoiceFields({ ...INVOICE_BLOCK, TypeCredit: 'Refund', Reason: 'Returned in time' }),
      ),
    },
    otherType: 'InvoiceDebitPaid',
  },
  {
    key: 'payment_event',
    picked: ['GatewayPermissionSoonExpired', 'CustomerChargingFailed'],
    registered: ['CustomerChargingFailed', 'GatewayPermissionSoonExpired'],
    body: notification({
      TypeTrigger: 'GatewayPermissionSoonExpired',
      GatewayPermission: PERMISSION_BLOCK,
    }),
    record: {
      ...eventPart('GatewayPermissionSoonExpired', 'Payment Method Expires Soon'),
      ...prefixed('GatewayPermission', gatewayPermissionFields(PERMISSION_BLOCK)),
    },
    otherType: 'CustomerBillingFailed',
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

describe.each(ROWS.map((row) => [row.key, row.registered.join(', '), row] as const))(
  '%s (%s)',
  (_key, _events, row) => {
    const { performSubscribe, perform, performList } = operationOf(row.key);
    const zapDelivery = (body: unknown) => ({ ...delivery(body), inputData: inputOf(row) });

    it('registers the webhook for exactly the Zap’s events, then asks for its code', async () => {
      await expectWebhookRegistered(performSubscribe, inputOf(row), row.registered);
    });

    it('gives the exact record of a signed notification, once', async () => {
      const reads = row.reads?.() ?? [];
      await expect(appTester(perform, zapDelivery(row.body))).resolves.toEqual([row.record]);
      expectOnlyTheseRequests(...reads);
      expect(logs).toEqual(expect.arrayContaining(row.logged ?? []));
      // A copy of it: no record, no request.
      await expect(appTester(perform, zapDelivery(row.body))).resolves.toEqual([]);
      expect(logs).toContain(
        alreadyReceived(
          String(App.triggers[row.key as keyof typeof App.triggers]?.display.label),
          'trg_101',
        ),
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
      await expect(appTester(performList, samplesBundle(inputOf(row)))).resolves.toEqual([
        row.record,
      ]);
      expectOnlyTheseRequests(...histories, ...reads);
    });

    it('refuses to turn on without the Webhook Security Key, before any request', async () => {
      const { webhookSecret: _secret, ...withoutKey } = AUTH;
      await expect(
        rejectionOf(appTester(performSubscribe, subscribeBundle(inputOf(row), withoutKey))),
      ).resolves.toMatchObject({ name: 'AppError', code: 'webhook_secret_missing' });
    });
  },
);
