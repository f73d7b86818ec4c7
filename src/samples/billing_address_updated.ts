import { ADDRESS_FIELD_KEYS } from '../api/addressFieldKeys.js';
import type { BillingAddressUpdatedRecord } from '../mappers/billingAddressUpdatedRecord.js';
import { sampleAddress } from './billingAddress.js';

/*
 * The sample of both Billing Address Updated triggers, which Zapier shows when ProAbono's history
 * has no update yet. A record has a Previous value for each changed field only (the others are
 * empty), so in the sample every field changed: each Previous field has a value to map from the
 * start, and none is null where its output field promises text (Zapier's check D024).
 */

/**
 * The other operations' sample customer, whose billing moved from the Brussels office, with its
 * own contact, to the Paris one: the current address is theirs, and every field changed.
 */
export const billingAddressUpdatedSample: BillingAddressUpdatedRecord = {
  id: 'trg_48213',
  DateTrigger: '2026-09-14T15:11:43.750Z',
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john.doe@example.com',
  Language: 'fr',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
  billing_address: {
    // Same keys in the same order as every other record with an address.
    ...sampleAddress,
    changed_fields: [...ADDRESS_FIELD_KEYS],
    previous_address_known: true,
    previous_Company: 'John Doe Benelux SRL',
    previous_FirstName: 'Emma',
    previous_LastName: 'Janssens',
    previous_AddressLine1: 'Avenue Louise 54',
    previous_AddressLine2: 'Boîte 3',
    previous_ZipCode: '1050',
    previous_City: 'Brussels',
    previous_Country: 'BE',
    previous_Region: 'BE-BRU',
    previous_Phone: '+3225550123',
    previous_TaxInformation: 'BE0403170503',
  },
};
