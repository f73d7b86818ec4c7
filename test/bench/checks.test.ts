import { countChecks, evenRunsCheck, plainFetchCheck, stormChecks } from '../../bench/checks.js';
import type { OverheadRow, RequestCountRow } from '../../bench/recorder.js';
import { summarise } from '../../bench/stats.js';
import type { StormResult } from '../../bench/storm.js';

/* The bench's checks, read from rows made up here. */

const row = (fields: Partial<RequestCountRow>): RequestCountRow => ({
  operation: 'Instant: one billing-address event',
  requests: 1,
  made: ['GET /v1/CustomerAddressBilling?ReferenceCustomer=c1'],
  records: 1,
  method: 'emit.',
  ...fields,
});

describe('countChecks', () => {
  it('checks each row that says what to expect: its requests, and its records when expected', () => {
    expect(
      countChecks([
        row({ expected: { requests: 1, records: 1, source: 'README § Measured' } }),
        row({ operation: 'Unpromised', expected: undefined }),
        row({ operation: 'Poll', records: 10, expected: { requests: 1, source: 'README § X' } }),
      ]),
    ).toEqual([
      {
        what: 'Instant: one billing-address event: 1 request(s), 1 record(s), README § Measured',
        ok: true,
        detail: 'made 1, 1 record(s)',
      },
      { what: 'Poll: 1 request(s), README § X', ok: true, detail: 'made 1' },
    ]);
  });

  it.each([
    ['a request more', { requests: 2 }, 'made 2, 1 record(s)'],
    ['a record fewer', { records: 0 }, 'made 1, 0 record(s)'],
  ])('fails a row with %s than promised', (_case, fields, detail) => {
    const [check] = countChecks([
      row({ ...fields, expected: { requests: 1, records: 1, source: 'README § Measured' } }),
    ]);
    expect(check).toMatchObject({ ok: false, detail });
  });
});

describe('evenRunsCheck', () => {
  const overhead = (operation: string, expected: number, logged: number) =>
    ({ operation, logCheck: { expected, logged } }) as OverheadRow;

  it('passes when every timed run made as many requests as the counted one', () => {
    expect(evenRunsCheck([overhead('A', 28, 28), overhead('B', 0, 0)])).toEqual({
      what: 'Every timed run (app and fetch alike) made as many requests as the counted run',
      ok: true,
      detail: '2 operations',
    });
  });

  it('names each row whose timed runs made other requests', () => {
    expect(
      evenRunsCheck([overhead('A', 28, 29), overhead('B', 0, 0), overhead('C', 4, 2)]),
    ).toMatchObject({ ok: false, detail: 'A: logged 29, expected 28; C: logged 2, expected 4' });
  });
});

it("plainFetchCheck finds Node's own fetch in place", () => {
  expect(plainFetchCheck()).toEqual({
    what: "The fetch baseline is Node's own fetch (zapier-platform-core did not wrap it)",
    ok: true,
    detail: 'unchanged',
  });
});

describe('stormChecks', () => {
  const storm = (runs: StormResult['runs']): StormResult => ({
    name: 'In process',
    method: 'a storm.',
    deliveries: 1000,
    distinct: 800,
    duplicates: 200,
    runs,
    deliveriesPerSecond: summarise(runs.map((run) => run.deliveriesPerSecond)),
  });
  const run = (records: number, requests: number, errors: number) => ({
    seconds: 4,
    deliveriesPerSecond: 250,
    records,
    requests,
    errors,
  });

  it('passes a storm whose every run gave one record and one request per distinct event', () => {
    expect(stormChecks([storm([run(800, 800, 0), run(800, 800, 0)])])).toEqual([
      {
        what: 'In process: 800 records and 800 requests for 1000 deliveries',
        ok: true,
        detail: 'records 800, requests 800, errors 0; records 800, requests 800, errors 0',
      },
    ]);
  });

  it.each([
    ['a record missing', run(799, 800, 0)],
    ['a request more', run(800, 801, 0)],
    ['an error', run(800, 800, 1)],
  ])('fails a storm with a run with %s', (_case, bad) => {
    expect(stormChecks([storm([run(800, 800, 0), bad])])[0]?.ok).toBe(false);
  });
});
