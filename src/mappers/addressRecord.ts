import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/addressFieldKeys.js';
import { type BillingAddress } from '../api/schemas.js';
import { withCountryName } from './countryName.js';
import { textOrNull } from './textOrNull.js';

/*
 * The address part of every record that has one (see the samples): the eleven address fields
 * under their API names, with `CountryName` beside `Country`; and Update Customer Billing
 * Address's record. What is empty follows textOrNull.ts.
 */

// Type aliases, not interfaces: samples must be assignable to Zapier's `Record<string, unknown>`.
export type AddressFields = Record<AddressFieldKey, string | null>;

/** The eleven fields of any address-like object, in order; anything else is left out. */
export const addressFields = (
  address: Partial<Record<AddressFieldKey, unknown>> | null | undefined,
): AddressFields =>
  Object.fromEntries(
    ADDRESS_FIELD_KEYS.map((key) => [key, textOrNull(address?.[key])]),
  ) as AddressFields;

/** The eleven address fields, with the country's name beside its code. */
export type AddressRecordFields = AddressFields & { CountryName: string | null };

export const addressRecordFields = (
  address: BillingAddress | null | undefined,
): AddressRecordFields => withCountryName(addressFields(address));

export type UpdatedBillingAddress = {
  id: string;
  ReferenceCustomer: string;
} & AddressRecordFields & {
    /** Whether the update changed a field: only when it was checked (a read first). */
    changed?: boolean;
    /** The API names of the fields it changed: only when checked. */
    changed_fields?: AddressFieldKey[];
  };

/**
 * Update Customer Billing Address's record: the stored address, identified by the reference, and
 * the fields the update changed when they were checked. Unchecked, they are left out rather than
 * given as empty values that would read as "nothing changed".
 */
export const toUpdatedBillingAddress = (
  reference: string,
  address: BillingAddress,
  changedFields?: AddressFieldKey[],
): UpdatedBillingAddress => ({
  id: reference,
  ReferenceCustomer: reference,
  ...addressRecordFields(address),
  ...(changedFields === undefined
    ? {}
    : { changed: changedFields.length > 0, changed_fields: changedFields }),
});
