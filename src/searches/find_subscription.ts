import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { withCleanErrors } from '../cleanErrors.js';
import { billingCustomerField, optionalOfferField } from '../fields/billingInputFields.js';
import { billingIdOutputField, subscriptionOutputFields } from '../fields/billingOutputFields.js';
import { toSubscriptionLookup } from '../mappers/billingInput.js';
import { toSubscriptionRecord, type SubscriptionRecord } from '../mappers/billingRecords.js';
import { subscriptionRecordSample } from '../samples/subscription.js';

/*
 * Find Subscription: the subscription ProAbono gives for a customer, to one offer when given. A
 * CRM sync reads it to mirror a plan, or to check one before creating it.
 */

const inputFields = defineInputFields([billingCustomerField, optionalOfferField]);

/**
 * One request, `GET /v1/Subscription` (it takes no segment: ProAbono finds the customer by its
 * reference). A 404, no such subscription or no such customer, is `[]`.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const { customer, offer } = toSubscriptionLookup(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const found = await client.getSubscription(customer, offer);
  return found === null ? [] : [toSubscriptionRecord(found)];
}) satisfies SearchPerform<Record<string, unknown>, SubscriptionRecord>;

export default defineSearch({
  key: 'find_subscription',
  noun: 'Subscription',
  display: {
    label: 'Find Subscription',
    description: "Finds a customer's subscription, optionally to one offer.",
  },
  operation: {
    perform,
    inputFields,
    sample: subscriptionRecordSample,
    outputFields: [
      billingIdOutputField,
      ...subscriptionOutputFields({ labelPrefix: 'Subscription ' }),
    ],
  },
});
