import { ADDRESS_FIELD_KEYS } from '../api/schemas.js';
import { ADDRESS_FIELD_LABELS, CUSTOMER_FIELD_LABELS } from './labels.js';

/** Output labels for the eleven address fields, shared by every operation that returns an address. */
export const addressOutputFields = ADDRESS_FIELD_KEYS.map((key) => ({
  key,
  label: ADDRESS_FIELD_LABELS[key],
  type: 'string' as const,
}));

/** Output labels for the customer block, shared by the search, the create and both triggers. */
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
