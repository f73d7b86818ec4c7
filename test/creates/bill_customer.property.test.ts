import fc from 'fast-check';

import { perform } from '../../src/creates/bill_customer.js';
import { LIVE } from '../support/app.js';
import { mappedValue, valueOrRealistic } from '../support/arbitraries.js';
import { bundleWith, expectRefusedBeforeAnyRequest, fakeZ, outcomeOf } from '../support/fakeZ.js';
import { JOHN_DOE_INVOICE } from '../support/proabono.js';
import {
  expectSentAsGiven,
  expectValidReference,
  isBlank,
  mappedDate,
  mappedText,
} from '../support/sentText.js';

const value = mappedValue(mappedText, { text: 10, blank: 3, listLength: 2 });
const valueOr = valueOrRealistic(value, 2);
const yesNo = fc.oneof(
  fc.constantFrom(true, false, 'yes', 'no', 'TRUE', ' false ', '', null, undefined),
  value,
);

const inputData = fc.record(
  {
    ReferenceCustomer: valueOr('cust-42', ' cust-42 ', 'cust {{x}}', 'a&b'),
    NoteLocalized: valueOr('Purchase order PO-2026-118', 'PO {{42}} & 100%', ''),
    EnsureBillable: yesNo,
    ForceOffline: yesNo,
    DateStart: fc.oneof(mappedDate, fc.constantFrom(undefined)),
    DateEnd: fc.oneof(mappedDate, fc.constantFrom(undefined)),
  },
  { requiredKeys: ['ReferenceCustomer'] },
);

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KEYS = [
  'ReferenceCustomer',
  'NoteLocalized',
  'EnsureBillable',
  'ForceOffline',
  'DateStart',
  'DateEnd',
];

describe('bill_customer, for any input', () => {
  it('sends one bill with every value as given, or refuses before any request', async () => {
    const seen = { sent: 0, refused: 0, withNote: 0, withDates: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, async (input) => {
        const { z, requests } = fakeZ(() => ({ status: 200, data: JOHN_DOE_INVOICE }));
        const outcome = await outcomeOf(() => perform(z, bundleWith(input)));
        if ('error' in outcome) {
          expectRefusedBeforeAnyRequest(outcome.error, requests);
          seen.refused += 1;
          return;
        }
        expect(requests).toHaveLength(1);
        const [request] = requests;
        expect(request?.method).toBe('POST');
        expect(request?.url).toBe(`${LIVE}/v1/Billing/Customer`);
        expect(request?.params).toEqual({});
        const body = request?.body as Record<string, unknown>;
        expect(Object.keys(body)).toEqual(KEYS.filter((key) => key in body));
        expectSentAsGiven(body.ReferenceCustomer, input.ReferenceCustomer);
        expectValidReference(body.ReferenceCustomer);
        if (isBlank(input.NoteLocalized)) expect(body).not.toHaveProperty('NoteLocalized');
        else {
          expectSentAsGiven(body.NoteLocalized, input.NoteLocalized);
          seen.withNote += 1;
        }
        expect(typeof body.EnsureBillable).toBe('boolean');
        expect(typeof body.ForceOffline).toBe('boolean');
        for (const key of ['DateStart', 'DateEnd'] as const) {
          const given = input[key];
          if (isBlank(given)) {
            expect(body).not.toHaveProperty(key);
            continue;
          }
          expect(body[key]).toMatch(ISO_UTC);
          // A date and time with its zone is the same instant, to the millisecond.
          if (typeof given === 'string' && /T.*(?:Z|[+-]\d{2}:\d{2})$/.test(given.trim())) {
            expect(Date.parse(body[key] as string)).toBe(Date.parse(given.trim()));
          }
          seen.withDates += 1;
        }
        if (typeof body.DateStart === 'string' && typeof body.DateEnd === 'string') {
          expect(body.DateStart <= body.DateEnd).toBe(true);
        }
        expect(outcome.result).toMatchObject({ id: JOHN_DOE_INVOICE.Id });
        seen.sent += 1;
      }),
      { numRuns: 1000 },
    );
    expect(seen.sent).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.withNote).toBeGreaterThan(50);
    expect(seen.withDates).toBeGreaterThan(50);
  });
});
