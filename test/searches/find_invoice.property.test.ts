import fc from 'fast-check';

import { perform } from '../../src/searches/find_invoice.js';
import { BACKOFFICE, LIVE } from '../support/app.js';
import { runWithFakeZ } from '../support/fakeZ.js';
import { JOHN_DOE, JOHN_DOE_INVOICE } from '../support/proabono.js';
import {
  expectReferenceSentAsGiven,
  expectSentAsGiven,
  isBlank,
  mappedFieldOr,
} from '../support/sentText.js';

const inputData = fc.record(
  {
    FullNumber: mappedFieldOr('S-69.00000033', ' F001-000000023 ', 'F {{1}}/2#%'),
    ReferenceCustomer: mappedFieldOr('cust-42', '', 'cust {{x}}'),
  },
  { requiredKeys: [] },
);

/** Where ProAbono holds the invoice: nowhere, the default segment, or another one. */
const world = fc.constantFrom('nowhere', 'default', 'other');

describe('find_invoice, for any input', () => {
  it('searches with the number and customer as given, in the right segments, or refuses before any request', async () => {
    const seen = { withCustomer: 0, withoutCustomer: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, world, async (input, held) => {
        const run = await runWithFakeZ(perform, input, (request) => {
          if (request.url === `${LIVE}/v1/Customer`) {
            return {
              status: 200,
              data: { ...JOHN_DOE, ReferenceCustomer: request.params.ReferenceCustomer },
            };
          }
          if (request.url === `${BACKOFFICE}/Organization/Segments`) {
            return {
              status: 200,
              data: {
                TotalItems: 2,
                Items: [{ ReferenceSegment: 'demo-eur' }, { ReferenceSegment: 'demo-usd' }],
              },
            };
          }
          const segment = request.params.ReferenceSegment;
          const here =
            held === 'default'
              ? segment === undefined || segment === 'demo-eur'
              : held === 'other' && segment === 'demo-usd';
          return here
            ? { status: 200, data: { ...JOHN_DOE_INVOICE, ReferenceCustomer: undefined } }
            : { status: 404 };
        });
        if (run.refused) {
          seen.refused += 1;
          return;
        }
        const { requests } = run;
        const lookups = requests.filter((request) => request.url === `${LIVE}/v1/Invoice`);
        for (const lookup of lookups) {
          expect(lookup.method).toBe('GET');
          expectSentAsGiven(lookup.params.FullNumber, input.FullNumber);
        }
        if (isBlank(input.ReferenceCustomer)) {
          // The default segment first, then each segment of the list until found.
          expect(lookups.map((lookup) => lookup.params.ReferenceSegment)).toEqual(
            held === 'default' ? [undefined] : [undefined, 'demo-eur', 'demo-usd'],
          );
          expect(run.result).toHaveLength(held === 'nowhere' ? 0 : 1);
          seen.withoutCustomer += 1;
          return;
        }
        const [customerLookup, invoiceLookup, ...rest] = requests;
        expect(rest).toEqual([]);
        expect(customerLookup?.url).toBe(`${LIVE}/v1/Customer`);
        expectReferenceSentAsGiven(
          customerLookup?.params.ReferenceCustomer,
          input.ReferenceCustomer,
        );
        // The customer's own segment, never the default by omission.
        expect(invoiceLookup?.params).toEqual({
          FullNumber: invoiceLookup?.params.FullNumber,
          ReferenceSegment: 'demo-eur',
        });
        expect(run.result).toHaveLength(held === 'default' ? 1 : 0);
        seen.withCustomer += 1;
      }),
      { numRuns: 1000 },
    );
    expect(seen.withCustomer).toBeGreaterThan(100);
    expect(seen.withoutCustomer).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
