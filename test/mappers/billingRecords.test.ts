import {
  decimalAmount,
  gatewayPermissionFields,
  invoiceFields,
  isRunningSubscription,
  offerFields,
  pdfUrl,
  subscriptionFields,
  toOfferChoices,
} from '../../src/mappers/billingRecords.js';
import {
  gatewayPermissionOutputFields,
  invoiceOutputFields,
  offerOutputFields,
  subscriptionOutputFields,
} from '../../src/fields/billingOutputFields.js';
import { sampleGatewayPermissionFields } from '../../src/samples/gatewayPermission.js';
import { sampleInvoiceFields } from '../../src/samples/invoice.js';
import { sampleOfferFields } from '../../src/samples/offer.js';
import { sampleSubscriptionFields } from '../../src/samples/subscription.js';
import { JOHN_DOE_SUBSCRIPTION } from '../support/proabono.js';

/*
 * The billing blocks as records, from the full API objects (ProAbono's OpenAPI examples) and from
 * the shorter blocks of webhook notifications (ProAbono's webhook guide).
 */

/**
 * Another customer's subscription, as the second of the OpenAPI's examples of `GET /v1/Subscriptions`
 * (with the `Currency` its schema gives; the example leaves it out): nothing of it is the sample's.
 */
const API_SUBSCRIPTION = {
  Id: 140961,
  IdSegment: 69,
  IdOffer: 64401,
  IdCustomer: 233701,
  IdCustomerBuyer: 233701,
  ReferenceSegment: 'demo-eur',
  ReferenceOffer: 'offer-premium',
  ReferenceCustomer: 'cust-43',
  ReferenceCustomerBuyer: 'cust-43',
  Status: 'Active',
  StateSubscription: 'ActiveDelayedTermination',
  DateStart: '2025-08-03T13:38:41.00Z',
  DatePeriodStart: '2025-08-03T13:38:41.00Z',
  DatePeriodEnd: '2025-09-03T13:38:41.00Z',
  DateTerm: '2025-09-03T13:38:41.00Z',
  StatusAfterTerm: 'Ended',
  StateSubscriptionAfterTerm: 'EndedTerminated',
  IsTrial: false,
  IsEngaged: false,
  IsCustomerBillable: true,
  IsPaymentCappingReached: false,
  DateNextBilling: '2025-09-09T19:38:41.00Z',
  TitleLocalized: 'Premium',
  Currency: 'EUR',
  DurationTrial: 0,
  AmountRecurrence: 21000,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  Features: [{ Id: 47, ReferenceFeature: 'feat-module-a' }],
  DateUpdate: '2025-08-09T13:38:52.08Z',
  Links: [{ rel: 'self', href: '/v1/Subscription/140961' }],
};

/** A Subscription block of a `SubscriptionStarted` notification: no currency, no references. */
const SUBSCRIPTION_BLOCK = {
  Id: 140960,
  Status: 'Active',
  StateSubscription: 'ActiveRunning',
  DateStart: '2025-02-12T10:10:44.00Z',
  AmountRecurrence: 25000,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
};

const NULL_SUBSCRIPTION = Object.fromEntries(
  Object.keys(sampleSubscriptionFields).map((key) => [key, null]),
);

describe('subscriptionFields', () => {
  it('gives the sample from the samples’ subscription as the API Live answers it', () => {
    expect(subscriptionFields(JOHN_DOE_SUBSCRIPTION)).toEqual(sampleSubscriptionFields);
  });

  it('takes the fields of a full subscription, amounts in cents with their decimal text', () => {
    expect(subscriptionFields(API_SUBSCRIPTION)).toEqual({
      Id: 140961,
      IdCustomer: 233701,
      IdOffer: 64401,
      IdSegment: 69,
      ReferenceCustomer: 'cust-43',
      ReferenceCustomerBuyer: 'cust-43',
      ReferenceOffer: 'offer-premium',
      ReferenceSegment: 'demo-eur',
      TitleLocalized: 'Premium',
      Status: 'Active',
      StateSubscription: 'ActiveDelayedTermination',
      Currency: 'EUR',
      DateStart: '2025-08-03T13:38:41.00Z',
      DatePeriodStart: '2025-08-03T13:38:41.00Z',
      DatePeriodEnd: '2025-09-03T13:38:41.00Z',
      DateTerm: '2025-09-03T13:38:41.00Z',
      DateEnd: null,
      DateNextBilling: '2025-09-09T19:38:41.00Z',
      IsTrial: false,
      AmountUpFront: null,
      AmountUpFrontDecimal: null,
      AmountRecurrence: 21000,
      AmountRecurrenceDecimal: '210.00',
      DurationRecurrence: 1,
      UnitRecurrence: 'Month',
      DateUpdate: '2025-08-09T13:38:52.08Z',
    });
  });

  it('takes a notification block, every field it lacks null; the decimals need the currency', () => {
    expect(subscriptionFields(SUBSCRIPTION_BLOCK)).toEqual({
      ...NULL_SUBSCRIPTION,
      ...SUBSCRIPTION_BLOCK,
    });
    expect(subscriptionFields(SUBSCRIPTION_BLOCK, { currency: 'USD' })).toMatchObject({
      AmountRecurrence: 25000,
      AmountRecurrenceDecimal: '250.00',
      Currency: null,
    });
  });

  it('gives the keys in the same order as the sample and the output fields, whatever the source', () => {
    const keys = Object.keys(sampleSubscriptionFields);
    expect(Object.keys(subscriptionFields(API_SUBSCRIPTION))).toEqual(keys);
    expect(Object.keys(subscriptionFields(null))).toEqual(keys);
    expect(subscriptionOutputFields().map((field) => field.key)).toEqual(keys);
  });

  it('reads a value of the wrong kind as null, never as an error', () => {
    expect(
      subscriptionFields({
        Id: '140960',
        AmountRecurrence: 19.5,
        IsTrial: 'false',
        Status: '   ',
        Currency: 'EUR',
      }),
    ).toEqual({ ...NULL_SUBSCRIPTION, Currency: 'EUR' });
  });
});

describe('offerFields', () => {
  it('takes an offer of the API Live: the yearly plan in dollars', () => {
    expect(
      offerFields({
        Id: 64411,
        IdSegment: 70,
        ReferenceOffer: 'pro-yearly',
        ReferenceSegment: 'sandbox-usd',
        IsVisible: true,
        IsPriced: true,
        Name: 'Pro (yearly, USD)',
        TitleLocalized: 'Pro',
        PricingLocalized: '$210.00/year',
        Currency: 'USD',
        AmountUpFront: 0,
        AmountTrial: 0,
        DurationTrial: 1,
        UnitTrial: 'Month',
        AmountRecurrence: 21000,
        DurationRecurrence: 1,
        UnitRecurrence: 'Year',
        AmountTermination: 2500,
      }),
    ).toEqual({
      Id: 64411,
      IdSegment: 70,
      ReferenceOffer: 'pro-yearly',
      ReferenceSegment: 'sandbox-usd',
      Name: 'Pro (yearly, USD)',
      TitleLocalized: 'Pro',
      StateLife: null,
      IsVisible: true,
      IsPriced: true,
      Currency: 'USD',
      AmountUpFront: 0,
      AmountUpFrontDecimal: '0.00',
      DurationTrial: 1,
      UnitTrial: 'Month',
      AmountRecurrence: 21000,
      AmountRecurrenceDecimal: '210.00',
      DurationRecurrence: 1,
      UnitRecurrence: 'Year',
      AmountTermination: 2500,
      AmountTerminationDecimal: '25.00',
    });
  });

  it('takes the Offer block of a notification, with the currency the trigger knows', () => {
    const block = {
      Id: 64400,
      IdSegment: 69,
      ReferenceOffer: 'offer-starter',
      StateLife: 'Ok',
      IsVisible: true,
      IsPriced: true,
      Name: 'Premium',
      AmountRecurrence: 19000,
      DurationRecurrence: 1,
      UnitRecurrence: 'Month',
    };
    expect(offerFields(block, { currency: 'EUR' })).toEqual({
      ...Object.fromEntries(Object.keys(sampleOfferFields).map((key) => [key, null])),
      ...block,
      AmountRecurrenceDecimal: '190.00',
    });
    expect(offerOutputFields().map((field) => field.key)).toEqual(Object.keys(sampleOfferFields));
  });
});

/** `POST /v1/Billing/Customer`'s example answer in the OpenAPI. */
const API_INVOICE = {
  Id: 549013,
  IdSegment: 69,
  IdCustomer: 233700,
  ReferenceSegment: 'demo-eur',
  ReferenceCustomer: 'cust-42',
  FullNumber: 'S-3.00000033',
  StateInvoice: 'DueOffline',
  Status: 'Due',
  DateIssue: '2025-03-18T14:43:15.33Z',
  DatePaymentLimit: '2025-04-17T00:00:00.00Z',
  TypePayment: 'ExternalBank',
  AmountSubtotal: 109500,
  AmountTotal: 131400,
  Currency: 'EUR',
  NoteLocalized: 'I love you as long as you pay. ;)',
  DateUpdate: '2025-03-18T14:43:15.15Z',
  Links: [
    {
      rel: 'insite-related-invoice',
      href: 'https://demo-eur.proabono.com/portal-inv-pdf/x1',
      type: 'application/pdf',
    },
    { rel: 'insite-charge', query: '<encrypted-query>' },
  ],
};

describe('invoiceFields', () => {
  it('takes a debit invoice, with its PDF link; the credit-note fields are null', () => {
    expect(invoiceFields(API_INVOICE)).toEqual({
      Id: 549013,
      IdCustomer: 233700,
      IdSegment: 69,
      ReferenceCustomer: 'cust-42',
      ReferenceSegment: 'demo-eur',
      FullNumber: 'S-3.00000033',
      Status: 'Due',
      StateInvoice: 'DueOffline',
      TypeCredit: null,
      Reason: null,
      TypePayment: 'ExternalBank',
      Currency: 'EUR',
      AmountSubtotal: 109500,
      AmountSubtotalDecimal: '1095.00',
      AmountTotal: 131400,
      AmountTotalDecimal: '1314.00',
      DateIssue: '2025-03-18T14:43:15.33Z',
      DatePayment: null,
      DatePaymentScheduled: null,
      DatePaymentLimit: '2025-04-17T00:00:00.00Z',
      DateUpdate: '2025-03-18T14:43:15.15Z',
      NoteLocalized: 'I love you as long as you pay. ;)',
      PdfUrl: 'https://demo-eur.proabono.com/portal-inv-pdf/x1',
    });
  });

  it('takes a credit note: TypeCredit and Reason, a negative amount in its decimal text', () => {
    expect(
      invoiceFields({
        ...API_INVOICE,
        TypeCredit: 'Refund',
        Reason: 'Duplicate charge',
        AmountSubtotal: -6966,
        AmountTotal: -50,
      }),
    ).toMatchObject({
      TypeCredit: 'Refund',
      Reason: 'Duplicate charge',
      AmountSubtotalDecimal: '-69.66',
      AmountTotalDecimal: '-0.50',
    });
  });

  it('takes the InvoiceDebit block of a notification: no currency, no link', () => {
    const block = {
      Id: 549013,
      FullNumber: 'S-3.00000033',
      Status: 'Paid',
      StateInvoice: 'Paid',
      DateIssue: '2025-03-18T14:43:15.33Z',
      DatePayment: '2025-03-19T08:00:00.00Z',
      TypePayment: 'Card',
      AmountSubtotal: 109500,
      AmountTotal: 131400,
    };
    expect(invoiceFields(block)).toEqual({
      ...Object.fromEntries(Object.keys(sampleInvoiceFields).map((key) => [key, null])),
      ...block,
    });
    expect(invoiceOutputFields().map((field) => field.key)).toEqual(
      Object.keys(sampleInvoiceFields),
    );
  });
});

describe('pdfUrl', () => {
  const link = (rel: string, href: unknown) => ({ rel, href, type: 'application/pdf' });

  it.each([
    [[link('insite-related-invoice', 'https://a.example.com/1')], 'https://a.example.com/1'],
    // A live account was seen answering the other spelling.
    [[link('related-invoice', 'https://a.example.com/2')], 'https://a.example.com/2'],
    [
      [
        link('related-invoice', 'https://a.example.com/2'),
        link('insite-related-invoice', 'https://a.example.com/1'),
      ],
      'https://a.example.com/1',
    ],
    [
      [link('insite-related-invoice', ''), link('related-invoice', 'https://a.example.com/2')],
      'https://a.example.com/2',
    ],
    [[{ rel: 'insite-home', href: 'https://a.example.com/home' }], null],
    [[link('insite-related-invoice', 7)], null],
    [[null, 'x', link('related-invoice', 'https://a.example.com/2')], 'https://a.example.com/2'],
    [undefined, null],
    [{ rel: 'insite-related-invoice', href: 'https://a.example.com/1' }, null],
  ])('in %j is %j', (links, expected) => {
    expect(pdfUrl(links)).toBe(expected);
  });
});

describe('gatewayPermissionFields', () => {
  it('takes the GatewayPermission block of a notification', () => {
    expect(gatewayPermissionFields(sampleGatewayPermissionFields)).toEqual(
      sampleGatewayPermissionFields,
    );
    expect(gatewayPermissionFields({ Id: 91001 })).toEqual({
      Id: 91001,
      StatePermission: null,
      TypePayment: null,
      TypeGateway: null,
      NameDisplay: null,
      Country: null,
      DateExpiration: null,
    });
  });
});

describe('decimalAmount', () => {
  it.each([
    [6966, 'EUR', '69.66'],
    [5, 'EUR', '0.05'],
    [0, 'USD', '0.00'],
    [-50, 'EUR', '-0.50'],
    [500, 'JPY', '500'],
    [12345, 'KWD', '12.345'],
    [19000, 'eur', '190.00'],
    [900719925474099, 'EUR', '9007199254740.99'],
    [100, 'XYZ1', null],
    [100, 'ZZ', null],
    [100, null, null],
    [null, 'EUR', null],
  ])('%j %s is %j', (amount, currency, expected) => {
    expect(decimalAmount(amount, currency)).toBe(expected);
  });
});

describe('isRunningSubscription', () => {
  it.each([
    [{ Status: 'Draft', StateSubscription: 'DraftAgent' }, true],
    [{ Status: 'Draft', StateSubscription: 'DraftDelayedStart' }, true],
    [{ Status: 'Active', StateSubscription: 'ActiveRunning' }, true],
    [{ Status: 'Active', StateSubscription: 'ActiveDelayedTermination' }, true],
    [{ Status: 'Suspended', StateSubscription: 'SuspendedPaymentDue' }, true],
    [{ Status: 'Ended', StateSubscription: 'EndedTerminated' }, false],
    [{ Status: 'Ended', StateSubscription: 'EndedComplete' }, false],
    [{ Status: 'Deleted', StateSubscription: 'Deleted' }, false],
    [{ Status: 'ended' }, false],
    [{ StateSubscription: 'EndedUpgrade' }, false],
    [{ StateSubscription: 'ActiveRunning' }, true],
    [{}, true],
  ])('%j: %s', (subscription, expected) => {
    expect(isRunningSubscription(subscription)).toBe(expected);
  });
});

describe('toOfferChoices', () => {
  const backofficeOffer = {
    Id: 64410,
    IdSegment: 70,
    ReferenceOffer: 'starter-monthly',
    Name: 'Starter (monthly, USD)',
    StateLife: 'Ok',
    Segment: { ReferenceSegment: 'sandbox-usd', Name: 'Sandbox USD' },
  };
  const labels = (offers: Record<string, unknown>[], withSegment: boolean) =>
    toOfferChoices(offers, { withSegment }).map(({ id, label }) => ({ id, label }));

  it('labels an offer of one segment among several with its segment', () => {
    expect(toOfferChoices([backofficeOffer], { withSegment: true })).toEqual([
      expect.objectContaining({
        id: 'starter-monthly',
        label: 'Starter (monthly, USD) · Sandbox USD · starter-monthly',
        Id: 64410,
        ReferenceOffer: 'starter-monthly',
      }),
    ]);
    expect(labels([backofficeOffer], false)).toEqual([
      { id: 'starter-monthly', label: 'Starter (monthly, USD) · starter-monthly' },
    ]);
  });

  it('gives a reference several segments share one entry, naming each, with the first one’s fields', () => {
    const inEuros = {
      ...backofficeOffer,
      Id: 64400,
      IdSegment: 69,
      Name: 'Starter (monthly)',
      Segment: { Name: 'Sandbox EUR' },
    };
    const choices = toOfferChoices([inEuros, backofficeOffer, { ...backofficeOffer, Id: 1 }], {
      withSegment: true,
    });
    expect(choices.map(({ id, label, Id }) => ({ id, label, Id }))).toEqual([
      {
        id: 'starter-monthly',
        label:
          'Starter (monthly) · Sandbox EUR / Starter (monthly, USD) · Sandbox USD · starter-monthly',
        Id: 64400,
      },
    ]);
  });

  it('says a name once when it is the reference, and falls back on the title', () => {
    expect(labels([{ ReferenceOffer: 'gold', Name: 'gold' }], false)).toEqual([
      { id: 'gold', label: 'gold' },
    ]);
    expect(
      labels(
        [{ ReferenceOffer: 'gold', TitleLocalized: 'Gold', ReferenceSegment: 'demo-eur' }],
        true,
      ),
    ).toEqual([{ id: 'gold', label: 'Gold · demo-eur · gold' }]);
  });

  it('leaves out an offer that cannot be subscribed to', () => {
    expect(
      toOfferChoices(
        [
          { Name: 'No reference' },
          { ReferenceOffer: '  ', Name: 'Blank reference' },
          { ReferenceOffer: 'legacy', StateLife: 'DisabledUser' },
          { ReferenceOffer: 'gone', StateLife: 'Deleted' },
          null,
        ],
        { withSegment: true },
      ),
    ).toEqual([]);
  });
});

describe('output fields with a prefix, for the instant triggers', () => {
  it('prefix every key and label; amounts say their unit, their decimal text does not', () => {
    const fields = subscriptionOutputFields({
      keyPrefix: 'Subscription_',
      labelPrefix: 'Subscription ',
    });
    expect(fields.slice(0, 2)).toEqual([
      { key: 'Subscription_Id', label: 'Subscription ID', type: 'integer' },
      { key: 'Subscription_IdCustomer', label: 'Subscription Customer ID', type: 'integer' },
    ]);
    expect(fields.filter((field) => field.key.includes('AmountRecurrence'))).toEqual([
      {
        key: 'Subscription_AmountRecurrence',
        label: 'Subscription Recurring Amount (In Cents)',
        type: 'integer',
      },
      {
        key: 'Subscription_AmountRecurrenceDecimal',
        label: 'Subscription Recurring Amount',
        type: 'string',
      },
    ]);
    expect(fields.find((field) => field.key === 'Subscription_DateStart')).toEqual({
      key: 'Subscription_DateStart',
      label: 'Subscription Start Date',
      type: 'datetime',
    });
    expect(
      invoiceOutputFields({ keyPrefix: 'InvoiceDebit_', labelPrefix: 'Invoice ' }).at(-1),
    ).toEqual({
      key: 'InvoiceDebit_PdfUrl',
      label: 'Invoice PDF Link',
      type: 'string',
    });
    expect(
      gatewayPermissionOutputFields({ keyPrefix: 'GatewayPermission_' }).map((f) => f.key),
    ).toEqual(Object.keys(sampleGatewayPermissionFields).map((key) => `GatewayPermission_${key}`));
  });
});
