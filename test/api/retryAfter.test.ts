import { retryAfterSeconds } from '../../src/api/retryAfter.js';

/** The clock the Retry-After tables read their headers at. */
const RETRY_NOW = Date.parse('2026-11-25T10:00:00Z');

/** One table of Retry-After headers and the seconds they give at RETRY_NOW. */
const retryAfterTable = (title: string, table: [header: string | undefined, seconds: number][]) => {
  it.each(table)(title, (header, seconds) => {
    expect(retryAfterSeconds(header, RETRY_NOW)).toBe(seconds);
  });
};

retryAfterTable('Retry-After %j -> %i seconds', [
  [undefined, 60],
  ['', 60],
  ['0', 5],
  ['120', 120],
  ['soon', 60],
  ['Wed, 25 Nov 2026 10:00:30 GMT', 30],
  ['Wed, 25 Nov 2026 09:00:00 GMT', 5],
]);

describe('Retry-After, read as RFC 9110 writes it', () => {
  retryAfterTable('delay %j -> %i seconds', [
    // delay-seconds is a non-negative integer; a fraction is rounded up to the next second.
    [' 7 ', 7],
    ['7.5', 8],
    ['6.01', 7],
    ['6.0', 6],
    // Never less than 5 seconds: 0 would ask again at once, into the same limit.
    ['0', 5],
    ['00', 5],
    ['0.0', 5],
    ['0.2', 5],
    ['1', 5],
    ['4.5', 5],
    ['5', 5],
    // Negative or not a number at all: the default, not "now".
    ['-5', 60],
    ['-0', 60],
    ['+5', 60],
    ['1e3', 60],
    ['.5', 60],
    ['5 seconds', 60],
    ['0x10', 60],
    ['12, 30', 60],
    // Capped at an hour.
    ['3600', 3600],
    ['3601', 3600],
    ['999999999', 3600],
    ['99999999999999999999999', 3600],
    ['86400.5', 3600],
  ]);

  retryAfterTable('date %j -> %i seconds', [
    // The three HTTP-date forms a recipient must accept.
    ['Wed, 25 Nov 2026 10:00:30 GMT', 30],
    ['Wednesday, 25-Nov-26 10:00:30 GMT', 30],
    ['Wed Nov 25 10:00:30 2026', 30],
    ['Wed Nov  5 10:00:30 2026', 5],
    // Now, a moment ahead or already past (the clocks differ): the shortest wait, 5 seconds.
    ['Wed, 25 Nov 2026 10:00:00 GMT', 5],
    ['Wed, 25 Nov 2026 10:00:01 GMT', 5],
    ['Wed, 25 Nov 2026 09:59:59 GMT', 5],
    ['Tue, 24 Nov 2026 10:00:00 GMT', 5],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 5],
    // Far ones are capped at an hour.
    ['Thu, 26 Nov 2026 10:00:00 GMT', 3600],
    ['Fri, 31 Dec 9999 23:59:59 GMT', 3600],
    // Other date texts are not HTTP-dates, however readable.
    ['2026-11-25T10:00:30Z', 60],
    ['25 Nov 2026 10:00:30', 60],
    ['Wed, 31 Feb 2026 10:00:30 GMT', 60],
    ['Wed, 25 Nov 2026 25:00:30 GMT', 60],
    ['Wed, 25 Nov 2026 10:00:30 CET', 60],
  ]);
});
