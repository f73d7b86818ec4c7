import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/addressFieldKeys.js';
import { type BillingAddress, type BillingAddressUpdate } from '../api/schemas.js';
import { cleanText } from './input.js';
import { normaliseAddressField } from './toAddressUpdateRequest.js';

/*
 * What Skip If Nothing Would Change compares. ProAbono notifies every write, even of the address it
 * already holds, which in a two-way sync runs the other Zap again; so a field counts as changing
 * only when it differs after the clean-up a write applies, not by its formatting.
 */

/** A stored value as text, trimmed; empty, `null` and missing are all `""`. */
const storedText = (stored: unknown): string =>
  typeof stored === 'string' ? cleanText(stored) : '';

/**
 * ProAbono's stored value of one field, written the way an update writes a value: trimmed, and
 * country, region, phone and VAT normalised, so that `+33 1 02 03 04 05` stored and
 * `+33102030405` sent count as the same.
 */
const comparable = (key: AddressFieldKey, stored: unknown, country: string | undefined): string => {
  const text = storedText(stored);
  if (text === '') return '';
  try {
    return normaliseAddressField(key, text, country);
  } catch {
    // A stored value that the update's own checks would refuse is compared as it is.
    return text;
  }
};

/** The country ProAbono stores for the address, as an ISO code; `undefined` when it has none. */
export const storedCountryOf = (current: BillingAddress): string | undefined =>
  comparable('Country', current.Country, undefined) || undefined;

/**
 * The fields an update would change, in the address's order: those whose value to write (already
 * normalised, `""` to clear) differs from ProAbono's current one written the same way.
 */
export const fieldsThatWouldChange = (
  current: BillingAddress,
  changes: BillingAddressUpdate,
): AddressFieldKey[] => {
  const storedCountry = storedCountryOf(current);
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

/**
 * The fields an update sent as `""` to empty them that the address ProAbono answered still holds.
 * ProAbono documents only that the fields provided are updated, not what `""` does.
 */
export const clearedFieldsKept = (
  answered: BillingAddress,
  changes: BillingAddressUpdate,
): AddressFieldKey[] =>
  ADDRESS_FIELD_KEYS.filter((key) => changes[key] === '' && storedText(answered[key]) !== '');

/** Whether an address holds nothing: every field missing, `null` or blank. */
export const isEmptyAddress = (address: BillingAddress): boolean =>
  ADDRESS_FIELD_KEYS.every((key) => storedText(address[key]) === '');
