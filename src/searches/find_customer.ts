import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { SearchPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import type { AnyCustomer, FoundCustomer } from '../mappers/customerRecord.js';
import { toFoundCustomer } from '../mappers/customerRecord.js';
import { bestEmailMatches, toCustomerLookup } from '../mappers/customerSearch.js';
import { CUSTOMER_FIELD_LABELS } from '../fields/labels.js';
import { addressOutputFields, customerOutputFields } from '../fields/outputFields.js';
import { foundCustomerSample } from '../samples/customer.js';

const inputFields = defineInputFields([
  {
    key: 'ReferenceCustomer',
    label: CUSTOMER_FIELD_LABELS.ReferenceCustomer,
    required: false,
    type: 'string',
    placeholder: 'cust-42',
    helpText:
      "The customer's reference in ProAbono (the ID your own system gave them). When it is " +
      'filled in, it is used and Email is ignored.',
  },
  {
    key: 'Email',
    label: CUSTOMER_FIELD_LABELS.Email,
    required: false,
    type: 'string',
    placeholder: 'john@doe.com',
    helpText:
      'Used when Customer Reference is blank. If several customers share this email, the most ' +
      'recently updated one is returned.',
  },
]);

/**
 * By reference, `GET /v1/Customer` (a 404 means none); by email, the Backoffice customer search,
 * which alone can filter on email. Then one more request for the billing address, only when a
 * customer was found.
 */
export const perform = (async (z, bundle) => {
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
  return [toFoundCustomer(customer, address)];
}) satisfies SearchPerform<Record<string, unknown>, FoundCustomer>;

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
    sample: foundCustomerSample,
    outputFields: [
      { key: 'id', label: 'ProAbono Customer ID', type: 'string' },
      ...customerOutputFields,
      ...addressOutputFields,
    ],
  },
});
