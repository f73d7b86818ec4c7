import countries from 'i18n-iso-countries/index.js';
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };

import { invalidInput, looseKey, looseWords } from './input.js';
import { quoted } from '../quoted.js';

/*
 * The library's browser entry registers no locale; the node entry would load all ~80 of them
 * through a dynamic require. Registering the four languages we promise keeps the name table
 * small and lets the Zapier build see every file it needs.
 */
const LOCALES = [en, fr, de, es];
for (const locale of LOCALES) countries.registerLocale(locale);

const ACCEPTED_FORMS =
  'Use a two- or three-letter ISO code (FR, FRA) or the country name in English, French, ' +
  'German or Spanish (Germany, Allemagne, Deutschland, Alemania).';

/**
 * ISO 3166-1 leaves these codes to users (AA, QM to QZ, XA to XZ, ZZ): they name no country of the
 * standard. The library lists Kosovo under one of them (XK, XKK), but ProAbono stores only
 * ISO 3166-1 countries, so such a code is neither offered nor accepted.
 */
const USER_ASSIGNED = /^(?:AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/** The code the library found, when ISO 3166-1 has it; else a message saying why not. */
const isoCode = (alpha2: string, text: string): string => {
  if (!USER_ASSIGNED.test(alpha2)) return alpha2;
  const name = countries.getName(alpha2, 'en') ?? alpha2;
  throw invalidInput(
    `Country ${quoted(text)} cannot be stored: ProAbono needs an ISO 3166-1 country, and ` +
      `${name} has none (${alpha2} is a user-assigned code, outside the standard). Leave ` +
      'Country blank to keep the current one.',
  );
};

interface CountryName {
  code: string;
  words: string[];
}

/** Every official and alternative name in the four languages. */
const NAMES: CountryName[] = LOCALES.flatMap(({ locale }) =>
  Object.entries(countries.getNames(locale, { select: 'all' })).flatMap(([code, names]) =>
    names.map((name) => ({ code, words: looseWords(name) })),
  ),
);

/** The shortest text read as the start of a longer name: `Etats-Unis`, but not `El`. */
const MIN_SHORT_NAME_LENGTH = 4;

const codesNamed = (text: string): string[] => {
  const key = looseKey(text);
  const exact = NAMES.filter((name) => name.words.join('') === key);
  if (exact.length > 0 || key.length < MIN_SHORT_NAME_LENGTH) {
    return [...new Set(exact.map((name) => name.code))];
  }
  // People shorten long official names by their first words: `États-Unis`, `Bosnia`.
  const words = looseWords(text);
  const starts = NAMES.filter(
    (name) => name.words.length > words.length && words.every((word, i) => name.words[i] === word),
  );
  return [...new Set(starts.map((name) => name.code))];
};

/**
 * Converts what a person types or maps as a country to the ISO 3166-1 alpha-2 code ProAbono
 * stores: `fr`, `FRA`, `France`, `Royaume-Uni`, `espana`, `Vereinigtes Königreich`, `USA`...
 * Codes are tried before names, so `US` stays the United States; a name that fits several
 * countries (`Congo`, `Korea`) is refused rather than guessed.
 */
export const normaliseCountry = (text: string): string => {
  const upper = text.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return isoCode(upper, text);
  if (/^[A-Z]{3}$/.test(upper) && countries.isValid(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2) return isoCode(alpha2, text);
  }
  const matches = codesNamed(text);
  if (matches.length === 1 && matches[0]) return isoCode(matches[0], text);
  if (matches.length > 1) {
    throw invalidInput(
      `Country ${quoted(text)} matches several countries (${matches.sort().join(', ')}). ` +
        'Use the two-letter ISO code of the one you mean.',
    );
  }
  throw invalidInput(
    `Country ${quoted(text)} is not a country ProAbono accepts. ${ACCEPTED_FORMS}`,
  );
};

/** The dropdown: ISO 3166-1 countries by English name, alpha-2 values, sorted as a person reads them. */
export const COUNTRY_CHOICES = Object.entries(countries.getNames('en', { select: 'official' }))
  .filter(([value]) => !USER_ASSIGNED.test(value))
  .map(([value, label]) => ({ value, label, sample: value }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en'));
