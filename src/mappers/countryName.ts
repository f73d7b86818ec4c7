import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

/*
 * The country name a record with an address carries beside its code. Apart from country.ts so that
 * searches and triggers, which only print a name, do not load the four languages country.ts reads
 * (the package loads each module on first use).
 */

// The library's browser entry starts with no locale (see country.ts); registering one twice is harmless.
countries.registerLocale(en);

/**
 * The English name of an ISO 3166-1 alpha-2 code, as the Country dropdown shows it, so a Zap can
 * print "France" where ProAbono stores `FR`. `null` for no code or one the standard does not list.
 */
const countryName = (code: string | null | undefined): string | null =>
  (code ? countries.getName(code, 'en', { select: 'official' }) : undefined) ?? null;

/**
 * An address with `CountryName` right after its `Country`, every other key kept in place. Pure,
 * for any record that carries an address: the actions, the search and the triggers' address.
 */
export const withCountryName = <Address extends { Country: string | null }>(
  address: Address,
): Address & { CountryName: string | null } =>
  Object.fromEntries(
    Object.entries(address).flatMap(([key, value]) =>
      key === 'Country'
        ? [
            [key, value],
            ['CountryName', countryName(address.Country)],
          ]
        : [[key, value]],
    ),
  ) as Address & { CountryName: string | null };
