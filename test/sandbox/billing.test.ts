import { EVENT_TYPES } from '../../sandbox/backoffice.js';
import type { Notification } from '../../sandbox/index.js';
import { sampleGatewayPermissionFields } from '../../src/samples/gatewayPermission.js';
import { atNow, NOW, useSandbox } from '../support/sandbox.js';
import { call, firstPage, useReceivers } from './support.js';
import type { Receiver } from './support.js';

/**
 * The billing emulation (sandbox/billing.ts) over real HTTP: offers, subscriptions, invoices, the
 * balance and its billing, the Backoffice offer list, the controls, and the notifications each
 * change delivers, block for block as ProAbono's webhook guide gives them.
 */

const LATER = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
// The generous profile's error codes and segment search; profile.test.ts covers what the documented
// profile plays otherwise.
const env = useSandbox({
  profile: 'generous',
  now: atNow,
  delivery: { baseDelayMs: 1 },
});

const receivers = useReceivers(env);

/** A receiver subscribed to every event type, the handshake cleared from its log. */
const subscribedToAll = async (): Promise<Receiver> =>
  (await receivers.subscribed(undefined, [...EVENT_TYPES])).target;

const delivered = async (target: Receiver) => {
  await env.sandbox.idle();
  return target.received.map((delivery) => delivery.body as Notification);
};

const live = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(env.sandbox, method, path, options);

/** An answer's status and exact JSON body. */
const expectAnswer = (answer: { status: number; json: unknown }, status: number, json: unknown) =>
  expect([answer.status, answer.json]).toEqual([status, json]);

/** The error bodies the API Live answers here, as ProAbono words them. */
const UNACCESSIBLE = {
  Code: 'Error.Api.Customer.Unaccessible',
  Message: 'Customer not found or inaccessible.',
};
const NO_PAYMENT_SETTINGS = {
  Code: 'Error.Customer.PaymentSettings.Missing',
  Message: 'The customer has no payment settings.',
};
const notFound = (what: string) => ({
  Code: 'Error.Api.NotFound',
  Message: `No ${what} matches this request.`,
});

// ── what the seed holds, as the API Live answers it ─────────────────────────

const CAMILLE = {
  Id: 233700,
  ReferenceCustomer: 'cust-fr-001',
  Name: 'Camille Laurent',
  Email: 'camille.laurent@atelier-laurent.fr',
  Language: 'fr',
  Status: 'Enabled',
};
const JONAS = {
  Id: 233701,
  ReferenceCustomer: 'cust-de-002',
  Name: 'Jonas Becker',
  Email: 'jonas.becker@becker-sohn.de',
  Language: 'de',
  Status: 'Enabled',
};

const STARTER_EUR = {
  Id: 64400,
  IdSegment: 69,
  ReferenceOffer: 'starter-monthly',
  ReferenceSegment: 'sandbox-eur',
  IsVisible: true,
  IsPriced: true,
  Name: 'Starter (monthly)',
  TitleLocalized: 'Starter',
  DescriptionLocalized: null,
  PricingLocalized: '€19.00/month',
  Currency: 'EUR',
  AmountUpFront: 0,
  AmountTrial: 0,
  DurationTrial: 0,
  UnitTrial: 'Month',
  AmountRecurrence: 1900,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  CountRecurrences: null,
  CountMinRecurrences: null,
  AmountTermination: 0,
};

const links = (kind: string, id: number, related: string) => {
  const token = Buffer.from(`${kind}:${id}`).toString('base64url');
  return related === 'invoice'
    ? [
        {
          rel: 'insite-related-invoice',
          href: `${env.sandbox.url}/portal-inv-pdf/${token}`,
          type: 'application/pdf',
        },
        { rel: 'insite-home', href: `${env.sandbox.url}/portal-auth/${token}` },
        { rel: 'insite-collection-invoice', query: token },
      ]
    : [
        { rel: 'self', href: `/v1/Subscription/${id}` },
        { rel: 'insite-home', href: `${env.sandbox.url}/portal-auth/${token}` },
        { rel: 'insite-related-subscription', query: token },
      ];
};

/** Camille's running subscription, as `GET /v1/Subscription` answers it. */
const CAMILLE_SUBSCRIPTION = () => ({
  Id: 140960,
  IdSegment: 69,
  IdOffer: 64400,
  IdCustomer: 233700,
  IdCustomerBuyer: 233700,
  ReferenceSegment: 'sandbox-eur',
  ReferenceOffer: 'starter-monthly',
  ReferenceCustomer: 'cust-fr-001',
  ReferenceCustomerBuyer: 'cust-fr-001',
  Status: 'Active',
  StateSubscription: 'ActiveRunning',
  DateStart: '2026-06-18T14:05:00.000Z',
  DatePeriodStart: '2026-11-18T14:05:00.000Z',
  DatePeriodEnd: '2026-12-18T14:05:00.000Z',
  DateTerm: '2026-12-18T14:05:00.000Z',
  DateEnd: null,
  IsTrial: false,
  IsEngaged: false,
  IsCustomerBillable: true,
  IsPaymentCappingReached: false,
  DateNextBilling: '2026-12-18T14:05:00.000Z',
  TitleLocalized: 'Starter',
  Currency: 'EUR',
  DurationTrial: 0,
  AmountUpFront: 0,
  AmountRecurrence: 1900,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  DateUpdate: '2026-11-18T14:05:00.000Z',
  Links: links('sub', 140960, 'subscription'),
});

/** Camille's paid invoice, as the API Live answers it. */
const CAMILLE_INVOICE = () => ({
  Id: 3736352,
  IdSegment: 69,
  IdCustomer: 233700,
  ReferenceSegment: 'sandbox-eur',
  ReferenceCustomer: 'cust-fr-001',
  FullNumber: 'S-69.00000001',
  Status: 'Paid',
  StateInvoice: 'Paid',
  DateIssue: '2026-11-18T14:05:12.000Z',
  DateUpdate: '2026-11-18T14:06:40.000Z',
  DatePayment: '2026-11-18T14:06:40.000Z',
  DatePaymentLimit: null,
  TypePayment: 'Card',
  AmountSubtotal: 1900,
  AmountTotal: 2280,
  Currency: 'EUR',
  NoteLocalized: null,
  Links: links('inv', 3736352, 'invoice'),
});

const envelope = (
  Id: string,
  TypeTrigger: string,
  DateTrigger: string,
  segment = 'sandbox-eur',
) => ({
  Id,
  IdBusiness: 42,
  IdSegment: segment === 'sandbox-eur' ? 69 : 70,
  ReferenceSegment: segment,
  DateTrigger,
  TypeTrigger,
});

describe('GET /v1/Offers', () => {
  it("lists the default segment's live offers without ReferenceSegment, without links or features on request", async () => {
    const result = await live('GET', '/v1/Offers', {
      query: { Links: false, IgnoreFeatures: true },
    });
    expectAnswer(
      result,
      200,
      firstPage(
        10,
        [
          STARTER_EUR,
          expect.objectContaining({
            Id: 64401,
            ReferenceOffer: 'pro-yearly',
            AmountUpFront: 49000,
          }),
          expect.objectContaining({
            Id: 64402,
            ReferenceOffer: 'partner-monthly',
            IsVisible: false,
          }),
        ],
        { DateGenerated: NOW },
      ),
    );
  });

  it('gives features and links by default, and the offers of the segment named', async () => {
    const usd = await live('GET', '/v1/Offers', { query: { ReferenceSegment: 'sandbox-usd' } });
    const items = (usd.json as { Items: Record<string, unknown>[] }).Items;
    expect(items.map((offer) => [offer.ReferenceOffer, offer.Currency])).toEqual([
      ['starter-monthly', 'USD'],
      ['pro-yearly', 'USD'],
    ]);
    expect(items[0]).toMatchObject({
      Features: [],
      Links: [
        { rel: 'insite-home', href: `${env.sandbox.url}/portal-anon` },
        { rel: 'insite-subscribe', query: Buffer.from('offer:64410').toString('base64url') },
      ],
    });
  });

  it("with ReferenceCustomer, lists the visible offers of that customer's segment; the customer must be in the segment named", async () => {
    const forCamille = await live('GET', '/v1/Offers', {
      query: { ReferenceCustomer: 'cust-fr-001' },
    });
    expect(
      (forCamille.json as { Items: { ReferenceOffer: string }[] }).Items.map(
        (o) => o.ReferenceOffer,
      ),
    ).toEqual(['starter-monthly', 'pro-yearly']);
    // Emily is in sandbox-usd: without her segment, ProAbono looks in the default one.
    const withoutSegment = await live('GET', '/v1/Offers', {
      query: { ReferenceCustomer: 'cust-us-005' },
    });
    expectAnswer(withoutSegment, 403, UNACCESSIBLE);
    const inHerSegment = await live('GET', '/v1/Offers', {
      query: { ReferenceCustomer: 'cust-us-005', ReferenceSegment: 'sandbox-usd' },
    });
    expect(inHerSegment.json).toMatchObject({ TotalItems: 2 });
  });

  it('refuses an unknown segment (422) and pages like every list', async () => {
    const unknown = await live('GET', '/v1/Offers', { query: { ReferenceSegment: 'sandbox-gbp' } });
    expectAnswer(unknown, 422, {
      Code: 'Error.Api.Segment.Unknown',
      Message: 'No segment has this reference.',
      Target: 'ReferenceSegment',
    });
    const second = await live('GET', '/v1/Offers', { query: { Page: 2, SizePage: 2 } });
    expect(second.json).toMatchObject({ Page: 2, SizePage: 2, Count: 1, TotalItems: 3 });
  });
});

describe('GET /backoffice/Sub/Offers', () => {
  it("lists every segment's offers, retired ones with their StateLife, the segment embedded on request", async () => {
    const result = await live('GET', '/backoffice/Sub/Offers', {
      query: { IdBusiness: 42, SizePage: 100, extra: 'Segment', Links: false },
    });
    expect(result.status).toBe(200);
    const items = (result.json as { Items: Record<string, unknown>[] }).Items;
    expect(items.map((offer) => [offer.Id, offer.ReferenceOffer, offer.StateLife])).toEqual([
      [64400, 'starter-monthly', 'Ok'],
      [64401, 'pro-yearly', 'Ok'],
      [64402, 'partner-monthly', 'Ok'],
      [64403, 'legacy-monthly', 'DisabledUser'],
      [64410, 'starter-monthly', 'Ok'],
      [64411, 'pro-yearly', 'Ok'],
    ]);
    expect(items[4]).toEqual({
      Id: 64410,
      IdBusiness: 42,
      IdSegment: 70,
      ReferenceOffer: 'starter-monthly',
      Name: 'Starter (monthly, USD)',
      IsVisible: true,
      AmountUpFront: 0,
      AmountTrial: 0,
      DurationTrial: 0,
      UnitTrial: 'Month',
      AmountRecurrence: 2100,
      DurationRecurrence: 1,
      UnitRecurrence: 'Month',
      AmountTermination: 0,
      StateLife: 'Ok',
      DateCreation: '2026-01-12T09:10:00.000Z',
      DateUpdate: '2026-01-12T09:10:00.000Z',
      Segment: { Id: 70, ReferenceSegment: 'sandbox-usd', Name: 'Sandbox USD', Currency: 'USD' },
    });
  });

  it('filters by segment, links by default, and checks IdBusiness like every Backoffice list', async () => {
    const usd = await live('GET', '/backoffice/Sub/Offers', {
      query: { IdBusiness: 42, IdSegment: 70 },
    });
    expect((usd.json as { Items: { Links: unknown }[] }).Items).toEqual([
      expect.objectContaining({ Id: 64410, Links: [{ rel: 'self', href: '/Sub/Offers/64410' }] }),
      expect.objectContaining({ Id: 64411 }),
    ]);
    expect((await live('GET', '/backoffice/Sub/Offers')).status).toBe(400);
    expect((await live('GET', '/backoffice/Sub/Offers', { query: { IdBusiness: 7 } })).status).toBe(
      403,
    );
  });
});

describe('GET /v1/Subscription', () => {
  it("answers the customer's running subscription, features left out on request", async () => {
    const result = await live('GET', '/v1/Subscription', {
      query: { ReferenceCustomer: 'cust-fr-001', IgnoreFeatures: true },
    });
    expectAnswer(result, 200, CAMILLE_SUBSCRIPTION());
    const withFeatures = await live('GET', '/v1/Subscription', {
      query: { ReferenceCustomer: 'cust-fr-001', ReferenceOffer: 'starter-monthly' },
    });
    expect(withFeatures.json).toMatchObject({ Id: 140960, Features: [] });
  });

  it('answers an ended subscription when the customer has no running one, and 404 when none', async () => {
    const ended = await live('GET', '/v1/Subscription', {
      query: { ReferenceCustomer: 'cust-gb-004' },
    });
    expect(ended.json).toMatchObject({
      Id: 140962,
      Status: 'Ended',
      StateSubscription: 'EndedTerminated',
      DateEnd: '2026-09-06T11:40:00.000Z',
      DateNextBilling: null,
    });
    const queries: Record<string, string>[] = [
      { ReferenceCustomer: 'cust-de-002' },
      { ReferenceCustomer: 'cust-fr-001', ReferenceOffer: 'pro-yearly' },
      { ReferenceCustomer: 'cust-nobody' },
    ];
    for (const query of queries) {
      const none = await live('GET', '/v1/Subscription', { query });
      expectAnswer(none, 404, notFound('subscription'));
    }
  });
});

describe('POST /v1/Subscription', () => {
  it('with TryStart: 201, running, its first period in the balance, SubscriptionStarted delivered with its blocks', async () => {
    const target = await subscribedToAll();
    const result = await live('POST', '/v1/Subscription', {
      query: { TryStart: true, BillNow: false, EnsureBillable: false },
      body: { ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' },
    });
    expect(result.status).toBe(201);
    expect(result.json).toMatchObject({
      Id: 140963,
      IdOffer: 64401,
      IdCustomer: 233701,
      ReferenceCustomer: 'cust-de-002',
      ReferenceOffer: 'pro-yearly',
      Status: 'Active',
      StateSubscription: 'ActiveRunning',
      DateStart: NOW,
      DatePeriodEnd: '2027-11-20T10:00:00.000Z',
      IsCustomerBillable: true,
      Features: [],
    });
    expect(env.sandbox.billing.balance('cust-de-002').at(-1)).toEqual({
      IdCustomer: 233701,
      ReferenceCustomer: 'cust-de-002',
      LabelLocalized: 'Pro: first period',
      AmountSubtotal: 68000,
      Quantity: 1,
      DateMove: NOW,
    });
    expect(await delivered(target)).toEqual([
      {
        ...envelope('trg_1', 'SubscriptionStarted', NOW),
        Customer: JONAS,
        CustomerBuyer: JONAS,
        Offer: {
          Id: 64401,
          IdSegment: 69,
          ReferenceOffer: 'pro-yearly',
          StateLife: 'Ok',
          IsVisible: true,
          IsPriced: true,
          Name: 'Pro (yearly)',
          AmountRecurrence: 19000,
          DurationRecurrence: 1,
          UnitRecurrence: 'Year',
        },
        Subscription: {
          Id: 140963,
          Status: 'Active',
          StateSubscription: 'ActiveRunning',
          DateStart: NOW,
          AmountRecurrence: 19000,
          DurationRecurrence: 1,
          UnitRecurrence: 'Year',
        },
      },
    ]);
  });

  it('without TryStart: a draft, nothing in the balance, no notification', async () => {
    const target = await subscribedToAll();
    const result = await live('POST', '/v1/Subscription', {
      body: {
        ReferenceCustomer: 'cust-es-003',
        ReferenceOffer: 'starter-monthly',
        DateStart: '2027-01-01T00:00:00Z',
      },
    });
    expect(result.json).toMatchObject({
      Status: 'Draft',
      StateSubscription: 'DraftAgent',
      DateStart: '2027-01-01T00:00:00.000Z',
      DatePeriodStart: null,
    });
    expect(env.sandbox.billing.balance('cust-es-003')).toEqual([]);
    expect(await delivered(target)).toEqual([]);
  });

  it('with TryStart and a start date ahead: waiting for it (DraftDelayedStart)', async () => {
    const result = await live('POST', '/v1/Subscription', {
      query: { TryStart: true },
      body: {
        ReferenceCustomer: 'cust-es-003',
        ReferenceOffer: 'starter-monthly',
        DateStart: '2027-01-01T00:00:00+01:00',
      },
    });
    expect(result.json).toMatchObject({
      Status: 'Draft',
      StateSubscription: 'DraftDelayedStart',
      DateStart: '2026-12-31T23:00:00.000Z',
    });
  });

  it('with BillNow: the first period billed at once, its notifications after SubscriptionStarted', async () => {
    const target = await subscribedToAll();
    await live('POST', '/v1/Subscription', {
      query: { TryStart: true, BillNow: true },
      body: { ReferenceCustomer: 'cust-fr-001', ReferenceOffer: 'pro-yearly' },
    });
    expect(
      (await delivered(target)).map((n) => [n.TypeTrigger, n.InvoiceDebit?.AmountSubtotal]),
    ).toEqual([
      ['SubscriptionStarted', undefined],
      ['InvoiceDebitIssuedPaymentAuto', 68000],
      ['CustomerBillingSucceeded', undefined],
    ]);
    expect(env.sandbox.billing.balance('cust-fr-001')).toEqual([]);
  });

  it('refuses a customer without payment settings with EnsureBillable or BillNow (403), creating nothing', async () => {
    const queries: Record<string, boolean>[] = [
      { EnsureBillable: true },
      { TryStart: true, BillNow: true },
    ];
    for (const query of queries) {
      const result = await live('POST', '/v1/Subscription', {
        query,
        body: { ReferenceCustomer: 'cust-fr-006', ReferenceOffer: 'starter-monthly' },
      });
      expectAnswer(result, 403, NO_PAYMENT_SETTINGS);
    }
    expect(env.sandbox.billing.subscriptions('cust-fr-006')).toEqual([]);
  });

  it("refuses an unknown customer, or an offer outside the customer's segment, with a 422 array", async () => {
    const unknownCustomer = await live('POST', '/v1/Subscription', {
      body: { ReferenceCustomer: 'cust-nobody', ReferenceOffer: 'starter-monthly' },
    });
    expectAnswer(unknownCustomer, 422, [
      {
        Code: 'Error.Api.Subscription.Customer.Unknown',
        Message: 'No customer has this reference.',
        Target: 'ReferenceCustomer',
      },
    ]);
    // partner-monthly exists in sandbox-eur only; legacy-monthly is retired.
    for (const offer of ['partner-monthly', 'legacy-monthly']) {
      const refused = await live('POST', '/v1/Subscription', {
        body: {
          ReferenceCustomer: offer === 'partner-monthly' ? 'cust-us-005' : 'cust-fr-001',
          ReferenceOffer: offer,
        },
      });
      expect(refused.json).toEqual([
        {
          Code: 'Error.Api.Subscription.Offer.Unknown',
          Message: "No offer has this reference in the customer's segment.",
          Target: 'ReferenceOffer',
        },
      ]);
    }
    const badDate = await live('POST', '/v1/Subscription', {
      body: {
        ReferenceCustomer: 'cust-fr-001',
        ReferenceOffer: 'pro-yearly',
        DateStart: '2027-01-01',
      },
    });
    expect(badDate.json).toEqual([
      {
        Code: 'Error.Api.Field.InvalidType',
        Message: 'DateStart must be an ISO 8601 date and time.',
        Target: 'DateStart',
      },
    ]);
    expect(env.sandbox.billing.subscriptions()).toHaveLength(3);
  });
});

describe('GET /v1/Subscriptions', () => {
  it('lists one segment, the default one without ReferenceSegment, newest first', async () => {
    const eur = await live('GET', '/v1/Subscriptions', { query: { IgnoreFeatures: true } });
    expect((eur.json as { Items: { Id: number }[] }).Items.map((s) => s.Id)).toEqual([
      140962, 140960,
    ]);
    const emily = await live('GET', '/v1/Subscriptions', {
      query: { ReferenceCustomer: 'cust-us-005' },
    });
    expect(emily.status).toBe(204);
    const inUsd = await live('GET', '/v1/Subscriptions', {
      query: { ReferenceCustomer: 'cust-us-005', ReferenceSegment: 'sandbox-usd' },
    });
    expect(inUsd.json).toMatchObject({ TotalItems: 1, Items: [{ Id: 140961, Currency: 'USD' }] });
  });
});

describe('invoices', () => {
  it('GET /v1/Invoice finds a number in the default segment, or in the segment named; 404 otherwise', async () => {
    const camille = await live('GET', '/v1/Invoice', { query: { FullNumber: 'S-69.00000001' } });
    expect(camille.json).toEqual(CAMILLE_INVOICE());
    const emilyByDefault = await live('GET', '/v1/Invoice', {
      query: { FullNumber: 'S-70.00000001' },
    });
    expectAnswer(emilyByDefault, 404, notFound('invoice'));
    const emily = await live('GET', '/v1/Invoice', {
      query: { FullNumber: 'S-70.00000001', ReferenceSegment: 'sandbox-usd' },
    });
    expect(emily.json).toMatchObject({
      Id: 3736353,
      ReferenceCustomer: 'cust-us-005',
      AmountTotal: 21000,
      Currency: 'USD',
    });
    expect((await live('GET', '/v1/Invoice')).status).toBe(400);
  });

  it('GET /v1/Invoice/{id} finds any segment’s invoice by its number; 404 otherwise', async () => {
    expect((await live('GET', '/v1/Invoice/3736352')).json).toEqual(CAMILLE_INVOICE());
    expect((await live('GET', '/v1/Invoice/3736353')).json).toMatchObject({
      Id: 3736353,
      Currency: 'USD',
    });
    expect((await live('GET', '/v1/Invoice/99')).status).toBe(404);
    expect((await live('GET', '/v1/Invoice/abc')).status).toBe(404);
  });

  it('GET /v1/Invoices lists one segment, newest first; 204 when none', async () => {
    const eur = await live('GET', '/v1/Invoices', { query: { ReferenceCustomer: 'cust-fr-001' } });
    expect(eur.json).toMatchObject({ TotalItems: 1, Items: [CAMILLE_INVOICE()] });
    expect(
      (await live('GET', '/v1/Invoices', { query: { ReferenceCustomer: 'cust-us-005' } })).status,
    ).toBe(204);
  });
});

describe('POST /v1/Billing/Customer', () => {
  it("bills the pending balance into one invoice, empties it, and delivers the invoice's notifications", async () => {
    const target = await subscribedToAll();
    const result = await live('POST', '/v1/Billing/Customer', {
      body: { ReferenceCustomer: 'cust-de-002', NoteLocalized: 'PO-7 {{x}}' },
    });
    expectAnswer(result, 200, {
      Id: 3736354,
      IdSegment: 69,
      IdCustomer: 233701,
      ReferenceSegment: 'sandbox-eur',
      ReferenceCustomer: 'cust-de-002',
      FullNumber: 'S-69.00000002',
      Status: 'Due',
      StateInvoice: 'DueAuto',
      DateIssue: NOW,
      DateUpdate: NOW,
      DatePayment: null,
      DatePaymentScheduled: '2026-11-21T10:00:00.000Z',
      DatePaymentLimit: null,
      TypePayment: 'DirectDebit',
      AmountSubtotal: 49800,
      AmountTotal: 59760,
      Currency: 'EUR',
      NoteLocalized: 'PO-7 {{x}}',
      Links: links('inv', 3736354, 'invoice'),
    });
    expect(env.sandbox.billing.balance('cust-de-002')).toEqual([]);
    expect(await delivered(target)).toEqual([
      {
        ...envelope('trg_1', 'InvoiceDebitIssuedPaymentAuto', NOW),
        Customer: JONAS,
        InvoiceDebit: {
          Id: 3736354,
          FullNumber: 'S-69.00000002',
          Status: 'Due',
          StateInvoice: 'DueAuto',
          DateIssue: NOW,
          DatePayment: null,
          TypePayment: 'DirectDebit',
          AmountSubtotal: 49800,
          AmountTotal: 59760,
        },
      },
      { ...envelope('trg_2', 'CustomerBillingSucceeded', LATER(1)), Customer: JONAS },
    ]);
  });

  it('with ForceOffline, an offline invoice (and its offline notification); with dates, only the lines between', async () => {
    const target = await subscribedToAll();
    const result = await live('POST', '/v1/Billing/Customer', {
      body: {
        ReferenceCustomer: 'cust-de-002',
        ForceOffline: true,
        DateStart: '2026-11-10T00:00:00Z',
        DateEnd: '2026-11-30T23:59:59.999Z',
      },
    });
    expect(result.json).toMatchObject({
      StateInvoice: 'DueOffline',
      TypePayment: 'ExternalBank',
      AmountSubtotal: 4800,
      DatePaymentLimit: '2026-12-20T10:00:00.000Z',
      NoteLocalized: null,
    });
    expect(result.json).not.toHaveProperty('DatePaymentScheduled');
    expect(env.sandbox.billing.balance('cust-de-002').map((line) => line.AmountSubtotal)).toEqual([
      45000,
    ]);
    expect((await delivered(target)).map((n) => n.TypeTrigger)).toEqual([
      'InvoiceDebitIssuedPaymentOffline',
      'CustomerBillingSucceeded',
    ]);
  });

  it('answers 204, creating nothing, when there is nothing to bill', async () => {
    const target = await subscribedToAll();
    const result = await live('POST', '/v1/Billing/Customer', {
      body: { ReferenceCustomer: 'cust-fr-001' },
    });
    expect(result.status).toBe(204);
    expect(result.text).toBe('');
    expect(env.sandbox.billing.invoices('cust-fr-001')).toHaveLength(1);
    expect(await delivered(target)).toEqual([]);
  });

  it('refuses a customer without payment settings (403), whatever ForceOffline says, and an unknown one (403)', async () => {
    env.sandbox.billing.addBalanceLine('cust-fr-006', {
      LabelLocalized: 'Audit',
      AmountSubtotal: 90000,
    });
    const refused = await live('POST', '/v1/Billing/Customer', {
      body: { ReferenceCustomer: 'cust-fr-006', ForceOffline: true },
    });
    expectAnswer(refused, 403, NO_PAYMENT_SETTINGS);
    const unknown = await live('POST', '/v1/Billing/Customer', {
      body: { ReferenceCustomer: 'cust-nobody' },
    });
    expectAnswer(unknown, 403, UNACCESSIBLE);
    expect(env.sandbox.billing.balance('cust-fr-006')).toHaveLength(1);
  });

  it('refuses values of the wrong kind with a 422 array', async () => {
    const result = await live('POST', '/v1/Billing/Customer', {
      body: { ForceOffline: 'yes', DateEnd: '30/11/2026', NoteLocalized: 7 },
    });
    expectAnswer(result, 422, [
      {
        Code: 'Error.Api.Customer.ReferenceCustomer.Required',
        Message: 'ReferenceCustomer is required.',
        Target: 'ReferenceCustomer',
      },
      {
        Code: 'Error.Api.Field.InvalidType',
        Message: 'NoteLocalized must be a text value.',
        Target: 'NoteLocalized',
      },
      {
        Code: 'Error.Api.Field.InvalidType',
        Message: 'ForceOffline must be a boolean.',
        Target: 'ForceOffline',
      },
      {
        Code: 'Error.Api.Field.InvalidType',
        Message: 'DateEnd must be an ISO 8601 date and time.',
        Target: 'DateEnd',
      },
    ]);
  });

  it('GET /v1/Balance counts the lines (204 when none)', async () => {
    const count = await live('GET', '/v1/Balance', {
      query: { ReferenceCustomer: 'cust-de-002', SizePage: 0 },
    });
    expect(count.json).toEqual(firstPage(0, [], { TotalItems: 2, DateGenerated: NOW }));
    expect(
      (await live('GET', '/v1/Balance', { query: { ReferenceCustomer: 'cust-fr-001' } })).status,
    ).toBe(204);
  });
});

describe('controls, in process and over /_admin', () => {
  it('adds a balance line, sets and removes payment settings', async () => {
    const line = await live('POST', '/_admin/balance-lines', {
      body: {
        ReferenceCustomer: 'cust-fr-001',
        LabelLocalized: 'Extra seats',
        AmountSubtotal: 2500,
        Quantity: 5,
      },
    });
    expect(line.json).toEqual({
      IdCustomer: 233700,
      ReferenceCustomer: 'cust-fr-001',
      LabelLocalized: 'Extra seats',
      AmountSubtotal: 2500,
      Quantity: 5,
      DateMove: NOW,
    });
    expect((await live('GET', '/_admin/balance/cust-fr-001')).json).toEqual([line.json]);
    const none = await live('POST', '/_admin/payment-settings', {
      body: { ReferenceCustomer: 'cust-fr-001', TypePayment: null },
    });
    expect(none.json).toBeNull();
    expect(env.sandbox.billing.paymentSettings('cust-fr-001')).toBeNull();
    expect(env.sandbox.billing.setPaymentSettings('cust-fr-006', 'Card')).toEqual({
      TypePayment: 'Card',
      GatewayPermission: {
        Id: 91005,
        StatePermission: 'Valid',
        TypePayment: 'Card',
        TypeGateway: 'Stripe',
        NameDisplay: 'Visa •••• 4242',
        Country: 'FR',
        DateExpiration: '2028-09-30T23:59:59.000Z',
      },
    });
    const bad = await live('POST', '/_admin/payment-settings', {
      body: { ReferenceCustomer: 'cust-fr-001', TypePayment: 'Cash' },
    });
    expect(bad.status).toBe(400);
    expect((await live('GET', '/_admin/offers')).json).toHaveLength(6);
    expect(
      (await live('GET', '/_admin/subscriptions', { query: { ReferenceCustomer: 'cust-us-005' } }))
        .json,
    ).toEqual([expect.objectContaining({ Id: 140961 })]);
  });

  it('pays an invoice (InvoiceDebitPaid) and issues a credit note (InvoiceCreditIssued), both delivered', async () => {
    const target = await subscribedToAll();
    await live('POST', '/v1/Billing/Customer', { body: { ReferenceCustomer: 'cust-de-002' } });
    await delivered(target);
    target.received.splice(0);
    const paid = await live('POST', '/_admin/invoices/3736354/payment');
    expect(paid.json).toMatchObject({ Id: 'trg_3', TypeTrigger: 'InvoiceDebitPaid' });
    const credit = env.sandbox.billing.creditInvoice(3736354, 'Duplicate workshop');
    expect(await delivered(target)).toEqual([
      {
        ...envelope('trg_3', 'InvoiceDebitPaid', LATER(2)),
        Customer: JONAS,
        InvoiceDebit: expect.objectContaining({
          Id: 3736354,
          Status: 'Paid',
          StateInvoice: 'Paid',
          DatePayment: NOW,
        }),
      },
      credit,
    ]);
    expect(credit).toEqual({
      ...envelope('trg_4', 'InvoiceCreditIssued', LATER(3)),
      Customer: JONAS,
      InvoiceCredit: {
        Id: 3736355,
        FullNumber: 'C-69.00000003',
        Status: 'Paid',
        StateInvoice: 'Paid',
        DateIssue: NOW,
        DatePayment: NOW,
        TypePayment: 'DirectDebit',
        AmountSubtotal: 49800,
        AmountTotal: 59760,
        TypeCredit: 'Refund',
        Reason: 'Duplicate workshop',
      },
    });
    expect((await live('GET', '/v1/Invoice/3736354')).json).toMatchObject({
      StateInvoice: 'PaidRefunded',
    });
    expect((await live('GET', '/v1/Invoice/3736355')).json).toMatchObject({
      TypeCredit: 'Refund',
      Reason: 'Duplicate workshop',
    });
    expect((await live('POST', '/_admin/invoices/3736352/payment')).status).toBe(400);
  });
});

describe('emitEvent: the blocks of each event family', () => {
  it.each([
    ['SubscriptionRenewed', 'cust-fr-001', ['Customer', 'CustomerBuyer', 'Offer', 'Subscription']],
    ['SubscriptionDateTermUpdated', 'cust-fr-001', ['Customer']],
    ['InvoiceDebitOverdue', 'cust-fr-001', ['Customer', 'InvoiceDebit']],
    ['CustomerChargingSucceeded', 'cust-fr-001', ['Customer', 'GatewayPermission']],
    ['CustomerChargingAutoFailedNoRetry', 'cust-de-002', ['Customer', 'GatewayPermission']],
    ['CustomerChargingAutoFailedNoPermission', 'cust-fr-006', ['Customer']],
    ['GatewayPermissionSoonExpired', 'cust-de-002', ['Customer', 'GatewayPermission']],
    ['CustomerSuspended', 'cust-es-003', ['Customer']],
    ['CustomerBillingSucceeded', 'cust-es-003', ['Customer']],
  ])('%s about %s carries %j', (type, reference, blocks) => {
    const notification = env.sandbox.emitEvent(type, reference) as unknown as Record<
      string,
      unknown
    >;
    expect(Object.keys(notification)).toEqual([
      'Id',
      'IdBusiness',
      'IdSegment',
      'ReferenceSegment',
      'DateTrigger',
      'TypeTrigger',
      ...blocks,
    ]);
  });

  it("uses the customer's latest subscription, invoice and payment method", () => {
    expect(env.sandbox.emitEvent('SubscriptionRenewed', 'cust-us-005')).toMatchObject({
      ...envelope('trg_1', 'SubscriptionRenewed', NOW, 'sandbox-usd'),
      Offer: { Id: 64411, IdSegment: 70, ReferenceOffer: 'pro-yearly' },
      Subscription: {
        Id: 140961,
        Status: 'Active',
        AmountRecurrence: 21000,
        UnitRecurrence: 'Year',
      },
    });
    const paid = env.sandbox.emitEvent('InvoiceDebitPaid', 'cust-fr-001');
    expect(paid.Customer).toEqual(CAMILLE);
    expect(paid.InvoiceDebit).toEqual({
      Id: 3736352,
      FullNumber: 'S-69.00000001',
      Status: 'Paid',
      StateInvoice: 'Paid',
      DateIssue: '2026-11-18T14:05:12.000Z',
      DatePayment: '2026-11-18T14:06:40.000Z',
      TypePayment: 'Card',
      AmountSubtotal: 1900,
      AmountTotal: 2280,
    });
    // Camille's seeded card is the one the samples show, its expiry to the millisecond.
    expect(
      env.sandbox.emitEvent('GatewayPermissionExpired', 'cust-fr-001').GatewayPermission,
    ).toEqual({ ...sampleGatewayPermissionFields, DateExpiration: '2028-09-30T23:59:59.000Z' });
  });

  it('refuses an event whose block the customer has nothing for', () => {
    expect(() => env.sandbox.emitEvent('SubscriptionStarted', 'cust-de-002')).toThrow(
      'The sandbox cannot notify this event about "cust-de-002": the customer has no subscription.',
    );
    expect(() => env.sandbox.emitEvent('InvoiceCreditIssued', 'cust-fr-001')).toThrow(
      'has no credit note',
    );
    expect(() => env.sandbox.emitEvent('GatewayPermissionExpired', 'cust-es-003')).toThrow(
      'has no saved payment method',
    );
    expect(env.sandbox.events()).toEqual([]);
  });
});
