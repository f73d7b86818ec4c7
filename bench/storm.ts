import { performance } from 'node:perf_hooks';

import zapier from 'zapier-platform-core';

import App from '../index.js';
import { SEED_CUSTOMERS } from '../sandbox/seed.js';
import type { HookTarget } from '../sandbox/zapier/zapierHarness.js';
import { perform as hookPerform } from '../src/triggers/billing_address_updated.js';
import { deliveryOrder } from './deliveryMix.js';
import { EVERY_NOTIFICATION, HOOK_CUSTOMER, signedDelivery, startZap } from './instant.js';
import { caller } from './operations.js';
import type { Recorder } from './recorder.js';
import { replay } from './replay.js';
import type { ReplayRequest } from './replay.js';
import { summarise } from './stats.js';
import type { Summary } from './stats.js';
import type { SuiteOptions } from './suite.js';

/*
 * The throughput of the hook path: a storm of 1,000 deliveries (800 distinct events, 200 of them
 * delivered twice) run through `perform`, once in process against the physical limit of plain
 * `fetch`, once end to end from the sandbox to the hook runner. This module imports
 * zapier-platform-core: load it only once NODE_ENV is 'test' (run.ts does).
 */

interface StormRun {
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

const STORM_DISTINCT = 800;
const STORM_DUPLICATES = 200;

/**
 * 1,000 deliveries (800 distinct notifications spread over the six seeded customers, 200 of them
 * delivered twice) fed to perform one after the other, as Zapier runs one Zap's deliveries, with
 * a fresh z.cache each run. The physical limit: the 800 address reads with plain fetch.
 */
const stormInProcess = async (options: SuiteOptions, recorder: Recorder): Promise<StormResult> => {
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
  const secret = sandbox.authData.webhookSecret;
  const reads: ReplayRequest[] = notifications.map((notification) =>
    recorder.replayOf({
      method: 'GET',
      path: '/v1/CustomerAddressBilling',
      query: { ReferenceCustomer: notification.Customer.ReferenceCustomer },
      body: undefined,
    }),
  );

  const result: StormRun[] = [];
  const limit: number[] = [];
  const first: number[] = [];
  const duplicate: number[] = [];
  for (let run = 0; run < stormRuns; run += 1) {
    progress(`  run ${run + 1} of ${stormRuns}`);
    const call = caller(sandbox, zapier.createAppTester(App));
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
        const produced = await call(hookPerform, bundle);
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
const stormEndToEnd = async (options: SuiteOptions): Promise<StormResult> => {
  const { sandbox, stormRuns, progress } = options;
  progress('Hook throughput: 1,000 deliveries from the sandbox to the hook runner');
  const result: StormRun[] = [];
  const references = SEED_CUSTOMERS.map((customer) => customer.ReferenceCustomer);
  for (let run = 0; run < stormRuns; run += 1) {
    progress(`  run ${run + 1} of ${stormRuns}`);
    await sandbox.reset();
    const runner = await startZap(sandbox, EVERY_NOTIFICATION);
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

/** Both storms, in process first. */
export const runStorms = async (
  options: SuiteOptions,
  recorder: Recorder,
): Promise<StormResult[]> => [
  await stormInProcess(options, recorder),
  await stormEndToEnd(options),
];
