import fc from 'fast-check';

import { ADDRESS_FIELD_KEYS } from '../../src/api/addressFieldKeys.js';
import { perform } from '../../src/creates/update_customer_billing_address.js';
import { ADDRESS_FIELD_LABELS } from '../../src/fields/labels.js';
import { runWithFakeZ, theOnlyRequest } from '../support/fakeZ.js';
import { LIVE } from '../support/app.js';
import { mappedValue, valueOrRealistic } from '../support/arbitraries.js';
import {
  expectCleanText,
  expectReferenceSentAsGiven,
  expectSentAsGiven,
  isBlank,
} from '../support/sentText.js';

/** Invisible and control characters, with visible ones to keep: what copy-paste leaves behind. */
const tricky = fc.string({
  unit: fc.constantFrom(
    ...['a', 'é', '😀', '\u05D0', ' ', ',', '\t', '\n', '\r', '\u0000', '\u0007', '\u0085'],
    ...['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u202E', '\u2028', '\uFE0F'],
  ),
  maxLength: 8,
});

/** Texts as people and spreadsheets produce them: unicode, padding, blanks, commas, invisibles. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'grapheme' }).map((s) => `  ${s}\t`),
  fc.string({ unit: 'binary' }),
  tricky,
  fc.constantFrom('', ' ', '\n\t ', 'Paris', ' 75008 ', 'a, b', '∅', '名前'),
  fc.constantFrom('\u200B', '\u0000', '\u200C\u200D', ' \u200B\t\u0007 ', 'Par\u0000is', 'L1\nL2'),
);

const value = mappedValue(text, { text: 16, blank: 4, listLength: 3, bigInts: true });

const valueOr = valueOrRealistic(value, 1);

const fieldName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ADDRESS_FIELD_KEYS) },
  { weight: 6, arbitrary: fc.constantFrom(...Object.values(ADDRESS_FIELD_LABELS)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('city', 'ZIP CODE', ' phone ', 'Email', 'Street', '', ','),
  },
  { weight: 1, arbitrary: text },
);

const clearFields = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(undefined, null, [], '') },
  {
    weight: 3,
    arbitrary: fc.array(
      fc.oneof({ weight: 9, arbitrary: fieldName }, { weight: 1, arbitrary: value }),
      { maxLength: 3 },
    ),
  },
  { weight: 2, arbitrary: fc.array(fieldName, { maxLength: 3 }).map((names) => names.join(', ')) },
  { weight: 1, arbitrary: value },
);

const inputData = fc.record(
  {
    ReferenceCustomer: valueOr('cust-42', ' cust-42 ', 'a&b=c/é ?', '12345', '😀'.repeat(26)),
    Company: valueOr('ACME SAS', ''),
    FirstName: valueOr('Zoë', ''),
    LastName: valueOr("O'Brien", ''),
    AddressLine1: valueOr('1 rue de Rivoli', ''),
    AddressLine2: valueOr('', '  '),
    ZipCode: valueOr('75008', '69002'),
    City: valueOr('Paris', ' '),
    Country: valueOr('FR', 'fra', 'France', 'Deutschland', 'España', '', 'Atlantis', 'us'),
    Region: valueOr('CA', 'fr-75', 'Île-de-France', 'BY'),
    Phone: valueOr('01 02 03 04 05', '+1 415-555-2671', '12345', '030 123456'),
    TaxInformation: valueOr(
      'FR40303265045',
      'FR40303265046',
      'GB980780684',
      'DE GmbH',
      'atu12011204',
    ),
    clear_fields: clearFields,
  },
  // The reference may still be blank or odd; a missing one would drown the other cases.
  { requiredKeys: ['ReferenceCustomer'] },
);

const PLAIN_FIELDS = ['Company', 'FirstName', 'LastName', 'AddressLine1', 'AddressLine2', 'City'];

describe('update_customer_billing_address, for any input', () => {
  it('sends exactly one well-formed request, or refuses with an AppError before any', async () => {
    const seen = { sent: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, async (input) => {
        const run = await runWithFakeZ(perform, input, (request) => ({
          status: 200,
          data: {
            ...Object.fromEntries(ADDRESS_FIELD_KEYS.map((k) => [k, null])),
            ...(request.body as object),
          },
        }));
        if (run.refused) {
          seen.refused += 1;
          return;
        }

        const request = theOnlyRequest(run.requests, 'POST', `${LIVE}/v1/CustomerAddressBilling`);
        const reference = request.params.ReferenceCustomer;
        expect(Object.keys(request.params)).toEqual(['ReferenceCustomer']);
        expectReferenceSentAsGiven(reference, input.ReferenceCustomer);

        const body = request.body as Record<string, unknown>;
        const keys = Object.keys(body);
        expect(keys.length).toBeGreaterThan(0);
        // Only the eleven fields, in ProAbono's order.
        expect(keys).toEqual(ADDRESS_FIELD_KEYS.filter((key) => key in body));
        for (const key of keys) {
          const sent = body[key];
          const given = (input as Record<string, unknown>)[key];
          if (sent === '') {
            // Cleared on purpose: only a field left blank, with Fields to Clear given.
            expect(isBlank(given)).toBe(true);
            expect(isBlank(input.clear_fields)).toBe(false);
          } else {
            expect(isBlank(given)).toBe(false);
            // Plain text keeps every visible character; the others are normalised (country...).
            if (PLAIN_FIELDS.includes(key) && typeof given === 'string') {
              expectSentAsGiven(sent, given);
            } else expectCleanText(sent);
          }
        }
        // A filled field is never dropped.
        for (const key of ADDRESS_FIELD_KEYS) {
          if (!isBlank((input as Record<string, unknown>)[key])) expect(keys).toContain(key);
        }
        expect(run.result).toMatchObject({ id: reference, ReferenceCustomer: reference });
        seen.sent += 1;
      }),
      { numRuns: 1000 },
    );
    // Both branches must be exercised for the property to mean anything.
    expect(seen.sent).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
