import { userError } from '../api/errorFactories.js';

/*
 * Reading Zapier input values. Whatever a field's type, a mapped value may arrive as a number
 * (spreadsheets), a boolean, a list or an object (line items, JSON from a code step), so every
 * operation reads `unknown` and says clearly what it cannot use, before any request.
 */

/** The error a user gets for input they can fix; it never reaches ProAbono. */
export const invalidInput = (message: string): Error => userError(message, 'invalid_input');

const describeKind = (value: unknown): string => {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return 'a number that is not finite';
  return typeof value === 'object' ? 'an object' : `a value of type ${typeof value}`;
};

/** Tabs and line breaks: inside a value, each run of them becomes one space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** The other control characters (Unicode Cc), which no field means to hold: removed. */
const CONTROLS = /\p{Cc}/gu;
/**
 * Whitespace and the zero-width characters that copy-paste leaves at the ends of a value. Direction
 * marks and variation selectors are not trimmed: at the end of RTL text or an emoji they change
 * how it shows.
 */
const EDGE = /[\s\u200B-\u200D\u2060\u180E]/;
/** Characters that show nothing, alone: a value made only of them and whitespace is blank. */
const INVISIBLE_ONLY = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;

/**
 * A text value as every operation uses it: control characters removed, tabs and line breaks
 * turned into a space, whitespace and zero-width characters trimmed from the ends. Every visible
 * character (accents, emoji, CJK, RTL text) is kept byte for byte, and so are the invisible ones
 * inside a value, which join emoji and Persian letters.
 */
export const cleanText = (text: string): string => {
  const flat = text.replace(BREAKS, ' ').replace(CONTROLS, '');
  // Walked by hand: a `\s+$` pattern retries from every character of a long run, which is
  // quadratic on a mapped megabyte of spaces. Every edge character is a single UTF-16 unit.
  let end = flat.length;
  while (end > 0 && EDGE.test(flat.charAt(end - 1))) end -= 1;
  let start = 0;
  while (start < end && EDGE.test(flat.charAt(start))) start += 1;
  return flat.slice(start, end);
};

/**
 * The digits of a mapped number, when they are the ones the user's data held. A reference or a
 * phone number longer than 15 or 16 digits reaches the app as a number already rounded
 * (12345678901234567890 arrives as 12345678901234567000), and a number JavaScript writes with an
 * exponent (1e21, 1e-7) is not the text anyone typed: both are refused rather than sent.
 */
const exactNumberText = (value: number, label: string): string => {
  const text = String(value);
  if ((Number.isInteger(value) && !Number.isSafeInteger(value)) || /e/i.test(text)) {
    throw invalidInput(
      `${label} received the number ${text}, which does not hold the exact digits it was ` +
        `given: a number of more than 15 digits is rounded on the way, and a very large or ` +
        `small one is written with an exponent. Map it as text (in a spreadsheet, format the ` +
        `column as text; in a Code step, return it as a string).`,
    );
  }
  return text;
};

/**
 * The cleaned text of a single-value field (see `cleanText`), or `undefined` when it is missing or
 * shows nothing (blank, or only invisible characters such as a zero-width space).
 * Numbers and booleans become their text (a ZIP code 75008 mapped from a spreadsheet); a number
 * that no longer holds its exact digits is refused.
 */
export const optionalText = (value: unknown, label: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (typeof value === 'number' && Number.isFinite(value))
    text = exactNumberText(value, label);
  else {
    throw invalidInput(
      `${label} must be a single text value, but it received ${describeKind(value)}. ` +
        `Map one value into ${label}.`,
    );
  }
  const cleaned = cleanText(text);
  return INVISIBLE_ONLY.test(cleaned) ? undefined : cleaned;
};

/** The words of a name, without case or accents: `Royaume-Uni` -> `royaume`, `uni`; `U.S.A.` -> `usa`. */
export const looseWords = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');

/**
 * Compares names the way a person reads them: no case, no accents, no spaces or punctuation, so
 * `Royaume-Uni`, `royaume uni`, `U.S.A.` and `Großbritannien` meet their table entries.
 */
export const looseKey = (text: string): string => looseWords(text).join('');
