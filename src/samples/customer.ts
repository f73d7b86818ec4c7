import type {
  CustomerChoice,
  CustomerRecord,
  CustomerWithAddress,
} from '../mappers/customerRecord.js';
import { sampleAddress } from './billingAddress.js';

/*
 * The samples of the customer operations and of the customer dropdown: one customer, built from the
 * shared address, so a Zap's steps show the same person before it has real data.
 */

/** The sample customer, as every customer operation and event describes it. */
export const sampleCustomer = {
  IdCustomer: 233700,
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john.doe@example.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};

/**
 * What Update Customer returns. The sample has no metadata pair: each customer's pairs have names
 * of the business's own choosing, and a sample lists only fields every record has.
 */
export const customerRecordSample: CustomerRecord = {
  id: 'cust-42',
  ...sampleCustomer,
  ReferenceAffiliation: 'partner-janesmith',
  Metadata: {},
};

/** What Find Customer and Create Customer return: the customer and its billing address. */
export const customerWithAddressSample: CustomerWithAddress = {
  ...customerRecordSample,
  ...sampleAddress,
};

/** One entry of the hidden customer dropdown trigger. */
export const customerChoiceSample: CustomerChoice = {
  id: 'cust-42',
  label: 'John Doe · john.doe@example.com · cust-42',
  ...sampleCustomer,
};
