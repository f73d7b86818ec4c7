import { performance } from 'node:perf_hooks';

import { summarise } from './stats.js';
import type { Summary } from './stats.js';

/*
 * Times an operation through the app and the same requests with plain `fetch`, alternately in
 * one loop, so that whatever the machine does meanwhile (other processes, GC, CPU frequency)
 * falls on both alike. Pairs swap their order each time (app first, then fetch first).
 */

interface PairedTimings {
  app: Summary;
  baseline: Summary;
  /** app median / baseline median, and app p95 / baseline median. */
  ratio: { median: number; p95: number };
  /** app / baseline of each pair of runs: its spread is the spread of the ratio. */
  pairRatio: Summary;
  /** Every timed run in milliseconds, in order (pair i = app[i] and baseline[i]). */
  samples: { app: number[]; baseline: number[] };
}

interface PairedOptions {
  warmup: number;
  runs: number;
  /** Gets a run index (warm-up runs first, then 0..runs-1 offset by `warmup`). */
  app: (index: number) => Promise<unknown>;
  baseline: (index: number) => Promise<unknown>;
}

const time = async (body: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await body();
  return performance.now() - started;
};

export const timePaired = async (options: PairedOptions): Promise<PairedTimings> => {
  const { warmup, runs } = options;
  for (let index = 0; index < warmup; index += 1) {
    await options.app(index);
    await options.baseline(index);
  }
  const app: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const index = warmup + run;
    if (run % 2 === 0) {
      app.push(await time(() => options.app(index)));
      baseline.push(await time(() => options.baseline(index)));
    } else {
      baseline.push(await time(() => options.baseline(index)));
      app.push(await time(() => options.app(index)));
    }
  }
  const appSummary = summarise(app);
  const baselineSummary = summarise(baseline);
  return {
    app: appSummary,
    baseline: baselineSummary,
    ratio: {
      median: appSummary.median / baselineSummary.median,
      p95: appSummary.p95 / baselineSummary.median,
    },
    pairRatio: summarise(app.map((value, index) => value / (baseline[index] ?? NaN))),
    samples: { app, baseline },
  };
};

/** Times `runs` calls of one function (after `warmup` untimed ones). */
export const timeRuns = async (
  warmup: number,
  runs: number,
  body: (index: number) => Promise<unknown>,
): Promise<{ summary: Summary; samples: number[] }> => {
  for (let index = 0; index < warmup; index += 1) await body(index);
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) samples.push(await time(() => body(warmup + run)));
  return { summary: summarise(samples), samples };
};
