import fc from 'fast-check';

import { perform } from '../../src/triggers/offer_list.js';
import { BACKOFFICE, LIVE } from '../support/app.js';
import { bundleWith, fakeZ, outcomeOf } from '../support/fakeZ.js';
import { JOHN_DOE } from '../support/proabono.js';
import { expectReferenceSentAsGiven, mappedField } from '../support/sentText.js';

const customerValue = fc.oneof(mappedField, fc.constantFrom('cust-42', '{{123__id}}', 'a&b'));

describe('offer_list, for any customer in the step', () => {
  it('never fails over the customer field; a usable one is looked up as given and its segment sent', async () => {
    const seen = { forCustomer: 0, everySegment: 0 };
    await fc.assert(
      fc.asyncProperty(customerValue, fc.boolean(), async (customer, known) => {
        const { z, requests } = fakeZ((request) =>
          request.url === `${LIVE}/v1/Customer`
            ? known
              ? {
                  status: 200,
                  data: {
                    ...JOHN_DOE,
                    ReferenceCustomer: request.params.ReferenceCustomer,
                    ReferenceSegment: 'demo-usd',
                  },
                }
              : { status: 404 }
            : { status: 204 },
        );
        const outcome = await outcomeOf(() =>
          perform(z, bundleWith({ ReferenceCustomer: customer })),
        );
        expect(outcome).toEqual({ result: [] });
        const [first, second, ...rest] = requests;
        expect(rest).toEqual([]);
        if (first?.url === `${LIVE}/v1/Customer`) {
          expectReferenceSentAsGiven(first.params.ReferenceCustomer, customer);
          expect(first.params.ReferenceCustomer).not.toContain('{{');
          if (known) {
            expect(second?.url).toBe(`${LIVE}/v1/Offers`);
            expect(second?.params).toMatchObject({
              ReferenceCustomer: first.params.ReferenceCustomer,
              ReferenceSegment: 'demo-usd',
            });
            seen.forCustomer += 1;
            return;
          }
        }
        expect((second ?? first)?.url).toBe(`${BACKOFFICE}/Sub/Offers`);
        seen.everySegment += 1;
      }),
      { numRuns: 500 },
    );
    expect(seen.forCustomer).toBeGreaterThan(30);
    expect(seen.everySegment).toBeGreaterThan(100);
  });
});
