import { defineCreate, type CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { billingAddressInputFields } from '../fields/billingAddressInputFields.js';
import { CUSTOMER_FIELD_LABELS, SKIP_IF_UNCHANGED_LABEL } from '../fields/labels.js';
import { fieldsThatWouldChange, onlyFields } from '../mappers/addressComparison.js';
import { addressOutputFields, idOutputField } from '../fields/outputFields.js';
import { toAddressUpdateRequest } from '../mappers/toAddressUpdateRequest.js';
import { booleanInput } from '../mappers/booleanInput.js';
import { toUpdatedBillingAddress, type UpdatedBillingAddress } from '../mappers/customerRecord.js';
import { updatedBillingAddressSample } from '../samples/billingAddress.js';
import { withCleanErrors } from '../cleanErrors.js';

/**
 * One request, `POST /v1/CustomerAddressBilling`, carrying only the fields to change. The input
 * is read as `unknown` values: mapped data can be numbers, lists or objects whatever the field
 * type, and the mapper turns each problem into a message before anything is sent. With Skip If
 * Nothing Would Change, the address is read first (one more request) and the POST, with only the
 * fields that differ, is sent only when one does: a write of the same address would still make
 * ProAbono notify, and in a two-way sync run the other Zap again.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const { reference, changes } = toAddressUpdateRequest(bundle.inputData);
  const skipIfUnchanged = booleanInput(
    bundle.inputData.skip_if_unchanged,
    SKIP_IF_UNCHANGED_LABEL,
    false,
  );
  const client = createProAbonoClient(z, bundle);
  if (!skipIfUnchanged) {
    const address = await client.updateBillingAddress(reference, changes);
    return toUpdatedBillingAddress(reference, address, null);
  }
  const current = await client.getBillingAddress(reference);
  const changing = fieldsThatWouldChange(current, changes);
  if (changing.length === 0) return toUpdatedBillingAddress(reference, current, []);
  const address = await client.updateBillingAddress(reference, onlyFields(changes, changing));
  return toUpdatedBillingAddress(reference, address, changing);
}) satisfies CreatePerform<Record<string, unknown>, UpdatedBillingAddress>;

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
      { key: 'changed', label: 'Address Changed', type: 'boolean' },
      { key: 'changed_fields', label: 'Changed Fields', type: 'string', list: true },
    ],
  },
});
