import { checkVAT, countries } from 'jsvat';

import { normaliseVat } from '../../src/mappers/vat.js';
import { rejectionOf } from '../helpers.js';

/*
 * Real-format numbers with correct check digits, from 15 member states plus Northern Ireland.
 * Most come from jsvat's own test lists; BE1000000021 is a new-series Belgian number whose check
 * digits were computed by hand (97 - 10000000 mod 97 = 21, 97 - 10012345 mod 97 = 92).
 */
const VALID: [string, string][] = [
  ['ATU12011204', 'ATU12011204'],
  ['atu 1201 1204', 'ATU12011204'],
  ['BE0411905847', 'BE0411905847'],
  ['BE 0411.905.847', 'BE0411905847'],
  ['BE430973770', 'BE0430973770'],
  ['BE1000000021', 'BE1000000021'],
  ['BE 1001.234.592', 'BE1001234592'],
  ['CZ25123891', 'CZ25123891'],
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

const TAIL =
  'spaces, dots and dashes are ignored. Correct the number, or leave VAT / Tax Number ' +
  'blank to keep the current one. ProAbono also checks EU VAT numbers itself, asynchronously, ' +
  'after the update.';

const INVALID: [string, string][] = [
  [
    'FR40303265046',
    'VAT / Tax Number "FR40303265046" is not a valid French VAT number: its check digits do ' +
      'not match, which usually means a typo. Expected: FR followed by 2 check characters and ' +
      `the 9-digit SIREN number; ${TAIL}`,
  ],
  [
    'DE 136 695 977',
    'VAT / Tax Number "DE 136 695 977" is not a valid German VAT number: its check digits ' +
      `do not match, which usually means a typo. Expected: DE followed by 9 digits; ${TAIL}`,
  ],
  [
    'FR123',
    'VAT / Tax Number "FR123" is not a valid French VAT number: it does not have the right ' +
      'format. Expected: FR followed by 2 check characters and the 9-digit SIREN number; ' +
      TAIL,
  ],
  [
    'AT12011204',
    'VAT / Tax Number "AT12011204" is not a valid Austrian VAT number: it does not have the ' +
      `right format. Expected: AT followed by U followed by 8 digits; ${TAIL}`,
  ],
  [
    'BE0897221791',
    'VAT / Tax Number "BE0897221791" is not a valid Belgian VAT number: its check digits do ' +
      'not match, which usually means a typo. Expected: BE followed by 10 digits starting with ' +
      `0 or 1; ${TAIL}`,
  ],
  [
    'BE1000000022',
    'VAT / Tax Number "BE1000000022" is not a valid Belgian VAT number: its check digits do ' +
      'not match, which usually means a typo. Expected: BE followed by 10 digits starting with ' +
      `0 or 1; ${TAIL}`,
  ],
  [
    'BE2000000021',
    'VAT / Tax Number "BE2000000021" is not a valid Belgian VAT number: it does not have the ' +
      'right format. Expected: BE followed by 10 digits starting with 0 or 1; ' +
      TAIL,
  ],
  [
    'GR094012835',
    'VAT / Tax Number "GR094012835" is not a valid Greek VAT number: its check digits do not ' +
      'match, which usually means a typo. Expected: EL followed by 9 digits (the prefix for ' +
      `Greece is EL); ${TAIL}`,
  ],
  [
    'NL123456789B14',
    'VAT / Tax Number "NL123456789B14" is not a valid Dutch VAT number: its check digits do ' +
      'not match, which usually means a typo. Expected: NL followed by 9 digits, the letter B ' +
      `and 2 digits; ${TAIL}`,
  ],
  [
    'IT10000100010',
    'VAT / Tax Number "IT10000100010" is not a valid Italian VAT number: its check digits do ' +
      `not match, which usually means a typo. Expected: IT followed by 11 digits; ${TAIL}`,
  ],
  [
    'ES00000001A',
    'VAT / Tax Number "ES00000001A" is not a valid Spanish VAT number: its check digits do ' +
      'not match, which usually means a typo. Expected: ES followed by 9 characters: a letter ' +
      `or digit, 7 digits, a letter or digit; ${TAIL}`,
  ],
  [
    'XI980780685',
    'VAT / Tax Number "XI980780685" is not a valid Northern Ireland (XI) VAT number: its ' +
      'check digits do not match, which usually means a typo. Expected: XI followed by 9 or 12 ' +
      `digits; ${TAIL}`,
  ],
  [
    'PL 12',
    'VAT / Tax Number "PL 12" is not a valid Polish VAT number: it does not have the right ' +
      `format. Expected: PL followed by 10 digits; ${TAIL}`,
  ],
];

describe('normaliseVat', () => {
  it.each(VALID)('accepts %j as %j', (input, expected) => {
    expect(normaliseVat(input)).toBe(expected);
  });

  it('covers at least 8 member states, every valid number confirmed by the library', () => {
    const states = new Set(VALID.map(([, output]) => output.slice(0, 2)));
    expect(states.size).toBeGreaterThanOrEqual(8);
    for (const [, output] of VALID) {
      // The library knows XI numbers as GB numbers, and the new Belgian series not at all.
      const asLibrary = output.startsWith('XI') ? `GB${output.slice(2)}` : output;
      if (asLibrary.startsWith('BE1')) continue;
      expect(checkVAT(asLibrary, countries).isValid).toBe(true);
    }
  });

  it.each(INVALID)(
    'refuses %j, saying what is wrong and the expected form',
    async (input, message) => {
      const error = await rejectionOf(Promise.resolve().then(() => normaliseVat(input)));
      expect(error).toEqual({ name: 'AppError', code: 'invalid_input', message });
    },
  );

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
  ])('sends the non-EU or free-text %j unchanged', (input) => {
    expect(normaliseVat(input)).toBe(input);
  });

  it('trims what it sends unchanged', () => {
    expect(normaliseVat('  GB980780684 ')).toBe('GB980780684');
  });
});
