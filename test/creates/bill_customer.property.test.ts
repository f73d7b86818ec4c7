import fc from 'fast-check';

import { perform } from '../../src/creates/bill_customer.js';
import { LIVE } from '../support/app.js';
import { runWithFakeZ, theOnlyRequest } from '../support/fakeZ.js';
import { JOHN_DOE_INVOICE } from '../support/proabono.js';
import {
  expectReferenceSentAsGiven,
  expectSentAsGiven,
  isBlank,
  mappedDate,
  mappedFieldOr,
  mappedYesNo,
} from '../support/sentText.js';

/** The step's fields, in the order of ProAbono's body. */
const FIELDS = {
  ReferenceCustomer: mappedFieldOr('cust-42', ' cust-42 ', 'cust {{x}}', 'a&b'),
  NoteLocalized: mappedFieldOr('Purchase order PO-2026-118', 'PO {{42}} & 100%', ''),
  EnsureBillable: mappedYesNo(1),
  ForceOffline: mappedYesNo(1),
  DateStart: fc.oneof(mappedDate, fc.constantFrom(undefined)),
  DateEnd: fc.oneof(mappedDate, fc.constantFrom(undefined)),
};
const KEYS = Object.keys(FIELDS);

const inputData = fc.record(FIELDS, { requiredKeys: ['ReferenceCustomer'] });

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('bill_customer, for any input', () => {
  it('sends one bill with every value as given, or refuses before any request', async () => {
    const seen = { sent: 0, refused: 0, withNote: 0, withDates: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, async (input) => {
        const run = await runWithFakeZ(perform, input, () => ({
          status: 200,
          data: JOHN_DOE_INVOICE,
        }));
        if (run.refused) {
          seen.refused += 1;
          return;
        }
        const request = theOnlyRequest(run.requests, 'POST', `${LIVE}/v1/Billing/Customer`);
        expect(request.params).toEqual({});
        const body = request.body as Record<string, unknown>;
        expect(Object.keys(body)).toEqual(KEYS.filter((key) => key in body));
        expectReferenceSentAsGiven(body.ReferenceCustomer, input.ReferenceCustomer);
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
        expect(run.result).toMatchObject({ id: JOHN_DOE_INVOICE.Id });
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
