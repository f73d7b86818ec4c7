/*
 * The names of ProAbono's billing-address fields, apart from the zod schemas that check them: the
 * modules loaded on first use (VAT, phone, country, region) label fields by these names, and
 * importing the schemas there would bundle a second copy of zod into each of their chunks.
 */

/** The eleven billing-address fields, in the contract's order (Country before the Region it qualifies). */
export const ADDRESS_FIELD_KEYS = [
  'Company',
  'FirstName',
  'LastName',
  'AddressLine1',
  'AddressLine2',
  'ZipCode',
  'City',
  'Country',
  'Region',
  'Phone',
  'TaxInformation',
] as const;
export type AddressFieldKey = (typeof ADDRESS_FIELD_KEYS)[number];
