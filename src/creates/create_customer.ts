import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { userError } from '../api/errorFactories.js';
import type { Customer } from '../api/schemas.js';
import { addressInputFields } from '../fields/billingAddressInputFields.js';
import {
  customerDetailFields,
  metadataField,
  newCustomerReferenceField,
  segmentField,
} from '../fields/customerInputFields.js';
import { customerWithAddressOutputFields } from '../fields/outputFields.js';
import { toBillingAddressUpdate } from '../mappers/toAddressUpdateRequest.js';
import { isCreatedFrom, toCustomerUpsert } from '../mappers/customerInput.js';
import { fieldsThatWouldChange, isEmptyAddress } from '../mappers/addressComparison.js';
import { forgetPendingAddress, writeNewCustomerAddress } from '../pendingAddress.js';
import { toCustomerWithAddress, type CustomerWithAddress } from '../mappers/customerRecord.js';
import { customerWithAddressSample } from '../samples/customer.js';
import { withCleanErrors } from '../cleanErrors.js';

/*
 * Create Customer adds a customer, with a billing address when one is filled in. It creates only:
 * an existing reference is an error, because Zapier's guidelines rule out a create-or-update action
 * (ProAbono's customer POST is one); Find or Create Customer is how a Zap reuses a customer.
 */

const inputFields = defineInputFields([
  newCustomerReferenceField,
  ...customerDetailFields,
  metadataField(),
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
 *
 * The address is a second write, after the customer exists: it is retried within the step's time
 * (pendingAddress.ts), and a replay of a step whose address could not be saved finishes it. The
 * customer the lookup finds is then this step's own when it is exactly what the step creates and
 * has no address yet: its address is written (one read, one write), and any other customer still
 * stops the step.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const startedAt = Date.now();
  const body = toCustomerUpsert(bundle.inputData);
  const address = toBillingAddressUpdate(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const reference = body.ReferenceCustomer;
  const hasAddress = Object.keys(address).length > 0;
  const writer = bundle.meta?.withSearch ? 'create-in-find-or-create' : 'create';

  const existing = await client.getCustomer(reference);
  if (existing !== null) {
    if (hasAddress && isCreatedFrom(existing, body)) {
      const current = await client.getBillingAddress(reference);
      if (isEmptyAddress(current)) {
        const stored = await writeNewCustomerAddress({
          z,
          client,
          customer: existing,
          address,
          startedAt,
          writer,
          replay: true,
        });
        return toCustomerWithAddress(existing, stored);
      }
      // An earlier run saved it after all (ProAbono answered too late): nothing is left to do.
      if (fieldsThatWouldChange(current, address).length === 0) {
        await forgetPendingAddress(z, client, reference);
        return toCustomerWithAddress(existing, current);
      }
    }
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
  if (!hasAddress) return toCustomerWithAddress(customer, null);
  const stored = await writeNewCustomerAddress({
    z,
    client,
    customer,
    address,
    startedAt,
    writer,
    replay: false,
  });
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
