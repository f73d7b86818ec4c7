import { jest } from '@jest/globals';
import nock from 'nock';

import { basicAuthorization } from '../sandbox/zapier/zapierHarness.js';
import { parseBusinessId } from '../src/api/config.js';
import { testConnection } from '../src/authentication.js';
import {
  AUTH,
  BACKOFFICE,
  LIVE,
  appTester,
  backofficeApi,
  captureLogs,
  expectOnlyTheseRequests,
  liveApi,
  rejectionOf,
  run,
} from './support/app.js';
import { backofficeRefused, invalidCredentials, throttled, unexpected } from './support/errors.js';
import { JOHN_DOE } from './support/proabono.js';

const customersPage = {
  Page: 1,
  SizePage: 1,
  Count: 1,
  TotalItems: 3,
  DateGenerated: '2026-11-20T10:00:00Z',
  Items: [JOHN_DOE],
};

/**
 * The Backoffice call of the connection test: one customer of its documented customer list, the
 * cheapest page it lists.
 */
const backofficeCustomersCall = () =>
  backofficeApi()
    .get('/Distribution/Customers')
    .query({ IdBusiness: '42', Page: '1', SizePage: '1', Links: 'false' })
    .times(1);

const backofficeCustomersPage = {
  Page: 1,
  SizePage: 1,
  Count: 1,
  TotalItems: 3,
  Items: [{ Id: 233700, IdBusiness: 42, IdSegment: 69, ReferenceCustomer: 'cust-42' }],
};

describe('connection test', () => {
  it('proves the keys on both APIs, in two requests, and labels the connection with the business', async () => {
    const live = liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(200, customersPage);
    const backoffice = backofficeCustomersCall().reply(200, backofficeCustomersPage);
    const result = await run(testConnection);
    expect(result).toEqual({ businessId: 42, totalCustomers: 3, label: 'Business 42' });
    expectOnlyTheseRequests(live, backoffice);
  });

  it('accepts the 204 with no body that an empty business answers, on either API', async () => {
    const live = liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(204);
    const backoffice = backofficeCustomersCall().reply(204);
    const result = await run(testConnection);
    expect(result).toEqual({ businessId: 42, totalCustomers: 0, label: 'Business 42' });
    expectOnlyTheseRequests(live, backoffice);
  });

  it('asks nothing of the customers the Backoffice lists: a list is proof enough', async () => {
    const logs = captureLogs();
    const live = liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(200, customersPage);
    // A customer as the Backoffice documents it: no reference, which the dropdown would skip.
    const backoffice = backofficeCustomersCall().reply(200, {
      ...backofficeCustomersPage,
      Items: [{ Id: 233700, IdBusiness: 42, Email: 'john.doe@example.com' }],
    });
    expect(await run(testConnection)).toEqual({
      businessId: 42,
      totalCustomers: 3,
      label: 'Business 42',
    });
    expectOnlyTheseRequests(live, backoffice);
    jest.restoreAllMocks();
    expect(logs).toEqual([]);
  });

  it('says the keys were rejected for the business, and why that happens, on 401', async () => {
    const live = liveApi()
      .get('/v1/Customers')
      .query({ SizePage: '1' })
      .reply(401, { Code: 'Unauthorized', Message: 'Invalid credentials' });
    const error = await rejectionOf(run(testConnection));
    expect(error).toEqual(invalidCredentials());
    // The Backoffice is not asked once the API Live has refused the keys.
    expectOnlyTheseRequests(live);
  });

  it.each([401, 403])(
    'says the Backoffice API refused keys the API Live accepted (%i), and what to do',
    async (status) => {
      const live = liveApi()
        .get('/v1/Customers')
        .query({ SizePage: '1' })
        .reply(200, customersPage);
      const backoffice = backofficeCustomersCall().reply(status, {
        Code: status,
        Message: 'Denied',
      });
      const error = await rejectionOf(run(testConnection));
      expect(error).toEqual(backofficeRefused(status));
      expectOnlyTheseRequests(live, backoffice);
    },
  );

  it('asks to try again when the Backoffice limits requests (429)', async () => {
    liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(200, customersPage);
    backofficeCustomersCall().reply(429, '', { 'Retry-After': '7' });
    const error = await rejectionOf(run(testConnection));
    expect(error).toEqual(throttled('testing the connection to the Backoffice API', 7));
  });

  it('names the Backoffice endpoint when its answer is not a list', async () => {
    liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(200, customersPage);
    backofficeCustomersCall().reply(200, { Items: 'none' });
    expect(await rejectionOf(run(testConnection))).toEqual(
      unexpected(
        'GET /Distribution/Customers',
        'testing the connection to the Backoffice API',
        'Items: Invalid input: expected array, received string',
      ),
    );
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
    backofficeCustomersCall().reply(204);
    const result = await appTester(testConnection, { authData: { ...AUTH, businessId } });
    expect(result).toMatchObject({ businessId: id });
    expect(scope.isDone()).toBe(true);
  });

  it('sends numeric keys (a legacy or mapped connection) as their digits', async () => {
    const authorization = basicAuthorization('123456', '987654321');
    const scope = nock(LIVE, { reqheaders: { authorization } })
      .get('/v1/Customers')
      .query({ SizePage: '1' })
      .reply(204);
    const backoffice = nock(BACKOFFICE, { reqheaders: { authorization } })
      .get('/Distribution/Customers')
      .query({ IdBusiness: '42', Page: '1', SizePage: '1', Links: 'false' })
      .reply(204);
    const result = await appTester(testConnection, {
      authData: { businessId: 42, agentKey: 123456, apiKey: 987654321 } as never,
    });
    expect(result).toMatchObject({ businessId: 42, totalCustomers: 0 });
    expect(scope.isDone() && backoffice.isDone()).toBe(true);
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
        'The Business ID is not valid: copy it from ProAbono → Integration → API. Enter the ' +
        'Business ID (a number such as 42), or paste the "Endpoint API" URL shown with it (such ' +
        'as https://api-42.proabono.com).',
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
