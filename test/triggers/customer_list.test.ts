import { jest } from '@jest/globals';
import nock from 'nock';

import { perform } from '../../src/triggers/customer_list.js';
import { backofficeApi, captureLogs, rejectionOf, run } from '../support/app.js';
import { expiredAuth, firstLineOf, unexpected } from '../support/errors.js';
import { JOHN_DOE, JOHN_DOE_RECORD } from '../support/proabono.js';
import { customerNotOffered } from '../support/zapLogs.js';

const page = (items: object[], totalItems = items.length) => ({
  Page: 1,
  SizePage: 100,
  Count: items.length,
  TotalItems: totalItems,
  Items: items,
});

/**
 * John Doe as the Backoffice lists him: its own fields (`StateCustomer`, `DateUpdate`...), and
 * maybe no `ReferenceSegment`, which its documentation does not list.
 */
const john = {
  Id: JOHN_DOE.Id,
  IdBusiness: 42,
  IdSegment: JOHN_DOE.IdSegment,
  ReferenceSegment: JOHN_DOE.ReferenceSegment,
  ReferenceCustomer: JOHN_DOE.ReferenceCustomer,
  Name: JOHN_DOE.Name,
  Email: 'john@doe.com',
  Language: JOHN_DOE.Language,
  StateCustomer: 'Enabled',
  DateCreation: '2026-01-12T09:30:00Z',
  DateUpdate: '2026-11-20T10:00:00Z',
};

const list = (meta?: { page: number | string }) =>
  run(perform, { ...(meta ? { meta: meta as { page: number } } : {}) });

/** The Backoffice's `GET /Distribution/Customers`: page `page` (from 1) of 100, every segment. */
const customersPageApi = (page: number) =>
  backofficeApi()
    .get('/Distribution/Customers')
    .query({ IdBusiness: '42', Page: String(page), SizePage: '100', Links: 'false' })
    .times(1);

// A dropdown entry has the customer block only, without what a customer record adds.
const { ReferenceAffiliation: _affiliation, Metadata: _metadata, ...johnBlock } = JOHN_DOE_RECORD;

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

  it('lists customers of every segment, with or without their segment reference', async () => {
    const { ReferenceSegment: _none, ...withoutSegment } = john;
    customersPageApi(1).reply(
      200,
      page([
        { ...john, ReferenceCustomer: 'cust-usd-1', IdSegment: 70, ReferenceSegment: 'demo-usd' },
        { ...withoutSegment, ReferenceCustomer: 'cust-eur-2' },
      ]),
    );
    expect(await list()).toEqual([
      {
        ...johnBlock,
        id: 'cust-usd-1',
        ReferenceCustomer: 'cust-usd-1',
        label: 'John Doe · john@doe.com · cust-usd-1',
        Email: 'john@doe.com',
        ReferenceSegment: 'demo-usd',
      },
      {
        ...johnBlock,
        id: 'cust-eur-2',
        ReferenceCustomer: 'cust-eur-2',
        label: 'John Doe · john@doe.com · cust-eur-2',
        Email: 'john@doe.com',
        ReferenceSegment: null,
      },
    ]);
  });

  it('gives customers of two segments with one reference one entry, the first, and logs the other', async () => {
    const logs = captureLogs();
    customersPageApi(1).reply(
      200,
      page([
        john,
        { ...john, Id: 233790, IdSegment: 70, ReferenceSegment: 'demo-usd', Name: 'John Doe US' },
        { ...john, Id: undefined, Name: 'John, no Id' },
      ]),
    );
    expect(await list()).toEqual([
      { ...johnBlock, label: 'John Doe · john@doe.com · cust-42', Email: 'john@doe.com' },
    ]);
    jest.restoreAllMocks();
    expect(logs).toEqual([
      customerNotOffered('customer 233790', 'cust-42', 'customer 233700'),
      customerNotOffered('a customer', 'cust-42', 'customer 233700'),
    ]);
  });

  it.each([
    [0, 1],
    [1, 2],
    [4, 5],
    // Zapier may send the page as text: "1" is the second page, not "1" + 1 = page 11.
    ['1', 2],
    ['4', 5],
  ])('turns Zapier page %j into ProAbono page %i, one request per call', async (zapierPage, pa) => {
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
      "Skipped item 1 (Id 7) of ProAbono's answer to GET /Distribution/Customers while listing customers: " +
        'it is not in the expected format (ReferenceCustomer: Invalid input: expected string, ' +
        'received undefined). The other items were used.',
    ]);
  });

  it('reports a page it cannot read, naming the endpoint', async () => {
    customersPageApi(1).reply(200, { Items: 'no list here' });
    expect(await rejectionOf(list())).toEqual(
      unexpected(
        'GET /Distribution/Customers',
        'listing customers',
        'Items: Invalid input: expected array, received string',
      ),
    );
  });
});
