import type { TriggerEvent } from '../api/webhooks.js';
import { customerOutputFields } from '../fields/outputFields.js';
import { offerOutputFields, subscriptionOutputFields } from '../fields/billingOutputFields.js';
import { prefixed } from '../hooks/eventRecord.js';
import { defineEventTrigger, notificationBlock } from '../hooks/eventTrigger.js';
import { offerFields, subscriptionFields, type Block } from '../mappers/billingRecords.js';
import { customerBlock } from '../mappers/customerRecord.js';
import { subscriptionEventSample } from '../samples/subscription_event.js';

/*
 * Subscription Event: the subscription events the Zap picks. Their notifications carry the
 * subscription, its offer and the paying customer (ProAbono's webhook guide), which make the
 * record with no read; the one that does not (Term Date Updated carries the customer only) costs
 * one read of the customer's subscription.
 */

const EVENTS = [
  { code: 'SubscriptionStarted', label: 'Subscription Started' },
  { code: 'SubscriptionRenewed', label: 'Subscription Renewed' },
  { code: 'SubscriptionSuspendedAgent', label: 'Subscription Suspended by an Agent' },
  { code: 'SubscriptionRestarted', label: 'Subscription Restarted' },
  {
    code: 'SubscriptionSuspendedPaymentInfoMissing',
    label: 'Subscription Interrupted (No Payment Method)',
  },
  { code: 'SubscriptionSuspendedPaymentDue', label: 'Subscription Interrupted (Payment Due)' },
  { code: 'SubscriptionTerminatedAtRenewal', label: 'Subscription Ends at Renewal' },
  { code: 'SubscriptionTerminated', label: 'Subscription Terminated' },
  { code: 'SubscriptionHistory', label: 'Subscription Over' },
  { code: 'SubscriptionDeleted', label: 'Subscription Deleted' },
  { code: 'SubscriptionUpdated', label: 'Subscription Updated' },
  { code: 'SubscriptionFeaturesUpdated', label: 'Subscription Features Updated' },
  { code: 'SubscriptionUpgraded', label: 'Subscription Started as an Upgrade' },
  { code: 'SubscriptionTerminatedForUpgrade', label: 'Subscription Terminated for an Upgrade' },
  { code: 'SubscriptionDateTermUpdated', label: 'Subscription Term Date Updated' },
] as const;

/** The event whose notification names no subscription. */
const TERM_DATE_UPDATED = 'SubscriptionDateTermUpdated';

/** The amounts' currency: the notification's blocks carry none; its envelope may. */
const currencyOf = (event: TriggerEvent): string | null => {
  const currency: unknown = (event.notification as Record<string, unknown>).Currency;
  return typeof currency === 'string' ? currency : null;
};

/** The buyer's reference, name and email: who pays, where it is not the customer. */
const buyerFields = (buyer: Block) => {
  const block = customerBlock({ ReferenceCustomer: '', ...buyer });
  return {
    ReferenceCustomer: block.ReferenceCustomer === '' ? null : block.ReferenceCustomer,
    Name: block.Name,
    Email: block.Email,
  };
};

/**
 * The subscription with what the notification's other blocks say of it where its own block is
 * silent (ProAbono's Subscription block names neither its offer nor its customers).
 */
const linkedSubscription = (event: TriggerEvent, subscription: Block): Block => {
  if (subscription === null || subscription === undefined) return subscription;
  const { notification } = event;
  const offer = notificationBlock(event, 'Offer');
  const buyer = notificationBlock(event, 'CustomerBuyer');
  return {
    IdOffer: offer?.Id,
    ReferenceOffer: offer?.ReferenceOffer,
    IdCustomer: notification.Customer?.Id,
    ReferenceCustomer: event.reference,
    ReferenceCustomerBuyer: buyer?.ReferenceCustomer,
    IdSegment: notification.IdSegment,
    ReferenceSegment: notification.ReferenceSegment,
    Currency: currencyOf(event),
    ...Object.fromEntries(
      Object.entries(subscription).filter(([, value]) => value !== null && value !== undefined),
    ),
  };
};

const instant = defineEventTrigger({
  key: 'subscription_event',
  noun: 'Subscription Event',
  label: 'Subscription Event',
  description: 'Triggers when a subscription starts, renews, changes or ends.',
  events: EVENTS,
  eventTypesHelp:
    'The subscription events that run this Zap. Ends at Renewal is a cancellation that takes ' +
    'effect at the end of the period and can still be undone; Term Date Updated reads the ' +
    "customer's current subscription, as ProAbono does not say which one changed.",
  outputFields: [
    ...subscriptionOutputFields({ keyPrefix: 'Subscription_', labelPrefix: 'Subscription ' }),
    ...offerOutputFields({ keyPrefix: 'Offer_', labelPrefix: 'Offer ' }),
    ...customerOutputFields
      .filter((field) => ['ReferenceCustomer', 'Name', 'Email'].includes(field.key))
      .map((field) => ({
        ...field,
        key: `CustomerBuyer_${field.key}`,
        label: `Buyer ${field.label}`,
      })),
  ],
  // Term Date Updated carries no subscription: the customer's is read.
  readFor: (event) =>
    notificationBlock(event, 'Subscription') !== null || event.type !== TERM_DATE_UPDATED
      ? undefined
      : {
          what: `the subscription of customer "${event.reference}"`,
          read: (client, timeout) =>
            client.getSubscription(event.reference, undefined, { timeout }),
          otherwise: 'without it',
        },
  fields: (event, read) => ({
    ...prefixed(
      'Subscription',
      subscriptionFields(
        linkedSubscription(event, read ?? notificationBlock(event, 'Subscription')),
      ),
    ),
    ...prefixed(
      'Offer',
      offerFields(notificationBlock(event, 'Offer'), { currency: currencyOf(event) }),
    ),
    ...prefixed('CustomerBuyer', buyerFields(notificationBlock(event, 'CustomerBuyer'))),
  }),
  sample: subscriptionEventSample,
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
