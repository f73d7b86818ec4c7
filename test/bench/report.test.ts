import { report } from '../../bench/report.js';
import type { BenchResult } from '../../bench/report.js';
import { summarise } from '../../bench/stats.js';

const machine = {
  node: 'v22.23.3',
  platform: 'linux 6.1 x64',
  cpus: 2,
  cpuModel: 'Test CPU',
  loadAverage: [1.5, 1, 0.5],
};

const result: BenchResult = {
  startedAt: '2026-01-02T03:04:05.000Z',
  finishedAt: '2026-01-02T03:06:05.000Z',
  durationSeconds: 120,
  settings: {
    quick: false,
    warmup: 10,
    runs: 4,
    stormRuns: 3,
    coldStartRuns: 15,
    importRuns: 7,
    artifacts: true,
  },
  machine: { atStart: machine, atEnd: { ...machine, loadAverage: [2, 1, 0.5] } },
  appConsoleLines: 12,
  requestCounts: [
    {
      operation: 'Update Customer Billing Address',
      requests: 1,
      made: ['POST /v1/CustomerAddressBilling?ReferenceCustomer=c1'],
      expected: { requests: 1, source: 'README § Measured' },
      method: 'perform.',
    },
    {
      operation: 'Instant: the same event delivered again',
      requests: 0,
      made: [],
      records: 0,
      method: 'a redelivery.',
    },
  ],
  overhead: [
    {
      operation: 'Update Customer Billing Address',
      requests: 1,
      app: summarise([4, 5, 6, 9]),
      baseline: summarise([1, 1, 1, 1]),
      ratio: { median: 5.5, p95: 8.55 },
      pairRatio: summarise([4, 5, 6, 9]),
      samples: { app: [4, 5, 6, 9], baseline: [1, 1, 1, 1] },
      logCheck: { expected: 28, logged: 28 },
      method: 'fetch replays: POST /v1/CustomerAddressBilling?ReferenceCustomer=c1',
    },
    {
      operation: 'Instant: perform for a duplicate',
      requests: 0,
      app: summarise([2, 2, 2, 2]),
      baseline: null,
      ratio: null,
      pairRatio: null,
      samples: { app: [2, 2, 2, 2], baseline: [] },
      logCheck: { expected: 0, logged: 0 },
      method: 'No request to compare with.',
    },
  ],
  storms: [
    {
      name: 'In process',
      method: 'a storm.',
      deliveries: 1000,
      distinct: 800,
      duplicates: 200,
      runs: [
        { seconds: 5, deliveriesPerSecond: 200, records: 800, requests: 800, errors: 0 },
        { seconds: 4, deliveriesPerSecond: 250, records: 800, requests: 800, errors: 0 },
      ],
      deliveriesPerSecond: summarise([200, 250]),
      perDelivery: { first: summarise([4]), duplicate: summarise([1]) },
      physicalLimit: { deliveriesPerSecond: summarise([1500]), ratio: 1500 / 225 },
    },
  ],
  checks: [
    { what: 'Update: 1 request', ok: true, detail: 'made 1' },
    { what: 'Poll constant', ok: false, detail: 'requests: 1, 2, 3' },
  ],
  coldStart: {
    app: { ms: summarise([230, 250]), rssMiB: summarise([50, 50]) },
    core: { ms: summarise([200, 220]), rssMiB: summarise([45, 45]) },
    ratio: { time: 240 / 210, memory: 50 / 45 },
  },
  firstUpdate: {
    app: {
      importMs: summarise([240]),
      callMs: summarise([120]),
      totalMs: summarise([350, 370]),
    },
    reference: {
      importMs: summarise([330]),
      callMs: summarise([90]),
      totalMs: summarise([410, 430]),
    },
    ratio: 360 / 420,
  },
  importCosts: [
    {
      specifier: 'data:text/javascript,export{}',
      ms: summarise([1.4]),
      rssMiB: summarise([1.6]),
    },
    { specifier: 'zod', ms: summarise([40, 42]), rssMiB: summarise([15.2]) },
  ],
  buildSize: {
    appBytes: 860_000,
    bareCoreBytes: 680_000,
    referenceBytes: 1_270_000,
    ratio: 860 / 680,
  },
};

describe('report', () => {
  const lines = report(result).split('\n');

  it('starts with when, how long, the machine, its load and the settings', () => {
    expect(lines.slice(0, 4)).toEqual([
      'npm run bench — 2026-01-02T03:04:05.000Z, 120 s',
      'Node v22.23.3, linux 6.1 x64, 2 × Test CPU; load average 1.5 1 0.5 at start, 2 1 0.5 at end (other',
      'processes share the CPUs).',
      "Settings: 10 warm-up + 4 timed runs per operation, 3 storm run(s), 15 cold starts each. The app's 12",
    ]);
  });

  it('prints the request counts with their records and allowance, then how each was made', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '#  operation                                requests  records  allowed',
        '1  Update Customer Billing Address                 1                 1',
        '2  Instant: the same event delivered again         0        0',
        '1. perform. Made: POST /v1/CustomerAddressBilling?ReferenceCustomer=c1.',
        '2. a redelivery. Made: none.',
      ]),
    );
  });

  it('prints times, ratios and spreads, and a dash where nothing can be compared', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '1  Update Customer Billing Address     1     5.50 ms  8.55 ms       1.00 ms  5.50×      8.55×  4.75–6.75×',
        '2  Instant: perform for a duplicate    0     2.00 ms  2.00 ms             —      —          —           —',
        '1. app IQR 4.75–6.75 ms, fetch IQR 1.00–1.00 ms. fetch replays: POST',
      ]),
    );
  });

  it('prints the cold start, the first update, the dependencies (the empty module named so) and the sizes', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'app (build.zip)                240.0 ms  235.0–245.0 ms    50.0 MiB  50.0–50.0 MiB',
        'ratio app / bare core             1.14×                       1.11×',
        'app (build.zip)                 240.0 ms  120.0 ms  360.0 ms  355.0–365.0 ms',
        'reference (tsc + node_modules)  330.0 ms   90.0 ms  420.0 ms  415.0–425.0 ms',
        'ratio app / reference                                  0.86×',
        '(empty module)  1.40 ms  1.40–1.40 ms     1.6 MiB',
        'zod             41.0 ms  40.5–41.5 ms    15.2 MiB',
        'app                               860,000 B (0.82 MiB)',
        'ratio app / bare core                            1.26×',
        'reference (tsc + node_modules)  1,270,000 B (1.21 MiB)',
      ]),
    );
  });

  it('says what --skip-artifacts skipped', () => {
    const skipped = report({
      ...result,
      settings: { ...result.settings, artifacts: false },
      coldStart: null,
      firstUpdate: null,
      buildSize: null,
    }).split('\n');
    expect(skipped.filter((line) => line === 'skipped (--skip-artifacts)')).toHaveLength(3);
  });

  it('prints the storm with records and requests per run, and its physical limit', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'In process         225/s  213–238/s  800, 800  800, 800       1500/s  6.67×',
        'Per delivery through perform: a new event 4.00 ms (p95 4.00 ms), a duplicate 1.00 ms (p95 1.00 ms).',
      ]),
    );
  });

  it('ends with every check, failures marked', () => {
    expect(lines.slice(-2)).toEqual([
      'ok Update: 1 request — made 1',
      'FAIL Poll constant — requests: 1, 2, 3',
    ]);
  });
});
