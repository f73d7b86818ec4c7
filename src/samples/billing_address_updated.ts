import type { BillingAddressUpdatedRecord } from '../mappers/billingAddressUpdatedRecord.js';
import { sampleAddress } from './billingAddress.js';

/** A customer who moved within Paris: new street and postcode, same city. */
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
    // The other operations' sample customer, moved: same keys in the same order.
    ...sampleAddress,
    AddressLine1: '18 rue de la Roquette',
    AddressLine2: '2nd Floor',
    ZipCode: '75011',
    changed_fields: ['AddressLine1', 'ZipCode'],
    previous_address_known: true,
    previous_Company: null,
    previous_FirstName: null,
    previous_LastName: null,
    previous_AddressLine1: sampleAddress.AddressLine1,
    previous_AddressLine2: null,
    previous_ZipCode: sampleAddress.ZipCode,
    previous_City: null,
    previous_Country: null,
    previous_Region: null,
    previous_Phone: null,
    previous_TaxInformation: null,
  },
};
