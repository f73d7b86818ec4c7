import type { CustomerChoice, FoundCustomer, SavedCustomer } from '../mappers/customerRecord.js';
import { sampleAddress } from './billingAddress.js';

/** The sample customer, as every customer operation describes it. */
const sampleCustomer = {
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};

/** What Find Customer returns: the customer and its billing address. */
export const foundCustomerSample: FoundCustomer = {
  id: '233700',
  ...sampleCustomer,
  ...sampleAddress,
};

/** What Create Customer returns. */
export const savedCustomerSample: SavedCustomer = {
  id: '233700',
  ...sampleCustomer,
  created: true,
};

/** One entry of the hidden customer dropdown trigger. */
export const customerChoiceSample: CustomerChoice = {
  id: 'cust-42',
  label: 'John Doe · john@doe.com · cust-42',
  ...sampleCustomer,
};
