import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { userError } from '../api/userError.js';
import {
  customerDetailFields,
  existingCustomerField,
  partialUpdateNote,
} from '../fields/customerInputFields.js';
import { customerIdentityOutputFields, customerOutputFields } from '../fields/outputFields.js';
import { toCustomerRecord, type CustomerRecord } from '../mappers/customerRecord.js';
import { toCustomerUpdate } from '../mappers/customerUpdate.js';
import { customerRecordSample } from '../samples/customer.js';
import { withCleanErrors } from '../cleanErrors.js';

const inputFields = defineInputFields([
  existingCustomerField,
  partialUpdateNote(),
  ...customerDetailFields,
]);

/**
 * Two requests: the customer, then `POST /v1/Customer` with only the fields filled in. That POST
 * is an upsert on the reference within a segment, and without `ReferenceSegment` ProAbono acts on
 * the business's default segment: the customer's own segment is sent, or the update of a customer
 * of another segment would create a twin in the default one. The lookup also makes an unknown
 * reference an error instead of a new customer.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const { reference, changes } = toCustomerUpdate(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const existing = await client.getCustomer(reference);
  if (existing === null) {
    throw userError(
      `ProAbono has no customer with reference "${reference}" in business ${client.businessId}, ` +
        'and Update Customer never creates one. Check the reference and that you connected the ' +
        'right environment (sandbox or production); to add the customer, use Create Customer.',
      'customer_not_found',
    );
  }
  const segment = existing.ReferenceSegment ?? undefined;
  const { customer, created } = await client.upsertCustomer({
    ReferenceCustomer: reference,
    ...changes,
    ...(segment ? { ReferenceSegment: segment } : {}),
  });
  // Only if the customer vanished between the two requests: ProAbono then made a new one.
  if (created) {
    throw userError(
      `Customer "${reference}" disappeared from ProAbono while this step ran, so ProAbono ` +
        "created a new customer with this reference and this step's values. Check the customer " +
        'in ProAbono.',
      'customer_recreated',
    );
  }
  return toCustomerRecord(customer);
}) satisfies CreatePerform<Record<string, unknown>, CustomerRecord>;

export default defineCreate({
  key: 'update_customer',
  noun: 'Customer',
  display: {
    label: 'Update Customer',
    description:
      "Updates a customer's name, email or language, changing only the fields you fill in.",
  },
  operation: {
    perform,
    inputFields,
    sample: customerRecordSample,
    outputFields: [...customerIdentityOutputFields, ...customerOutputFields],
  },
});
