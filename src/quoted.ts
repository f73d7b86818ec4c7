/*
 * Text a user supplied, quoted back in a message: input errors and the actions API errors name.
 * Shared by the mappers and the API client, so it depends on neither.
 */

/** The most characters of a value quoted back in a message. */
const QUOTE_LENGTH = 60;
/** Characters that would break a message's line: each run becomes one space. */
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]+/gu;
/** Direction overrides and isolates, which would reorder the rest of the message. */
const DIRECTION_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/g;
const SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

const characterCount = (text: string): number =>
  text.length - (text.match(SURROGATE_PAIRS)?.length ?? 0);

/**
 * A value as an input error quotes it: in double quotes, on one line, and cut to 60 characters
 * (never inside an emoji) with its real length, so a mapped 1 MB text leaves the message readable.
 */
export const quoted = (value: string): string => {
  const flat = value.replace(DIRECTION_OVERRIDES, '').replace(LINE_BREAKING, ' ');
  // A character is at most two UTF-16 units: this slice holds the first QUOTE_LENGTH of them.
  const head = Array.from(flat.slice(0, 2 * QUOTE_LENGTH + 1));
  if (head.length <= QUOTE_LENGTH) return `"${flat}"`;
  const length = characterCount(value).toLocaleString('en-US');
  return `"${head.slice(0, QUOTE_LENGTH).join('')}…" (${length} characters)`;
};
