import type { CustomerChoice, FoundCustomer, SavedCustomer } from '../mappers/customerRecord.js';

/** What Find Customer returns: the customer and its billing address. */
export const foundCustomerSample: FoundCustomer = {
  id: '233700',
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
  Company: 'John Doe LLC',
  FirstName: 'John',
  LastName: 'Doe',
  AddressLine1: '123 avenue des Champs-Élysées',
  AddressLine2: '1st Floor',
  ZipCode: '75008',
  City: 'Paris',
  Country: 'FR',
  Region: 'FR-75',
  Phone: '+33102030405',
  TaxInformation: 'FR40303265045',
};

/** What Create Customer returns. */
export const savedCustomerSample: SavedCustomer = {
  id: '233700',
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
  created: true,
};

/** One entry of the hidden customer dropdown trigger. */
export const customerChoiceSample: CustomerChoice = {
  id: 'cust-42',
  label: 'John Doe · john@doe.com · cust-42',
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};
