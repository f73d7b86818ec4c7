import { quoted } from '../quoted.js';
import { invalidInput, optionalText } from './input.js';

/*
 * Dates a user gives a step: what a Zapier date field sends (ISO 8601, with the Zap's time zone
 * offset), a date typed or mapped as ISO 8601, and Zapier's human dates such as
 * `{{zap_meta_human_now}}` (RFC 2822: `Tue, 01 Dec 2026 09:30:00 +0100`). Anything else is refused
 * before any request: `Date.parse` would also take "1" or "March 7" and guess a year and a zone.
 * ProAbono receives the same instant in UTC, ISO 8601.
 */

/** Which end of a day a date without a time stands for. */
type DayEnd = 'start' | 'end';

const ISO =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[T ](?<hours>\d{2}):(?<minutes>\d{2})(?::(?<seconds>\d{2})(?:[.,](?<fraction>\d+))?)?(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC_2822 =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun),\s*)?(?<day>\d{1,2})\s+(?<month>[a-z]{3})\s+(?<year>\d{4})\s+(?<hours>\d{2}):(?<minutes>\d{2})(?::(?<seconds>\d{2}))?\s+(?<zone>[+-]\d{4}|gmt|ut|utc|z)$/i;

const MINUTE_MS = 60_000;

/** Minutes east of UTC of `Z`, `GMT`, `+01:00`, `+0100` or `+01`; `undefined` when out of range. */
const offsetMinutes = (zone: string | undefined): number | undefined => {
  if (zone === undefined || /^(?:z|gmt|ut|utc)$/i.test(zone)) return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
}

/** The instant, or `undefined` when a part is out of range (31 Feb, 25:00): no rolling over. */
const instant = (parts: Parts, offset: number | undefined): Date | undefined => {
  if (offset === undefined) return undefined;
  const { year, month, day, hours, minutes, seconds, milliseconds } = parts;
  const local = new Date(Date.UTC(year, month, day, hours, minutes, seconds, milliseconds));
  local.setUTCFullYear(year);
  const real =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hours &&
    local.getUTCMinutes() === minutes &&
    local.getUTCSeconds() === seconds;
  return real ? new Date(local.getTime() - offset * MINUTE_MS) : undefined;
};

const parse = (text: string, dayEnd: DayEnd): Date | undefined => {
  const iso = ISO.exec(text)?.groups;
  if (iso) {
    const dateOnly = iso.hours === undefined;
    const end = dateOnly && dayEnd === 'end';
    return instant(
      {
        year: Number(iso.year),
        month: Number(iso.month) - 1,
        day: Number(iso.day),
        hours: end ? 23 : Number(iso.hours ?? '0'),
        minutes: end ? 59 : Number(iso.minutes ?? '0'),
        seconds: end ? 59 : Number(iso.seconds ?? '0'),
        // ProAbono keeps milliseconds: finer digits (Zapier sends microseconds) are dropped.
        milliseconds: end ? 999 : Number((iso.fraction ?? '').slice(0, 3).padEnd(3, '0')),
      },
      offsetMinutes(iso.zone),
    );
  }
  const rfc = RFC_2822.exec(text)?.groups;
  if (rfc) {
    const month = MONTHS.indexOf((rfc.month ?? '').toLowerCase());
    if (month < 0) return undefined;
    return instant(
      {
        year: Number(rfc.year),
        month,
        day: Number(rfc.day),
        hours: Number(rfc.hours),
        minutes: Number(rfc.minutes),
        seconds: Number(rfc.seconds ?? '0'),
        milliseconds: 0,
      },
      offsetMinutes(rfc.zone),
    );
  }
  return undefined;
};

/**
 * An optional date input as ISO 8601 in UTC (`2026-12-01T08:30:00.000Z`), or `undefined` when
 * blank. Without a time zone the time is UTC; a date without a time is the start of that day in
 * UTC, or its last millisecond for `dayEnd: 'end'` (an end date includes its whole day).
 */
export const optionalDate = (value: unknown, label: string, dayEnd: DayEnd): string | undefined => {
  const text = optionalText(value, label);
  if (text === undefined) return undefined;
  const date = parse(text, dayEnd);
  if (date === undefined) {
    throw invalidInput(
      `${label} ${quoted(text)} is not a date. Use ISO 8601, such as 2026-12-01 or ` +
        '2026-12-01T09:30:00+01:00 (without a time zone, the time is UTC), or a date such as ' +
        'Tue, 01 Dec 2026 09:30:00 +0100.',
    );
  }
  return date.toISOString();
};
