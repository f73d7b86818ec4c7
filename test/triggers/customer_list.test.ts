import { jest } from '@jest/globals';
import nock from 'nock';

import { perform } from '../../src/triggers/customer_list.js';
import { captureLogs, liveApi, rejectionOf, run } from '../support/app.js';
import { expiredAuth, firstLineOf, unexpected } from '../support/errors.js';
import { JOHN_DOE, JOHN_DOE_RECORD } from '../support/proabono.js';

const page = (items: object[], totalItems = items.length) => ({
  Page: 1,
  SizePage: 100,
  Count: items.length,
  TotalItems: totalItems,
  Items: items,
});

const john = { ...JOHN_DOE, Email: 'john@doe.com' };

const list = (meta?: { page: number }) => run(perform, { ...(meta ? { meta } : {}) });

/** `GET /v1/Customers`: ProAbono's page `page` (from 1) of 100 customers. */
const customersPageApi = (page: number) =>
  liveApi()
    .get('/v1/Customers')
    .query({ Page: String(page), SizePage: '100' });

describe('customer_list', () => {
  it('lists the first page when Zapier gives no page, labelled to tell customers apart', async () => {
    const scope = customersPageApi(1).reply(
      200,
      page(
        [
          john,
          { ReferenceCustomer: 'acme-7', Name: 'ACME SAS', Email: null },
          { ReferenceCustomer: 'lead-3', Email: 'lead@example.org' },
          { ReferenceCustomer: 'bare' },
        ],
        250,
      ),
    );
    // A dropdown entry has the customer block only, without what a customer record adds.
    const {
      ReferenceAffiliation: _affiliation,
      Metadata: _metadata,
      ...johnBlock
    } = JOHN_DOE_RECORD;
    expect(await list()).toEqual([
      {
        ...johnBlock,
        label: 'John Doe · john@doe.com · cust-42',
        Email: 'john@doe.com',
      },
      {
        id: 'acme-7',
        label: 'ACME SAS · acme-7',
        IdCustomer: null,
        ReferenceCustomer: 'acme-7',
        Name: 'ACME SAS',
        Email: null,
        Language: null,
        Status: null,
        ReferenceSegment: null,
      },
      {
        id: 'lead-3',
        label: 'lead@example.org · lead-3',
        IdCustomer: null,
        ReferenceCustomer: 'lead-3',
        Name: null,
        Email: 'lead@example.org',
        Language: null,
        Status: null,
        ReferenceSegment: null,
      },
      {
        id: 'bare',
        label: 'bare',
        IdCustomer: null,
        ReferenceCustomer: 'bare',
        Name: null,
        Email: null,
        Language: null,
        Status: null,
        ReferenceSegment: null,
      },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([
    [0, 1],
    [1, 2],
    [4, 5],
  ])('turns Zapier page %i into ProAbono page %i, one request per call', async (zapierPage, pa) => {
    const scope = customersPageApi(pa).reply(200, page([john], 1000));
    expect(await list({ page: zapierPage })).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('returns [] for an empty business or past the last page (204)', async () => {
    const scope = customersPageApi(3).reply(204);
    expect(await list({ page: 2 })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('asks to reconnect on 401', async () => {
    customersPageApi(1).reply(401);
    const error = await rejectionOf(list());
    expect(firstLineOf(error)).toEqual(expiredAuth());
  });

  it('skips and logs a customer it cannot read, and lists the others', async () => {
    const logs = captureLogs();
    customersPageApi(1).reply(200, page([{ Id: 7, Name: 'no reference' }, john]));
    expect((await list()).map((choice) => (choice as { id: string }).id)).toEqual(['cust-42']);
    jest.restoreAllMocks();
    expect(logs).toEqual([
      "Skipped item 1 (Id 7) of ProAbono's answer to GET /v1/Customers while listing customers: " +
        'it is not in the expected format (ReferenceCustomer: Invalid input: expected string, ' +
        'received undefined). The other items were used.',
    ]);
  });

  it('reports a page it cannot read, naming the endpoint', async () => {
    customersPageApi(1).reply(200, { Items: 'no list here' });
    expect(await rejectionOf(list())).toEqual(
      unexpected(
        'GET /v1/Customers',
        'listing customers',
        'Items: Invalid input: expected array, received string',
      ),
    );
  });
});
