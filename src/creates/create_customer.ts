import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { userError, userMessageOf } from '../api/userError.js';
import type { BillingAddress, Customer } from '../api/schemas.js';
import { addressInputFields } from '../fields/billingAddressInputFields.js';
import {
  customerDetailFields,
  newCustomerReferenceField,
  segmentField,
} from '../fields/customerInputFields.js';
import { customerWithAddressOutputFields } from '../fields/outputFields.js';
import { toBillingAddressUpdate } from '../mappers/toAddressUpdateRequest.js';
import { toCustomerUpsert } from '../mappers/customerInput.js';
import { toCustomerWithAddress, type CustomerWithAddress } from '../mappers/customerRecord.js';
import { customerWithAddressSample } from '../samples/customer.js';
import { withCleanErrors } from '../cleanErrors.js';

const inputFields = defineInputFields([
  newCustomerReferenceField,
  ...customerDetailFields,
  segmentField,
  ...addressInputFields,
]);

const alreadyExists = (existing: Customer, businessId: number) =>
  `A customer with reference "${existing.ReferenceCustomer}" already exists in business ` +
  `${businessId}` +
  (existing.ReferenceSegment ? ` (segment "${existing.ReferenceSegment}")` : '') +
  '. Create Customer never changes an existing customer, so nothing was written: use Update ' +
  'Customer to change it, or Find or Create Customer to reuse it.';

/**
 * Create only. ProAbono's `POST /v1/Customer` is an upsert, so the reference is looked up first
 * and an existing one stops the step before anything is written. Then the customer is created,
 * and its billing address set only when an address field is filled in: two requests, or three.
 * Everything the user typed is checked before the first request.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const body = toCustomerUpsert(bundle.inputData);
  const address = toBillingAddressUpdate(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const reference = body.ReferenceCustomer;

  const existing = await client.getCustomer(reference);
  if (existing !== null) {
    throw userError(alreadyExists(existing, client.businessId), 'customer_exists');
  }

  // Another writer can create the same reference between the lookup and this POST. ProAbono then
  // updates that customer with the fields filled in here (it never blanks the others) and answers
  // 200 instead of 201: the step says so rather than report a creation, and writes no address.
  const { customer, created } = await client.upsertCustomer(body);
  if (!created) {
    throw userError(
      `Customer "${reference}" was created by someone else while this step ran, so ProAbono ` +
        "saved this step's values onto that customer instead of creating a new one, and the " +
        'billing address of this step was not written. Check the customer in ProAbono; use ' +
        'Update Customer Billing Address to set its address.',
      'customer_exists',
    );
  }

  let stored: BillingAddress | null = null;
  if (Object.keys(address).length > 0) {
    try {
      stored = await client.updateBillingAddress(reference, address);
    } catch (error) {
      // Replaying the step would stop at the customer it just created: say what to do instead.
      throw userError(
        `Customer "${reference}" was created, but its billing address was not saved: ` +
          `${userMessageOf(error)} Set the address with Update Customer Billing Address; ` +
          'replaying this step would stop at the existing customer.',
        'address_not_saved',
      );
    }
  }
  return toCustomerWithAddress(customer, stored);
}) satisfies CreatePerform<Record<string, unknown>, CustomerWithAddress>;

export default defineCreate({
  key: 'create_customer',
  noun: 'Customer',
  display: {
    label: 'Create Customer',
    description: 'Creates a new customer, with a billing address if you fill one in.',
  },
  operation: {
    perform,
    inputFields,
    sample: customerWithAddressSample,
    outputFields: customerWithAddressOutputFields,
  },
});
