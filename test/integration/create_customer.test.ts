import type { StoredCustomer } from '../../sandbox/index.js';
import { perform } from '../../src/creates/create_customer.js';
import { rejectionOf } from '../support/app.js';
import { EMPTY_ADDRESS, firstCreatedCustomerRecord } from '../support/records.js';
import { addressRead, addressSave, customerLookup, customerSave } from '../support/requests.js';
import {
  customersOtherThan,
  customersWithReference,
  failAddressSave,
  requestLog,
  useSandbox,
  withShortTimeout,
} from '../support/sandbox.js';
import {
  createdAddressFailed,
  createdAddressRefused,
  createdAddressThrottled,
  REFERENCE_REQUIRED,
  customerExists,
  invalidData,
  invalidInput,
  notACountry,
  notALanguage,
  referenceCharacters,
} from '../support/errors.js';

/**
 * Create Customer, the real app against the sandbox: create only, the reference looked up first;
 * the billing address in the same step when one is given.
 */

const env = useSandbox();

const create = env.step(perform);

const GIULIA = {
  ReferenceCustomer: 'cust-it-007',
  Name: 'Giulia Romano',
  Email: 'giulia.romano@studioromano.it',
  Language: 'it',
};

/** Giulia as the step returns her, before any address. */
const GIULIA_RECORD = firstCreatedCustomerRecord(GIULIA);

it('creates a new customer without an address: the lookup and one save, nothing else', async () => {
  const record = await create({ ...GIULIA, Language: ' IT ', ReferenceSegment: '', City: ' ' });
  expect(record).toEqual(GIULIA_RECORD);
  expect(requestLog(env.sandbox)).toEqual([customerLookup('cust-it-007'), customerSave(GIULIA)]);
  expect(env.sandbox.customers.get('cust-it-007')).toMatchObject({
    Id: 233706,
    ...GIULIA,
    ReferenceSegment: 'sandbox-eur',
  });
  expect(env.sandbox.customers.list()).toHaveLength(7);
  // A new customer: ProAbono records CustomerAdded, and no address update.
  expect(env.sandbox.events().map((event) => event.TypeTrigger)).toEqual(['CustomerAdded']);
});

it('creates a customer with its billing address in the same step, normalised: three requests', async () => {
  const record = await create({
    ...GIULIA,
    Company: 'Studio Romano S.r.l.',
    AddressLine1: 'Via Roma 12',
    ZipCode: 20121,
    City: 'Milano',
    Country: 'Italie',
    Phone: '02 1234 5678',
    TaxInformation: 'IT 00743110157',
  });
  const address = {
    Company: 'Studio Romano S.r.l.',
    AddressLine1: 'Via Roma 12',
    ZipCode: '20121',
    City: 'Milano',
    Country: 'IT',
    Phone: '+390212345678',
    TaxInformation: 'IT00743110157',
  };
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-it-007'),
    customerSave(GIULIA),
    addressSave('cust-it-007', address),
  ]);
  expect(record).toEqual({
    ...GIULIA_RECORD,
    ...address,
    CountryName: 'Italy',
  });
  expect(env.sandbox.customers.address('cust-it-007')).toEqual({ ...EMPTY_ADDRESS, ...address });
});

it('puts the customer in the segment asked for', async () => {
  const record = await create({
    ReferenceCustomer: 'cust-us-008',
    ReferenceSegment: 'sandbox-usd',
  });
  expect(record).toMatchObject({ id: 'cust-us-008', ReferenceSegment: 'sandbox-usd' });
  expect(env.sandbox.customers.get('cust-us-008')).toMatchObject({ Currency: 'USD' });
});

describe('create only', () => {
  it('stops at an existing reference after the lookup alone, and changes nothing', async () => {
    const before = env.sandbox.customers.get('cust-de-002');
    const error = await rejectionOf(
      create({ ReferenceCustomer: 'cust-de-002', Name: 'Someone Else', City: 'Köln' }),
    );
    expect(error).toEqual(customerExists('cust-de-002', 'sandbox-eur'));
    expect(requestLog(env.sandbox)).toEqual([customerLookup('cust-de-002')]);
    expect(env.sandbox.customers.get('cust-de-002')).toEqual(before);
    expect(env.sandbox.events()).toEqual([]);
  });

  it('stops at a reference that exists in another segment than the one asked for, creating no twin', async () => {
    const error = await rejectionOf(
      create({ ReferenceCustomer: 'cust-us-005', ReferenceSegment: 'sandbox-eur' }),
    );
    expect(error).toMatchObject({
      code: 'customer_exists',
      message: expect.stringContaining('(segment "sandbox-usd")'),
    });
    expect(requestLog(env.sandbox)).toEqual([customerLookup('cust-us-005')]);
    expect(
      env.sandbox.customers
        .list()
        .filter((customer) => customer.ReferenceCustomer === 'cust-us-005'),
    ).toHaveLength(1);
  });

  it('a second run of the same step stops at the customer the first one created', async () => {
    await create(GIULIA);
    env.sandbox.resetRequests();
    expect(await rejectionOf(create(GIULIA))).toMatchObject({ code: 'customer_exists' });
    expect(requestLog(env.sandbox)).toEqual([customerLookup('cust-it-007')]);
    expect(env.sandbox.customers.list()).toHaveLength(7);
  });
});

it("ProAbono's 422 about the segment names the Zapier label, and nothing is created", async () => {
  const error = await rejectionOf(
    create({ ReferenceCustomer: 'cust-x-009', ReferenceSegment: 'no-such-segment' }),
  );
  // The code is the sandbox's own: a ProAbono that documents none sends the message alone.
  const code = env.sandbox.behaviour.inventedErrorCodes ? '. (Error.Api.Segment.Unknown)' : '';
  expect(error).toEqual(
    invalidData('saving customer "cust-x-009"', `Segment: No segment has this reference${code}`),
  );
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-x-009'),
    customerSave({ ReferenceCustomer: 'cust-x-009', ReferenceSegment: 'no-such-segment' }),
  ]);
  expect(env.sandbox.customers.get('cust-x-009')).toBeUndefined();
});

it('says the customer was created without its address when ProAbono refuses the address', async () => {
  // ProAbono documents no length limit nor its 422 codes: this test needs a ProAbono with both.
  env.setBehaviour({ addressFieldMaxLength: 255, inventedErrorCodes: true });
  const error = await rejectionOf(create({ ...GIULIA, City: 'M'.repeat(300) }));
  expect(error).toEqual(
    createdAddressRefused(
      'cust-it-007',
      'ProAbono did not accept the data while updating the billing address of customer ' +
        '"cust-it-007": City: City must be at most 255 characters long. (Error.Api.Field.TooLong).',
    ),
  );
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-it-007'),
    customerSave(GIULIA),
    addressSave('cust-it-007', { City: 'M'.repeat(300) }),
  ]);
  expect(env.sandbox.customers.get('cust-it-007')?.address.City).toBeNull();

  // Corrected and replayed, the step finishes its own customer's address.
  env.sandbox.resetRequests();
  const record = await create({ ...GIULIA, City: 'Milano' });
  expect(record).toMatchObject({ id: 'cust-it-007', City: 'Milano' });
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-it-007'),
    addressRead('cust-it-007'),
    addressSave('cust-it-007', { City: 'Milano' }),
  ]);
  expect(customersWithReference(env.sandbox, 'cust-it-007')).toHaveLength(1);
});

describe('the address fails after the customer was created: a replay of the same step finishes it', () => {
  const ADDRESS = { City: 'Milano', Country: 'IT' };
  const STEP = { ...GIULIA, ...ADDRESS };

  const expectFinishedByReplay = async (others: StoredCustomer[]) => {
    env.sandbox.resetRequests();
    const record = await create(STEP);
    expect(record).toEqual({ ...GIULIA_RECORD, ...ADDRESS, CountryName: 'Italy' });
    expect(requestLog(env.sandbox)).toEqual([
      customerLookup('cust-it-007'),
      addressRead('cust-it-007'),
      addressSave('cust-it-007', ADDRESS),
    ]);
    expect(env.sandbox.customers.address('cust-it-007')).toEqual({ ...EMPTY_ADDRESS, ...ADDRESS });
    expect(customersWithReference(env.sandbox, 'cust-it-007')).toHaveLength(1);
    expect(customersOtherThan(env.sandbox, 'cust-it-007')).toEqual(others);
  };

  it('a server error on every attempt: the customer exists without address, and the replay writes it', async () => {
    const others = customersOtherThan(env.sandbox, 'cust-it-007');
    failAddressSave(env.sandbox, { status: 500, times: 3 });
    expect(await rejectionOf(withShortTimeout(() => create(STEP)))).toEqual(
      createdAddressFailed(
        'cust-it-007',
        'ProAbono answered with a server error (HTTP 500) each time it was sent (3 times)',
      ),
    );
    expect(requestLog(env.sandbox)).toEqual([
      customerLookup('cust-it-007'),
      customerSave(GIULIA),
      ...Array.from({ length: 3 }, () => addressSave('cust-it-007', ADDRESS)),
    ]);
    expect(env.sandbox.customers.address('cust-it-007')).toEqual(EMPTY_ADDRESS);
    await expectFinishedByReplay(others);
  });

  it('one server error: sent again within the step, which succeeds', async () => {
    failAddressSave(env.sandbox, { status: 503 });
    expect(await withShortTimeout(() => create(STEP))).toMatchObject({
      City: 'Milano',
      Country: 'IT',
    });
    expect(requestLog(env.sandbox)).toEqual([
      customerLookup('cust-it-007'),
      customerSave(GIULIA),
      addressSave('cust-it-007', ADDRESS),
      addressSave('cust-it-007', ADDRESS),
    ]);
  });

  it("a 429: Zapier's throttle error, and the run Zapier starts then writes the address", async () => {
    const others = customersOtherThan(env.sandbox, 'cust-it-007');
    failAddressSave(env.sandbox, { status: 429, retryAfter: 30 });
    expect(await rejectionOf(create(STEP))).toEqual(createdAddressThrottled('cust-it-007', 30));
    expect(env.sandbox.customers.address('cust-it-007')).toEqual(EMPTY_ADDRESS);
    await expectFinishedByReplay(others);
  });

  it('a customer with this reference that the step did not create is never touched', async () => {
    // cust-fr-006 has no billing address: a step naming it with other details is not its creator.
    const before = env.sandbox.customers.get('cust-fr-006');
    const error = await rejectionOf(
      create({ ReferenceCustomer: 'cust-fr-006', Name: 'Someone Else', ...ADDRESS }),
    );
    expect(error).toEqual(customerExists('cust-fr-006', 'sandbox-eur'));
    expect(requestLog(env.sandbox)).toEqual([customerLookup('cust-fr-006')]);
    expect(env.sandbox.customers.get('cust-fr-006')).toEqual(before);
  });
});

it.each([
  ['no reference', { Name: 'Nobody' }, REFERENCE_REQUIRED],
  [
    'a reference ProAbono forbids',
    { ReferenceCustomer: 'a&b' },
    referenceCharacters('Customer Reference', 'a&b', '&'),
  ],
  [
    'a language that is neither a code nor a name',
    { ReferenceCustomer: 'cust-x', Language: 'Elbisch' },
    notALanguage('Language', 'Elbisch'),
  ],
  [
    'an unknown country in the address',
    { ReferenceCustomer: 'cust-x', City: 'Rome', Country: 'Narnia' },
    notACountry('"Narnia"'),
  ],
])('%s: refused before any request', async (_, inputData, message) => {
  expect(await rejectionOf(create(inputData))).toEqual(invalidInput(message));
  expect(env.sandbox.requests()).toEqual([]);
  expect(env.sandbox.customers.list()).toHaveLength(6);
});
