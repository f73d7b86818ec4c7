import type { OfferChoice, OfferFields } from '../mappers/billingRecords.js';

/* The sample offer, the one the sample subscription (subscription.ts) is to. */

/** The sample offer's fields, as every offer record gives them. */
export const sampleOfferFields: OfferFields = {
  Id: 64400,
  IdSegment: 69,
  ReferenceOffer: 'premium-monthly',
  ReferenceSegment: 'demo-eur',
  Name: 'Premium (monthly)',
  TitleLocalized: 'Premium',
  StateLife: 'Ok',
  IsVisible: true,
  IsPriced: true,
  Currency: 'EUR',
  AmountUpFront: 4900,
  AmountUpFrontDecimal: '49.00',
  DurationTrial: 14,
  UnitTrial: 'Day',
  AmountRecurrence: 19000,
  AmountRecurrenceDecimal: '190.00',
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  AmountTermination: 0,
  AmountTerminationDecimal: '0.00',
};

/** One entry of the hidden offer dropdown trigger. */
export const offerChoiceSample: OfferChoice = {
  id: 'premium-monthly',
  label: 'Premium (monthly) · premium-monthly',
  ...sampleOfferFields,
};
