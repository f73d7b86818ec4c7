import { perform } from '../../src/creates/create_subscription.js';
import { createdSubscriptionSample } from '../../src/samples/subscription.js';
import {
  anyRequestRecorder,
  captureLogs,
  expectOnlyTheseRequests,
  liveApi,
  livePostApi,
  rejectionBeforeAnyRequest,
  rejectionOf,
  run,
  step,
  subscriptionLookupApi,
} from '../support/app.js';
import { FAILING_CACHE, productionLikeZ, withZCache } from '../support/fakeZ.js';
import {
  BILL_NOW_WITHOUT_START,
  CUSTOMER_REQUIRED,
  expiredAuth,
  firstLineOf,
  invalidData,
  invalidInput,
  notADate,
  notYesOrNo,
  OFFER_REQUIRED,
  paymentSettingsMissing,
  referenceCharacters,
  referenceTooLong,
  serverError,
  SUBSCRIBE_HINT,
} from '../support/errors.js';
import { JOHN_DOE_SUBSCRIPTION, proAbonoPage } from '../support/proabono.js';

const create = step(perform);

const INPUT = { ReferenceCustomer: 'cust-42', ReferenceOffer: 'premium-monthly' };
const SUBSCRIBING = 'subscribing customer "cust-42" to offer "premium-monthly"';

/** `GET /v1/Subscription` for cust-42 and premium-monthly, once. */
const lookupApi = () => subscriptionLookupApi('cust-42', 'premium-monthly');

/** The flags of `POST /v1/Subscription` when the step's options are left blank. */
const DEFAULT_FLAGS = { TryStart: 'true', BillNow: 'false', EnsureBillable: 'false' };

/** `POST /v1/Subscription` with these flags and exactly this body, once. */
const createApi = (body: Record<string, unknown>, flags: Record<string, string> = {}) =>
  livePostApi('/v1/Subscription', body)
    .query({ ...DEFAULT_FLAGS, ...flags })
    .times(1);

/** `GET /v1/Subscriptions` of cust-42 in demo-eur, once. */
const listApi = () =>
  liveApi()
    .get('/v1/Subscriptions')
    .query({
      ReferenceCustomer: 'cust-42',
      ReferenceSegment: 'demo-eur',
      IgnoreFeatures: 'true',
      Page: '1',
      SizePage: '1000',
    })
    .times(1);

const ENDED = {
  ...JOHN_DOE_SUBSCRIPTION,
  Id: 140001,
  Status: 'Ended',
  StateSubscription: 'EndedTerminated',
  DateEnd: '2026-01-31T00:00:00Z',
};

const page = (items: object[]) => proAbonoPage(items, 1000);

describe('create_subscription', () => {
  it('looks for a running subscription, finds none (404), creates and starts one: two requests', async () => {
    const lookup = lookupApi().reply(404, { Code: 'Error.Api.NotFound' });
    const created = createApi(INPUT).reply(201, JOHN_DOE_SUBSCRIPTION);
    const record = await create({
      ReferenceCustomer: ' cust-42',
      ReferenceOffer: 'premium-monthly ',
    });
    // The sample is this subscription: the raw answer above, mapped.
    expect(record).toEqual(createdSubscriptionSample);
    expectOnlyTheseRequests(lookup, created);
  });

  it('sends the start date in UTC and each flag as chosen', async () => {
    const lookup = lookupApi().reply(404);
    const created = createApi(
      { ...INPUT, DateStart: '2027-01-01T08:00:00.000Z' },
      { TryStart: 'true', BillNow: 'true', EnsureBillable: 'true' },
    ).reply(201, JOHN_DOE_SUBSCRIPTION);
    await create({
      ...INPUT,
      DateStart: '2027-01-01T09:00:00+01:00',
      TryStart: 'yes',
      BillNow: true,
      EnsureBillable: 'TRUE',
    });
    expectOnlyTheseRequests(lookup, created);
  });

  it('creates a draft with Start Now set to no', async () => {
    const lookup = lookupApi().reply(404);
    const created = createApi(INPUT, { TryStart: 'false' }).reply(201, {
      ...JOHN_DOE_SUBSCRIPTION,
      Status: 'Draft',
      StateSubscription: 'DraftAgent',
    });
    expect(await create({ ...INPUT, TryStart: false })).toMatchObject({
      Status: 'Draft',
      StateSubscription: 'DraftAgent',
      created: true,
    });
    expectOnlyTheseRequests(lookup, created);
  });

  describe('Skip If Already Subscribed (on by default)', () => {
    it.each([
      ['an active one', { Status: 'Active', StateSubscription: 'ActiveRunning' }],
      [
        'one ending at its term',
        { Status: 'Active', StateSubscription: 'ActiveDelayedTermination' },
      ],
      ['a draft', { Status: 'Draft', StateSubscription: 'DraftAgent' }],
      ['a suspended one', { Status: 'Suspended', StateSubscription: 'SuspendedPaymentDue' }],
    ])('returns %s, unchanged, in one request', async (_what, state) => {
      const lookup = lookupApi().reply(200, { ...JOHN_DOE_SUBSCRIPTION, ...state });
      const others = anyRequestRecorder();
      expect(await create(INPUT)).toEqual({
        ...createdSubscriptionSample,
        ...state,
        created: false,
      });
      expect(lookup.isDone()).toBe(true);
      others.expectNone();
    });

    it('given an ended one, lists the customer’s subscriptions in its segment and returns the running one', async () => {
      const lookup = lookupApi().reply(200, ENDED);
      const list = listApi().reply(
        200,
        page([{ ...JOHN_DOE_SUBSCRIPTION, ReferenceOffer: 'other' }, ENDED, JOHN_DOE_SUBSCRIPTION]),
      );
      expect(await create(INPUT)).toEqual({ ...createdSubscriptionSample, created: false });
      expectOnlyTheseRequests(lookup, list);
    });

    it('given an ended one and no running one in the list, creates: three requests', async () => {
      const lookup = lookupApi().reply(200, ENDED);
      const list = listApi().reply(
        200,
        page([ENDED, { ...JOHN_DOE_SUBSCRIPTION, ReferenceOffer: 'other' }]),
      );
      const created = createApi(INPUT).reply(201, JOHN_DOE_SUBSCRIPTION);
      expect(await create(INPUT)).toEqual(createdSubscriptionSample);
      expectOnlyTheseRequests(lookup, list, created);
    });

    it('given a running subscription to another offer (the filter ignored), looks further and creates', async () => {
      const lookup = lookupApi().reply(200, { ...JOHN_DOE_SUBSCRIPTION, ReferenceOffer: 'basic' });
      const list = listApi().reply(204);
      const created = createApi(INPUT).reply(201, JOHN_DOE_SUBSCRIPTION);
      expect(await create(INPUT)).toMatchObject({ created: true });
      expectOnlyTheseRequests(lookup, list, created);
    });

    it('given an ended one without its segment, creates without listing', async () => {
      const { ReferenceSegment: _segment, ...withoutSegment } = ENDED;
      const lookup = lookupApi().reply(200, withoutSegment);
      const created = createApi(INPUT).reply(201, JOHN_DOE_SUBSCRIPTION);
      expect(await create(INPUT)).toMatchObject({ created: true });
      expectOnlyTheseRequests(lookup, created);
    });

    it('set to no: creates at once, in one request', async () => {
      const created = createApi(INPUT).reply(201, JOHN_DOE_SUBSCRIPTION);
      expect(await create({ ...INPUT, skip_if_subscribed: 'false' })).toMatchObject({
        created: true,
      });
      expectOnlyTheseRequests(created);
    });

    it('two runs at once (a trigger that fired twice) subscribe once: the second waits, then finds it', async () => {
      // Zapier's cache, shared by both runs and honouring nx as Zapier's does.
      const withSharedCache = withZCache(perform, productionLikeZ().z.cache);
      // ProAbono: no subscription until the creation is answered, then the one created.
      let subscribed = false;
      const lookups = lookupApi()
        .times(2)
        .reply(() =>
          subscribed ? [200, JOHN_DOE_SUBSCRIPTION] : [404, { Code: 'Error.Api.NotFound' }],
        );
      const created = createApi(INPUT)
        .delay(300)
        .reply(() => {
          subscribed = true;
          return [201, JOHN_DOE_SUBSCRIPTION];
        });
      const [first, second] = await Promise.all([
        run(withSharedCache, { inputData: INPUT }),
        run(withSharedCache, { inputData: INPUT }),
      ]);
      expect(first).toEqual(createdSubscriptionSample);
      expect(second).toEqual({ ...createdSubscriptionSample, created: false });
      expectOnlyTheseRequests(lookups, created);
    });

    it('a failing cache: each run goes on without waiting, and says so', async () => {
      const logs = captureLogs();
      const lookup = lookupApi().reply(404, { Code: 'Error.Api.NotFound' });
      const created = createApi(INPUT).reply(201, JOHN_DOE_SUBSCRIPTION);
      const record = await run(withZCache(perform, FAILING_CACHE), { inputData: INPUT });
      expect(record).toEqual(createdSubscriptionSample);
      expectOnlyTheseRequests(lookup, created);
      expect(logs).toEqual([
        "Create Subscription: Zapier's cache failed while holding the subscription of customer " +
          '"cust-42" to offer "premium-monthly"; this run goes on without holding it.',
      ]);
    });
  });

  describe("ProAbono's refusals", () => {
    it('a customer without payment settings with Ensure Billable: what to set, and the options that avoid the check', async () => {
      const lookup = lookupApi().reply(404);
      const created = createApi(INPUT, { EnsureBillable: 'true' }).reply(403, {
        Code: 'Error.Customer.PaymentSettings.Missing',
        Message: 'Missing payment settings',
      });
      expect(await rejectionOf(create({ ...INPUT, EnsureBillable: true }))).toEqual(
        paymentSettingsMissing(SUBSCRIBING, 'cust-42', SUBSCRIBE_HINT),
      );
      expectOnlyTheseRequests(lookup, created);
    });

    it('an unknown offer (422) names the Offer field', async () => {
      const lookup = lookupApi().reply(404);
      const created = createApi(INPUT).reply(422, [
        { Code: 'Error.Api.Offer.Unknown', Message: 'Unknown offer.', Target: 'ReferenceOffer' },
      ]);
      expect(await rejectionOf(create(INPUT))).toEqual(
        invalidData(SUBSCRIBING, 'Offer: Unknown offer. (Error.Api.Offer.Unknown)'),
      );
      expectOnlyTheseRequests(lookup, created);
    });

    it('a 5xx on the lookup stops the step before anything is created', async () => {
      const lookup = lookupApi().reply(503);
      expect(await rejectionOf(create(INPUT))).toEqual(
        serverError(
          'looking up the subscription of customer "cust-42" to offer "premium-monthly"',
          503,
          ' (the answer was empty)',
        ),
      );
      expectOnlyTheseRequests(lookup);
    });

    it('asks to reconnect on 401', async () => {
      const lookup = lookupApi().reply(401);
      expect(firstLineOf(await rejectionOf(create(INPUT)))).toEqual(expiredAuth());
      expectOnlyTheseRequests(lookup);
    });
  });

  describe('input errors, before any request', () => {
    it.each([
      [{ ReferenceOffer: 'premium-monthly' }, CUSTOMER_REQUIRED],
      [{ ReferenceCustomer: 'cust-42', ReferenceOffer: ' ' }, OFFER_REQUIRED],
      [
        { ReferenceCustomer: 'cust-42', ReferenceOffer: 'a?b' },
        referenceCharacters('Offer', 'a?b', '?'),
      ],
      [
        { ReferenceCustomer: 'x'.repeat(51), ReferenceOffer: 'premium-monthly' },
        referenceTooLong('Customer', 51),
      ],
      [{ ...INPUT, DateStart: '01/12/2026' }, notADate('Start Date', '01/12/2026')],
      [{ ...INPUT, TryStart: false, BillNow: true }, BILL_NOW_WITHOUT_START],
      [
        { ...INPUT, skip_if_subscribed: 'perhaps' },
        notYesOrNo('Skip If Already Subscribed', '"perhaps"'),
      ],
    ])('refuses %j', async (inputData, message) => {
      expect(await rejectionBeforeAnyRequest(() => create(inputData))).toEqual(
        invalidInput(message),
      );
    });
  });
});
