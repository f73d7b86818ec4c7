import fc from 'fast-check';

import { optionalText } from '../../src/mappers/input.js';
import { quoted } from '../../src/quoted.js';
import { thrownBy } from '../support/app.js';

const read = (value: unknown) => optionalText(value, 'City');

/** One table of values and what `read` makes of them, under a title that says why. */
const readsAs = (title: string, table: [value: string, expected: string][]) => {
  it.each(table)(title, (value, expected) => {
    expect(read(value)).toBe(expected);
  });
};

describe('optionalText with invisible and control characters', () => {
  it.each([
    ['a zero-width space', '\u200B'],
    ['a zero-width non-joiner', '\u200C'],
    ['a zero-width joiner', '\u200D'],
    ['a word joiner', '\u2060'],
    ['a byte order mark', '\uFEFF'],
    ['a NUL', '\u0000'],
    ['a bell and a delete', '\u0007\u007F'],
    ['C1 controls', '\u0080\u009B\u009F'],
    ['a soft hyphen', '\u00AD'],
    ['direction marks', '\u200E\u200F\u061C'],
    ['bidirectional embeddings and isolates', '\u202A\u202E\u2066\u2069'],
    ['a Hangul filler', '\u3164'],
    ['a lone variation selector', '\uFE0F'],
    ['invisible characters among whitespace', ' \u200B\t\u2060\n\u00A0\uFEFF\r\n'],
    ['line and paragraph separators', '\u2028\u2029'],
  ])('reads a value made only of %s as blank', (_kind, value) => {
    expect(read(value)).toBeUndefined();
  });

  readsAs('removes the control characters of %j', [
    ['Par\u0000is', 'Paris'],
    ['Pa\u0007ri\u001Bs\u007F', 'Paris'],
    ['Pa\u0080ri\u009Fs', 'Paris'],
    ['\u0000Paris\u0000', 'Paris'],
  ]);

  readsAs('turns the tabs and line breaks inside %j into one space', [
    ['1 rue de Rivoli\nBâtiment B', '1 rue de Rivoli Bâtiment B'],
    ['1 rue de Rivoli\r\nBâtiment B', '1 rue de Rivoli Bâtiment B'],
    ['1 rue de Rivoli\n\n\tBâtiment B', '1 rue de Rivoli Bâtiment B'],
    ['ACME\tSAS', 'ACME SAS'],
    ['ACME\u000B\u000CSAS', 'ACME SAS'],
    ['ACME\u0085SAS', 'ACME SAS'],
    ['ACME\u2028SAS', 'ACME SAS'],
    ['ACME \n SAS', 'ACME   SAS'],
  ]);

  readsAs('trims zero-width characters at the ends of %j like whitespace', [
    ['\u200BParis\u200B', 'Paris'],
    ['\uFEFFParis', 'Paris'],
    [' \u200C\u2060 Paris \u200D ', 'Paris'],
    ['Paris\u200B\n', 'Paris'],
  ]);

  it.each([
    ['accents', 'Zoë Ångström-Müller, Łódź'],
    ['decomposed accents', 'Zoe\u0308'],
    ['CJK', '東京都千代田区丸の内1-1'],
    ['Hebrew', 'רחוב הרצל 12, תל אביב'],
    ['Arabic with a direction mark inside', 'شارع\u200F 12'],
    ['emoji with joiners and variation selectors', '👩‍💻 ❤️ 👨‍👩‍👧‍👦'],
    ['a flag made of tag characters', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['a keycap', '1️⃣'],
    ['a Persian word with a non-joiner inside', 'می‌خواهم'],
    ['a zero-width space inside', 'ACME\u200BSAS'],
    ['a non-breaking space inside', '75\u00A0008'],
  ])('sends %s byte for byte', (_kind, value) => {
    expect(read(value)).toBe(value);
  });
});

describe('optionalText with a mapped megabyte', () => {
  it('trims a megabyte of whitespace and zero-width characters around a value', () => {
    const padding = ' \u200B\t'.repeat(350_000);
    expect(read(`${padding}Paris${padding}`)).toBe('Paris');
    expect(read(padding)).toBeUndefined();
  });
});

describe('optionalText with numbers', () => {
  const numberRefusal = (text: string) => ({
    name: 'AppError',
    code: 'invalid_input',
    message:
      `City received the number ${text}, which does not hold the exact digits it was given: a ` +
      'number of more than 15 digits is rounded on the way, and a very large or small one is ' +
      'written with an exponent. Map it as text (in a spreadsheet, format the column as text; ' +
      'in a Code step, return it as a string).',
  });

  it.each([
    [75008, '75008'],
    [0, '0'],
    [-42, '-42'],
    [3.5, '3.5'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    [-Number.MAX_SAFE_INTEGER, '-9007199254740991'],
    [0.000001, '0.000001'],
  ])('reads the exact number %p as %j', (value, expected) => {
    expect(read(value)).toBe(expected);
  });

  it.each([
    // 12345678901234567890 as a spreadsheet or a code step hands it over: already rounded.
    [JSON.parse('12345678901234567890') as number, '12345678901234567000'],
    [2 ** 53, '9007199254740992'],
    [-(2 ** 60), '-1152921504606847000'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
  ])('refuses the number %p, which no longer holds exact digits', async (value, text) => {
    const error = await thrownBy(() => read(value));
    expect(error).toEqual(numberRefusal(text));
  });

  it('reads any safe integer as its digits, and refuses every integer beyond', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expect(read(value)).toBe(BigInt(value).toString());
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }), fc.boolean(), (big, negative) => {
        const value = Number(negative ? -big : big);
        expect(() => read(value)).toThrow(/does not hold the exact digits/);
      }),
    );
  });
});

describe('quoted', () => {
  it('quotes a short value whole', () => {
    expect(quoted('Atlantis')).toBe('"Atlantis"');
    expect(quoted('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
  });

  it('cuts a long value at 60 characters and says how long it was', () => {
    expect(quoted('x'.repeat(61))).toBe(`"${'x'.repeat(60)}…" (61 characters)`);
    expect(quoted('x'.repeat(1024 * 1024))).toBe(`"${'x'.repeat(60)}…" (1,048,576 characters)`);
  });

  it('counts and cuts by character, never inside an emoji', () => {
    expect(quoted('😀'.repeat(61))).toBe(`"${'😀'.repeat(60)}…" (61 characters)`);
  });

  it('puts a value on one line, without control or direction-override characters', () => {
    expect(quoted('Atlan\ntis')).toBe('"Atlan tis"');
    expect(quoted('a\r\n\tb\u0000c\u2028d')).toBe('"a b c d"');
    expect(quoted('abc\u202Edef\u2066g')).toBe('"abcdefg"');
  });
});
