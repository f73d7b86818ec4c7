import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/schemas.js';
import {
  ADDRESS_FIELD_LABELS,
  ONLY_WHEN_CHANGED_LABEL,
  WATCH_FIELDS_LABEL,
} from '../fields/labels.js';
import { addressFieldNames } from './addressFieldNames.js';
import type { TrackedAddress } from './billingAddressUpdatedRecord.js';
import { booleanInput } from './booleanInput.js';

/**
 * Which address updates give a Billing Address Updated record. The defaults keep a two-way sync
 * from echoing: a write that changes nothing (an identical address sent back by the other Zap)
 * still makes ProAbono notify, and without this filter it would run the Zap again.
 */
export interface AddressFilter {
  /** Only when some field differs from the last address this Zap saw for the customer. */
  onlyWhenChanged: boolean;
  /** Only when one of these fields changed; empty for any field. */
  watchFields: AddressFieldKey[];
}

export const addressFilterOf = (inputData: Record<string, unknown>): AddressFilter => {
  const watched = addressFieldNames(inputData.watch_fields, WATCH_FIELDS_LABEL);
  return {
    onlyWhenChanged: booleanInput(inputData.only_when_changed, ONLY_WHEN_CHANGED_LABEL, true),
    watchFields: ADDRESS_FIELD_KEYS.filter((key) => watched.has(key)),
  };
};

/**
 * Why a change gives no record, or `undefined` when it gives one. A customer seen for the first
 * time always gives one: with nothing to compare, what changed is unknown, and a filter must never
 * cost a notification that may matter.
 */
export const filteredOutBecause = (
  change: Pick<TrackedAddress, 'changed_fields' | 'previous_address_known'>,
  { onlyWhenChanged, watchFields }: AddressFilter,
): string | undefined => {
  if (!change.previous_address_known) return undefined;
  if (watchFields.length > 0) {
    if (change.changed_fields.some((key) => watchFields.includes(key))) return undefined;
    const watched = watchFields.map((key) => ADDRESS_FIELD_LABELS[key]).join(', ');
    return change.changed_fields.length === 0
      ? `the address is the same as the last one this Zap saw (watching ${watched})`
      : `none of the watched fields changed (watching ${watched}; changed: ${change.changed_fields
          .map((key) => ADDRESS_FIELD_LABELS[key])
          .join(', ')})`;
  }
  if (onlyWhenChanged && change.changed_fields.length === 0) {
    return 'the address is the same as the last one this Zap saw';
  }
  return undefined;
};
