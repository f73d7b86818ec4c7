import fc from 'fast-check';

import { mappedValue, valueOrRealistic } from './arbitraries.js';

/*
 * What the billing steps' property tests check of a text a user gave and the step sent: the same
 * visible characters, cleaned the way every step cleans text (input.ts), nothing else changed.
 * Written out here, independently of the code under test.
 */

/** Whitespace, control characters and characters that show nothing alone. */
const INVISIBLE_ONLY = /^[\s\p{Cc}\p{Default_Ignorable_Code_Point}]*$/u;
/** Whitespace, control and zero-width characters: never at either end of a value sent. */
const SPACING = '\\s\\p{Cc}\\u200B-\\u200D\\u2060\\u180E';
const UNTRIMMED = new RegExp(`^[${SPACING}]|[${SPACING}]$`, 'u');
/** What a reader sees of a text, whatever its spacing and invisible characters. */
const visible = (text: string) => text.replace(new RegExp(`[${SPACING}]`, 'gu'), '');
/** A text the cleaning leaves alone, but for trimming. */
const plain = (text: string) => !/[\p{Cc}\u2028\u2029\u200B-\u200D\u2060\u180E]/u.test(text);

/** Whether a mapped value is blank for a step: missing, or nothing a reader would see. */
export const isBlank = (input: unknown) =>
  input === undefined ||
  input === null ||
  (typeof input === 'string' && INVISIBLE_ONLY.test(input));

/** `sent` is text as every step sends it: trimmed, not blank, no control character. */
export const expectCleanText = (sent: unknown): void => {
  expect(typeof sent).toBe('string');
  expect(sent).not.toMatch(UNTRIMMED);
  expect(sent).not.toMatch(INVISIBLE_ONLY);
  expect(sent).not.toMatch(/\p{Cc}/u);
};

/** `sent` is the text `given` as a step sends it: trimmed, cleaned, every visible character kept. */
export const expectSentAsGiven = (sent: unknown, given: unknown): void => {
  expectCleanText(sent);
  const text = sent as string;
  if (typeof given === 'string') {
    expect(visible(text)).toBe(visible(given));
    if (plain(given)) expect(text).toBe(given.trim());
  } else {
    expect(text).toBe(String(given));
  }
};

/** A reference as ProAbono takes it: at most 50 UTF-16 units, none of `< > ; " = ? &`. */
const expectValidReference = (sent: unknown): void => {
  expect((sent as string).length).toBeLessThanOrEqual(50);
  expect(sent).not.toMatch(/[<>;"=?&]/);
};

/** `sent` is the reference `given` as a step sends it, and one ProAbono takes. */
export const expectReferenceSentAsGiven = (sent: unknown, given: unknown): void => {
  expectSentAsGiven(sent, given);
  expectValidReference(sent);
};

/** Invisible and control characters, with visible ones to keep: what copy-paste leaves behind. */
const tricky = fc.string({
  unit: fc.constantFrom(
    ...['a', 'é', '😀', '\u05D0', ' ', '{', '}', '%', '&', '#', '+', '\t', '\n', '\u0000'],
    ...['\u200B', '\u200D', '\u2060', '\uFEFF', '\u200F', '\u2028', '\uFE0F'],
  ),
  maxLength: 10,
});

/** Texts as Zaps map them: any Unicode, padding, blanks, template braces, invisibles. */
export const mappedText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => ` ${s}\n`),
  fc.string({ unit: 'binary', maxLength: 40 }),
  tricky,
  fc.constantFrom('', '  ', '\u200B', '{{bundle.authData.apiKey}}', 'a b%20c', '😀'.repeat(26)),
);

/** Dates as a Zap maps them: each accepted form, and text that is none. */
export const mappedDate = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .chain((date) =>
      fc.constantFrom(
        date.toISOString(),
        date.toISOString().slice(0, 10),
        date.toISOString().replace('Z', '+00:00'),
        date.toISOString().replace('T', ' ').slice(0, 19),
        date.toUTCString(),
      ),
    ),
  fc.constantFrom('2026-12-01T09:30:00+01:00', '2026-02-30', 'tomorrow', '12/01/2026', ''),
  mappedText,
);

/** A billing step's field as a Zap maps it: mostly text, else a number, a blank, a list or an object. */
export const mappedField = mappedValue(mappedText, { text: 10, blank: 3, listLength: 2 });

/** A billing step's field: any mapped value, or one of the `realistic` texts, twice as often. */
export const mappedFieldOr = valueOrRealistic(mappedField, 2);

/** A yes/no field: the answers a step takes, and blanks, `weight` times as often as any other value. */
export const mappedYesNo = (weight: number) =>
  fc.oneof(
    {
      weight,
      arbitrary: fc.constantFrom(
        true,
        false,
        'yes',
        'no',
        'TRUE',
        'True',
        ' false ',
        '',
        null,
        undefined,
      ),
    },
    { weight: 1, arbitrary: mappedField },
  );
