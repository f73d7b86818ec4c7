import { ADDRESS_FIELD_KEYS } from '../api/schemas.js';
import { ADDRESS_FIELD_LABELS, ONLY_WHEN_CHANGED_LABEL, WATCH_FIELDS_LABEL } from './labels.js';

const FIRST_SIGHT =
  'A customer this Zap has not seen before always gives a record: nothing tells what changed.';

/** The filters of both Billing Address Updated triggers (see mappers/addressFilter.ts). */
export const addressFilterInputFields = [
  {
    key: 'only_when_changed',
    label: ONLY_WHEN_CHANGED_LABEL,
    type: 'boolean' as const,
    required: false,
    default: 'true',
    helpText:
      'Yes: an update that leaves the address as this Zap last saw it gives no record. ProAbono ' +
      'notifies even a write of the same address, so this keeps a two-way sync with a CRM from ' +
      `echoing. No: every notification gives a record. ${FIRST_SIGHT}`,
  },
  {
    key: 'watch_fields',
    label: WATCH_FIELDS_LABEL,
    type: 'string' as const,
    required: false,
    list: true,
    choices: ADDRESS_FIELD_KEYS.map((key) => ({
      value: key,
      label: ADDRESS_FIELD_LABELS[key],
      sample: key,
    })),
    helpText:
      'Pick fields to get a record only when at least one of them changed (for example City and ' +
      `Zip / Postal Code); none picked means any field. ${FIRST_SIGHT}`,
  },
];
