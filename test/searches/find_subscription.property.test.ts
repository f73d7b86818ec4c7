import fc from 'fast-check';

import { perform } from '../../src/searches/find_subscription.js';
import { LIVE } from '../support/app.js';
import { runWithFakeZ, theOnlyRequest } from '../support/fakeZ.js';
import { JOHN_DOE_SUBSCRIPTION } from '../support/proabono.js';
import { expectReferenceSentAsGiven, isBlank, mappedFieldOr } from '../support/sentText.js';

const inputData = fc.record(
  {
    ReferenceCustomer: mappedFieldOr('cust-42', ' cust-42 ', 'cust {{x}}'),
    ReferenceOffer: mappedFieldOr('premium-monthly', '', 'plan {{1}} 100%'),
  },
  { requiredKeys: [] },
);

describe('find_subscription, for any input', () => {
  it('looks up once with every value as given, or refuses before any request', async () => {
    const seen = { found: 0, none: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, fc.boolean(), async (input, exists) => {
        const run = await runWithFakeZ(perform, input, () =>
          exists ? { status: 200, data: JOHN_DOE_SUBSCRIPTION } : { status: 404 },
        );
        if (run.refused) {
          seen.refused += 1;
          return;
        }
        const request = theOnlyRequest(run.requests, 'GET', `${LIVE}/v1/Subscription`);
        const { ReferenceCustomer, ReferenceOffer, ...rest } = request.params;
        expect(rest).toEqual({ IgnoreFeatures: 'true' });
        expectReferenceSentAsGiven(ReferenceCustomer, input.ReferenceCustomer);
        if (isBlank(input.ReferenceOffer)) expect(ReferenceOffer).toBeUndefined();
        else {
          expectReferenceSentAsGiven(ReferenceOffer, input.ReferenceOffer);
        }
        expect(run.result).toHaveLength(exists ? 1 : 0);
        seen[exists ? 'found' : 'none'] += 1;
      }),
      { numRuns: 1000 },
    );
    expect(seen.found).toBeGreaterThan(100);
    expect(seen.none).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
