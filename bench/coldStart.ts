import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { execute, startArtifact } from '../sandbox/zapier/zapierRuntime.js';
import type { Artifact } from '../sandbox/zapier/zapierRuntime.js';
import { startZapierRpc } from '../sandbox/zapier/zapierRpc.js';
import type { Artifacts } from './artifacts.js';
import { summarise } from './stats.js';
import type { Summary } from './stats.js';

const run = promisify(execFile);

/**
 * One dependency's share of a cold start: a new Node process imports the module once and reports
 * how long the import took and how much its resident memory grew.
 */
const PROBE = `
const before = process.memoryUsage().rss;
const started = performance.now();
await import(process.argv[1]);
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rssBytes: process.memoryUsage().rss - before }));
`;

interface Sample {
  ms: number;
  rssBytes: number;
}

const importOnce = async (specifier: string, cwd: string): Promise<Sample> => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE, specifier], {
    cwd,
  });
  return JSON.parse(stdout.trim()) as Sample;
};

export interface ColdStart {
  /** The unzipped build.zip of `npm run package`, through its zapierwrapper.js. */
  app: { ms: Summary; rssMiB: Summary };
  /** A bare-core app packaged the same way, sharing the app's node_modules. */
  core: { ms: Summary; rssMiB: Summary };
  ratio: { time: number; memory: number };
}

const mib = (bytes: number[]) => summarise(bytes.map((value) => value / 2 ** 20));

/**
 * `runs` rounds of fresh processes, one per build each round, in an order swapped every round so
 * that machine noise and warm caches favour none; `step` runs in each process before it ends.
 */
const alternately = async <K extends string>(
  runs: number,
  dirs: Record<K, string>,
  step: (artifact: Artifact) => Promise<unknown> = () => Promise.resolve(),
): Promise<Record<K, Artifact[]>> => {
  const keys = Object.keys(dirs) as K[];
  const samples = Object.fromEntries(keys.map((key) => [key, [] as Artifact[]])) as Record<
    K,
    Artifact[]
  >;
  for (let i = 0; i < runs; i += 1) {
    for (const key of i % 2 === 0 ? keys : [...keys].reverse()) {
      const artifact = await startArtifact(dirs[key]);
      try {
        await step(artifact);
      } finally {
        await artifact.close();
      }
      samples[key].push(artifact);
    }
  }
  return samples;
};

/**
 * Cold start as a fresh Lambda container pays it: a new Node process imports an unzipped build's
 * zapierwrapper.js (core, the app, and the handler built over it), app and bare core alternately.
 */
export const measureColdStart = async (artifacts: Artifacts, runs = 15): Promise<ColdStart> => {
  const samples = await alternately(runs, { app: artifacts.app, core: artifacts.bareCore });
  const summary = (taken: Artifact[]) => ({
    ms: summarise(taken.map((sample) => sample.importMs)),
    rssMiB: mib(taken.map((sample) => sample.rssBytes)),
  });
  const app = summary(samples.app);
  const core = summary(samples.core);
  return {
    app,
    core,
    ratio: { time: app.ms.median / core.ms.median, memory: app.rssMiB.median / core.rssMiB.median },
  };
};

interface FirstCall {
  importMs: Summary;
  callMs: Summary;
  /** Import and call: what the first step of a cold container waits. */
  totalMs: Summary;
}

export interface FirstUpdate {
  app: FirstCall;
  /** The tsc output zipped with its node_modules, as `zapier-platform build` makes it. */
  reference: FirstCall;
  /** app total / reference total */
  ratio: number;
}

/** A seeded customer's whole address, each field through its normaliser. */
const FIRST_UPDATE_INPUT = {
  ReferenceCustomer: 'cust-de-002',
  AddressLine1: 'Leopoldstraße 12',
  AddressLine2: '2. OG',
  ZipCode: '80802',
  City: 'München',
  Country: 'Allemagne',
  Region: 'by',
  Phone: '089 2180 3456',
  TaxInformation: 'DE 274 938 516',
};

/**
 * The first Update Customer Billing Address of a cold container: a fresh process imports the
 * build, then runs one update (every normaliser, so every module loaded on first use is loaded)
 * against the sandbox, with Zapier's RPC and log service on loopback. App and reference alternate.
 */
export const measureFirstUpdate = async (
  artifacts: Artifacts,
  sandbox: { authData: Record<string, string>; env: Record<string, string> },
  runs = 15,
): Promise<FirstUpdate> => {
  const rpc = await startZapierRpc();
  let samples: Record<'app' | 'reference', Artifact[]>;
  try {
    samples = await alternately(
      runs,
      { app: artifacts.app, reference: artifacts.reference },
      (artifact) =>
        execute(
          artifact.handler,
          rpc,
          'creates.update_customer_billing_address.operation.perform',
          { authData: { ...sandbox.authData }, inputData: FIRST_UPDATE_INPUT },
          sandbox.env,
        ),
    );
  } finally {
    await rpc.close();
  }
  const summary = (taken: Artifact[]): FirstCall => ({
    importMs: summarise(taken.map((sample) => sample.importMs)),
    callMs: summarise(taken.map((sample) => sample.callMs[0] ?? NaN)),
    totalMs: summarise(taken.map((sample) => sample.importMs + (sample.callMs[0] ?? NaN))),
  });
  const app = summary(samples.app);
  const reference = summary(samples.reference);
  return { app, reference, ratio: app.totalMs.median / reference.totalMs.median };
};

export interface ImportCost {
  specifier: string;
  ms: Summary;
  rssMiB: Summary;
}

/** What the app's production dependencies import, as src/ imports them. */
export const APP_DEPENDENCY_IMPORTS = [
  'zod',
  'libphonenumber-js/max',
  'i18n-iso-countries/index.js',
  'jsvat',
  'iso-3166',
] as const;

/** A module with nothing in it: the floor any import in a fresh process pays. */
export const EMPTY_MODULE = 'data:text/javascript,export{}';

/**
 * Where an app's cold start goes: each specifier imported alone in fresh processes, round-robin,
 * resolved from the project directory as the app's own imports are.
 */
export const measureImportCosts = async (
  projectDir: string,
  specifiers: readonly string[],
  runs = 5,
): Promise<ImportCost[]> => {
  const samples = new Map<string, Sample[]>(specifiers.map((specifier) => [specifier, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const specifier of specifiers) {
      samples.get(specifier)?.push(await importOnce(specifier, projectDir));
    }
  }
  return specifiers.map((specifier) => {
    const taken = samples.get(specifier) ?? [];
    return {
      specifier,
      ms: summarise(taken.map((s) => s.ms)),
      rssMiB: summarise(taken.map((s) => s.rssBytes / 2 ** 20)),
    };
  });
};
