import type {
  CreatedSubscriptionRecord,
  SubscriptionFields,
  SubscriptionRecord,
} from '../mappers/billingRecords.js';

/*
 * The sample subscription: the sample customer (`cust-42`, segment `demo-eur`) subscribed to the
 * sample offer (offer.ts), running in its tenth month.
 */

/** The sample subscription's fields, as every subscription record gives them. */
export const sampleSubscriptionFields: SubscriptionFields = {
  Id: 140960,
  IdCustomer: 233700,
  IdOffer: 64400,
  IdSegment: 69,
  ReferenceCustomer: 'cust-42',
  ReferenceCustomerBuyer: 'cust-42',
  ReferenceOffer: 'premium-monthly',
  ReferenceSegment: 'demo-eur',
  TitleLocalized: 'Premium',
  Status: 'Active',
  StateSubscription: 'ActiveRunning',
  Currency: 'EUR',
  DateStart: '2026-02-12T10:10:44Z',
  DatePeriodStart: '2026-11-12T10:10:44Z',
  DatePeriodEnd: '2026-12-12T10:10:44Z',
  DateTerm: '2026-12-12T10:10:44Z',
  // Twelve months of commitment: it ends unless renewed.
  DateEnd: '2027-02-12T10:10:44Z',
  DateNextBilling: '2026-12-12T10:10:44Z',
  IsTrial: false,
  AmountUpFront: 4900,
  AmountUpFrontDecimal: '49.00',
  AmountRecurrence: 19000,
  AmountRecurrenceDecimal: '190.00',
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  DateUpdate: '2026-11-12T10:11:02Z',
};

/** What Find Subscription returns. */
export const subscriptionRecordSample: SubscriptionRecord = {
  id: 140960,
  ...sampleSubscriptionFields,
};

/** What Create Subscription returns. */
export const createdSubscriptionSample: CreatedSubscriptionRecord = {
  ...subscriptionRecordSample,
  created: true,
};
