import { errors } from 'zapier-platform-core';

/**
 * Reading Zapier input values. Whatever a field's type, a mapped value may arrive as a number
 * (spreadsheets), a boolean, a list or an object (line items, JSON from a code step), so every
 * operation reads `unknown` and says clearly what it cannot use, before any request.
 */

/** The error a user gets for input they can fix; it never reaches ProAbono. */
export const invalidInput = (message: string): Error => new errors.Error(message, 'invalid_input');

const describeKind = (value: unknown): string => {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return 'a number that is not finite';
  return typeof value === 'object' ? 'an object' : `a value of type ${typeof value}`;
};

/**
 * The trimmed text of a single-value field, or `undefined` when it is blank or missing.
 * Finite numbers and booleans become their text (a ZIP code 75008 mapped from a spreadsheet).
 */
export const optionalText = (value: unknown, label: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else {
    throw invalidInput(
      `${label} must be a single text value, but it received ${describeKind(value)}. ` +
        `Map one value into ${label}.`,
    );
  }
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
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
