import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { setEnv } from '../sandbox/zapier/zapierHarness.js';
import { buildArtifacts } from './artifacts.js';
import type { Artifacts } from './artifacts.js';
import {
  APP_DEPENDENCY_IMPORTS,
  EMPTY_MODULE,
  measureColdStart,
  measureFirstUpdate,
  measureImportCosts,
} from './coldStart.js';
import type { ColdStart, FirstUpdate, ImportCost } from './coldStart.js';
import { startRemoteSandbox } from './remoteSandbox.js';
import { report } from './report.js';
import type { BenchResult } from './report.js';
import type { SuiteResult } from './suite.js';

/*
 * `npm run bench`: figures, not pass/fail. The npm script builds dist/ (the reference package
 * zips it) and .dev/ (this file). The sandbox runs in a child process; the app runs here, through
 * zapier-platform-core's runtime, and for the cold start as the unzipped packages in fresh
 * processes. Prints a table and writes the same figures as JSON under bench/results/.
 */

const usage = `Usage: npm run bench -- [--quick] [--skip-artifacts] [--runs N]
  --quick           fewer runs (a rough look in well under two minutes)
  --skip-artifacts  skip packaging, and so the cold start, first update and build size
  --runs N          timed runs per operation (default 50, quick 10)`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-artifacts': { type: 'boolean', default: false },
    runs: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const quick = values.quick;
const runs = values.runs === undefined ? (quick ? 10 : 50) : Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer, got "${values.runs ?? ''}".\n${usage}`);
  process.exit(2);
}
const settings = {
  quick,
  warmup: quick ? 3 : 10,
  runs,
  stormRuns: quick ? 1 : 3,
  coldStartRuns: quick ? 5 : 15,
  importRuns: quick ? 3 : 7,
  artifacts: !values['skip-artifacts'],
};

// zapier-platform-core decides at load time whether it is under test; outside a test it prints
// memory figures after every call. Set before the suite (which imports core) is loaded.
if (!(process.env.NODE_ENV ?? '').startsWith('test')) process.env.NODE_ENV = 'test';
process.env.DISABLE_ZAPIER_ANALYTICS = '1';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const resultsDir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
const progress = (text: string) => process.stderr.write(`${text}\n`);

const machine = () => ({
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
});

const startedAt = new Date();
const started = performance.now();
const machineAtStart = machine();
progress(
  `npm run bench: ${quick ? 'quick, ' : ''}${settings.runs} timed runs per operation after ${settings.warmup} warm-up runs`,
);

const sandbox = await startRemoteSandbox();
const restoreEnv = setEnv(sandbox.env);
progress(`Sandbox (child process ${sandbox.url})`);

/*
 * zapier-platform-core copies every z.console line to the process console (Lambda ships stdout to
 * its logs). Here they would bury the table: they are counted instead of printed, which spares
 * the app a terminal write per line.
 */
const appConsole = { lines: 0 };
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const savedConsole = consoleMethods.map((name) => [name, console[name]] as const);
const count = () => {
  appConsole.lines += 1;
};
for (const name of consoleMethods) console[name] = count;

let suite: SuiteResult;
let artifacts: Artifacts | null = null;
let coldStart: ColdStart | null = null;
let firstUpdate: FirstUpdate | null = null;
try {
  if (settings.artifacts) {
    progress('Packaging the app, a bare-core app and the reference (about a minute)');
    artifacts = await buildArtifacts(projectDir);
  }
  const { runSuite } = await import('./suite.js');
  suite = await runSuite({
    sandbox,
    warmup: settings.warmup,
    runs: settings.runs,
    stormRuns: settings.stormRuns,
    progress,
  });
  if (artifacts) {
    // Fresh processes: their console is their own, not the one silenced above.
    progress(`Cold start of the package (${settings.coldStartRuns} fresh processes each)`);
    coldStart = await measureColdStart(artifacts, settings.coldStartRuns);
    progress(`First update on a cold process (${settings.coldStartRuns} fresh processes each)`);
    await sandbox.reset();
    firstUpdate = await measureFirstUpdate(artifacts, sandbox, settings.coldStartRuns);
  }
} finally {
  for (const [name, method] of savedConsole) console[name] = method;
  await sandbox.close();
  await artifacts?.close();
  restoreEnv();
}

progress('Cold start of each production dependency alone');
const importCosts: ImportCost[] = await measureImportCosts(
  projectDir,
  [EMPTY_MODULE, ...APP_DEPENDENCY_IMPORTS],
  settings.importRuns,
);

const finishedAt = new Date();
const result: BenchResult = {
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  durationSeconds: Math.round((performance.now() - started) / 100) / 10,
  settings,
  machine: { atStart: machineAtStart, atEnd: machine() },
  ...suite,
  appConsoleLines: appConsole.lines,
  coldStart,
  firstUpdate,
  importCosts,
  buildSize: artifacts?.sizes ?? null,
};

const text = report(result);
console.log(text);

await mkdir(resultsDir, { recursive: true });
const name = `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
const json = `${JSON.stringify(result, null, 2)}\n`;
await writeFile(`${resultsDir}${name}`, json);
await writeFile(`${resultsDir}latest.json`, json);
console.log(`\nJSON: bench/results/${name} (and bench/results/latest.json)`);
