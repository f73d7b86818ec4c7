import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../index.js';
import { startHookRunner } from '../sandbox/hookRunner.js';
import type { HookRunner } from '../sandbox/hookRunner.js';
import { signature } from '../sandbox/index.js';
import type { LoggedRequest, Notification } from '../sandbox/index.js';
import { basicAuthorization, deliveryBundle, placeholderBundle } from '../sandbox/zapierHarness.js';
import type { HookTarget } from '../sandbox/zapierHarness.js';
import { testConnection } from '../src/authentication.js';
import { perform as createCustomer } from '../src/creates/create_customer.js';
import { perform as updateCustomer } from '../src/creates/update_customer.js';
import { perform as updateBillingAddress } from '../src/creates/update_customer_billing_address.js';
import { hydrateBillingAddress } from '../src/hydrators.js';
import { perform as findCustomer } from '../src/searches/find_customer.js';
import { perform as hookPerform } from '../src/triggers/billing_address_updated.js';
import { perform as pollPerform } from '../src/triggers/billing_address_updated_polling.js';
import { deliveryOrder } from './deliveryMix.js';
import type { RemoteSandbox } from './remoteSandbox.js';
import { describeRequest, isPlainFetch, replay, toReplay } from './replay.js';
import type { ReplayRequest } from './replay.js';
import { summarise } from './stats.js';
import type { Summary } from './stats.js';
import { timePaired, timeRuns } from './timing.js';

/*
 * The figures that need the app and the sandbox: requests per operation, overhead over plain
 * `fetch`, and the throughput of the hook path. Every operation runs through zapier-platform-core's
 * app runtime (`createAppTester` over the real app, its middleware included), as Zapier runs it.
 * This module imports zapier-platform-core: load it only once NODE_ENV is 'test' (run.ts does).
 */

type Perform<T = unknown> = (z: ZObject, bundle: Bundle) => T | Promise<T>;
type AppTester = ReturnType<typeof zapier.createAppTester>;

export interface SuiteOptions {
  sandbox: RemoteSandbox;
  warmup: number;
  runs: number;
  /** Repetitions of the 1,000-delivery storm. */
  stormRuns: number;
  progress: (text: string) => void;
}

export interface RequestCountRow {
  operation: string;
  requests: number;
  /** `GET /v1/Customers?SizePage=1`, in the order they were made. */
  made: string[];
  /** Records the operation produced, where that is part of the figure. */
  records?: number;
  /** What the issue or the README promises, when they say: requests, and records where it matters. */
  expected?: { requests: number; records?: number; source: string };
  method: string;
}

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

export interface StormRun {
  seconds: number;
  deliveriesPerSecond: number;
  records: number;
  requests: number;
  errors: number;
}

export interface StormResult {
  name: string;
  method: string;
  deliveries: number;
  distinct: number;
  duplicates: number;
  runs: StormRun[];
  deliveriesPerSecond: Summary;
  /** Per delivery, through perform: first deliveries and duplicates apart (in-process storm only). */
  perDelivery?: { first: Summary; duplicate: Summary };
  /** The same address reads with plain fetch, as deliveries per second (in-process storm only). */
  physicalLimit?: { deliveriesPerSecond: Summary; ratio: number };
}

export interface Check {
  what: string;
  ok: boolean;
  detail: string;
}

export interface SuiteResult {
  requestCounts: RequestCountRow[];
  overhead: OverheadRow[];
  storms: StormResult[];
  checks: Check[];
}

const POLL_META = { isLoadingSample: false, isPopulatingDedupe: false, limit: -1, page: 0 };
/** One customer for the timed hook runs, so that every run reads the same address. */
const HOOK_CUSTOMER = 'cust-de-002';
const STORM_DISTINCT = 800;
const STORM_DUPLICATES = 200;
/**
 * A Zap that runs for every notification. The bench's notifications never change an address:
 * with Only When Changed (the default) only a customer's first would be a record, and the rows
 * that time records would time filtered deliveries instead.
 */
const EVERY_NOTIFICATION = { only_when_changed: false };

/** An ad-hoc function for the runtime floor: core runs it like any method of the app. */
const noop: Perform<never[]> = () => Promise.resolve([]);

/** A delivery as Zapier hands it to `perform`: signed as ProAbono signs it, with a new key each. */
const signedDelivery = (
  target: HookTarget,
  body: unknown,
  secret: string,
): Partial<Bundle> & Record<string, unknown> => {
  const key = randomBytes(16).toString('hex');
  return deliveryBundle(target, {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-proabono-key': key,
      'x-proabono-signature': signature(key, secret),
    },
  });
};

export const runSuite = async (options: SuiteOptions): Promise<SuiteResult> => {
  const { sandbox, warmup, runs, progress } = options;
  const authData: Record<string, string> = { ...sandbox.authData };
  const authorization = basicAuthorization(authData.agentKey ?? '', authData.apiKey ?? '');
  const requestCounts: RequestCountRow[] = [];
  const overhead: OverheadRow[] = [];
  const checks: Check[] = [];

  const appTester: AppTester = zapier.createAppTester(App);
  const call = <T>(tester: AppTester, fn: Perform<T>, bundle: Record<string, unknown> = {}) =>
    tester(fn, { authData: { ...authData }, ...bundle } as Partial<Bundle>);

  const logged = async (): Promise<LoggedRequest[]> => sandbox.requests();

  /**
   * One operation: a first run whose logged requests are its request count and the requests
   * `fetch` replays; then warm-up and timed runs, app and replay alternately.
   */
  const measure = async (
    operation: string,
    run: (index: number) => Promise<unknown>,
    count: Omit<RequestCountRow, 'operation' | 'requests' | 'made' | 'records'>,
  ): Promise<void> => {
    progress(`  ${operation}`);
    await sandbox.clearRequests();
    const result = await run(0);
    const made = await logged();
    requestCounts.push({
      operation,
      requests: made.length,
      made: made.map(describeRequest),
      ...(Array.isArray(result) ? { records: result.length } : {}),
      ...count,
    });
    const replays: ReplayRequest[] = made.map((request) =>
      toReplay(request, sandbox.url, authorization),
    );
    await sandbox.clearRequests();
    const timedRuns = warmup + runs;
    if (replays.length === 0) {
      const app = await timeRuns(warmup, runs, (index) => run(index + 1));
      overhead.push({
        operation,
        requests: 0,
        app: app.summary,
        samples: { app: app.samples, baseline: [] },
        baseline: null,
        ratio: null,
        pairRatio: null,
        logCheck: { expected: 0, logged: (await logged()).length },
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
    overhead.push({
      operation,
      requests: made.length,
      ...timings,
      logCheck: { expected: timedRuns * made.length * 2, logged: (await logged()).length },
      method: `fetch replays: ${made.map(describeRequest).join(', ')}`,
    });
  };

  // ── operations that stand alone ──────────────────────────────────────────
  progress('Operations (request counts and overhead)');
  await sandbox.reset();
  {
    // Warm the JIT on the runtime, the app's request path and fetch before anything is timed,
    // or the first rows pay for it.
    await sandbox.clearRequests();
    await call(appTester, testConnection);
    const made = (await logged()).map((request) => toReplay(request, sandbox.url, authorization));
    for (let round = 0; round < warmup * 5; round += 1) {
      await call(appTester, noop);
      await call(appTester, testConnection);
      await replay(made);
    }
  }
  await measure('Runtime floor: a function that does nothing', () => call(appTester, noop), {
    method:
      'an ad-hoc function returning [] through the same runtime: what zapier-platform-core costs per invocation before any app code runs.',
  });
  await measure('Connection test', () => call(appTester, testConnection), {
    method: 'authentication.test through the app runtime: one call to each API.',
    expected: {
      requests: 2,
      source: 'issue 10: the keys proved on the API Live and the Backoffice',
    },
  });
  await measure(
    'Update Customer Billing Address',
    () =>
      call(appTester, updateBillingAddress, {
        inputData: {
          ReferenceCustomer: 'cust-es-003',
          AddressLine1: 'Calle de Alcalá 42',
          ZipCode: '28014',
          Country: 'Spain',
          Phone: '+34 911 23 45 67',
        },
      }),
    {
      method: 'perform with five fields (one country name, one phone to normalise).',
      expected: { requests: 1, source: 'issue 6: "Update costs exactly 1 request"' },
    },
  );
  await measure(
    'Update Customer Billing Address, Skip If Nothing Would Change: a change',
    (index) =>
      call(appTester, updateBillingAddress, {
        inputData: {
          ReferenceCustomer: 'cust-es-003',
          AddressLine1: `Calle de Alcalá ${100 + index}`,
          ZipCode: '28014',
          skip_if_unchanged: true,
        },
      }),
    {
      method:
        'perform with skip_if_unchanged and a new street number each run (timed replays repeat the first one), the ZIP code unchanged: the read, then the POST of the street alone.',
      expected: {
        requests: 2,
        source: 'issue 11: skip_if_unchanged reads first, then writes what changes',
      },
    },
  );
  await measure(
    'Update Customer Billing Address, Skip If Nothing Would Change: nothing to change',
    () =>
      call(appTester, updateBillingAddress, {
        inputData: {
          ReferenceCustomer: 'cust-fr-001',
          ZipCode: '75011',
          City: 'Paris',
          Country: 'France',
          Phone: '+33 1 44 55 66 77',
          skip_if_unchanged: true,
        },
      }),
    {
      method:
        "perform with skip_if_unchanged and cust-fr-001's own seeded address, written differently (a country name, a spaced phone): the read alone.",
      expected: {
        requests: 1,
        source: 'issue 11: nothing is written when nothing would change',
      },
    },
  );
  await measure(
    'Update Customer',
    () =>
      call(appTester, updateCustomer, {
        inputData: { ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter' },
      }),
    {
      method:
        'perform renaming a customer of the non-default segment: the lookup, then the save with its own segment.',
      expected: { requests: 2, source: 'issue 10: "update = lookup + POST"' },
    },
  );
  await measure(
    'Create Customer with a billing address',
    (index) =>
      call(appTester, createCustomer, {
        inputData: {
          ReferenceCustomer: `cust-bench-${index}`,
          Name: 'Giulia Romano',
          City: 'Milano',
          Country: 'Italy',
        },
      }),
    {
      method:
        'perform for a new reference each run (timed replays repeat the first one): the lookup, the customer, its address.',
      expected: {
        requests: 3,
        source: 'issue 10: "create = lookup + POST customer (+ POST address)"',
      },
    },
  );
  await measure(
    'Find Customer by reference',
    () => call(appTester, findCustomer, { inputData: { ReferenceCustomer: 'cust-fr-001' } }),
    { method: 'perform for an existing reference: the customer, then its billing address.' },
  );
  await measure(
    'Find Customer by email',
    () =>
      call(appTester, findCustomer, { inputData: { Email: 'billing@northwind-analytics.com' } }),
    {
      method:
        'perform for an email two customers share: the Backoffice search, then the address of the most recently updated.',
    },
  );

  // ── polling ──────────────────────────────────────────────────────────────
  progress('Polling trigger');
  const pollCounts: number[] = [];
  for (const history of [10, 1_000, 10_000]) {
    await sandbox.reset();
    await sandbox.addEvents(history);
    await measure(
      `Poll, ${history.toLocaleString('en-US')} events in history`,
      () => call(appTester, pollPerform, { meta: { ...POLL_META } }),
      {
        method: `billing_address_updated_polling perform (Zapier's default limit) after POST /_admin/events {count: ${history}}.`,
        expected: { requests: 1, source: 'issue 6: "a poll\'s cost does not grow with history"' },
      },
    );
    pollCounts.push(requestCounts.at(-1)?.requests ?? NaN);
  }
  checks.push({
    what: 'A poll costs the same whatever the history (10, 1,000, 10,000 events)',
    ok: pollCounts.every((count) => count === pollCounts[0]),
    detail: `requests: ${pollCounts.join(', ')}`,
  });
  {
    // Turning a Zap on asks for as many events as one request allows: still one request.
    await sandbox.clearRequests();
    const records = await call(appTester, pollPerform, {
      meta: { ...POLL_META, isPopulatingDedupe: true },
    });
    const made = await logged();
    requestCounts.push({
      operation: 'Poll when the Zap is turned on, 10,000 events',
      requests: made.length,
      made: made.map(describeRequest),
      records: records.length,
      method: 'perform with meta.isPopulatingDedupe (Zapier fills its dedupe table).',
      expected: { requests: 1, source: 'issue 6: constant poll cost' },
    });
  }
  {
    await sandbox.reset();
    await sandbox.addEvents(10);
    const records = await call(appTester, pollPerform, { meta: { ...POLL_META } });
    const newest = records[0];
    if (!newest) throw new Error('The poll returned no record to hydrate');
    const inputData = placeholderBundle(newest.billing_address);
    await measure(
      'Hydration of one new polled event',
      () => call(appTester, hydrateBillingAddress, { inputData }),
      {
        method:
          "the newest record's billing_address placeholder, resolved by hydrators.billingAddress as Zapier does.",
      },
    );
  }

  // ── instant trigger, through real deliveries ─────────────────────────────
  progress('Instant trigger (deliveries from the sandbox to the hook runner)');
  await sandbox.reset();
  const runner: HookRunner = await startHookRunner({
    app: App,
    triggerKey: 'billing_address_updated',
    authData,
  });
  const settled = async () => {
    await sandbox.idle();
    await runner.idle();
  };
  /** Runs `action`, waits for every delivery to be performed, and counts requests and records. */
  const counted = async (
    operation: string,
    action: () => Promise<unknown>,
    row: Omit<RequestCountRow, 'operation' | 'requests' | 'made' | 'records'>,
  ) => {
    progress(`  ${operation}`);
    await sandbox.clearRequests();
    const recordsBefore = runner.records.length;
    const errorsBefore = runner.errors.length;
    await action();
    await settled();
    const made = await logged();
    const errors = runner.errors.slice(errorsBefore);
    requestCounts.push({
      operation,
      requests: made.length,
      made: made.map(describeRequest),
      records: runner.records.length - recordsBefore,
      ...row,
    });
    if (errors.length > 0) {
      checks.push({
        what: `${operation}: perform raised no error`,
        ok: false,
        detail: errors.map((error) => error.message).join(' | '),
      });
    }
  };
  let hook: HookTarget;
  let verification: { Code: string; IdWebhook: number };
  let event: Notification;
  try {
    await counted(
      'Turn the Zap on: subscribe, then the verification delivery',
      () => runner.subscribe(),
      {
        method:
          'hook runner: performSubscribe, then ProAbono POSTs the verification code and perform confirms it.',
      },
    );
    const sent = runner.received.find(
      (received) =>
        typeof received.body === 'object' &&
        received.body !== null &&
        'Code' in received.body &&
        !('TypeTrigger' in received.body),
    );
    if (!sent) throw new Error('The sandbox sent no verification code to the hook runner');
    verification = sent.body as { Code: string; IdWebhook: number };
    hook = { targetUrl: runner.targetUrl, subscribeData: runner.subscribeData };
    const active = (await sandbox.webhooks()).find((webhook) => webhook.Url === runner.targetUrl);
    checks.push({
      what: 'The webhook is active after the verification delivery',
      ok: active?.IsActive === true,
      detail: active ? `webhook ${active.Id}, IsActive ${String(active.IsActive)}` : 'no webhook',
    });

    await counted(
      'Instant: the verification code delivered again',
      () => sandbox.deliver(runner.targetUrl, verification),
      {
        method: 'POST /_admin/deliver of the same {Code, IdWebhook}, signed: perform confirms it.',
        expected: { requests: 1, records: 0, source: 'README: the verification costs one' },
      },
    );
    let emitted: Notification | undefined;
    await counted(
      'Instant: one billing-address event',
      async () => {
        emitted = await sandbox.emit(HOOK_CUSTOMER);
      },
      {
        method: 'POST /_admin/emit: the sandbox records the event and delivers it to the webhook.',
        expected: { requests: 1, records: 1, source: 'issue 6: "an instant-trigger event 1"' },
      },
    );
    if (!emitted) throw new Error('The sandbox emitted no event');
    event = emitted;
    await counted('Instant: an event that changes nothing', () => sandbox.emit(HOOK_CUSTOMER), {
      method:
        'POST /_admin/emit again, the address unchanged since the record above: Only When Changed (the default) gives no record.',
      expected: {
        requests: 1,
        records: 0,
        source: 'issue 11: a notification that changes nothing gives no record',
      },
    });
    await counted(
      'Instant: the same event delivered again',
      () => sandbox.deliver(runner.targetUrl, event),
      {
        method:
          'POST /_admin/deliver of the same notification (new x-proabono-key, valid signature).',
        expected: { requests: 0, records: 0, source: 'issue 6: "a duplicate 0"' },
      },
    );
    await counted(
      'Instant: an event of another type',
      () =>
        sandbox.deliver(runner.targetUrl, {
          ...event,
          Id: `${event.Id}-other`,
          TypeTrigger: 'CustomerAdded',
        }),
      {
        method: 'POST /_admin/deliver of a CustomerAdded notification, signed.',
        expected: {
          requests: 0,
          records: 0,
          source: 'README: an event of another type costs none',
        },
      },
    );
    await counted(
      'Instant: a forged signature',
      () =>
        sandbox.deliver(
          runner.targetUrl,
          { ...event, Id: `${event.Id}-forged` },
          { 'x-proabono-signature': signature('forged-key', 'not-the-secret') },
        ),
      {
        method: 'POST /_admin/deliver of a new notification whose signature does not match.',
        expected: {
          requests: 0,
          records: 0,
          source: 'README: a wrong signature produces no record',
        },
      },
    );

    // ── instant trigger, timed: perform called directly with Zapier-shaped bundles ──
    progress('Instant trigger (timed perform)');
    const secret = authData.webhookSecret ?? '';
    const hookTester: AppTester = zapier.createAppTester(App);
    const perRunCount = warmup + runs + 1;
    const delivered = new Set((await sandbox.events()).map((notification) => notification.Id));
    await sandbox.addEvents(2 * perRunCount, [HOOK_CUSTOMER]);
    const fresh = (await sandbox.events()).filter(
      (notification) => !delivered.has(notification.Id),
    );
    // Bundles are signed before the clock starts: one per run, as each delivery is its own.
    const prepared = (bodies: unknown[], inputData: Record<string, unknown> = {}) => {
      const bundles = bodies.map((body) => ({ ...signedDelivery(hook, body, secret), inputData }));
      return (index: number) => {
        const bundle = bundles[index];
        if (!bundle) throw new Error(`No prepared delivery for run ${index}`);
        return call(hookTester, hookPerform, bundle);
      };
    };
    const perRun = <T>(body: T): T[] => Array.from({ length: perRunCount }, () => body);
    await measure(
      'Instant: perform for one event',
      prepared(fresh.slice(0, perRunCount), EVERY_NOTIFICATION),
      {
        method: `perform with a signed, not yet seen ${HOOK_CUSTOMER} notification per run and only_when_changed false (hydration: one address read).`,
        expected: { requests: 1, records: 1, source: 'issue 6: "an instant-trigger event 1"' },
      },
    );
    await measure('Instant: perform for the verification code', prepared(perRun(verification)), {
      method: 'perform with the {Code, IdWebhook} body and the subscribe data.',
      expected: { requests: 1, records: 0, source: 'README: the verification costs one' },
    });
    // The first delivery of `event` to this tester; every timed one after it is a duplicate.
    await call(hookTester, hookPerform, signedDelivery(hook, event, secret));
    await measure('Instant: perform for a duplicate', prepared(perRun(event)), {
      method: 'perform with a notification this Zap already ran (the claim in z.cache is found).',
      expected: { requests: 0, records: 0, source: 'issue 6: "a duplicate 0"' },
    });
    await measure(
      'Instant: perform for an event that changes nothing',
      prepared(fresh.slice(perRunCount, 2 * perRunCount)),
      {
        method: `perform with a signed, not yet seen ${HOOK_CUSTOMER} notification per run and the default Only When Changed: the address this Zap remembers from the runs above is read again, no record.`,
        expected: {
          requests: 1,
          records: 0,
          source: 'issue 11: a notification that changes nothing gives no record',
        },
      },
    );

    await counted('Turn the Zap off: unsubscribe', () => runner.unsubscribe(), {
      method: 'hook runner: performUnsubscribe with the subscribe data.',
    });
  } finally {
    await runner.close();
  }

  // ── checks on the counts ─────────────────────────────────────────────────
  for (const row of requestCounts) {
    if (!row.expected) continue;
    const { requests, records, source } = row.expected;
    checks.push({
      what:
        `${row.operation}: ${requests} request(s)` +
        `${records === undefined ? '' : `, ${records} record(s)`}, ${source}`,
      ok: row.requests === requests && (records === undefined || row.records === records),
      detail: `made ${row.requests}${records === undefined ? '' : `, ${String(row.records)} record(s)`}`,
    });
  }
  const uneven = overhead.filter((row) => row.logCheck.logged !== row.logCheck.expected);
  checks.push({
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
  });
  checks.push({
    what: "The fetch baseline is Node's own fetch (zapier-platform-core did not wrap it)",
    ok: isPlainFetch(),
    detail: isPlainFetch() ? 'unchanged' : 'globalThis.fetch was replaced during the run',
  });

  const storms = [
    await stormInProcess(options, authData, authorization),
    await stormEndToEnd(options, authData),
  ];
  for (const storm of storms) {
    const bad = storm.runs.filter(
      (run) =>
        run.records !== storm.distinct || run.requests !== storm.distinct || run.errors !== 0,
    );
    checks.push({
      what: `${storm.name}: ${storm.distinct} records and ${storm.distinct} requests for ${storm.deliveries} deliveries`,
      ok: bad.length === 0,
      detail: storm.runs
        .map((run) => `records ${run.records}, requests ${run.requests}, errors ${run.errors}`)
        .join('; '),
    });
  }

  return { requestCounts, overhead, storms, checks };
};

// ── throughput of the hook path ───────────────────────────────────────────

/**
 * 1,000 deliveries (800 distinct notifications spread over the six seeded customers, 200 of them
 * delivered twice) fed to perform one after the other, as Zapier runs one Zap's deliveries, with
 * a fresh z.cache each run. The physical limit: the 800 address reads with plain fetch.
 */
const stormInProcess = async (
  options: SuiteOptions,
  authData: Record<string, string>,
  authorization: string,
): Promise<StormResult> => {
  const { sandbox, stormRuns, progress } = options;
  progress('Hook throughput: 1,000 deliveries fed to perform');
  await sandbox.reset();
  await sandbox.addEvents(STORM_DISTINCT);
  const notifications = await sandbox.events();
  const order = deliveryOrder(notifications.length, STORM_DUPLICATES, 6);
  const hook: HookTarget = {
    targetUrl: 'http://127.0.0.1:9/hooks/bench-storm',
    subscribeData: { id: '1', url: 'http://127.0.0.1:9/hooks/bench-storm' },
  };
  const secret = authData.webhookSecret ?? '';
  const reads: ReplayRequest[] = notifications.map((notification) =>
    toReplay(
      {
        method: 'GET',
        path: '/v1/CustomerAddressBilling',
        query: { ReferenceCustomer: notification.Customer.ReferenceCustomer },
        body: undefined,
      },
      sandbox.url,
      authorization,
    ),
  );

  const result: StormRun[] = [];
  const limit: number[] = [];
  const first: number[] = [];
  const duplicate: number[] = [];
  for (let run = 0; run < stormRuns; run += 1) {
    progress(`  run ${run + 1} of ${stormRuns}`);
    const tester: AppTester = zapier.createAppTester(App);
    // Every distinct notification is a record, as the storm promises: its addresses never change.
    const bundles = order.map((index) => ({
      ...signedDelivery(hook, notifications[index], secret),
      inputData: EVERY_NOTIFICATION,
    }));
    const seen = new Set<number>();
    await sandbox.clearRequests();
    let records = 0;
    let errors = 0;
    const started = performance.now();
    for (const [position, bundle] of bundles.entries()) {
      const index = order[position] ?? -1;
      const before = performance.now();
      try {
        const produced = await tester(hookPerform, {
          authData: { ...authData },
          ...bundle,
        } as Partial<Bundle>);
        records += produced.length;
      } catch {
        errors += 1;
      }
      (seen.has(index) ? duplicate : first).push(performance.now() - before);
      seen.add(index);
    }
    const seconds = (performance.now() - started) / 1000;
    const requests = (await sandbox.requests()).length;
    result.push({
      seconds,
      deliveriesPerSecond: bundles.length / seconds,
      records,
      requests,
      errors,
    });
    // The physical limit, right after, on the same warm sandbox.
    const limitStarted = performance.now();
    await replay(reads);
    limit.push(bundles.length / ((performance.now() - limitStarted) / 1000));
  }
  const deliveriesPerSecond = summarise(result.map((run) => run.deliveriesPerSecond));
  const physical = summarise(limit);
  return {
    name: 'In process',
    method:
      `${STORM_DISTINCT} distinct notifications (six customers) + ${STORM_DUPLICATES} redeliveries at seeded random later positions, ` +
      'each a signed Zapier-shaped bundle fed to perform through the app runtime one after the other (as Zapier runs one Zap), ' +
      'fresh z.cache per run. Physical limit: the 800 address reads with plain fetch, counted against the 1,000 deliveries.',
    deliveries: order.length,
    distinct: STORM_DISTINCT,
    duplicates: STORM_DUPLICATES,
    runs: result,
    deliveriesPerSecond,
    perDelivery: { first: summarise(first), duplicate: summarise(duplicate) },
    physicalLimit: {
      deliveriesPerSecond: physical,
      ratio: physical.median / deliveriesPerSecond.median,
    },
  };
};

/**
 * The same storm end to end: the sandbox emits 800 events to a subscribed hook runner, the first
 * 200 delivered twice (its duplicate fault), over HTTP on loopback; from the first emit until
 * every delivery has been performed.
 */
const stormEndToEnd = async (
  options: SuiteOptions,
  authData: Record<string, string>,
): Promise<StormResult> => {
  const { sandbox, stormRuns, progress } = options;
  progress('Hook throughput: 1,000 deliveries from the sandbox to the hook runner');
  const result: StormRun[] = [];
  const references = [
    'cust-fr-001',
    'cust-de-002',
    'cust-es-003',
    'cust-gb-004',
    'cust-us-005',
    'cust-fr-006',
  ];
  for (let run = 0; run < stormRuns; run += 1) {
    progress(`  run ${run + 1} of ${stormRuns}`);
    await sandbox.reset();
    const runner = await startHookRunner({
      app: App,
      triggerKey: 'billing_address_updated',
      authData,
      inputData: EVERY_NOTIFICATION,
    });
    try {
      await runner.subscribe();
      await sandbox.idle();
      await runner.idle();
      await sandbox.clearRequests();
      const recordsBefore = runner.records.length;
      const errorsBefore = runner.errors.length;
      const started = performance.now();
      await sandbox.duplicateDeliveries(2);
      for (let index = 0; index < STORM_DISTINCT; index += 1) {
        if (index === STORM_DUPLICATES) await sandbox.duplicateDeliveries(1);
        await sandbox.emit(references[index % references.length] ?? HOOK_CUSTOMER);
      }
      await sandbox.idle();
      await runner.idle();
      const seconds = (performance.now() - started) / 1000;
      const deliveries = (await sandbox.deliveries()).filter(
        (delivery) => delivery.kind === 'notification',
      );
      result.push({
        seconds,
        deliveriesPerSecond: deliveries.length / seconds,
        records: runner.records.length - recordsBefore,
        requests: (await sandbox.requests()).length,
        errors: runner.errors.length - errorsBefore,
      });
      if (deliveries.length !== STORM_DISTINCT + STORM_DUPLICATES) {
        throw new Error(
          `The sandbox made ${deliveries.length} notification deliveries, not ${STORM_DISTINCT + STORM_DUPLICATES}`,
        );
      }
    } finally {
      await runner.close();
    }
  }
  return {
    name: 'End to end',
    method:
      `POST /_admin/emit ${STORM_DISTINCT} times (six customers), the first ${STORM_DUPLICATES} with the sandbox's duplicate fault (each sent twice); ` +
      'the sandbox POSTs each delivery to the hook runner, which answers at once and runs perform through the app runtime one at a time. ' +
      'Timed from the first emit until every delivery has been performed.',
    deliveries: STORM_DISTINCT + STORM_DUPLICATES,
    distinct: STORM_DISTINCT,
    duplicates: STORM_DUPLICATES,
    runs: result,
    deliveriesPerSecond: summarise(result.map((run) => run.deliveriesPerSecond)),
  };
};
