import {
  defineCreate,
  defineInputFields,
  type CreatePerform,
  type ZObject,
} from 'zapier-platform-core';

import { createProAbonoClient, type ProAbonoClient } from '../api/client.js';
import type { Subscription, SubscriptionCreation } from '../api/schemas.js';
import { withCleanErrors } from '../cleanErrors.js';
import { takeHold } from '../deliveryClaims.js';
import {
  billingCustomerField,
  offerField,
  subscriptionOptionFields,
} from '../fields/billingInputFields.js';
import { billingIdOutputField, subscriptionOutputFields } from '../fields/billingOutputFields.js';
import { toSubscriptionRequest } from '../mappers/billingInput.js';
import {
  isRunningSubscription,
  toSubscriptionRecord,
  type CreatedSubscriptionRecord,
} from '../mappers/billingRecords.js';
import { quoted } from '../quoted.js';
import { createdSubscriptionSample } from '../samples/subscription.js';

/*
 * Create Subscription subscribes a customer to an offer. Zapier replays a step that failed or was
 * held, and a request that timed out may have been applied: by default the step first looks for
 * the customer's running subscription to the offer and returns it, so a replay never subscribes
 * (and bills) the customer twice.
 */

const inputFields = defineInputFields([
  billingCustomerField,
  offerField,
  ...subscriptionOptionFields,
]);

/** What the user can change in the step when ProAbono refuses a customer without payment settings. */
const PAYMENT_SETTINGS_HINT =
  'Or set Ensure Billable and Bill Now to no: the subscription is then created without this check.';

/**
 * The customer's running subscription to the offer, if any. `GET /v1/Subscription` answers one
 * subscription, and ProAbono does not say which when a customer has several to the offer: when it
 * answers one that has ended, the customer's subscriptions in its segment are listed (one more
 * request) in case a running one hides behind it.
 */
const runningSubscription = async (
  client: ProAbonoClient,
  customer: string,
  offer: string,
): Promise<Subscription | undefined> => {
  const found = await client.getSubscription(customer, offer);
  if (found === null) return undefined;
  if ((found.ReferenceOffer ?? offer) === offer && isRunningSubscription(found)) return found;
  const segment = found.ReferenceSegment ?? undefined;
  if (segment === undefined) return undefined;
  const all = await client.listCustomerSubscriptions(customer, segment);
  return all.find(
    (subscription) =>
      subscription.ReferenceOffer === offer &&
      (subscription.ReferenceCustomer ?? customer) === customer &&
      isRunningSubscription(subscription),
  );
};

/** How long a run waits for another subscribing the same customer to the same offer. */
const HOLD_WAIT_MS = 15_000;

/**
 * Holds the subscription of a customer to an offer while one run looks it up and creates it (see
 * `takeHold`): two runs at once (a trigger that fired twice) would otherwise both find none and
 * both subscribe.
 */
const holdSubscribing = (
  z: ZObject,
  businessId: number,
  { ReferenceCustomer: customer, ReferenceOffer: offer }: SubscriptionCreation,
): Promise<(() => Promise<void>) | undefined> =>
  takeHold(
    z,
    `proabono:v1:subscribing:${businessId}:` +
      `${encodeURIComponent(customer)}:${encodeURIComponent(offer)}`,
    {
      deadline: Date.now() + HOLD_WAIT_MS,
      what: `the subscription of customer ${quoted(customer)} to offer ${quoted(offer)}`,
      log: (line) => z.console.log(`Create Subscription: ${line}`),
    },
  );

/**
 * `POST /v1/Subscription` with the customer, the offer and the start date, and Start Now, Bill
 * Now and Ensure Billable as ProAbono's query flags. With Skip If Already Subscribed (the
 * default), one request first (two when ProAbono answers an ended subscription), one run at a
 * time per customer and offer. The request takes no segment: ProAbono finds the customer by its
 * reference, and the offer in its segment.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const { body, flags, skipIfSubscribed } = toSubscriptionRequest(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const create = async () => ({
    ...toSubscriptionRecord(await client.createSubscription(body, flags, PAYMENT_SETTINGS_HINT)),
    created: true,
  });
  if (!skipIfSubscribed) return create();
  const giveBack = await holdSubscribing(z, client.businessId, body);
  try {
    const running = await runningSubscription(client, body.ReferenceCustomer, body.ReferenceOffer);
    if (running !== undefined) return { ...toSubscriptionRecord(running), created: false };
    return await create();
  } finally {
    await giveBack?.();
  }
}) satisfies CreatePerform<Record<string, unknown>, CreatedSubscriptionRecord>;

export default defineCreate({
  key: 'create_subscription',
  noun: 'Subscription',
  display: {
    label: 'Create Subscription',
    description: 'Subscribes a customer to an offer, started now unless you choose otherwise.',
  },
  operation: {
    perform,
    inputFields,
    sample: createdSubscriptionSample,
    outputFields: [
      billingIdOutputField,
      ...subscriptionOutputFields({ labelPrefix: 'Subscription ' }),
      { key: 'created', label: 'Created by This Step', type: 'boolean' },
    ],
  },
});
