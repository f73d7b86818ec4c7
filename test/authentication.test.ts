import nock from 'nock';

import { parseBusinessId } from '../src/api/config.js';
import { testConnection } from '../src/authentication.js';
import { AUTH, LIVE, appTester, liveApi, rejectionOf } from './helpers.js';

const customersPage = {
  Page: 1,
  SizePage: 1,
  Count: 1,
  TotalItems: 3,
  DateGenerated: '2026-11-20T10:00:00Z',
  Items: [
    {
      Id: 233700,
      IdSegment: 69,
      ReferenceCustomer: 'cust-42',
      ReferenceSegment: 'demo-eur',
      Currency: 'EUR',
      Name: 'John Doe',
      Email: 'john@doe.com',
      Language: 'en',
      Status: 'Enabled',
    },
  ],
};

describe('connection test', () => {
  it('sends GET /v1/Customers?SizePage=1 with Basic auth and labels the connection', async () => {
    const scope = liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(200, customersPage);
    const result = await appTester(testConnection, { authData: { ...AUTH } });
    expect(result).toEqual({
      businessId: 42,
      totalCustomers: 3,
      label: 'Business 42 (3 customers)',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('accepts the 204 with no body that an empty business answers', async () => {
    const scope = liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(204);
    const result = await appTester(testConnection, { authData: { ...AUTH } });
    expect(result).toEqual({
      businessId: 42,
      totalCustomers: 0,
      label: 'Business 42 (0 customers)',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('says the keys were rejected for the business, and why that happens, on 401', async () => {
    liveApi()
      .get('/v1/Customers')
      .query({ SizePage: '1' })
      .reply(401, { Code: 'Unauthorized', Message: 'Invalid credentials' });
    const error = await rejectionOf(appTester(testConnection, { authData: { ...AUTH } }));
    expect(error).toEqual({
      name: 'AppError',
      code: 'invalid_credentials',
      status: 401,
      message:
        'ProAbono rejected the Agent Key and API Key for business 42. Copy both keys again from ' +
        'ProAbono → Integration → API, and check that they come from the same environment as the ' +
        'Business ID: sandbox and production are separate ProAbono businesses, each with its own ' +
        'Business ID and keys.',
    });
  });

  it.each([
    ['https://api-42.proabono.com', 42],
    ['https://api-42.proabono.com/', 42],
    ['https://api-42.proabono.com/v1', 42],
    ['https://api-42.proabono.com/v1/', 42],
  ])('connects with the Endpoint API URL %s', async (businessId, id) => {
    const scope = nock(`https://api-${id}.proabono.com`)
      .get('/v1/Customers')
      .query({ SizePage: '1' })
      .reply(204);
    const result = await appTester(testConnection, { authData: { ...AUTH, businessId } });
    expect(result).toMatchObject({ businessId: id });
    expect(scope.isDone()).toBe(true);
  });

  it('sends numeric keys (a legacy or mapped connection) as their digits', async () => {
    const authorization = `Basic ${Buffer.from('123456:987654321').toString('base64')}`;
    const scope = nock(LIVE, { reqheaders: { authorization } })
      .get('/v1/Customers')
      .query({ SizePage: '1' })
      .reply(204);
    const result = await appTester(testConnection, {
      authData: { businessId: 42, agentKey: 123456, apiKey: 987654321 } as never,
    });
    expect(result).toMatchObject({ businessId: 42, totalCustomers: 0 });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['a boolean', true],
    ['an object', { key: 'agent' }],
    ['a number that is not finite', Number.NaN],
    ['a blank text', '   '],
  ])(
    'sends no Authorization when the Agent Key is %s, and reports the rejection',
    async (_kind, agentKey) => {
      const scope = nock(LIVE, { badheaders: ['authorization'] })
        .get('/v1/Customers')
        .query({ SizePage: '1' })
        .reply(401);
      const error = await rejectionOf(
        appTester(testConnection, { authData: { ...AUTH, agentKey } as never }),
      );
      expect(error).toMatchObject({ name: 'AppError', code: 'invalid_credentials', status: 401 });
      expect(scope.isDone()).toBe(true);
    },
  );

  it('refuses a malformed Business ID before sending any request, showing the accepted forms', async () => {
    const scope = nock(LIVE).get(/.*/).reply(200, customersPage);
    const error = await rejectionOf(
      appTester(testConnection, { authData: { ...AUTH, businessId: 'my business' } }),
    );
    expect(error).toEqual({
      name: 'AppError',
      code: 'invalid_business_id',
      message:
        'The Business ID is not valid. Enter the Business ID shown in ProAbono under Integration → ' +
        'API (a number such as 42), or paste the "Endpoint API" URL shown there (such as ' +
        'https://api-42.proabono.com).',
    });
    expect(scope.isDone()).toBe(false);
  });
});

describe('parseBusinessId', () => {
  it.each([
    ['42', 42],
    [' 42 ', 42],
    ['7', 7],
    ['https://api-42.proabono.com', 42],
    ['https://api-1234.proabono.com/', 1234],
    ['https://api-42.proabono.com/v1', 42],
    ['https://api-42.proabono.com/v1/', 42],
    ['HTTPS://API-42.PROABONO.COM/V1', 42],
    ['api-42.proabono.com', 42],
    ['  https://api-42.proabono.com/  ', 42],
  ])('reads %j as %i', (raw, id) => {
    expect(parseBusinessId(raw)).toBe(id);
  });

  it.each([
    '',
    '   ',
    '0',
    '-4',
    '4.2',
    '42abc',
    'https://via.proabono.com',
    'https://api-42.proabono.com/v2',
    'https://api-42.proabono.com.evil.example',
    'https://api-.proabono.com',
    'ftp://api-42.proabono.com',
    '99999999999999999999',
    undefined,
    null,
  ])('refuses %j', (raw) => {
    expect(() => parseBusinessId(raw)).toThrow(/The Business ID is not valid/);
  });
});
