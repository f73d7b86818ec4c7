import { ADDRESS_FIELD_KEYS } from '../api/addressFieldKeys.js';
import { ADDRESS_FIELD_LABELS, CUSTOMER_FIELD_LABELS } from './labels.js';

/*
 * Output labels shared by the operations, whose records share one shape (customerRecord.ts,
 * addressRecord.ts): a field a user maps carries the same label whichever step produced it.
 */

/** Output labels for the eleven address fields, with the country's name beside its code. */
export const addressOutputFields = ADDRESS_FIELD_KEYS.flatMap((key) => [
  { key, label: ADDRESS_FIELD_LABELS[key], type: 'string' as const },
  ...(key === 'Country'
    ? [{ key: 'CountryName', label: 'Country Name', type: 'string' as const }]
    : []),
]);

/** `id` is the customer reference in every customer record. */
export const idOutputField = { key: 'id', label: 'ID', type: 'string' as const };

/** The record's `id`, and ProAbono's own number for the customer under its own key. */
const customerIdentityOutputFields = [
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

/**
 * A customer as the customer operations give it (Find, Create, Update Customer). Its metadata
 * pairs have names of each business's own choosing, so they have no fixed output field: Zapier
 * lists the ones a test run returns.
 */
export const customerRecordOutputFields = [
  ...customerIdentityOutputFields,
  ...customerOutputFields,
  {
    key: 'ReferenceAffiliation',
    label: CUSTOMER_FIELD_LABELS.ReferenceAffiliation,
    type: 'string' as const,
  },
];

/** A whole customer with its billing address: what Find Customer and Create Customer return. */
export const customerWithAddressOutputFields = [
  ...customerRecordOutputFields,
  ...addressOutputFields,
];
