import { defineCreate } from 'zapier-platform-core';
import type { CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { billingAddressInputFields } from '../fields/billingAddressInputFields.js';
import { CUSTOMER_FIELD_LABELS } from '../fields/labels.js';
import { addressOutputFields, idOutputField } from '../fields/outputFields.js';
import { toBillingAddressChange } from '../mappers/billingAddressUpdate.js';
import { toUpdatedBillingAddress } from '../mappers/customerRecord.js';
import type { UpdatedBillingAddress } from '../mappers/customerRecord.js';
import { updatedBillingAddressSample } from '../samples/billingAddress.js';
import { withCleanErrors } from '../cleanErrors.js';

/**
 * One request, `POST /v1/CustomerAddressBilling`, carrying only the fields to change. The input
 * is read as `unknown` values: mapped data can be numbers, lists or objects whatever the field
 * type, and the mapper turns each problem into a message before anything is sent.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const { reference, changes } = toBillingAddressChange(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const address = await client.updateBillingAddress(reference, changes);
  return toUpdatedBillingAddress(reference, address);
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
    ],
  },
});
