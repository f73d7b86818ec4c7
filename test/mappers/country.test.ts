import { iso31661 } from 'iso-3166';

import { COUNTRY_CHOICES, normaliseCountry } from '../../src/mappers/country.js';
import { thrownBy } from '../support/app.js';
import { invalidInput, kosovo, notACountry } from '../support/errors.js';

/** What normaliseCountry throws for `input`, as rejectionOf reports it. */
const refusalOf = (input: string) => thrownBy(() => normaliseCountry(input));

describe('normaliseCountry', () => {
  it.each([
    // ISO alpha-2 and alpha-3, any case
    ['FR', 'FR'],
    ['fr', 'FR'],
    [' de ', 'DE'],
    ['FRA', 'FR'],
    ['fra', 'FR'],
    ['DEU', 'DE'],
    ['GBR', 'GB'],
    ['usa', 'US'],
    ['USA', 'US'],
    ['US', 'US'],
    ['ESP', 'ES'],
    // English
    ['France', 'FR'],
    ['Germany', 'DE'],
    ['Spain', 'ES'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['united states', 'US'],
    ['United States of America', 'US'],
    ['U.S.A.', 'US'],
    ['the netherlands', 'NL'],
    ["Cote d'Ivoire", 'CI'],
    ['Czechia', 'CZ'],
    // French, accents and case ignored
    ['Allemagne', 'DE'],
    ['Royaume-Uni', 'GB'],
    ['royaume uni', 'GB'],
    ['Espagne', 'ES'],
    ['Grèce', 'GR'],
    ['grece', 'GR'],
    ["États-Unis d'Amérique", 'US'],
    ['etats unis d amerique', 'US'],
    ['Pays-Bas', 'NL'],
    ['Côte-d’Ivoire', 'CI'],
    // German
    ['Deutschland', 'DE'],
    ['Vereinigtes Königreich', 'GB'],
    ['vereinigtes konigreich', 'GB'],
    ['Großbritannien', 'GB'],
    ['GROSSBRITANNIEN', 'GB'],
    ['Österreich', 'AT'],
    ['oesterreich', undefined],
    ['Schweiz', 'CH'],
    ['Vereinigte Staaten', 'US'],
    // Spanish
    ['España', 'ES'],
    ['espana', 'ES'],
    ['ESPAÑA', 'ES'],
    ['Alemania', 'DE'],
    ['Reino Unido', 'GB'],
    ['Estados Unidos', 'US'],
    ['Países Bajos', 'NL'],
    ['México', 'MX'],
  ])('reads %j as %j', (input, expected) => {
    if (expected === undefined) expect(() => normaliseCountry(input)).toThrow();
    else expect(normaliseCountry(input)).toBe(expected);
  });

  it.each(['Frnace', 'XX', 'ZZZ', 'Atlantis', '123', 'F R', 'Europe', 'Narnia-Land'])(
    'refuses %j naming the value and the accepted forms',
    async (input) => {
      expect(await refusalOf(input)).toEqual(invalidInput(notACountry(`"${input}"`)));
    },
  );

  it.each(['XK', 'xk', 'XKK', 'Kosovo', ' kosovo '])(
    'refuses %j: Kosovo has no ISO 3166-1 code, which ProAbono needs',
    async (input) => {
      expect(await refusalOf(input)).toEqual(invalidInput(kosovo(`"${input}"`)));
    },
  );

  it('accepts every ISO 3166-1 code, alpha-2 and alpha-3', () => {
    for (const { alpha2, alpha3 } of iso31661) {
      expect(normaliseCountry(alpha2)).toBe(alpha2);
      expect(normaliseCountry(alpha3)).toBe(alpha2);
    }
  });

  it('never returns a code outside ISO 3166-1, whatever two letters it is given', () => {
    const iso = new Set(iso31661.map((entry) => entry.alpha2));
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    for (const code of letters.flatMap((first) => letters.map((second) => first + second))) {
      let result: string | undefined;
      try {
        result = normaliseCountry(code);
      } catch {
        continue;
      }
      // Some pairs are names or abbreviations of names: UK is the United Kingdom.
      expect([code, iso.has(result)]).toEqual([code, true]);
    }
  });

  it('refuses a name two countries share, listing both codes', async () => {
    expect(await refusalOf('Congo')).toEqual(
      invalidInput(
        'Country "Congo" matches several countries (CD, CG). Use the two-letter ISO code of ' +
          'the one you mean.',
      ),
    );
  });
});

describe('COUNTRY_CHOICES', () => {
  it('offers every ISO 3166-1 country once, and nothing else, by English name, valued by alpha-2', () => {
    const values = COUNTRY_CHOICES.map((choice) => choice.value);
    // The oracle is another library's copy of the standard.
    expect([...values].sort()).toEqual(iso31661.map((entry) => entry.alpha2).sort());
    expect(values).not.toContain('XK');
    expect(COUNTRY_CHOICES).toHaveLength(249);
    expect(COUNTRY_CHOICES).toContainEqual({ value: 'FR', label: 'France', sample: 'FR' });
    expect(COUNTRY_CHOICES).toContainEqual({
      value: 'GB',
      label: 'United Kingdom',
      sample: 'GB',
    });
    for (const choice of COUNTRY_CHOICES) expect(normaliseCountry(choice.value)).toBe(choice.value);
  });

  it('is sorted by label', () => {
    const labels = COUNTRY_CHOICES.map((choice) => choice.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    expect(labels[0]).toBe('Afghanistan');
  });
});

describe('normaliseCountry with the first words of a longer name', () => {
  it.each([
    ['États-Unis', 'US'],
    ['etats unis', 'US'],
    ['Bosnia', 'BA'],
    ['Trinidad', 'TT'],
    ['Korea', 'KR'],
    ['Vereinigte Staaten', 'US'],
  ])('reads %j as %j', (input, expected) => {
    expect(normaliseCountry(input)).toBe(expected);
  });

  it('refuses the start of several names, listing their codes', async () => {
    expect((await refusalOf('Virgin Islands')).message).toBe(
      'Country "Virgin Islands" matches several countries (VG, VI). Use the two-letter ISO code ' +
        'of the one you mean.',
    );
  });

  it('reads short texts only as codes or whole names', async () => {
    expect(await refusalOf('El')).toEqual(invalidInput(notACountry('"El"')));
  });
});
