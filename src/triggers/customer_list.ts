import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { redactSecrets } from '../api/redact.js';
import { toCustomerChoice, type CustomerChoice } from '../mappers/customerRecord.js';
import { proAbonoPage } from '../mappers/zapierPage.js';
import { customerChoiceSample } from '../samples/customer.js';
import { withCleanErrors } from '../cleanErrors.js';
import { quoted } from '../quoted.js';

/*
 * The hidden trigger behind the update actions' Customer dropdown, so a user can pick a customer
 * rather than type a reference; paged, as a business may hold more customers than one list shows.
 * Read from the Backoffice's customer list, which holds every segment: the API Live's lists the
 * default segment only, unless told another.
 */

/** Zapier asks for more while the user scrolls; 100 a page keeps each call quick. */
export const CUSTOMER_PAGE_SIZE = 100;

/** How a log line names a customer: by ProAbono's number when it has one. */
const customerName = ({ IdCustomer }: CustomerChoice): string =>
  IdCustomer === null ? 'a customer' : `customer ${IdCustomer}`;

/**
 * One page per call, one entry per reference: the dropdown's value is the reference, and two
 * customers of different segments may share one (Zapier refuses a list with two entries of one
 * `id`). The first listed stands for both, and the Zap's log says so.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const client = createProAbonoClient(z, bundle);
  const { items } = await client.listBackofficeCustomers({
    page: proAbonoPage(bundle.meta?.page),
    sizePage: CUSTOMER_PAGE_SIZE,
  });
  const choices = new Map<string, CustomerChoice>();
  for (const customer of items) {
    const choice = toCustomerChoice(customer);
    const first = choices.get(choice.id);
    if (first === undefined) choices.set(choice.id, choice);
    else {
      const line =
        `Customer dropdown: ${customerName(choice)} is not offered: it has the reference ` +
        `${quoted(choice.id)} of ${customerName(first)}, listed before it, whose entry stands ` +
        'for both.';
      z.console.log(redactSecrets(line, bundle.authData));
    }
  }
  return [...choices.values()];
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
