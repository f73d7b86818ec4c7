import { perform as updateAddress } from '../../src/creates/update_customer_billing_address.js';
import { perform } from '../../src/searches/find_customer.js';
import { rejectionOf } from '../support/app.js';
import { NO_ADDRESS, asListedByBackoffice, seededCustomerRecord } from '../support/records.js';
import { addressRead, customerLookup, emailSearch } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import type { RequestLogEntry } from '../support/sandbox.js';
import { invalidInput, notAnEmail } from '../support/errors.js';

/** Find Customer, the real app against the sandbox: the records and the exact requests. */

/** The sandbox's clock, after every seeded date, moved by the tests that need a later update. */
let clock = new Date('2026-11-20T10:00:00.000Z');
const env = useSandbox({ now: () => clock });

beforeEach(() => {
  clock = new Date('2026-11-20T10:00:00.000Z');
});

const find = env.step(perform);

/** Runs the search and checks what it found and the exact requests it sent. */
const expectFound = async (
  inputData: Record<string, unknown>,
  found: Record<string, unknown>[],
  requests: RequestLogEntry[],
) => {
  expect(await find(inputData)).toEqual(found);
  expect(requestLog(env.sandbox)).toEqual(requests);
};

/** The two requests of a search by reference that finds the customer. */
const lookupAndAddress = (reference: string) => [customerLookup(reference), addressRead(reference)];

const JONAS = seededCustomerRecord('cust-de-002', 233701);
const EMILY = seededCustomerRecord('cust-us-005', 233704);

describe('by reference', () => {
  it('returns the customer with its billing address, with exactly two requests', async () => {
    await expectFound(
      { ReferenceCustomer: 'cust-de-002' },
      [JONAS],
      lookupAndAddress('cust-de-002'),
    );
  });

  it('uses the reference and ignores the email when both are given', async () => {
    await expectFound(
      { ReferenceCustomer: ' cust-de-002 ', Email: 'billing@northwind-analytics.com' },
      [JONAS],
      lookupAndAddress('cust-de-002'),
    );
  });

  it('gives every address field as null for a customer without an address', async () => {
    await expectFound(
      { ReferenceCustomer: 'cust-fr-006' },
      [
        {
          id: 'cust-fr-006',
          IdCustomer: 233705,
          ReferenceCustomer: 'cust-fr-006',
          Name: 'Northwind Analytics France',
          Email: 'billing@northwind-analytics.com',
          Language: 'fr',
          Status: 'Enabled',
          ReferenceSegment: 'sandbox-eur',
          ReferenceAffiliation: null,
          Metadata: {},
          ...NO_ADDRESS,
        },
      ],
      lookupAndAddress('cust-fr-006'),
    );
  });

  it('returns [] for an unknown reference (ProAbono answers 404), with exactly one request', async () => {
    await expectFound({ ReferenceCustomer: 'cust-nobody' }, [], [customerLookup('cust-nobody')]);
  });

  it('matches references exactly: another case is another customer', async () => {
    await expectFound({ ReferenceCustomer: 'CUST-DE-002' }, [], [customerLookup('CUST-DE-002')]);
  });
});

describe('by email', () => {
  it('returns the one customer with that email and its address, with exactly two requests', async () => {
    await expectFound(
      { Email: 'Jonas.Becker@becker-sohn.de' },
      [asListedByBackoffice(env.sandbox, JONAS)],
      [emailSearch('Jonas.Becker@becker-sohn.de'), addressRead('cust-de-002')],
    );
  });

  it('of several customers with that email, returns the most recently updated', async () => {
    // ProAbono lists cust-fr-006 (newer) first; cust-us-005 was updated later.
    await expectFound(
      { Email: 'billing@northwind-analytics.com' },
      [asListedByBackoffice(env.sandbox, EMILY)],
      [emailSearch('billing@northwind-analytics.com'), addressRead('cust-us-005')],
    );
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
      emailSearch('billing@northwind-analytics.com'),
      addressRead('cust-fr-006'),
    ]);
  });

  it('returns [] for an unknown email, with exactly one request', async () => {
    await expectFound({ Email: 'nobody@example.com' }, [], [emailSearch('nobody@example.com')]);
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
      notAnEmail('Email', 'jonas at becker-sohn.de'),
    ],
  ])('%s', async (_, inputData, message) => {
    expect(await rejectionOf(find(inputData))).toEqual(invalidInput(message));
    expect(env.sandbox.requests()).toEqual([]);
  });
});
