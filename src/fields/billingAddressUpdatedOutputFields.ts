import { ADDRESS_FIELD_KEYS } from '../api/addressFieldKeys.js';
import { ADDRESS_FIELD_LABELS } from './labels.js';
import { addressOutputFields, customerOutputFields } from './outputFields.js';

/*
 * The output labels of both Billing Address Updated triggers: they deliver the same record, so a
 * Zap built on one offers the same fields under the same names as a Zap built on the other.
 */

/** Labels for every key of the record; nested keys use Zapier's `parent__child` notation. */
export const billingAddressUpdatedOutputFields = [
  { key: 'id', label: 'Notification ID', type: 'string' as const },
  { key: 'DateTrigger', label: 'Updated At', type: 'datetime' as const },
  ...customerOutputFields,
  ...addressOutputFields.map((field) => ({ ...field, key: `billing_address__${field.key}` })),
  {
    key: 'billing_address__changed_fields',
    label: 'Changed Fields',
    type: 'string' as const,
    list: true,
  },
  {
    key: 'billing_address__previous_address_known',
    label: 'Previous Address Known',
    type: 'boolean' as const,
  },
  ...ADDRESS_FIELD_KEYS.map((key) => ({
    key: `billing_address__previous_${key}`,
    label: `Previous ${ADDRESS_FIELD_LABELS[key]}`,
    type: 'string' as const,
  })),
];
