import { jest } from '@jest/globals';

import { perform } from '../../src/triggers/offer_list.js';
import { offerChoiceSample } from '../../src/samples/offer.js';
import {
  backofficeApi,
  captureLogs,
  customerLookupApi,
  expectOnlyTheseRequests,
  liveApi,
  rejectionOf,
  run,
} from '../support/app.js';
import { expiredAuth, firstLineOf } from '../support/errors.js';
import { JOHN_DOE, proAbonoPage as page } from '../support/proabono.js';

const list = (inputData: Record<string, unknown> = {}, page?: number) =>
  run(perform, { inputData, ...(page === undefined ? {} : { meta: { page } }) });

/** The Backoffice's offers of every segment, page `page` (from 1). */
const allOffersApi = (pageNumber = 1) =>
  backofficeApi()
    .get('/Sub/Offers')
    .query({
      IdBusiness: '42',
      Page: String(pageNumber),
      SizePage: '100',
      extra: 'Segment',
      Links: 'false',
    })
    .times(1);

/** The API Live's offers available to cust-42 in segment `segment`. */
const customerOffersApi = (segment: string, pageNumber = 1) =>
  liveApi()
    .get('/v1/Offers')
    .query({
      ReferenceCustomer: 'cust-42',
      ReferenceSegment: segment,
      IgnoreFeatures: 'true',
      Links: 'false',
      Page: String(pageNumber),
      SizePage: '100',
    })
    .times(1);

/** The sample offer as the API Live lists it. */
const LIVE_OFFER = {
  Id: 64400,
  IdSegment: 69,
  ReferenceOffer: 'premium-monthly',
  ReferenceSegment: 'demo-eur',
  IsVisible: true,
  IsPriced: true,
  Name: 'Premium (monthly)',
  TitleLocalized: 'Premium',
  PricingLocalized: '€190.00/month',
  Currency: 'EUR',
  AmountUpFront: 4900,
  AmountTrial: 0,
  DurationTrial: 14,
  UnitTrial: 'Day',
  AmountRecurrence: 19000,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  AmountTermination: 0,
};

/** Offers as the Backoffice lists them: numeric segment, its state of life, the segment embedded. */
const backofficeOffer = (
  Id: number,
  ReferenceOffer: string,
  Name: string,
  segment: string,
  StateLife = 'Ok',
) => ({
  Id,
  IdBusiness: 42,
  IdSegment: segment === 'Demo EUR' ? 69 : 70,
  ReferenceOffer,
  Name,
  IsVisible: true,
  AmountRecurrence: 1900,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  StateLife,
  Segment: { Id: segment === 'Demo EUR' ? 69 : 70, Name: segment },
});

describe('offer_list', () => {
  it('without a customer in the step, lists every segment’s live offers, labelled with their segments', async () => {
    const offers = allOffersApi().reply(
      200,
      page([
        backofficeOffer(64400, 'starter-monthly', 'Starter', 'Demo EUR'),
        backofficeOffer(64410, 'starter-monthly', 'Starter', 'Demo USD'),
        backofficeOffer(64403, 'legacy', 'Legacy', 'Demo EUR', 'DisabledUser'),
        { Id: 64404, IdSegment: 69, Name: 'No reference', StateLife: 'Ok' },
      ]),
    );
    const choices = (await list()) as { id: string; label: string }[];
    // One entry per reference: the customer's segment picks the offer.
    expect(choices).toEqual([
      {
        id: 'starter-monthly',
        label: 'Starter · Demo EUR / Starter · Demo USD · starter-monthly',
        Id: 64400,
        IdSegment: 69,
        ReferenceOffer: 'starter-monthly',
        ReferenceSegment: null,
        Name: 'Starter',
        TitleLocalized: null,
        StateLife: 'Ok',
        IsVisible: true,
        IsPriced: null,
        Currency: null,
        AmountUpFront: null,
        AmountUpFrontDecimal: null,
        DurationTrial: null,
        UnitTrial: null,
        AmountRecurrence: 1900,
        AmountRecurrenceDecimal: null,
        DurationRecurrence: 1,
        UnitRecurrence: 'Month',
        AmountTermination: null,
        AmountTerminationDecimal: null,
      },
    ]);
    expectOnlyTheseRequests(offers);
  });

  it("with the step's customer, lists the offers available to that customer, in its own segment", async () => {
    const customer = customerLookupApi('cust-42').reply(200, {
      ...JOHN_DOE,
      ReferenceSegment: 'demo-usd',
    });
    const offers = customerOffersApi('demo-usd').reply(200, page([LIVE_OFFER]));
    expect(await list({ ReferenceCustomer: ' cust-42 ' })).toEqual(
      [offerChoiceSample].map((choice) => ({ ...choice, StateLife: null })),
    );
    expectOnlyTheseRequests(customer, offers);
  });

  it.each([
    [0, 1],
    [2, 3],
  ])('turns Zapier page %i into ProAbono page %i, either way', async (zapierPage, proabonoPage) => {
    const all = allOffersApi(proabonoPage).reply(204);
    expect(await list({}, zapierPage)).toEqual([]);
    const customer = customerLookupApi('cust-42').reply(200, JOHN_DOE);
    const offers = customerOffersApi('demo-eur', proabonoPage).reply(204);
    expect(await list({ ReferenceCustomer: 'cust-42' }, zapierPage)).toEqual([]);
    expectOnlyTheseRequests(all, customer, offers);
  });

  it('lists every segment’s offers for a customer ProAbono does not know', async () => {
    const customer = customerLookupApi('cust-new').reply(404, { Code: 'Error.Api.NotFound' });
    const offers = allOffersApi().reply(
      200,
      page([backofficeOffer(64400, 'starter-monthly', 'Starter', 'Demo EUR')]),
    );
    expect(await list({ ReferenceCustomer: 'cust-new' })).toHaveLength(1);
    expectOnlyTheseRequests(customer, offers);
  });

  it.each([
    ['a value still mapped from an earlier step', '{{123__ReferenceCustomer}}'],
    ['a reference ProAbono would refuse', 'a&b'],
    ['a list', ['cust-1', 'cust-2']],
    ['nothing', '  '],
  ])('lists every segment’s offers, without a lookup, for %s', async (_what, ReferenceCustomer) => {
    const offers = allOffersApi().reply(204);
    expect(await list({ ReferenceCustomer })).toEqual([]);
    expectOnlyTheseRequests(offers);
  });

  it('skips and logs an offer it cannot read', async () => {
    const logs = captureLogs();
    const offers = allOffersApi().reply(
      200,
      page([
        { Id: 9, ReferenceOffer: 9 },
        backofficeOffer(64400, 'starter-monthly', 'Starter', 'Demo EUR'),
      ]),
    );
    expect(((await list()) as { id: string }[]).map((choice) => choice.id)).toEqual([
      'starter-monthly',
    ]);
    jest.restoreAllMocks();
    expect(logs).toEqual([
      "Skipped item 1 (Id 9) of ProAbono's answer to GET /Sub/Offers while listing offers: it is " +
        'not in the expected format (ReferenceOffer: Invalid input: expected string, received ' +
        'number). The other items were used.',
    ]);
    expectOnlyTheseRequests(offers);
  });

  it('asks to reconnect on 401', async () => {
    const offers = allOffersApi().reply(401, { Code: 401, Message: 'Unauthorized' });
    expect(firstLineOf(await rejectionOf(list()))).toEqual(expiredAuth());
    expectOnlyTheseRequests(offers);
  });
});
