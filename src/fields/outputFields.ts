import { ADDRESS_FIELD_KEYS } from '../api/schemas.js';
import { ADDRESS_FIELD_LABELS, CUSTOMER_FIELD_LABELS } from './labels.js';

/**
 * Output labels for the eleven address fields, with the country's name beside its code, shared by
 * every action and search that returns an address.
 */
export const addressOutputFields = ADDRESS_FIELD_KEYS.flatMap((key) => [
  { key, label: ADDRESS_FIELD_LABELS[key], type: 'string' as const },
  ...(key === 'Country'
    ? [{ key: 'CountryName', label: 'Country Name', type: 'string' as const }]
    : []),
]);

/** `id` is the customer reference in every customer record. */
export const idOutputField = { key: 'id', label: 'ID', type: 'string' as const };

/** The record's `id`, and ProAbono's own number for the customer under its own key. */
export const customerIdentityOutputFields = [
  idOutputField,
  { key: 'IdCustomer', label: 'ProAbono Customer ID', type: 'integer' as const },
];

/** Output labels for the customer block, shared by the search, the creates and both triggers. */
export const customerOutputFields = [
  {
    key: 'ReferenceCustomer',
    label: CUSTOMER_FIELD_LABELS.ReferenceCustomer,
    type: 'string' as const,
  },
  { key: 'Name', label: CUSTOMER_FIELD_LABELS.Name, type: 'string' as const },
  { key: 'Email', label: CUSTOMER_FIELD_LABELS.Email, type: 'string' as const },
  { key: 'Language', label: CUSTOMER_FIELD_LABELS.Language, type: 'string' as const },
  { key: 'Status', label: 'Status', type: 'string' as const },
  {
    key: 'ReferenceSegment',
    label: CUSTOMER_FIELD_LABELS.ReferenceSegment,
    type: 'string' as const,
  },
];

/** A whole customer with its billing address: what Find Customer and Create Customer return. */
export const customerWithAddressOutputFields = [
  ...customerIdentityOutputFields,
  ...customerOutputFields,
  ...addressOutputFields,
];
