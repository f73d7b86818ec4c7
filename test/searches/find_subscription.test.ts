import { perform } from '../../src/searches/find_subscription.js';
import { subscriptionRecordSample } from '../../src/samples/subscription.js';
import {
  expectOnlyTheseRequests,
  rejectionBeforeAnyRequest,
  rejectionOf,
  step,
  subscriptionLookupApi,
} from '../support/app.js';
import {
  CUSTOMER_REQUIRED,
  expiredAuth,
  firstLineOf,
  invalidInput,
  referenceCharacters,
  unexpected,
} from '../support/errors.js';
import { JOHN_DOE_SUBSCRIPTION } from '../support/proabono.js';

const find = step(perform);

describe('find_subscription', () => {
  it("finds the customer's subscription to an offer, in one request", async () => {
    const lookup = subscriptionLookupApi('cust-42', 'premium-monthly').reply(
      200,
      JOHN_DOE_SUBSCRIPTION,
    );
    const found = await find({ ReferenceCustomer: 'cust-42', ReferenceOffer: ' premium-monthly ' });
    // The sample is this subscription: the raw answer above, mapped.
    expect(found).toEqual([subscriptionRecordSample]);
    expectOnlyTheseRequests(lookup);
  });

  it('without an offer, asks for the customer only; an ended subscription is returned as ProAbono gives it', async () => {
    const ended = {
      ...JOHN_DOE_SUBSCRIPTION,
      Status: 'Ended',
      StateSubscription: 'EndedTerminated',
    };
    const lookup = subscriptionLookupApi('cust-42').reply(200, ended);
    expect(await find({ ReferenceCustomer: 'cust-42', ReferenceOffer: '' })).toEqual([
      { ...subscriptionRecordSample, Status: 'Ended', StateSubscription: 'EndedTerminated' },
    ]);
    expectOnlyTheseRequests(lookup);
  });

  it('returns [] when ProAbono has none (404)', async () => {
    const lookup = subscriptionLookupApi('cust-42').reply(404, {
      Code: 'Error.Api.NotFound',
      Message: 'Not found',
    });
    expect(await find({ ReferenceCustomer: 'cust-42' })).toEqual([]);
    expectOnlyTheseRequests(lookup);
  });

  it('sends the references byte for byte, URL-encoded', async () => {
    const lookup = subscriptionLookupApi('cust {{1}}+é#%', 'plan/1').reply(404);
    const paths: string[] = [];
    lookup.on('request', (request: { path: string }) => paths.push(request.path));
    expect(await find({ ReferenceCustomer: 'cust {{1}}+é#%', ReferenceOffer: 'plan/1' })).toEqual(
      [],
    );
    expect(paths).toEqual([
      '/v1/Subscription?ReferenceCustomer=cust%20%7B%7B1%7D%7D%2B%C3%A9%23%25&ReferenceOffer=plan%2F1&IgnoreFeatures=true',
    ]);
    expectOnlyTheseRequests(lookup);
  });

  it.each([
    [{}, CUSTOMER_REQUIRED],
    [
      { ReferenceCustomer: 'cust-42', ReferenceOffer: 'a;b' },
      referenceCharacters('Offer', 'a;b', ';'),
    ],
  ])('refuses %j before any request', async (inputData, message) => {
    expect(await rejectionBeforeAnyRequest(() => find(inputData))).toEqual(invalidInput(message));
  });

  it('asks to reconnect on 401', async () => {
    const lookup = subscriptionLookupApi('cust-42').reply(401);
    expect(firstLineOf(await rejectionOf(find({ ReferenceCustomer: 'cust-42' })))).toEqual(
      expiredAuth(),
    );
    expectOnlyTheseRequests(lookup);
  });

  it('names the endpoint when a subscription has no number', async () => {
    const { Id: _id, ...withoutId } = JOHN_DOE_SUBSCRIPTION;
    const lookup = subscriptionLookupApi('cust-42').reply(200, withoutId);
    expect(await rejectionOf(find({ ReferenceCustomer: 'cust-42' }))).toEqual(
      unexpected(
        'GET /v1/Subscription',
        'looking up the subscription of customer "cust-42"',
        'Id: Invalid input: expected number, received undefined',
      ),
    );
    expectOnlyTheseRequests(lookup);
  });
});
