import { perform } from '../../src/creates/create_subscription.js';
import { setEnv } from '../../sandbox/zapier/zapierHarness.js';
import { rejectionOf } from '../support/app.js';
import {
  SUBSCRIBE_HINT,
  invalidData,
  paymentSettingsMissing,
  timedOut,
} from '../support/errors.js';
import {
  customerSubscriptions,
  subscriptionCreate,
  subscriptionLookup,
} from '../support/requests.js';
import { atNow, NOW, requestLog, until, useSandbox } from '../support/sandbox.js';

/**
 * Create Subscription, the real app against the sandbox: what it creates, the notification, and
 * Skip If Already Subscribed keeping a replay from subscribing a customer twice.
 */

const env = useSandbox({ now: atNow });

const create = env.step(perform);

it('subscribes Jonas to the yearly plan, started now: the lookup, then the creation, and SubscriptionStarted', async () => {
  const record = await create({ ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' });
  expect(record).toEqual({
    id: 140963,
    Id: 140963,
    IdCustomer: 233701,
    IdOffer: 64401,
    IdSegment: 69,
    ReferenceCustomer: 'cust-de-002',
    ReferenceCustomerBuyer: 'cust-de-002',
    ReferenceOffer: 'pro-yearly',
    ReferenceSegment: 'sandbox-eur',
    TitleLocalized: 'Pro',
    Status: 'Active',
    StateSubscription: 'ActiveRunning',
    Currency: 'EUR',
    DateStart: NOW,
    DatePeriodStart: NOW,
    DatePeriodEnd: '2027-11-20T10:00:00.000Z',
    DateTerm: '2027-11-20T10:00:00.000Z',
    DateEnd: null,
    DateNextBilling: '2027-11-20T10:00:00.000Z',
    IsTrial: false,
    AmountUpFront: 49000,
    AmountUpFrontDecimal: '490.00',
    AmountRecurrence: 19000,
    AmountRecurrenceDecimal: '190.00',
    DurationRecurrence: 1,
    UnitRecurrence: 'Year',
    DateUpdate: NOW,
    created: true,
  });
  expect(requestLog(env.sandbox)).toEqual([
    subscriptionLookup('cust-de-002', 'pro-yearly'),
    subscriptionCreate({ ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' }),
  ]);
  expect(env.sandbox.events().map((event) => [event.TypeTrigger, event.Subscription?.Id])).toEqual([
    ['SubscriptionStarted', 140963],
  ]);
});

it('a replay of the same step returns that subscription, in one request, creating nothing', async () => {
  const first = await create({ ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' });
  env.sandbox.resetRequests();
  const again = await create({ ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' });
  expect(again).toEqual({ ...first, created: false });
  expect(requestLog(env.sandbox)).toEqual([subscriptionLookup('cust-de-002', 'pro-yearly')]);
  expect(env.sandbox.billing.subscriptions('cust-de-002')).toHaveLength(1);
  expect(env.sandbox.events()).toHaveLength(1);
});

it('a creation that timed out, but was applied, is not repeated by the replay', async () => {
  env.sandbox.addFault({ method: 'POST', path: '/v1/Subscription', latencyMs: 600 });
  const restore = setEnv({ PROABONO_TIMEOUT_MS: '150' });
  let error;
  try {
    error = await rejectionOf(
      create({ ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' }),
    );
  } finally {
    restore();
  }
  expect(error).toEqual(
    timedOut('subscribing customer "cust-de-002" to offer "pro-yearly"', '150 ms'),
  );
  await until(() => env.sandbox.billing.subscriptions('cust-de-002').length === 1);
  expect(
    await create({ ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' }),
  ).toMatchObject({ id: 140963, created: false });
  expect(env.sandbox.billing.subscriptions('cust-de-002')).toHaveLength(1);
});

it("subscribes a customer of the non-default segment to its segment's offer of that reference", async () => {
  expect(
    await create({ ReferenceCustomer: 'cust-us-005', ReferenceOffer: 'starter-monthly' }),
  ).toMatchObject({
    IdOffer: 64410,
    ReferenceSegment: 'sandbox-usd',
    Currency: 'USD',
    AmountRecurrence: 2100,
    AmountRecurrenceDecimal: '21.00',
    created: true,
  });
});

it("returns a customer of the non-default segment's running subscription", async () => {
  expect(
    await create({ ReferenceCustomer: 'cust-us-005', ReferenceOffer: 'pro-yearly' }),
  ).toMatchObject({ id: 140961, ReferenceSegment: 'sandbox-usd', created: false });
  expect(requestLog(env.sandbox)).toEqual([subscriptionLookup('cust-us-005', 'pro-yearly')]);
});

it('an ended subscription does not count: the list in its segment, then a new one', async () => {
  expect(
    await create({ ReferenceCustomer: 'cust-gb-004', ReferenceOffer: 'starter-monthly' }),
  ).toMatchObject({ id: 140963, Status: 'Active', created: true });
  expect(requestLog(env.sandbox)).toEqual([
    subscriptionLookup('cust-gb-004', 'starter-monthly'),
    customerSubscriptions('cust-gb-004', 'sandbox-eur'),
    subscriptionCreate({ ReferenceCustomer: 'cust-gb-004', ReferenceOffer: 'starter-monthly' }),
  ]);
});

it('a draft with a start date, without the lookup when Skip If Already Subscribed is off', async () => {
  expect(
    await create({
      ReferenceCustomer: 'cust-es-003',
      ReferenceOffer: 'starter-monthly',
      DateStart: '2027-01-01',
      TryStart: 'no',
      skip_if_subscribed: false,
    }),
  ).toMatchObject({
    Status: 'Draft',
    StateSubscription: 'DraftAgent',
    DateStart: '2027-01-01T00:00:00.000Z',
  });
  expect(requestLog(env.sandbox)).toEqual([
    subscriptionCreate(
      {
        ReferenceCustomer: 'cust-es-003',
        ReferenceOffer: 'starter-monthly',
        DateStart: '2027-01-01T00:00:00.000Z',
      },
      { TryStart: false, BillNow: false, EnsureBillable: false },
    ),
  ]);
  expect(env.sandbox.events()).toEqual([]);
});

it('Ensure Billable for a customer without payment settings: refused, nothing created', async () => {
  const error = await rejectionOf(
    create({
      ReferenceCustomer: 'cust-fr-006',
      ReferenceOffer: 'starter-monthly',
      EnsureBillable: true,
    }),
  );
  expect(error).toEqual(
    paymentSettingsMissing(
      'subscribing customer "cust-fr-006" to offer "starter-monthly"',
      'cust-fr-006',
      SUBSCRIBE_HINT,
    ),
  );
  expect(env.sandbox.billing.subscriptions('cust-fr-006')).toEqual([]);
});

it("an offer of another segment is ProAbono's 422, naming the Offer field", async () => {
  expect(
    await rejectionOf(
      create({ ReferenceCustomer: 'cust-us-005', ReferenceOffer: 'partner-monthly' }),
    ),
  ).toEqual(
    invalidData(
      'subscribing customer "cust-us-005" to offer "partner-monthly"',
      "Offer: No offer has this reference in the customer's segment" +
        // The code is the sandbox's own: a ProAbono that documents none sends the message alone.
        (env.sandbox.behaviour.inventedErrorCodes
          ? '. (Error.Api.Subscription.Offer.Unknown)'
          : ''),
    ),
  );
});
