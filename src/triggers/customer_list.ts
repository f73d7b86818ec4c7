import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { toCustomerChoice, type CustomerChoice } from '../mappers/customerRecord.js';
import { customerChoiceSample } from '../samples/customer.js';
import { withCleanErrors } from '../cleanErrors.js';

/** Zapier asks for more while the user scrolls; 100 a page keeps each call quick. */
export const CUSTOMER_PAGE_SIZE = 100;

/** One page per call: Zapier's `meta.page` is 0-based, ProAbono's `Page` 1-based. */
export const perform = withCleanErrors(async (z, bundle) => {
  const page = bundle.meta?.page ?? 0;
  const client = createProAbonoClient(z, bundle);
  const { items } = await client.listCustomers({ page: page + 1, sizePage: CUSTOMER_PAGE_SIZE });
  return items.map(toCustomerChoice);
}) satisfies PollingTriggerPerform<Record<string, unknown>, CustomerChoice>;

export default defineTrigger({
  key: 'customer_list',
  noun: 'Customer',
  display: {
    label: 'List Customers',
    description: 'Triggers when a customer is listed, to fill the customer dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: customerChoiceSample,
  },
});
