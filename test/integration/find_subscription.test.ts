import { perform } from '../../src/searches/find_subscription.js';
import { subscriptionLookup } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/** Find Subscription, the real app against the sandbox. */

const env = useSandbox({ now: () => new Date('2026-11-20T10:00:00.000Z') });
const find = env.step(perform);

it("finds Camille's running subscription in one request", async () => {
  expect(
    await find({ ReferenceCustomer: 'cust-fr-001', ReferenceOffer: 'starter-monthly' }),
  ).toEqual([
    {
      id: 140960,
      Id: 140960,
      IdCustomer: 233700,
      IdOffer: 64400,
      IdSegment: 69,
      ReferenceCustomer: 'cust-fr-001',
      ReferenceCustomerBuyer: 'cust-fr-001',
      ReferenceOffer: 'starter-monthly',
      ReferenceSegment: 'sandbox-eur',
      TitleLocalized: 'Starter',
      Status: 'Active',
      StateSubscription: 'ActiveRunning',
      Currency: 'EUR',
      DateStart: '2026-06-18T14:05:00.000Z',
      DatePeriodStart: '2026-11-18T14:05:00.000Z',
      DatePeriodEnd: '2026-12-18T14:05:00.000Z',
      DateTerm: '2026-12-18T14:05:00.000Z',
      DateEnd: null,
      DateNextBilling: '2026-12-18T14:05:00.000Z',
      IsTrial: false,
      AmountUpFront: 0,
      AmountUpFrontDecimal: '0.00',
      AmountRecurrence: 1900,
      AmountRecurrenceDecimal: '19.00',
      DurationRecurrence: 1,
      UnitRecurrence: 'Month',
      DateUpdate: '2026-11-18T14:05:00.000Z',
    },
  ]);
  expect(requestLog(env.sandbox)).toEqual([subscriptionLookup('cust-fr-001', 'starter-monthly')]);
});

it('finds the subscription of a customer of the non-default segment', async () => {
  expect(await find({ ReferenceCustomer: 'cust-us-005' })).toMatchObject([
    {
      id: 140961,
      ReferenceSegment: 'sandbox-usd',
      Currency: 'USD',
      AmountRecurrenceDecimal: '210.00',
    },
  ]);
  expect(requestLog(env.sandbox)).toEqual([subscriptionLookup('cust-us-005')]);
});

it('returns [] for a customer without one, or without one to that offer', async () => {
  expect(await find({ ReferenceCustomer: 'cust-de-002' })).toEqual([]);
  expect(await find({ ReferenceCustomer: 'cust-fr-001', ReferenceOffer: 'pro-yearly' })).toEqual(
    [],
  );
  expect(await find({ ReferenceCustomer: 'cust-nobody' })).toEqual([]);
});
