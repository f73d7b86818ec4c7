import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import {
  toCustomerWithAddress,
  type AnyCustomer,
  type CustomerWithAddress,
} from '../mappers/customerRecord.js';
import { bestEmailMatches, toCustomerLookup } from '../mappers/customerSearch.js';
import { CUSTOMER_FIELD_LABELS } from '../fields/labels.js';
import { customerWithAddressOutputFields } from '../fields/outputFields.js';
import { customerWithAddressSample } from '../samples/customer.js';
import { withCleanErrors } from '../cleanErrors.js';
import { finishPendingAddress } from '../pendingAddress.js';

/*
 * Find Customer, also the search half of Find or Create Customer. The reference wins over the
 * email, being unique; several customers with one email give the most recently updated one.
 */

const inputFields = defineInputFields([
  {
    key: 'ReferenceCustomer',
    label: CUSTOMER_FIELD_LABELS.ReferenceCustomer,
    required: false,
    type: 'string',
    placeholder: 'cust-42',
    helpText:
      "The customer's reference in ProAbono (the ID your own system gave them). One of Customer " +
      'Reference or Email is required; when both are filled in, the reference is used and Email ' +
      'is ignored.',
  },
  {
    key: 'Email',
    label: CUSTOMER_FIELD_LABELS.Email,
    required: false,
    type: 'string',
    placeholder: 'john.doe@example.com',
    helpText:
      'One of Customer Reference or Email is required; Email is used when Customer Reference is ' +
      'blank. If several customers share this email, the most recently updated one is returned.',
  },
]);

/**
 * By reference, `GET /v1/Customer` (a 404 means none); by email, the Backoffice customer search,
 * which alone can filter on email. Then one more request for the billing address, only when a
 * customer was found. A customer without an address whose creation left it unsaved (a Create
 * Customer step that failed on it) gets it now: a replayed Find or Create Customer step, whose
 * search finds the customer and so never runs the create again, finishes the creation this way.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const startedAt = Date.now();
  const lookup = toCustomerLookup(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  let customer: AnyCustomer | undefined;
  if (lookup.by === 'reference') {
    customer = (await client.getCustomer(lookup.reference)) ?? undefined;
  } else {
    const found = await client.searchBackofficeCustomers({ Email: lookup.email });
    customer = bestEmailMatches(found, lookup.email)[0];
  }
  if (customer === undefined) return [];
  const address = await client.getBillingAddress(customer.ReferenceCustomer);
  const finished = await finishPendingAddress(z, client, customer, address, startedAt);
  return [toCustomerWithAddress(customer, finished ?? address)];
}) satisfies SearchPerform<Record<string, unknown>, CustomerWithAddress>;

export default defineSearch({
  key: 'find_customer',
  noun: 'Customer',
  display: {
    label: 'Find Customer',
    description: 'Finds a customer by reference or email.',
  },
  operation: {
    perform,
    inputFields,
    sample: customerWithAddressSample,
    outputFields: customerWithAddressOutputFields,
  },
});
