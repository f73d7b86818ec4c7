import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/schemas.js';
import { ADDRESS_FIELD_LABELS } from '../fields/labels.js';
import { quoted } from '../quoted.js';
import { invalidInput, looseKey, optionalText } from './input.js';

/** Field names a user may write: API names and labels, loosely. */
const FIELD_NAMES = new Map<string, AddressFieldKey>(
  ADDRESS_FIELD_KEYS.flatMap((key) => [
    [looseKey(key), key],
    [looseKey(ADDRESS_FIELD_LABELS[key]), key],
  ]),
);

const ACCEPTED_NAMES =
  `Use the field names (${ADDRESS_FIELD_KEYS.map((key) => ADDRESS_FIELD_LABELS[key]).join(', ')}) ` +
  `or ProAbono's names (${ADDRESS_FIELD_KEYS.join(', ')}).`;

/**
 * Reads a list of billing-address fields (Fields to Clear, the fields a trigger watches). Zapier
 * sends a list when the user picks fields, but a mapped value may be one comma-separated text, a
 * list of such texts, or names typed by hand, as labels or as ProAbono's names, in any case.
 */
export const addressFieldNames = (value: unknown, label: string): Set<AddressFieldKey> => {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const names = items.flatMap((item) => {
    if (Array.isArray(item) || (typeof item === 'object' && item !== null)) {
      throw invalidInput(
        `${label} must list field names, as a list or as text separated by commas, ` +
          `but it received ${Array.isArray(item) ? 'a nested list' : 'an object'}. ${ACCEPTED_NAMES}`,
      );
    }
    const text = optionalText(item, label);
    return text === undefined ? [] : text.split(',');
  });
  const keys = new Set<AddressFieldKey>();
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    const key = FIELD_NAMES.get(looseKey(name));
    if (key === undefined) {
      throw invalidInput(
        `${label} contains ${quoted(name)}, which is not a billing-address field. ${ACCEPTED_NAMES}`,
      );
    }
    keys.add(key);
  }
  return keys;
};
