import fc from 'fast-check';

import { perform } from '../../src/creates/create_customer.js';
import { bundleWith, fakeZ, outcomeOf, expectRefusedBeforeAnyRequest } from '../support/fakeZ.js';
import { LIVE } from '../support/app.js';
import { mappedValue, valueOrRealistic } from '../support/arbitraries.js';

/** Invisible and control characters, with visible ones to keep: what copy-paste leaves behind. */
const tricky = fc.string({
  unit: fc.constantFrom(
    ...['a', '@', '.', '😀', ' ', '\t', '\n', '\u0000', '\u001B', '\u0085'],
    ...['\u200B', '\u200D', '\u2060', '\uFEFF', '\u200F', '\u2028', '\uFE0F'],
  ),
  maxLength: 12,
});
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => ` ${s}\n`),
  fc.string({ unit: 'binary', maxLength: 60 }),
  tricky,
  fc.constantFrom(
    '',
    '   ',
    'a&b',
    'x'.repeat(51),
    'é'.repeat(50),
    '😀'.repeat(25),
    '😀'.repeat(26),
  ),
  fc.constantFrom('\u200B', '\u0000\u2060', '\uFEFFcust-42\u200B', 'john@doe.com\u200B'),
  // Half an emoji, as text cut at a fixed length leaves it: never sent, whichever field holds it.
  fc.constantFrom('Paris \uD83D', '\uDE00 ACME', 'cust-\uD83D', 'a\uDC00b'),
);
const value = mappedValue(text, { text: 10, blank: 3, listLength: 2 });
const valueOr = valueOrRealistic(value, 2);

const inputData = fc.record(
  {
    ReferenceCustomer: valueOr('cust-42', ' cust-42 ', '12345', 'john.doe@acme'),
    Name: valueOr('John Doe', ''),
    Email: fc.oneof(value, fc.emailAddress(), fc.constantFrom('', 'john.doe@example.com')),
    Language: valueOr('en', 'FR', 'en_us', 'pt-BR', '', 'english'),
    ReferenceSegment: valueOr('demo-eur', '', 'a=b'),
    ReferenceAffiliation: valueOr('partner-17', '', 'a&b'),
    Metadata: fc.oneof(
      { weight: 1, arbitrary: value },
      {
        weight: 1,
        arbitrary: fc.dictionary(fc.oneof(text, fc.constantFrom('crm_id', 'source')), value, {
          maxKeys: 7,
        }),
      },
      { weight: 4, arbitrary: fc.constantFrom(undefined, {}, { crm_id: ' 4711 ', source: '' }) },
    ),
    City: valueOr('Paris', ' Lyon ', ''),
    Country: valueOr('FR', 'france', 'DEU', '', 'Atlantis'),
    Phone: valueOr('+33 1 02 03 04 05', '01 02 03 04 05', ''),
    TaxInformation: valueOr('FR40303265045', 'FR00000000000', ''),
  },
  { requiredKeys: ['ReferenceCustomer'] },
);

const CUSTOMER_KEYS = [
  'ReferenceCustomer',
  'Name',
  'Email',
  'Language',
  'ReferenceSegment',
  'ReferenceAffiliation',
  'Metadata',
];
const ADDRESS_KEYS = ['City', 'Country', 'Phone', 'TaxInformation'];

/** Half the inputs are a sign-up without any address field. */
const anyInput = fc
  .tuple(inputData, fc.boolean())
  .map(([input, withoutAddress]) =>
    withoutAddress
      ? Object.fromEntries(Object.entries(input).filter(([key]) => !ADDRESS_KEYS.includes(key)))
      : input,
  );

const expectTrimmedTexts = (body: Record<string, unknown>) => {
  for (const sent of Object.values(body)) {
    expect(typeof sent).toBe('string');
    expect((sent as string).isWellFormed()).toBe(true);
    expect(sent).toBe((sent as string).trim());
    // Never blank, never only invisible characters, never a control character.
    expect(sent).not.toMatch(/^[\s\p{Default_Ignorable_Code_Point}]*$/u);
    expect(sent).not.toMatch(/\p{Cc}|^[\u200B-\u200D\u2060]|[\u200B-\u200D\u2060]$/u);
  }
};

describe('create_customer, for any input', () => {
  it('looks up, creates, and sets the address only when one is filled in, or refuses before any request', async () => {
    const seen = { withAddress: 0, withoutAddress: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const { z, requests } = fakeZ((request) =>
          request.method === 'GET'
            ? { status: 404 }
            : {
                status: request.url.endsWith('/v1/Customer') ? 201 : 200,
                data: { Id: 9, ...(request.body as object) },
              },
        );
        const outcome = await outcomeOf(() => perform(z, bundleWith(input)));

        if ('error' in outcome) {
          expectRefusedBeforeAnyRequest(outcome.error, requests);
          seen.refused += 1;
          return;
        }

        const [lookup, create, address, ...more] = requests;
        expect(more).toEqual([]);
        const body = create?.body as Record<string, unknown>;
        const reference = body.ReferenceCustomer as string;
        expect(lookup).toEqual({
          method: 'GET',
          url: `${LIVE}/v1/Customer`,
          params: { ReferenceCustomer: reference },
          body: undefined,
        });
        expect(create?.method).toBe('POST');
        expect(create?.url).toBe(`${LIVE}/v1/Customer`);
        expect(create?.params).toEqual({});
        expect(Object.keys(body).every((key) => CUSTOMER_KEYS.includes(key))).toBe(true);
        const { Metadata: metadata, ...texts } = body;
        expectTrimmedTexts(texts);
        if (metadata !== undefined) {
          const pairs = metadata as Record<string, unknown>;
          expect(Object.keys(pairs).length).toBeGreaterThan(0);
          expect(Object.keys(pairs).length).toBeLessThanOrEqual(5);
          expectTrimmedTexts(Object.fromEntries(Object.keys(pairs).map((name) => [name, name])));
          expectTrimmedTexts(pairs);
          for (const pair of Object.values(pairs))
            expect((pair as string).length).toBeLessThanOrEqual(450);
        }
        // ProAbono counts UTF-16 units, as JavaScript's length does.
        expect(reference.length).toBeLessThanOrEqual(50);
        expect(reference).not.toMatch(/[<>;"=?&]/);
        if (body.Email !== undefined) expect(body.Email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
        if (body.Language !== undefined) expect(body.Language).toMatch(/^[a-z]{2}(-[A-Z]{2})?$/);

        if (address === undefined) {
          // No address request unless a field is filled in, and then the record's address is empty.
          const fields: Record<string, unknown> = input;
          const filled = ADDRESS_KEYS.map((key) => fields[key]).filter(
            (given) =>
              given !== undefined &&
              given !== null &&
              // Blank: nothing but whitespace, invisible and control characters.
              !(
                typeof given === 'string' &&
                /^[\s\p{Default_Ignorable_Code_Point}\p{Cc}]*$/u.test(given)
              ),
          );
          expect(filled).toEqual([]);
          expect(outcome.result).toMatchObject({ City: null, Country: null, CountryName: null });
          seen.withoutAddress += 1;
        } else {
          expect(address.method).toBe('POST');
          expect(address.url).toBe(`${LIVE}/v1/CustomerAddressBilling`);
          expect(address.params).toEqual({ ReferenceCustomer: reference });
          const sent = address.body as Record<string, unknown>;
          expect(Object.keys(sent).length).toBeGreaterThan(0);
          expect(Object.keys(sent).every((key) => ADDRESS_KEYS.includes(key))).toBe(true);
          expectTrimmedTexts(sent);
          if (sent.Country !== undefined) expect(sent.Country).toMatch(/^[A-Z]{2}$/);
          expect(outcome.result).toMatchObject({
            City: sent.City ?? null,
            Country: sent.Country ?? null,
          });
          seen.withAddress += 1;
        }
        expect(outcome.result).toMatchObject({
          id: reference,
          IdCustomer: 9,
          ReferenceCustomer: reference,
        });
      }),
      { numRuns: 1000 },
    );
    expect(seen.withAddress).toBeGreaterThan(30);
    expect(seen.withoutAddress).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
