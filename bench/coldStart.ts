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
