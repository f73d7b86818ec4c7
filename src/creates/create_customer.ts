import { defineInputFields, defineCreate } from 'zapier-platform-core';
import type { CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { CUSTOMER_FIELD_LABELS } from '../fields/labels.js';
import { customerOutputFields } from '../fields/outputFields.js';
import { REFERENCE_MAX_LENGTH, toCustomerUpsert } from '../mappers/customerInput.js';
import { toSavedCustomer } from '../mappers/customerRecord.js';
import type { SavedCustomer } from '../mappers/customerRecord.js';
import { savedCustomerSample } from '../samples/customer.js';

const inputFields = defineInputFields([
  {
    key: 'ReferenceCustomer',
    label: CUSTOMER_FIELD_LABELS.ReferenceCustomer,
    required: true,
    type: 'string',
    placeholder: 'cust-42',
    helpText:
      'The ID your own system uses for this customer; ProAbono finds the customer by it later. ' +
      `At most ${REFERENCE_MAX_LENGTH} characters, without < > ; " = ? &. If a customer already ` +
      'has this reference, it is updated instead of duplicated.',
  },
  {
    key: 'Name',
    label: CUSTOMER_FIELD_LABELS.Name,
    required: false,
    type: 'string',
    placeholder: 'John Doe',
    helpText: 'How the customer appears in ProAbono. The name on invoices is the billing address.',
  },
  {
    key: 'Email',
    label: CUSTOMER_FIELD_LABELS.Email,
    required: false,
    type: 'string',
    placeholder: 'john@doe.com',
    helpText: 'Where ProAbono sends invoices and account emails.',
  },
  {
    key: 'Language',
    label: CUSTOMER_FIELD_LABELS.Language,
    required: false,
    type: 'string',
    placeholder: 'en',
    helpText:
      'Language of emails and invoices: a two-letter code such as `en` or `fr`, or a locale ' +
      'such as `en-US`.',
  },
  {
    key: 'ReferenceSegment',
    label: CUSTOMER_FIELD_LABELS.ReferenceSegment,
    required: false,
    type: 'string',
    placeholder: 'demo-eur',
    helpText:
      "The reference of the segment (ProAbono's storefront, with its currency) the customer " +
      "belongs to. Leave blank to use the business's default segment.",
  },
]);

/** `POST /v1/Customer` creates the customer, or updates the one with this reference. */
export const perform = (async (z, bundle) => {
  const body = toCustomerUpsert(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const { customer, created } = await client.upsertCustomer(body);
  return toSavedCustomer(customer, created);
}) satisfies CreatePerform<Record<string, unknown>, SavedCustomer>;

export default defineCreate({
  key: 'create_customer',
  noun: 'Customer',
  display: {
    label: 'Create Customer',
    description:
      'Creates a customer in ProAbono, or updates the customer that already has this reference.',
  },
  operation: {
    perform,
    inputFields,
    sample: savedCustomerSample,
    outputFields: [
      { key: 'id', label: 'ProAbono Customer ID', type: 'string' },
      ...customerOutputFields,
      { key: 'created', label: 'Newly Created', type: 'boolean' },
    ],
  },
});
