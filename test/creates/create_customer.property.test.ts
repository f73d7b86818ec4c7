import fc from 'fast-check';

import { perform } from '../../src/creates/create_customer.js';
import { bundleWith, fakeZ, outcomeOf, expectRefusedBeforeAnyRequest } from '../fakeZ.js';
import { LIVE } from '../helpers.js';

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
);
const value = fc.oneof(
  { weight: 10, arbitrary: text },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean()) },
  { weight: 3, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.oneof(fc.array(text, { maxLength: 2 }), fc.object()) },
);
const valueOr = (...realistic: string[]) =>
  fc.oneof(
    { weight: 1, arbitrary: value },
    { weight: 2, arbitrary: fc.constantFrom(...realistic) },
  );

const inputData = fc.record(
  {
    ReferenceCustomer: valueOr('cust-42', ' cust-42 ', '12345', 'john.doe@acme'),
    Name: valueOr('John Doe', ''),
    Email: fc.oneof(value, fc.emailAddress(), fc.constantFrom('', 'john@doe.com')),
    Language: valueOr('en', 'FR', 'en_us', 'pt-BR', '', 'english'),
    ReferenceSegment: valueOr('demo-eur', '', 'a=b'),
  },
  { requiredKeys: ['ReferenceCustomer'] },
);

const ALLOWED = ['ReferenceCustomer', 'Name', 'Email', 'Language', 'ReferenceSegment'];

describe('create_customer, for any input', () => {
  it('sends exactly one well-formed upsert, or refuses with an AppError before any', async () => {
    const seen = { sent: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, fc.boolean(), async (input, isNew) => {
        const { z, requests } = fakeZ((request) => ({
          status: isNew ? 201 : 200,
          data: { Id: 9, Status: 'Enabled', ...(request.body as object) },
        }));
        const outcome = await outcomeOf(() => perform(z, bundleWith(input)));

        if ('error' in outcome) {
          expectRefusedBeforeAnyRequest(outcome.error, requests);
          seen.refused += 1;
          return;
        }

        expect(requests).toHaveLength(1);
        const [request] = requests;
        expect(request?.method).toBe('POST');
        expect(request?.url).toBe(`${LIVE}/v1/Customer`);
        expect(request?.params).toEqual({});
        const body = request?.body as Record<string, unknown>;
        expect(Object.keys(body).every((key) => ALLOWED.includes(key))).toBe(true);
        for (const sent of Object.values(body)) {
          expect(typeof sent).toBe('string');
          expect(sent).toBe((sent as string).trim());
          // Never blank, never only invisible characters, never a control character.
          expect(sent).not.toMatch(/^[\s\p{Default_Ignorable_Code_Point}]*$/u);
          expect(sent).not.toMatch(/\p{Cc}|^[\u200B-\u200D\u2060]|[\u200B-\u200D\u2060]$/u);
        }
        const reference = body.ReferenceCustomer as string;
        // ProAbono counts UTF-16 units, as JavaScript's length does.
        expect(reference.length).toBeLessThanOrEqual(50);
        expect(reference).not.toMatch(/[<>;"=?&]/);
        if (body.Email !== undefined) expect(body.Email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
        if (body.Language !== undefined) expect(body.Language).toMatch(/^[a-z]{2}(-[A-Z]{2})?$/);
        expect(outcome.result).toMatchObject({
          id: '9',
          ReferenceCustomer: reference,
          created: isNew,
        });
        seen.sent += 1;
      }),
      { numRuns: 1000 },
    );
    expect(seen.sent).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
