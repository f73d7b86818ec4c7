import {
  ADDRESS_FIELD_KEYS,
  type AddressFieldKey,
  type BillingAddress,
  type BillingAddressUpdate,
} from '../api/schemas.js';
import { normaliseCountry } from './country.js';
import { cleanText } from './input.js';
import { normalisePhone } from './phone.js';
import { normaliseRegion } from './region.js';
import { normaliseVat } from './vat.js';

/** A stored value that the update's own checks would refuse is compared as it is. */
const orAsIs = (normalise: (text: string) => string, text: string): string => {
  try {
    return normalise(text);
  } catch {
    return text;
  }
};

/**
 * ProAbono's stored value of one field, written the way an update writes a value: trimmed, and
 * country, region, phone and VAT normalised, so that `+33 1 02 03 04 05` stored and
 * `+33102030405` sent count as the same. Empty, `null` and missing are all `""`.
 */
const comparable = (key: AddressFieldKey, stored: unknown, country: string | undefined): string => {
  const text = typeof stored === 'string' ? cleanText(stored) : '';
  if (text === '') return '';
  if (key === 'Country') return orAsIs(normaliseCountry, text);
  if (key === 'Region') return normaliseRegion(text, country);
  if (key === 'Phone') return normalisePhone(text, country);
  if (key === 'TaxInformation') return orAsIs(normaliseVat, text);
  return text;
};

/**
 * The fields an update would change, in the address's order: those whose value to write (already
 * normalised, `""` to clear) differs from ProAbono's current one written the same way.
 */
export const fieldsThatWouldChange = (
  current: BillingAddress,
  changes: BillingAddressUpdate,
): AddressFieldKey[] => {
  const storedCountry = comparable('Country', current.Country, undefined) || undefined;
  return ADDRESS_FIELD_KEYS.filter(
    (key) =>
      changes[key] !== undefined && comparable(key, current[key], storedCountry) !== changes[key],
  );
};

/** Only the changes to these fields. */
export const onlyFields = (
  changes: BillingAddressUpdate,
  keys: readonly AddressFieldKey[],
): BillingAddressUpdate => Object.fromEntries(keys.map((key) => [key, changes[key]]));
