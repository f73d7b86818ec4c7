import { perform as updateAddress } from '../../src/creates/update_customer_billing_address.js';
import { perform } from '../../src/searches/find_customer.js';
import { rejectionOf } from '../support/app.js';
import { NO_ADDRESS } from '../support/records.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/** Find Customer, the real app against the sandbox: the records and the exact requests. */

/** The sandbox's clock, after every seeded date, moved by the tests that need a later update. */
let clock = new Date('2026-11-20T10:00:00.000Z');
const env = useSandbox({ now: () => clock });

beforeEach(() => {
  clock = new Date('2026-11-20T10:00:00.000Z');
});

const find = (inputData: Record<string, unknown>) =>
  env.perform(perform, { inputData }) as Promise<Record<string, unknown>[]>;

const getCustomer = (reference: string) => ({
  method: 'GET',
  path: '/v1/Customer',
  query: { ReferenceCustomer: reference },
  body: undefined,
});
const getAddress = (reference: string) => ({
  method: 'GET',
  path: '/v1/CustomerAddressBilling',
  query: { ReferenceCustomer: reference },
  body: undefined,
});
const searchByEmail = (email: string) => ({
  method: 'GET',
  path: '/backoffice/Distribution/Customers',
  query: { IdBusiness: '42', Email: email, SizePage: '100', Links: 'false' },
  body: undefined,
});

const JONAS = {
  id: 'cust-de-002',
  IdCustomer: 233701,
  ReferenceCustomer: 'cust-de-002',
  Name: 'Jonas Becker',
  Email: 'jonas.becker@becker-sohn.de',
  Language: 'de',
  Status: 'Enabled',
  ReferenceSegment: 'sandbox-eur',
  Company: 'Becker & Sohn GmbH',
  FirstName: 'Jonas',
  LastName: 'Becker',
  AddressLine1: 'Friedrichstraße 68',
  AddressLine2: '3. Etage',
  ZipCode: '10117',
  City: 'Berlin',
  Country: 'DE',
  CountryName: 'Germany',
  Region: 'DE-BE',
  Phone: '+4930208471122',
  TaxInformation: 'DE274938516',
};

const EMILY = {
  id: 'cust-us-005',
  IdCustomer: 233704,
  ReferenceCustomer: 'cust-us-005',
  Name: 'Emily Carter',
  Email: 'billing@northwind-analytics.com',
  Language: 'en-US',
  Status: 'Enabled',
  ReferenceSegment: 'sandbox-usd',
  Company: 'Northwind Analytics Inc.',
  FirstName: 'Emily',
  LastName: 'Carter',
  AddressLine1: '500 Howard Street',
  AddressLine2: 'Suite 300',
  ZipCode: '94105',
  City: 'San Francisco',
  Country: 'US',
  CountryName: 'United States of America',
  Region: 'US-CA',
  Phone: '+14155550132',
  TaxInformation: null,
};

describe('by reference', () => {
  it('returns the customer with its billing address, with exactly two requests', async () => {
    expect(await find({ ReferenceCustomer: 'cust-de-002' })).toEqual([JONAS]);
    expect(requestLog(env.sandbox)).toEqual([
      getCustomer('cust-de-002'),
      getAddress('cust-de-002'),
    ]);
  });

  it('uses the reference and ignores the email when both are given', async () => {
    const found = await find({
      ReferenceCustomer: ' cust-de-002 ',
      Email: 'billing@northwind-analytics.com',
    });
    expect(found).toEqual([JONAS]);
    expect(requestLog(env.sandbox)).toEqual([
      getCustomer('cust-de-002'),
      getAddress('cust-de-002'),
    ]);
  });

  it('gives every address field as null for a customer without an address', async () => {
    expect(await find({ ReferenceCustomer: 'cust-fr-006' })).toEqual([
      {
        id: 'cust-fr-006',
        IdCustomer: 233705,
        ReferenceCustomer: 'cust-fr-006',
        Name: 'Northwind Analytics France',
        Email: 'billing@northwind-analytics.com',
        Language: 'fr',
        Status: 'Enabled',
        ReferenceSegment: 'sandbox-eur',
        ...NO_ADDRESS,
      },
    ]);
    expect(env.sandbox.requests()).toHaveLength(2);
  });

  it('returns [] for an unknown reference (ProAbono answers 404), with exactly one request', async () => {
    expect(await find({ ReferenceCustomer: 'cust-nobody' })).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([getCustomer('cust-nobody')]);
  });

  it('matches references exactly: another case is another customer', async () => {
    expect(await find({ ReferenceCustomer: 'CUST-DE-002' })).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([getCustomer('CUST-DE-002')]);
  });
});

describe('by email', () => {
  it('returns the one customer with that email and its address, with exactly two requests', async () => {
    expect(await find({ Email: 'Jonas.Becker@becker-sohn.de' })).toEqual([JONAS]);
    expect(requestLog(env.sandbox)).toEqual([
      searchByEmail('Jonas.Becker@becker-sohn.de'),
      getAddress('cust-de-002'),
    ]);
  });

  it('of several customers with that email, returns the most recently updated', async () => {
    // ProAbono lists cust-fr-006 (newer) first; cust-us-005 was updated later.
    expect(await find({ Email: 'billing@northwind-analytics.com' })).toEqual([EMILY]);
    expect(requestLog(env.sandbox)).toEqual([
      searchByEmail('billing@northwind-analytics.com'),
      getAddress('cust-us-005'),
    ]);
  });

  it('follows the latest update: after an address update the other customer is found', async () => {
    clock = new Date('2026-11-21T08:30:00.000Z');
    await env.perform(updateAddress, {
      inputData: { ReferenceCustomer: 'cust-fr-006', City: 'Lyon', Country: 'France' },
    });
    env.sandbox.resetRequests();

    const found = await find({ Email: 'billing@northwind-analytics.com' });
    expect(found.map((customer) => [customer.ReferenceCustomer, customer.City])).toEqual([
      ['cust-fr-006', 'Lyon'],
    ]);
    expect(requestLog(env.sandbox)).toEqual([
      searchByEmail('billing@northwind-analytics.com'),
      getAddress('cust-fr-006'),
    ]);
  });

  it('returns [] for an unknown email, with exactly one request', async () => {
    expect(await find({ Email: 'nobody@example.com' })).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([searchByEmail('nobody@example.com')]);
  });
});

describe('input errors, before any request', () => {
  it.each([
    [
      'neither reference nor email',
      { ReferenceCustomer: ' ', Email: '' },
      'Fill in Customer Reference or Email to find a customer: both are blank.',
    ],
    [
      'an email that is not one',
      { Email: 'jonas at becker-sohn.de' },
      'Email "jonas at becker-sohn.de" is not an email address. Enter one address such as john@doe.com.',
    ],
  ])('%s', async (_, inputData, message) => {
    expect(await rejectionOf(find(inputData))).toEqual({
      name: 'AppError',
      code: 'invalid_input',
      message,
    });
    expect(env.sandbox.requests()).toEqual([]);
  });
});
