/**
 * The one rule for what is empty in a record, so that every operation gives the same value for
 * the same field: text that shows nothing but whitespace is `null`, any other text is kept exactly
 * as ProAbono gave it, and anything that is not text is `null`.
 */
export const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;
