import { jest } from '@jest/globals';
import nock from 'nock';

import { perform } from '../../src/triggers/segment_list.js';
import { captureLogs, rejectionOf, run, segmentsApi } from '../support/app.js';
import { forbidden, throttled, unexpected } from '../support/errors.js';
import { proAbonoPage as page } from '../support/proabono.js';
import { noSegmentList } from '../support/zapLogs.js';

const list = (meta?: { page: number | string }) =>
  run(perform, { ...(meta ? { meta: meta as { page: number } } : {}) });

/** What the dropdown returned, and what it wrote to the Zap's log meanwhile. */
const listWithLogs = async (meta?: { page: number | string }) => {
  const logs = captureLogs();
  try {
    return { choices: await list(meta), logs };
  } finally {
    jest.restoreAllMocks();
  }
};

const demoEur = {
  id: 'demo-eur',
  label: 'Demo EUR · demo-eur',
  ReferenceSegment: 'demo-eur',
  Name: 'Demo EUR',
  IdSegment: 69,
};

describe('segment_list', () => {
  it('lists the segments by reference, labelled with their names, and logs each one left out', async () => {
    const scope = segmentsApi('1').reply(
      200,
      page([
        { Id: 69, IdBusiness: 42, ReferenceSegment: 'demo-eur', Name: 'Demo EUR', Currency: 'EUR' },
        { Id: 70, ReferenceSegment: 'demo-usd', Name: null },
        { Id: 71, ReferenceSegment: 'same', Name: 'same' },
        { Id: 72, Name: 'Legacy, no reference' },
        { Id: 73, ReferenceSegment: ' ', Name: 'Blank reference' },
        { Name: 'No Id either' },
      ]),
    );
    const { choices, logs } = await listWithLogs();
    expect(choices).toEqual([
      demoEur,
      {
        id: 'demo-usd',
        label: 'demo-usd',
        ReferenceSegment: 'demo-usd',
        Name: null,
        IdSegment: 70,
      },
      { id: 'same', label: 'same', ReferenceSegment: 'same', Name: 'same', IdSegment: 71 },
    ]);
    const noReference =
      'is not offered: it has no reference, and the API Live takes a segment only by its reference.';
    expect(logs).toEqual([
      `Segment dropdown: Segment 72 "Legacy, no reference" ${noReference}`,
      `Segment dropdown: Segment 73 "Blank reference" ${noReference}`,
      `Segment dropdown: Segment "No Id either" ${noReference}`,
    ]);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([
    ['<', 'eur<1'],
    ['>', 'eur>1'],
    [';', 'eur;1'],
    ['"', 'eur"1'],
    ['=', 'eur=1'],
    ['?', 'eur?1'],
    ['&', 'eur&1'],
    ['51 characters', 'e'.repeat(51)],
    ['51 UTF-16 units (an emoji counts as 2)', `${'e'.repeat(49)}😀`],
  ])('leaves out, and logs, a reference the API Live refuses: %s', async (_rule, reference) => {
    segmentsApi('1').reply(
      200,
      page([
        { Id: 69, ReferenceSegment: 'demo-eur', Name: 'Demo EUR' },
        { Id: 74, ReferenceSegment: reference },
      ]),
    );
    const { choices, logs } = await listWithLogs();
    expect(choices).toEqual([demoEur]);
    expect(logs).toEqual([
      `Segment dropdown: Segment 74 is not offered: its reference "${reference}" is one the API Live ` +
        'refuses (over 50 characters, or with < > ; " = ? &).',
    ]);
  });

  it('offers a 50-character reference', async () => {
    segmentsApi('1').reply(200, page([{ Id: 75, ReferenceSegment: 'e'.repeat(50) }]));
    const { choices, logs } = await listWithLogs();
    expect(choices).toEqual([
      {
        id: 'e'.repeat(50),
        label: 'e'.repeat(50),
        ReferenceSegment: 'e'.repeat(50),
        Name: null,
        IdSegment: 75,
      },
    ]);
    expect(logs).toEqual([]);
  });

  it('gives two segments with one reference one entry, the first, and logs the other', async () => {
    segmentsApi('1').reply(
      200,
      page([
        { Id: 69, ReferenceSegment: 'demo-eur', Name: 'Demo EUR' },
        { Id: 76, ReferenceSegment: 'demo-eur', Name: 'Demo EUR (copy)' },
        { Id: 77, ReferenceSegment: ' demo-eur ', Name: 'Demo EUR, spaced' },
      ]),
    );
    const { choices, logs } = await listWithLogs();
    expect(choices).toEqual([demoEur]);
    const same =
      'is not offered: its reference "demo-eur" is that of an entry listed before it, which stands for both.';
    expect(logs).toEqual([
      `Segment dropdown: Segment 76 "Demo EUR (copy)" ${same}`,
      `Segment dropdown: Segment 77 "Demo EUR, spaced" ${same}`,
    ]);
  });

  it.each([
    [0, '1'],
    [2, '3'],
    // Zapier may send the page as text: "1" is the second page, not "1" + 1 = page 11.
    ['1', '2'],
    [' 12 ', '13'],
    // Anything that is no page number asks for the first.
    ['', '1'],
    ['two', '1'],
    [-1, '1'],
    [1.5, '1'],
  ])('turns Zapier page %j into ProAbono page %s, one request per call', async (zapierPage, pa) => {
    const scope = segmentsApi(pa).reply(200, page([{ ReferenceSegment: 'demo-eur' }]));
    expect(await list({ page: zapierPage })).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('returns [] past the last page (204)', async () => {
    const scope = segmentsApi('2').reply(204);
    expect(await list({ page: 1 })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([400, 404, 405, 410, 422])(
    'returns [] and logs why when the Backoffice has no segment list (%i)',
    async (status) => {
      const scope = segmentsApi('1').reply(status, { Code: status, Message: 'No such resource.' });
      const { choices, logs } = await listWithLogs();
      expect(choices).toEqual([]);
      expect(logs).toEqual([noSegmentList(status)]);
      expect(scope.isDone()).toBe(true);
    },
  );

  it('asks to reconnect on 401', async () => {
    segmentsApi('1').reply(401);
    expect((await rejectionOf(list())).name).toBe('ExpiredAuthError');
  });

  it('passes a 403 on, with its reason: the keys are refused, not the list missing', async () => {
    segmentsApi('1').reply(403, { Code: 403, Message: 'Access denied.' });
    expect(await rejectionOf(list())).toEqual(
      forbidden('listing segments', 'Access denied. (403)'),
    );
  });

  it('a 429 is a throttle, not a missing list', async () => {
    segmentsApi('1').reply(429, '', { 'Retry-After': '9' });
    expect(await rejectionOf(list())).toEqual(throttled('listing segments', 9));
  });

  it('reports a page it cannot read, naming the endpoint', async () => {
    segmentsApi('1').reply(200, { Items: { ReferenceSegment: 7 } });
    expect(await rejectionOf(list())).toEqual(
      unexpected(
        'GET /Organization/Segments',
        'listing segments',
        'Items: Invalid input: expected array, received object',
      ),
    );
  });
});
