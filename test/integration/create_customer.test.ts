import { perform } from '../../src/creates/create_customer.js';
import { rejectionOf } from '../helpers.js';
import { sentRequests, useSandbox } from './operationsFixture.js';

/** Create Customer, the real app against the sandbox: upsert by reference, one request each. */

const env = useSandbox();

const create = (inputData: Record<string, unknown>) =>
  env.perform(perform, { inputData }) as Promise<Record<string, unknown>>;

const upsert = (body: Record<string, string>) => ({
  method: 'POST',
  path: '/v1/Customer',
  query: {},
  body,
});

const GIULIA = {
  ReferenceCustomer: 'cust-it-007',
  Name: 'Giulia Romano',
  Email: 'giulia.romano@studioromano.it',
  Language: 'it',
};

it('creates a new customer (201): created true, one request with only the filled fields', async () => {
  const record = await create({ ...GIULIA, Language: ' IT ', ReferenceSegment: '' });
  expect(record).toEqual({
    id: '233706',
    ...GIULIA,
    Status: 'Enabled',
    ReferenceSegment: 'sandbox-eur',
    created: true,
  });
  expect(sentRequests(env.sandbox)).toEqual([upsert(GIULIA)]);
  expect(env.sandbox.customers.get('cust-it-007')).toMatchObject({
    Id: 233706,
    ...GIULIA,
    ReferenceSegment: 'sandbox-eur',
  });
  expect(env.sandbox.customers.list()).toHaveLength(7);
});

it('the same reference again (200): created false, the same customer, one request', async () => {
  await create(GIULIA);
  env.sandbox.resetRequests();

  const record = await create({ ReferenceCustomer: 'cust-it-007', Name: 'Giulia Romano Srl' });
  expect(record).toEqual({
    id: '233706',
    ...GIULIA,
    Name: 'Giulia Romano Srl',
    Status: 'Enabled',
    ReferenceSegment: 'sandbox-eur',
    created: false,
  });
  expect(sentRequests(env.sandbox)).toEqual([
    upsert({ ReferenceCustomer: 'cust-it-007', Name: 'Giulia Romano Srl' }),
  ]);
  // An upsert leaves what it was not given: the email survives, no duplicate appears.
  expect(env.sandbox.customers.get('cust-it-007')).toMatchObject({
    Name: 'Giulia Romano Srl',
    Email: GIULIA.Email,
  });
  expect(env.sandbox.customers.list()).toHaveLength(7);
});

it('an existing seed customer with only its reference: created false, nothing changed', async () => {
  const before = env.sandbox.customers.get('cust-us-005');
  const record = await create({ ReferenceCustomer: 'cust-us-005' });
  expect(record).toEqual({
    id: '233704',
    ReferenceCustomer: 'cust-us-005',
    Name: 'Emily Carter',
    Email: 'billing@northwind-analytics.com',
    Language: 'en-US',
    Status: 'Enabled',
    ReferenceSegment: 'sandbox-usd',
    created: false,
  });
  expect(sentRequests(env.sandbox)).toEqual([upsert({ ReferenceCustomer: 'cust-us-005' })]);
  const after = env.sandbox.customers.get('cust-us-005');
  expect({ ...after, DateUpdate: undefined }).toEqual({ ...before, DateUpdate: undefined });
});

it('puts the customer in the segment asked for', async () => {
  const record = await create({
    ReferenceCustomer: 'cust-us-008',
    ReferenceSegment: 'sandbox-usd',
  });
  expect(record).toMatchObject({ ReferenceSegment: 'sandbox-usd', created: true });
  expect(env.sandbox.customers.get('cust-us-008')).toMatchObject({ Currency: 'USD' });
});

it("ProAbono's 422 about the segment names the Zapier label", async () => {
  const error = await rejectionOf(
    create({ ReferenceCustomer: 'cust-x-009', ReferenceSegment: 'no-such-segment' }),
  );
  expect(error).toEqual({
    name: 'AppError',
    code: 'invalid_data',
    status: 422,
    message:
      'ProAbono did not accept the data while saving customer "cust-x-009": Segment Reference: ' +
      'No segment has this reference. (Error.Api.Segment.Unknown).',
  });
  expect(sentRequests(env.sandbox)).toEqual([
    upsert({ ReferenceCustomer: 'cust-x-009', ReferenceSegment: 'no-such-segment' }),
  ]);
  expect(env.sandbox.customers.get('cust-x-009')).toBeUndefined();
});

it.each([
  [
    'no reference',
    { Name: 'Nobody' },
    'Customer Reference is required: enter the ID your own system uses for this customer (at ' +
      'most 50 characters), such as cust-42.',
  ],
  [
    'a reference ProAbono forbids',
    { ReferenceCustomer: 'a&b' },
    'Customer Reference "a&b" contains &, which ProAbono does not allow in a reference. Use ' +
      'letters, digits and signs such as - _ . @ (at most 50 characters).',
  ],
  [
    'a language that is not a code',
    { ReferenceCustomer: 'cust-x', Language: 'Italiano' },
    'Language "Italiano" is not a language code. Use a two-letter ISO 639-1 code such as en or ' +
      'fr, or a locale such as en-US or fr-FR.',
  ],
])('%s: refused before any request', async (_, inputData, message) => {
  expect(await rejectionOf(create(inputData))).toEqual({
    name: 'AppError',
    code: 'invalid_input',
    message,
  });
  expect(env.sandbox.requests()).toEqual([]);
  expect(env.sandbox.customers.list()).toHaveLength(6);
});
