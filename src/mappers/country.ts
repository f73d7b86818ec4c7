import countries from 'i18n-iso-countries/index.js';
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };

import { invalidInput, looseKey } from './input.js';

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

/** Every official and alternative name, keyed loosely; a name shared by two countries is ambiguous. */
const byName = (() => {
  const table = new Map<string, Set<string>>();
  for (const { locale } of LOCALES) {
    for (const [code, names] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
      for (const name of names) {
        const key = looseKey(name);
        table.set(key, (table.get(key) ?? new Set()).add(code));
      }
    }
  }
  return table;
})();

/**
 * Converts what a person types or maps as a country to the ISO 3166-1 alpha-2 code ProAbono
 * stores: `fr`, `FRA`, `France`, `Royaume-Uni`, `espana`, `Vereinigtes Königreich`, `USA`...
 * Codes are tried before names, so `US` stays the United States.
 */
export const normaliseCountry = (text: string): string => {
  const upper = text.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper) && countries.isValid(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2) return alpha2;
  }
  const matches = [...(byName.get(looseKey(text)) ?? [])];
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw invalidInput(
      `Country "${text}" matches several countries (${matches.sort().join(', ')}). ` +
        'Use the two-letter ISO code of the one you mean.',
    );
  }
  throw invalidInput(`Country "${text}" is not a country we recognise. ${ACCEPTED_FORMS}`);
};

/** The dropdown: English names, alpha-2 values, sorted as a person reads them. */
export const COUNTRY_CHOICES = Object.entries(countries.getNames('en', { select: 'official' }))
  .map(([value, label]) => ({ value, label, sample: value }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en'));
