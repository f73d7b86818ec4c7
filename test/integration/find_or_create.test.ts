import App from '../../index.js';
import { performOf } from '../../sandbox/zapier/zapierHarness.js';
import type { AppFunction } from '../../sandbox/zapier/zapierHarness.js';
import { rejectionOf } from '../support/app.js';
import {
  createdAddressFailed,
  createdAddressThrottled,
  createdAddressUnconfirmed,
} from '../support/errors.js';
import { EMPTY_ADDRESS, NO_ADDRESS, firstCreatedCustomerRecord } from '../support/records.js';
import { addressRead, addressSave, customerLookup, customerSave } from '../support/requests.js';
import {
  customersOtherThan,
  customersWithReference,
  failAddressSave,
  requestLog,
  until,
  useSandbox,
  withShortTimeout,
} from '../support/sandbox.js';

/**
 * Find or Create Customer followed by Update Customer Billing Address, run as Zapier runs such a
 * Zap: the search step; the create step only when the search found nothing; then the update,
 * given the reference of whichever customer the first step produced.
 */

const env = useSandbox();

/** The performs Zapier would run, found the way Zapier finds them: through searchOrCreates. */
const pair = App.searchOrCreates?.find_customer;
const searchPerform = () => performOf(App, 'searches', pair?.search ?? '');
const createPerform = () => performOf(App, 'creates', pair?.create ?? '');
const updatePerform = () => performOf(App, 'creates', 'update_customer_billing_address');

const runStep = (
  perform: AppFunction,
  inputData: Record<string, unknown>,
  meta: Record<string, unknown> = {},
) => env.perform(perform, { inputData, meta });

/**
 * Zapier's search-or-create: the first search result, else the created record. Zapier tells the
 * create it runs for the search (`bundle.meta.withSearch`).
 */
const findOrCreate = async (inputData: Record<string, unknown>) => {
  const found = (await runStep(searchPerform(), inputData)) as Record<string, unknown>[];
  if (found[0]) return { step: 'found', record: found[0] };
  return {
    step: 'created',
    record: (await runStep(createPerform(), inputData, {
      withSearch: pair?.search,
    })) as Record<string, unknown>,
  };
};

const zap = async (customer: Record<string, unknown>, address: Record<string, unknown>) => {
  const { step, record } = await findOrCreate(customer);
  const updated = await runStep(updatePerform(), {
    ReferenceCustomer: record.ReferenceCustomer,
    ...address,
  });
  return { step, record, updated };
};

const NEW_CUSTOMER = {
  ReferenceCustomer: 'cust-nl-010',
  Name: 'Sanne de Vries',
  Email: 'sanne@devries-design.nl',
  Language: 'nl',
};
/** The record of the customer the create step makes, before any address. */
const CREATED = firstCreatedCustomerRecord(NEW_CUSTOMER);
const ADDRESS = {
  Company: 'De Vries Design B.V.',
  AddressLine1: 'Keizersgracht 221',
  ZipCode: '1016 DV',
  City: 'Amsterdam',
  Country: 'Pays-Bas',
};

it('wires Find Customer and Create Customer as the search-or-create pair', () => {
  expect(pair).toMatchObject({ search: 'find_customer', create: 'create_customer' });
});

const lookup = customerLookup('cust-nl-010');

it('creates the customer the search did not find, then sets its address: four requests in order', async () => {
  const { step, record, updated } = await zap(NEW_CUSTOMER, ADDRESS);

  expect(step).toBe('created');
  expect(record).toEqual(CREATED);
  expect(updated).toEqual({
    id: 'cust-nl-010',
    ReferenceCustomer: 'cust-nl-010',
    ...NO_ADDRESS,
    Company: 'De Vries Design B.V.',
    AddressLine1: 'Keizersgracht 221',
    ZipCode: '1016 DV',
    City: 'Amsterdam',
    Country: 'NL',
    CountryName: 'Netherlands',
  });
  // The search's lookup, then Create Customer's own: it creates only, whoever runs it.
  expect(requestLog(env.sandbox)).toEqual([
    lookup,
    lookup,
    customerSave(NEW_CUSTOMER),
    addressSave('cust-nl-010', { ...ADDRESS, Country: 'NL' }),
  ]);
  expect(env.sandbox.customers.get('cust-nl-010')).toMatchObject({
    Name: 'Sanne de Vries',
    address: { City: 'Amsterdam', Country: 'NL' },
  });
});

it('with the address given to the create step, a new customer gets it without an update step', async () => {
  const { step, record } = await findOrCreate({ ...NEW_CUSTOMER, ...ADDRESS });
  expect(step).toBe('created');
  expect(record).toMatchObject({
    id: 'cust-nl-010',
    City: 'Amsterdam',
    Country: 'NL',
    CountryName: 'Netherlands',
  });
  expect(requestLog(env.sandbox).map((request) => `${request.method} ${request.path}`)).toEqual([
    'GET /v1/Customer',
    'GET /v1/Customer',
    'POST /v1/Customer',
    'POST /v1/CustomerAddressBilling',
  ]);
});

it('runs again without creating anything: the search finds the customer created the first time', async () => {
  await zap(NEW_CUSTOMER, ADDRESS);
  env.sandbox.resetRequests();

  const { step, record, updated } = await zap(NEW_CUSTOMER, { AddressLine2: '2e verdieping' });
  expect(step).toBe('found');
  expect(record).toMatchObject({ ReferenceCustomer: 'cust-nl-010', City: 'Amsterdam' });
  expect(updated).toMatchObject({
    AddressLine1: 'Keizersgracht 221',
    AddressLine2: '2e verdieping',
  });
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-nl-010'),
    addressRead('cust-nl-010'),
    addressSave('cust-nl-010', { AddressLine2: '2e verdieping' }),
  ]);
  expect(env.sandbox.customers.list()).toHaveLength(7);
});

it('by email: finds the seed customer and updates it, never creating one', async () => {
  const { step, record } = await zap(
    { ReferenceCustomer: '', Email: 'lucia@estudio-fernandez.es' },
    { ZipCode: '28014' },
  );
  expect(step).toBe('found');
  expect(record.ReferenceCustomer).toBe('cust-es-003');
  expect(requestLog(env.sandbox).map((request) => `${request.method} ${request.path}`)).toEqual([
    'GET /backoffice/Distribution/Customers',
    'GET /v1/CustomerAddressBilling',
    'POST /v1/CustomerAddressBilling',
  ]);
  expect(env.sandbox.customers.address('cust-es-003')?.ZipCode).toBe('28014');
});

describe('the address fails after the create step created the customer: a replay of the Find or Create step finishes it', () => {
  const STEP = { ...NEW_CUSTOMER, ...ADDRESS };
  const SENT = { ...ADDRESS, Country: 'NL' };
  const RECORD = { ...CREATED, ...SENT, CountryName: 'Netherlands' };

  /** The replay: the search finds the customer and writes the address its creation left. */
  const expectFinishedByReplay = async (others: object[]) => {
    env.sandbox.resetRequests();
    expect(await findOrCreate(STEP)).toEqual({ step: 'found', record: RECORD });
    expect(requestLog(env.sandbox)).toEqual([
      lookup,
      addressRead('cust-nl-010'),
      addressSave('cust-nl-010', SENT),
    ]);
    expect(env.sandbox.customers.address('cust-nl-010')).toEqual({ ...EMPTY_ADDRESS, ...SENT });
    expect(customersWithReference(env.sandbox, 'cust-nl-010')).toHaveLength(1);
    expect(customersOtherThan(env.sandbox, 'cust-nl-010')).toEqual(others);
    // Done: a later run finds the complete customer and writes nothing.
    env.sandbox.resetRequests();
    expect(await findOrCreate(STEP)).toEqual({ step: 'found', record: RECORD });
    expect(requestLog(env.sandbox)).toEqual([lookup, addressRead('cust-nl-010')]);
  };

  it('a server error on every attempt, then a replay', async () => {
    const others = customersOtherThan(env.sandbox, 'cust-nl-010');
    failAddressSave(env.sandbox, { status: 500, times: 3 });
    expect(await rejectionOf(withShortTimeout(() => findOrCreate(STEP)))).toEqual(
      createdAddressFailed(
        'cust-nl-010',
        'ProAbono answered with a server error (HTTP 500) each time it was sent (3 times)',
      ),
    );
    expect(env.sandbox.customers.address('cust-nl-010')).toEqual(EMPTY_ADDRESS);
    await expectFinishedByReplay(others);
  });

  it("a 429, then the run Zapier starts after the throttle's delay", async () => {
    const others = customersOtherThan(env.sandbox, 'cust-nl-010');
    failAddressSave(env.sandbox, { status: 429, retryAfter: 30 });
    expect(await rejectionOf(findOrCreate(STEP))).toEqual(
      createdAddressThrottled('cust-nl-010', 30),
    );
    await expectFinishedByReplay(others);
  });

  it('no answer in time, then a replay once ProAbono has saved it: found complete, nothing written', async () => {
    const others = customersOtherThan(env.sandbox, 'cust-nl-010');
    // The late writes are counted by their notifications, one each, even when identical.
    env.setBehaviour({ noOpWriteNotifies: true });
    failAddressSave(env.sandbox, { latencyMs: 1500, times: 3 });
    expect(await rejectionOf(withShortTimeout(() => findOrCreate(STEP)))).toEqual(
      createdAddressUnconfirmed('cust-nl-010', '3 times', 'still empty'),
    );
    // Every late write lands before the replay, which must find them all done.
    await until(
      () =>
        env.sandbox.events().filter(
          (event) =>
            event.TypeTrigger === 'CustomerBillingAddressUpdated' &&
            event.Customer.ReferenceCustomer === 'cust-nl-010',
          // Three identical writes: each notifies only where ProAbono notifies a write that
          // changes nothing.
        ).length === 3,
    );
    env.sandbox.resetRequests();
    expect(await findOrCreate(STEP)).toEqual({ step: 'found', record: RECORD });
    expect(requestLog(env.sandbox)).toEqual([lookup, addressRead('cust-nl-010')]);
    expect(customersWithReference(env.sandbox, 'cust-nl-010')).toHaveLength(1);
    expect(customersOtherThan(env.sandbox, 'cust-nl-010')).toEqual(others);
  });

  it('no answer in time while ProAbono never saves it: the replay writes it', async () => {
    const others = customersOtherThan(env.sandbox, 'cust-nl-010');
    // The first answer comes too late and is an error: nothing is saved, whenever it arrives.
    failAddressSave(env.sandbox, { latencyMs: 1500, status: 503, times: 3 });
    expect(await rejectionOf(withShortTimeout(() => findOrCreate(STEP)))).toEqual(
      createdAddressUnconfirmed('cust-nl-010', '3 times', 'still empty'),
    );
    await expectFinishedByReplay(others);
  });

  it('a customer found without an address and with nothing left pending is returned as it is', async () => {
    // cust-fr-006 has no billing address; no step of this Zap created it.
    const { step, record } = await findOrCreate({ ReferenceCustomer: 'cust-fr-006', ...ADDRESS });
    expect(step).toBe('found');
    expect(record).toMatchObject({ ReferenceCustomer: 'cust-fr-006', City: null });
    expect(requestLog(env.sandbox)).toEqual([
      customerLookup('cust-fr-006'),
      addressRead('cust-fr-006'),
    ]);
  });
});
