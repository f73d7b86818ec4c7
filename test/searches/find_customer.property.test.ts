import fc from 'fast-check';

import { perform } from '../../src/searches/find_customer.js';
import { bundleWith, fakeZ, outcomeOf, expectRefusedBeforeAnyRequest } from '../support/fakeZ.js';
import { BACKOFFICE, LIVE } from '../support/app.js';
import { mappedValue } from '../support/arbitraries.js';

/** Invisible and control characters, with visible ones to keep: what copy-paste leaves behind. */
const tricky = fc.string({
  unit: fc.constantFrom(
    ...['j', '@', '.', '😀', ' ', '\t', '\n', '\u0000', '\u007F'],
    ...['\u200B', '\u200C', '\u2060', '\uFEFF', '\u00AD', '\u2029'],
  ),
  maxLength: 12,
});
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }).map((s) => ` ${s} `),
  fc.string({ unit: 'binary' }),
  tricky,
  fc.constantFrom('', '  ', '\t', '\u200B', '\u0000\uFEFF', '😀'.repeat(26)),
);
const value = mappedValue(text, { text: 10, blank: 3, listLength: 2 });
const email = fc.oneof(
  { weight: 2, arbitrary: value },
  { weight: 3, arbitrary: fc.emailAddress() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'john@doe.com',
      ' John@Doe.com ',
      'john@doe',
      '',
      '\u200Bjohn@doe.com\u2060',
    ),
  },
);
const reference = fc.oneof(
  { weight: 3, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom('cust-42', 'a&b=c/é ?', 'cust fr/001+é#%', '\u200B') },
);

/** What ProAbono holds: whether the reference exists, and who the Backoffice lists for the email. */
const world = fc.record({
  referenceExists: fc.boolean(),
  listed: fc.array(
    fc.record({
      ReferenceCustomer: fc.string({ minLength: 1 }),
      Email: fc.oneof(
        fc.constantFrom('john@doe.com', 'JOHN@doe.com', 'bigjohn@doe.com'),
        fc.emailAddress(),
      ),
      DateUpdate: fc.option(fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
    }),
    { maxLength: 4 },
  ),
});

describe('find_customer, for any input', () => {
  it('looks up once (and reads the address only on a match), or refuses before any request', async () => {
    const seen = { found: 0, none: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.record({ ReferenceCustomer: reference, Email: email }, { requiredKeys: [] }),
        world,
        async (input, { referenceExists, listed }) => {
          const { z, requests } = fakeZ((request) => {
            if (request.url === `${LIVE}/v1/Customer`) {
              return referenceExists
                ? {
                    status: 200,
                    data: { Id: 7, ReferenceCustomer: request.params.ReferenceCustomer },
                  }
                : { status: 404 };
            }
            if (request.url === `${BACKOFFICE}/Distribution/Customers`) {
              return listed.length === 0
                ? { status: 204 }
                : { status: 200, data: { TotalItems: listed.length, Items: listed } };
            }
            return { status: 200, data: { City: 'Paris' } };
          });
          const outcome = await outcomeOf(() => perform(z, bundleWith(input)));

          if ('error' in outcome) {
            expectRefusedBeforeAnyRequest(outcome.error, requests);
            seen.refused += 1;
            return;
          }

          const results = outcome.result as Record<string, unknown>[];
          expect(Array.isArray(results)).toBe(true);
          expect(results.length).toBeLessThanOrEqual(1);
          const [lookup, addressRead, ...rest] = requests;
          expect(rest).toEqual([]);
          expect(lookup?.method).toBe('GET');
          if (lookup?.url === `${LIVE}/v1/Customer`) {
            const ref = lookup.params.ReferenceCustomer as string;
            expect(Object.keys(lookup.params)).toEqual(['ReferenceCustomer']);
            expect(ref).toBe(ref.trim());
            expect(ref).not.toMatch(/^[\s\p{Default_Ignorable_Code_Point}]*$/u);
            expect(ref).not.toMatch(/\p{Cc}|^[\u200B-\u200D\u2060]|[\u200B-\u200D\u2060]$/u);
            // ProAbono's reference rules: at most 50 UTF-16 units, none of < > ; " = ? &.
            expect(ref.length).toBeLessThanOrEqual(50);
            expect(ref).not.toMatch(/[<>;"=?&]/);
          } else {
            expect(lookup?.url).toBe(`${BACKOFFICE}/Distribution/Customers`);
            const sentEmail = lookup?.params.Email as string;
            expect(lookup?.params).toEqual({
              IdBusiness: '42',
              Email: sentEmail,
              SizePage: '100',
              Links: 'false',
            });
            expect(sentEmail).toMatch(/^\S+@\S+\.\S+$/);
            expect(sentEmail).not.toMatch(/\p{Cc}|^[\u200B-\u200D\u2060]|[\u200B-\u200D\u2060]$/u);
          }
          if (results.length === 0) {
            expect(addressRead).toBeUndefined();
            seen.none += 1;
          } else {
            const found = results[0] as { ReferenceCustomer: string; City: string };
            expect(addressRead).toEqual({
              method: 'GET',
              url: `${LIVE}/v1/CustomerAddressBilling`,
              params: { ReferenceCustomer: found.ReferenceCustomer },
              body: undefined,
            });
            expect(found.City).toBe('Paris');
            seen.found += 1;
          }
        },
      ),
      { numRuns: 1000 },
    );
    expect(seen.found).toBeGreaterThan(100);
    expect(seen.none).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
