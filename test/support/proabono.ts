import { sampleAddress } from '../../src/samples/billingAddress.js';
import { customerRecordSample } from '../../src/samples/customer.js';

/*
 * What ProAbono answers in the unit tests: the samples' customer (John Doe, `cust-42`) as the API
 * Live stores him, and his Paris billing address. Nock replies, not expected results: the
 * expectations are written out in each test.
 */

/** John Doe as the API Live answers `GET /v1/Customer`, in the euro segment. */
export const JOHN_DOE = {
  Id: 233700,
  IdSegment: 69,
  ReferenceCustomer: 'cust-42',
  ReferenceSegment: 'demo-eur',
  Currency: 'EUR',
  Name: 'John Doe',
  Email: 'john.doe@example.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceAffiliation: 'partner-janesmith',
  DateAffiliation: '2026-03-02T10:15:00.00Z',
  Metadata: {},
};

const withoutCountryName = ({ CountryName: _name, ...address }: typeof sampleAddress) => address;
type AddressField = keyof ReturnType<typeof withoutCountryName>;

/**
 * The samples' Paris billing address as the API Live answers it (the connector adds CountryName).
 * The sample fills every field, so each value is text.
 */
export const PARIS_ADDRESS = withoutCountryName(sampleAddress) as Record<AddressField, string>;

/** John Doe as the customer records give him: the samples describe the same customer. */
export const JOHN_DOE_RECORD = customerRecordSample;
