/*
 * How long a throttled step waits: ProAbono's `Retry-After` header read as RFC 9110 writes it, and
 * bounded to what reads as a real wait.
 */

/** The wait when ProAbono gives none, or one that cannot be read: ProAbono throttles per minute. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * The longest wait a `Retry-After` can ask for. ProAbono throttles per minute, so anything longer
 * is a misconfigured proxy or a typo; Zapier parks the run ("Waiting") meanwhile, and a run parked
 * for days looks lost to the person who owns the Zap. An hour outlasts any real rate-limit window.
 */
const MAX_RETRY_AFTER_SECONDS = 3600;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(?<month>${MONTHS.join('|')})`;
const TIME = '(?<hours>\\d{2}):(?<minutes>\\d{2}):(?<seconds>\\d{2})';
const DAY_NAME = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';

/** The three forms of HTTP-date that RFC 9110 has recipients accept. */
const HTTP_DATES = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  new RegExp(`^${DAY_NAME}, (?<day>\\d{2}) ${MONTH} (?<year>\\d{4}) ${TIME} GMT$`),
  // obsolete RFC 850 form: Sunday, 06-Nov-94 08:49:37 GMT
  new RegExp(
    `^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?<day>\\d{2})-${MONTH}-(?<year>\\d{2}) ${TIME} GMT$`,
  ),
  // obsolete asctime form: Sun Nov  6 08:49:37 1994
  new RegExp(`^${DAY_NAME} ${MONTH} (?<day>[ \\d]\\d) ${TIME} (?<year>\\d{4})$`),
];

/** The time an HTTP-date names, or `undefined` when the text is not one or names no real time. */
const parseHttpDate = (text: string, now: number): number | undefined => {
  const parts = HTTP_DATES.map((pattern) => pattern.exec(text)?.groups).find(Boolean);
  if (!parts) return undefined;
  const [day, month, hours, minutes, seconds] = [
    Number(parts.day),
    MONTHS.indexOf(parts.month ?? ''),
    Number(parts.hours),
    Number(parts.minutes),
    Number(parts.seconds),
  ];
  let year = Number(parts.year);
  // A two-digit year more than 50 years ahead is in the past century (RFC 9110 5.6.7).
  if (parts.year?.length === 2)
    year += year + 2000 > new Date(now).getUTCFullYear() + 50 ? 1900 : 2000;
  const time = Date.UTC(year, month, day, hours, minutes, seconds);
  // Date.UTC rolls 31 Feb over into March and 25:00 into the next day: such a date is unreadable.
  const date = new Date(time);
  const real =
    date.getUTCDate() === day &&
    date.getUTCHours() === hours &&
    date.getUTCMinutes() === minutes &&
    date.getUTCSeconds() === seconds;
  return real ? time : undefined;
};

/**
 * The shortest wait a `Retry-After` gives. `0`, or a date already past (ProAbono's clock and
 * Zapier's can differ by seconds), means "now"; but a step run again at once meets the same limit,
 * and a message saying "0 seconds" or a throttle of no delay reads as a fault. Five seconds lets a
 * per-second window pass and still reads as "right away".
 */
const MIN_RETRY_AFTER_SECONDS = 5;

/**
 * The seconds a `Retry-After` header asks to wait (RFC 9110 10.2.3): delay-seconds, a
 * non-negative integer, or an HTTP-date. A fraction waits until the next whole second; a negative
 * number or anything unreadable gets the default rather than "now", which would only hit the
 * limit again. The wait is at least 5 seconds (`0` and past dates included) and at most an hour.
 */
export const retryAfterSeconds = (header: string | null | undefined, now = Date.now()): number => {
  const text = header?.trim() ?? '';
  let seconds: number | undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) seconds = Math.ceil(Number(text));
  else {
    const date = parseHttpDate(text, now);
    if (date !== undefined) seconds = Math.ceil((date - now) / 1000);
  }
  return seconds === undefined
    ? DEFAULT_RETRY_AFTER_SECONDS
    : Math.min(Math.max(seconds, MIN_RETRY_AFTER_SECONDS), MAX_RETRY_AFTER_SECONDS);
};
