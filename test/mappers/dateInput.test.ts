import fc from 'fast-check';

import { optionalDate } from '../../src/mappers/dateInput.js';
import { notADate, notSingleText } from '../support/errors.js';

const LABEL = 'Start Date';

/** The message the mapper's error carries: z.errors.Error JSON-encodes message and code. */
const refusal = (value: unknown, dayEnd: 'start' | 'end' = 'start') => {
  try {
    optionalDate(value, LABEL, dayEnd);
  } catch (error) {
    return JSON.parse((error as Error).message) as { message: string; code: string };
  }
  throw new Error('expected a refusal');
};

describe('optionalDate', () => {
  it.each([
    // What a Zapier date field sends: ISO 8601 with the Zap's offset.
    ['2026-12-01T09:30:00+01:00', '2026-12-01T08:30:00.000Z'],
    ['2026-12-01T09:30:00-05:00', '2026-12-01T14:30:00.000Z'],
    ['2026-12-01T09:30:00Z', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01t09:30:00z', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01T09:30:00.123456+00:00', '2026-12-01T09:30:00.123Z'],
    ['2026-12-01T09:30:00,5Z', '2026-12-01T09:30:00.500Z'],
    ['2026-12-01T09:30+0130', '2026-12-01T08:00:00.000Z'],
    ['2026-12-01T09:30:00+01', '2026-12-01T08:30:00.000Z'],
    ['2026-12-01 09:30:00', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    // Zapier's human dates ({{zap_meta_human_now}}) and other RFC 2822 dates.
    ['Tue, 01 Dec 2026 09:30:00 +0100', '2026-12-01T08:30:00.000Z'],
    ['1 Dec 2026 09:30 GMT', '2026-12-01T09:30:00.000Z'],
    ['Tue, 1 dec 2026 09:30:00 -0800', '2026-12-01T17:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %j as %s', (value, expected) => {
    expect(optionalDate(value, LABEL, 'start')).toBe(expected);
  });

  it('reads a date without a time as the last millisecond of that day for an end date', () => {
    expect(optionalDate('2026-12-31', LABEL, 'end')).toBe('2026-12-31T23:59:59.999Z');
    // A time, even midnight, is kept as given.
    expect(optionalDate('2026-12-31T00:00:00Z', LABEL, 'end')).toBe('2026-12-31T00:00:00.000Z');
  });

  it.each([undefined, null, '', '  ', '\u200B'])('reads %j as blank', (value) => {
    expect(optionalDate(value, LABEL, 'start')).toBeUndefined();
  });

  it.each([
    ['2026-02-30', '2026-02-30'],
    ['2025-02-29', '2025-02-29'],
    ['2026-12-01T24:00:00Z', '2026-12-01T24:00:00Z'],
    ['2026-12-01T09:60:00Z', '2026-12-01T09:60:00Z'],
    ['2026-12-01T09:30:00+25:00', '2026-12-01T09:30:00+25:00'],
    ['2026-13-01', '2026-13-01'],
    ['12/01/2026', '12/01/2026'],
    ['March 7', 'March 7'],
    ['1', '1'],
    ['tomorrow', 'tomorrow'],
    ['Tue, 01 Foo 2026 09:30:00 +0100', 'Tue, 01 Foo 2026 09:30:00 +0100'],
    [20261201, '20261201'],
  ])('refuses %j, naming the field and the accepted forms', (value, shown) => {
    expect(refusal(value)).toEqual({ code: 'invalid_input', message: notADate(LABEL, shown) });
  });

  it('refuses a list, as every text field does', () => {
    expect(refusal(['2026-12-01'])).toEqual({
      code: 'invalid_input',
      message: notSingleText('Start Date', 'a list'),
    });
  });

  it('gives the same instant as Date for any offset date-time it accepts', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-30'), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offset) => {
          const shifted = new Date(date.getTime() + offset * 60_000);
          const sign = offset < 0 ? '-' : '+';
          const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
          const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
          const text = `${shifted.toISOString().slice(0, 23)}${sign}${hours}:${minutes}`;
          expect(optionalDate(text, LABEL, 'start')).toBe(date.toISOString());
        },
      ),
    );
  });
});
