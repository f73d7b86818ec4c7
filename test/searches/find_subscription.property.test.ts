import fc from 'fast-check';

import { perform } from '../../src/searches/find_subscription.js';
import { LIVE } from '../support/app.js';
import { mappedValue, valueOrRealistic } from '../support/arbitraries.js';
import { bundleWith, expectRefusedBeforeAnyRequest, fakeZ, outcomeOf } from '../support/fakeZ.js';
import { JOHN_DOE_SUBSCRIPTION } from '../support/proabono.js';
import {
  expectSentAsGiven,
  expectValidReference,
  isBlank,
  mappedText,
} from '../support/sentText.js';

const value = mappedValue(mappedText, { text: 10, blank: 3, listLength: 2 });
const valueOr = valueOrRealistic(value, 2);

const inputData = fc.record(
  {
    ReferenceCustomer: valueOr('cust-42', ' cust-42 ', 'cust {{x}}'),
    ReferenceOffer: valueOr('premium-monthly', '', 'plan {{1}} 100%'),
  },
  { requiredKeys: [] },
);

describe('find_subscription, for any input', () => {
  it('looks up once with every value as given, or refuses before any request', async () => {
    const seen = { found: 0, none: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, fc.boolean(), async (input, exists) => {
        const { z, requests } = fakeZ(() =>
          exists ? { status: 200, data: JOHN_DOE_SUBSCRIPTION } : { status: 404 },
        );
        const outcome = await outcomeOf(() => perform(z, bundleWith(input)));
        if ('error' in outcome) {
          expectRefusedBeforeAnyRequest(outcome.error, requests);
          seen.refused += 1;
          return;
        }
        expect(requests).toHaveLength(1);
        const [request] = requests;
        expect(request?.method).toBe('GET');
        expect(request?.url).toBe(`${LIVE}/v1/Subscription`);
        const { ReferenceCustomer, ReferenceOffer, ...rest } = request?.params ?? {};
        expect(rest).toEqual({ IgnoreFeatures: 'true' });
        expectSentAsGiven(ReferenceCustomer, input.ReferenceCustomer);
        expectValidReference(ReferenceCustomer);
        if (isBlank(input.ReferenceOffer)) expect(ReferenceOffer).toBeUndefined();
        else {
          expectSentAsGiven(ReferenceOffer, input.ReferenceOffer);
          expectValidReference(ReferenceOffer);
        }
        expect(outcome.result).toHaveLength(exists ? 1 : 0);
        seen[exists ? 'found' : 'none'] += 1;
      }),
      { numRuns: 1000 },
    );
    expect(seen.found).toBeGreaterThan(100);
    expect(seen.none).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
