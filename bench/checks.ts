import type { Check, OverheadRow, RequestCountRow } from './recorder.js';
import { isPlainFetch } from './replay.js';
import type { StormResult } from './storm.js';

/*
 * The checks read from the rows once they are all in: each count against what the docs
 * promises, the timed runs against the counted one, the baseline's `fetch`, and the storms. They
 * are pure, so a check can be read (and tested) apart from the runs that feed it.
 */

/** One check per row with an expected count: its requests, and its records where they matter. */
export const countChecks = (rows: readonly RequestCountRow[]): Check[] =>
  rows.flatMap((row) => {
    if (!row.expected) return [];
    const { requests, records, source } = row.expected;
    return [
      {
        what:
          `${row.operation}: ${requests} request(s)` +
          `${records === undefined ? '' : `, ${records} record(s)`}, ${source}`,
        ok: row.requests === requests && (records === undefined || row.records === records),
        detail: `made ${row.requests}${records === undefined ? '' : `, ${String(row.records)} record(s)`}`,
      },
    ];
  });

/** Every timed run made as many requests as the counted one, or the timings compare unlike work. */
export const evenRunsCheck = (overhead: readonly OverheadRow[]): Check => {
  const uneven = overhead.filter((row) => row.logCheck.logged !== row.logCheck.expected);
  return {
    what: 'Every timed run (app and fetch alike) made as many requests as the counted run',
    ok: uneven.length === 0,
    detail:
      uneven.length === 0
        ? `${overhead.length} operations`
        : uneven
            .map(
              (row) =>
                `${row.operation}: logged ${row.logCheck.logged}, expected ${row.logCheck.expected}`,
            )
            .join('; '),
  };
};

/** Checked once the timed rows are done: core must not have wrapped the baseline's fetch. */
export const plainFetchCheck = (): Check => ({
  what: "The fetch baseline is Node's own fetch (zapier-platform-core did not wrap it)",
  ok: isPlainFetch(),
  detail: isPlainFetch() ? 'unchanged' : 'globalThis.fetch was replaced during the run',
});

/** Every storm run gave one record and one request per distinct event, and no error. */
export const stormChecks = (storms: readonly StormResult[]): Check[] =>
  storms.map((storm) => {
    const bad = storm.runs.filter(
      (run) =>
        run.records !== storm.distinct || run.requests !== storm.distinct || run.errors !== 0,
    );
    return {
      what: `${storm.name}: ${storm.distinct} records and ${storm.distinct} requests for ${storm.deliveries} deliveries`,
      ok: bad.length === 0,
      detail: storm.runs
        .map((run) => `records ${run.records}, requests ${run.requests}, errors ${run.errors}`)
        .join('; '),
    };
  });
