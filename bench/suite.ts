import { countChecks, evenRunsCheck, plainFetchCheck, stormChecks } from './checks.js';
import { measureInstant } from './instant.js';
import { measureOperations } from './operations.js';
import { Recorder } from './recorder.js';
import type { Check, OverheadRow, RequestCountRow } from './recorder.js';
import type { RemoteSandbox } from './remoteSandbox.js';
import { runStorms } from './storm.js';
import type { StormResult } from './storm.js';

/*
 * The figures that need the app and the sandbox: requests per operation, overhead over plain
 * `fetch`, and the throughput of the hook path. Every operation runs through zapier-platform-core's
 * app runtime (`createAppTester` over the real app, its middleware included), as Zapier runs it.
 * Each section is a module of its own; this one runs them in order and gathers what they found.
 * The sections import zapier-platform-core: load this module only once NODE_ENV is 'test'
 * (run.ts does).
 */

export interface SuiteOptions {
  sandbox: RemoteSandbox;
  warmup: number;
  runs: number;
  /** Repetitions of the 1,000-delivery storm. */
  stormRuns: number;
  progress: (text: string) => void;
}

export interface SuiteResult {
  requestCounts: RequestCountRow[];
  overhead: OverheadRow[];
  storms: StormResult[];
  checks: Check[];
}

export const runSuite = async (options: SuiteOptions): Promise<SuiteResult> => {
  const recorder = new Recorder(options);
  await measureOperations(options, recorder);
  await measureInstant(options, recorder);
  const { requestCounts, overhead } = recorder;
  // Read before the storms run: the fetch check speaks for the timed rows above.
  const rowChecks = [...countChecks(requestCounts), evenRunsCheck(overhead), plainFetchCheck()];
  const storms = await runStorms(options, recorder);
  return {
    requestCounts,
    overhead,
    storms,
    checks: [...recorder.checks, ...rowChecks, ...stormChecks(storms)],
  };
};
