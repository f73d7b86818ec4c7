import type { AddressRecordFields, UpdatedBillingAddress } from '../mappers/addressRecord.js';

/*
 * The one sample address every sample builds on, so the samples Zapier shows while a Zap is set up
 * describe the same customer whichever step they come from.
 */

/** The sample customer's billing address, as the operations return it. */
export const sampleAddress: AddressRecordFields = {
  Company: 'John Doe LLC',
  FirstName: 'John',
  LastName: 'Doe',
  AddressLine1: '123 avenue des Champs-Élysées',
  AddressLine2: '1st Floor',
  ZipCode: '75008',
  City: 'Paris',
  Country: 'FR',
  CountryName: 'France',
  Region: 'FR-75',
  Phone: '+33102030405',
  TaxInformation: 'FR40303265045',
};

/**
 * What Update Customer Billing Address returns. With Skip If Nothing Would Change it adds
 * `changed` and `changed_fields`, which its output fields then list (see the action).
 */
export const updatedBillingAddressSample: UpdatedBillingAddress = {
  id: 'cust-42',
  ReferenceCustomer: 'cust-42',
  ...sampleAddress,
};
