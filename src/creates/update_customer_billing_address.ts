import { defineCreate, type Bundle, type CreatePerform, type ZObject } from 'zapier-platform-core';

import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/addressFieldKeys.js';
import { createProAbonoClient, type ProAbonoClient } from '../api/client.js';
import type { BillingAddress, BillingAddressUpdate } from '../api/schemas.js';
import { userError } from '../api/errorFactories.js';
import { billingAddressInputFields } from '../fields/billingAddressInputFields.js';
import {
  ADDRESS_FIELD_LABELS,
  CLEAR_FIELDS_LABEL,
  CUSTOMER_FIELD_LABELS,
  SKIP_IF_UNCHANGED_LABEL,
} from '../fields/labels.js';
import {
  clearedFieldsKept,
  fieldsThatWouldChange,
  onlyFields,
  storedCountryOf,
} from '../mappers/addressComparison.js';
import { addressOutputFields, idOutputField } from '../fields/outputFields.js';
import { joinLabels, toAddressUpdateRequest } from '../mappers/toAddressUpdateRequest.js';
import { booleanInput } from '../mappers/booleanInput.js';
import { toUpdatedBillingAddress, type UpdatedBillingAddress } from '../mappers/addressRecord.js';
import { updatedBillingAddressSample } from '../samples/billingAddress.js';
import { withCleanErrors } from '../cleanErrors.js';
import { quoted } from '../quoted.js';

/*
 * Update Customer Billing Address, the action a sync Zap writes with. It sends only the fields
 * filled in: a blank mapped value never empties a field; Fields to Clear empties one on purpose.
 */

/** A field ProAbono kept although the step asked to empty it, as a message names it. */
const keptField = (key: AddressFieldKey, address: BillingAddress): string => {
  const value = address[key];
  return `${ADDRESS_FIELD_LABELS[key]}${typeof value === 'string' ? ` (${quoted(value)})` : ''}`;
};

/**
 * Sends the changes. ProAbono documents that the fields provided are updated, not what `""` does
 * (a PHP client of its own sends `null`): a field sent as `""` that the answer still shows filled
 * is sent once more as `null` (a second request, only then), and one still kept after that fails
 * the step, naming it, rather than be reported as emptied.
 */
const saveAddress = async (
  client: ProAbonoClient,
  reference: string,
  changes: BillingAddressUpdate,
): Promise<BillingAddress> => {
  const saved = await client.updateBillingAddress(reference, changes);
  const kept = clearedFieldsKept(saved, changes);
  if (kept.length === 0) return saved;
  const retried = await client.updateBillingAddress(
    reference,
    Object.fromEntries(kept.map((key) => [key, null])),
  );
  const stillKept = clearedFieldsKept(retried, onlyFields(changes, kept));
  if (stillKept.length === 0) return retried;
  const others = ADDRESS_FIELD_KEYS.filter(
    (key) => changes[key] !== undefined && !stillKept.includes(key),
  ).map((key) => ADDRESS_FIELD_LABELS[key]);
  const [them, fields] = stillKept.length === 1 ? ['it', 'field'] : ['them', 'fields'];
  throw userError(
    `ProAbono kept ${joinLabels(stillKept.map((key) => keptField(key, retried)))} in the ` +
      `billing address of customer ${quoted(reference)}, although ${CLEAR_FIELDS_LABEL} asked ` +
      `to empty ${them}: it ignored the ${fields} sent empty, then sent as null. ` +
      (others.length === 0
        ? 'Nothing else was to change. '
        : `The rest of this step was saved: ${joinLabels(others)}. `) +
      `Empty ${them} in ProAbono directly; replaying this step would not empty ${them} either.`,
    'fields_not_cleared',
  );
};

/**
 * One request, `POST /v1/CustomerAddressBilling`, carrying only the fields to change (a second one
 * only when ProAbono keeps a field sent empty, see saveAddress). The input is read as `unknown`
 * values: mapped data can be numbers, lists or objects whatever the field type, and the mapper
 * turns each problem into a message before anything is sent. With Skip If Nothing Would Change,
 * the address is read first (one more request) and the POST, with only the fields that differ, is
 * sent only when one does: a write of the same address would still make ProAbono notify, and in a
 * two-way sync run the other Zap again. A step without a Country then reads its Phone and Region
 * with the country ProAbono stores, as the comparison does.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const request = toAddressUpdateRequest(bundle.inputData);
  const { reference } = request;
  const skipIfUnchanged = skipIfUnchangedOf(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  if (!skipIfUnchanged) {
    return toUpdatedBillingAddress(
      reference,
      await saveAddress(client, reference, request.changes),
    );
  }
  const current = await client.getBillingAddress(reference);
  const fallbackCountry = storedCountryOf(current);
  const { changes } =
    fallbackCountry === undefined
      ? request
      : toAddressUpdateRequest(bundle.inputData, { fallbackCountry });
  const changing = fieldsThatWouldChange(current, changes);
  if (changing.length === 0) return toUpdatedBillingAddress(reference, current, []);
  const address = await saveAddress(client, reference, onlyFields(changes, changing));
  return toUpdatedBillingAddress(reference, address, changing);
}) satisfies CreatePerform<Record<string, unknown>, UpdatedBillingAddress>;

const skipIfUnchangedOf = (inputData: Record<string, unknown>): boolean =>
  booleanInput(inputData.skip_if_unchanged, SKIP_IF_UNCHANGED_LABEL, false);

/** What Skip If Nothing Would Change adds to the record; listed only when it is on. */
const changeOutputFields = [
  { key: 'changed', label: 'Address Changed', type: 'boolean' as const },
  { key: 'changed_fields', label: 'Changed Fields', type: 'string' as const, list: true },
];

/** Zapier's output fields for a step: the change fields only where the step reads first. */
const changeOutputFieldsFor = (_z: ZObject, bundle: Bundle) => {
  let skip = false;
  try {
    skip = skipIfUnchangedOf(bundle.inputData);
  } catch {
    // The step itself says what is wrong with the value when it runs.
  }
  return Promise.resolve(skip ? changeOutputFields : []);
};

export default defineCreate({
  key: 'update_customer_billing_address',
  noun: 'Billing Address',
  display: {
    label: 'Update Customer Billing Address',
    description: "Updates a customer's billing address, changing only the fields you fill in.",
  },
  operation: {
    perform,
    inputFields: billingAddressInputFields,
    sample: updatedBillingAddressSample,
    outputFields: [
      idOutputField,
      { key: 'ReferenceCustomer', label: CUSTOMER_FIELD_LABELS.ReferenceCustomer, type: 'string' },
      ...addressOutputFields,
      changeOutputFieldsFor,
    ],
  },
});
