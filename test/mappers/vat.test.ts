import fc from 'fast-check';
import { checkVAT, countries } from 'jsvat';

import { cleanText } from '../../src/mappers/input.js';
import { normaliseVat } from '../../src/mappers/vat.js';
import { thrownBy } from '../support/app.js';
import { FRENCH_VAT, invalidInput, invalidVat } from '../support/errors.js';

/*
 * Real-format numbers with correct check digits, from all 27 member states plus Northern Ireland.
 * Most come from jsvat's own test lists; BE1000000021 is a new-series Belgian number whose check
 * digits were computed by hand (97 - 10000000 mod 97 = 21, 97 - 10012345 mod 97 = 92). Those for
 * BG, CY, CZ (9 and 10 digits), EE, HR, HU, LT, LV, MT, RO, SI and SK were made up to pass the
 * library's check; the test below confirms each one.
 */
const VALID: [string, string][] = [
  ['ATU12011204', 'ATU12011204'],
  ['atu 1201 1204', 'ATU12011204'],
  ['BE0411905847', 'BE0411905847'],
  ['BE 0411.905.847', 'BE0411905847'],
  ['BE430973770', 'BE0430973770'],
  ['BE1000000021', 'BE1000000021'],
  ['BE 1001.234.592', 'BE1001234592'],
  ['BG751697729', 'BG751697729'],
  ['BG 402 108 4641', 'BG4021084641'],
  ['CY34394287M', 'CY34394287M'],
  ['CZ25123891', 'CZ25123891'],
  ['CZ516911196', 'CZ516911196'],
  ['CZ 345 108 7233', 'CZ3451087233'],
  ['EE104276400', 'EE104276400'],
  ['HR15616939747', 'HR15616939747'],
  ['HU19242653', 'HU19242653'],
  ['LT547824617', 'LT547824617'],
  ['LT253513990810', 'LT253513990810'],
  ['LV42878303970', 'LV42878303970'],
  ['MT11628920', 'MT11628920'],
  ['RO80859980', 'RO80859980'],
  ['SI14593327', 'SI14593327'],
  ['SK2087822572', 'SK2087822572'],
  ['DE136695976', 'DE136695976'],
  ['de 136 695 976', 'DE136695976'],
  ['DK13585628', 'DK13585628'],
  ['EL094012834', 'EL094012834'],
  ['GR094012834', 'EL094012834'],
  ['ESB63104293', 'ESB63104293'],
  ['ES-A08017535', 'ESA08017535'],
  ['ESY1234567X', 'ESY1234567X'],
  ['FI20774740', 'FI20774740'],
  ['FR40303265045', 'FR40303265045'],
  ['FR 40 303 265 045', 'FR40303265045'],
  ['fr40.303.265.045', 'FR40303265045'],
  ['IE6344439R', 'IE6344439R'],
  ['IE2984579BH', 'IE2984579BH'],
  ['IT01114601006', 'IT01114601006'],
  ['it 011 146 010 06', 'IT01114601006'],
  ['LU15027442', 'LU15027442'],
  ['NL810195835B01', 'NL810195835B01'],
  ['nl 8101.95.835.b.01', 'NL810195835B01'],
  ['NL123456789B13', 'NL123456789B13'],
  ['PL5260250274', 'PL5260250274'],
  ['PL 526-025-02-74', 'PL5260250274'],
  ['PT501964843', 'PT501964843'],
  ['SE556188840401', 'SE556188840401'],
  ['XI980780684', 'XI980780684'],
  ['XI 980 7806 84', 'XI980780684'],
];

/** The lengths of national number each prefix has (the EU's VIES formats), for the length audit. */
const LENGTHS: Record<string, number[]> = {
  AT: [9], // U and 8 digits
  BE: [9, 10], // the old 9-digit form is read with a leading 0
  BG: [9, 10],
  CY: [9],
  CZ: [8, 9, 10],
  DE: [9],
  DK: [8],
  EE: [9],
  EL: [9],
  ES: [9],
  FI: [8],
  FR: [11],
  HR: [11],
  HU: [8],
  IE: [8, 9],
  IT: [11],
  LT: [9, 12],
  LU: [8],
  LV: [11],
  MT: [8],
  NL: [12],
  PL: [10],
  PT: [9],
  RO: [2, 3, 4, 5, 6, 7, 8, 9, 10],
  SE: [12],
  SI: [8],
  SK: [10],
  XI: [9, 12], // 12 digits: a 9-digit number and a branch
};

/** Each member state's form of a number, as a refusal states it, by the adjective it names it with. */
const FORMS = {
  Austrian: 'AT followed by U followed by 8 digits',
  Belgian: 'BE followed by 10 digits starting with 0 or 1',
  Czech: 'CZ followed by 8, 9 or 10 digits',
  Dutch: 'NL followed by 9 digits, the letter B and 2 digits',
  French: FRENCH_VAT,
  German: 'DE followed by 9 digits',
  Greek: 'EL followed by 9 digits (the prefix for Greece is EL)',
  Italian: 'IT followed by 11 digits',
  'Northern Ireland (XI)': 'XI followed by 9 or 12 digits',
  Polish: 'PL followed by 10 digits',
  Spanish: 'ES followed by 9 characters: a letter or digit, 7 digits, a letter or digit',
};

/**
 * The message a refused number gets, for the text as the message quotes it and the member state:
 * its check digits do not match, or (`checkDigits` false) its format is wrong.
 */
const refusal = (shown: string, state: keyof typeof FORMS, checkDigits = true) =>
  invalidVat(`"${shown}"`, state, FORMS[state], checkDigits);

/** A row of a refusal table: the text typed, and the message quoting it as typed. */
const refused = (
  typed: string,
  state: keyof typeof FORMS,
  checkDigits = true,
): [string, string] => [typed, refusal(typed, state, checkDigits)];

const INVALID: [string, string][] = [
  refused('FR40303265046', 'French'),
  refused('DE 136 695 977', 'German'),
  refused('FR123', 'French', false),
  refused('AT12011204', 'Austrian', false),
  refused('BE0897221791', 'Belgian'),
  refused('BE1000000022', 'Belgian'),
  refused('BE2000000021', 'Belgian', false),
  refused('GR094012835', 'Greek'),
  refused('NL123456789B14', 'Dutch'),
  refused('IT10000100010', 'Italian'),
  refused('ES00000001A', 'Spanish'),
  refused('XI980780685', 'Northern Ireland (XI)'),
  refused('CZ25123891000', 'Czech', false),
  refused('CZ516911196000', 'Czech', false),
  refused('CZ 3451087233 000', 'Czech', false),
  refused('FR40303265046;', 'French'),
  // The message quotes the number without the zero-width space after it.
  ['FR40303265046\u200B', refusal('FR40303265046', 'French')],
  refused('VAT FR40303265046', 'French'),
  refused('TVA: FR40303265046', 'French'),
  refused('USt-IdNr.: DE 136 695 977', 'German'),
  refused('FR\u200B4030\u20603265046', 'French'),
  refused('PL 12', 'Polish', false),
];

/** Checks that normaliseVat accepts `input` and sends `expected`. */
const expectNormalised = (input: string, expected: string) => {
  expect(normaliseVat(input)).toBe(expected);
};

/** Checks that normaliseVat refuses `input` with exactly `message`. */
const expectRefused = async (input: string, message: string) => {
  expect(await thrownBy(() => normaliseVat(input))).toEqual(invalidInput(message));
};

describe('normaliseVat', () => {
  it.each(VALID)('accepts %j as %j', expectNormalised);

  it('covers every member state and XI, every valid number confirmed by the library', () => {
    const states = new Set(VALID.map(([, output]) => output.slice(0, 2)));
    expect([...states].sort()).toEqual(Object.keys(LENGTHS).sort());
    for (const [, output] of VALID) {
      // The library knows XI numbers as GB numbers, and the new Belgian series not at all.
      const asLibrary = output.startsWith('XI') ? `GB${output.slice(2)}` : output;
      if (asLibrary.startsWith('BE1')) continue;
      expect(checkVAT(asLibrary, countries).isValid).toBe(true);
    }
  });

  it.each(VALID.map(([, output]) => output))(
    'refuses %s with a digit more or fewer, up to 4, unless its state issues that length',
    (valid) => {
      const prefix = valid.slice(0, 2);
      const variants = [
        ...['0', '00', '000', '0000', '7', '77', '777', '7777'].map((extra) => valid + extra),
        valid.slice(0, -1),
        valid.slice(0, -2),
      ];
      const checked = variants.filter((variant) => !LENGTHS[prefix]?.includes(variant.length - 2));
      // Every number has lengths to check, or the audit would prove nothing for it.
      expect(checked.length).toBeGreaterThanOrEqual(4);
      const accepted = checked.filter((variant) => {
        try {
          normaliseVat(variant);
          return true;
        } catch {
          return false;
        }
      });
      expect(accepted).toEqual([]);
    },
  );

  it.each([
    ['FR40303265045\u200B', 'FR40303265045'],
    ['\u200BFR40303265045\uFEFF', 'FR40303265045'],
    ['FR40303265045;', 'FR40303265045'],
    ['(FR40303265045)', 'FR40303265045'],
    ['"FR40303265045",', 'FR40303265045'],
    ['VAT FR40303265045', 'FR40303265045'],
    ['VAT number: FR40303265045', 'FR40303265045'],
    ['VAT No. FR 40 303 265 045', 'FR40303265045'],
    ['VAT ID: FR40303265045', 'FR40303265045'],
    ['EU VAT: FR40303265045', 'FR40303265045'],
    ['TVA: FR40303265045', 'FR40303265045'],
    ['N° TVA : FR40303265045', 'FR40303265045'],
    ['Nº TVA intracommunautaire : FR 40 303 265 045', 'FR40303265045'],
    ['Numéro de TVA FR40303265045', 'FR40303265045'],
    ['USt-IdNr.: DE136695976', 'DE136695976'],
    // DE is also a word of labels ("N° de TVA"): the prefix is still read as Germany's.
    ['VAT DE136695976', 'DE136695976'],
    ['N° de TVA : DE 136 695 976', 'DE136695976'],
    ['USt-ID DE 136 695 976', 'DE136695976'],
    ['MwSt-Nr. DE136695976', 'DE136695976'],
    ['UID: ATU12011204', 'ATU12011204'],
    ['BTW NL810195835B01', 'NL810195835B01'],
    ['BTW-nummer: NL 8101.95.835.B.01', 'NL810195835B01'],
    ['P.IVA IT01114601006', 'IT01114601006'],
    ['Partita IVA: IT01114601006', 'IT01114601006'],
    ['IVA ESB63104293', 'ESB63104293'],
    ['NIF ESB63104293', 'ESB63104293'],
    ['NIF-IVA: ESB63104293', 'ESB63104293'],
    ['DIČ: CZ25123891', 'CZ25123891'],
    ['Tax ID: FR40303265045', 'FR40303265045'],
    ['vat\tfr40303265045\n', 'FR40303265045'],
  ])('checks and normalises the attempt %j to %j', expectNormalised);

  it.each(INVALID)('refuses %j, saying what is wrong and the expected form', expectRefused);

  it.each([
    'GB980780684',
    'GB 980 7806 84',
    'CHE-123.456.789 MWST',
    'NO 923 609 016 MVA',
    '12-3456789',
    '51 824 753 556',
    'EU372000041',
    'N/A',
    'ATTN: accounts payable',
    'DE GmbH',
    'Deutschland 123',
    'FR (pending)',
    'pending',
    '12345678901234',
    'ATTN: billing',
    'VAT: GB980780684',
    'VAT exempt',
    'TVA non applicable, art. 293 B du CGI',
    'BTW verlegd',
    'IVA 21%',
    'MwSt. 19 %',
    'FR 20%',
    'DE 19% MwSt',
    'USt-frei',
    'EIN 12-3456789',
    'N° SIRET 303 265 045 00011',
  ])('sends the non-EU or free-text %j unchanged', (input) => expectNormalised(input, input));

  it('trims what it sends unchanged', () => {
    expect(normaliseVat('  GB980780684 ')).toBe('GB980780684');
  });
});

describe('normaliseVat with words after the number', () => {
  it.each([
    refused('FR40303265046 (VAT)', 'French'),
    refused('FR40303265046 France', 'French'),
    refused('FR40303265046(TVA)', 'French'),
    refused('FR40303265046, France', 'French'),
    refused('FR 40 303 265 046 - intracommunautaire', 'French'),
    refused('VAT: FR40303265046 (France)', 'French'),
    refused('DE136695979 USt-IdNr.', 'German'),
    refused('IT12345678903 P.IVA', 'Italian'),
    refused('IT12345678903 Partita IVA', 'Italian'),
    refused('NL123456789B14 BTW', 'Dutch'),
  ])('refuses the wrong number in %j, as it would without the words', expectRefused);

  it('refuses a number of the wrong length followed by a word, saying so', async () => {
    await expectRefused(...refused('FR4030326504 VAT', 'French', false));
  });

  it.each([
    ['FR40303265045 (VAT)', 'FR40303265045'],
    ['FR40303265045 France', 'FR40303265045'],
    ['FR40303265045(TVA)', 'FR40303265045'],
    ['FR 40 303 265 045 - intracommunautaire', 'FR40303265045'],
    ['VAT: FR40303265045 (France)', 'FR40303265045'],
    ['DE136695976 USt-IdNr.', 'DE136695976'],
    ['IT01114601006 P.IVA', 'IT01114601006'],
    ['NL810195835B01 BTW', 'NL810195835B01'],
    ['IE6344439R VAT', 'IE6344439R'],
    ['BE430973770 België', 'BE0430973770'],
    ['EL094012834 ΑΦΜ', 'EL094012834'],
  ])('checks and normalises the number in %j to %j', expectNormalised);

  it.each([
    // Too few digits before the words to be meant as a VAT number.
    'FR 2 rue de la Paix',
    'DE 12345 Berlin',
    'RO 12 SRL',
    // Not an EU prefix, or not a number.
    'NO 923 609 016 MVA',
    'GB980780684 UK',
    'CHE-123.456.789 MWST',
    'DE 19% MwSt',
    'TVA non applicable, art. 293 B du CGI',
    'FR (pending)',
  ])('sends the free text %j unchanged', (input) => expectNormalised(input, input));

  /** Words as people write them after a number: letters of any script, with spaces and dots. */
  const words = fc.string({
    unit: fc.constantFrom(...'abcXYZéÉßñøΑΦΜдс'.split(''), ' ', '.', "'"),
    minLength: 1,
    maxLength: 20,
  });
  const withWords = fc.tuple(
    fc.constantFrom(' ', '  ', ' (', ', ', ' - ', '; ', ': ', '/', '\t'),
    words.filter((text) => /\p{L}/u.test(text)),
    fc.constantFrom('', ')', '.'),
  );

  it('normalises every valid number whatever words follow it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), withWords, ([input, output], [gap, text, end]) => {
        expect(normaliseVat(`${input}${gap}${text}${end}`)).toBe(output);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every number with a wrong check digit whatever words follow it', () => {
    // The numbers of the right length whose check digits are wrong.
    const wrong = INVALID.map(([input]) => input).filter(
      (input) => /^[A-Z]{2}[\dB ]+$/.test(input) && input.replace(/\D/g, '').length >= 8,
    );
    expect(wrong.length).toBeGreaterThanOrEqual(8);
    fc.assert(
      fc.property(fc.constantFrom(...wrong), withWords, (input, [gap, text, end]) => {
        expect(() => normaliseVat(`${input}${gap}${text}${end}`)).toThrow(
          /is not a valid .* VAT number/,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('sends any text without a digit as every field sends text: only cleaned', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((text) => !/\d/.test(text)),
        (text) => {
          expect(normaliseVat(text)).toBe(cleanText(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads a mapped megabyte with words after a number without backtracking through it', () => {
    expect(normaliseVat(`FR40303265045 ${'word '.repeat(200_000)}x`)).toBe('FR40303265045');
    const digitsEverywhere = `${'x1'.repeat(500_000)} and words`;
    expect(normaliseVat(digitsEverywhere)).toBe(digitsEverywhere);
  });
});
