import type { BuildSize } from './artifacts.js';
import { EMPTY_MODULE } from './coldStart.js';
import type { ColdStart, FirstUpdate, ImportCost } from './coldStart.js';
import type { SuiteResult } from './suite.js';
import { bytes, formatSection, mib, ms, msRange, ratio, ratioRange, wrap } from './table.js';
import type { Column, Section } from './table.js';

/** Everything one `npm run bench` measured: printed as tables and written as JSON. */
export interface BenchResult extends SuiteResult {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  settings: {
    quick: boolean;
    warmup: number;
    runs: number;
    stormRuns: number;
    coldStartRuns: number;
    importRuns: number;
    /** Packaging done: cold start, first update and build size measured. */
    artifacts: boolean;
  };
  machine: { atStart: Machine; atEnd: Machine };
  /** z.console lines the app wrote during the suite (counted, not printed). */
  appConsoleLines: number;
  coldStart: ColdStart | null;
  firstUpdate: FirstUpdate | null;
  /** Each production dependency imported alone, for where the cold start goes. */
  importCosts: ImportCost[];
  buildSize: BuildSize | null;
}

interface Machine {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  loadAverage: number[];
}

const WIDTH = 100;

const perSecond = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)}/s` : 'n/a');
const perSecondRange = ([low, high]: readonly [number, number]) =>
  `${low.toFixed(0)}–${high.toFixed(0)}/s`;

/** Figures read best right-aligned: every column named here is. */
const figures = (...headers: string[]): Column[] =>
  headers.map((header) => ({ header, align: 'right' }));

const requestsSection = (result: BenchResult): Section => ({
  title: 'Requests per operation',
  method:
    'Exact count of the API Live and Backoffice requests the sandbox logged while the operation ran ' +
    'through the app runtime (its log is cleared before each; admin calls are not logged). Instant ' +
    "rows are real deliveries from the sandbox to the hook runner (Zapier's side), counted once " +
    'every delivery has been performed. Records: what the operation returned, where it returns a list. "Allowed" is what the docs promise (each check below names the file and section).',
  columns: [...figures('#'), { header: 'operation' }, ...figures('requests', 'records', 'allowed')],
  rows: result.requestCounts.map((row, index) => [
    String(index + 1),
    row.operation,
    String(row.requests),
    row.records === undefined ? '' : String(row.records),
    row.expected === undefined ? '' : String(row.expected.requests),
  ]),
  notes: result.requestCounts.map(
    (row, index) =>
      `${index + 1}. ${row.method} Made: ${row.made.length === 0 ? 'none' : row.made.join(', ')}.`,
  ),
});

const overheadSection = (result: BenchResult): Section => ({
  title: 'Overhead over the physical limit',
  method:
    `Each operation through the app runtime (createAppTester over the real app and middleware), ` +
    `alternating with plain fetch of the very requests it made (same method, URL, query, JSON body ` +
    `and Basic header, read from the sandbox log), against the same sandbox in a child process: ` +
    `${result.settings.warmup} warm-up pairs, then ${result.settings.runs} timed pairs, order swapped ` +
    `each pair. Ratio = app median (or p95) / fetch median; spread = IQR of the per-pair ratios and of the times.`,
  columns: [
    ...figures('#'),
    { header: 'operation' },
    ...figures('req', 'app median', 'app p95', 'fetch median', 'ratio', 'p95 ratio', 'ratio IQR'),
  ],
  rows: result.overhead.map((row, index) => [
    String(index + 1),
    row.operation,
    String(row.requests),
    ms(row.app.median),
    ms(row.app.p95),
    row.baseline ? ms(row.baseline.median) : '—',
    row.ratio ? ratio(row.ratio.median) : '—',
    row.ratio ? ratio(row.ratio.p95) : '—',
    row.pairRatio ? ratioRange(row.pairRatio.iqr) : '—',
  ]),
  notes: result.overhead.map(
    (row, index) =>
      `${index + 1}. app IQR ${msRange(row.app.iqr)}` +
      (row.baseline ? `, fetch IQR ${msRange(row.baseline.iqr)}` : '') +
      `. ${row.method}`,
  ),
});

const SKIPPED: string[][] = [['skipped (--skip-artifacts)']];

const iqrMiB = ([low, high]: readonly [number, number]) =>
  `${low.toFixed(1)}–${high.toFixed(1)} MiB`;

const coldStartSection = (result: BenchResult): Section => {
  const cold = result.coldStart;
  const row = (name: string, start: ColdStart['app']) => [
    name,
    ms(start.ms.median),
    msRange(start.ms.iqr),
    mib(start.rssMiB.median),
    iqrMiB(start.rssMiB.iqr),
  ];
  return {
    title: 'Cold start',
    method:
      "What a fresh Lambda container pays before a Zap's first step: a new Node process imports the " +
      'zapierwrapper.js of an unzipped build.zip (zapier-platform-core, the app, the handler). The ' +
      'app as `npm run package` ships it, against a bare-core app (core and an empty definition) ' +
      "packaged the same way and sharing the app's node_modules, alternately, " +
      `${cold?.app.ms.runs ?? 0} times each: the import's duration and how much resident memory ` +
      '(RSS) grew. Median (IQR); ratio = app median / bare-core median.',
    columns: [{ header: 'import' }, ...figures('time', 'time IQR', 'RSS growth', 'RSS IQR')],
    rows: cold
      ? [
          row('app (build.zip)', cold.app),
          row('bare zapier-platform-core app', cold.core),
          ['ratio app / bare core', ratio(cold.ratio.time), '', ratio(cold.ratio.memory), ''],
        ]
      : SKIPPED,
  };
};

const firstUpdateSection = (result: BenchResult): Section => {
  const first = result.firstUpdate;
  const row = (name: string, call: FirstUpdate['app']) => [
    name,
    ms(call.importMs.median),
    ms(call.callMs.median),
    ms(call.totalMs.median),
    msRange(call.totalMs.iqr),
  ];
  return {
    title: 'First update on a cold container',
    method:
      'A fresh Node process imports the unzipped build, then runs one Update Customer Billing ' +
      'Address (every field normalised, so every module loaded on first use is loaded) against ' +
      "the sandbox, with Zapier's RPC and log service on loopback; times measured inside the " +
      'process. The app as `npm run package` ships it, against the reference: the tsc output with ' +
      `its node_modules, as \`zapier-platform build\` zips it. ${first?.app.totalMs.runs ?? 0} ` +
      'times each, alternately. Median; ratio = app total / reference total.',
    columns: [{ header: 'build' }, ...figures('import', 'update', 'total', 'total IQR')],
    rows: first
      ? [
          row('app (build.zip)', first.app),
          row('reference (tsc + node_modules)', first.reference),
          ['ratio app / reference', '', '', ratio(first.ratio), ''],
        ]
      : SKIPPED,
  };
};

const importCostsSection = (result: BenchResult): Section => ({
  title: 'Cold start by dependency',
  method:
    `Each production dependency the app imports, imported alone as src/ imports it, in a fresh Node ` +
    `process (round-robin, ${result.settings.importRuns} times each); the first row is an empty module, ` +
    `the floor any import pays. Median. Parts overlap (shared modules, Node's loader), so they do not add up to the app's figure.`,
  columns: [{ header: 'module' }, ...figures('time', 'time IQR', 'RSS growth')],
  rows: result.importCosts.map((cost) => [
    cost.specifier === EMPTY_MODULE ? '(empty module)' : cost.specifier,
    ms(cost.ms.median),
    msRange(cost.ms.iqr),
    mib(cost.rssMiB.median),
  ]),
});

const buildSizeSection = (result: BenchResult): Section => ({
  title: 'Build size',
  method:
    "build/build.zip as `npm run package` makes it (Zapier's style check answered by a loopback " +
    'stub), for the app and for a bare-core app; and the reference, the tsc output with every ' +
    'production dependency, as `zapier-platform build` would zip it.',
  columns: [{ header: 'build.zip' }, ...figures('size')],
  rows: result.buildSize
    ? [
        ['app', bytes(result.buildSize.appBytes)],
        ['bare zapier-platform-core app', bytes(result.buildSize.bareCoreBytes)],
        ['ratio app / bare core', ratio(result.buildSize.ratio)],
        ['reference (tsc + node_modules)', bytes(result.buildSize.referenceBytes)],
      ]
    : SKIPPED,
});

const throughputSection = (result: BenchResult): Section => ({
  title: 'Throughput of the hook path',
  method:
    `1,000 deliveries of Billing Address Updated (800 distinct events, 200 redelivered), each run ` +
    `through perform with its hydration (one address read per new event); ${result.settings.stormRuns} ` +
    `run(s) each, median (IQR) of deliveries per second. Records and requests are per run.`,
  columns: [
    { header: 'storm' },
    ...figures('deliveries/s', 'IQR', 'records', 'requests', 'fetch limit', 'ratio'),
  ],
  rows: result.storms.map((storm) => [
    storm.name,
    perSecond(storm.deliveriesPerSecond.median),
    perSecondRange(storm.deliveriesPerSecond.iqr),
    storm.runs.map((run) => run.records).join(', '),
    storm.runs.map((run) => run.requests).join(', '),
    storm.physicalLimit ? perSecond(storm.physicalLimit.deliveriesPerSecond.median) : '—',
    storm.physicalLimit ? ratio(storm.physicalLimit.ratio) : '—',
  ]),
  notes: result.storms.flatMap((storm) => [
    `${storm.name}: ${storm.method}`,
    ...(storm.perDelivery
      ? [
          `  Per delivery through perform: a new event ${ms(storm.perDelivery.first.median)} ` +
            `(p95 ${ms(storm.perDelivery.first.p95)}), a duplicate ${ms(storm.perDelivery.duplicate.median)} ` +
            `(p95 ${ms(storm.perDelivery.duplicate.p95)}).`,
        ]
      : []),
  ]),
});

const checksSection = (result: BenchResult): string[] => [
  `== Checks ${'='.repeat(WIDTH - 10)}`,
  ...result.checks.flatMap((check) =>
    wrap(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.what} — ${check.detail}`, WIDTH),
  ),
];

const header = (result: BenchResult): string[] => {
  const { atStart, atEnd } = result.machine;
  return [
    `npm run bench — ${result.startedAt}, ${result.durationSeconds} s`,
    `Node ${atStart.node}, ${atStart.platform}, ${atStart.cpus} × ${atStart.cpuModel}; load average ` +
      `${atStart.loadAverage.join(' ')} at start, ${atEnd.loadAverage.join(' ')} at end (other processes share the CPUs).`,
    `Settings: ${result.settings.warmup} warm-up + ${result.settings.runs} timed runs per operation, ` +
      `${result.settings.stormRuns} storm run(s), ${result.settings.coldStartRuns} cold starts each` +
      `${result.settings.quick ? ' (--quick)' : ''}. The app's ${result.appConsoleLines} ` +
      `console lines were counted, not printed.`,
  ].flatMap((line) => wrap(line, WIDTH));
};

export const report = (result: BenchResult): string =>
  [
    ...header(result),
    '',
    ...formatSection(requestsSection(result), WIDTH),
    '',
    ...formatSection(overheadSection(result), WIDTH),
    '',
    ...formatSection(coldStartSection(result), WIDTH),
    '',
    ...formatSection(firstUpdateSection(result), WIDTH),
    '',
    ...formatSection(importCostsSection(result), WIDTH),
    '',
    ...formatSection(buildSizeSection(result), WIDTH),
    '',
    ...formatSection(throughputSection(result), WIDTH),
    '',
    ...checksSection(result),
  ].join('\n');
