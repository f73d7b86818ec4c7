import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { summarise } from './stats.js';
import type { Summary } from './stats.js';

const run = promisify(execFile);

/**
 * Cold start as a fresh Lambda sees it: a new Node process imports the module once. The child
 * reports how long the import took and how much its resident memory grew.
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
  app: { ms: Summary; rssMiB: Summary };
  core: { ms: Summary; rssMiB: Summary };
  ratio: { time: number; memory: number };
}

/** Alternates app and bare-core imports so machine noise hits both alike. */
export const measureColdStart = async (projectDir: string, runs = 15): Promise<ColdStart> => {
  const app = pathToFileURL(resolve(projectDir, 'dist/index.js')).href;
  const core = pathToFileURL(
    resolve(projectDir, 'node_modules/zapier-platform-core/index.mjs'),
  ).href;
  const appSamples: Sample[] = [];
  const coreSamples: Sample[] = [];
  for (let i = 0; i < runs; i += 1) {
    appSamples.push(await importOnce(app, projectDir));
    coreSamples.push(await importOnce(core, projectDir));
  }
  const mib = (samples: Sample[]) => summarise(samples.map((s) => s.rssBytes / 2 ** 20));
  const ms = (samples: Sample[]) => summarise(samples.map((s) => s.ms));
  const result = {
    app: { ms: ms(appSamples), rssMiB: mib(appSamples) },
    core: { ms: ms(coreSamples), rssMiB: mib(coreSamples) },
  };
  return {
    ...result,
    ratio: {
      time: result.app.ms.median / result.core.ms.median,
      memory: result.app.rssMiB.median / result.core.rssMiB.median,
    },
  };
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
