import nock from 'nock';

import { perform } from '../../src/triggers/segment_list.js';
import { backofficeApi, rejectionOf, run } from '../support/app.js';
import { unexpected } from '../support/errors.js';

const page = (items: object[]) => ({
  Page: 1,
  SizePage: 100,
  Count: items.length,
  TotalItems: items.length,
  Items: items,
});

const segmentsCall = (proAbonoPage: string) =>
  backofficeApi()
    .get('/Organization/Segments')
    .query({ IdBusiness: '42', Page: proAbonoPage, SizePage: '100', Links: 'false' })
    .times(1);

const list = (meta?: { page: number }) => run(perform, { ...(meta ? { meta } : {}) });

describe('segment_list', () => {
  it('lists the segments by reference, labelled with their names, skipping one without a reference', async () => {
    const scope = segmentsCall('1').reply(
      200,
      page([
        { Id: 69, IdBusiness: 42, ReferenceSegment: 'demo-eur', Name: 'Demo EUR', Currency: 'EUR' },
        { Id: 70, ReferenceSegment: 'demo-usd', Name: null },
        { Id: 71, ReferenceSegment: 'same', Name: 'same' },
        { Id: 72, Name: 'Legacy, no reference' },
        { Id: 73, ReferenceSegment: ' ', Name: 'Blank reference' },
      ]),
    );
    expect(await list()).toEqual([
      {
        id: 'demo-eur',
        label: 'Demo EUR · demo-eur',
        ReferenceSegment: 'demo-eur',
        Name: 'Demo EUR',
        IdSegment: 69,
      },
      {
        id: 'demo-usd',
        label: 'demo-usd',
        ReferenceSegment: 'demo-usd',
        Name: null,
        IdSegment: 70,
      },
      { id: 'same', label: 'same', ReferenceSegment: 'same', Name: 'same', IdSegment: 71 },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([
    [0, '1'],
    [2, '3'],
  ])('turns Zapier page %i into ProAbono page %s, one request per call', async (zapierPage, pa) => {
    const scope = segmentsCall(pa).reply(200, page([{ ReferenceSegment: 'demo-eur' }]));
    expect(await list({ page: zapierPage })).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('returns [] past the last page (204)', async () => {
    const scope = segmentsCall('2').reply(204);
    expect(await list({ page: 1 })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('asks to reconnect on 401', async () => {
    segmentsCall('1').reply(401);
    expect((await rejectionOf(list())).name).toBe('ExpiredAuthError');
  });

  it('reports a page it cannot read, naming the endpoint', async () => {
    segmentsCall('1').reply(200, { Items: { ReferenceSegment: 7 } });
    expect(await rejectionOf(list())).toEqual(
      unexpected(
        'GET /Organization/Segments',
        'listing segments',
        'Items: Invalid input: expected array, received object',
      ),
    );
  });
});
