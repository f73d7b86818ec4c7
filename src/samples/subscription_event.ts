import { prefixed } from '../hooks/eventRecord.js';
import type { EventTriggerRecord } from '../hooks/eventTrigger.js';
import { sampleCustomer } from './customer.js';
import { sampleOfferFields } from './offer.js';
import { sampleSubscriptionFields } from './subscription.js';

/** The sample customer's subscription started, as Subscription Event delivers it. */
export const subscriptionEventSample: EventTriggerRecord = {
  id: 'trg_52040',
  TypeTrigger: 'SubscriptionStarted',
  EventLabel: 'Subscription Started',
  DateTrigger: '2026-02-12T10:10:45.210Z',
  ...sampleCustomer,
  ...prefixed('Subscription', sampleSubscriptionFields),
  ...prefixed('Offer', sampleOfferFields),
  CustomerBuyer_ReferenceCustomer: 'cust-42',
  CustomerBuyer_Name: 'John Doe',
  CustomerBuyer_Email: 'john.doe@example.com',
};
