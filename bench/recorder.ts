import type { LoggedRequest } from '../sandbox/index.js';
import { basicAuthorization } from '../sandbox/zapier/zapierHarness.js';
import { describeRequest, replay, toReplay } from './replay.js';
import type { ReplayRequest } from './replay.js';
import type { Summary } from './stats.js';
import type { SuiteOptions } from './suite.js';
import { timePaired, timeRuns } from './timing.js';

/*
 * What the suite's sections share: the rows and checks they add, in the order they add them, and
 * the two ways a row is made. `count` runs something once against a cleared request log and
 * records what it cost; `measure` does that, then times the same run against plain `fetch` of the
 * very requests it made.
 */

export interface RequestCountRow {
  operation: string;
  requests: number;
  /** `GET /v1/Customers?SizePage=1`, in the order they were made. */
  made: string[];
  /** Records the operation produced, where that is part of the figure. */
  records?: number;
  /** What the docs promise, when they say: requests, and records where it matters. */
  expected?: { requests: number; records?: number; source: string };
  method: string;
}

/** What a section says about a row: how it was measured, and what it should be. */
export type RowNotes = Pick<RequestCountRow, 'method' | 'expected'>;

export interface OverheadRow {
  operation: string;
  requests: number;
  app: Summary;
  /** Null when the operation makes no request: nothing to compare with. */
  baseline: Summary | null;
  ratio: { median: number; p95: number } | null;
  pairRatio: Summary | null;
  /** Every timed run in milliseconds (baseline empty when there is nothing to compare with). */
  samples: { app: number[]; baseline: number[] };
  /** Requests the sandbox logged during the timed runs, against runs × requests × 2. */
  logCheck: { expected: number; logged: number };
  method: string;
}

export interface Check {
  what: string;
  ok: boolean;
  detail: string;
}

type RecorderOptions = Pick<SuiteOptions, 'sandbox' | 'warmup' | 'runs' | 'progress'>;

export class Recorder {
  readonly requestCounts: RequestCountRow[] = [];
  readonly overhead: OverheadRow[] = [];
  readonly checks: Check[] = [];
  private readonly authorization: string;

  constructor(private readonly options: RecorderOptions) {
    const { agentKey, apiKey } = options.sandbox.authData;
    this.authorization = basicAuthorization(agentKey, apiKey);
  }

  /**
   * Runs `run` once with the request log cleared and records its row: the requests it made and,
   * when it gives a list, how many records. Answers the requests, for `fetch` to replay.
   */
  async count(
    operation: string,
    run: () => Promise<unknown>,
    notes: RowNotes,
  ): Promise<LoggedRequest[]> {
    const { sandbox, progress } = this.options;
    progress(`  ${operation}`);
    await sandbox.clearRequests();
    const result = await run();
    const made = await sandbox.requests();
    this.requestCounts.push({
      operation,
      requests: made.length,
      made: made.map(describeRequest),
      ...(Array.isArray(result) ? { records: result.length } : {}),
      ...notes,
    });
    return made;
  }

  /**
   * One operation: a first run whose logged requests are its request count and the requests
   * `fetch` replays; then warm-up and timed runs, app and replay alternately. `run` gets the run's
   * index (0 for the counted run), for operations that need a new input each time.
   */
  async measure(
    operation: string,
    run: (index: number) => Promise<unknown>,
    notes: RowNotes,
  ): Promise<void> {
    const { sandbox, warmup, runs } = this.options;
    const made = await this.count(operation, () => run(0), notes);
    const replays = made.map((request) => this.replayOf(request));
    await sandbox.clearRequests();
    const logged = async () => (await sandbox.requests()).length;
    if (replays.length === 0) {
      const app = await timeRuns(warmup, runs, (index) => run(index + 1));
      this.overhead.push({
        operation,
        requests: 0,
        app: app.summary,
        samples: { app: app.samples, baseline: [] },
        baseline: null,
        ratio: null,
        pairRatio: null,
        logCheck: { expected: 0, logged: await logged() },
        method: 'No request to compare with: the absolute time through the app runtime only.',
      });
      return;
    }
    const timings = await timePaired({
      warmup,
      runs,
      app: (index) => run(index + 1),
      baseline: () => replay(replays),
    });
    this.overhead.push({
      operation,
      requests: made.length,
      ...timings,
      logCheck: { expected: (warmup + runs) * made.length * 2, logged: await logged() },
      method: `fetch replays: ${made.map(describeRequest).join(', ')}`,
    });
  }

  /** A logged request as plain `fetch` sends it again, with the Basic header the log leaves out. */
  replayOf(request: Pick<LoggedRequest, 'method' | 'path' | 'query' | 'body'>): ReplayRequest {
    return toReplay(request, this.options.sandbox.url, this.authorization);
  }

  check(check: Check): void {
    this.checks.push(check);
  }
}
