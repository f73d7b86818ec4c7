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
 * customer was found.
 */
export const perform = withCleanErrors(async (z, bundle) => {
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
  return [toCustomerWithAddress(customer, address)];
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
