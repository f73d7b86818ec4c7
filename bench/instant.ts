import { randomBytes } from 'node:crypto';

import zapier from 'zapier-platform-core';
import type { Bundle } from 'zapier-platform-core';

import App from '../index.js';
import { startHookRunner } from '../sandbox/zapier/hookRunner.js';
import type { HookRunner } from '../sandbox/zapier/hookRunner.js';
import { signature } from '../sandbox/index.js';
import type { Notification } from '../sandbox/index.js';
import { deliveryBundle } from '../sandbox/zapier/zapierHarness.js';
import type { HookTarget } from '../sandbox/zapier/zapierHarness.js';
import { perform as hookPerform } from '../src/triggers/billing_address_updated.js';
import { caller } from './operations.js';
import type { Recorder, RowNotes } from './recorder.js';
import type { SuiteOptions } from './suite.js';

/*
 * The instant trigger, two ways. Counted: real deliveries from the sandbox to the hook runner
 * (Zapier's side), from turning the Zap on to turning it off, each row once every delivery has
 * been performed. Timed: `perform` called directly with signed, Zapier-shaped bundles, against
 * plain `fetch` of the requests it made. This module imports zapier-platform-core: load it only
 * once NODE_ENV is 'test' (run.ts does).
 */

/** One customer for the timed hook runs, so that every run reads the same address. */
export const HOOK_CUSTOMER = 'cust-de-002';

/**
 * A Zap that runs for every notification. The bench's notifications never change an address:
 * with Only When Changed (the default) only a customer's first would be a record, and the rows
 * that time records would time filtered deliveries instead.
 */
export const EVERY_NOTIFICATION = { only_when_changed: false };

// What the docs promise for the instant trigger, each checked by a counted and a timed row.
const NEW_EVENT = 'docs/limits.md § Measured: instant trigger, a new event';
const VERIFICATION = 'docs/limits.md § Measured: instant trigger, the verification code';
const DUPLICATE = 'docs/limits.md § Measured: instant trigger, duplicate';
const UNCHANGED =
  'docs/operations.md § Billing Address Updated: Filters, Only When the Address Changed';

/** A delivery as Zapier hands it to `perform`: signed as ProAbono signs it, with a new key each. */
export const signedDelivery = (
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

/** The real app's instant trigger behind the hook runner, with the sandbox's connection. */
export const startZap = (
  sandbox: SuiteOptions['sandbox'],
  inputData?: Record<string, unknown>,
): Promise<HookRunner> =>
  startHookRunner({
    app: App,
    triggerKey: 'billing_address_updated',
    authData: { ...sandbox.authData },
    inputData,
  });

/** The Zap the deliveries went to, and what the timed rows replay. */
interface DeliveredZap {
  hook: HookTarget;
  verification: { Code: string; IdWebhook: number };
  event: Notification;
}

/**
 * Counts a row of the hook runner: runs `action`, waits for every delivery to be performed, and
 * records the requests and the records it gave (and a failed check for any error perform raised).
 */
const deliveries =
  (options: SuiteOptions, recorder: Recorder, runner: HookRunner) =>
  async (operation: string, action: () => Promise<unknown>, notes: RowNotes): Promise<void> => {
    const { sandbox } = options;
    const errorsBefore = runner.errors.length;
    await recorder.count(
      operation,
      async () => {
        const recordsBefore = runner.records.length;
        await action();
        await sandbox.idle();
        await runner.idle();
        return runner.records.slice(recordsBefore);
      },
      notes,
    );
    const errors = runner.errors.slice(errorsBefore);
    if (errors.length > 0) {
      recorder.check({
        what: `${operation}: perform raised no error`,
        ok: false,
        detail: errors.map((error) => error.message).join(' | '),
      });
    }
  };

/** Turns the Zap on, then sends it what ProAbono sends: the code again, events, forgeries. */
const countDeliveries = async (
  options: SuiteOptions,
  recorder: Recorder,
  runner: HookRunner,
): Promise<DeliveredZap> => {
  const { sandbox } = options;
  const counted = deliveries(options, recorder, runner);
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
  const verification = sent.body as { Code: string; IdWebhook: number };
  const active = (await sandbox.webhooks()).find((webhook) => webhook.Url === runner.targetUrl);
  recorder.check({
    what: 'The webhook is active after the verification delivery',
    ok: active?.IsActive === true,
    detail: active ? `webhook ${active.Id}, IsActive ${String(active.IsActive)}` : 'no webhook',
  });

  await counted(
    'Instant: the verification code delivered again',
    () => sandbox.deliver(runner.targetUrl, verification),
    {
      method: 'POST /_admin/deliver of the same {Code, IdWebhook}, signed: perform confirms it.',
      expected: { requests: 1, records: 0, source: VERIFICATION },
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
      expected: { requests: 1, records: 1, source: NEW_EVENT },
    },
  );
  if (!emitted) throw new Error('The sandbox emitted no event');
  const event = emitted;
  await counted('Instant: an event that changes nothing', () => sandbox.emit(HOOK_CUSTOMER), {
    method:
      'POST /_admin/emit again, the address unchanged since the record above: Only When Changed (the default) gives no record.',
    expected: { requests: 1, records: 0, source: UNCHANGED },
  });
  await counted(
    'Instant: the same event delivered again',
    () => sandbox.deliver(runner.targetUrl, event),
    {
      method:
        'POST /_admin/deliver of the same notification (new x-proabono-key, valid signature).',
      expected: { requests: 0, records: 0, source: DUPLICATE },
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
        source: 'docs/limits.md § Measured: instant trigger, other type',
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
        source: 'docs/operations.md § Billing Address Updated: Webhook Security Key, no record',
      },
    },
  );
  return {
    hook: { targetUrl: runner.targetUrl, subscribeData: runner.subscribeData },
    verification,
    event,
  };
};

/** `perform` called directly for the same Zap, one bundle per run, signed before the clock starts. */
const timePerform = async (
  options: SuiteOptions,
  recorder: Recorder,
  { hook, verification, event }: DeliveredZap,
): Promise<void> => {
  const { sandbox, warmup, runs, progress } = options;
  progress('Instant trigger (timed perform)');
  const secret = sandbox.authData.webhookSecret;
  const call = caller(sandbox, zapier.createAppTester(App));
  const perRunCount = warmup + runs + 1;
  const delivered = new Set((await sandbox.events()).map((notification) => notification.Id));
  await sandbox.addEvents(2 * perRunCount, [HOOK_CUSTOMER]);
  const fresh = (await sandbox.events()).filter((notification) => !delivered.has(notification.Id));
  // Bundles are signed before the clock starts: one per run, as each delivery is its own.
  const prepared = (bodies: unknown[], inputData: Record<string, unknown> = {}) => {
    const bundles = bodies.map((body) => ({ ...signedDelivery(hook, body, secret), inputData }));
    return (index: number) => {
      const bundle = bundles[index];
      if (!bundle) throw new Error(`No prepared delivery for run ${index}`);
      return call(hookPerform, bundle);
    };
  };
  const perRun = <T>(body: T): T[] => Array.from({ length: perRunCount }, () => body);
  await recorder.measure(
    'Instant: perform for one event',
    prepared(fresh.slice(0, perRunCount), EVERY_NOTIFICATION),
    {
      method: `perform with a signed, not yet seen ${HOOK_CUSTOMER} notification per run and only_when_changed false (hydration: one address read).`,
      expected: { requests: 1, records: 1, source: NEW_EVENT },
    },
  );
  await recorder.measure(
    'Instant: perform for the verification code',
    prepared(perRun(verification)),
    {
      method: 'perform with the {Code, IdWebhook} body and the subscribe data.',
      expected: { requests: 1, records: 0, source: VERIFICATION },
    },
  );
  // The first delivery of `event` to this tester; every timed one after it is a duplicate.
  await call(hookPerform, signedDelivery(hook, event, secret));
  await recorder.measure('Instant: perform for a duplicate', prepared(perRun(event)), {
    method: 'perform with a notification this Zap already ran (the claim in z.cache is found).',
    expected: { requests: 0, records: 0, source: DUPLICATE },
  });
  await recorder.measure(
    'Instant: perform for an event that changes nothing',
    prepared(fresh.slice(perRunCount, 2 * perRunCount)),
    {
      method: `perform with a signed, not yet seen ${HOOK_CUSTOMER} notification per run and the default Only When Changed: the address this Zap remembers from the runs above is read again, no record.`,
      expected: { requests: 1, records: 0, source: UNCHANGED },
    },
  );
};

/** Every instant row, in order: on, deliveries, timed perform, off. */
/**
 * Every other instant trigger of the app, found in its definition: turned on for its first event,
 * one notification delivered, what it cost (at most one read per notification) and gave.
 */
const countEventTriggers = async (options: SuiteOptions, recorder: Recorder): Promise<void> => {
  const { sandbox } = options;
  const triggers = App.triggers as Record<
    string,
    { operation: { type?: string; inputFields?: { key: string; choices?: { value: string }[] }[] } }
  >;
  for (const [key, trigger] of Object.entries(triggers)) {
    if (trigger.operation.type !== 'hook' || key === 'billing_address_updated') continue;
    const picker = trigger.operation.inputFields?.find((field) => field.key === 'event_types');
    const first = picker?.choices?.[0]?.value;
    await sandbox.reset();
    const runner = await startHookRunner({
      app: App,
      triggerKey: key,
      authData: { ...sandbox.authData },
      inputData: first === undefined ? {} : { event_types: [first] },
    });
    try {
      await runner.subscribe();
      await sandbox.idle();
      await runner.idle();
      const type = first ?? (await sandbox.webhooks())[0]?.Triggers[0] ?? '';
      await deliveries(options, recorder, runner)(
        `Instant: one ${type} event (${key})`,
        () => sandbox.emit('cust-fr-001', type),
        {
          method: `hook runner: ${key} turned on for ${type}; POST /_admin/emit of one notification about cust-fr-001.`,
          expected: {
            requests: key === 'invoice_event' ? 1 : 0,
            records: 1,
            source:
              'docs/operations.md § Instant triggers: Records, at most one read per notification',
          },
        },
      );
    } finally {
      await runner.close();
    }
  }
};

export const measureInstant = async (options: SuiteOptions, recorder: Recorder): Promise<void> => {
  const { sandbox, progress } = options;
  progress('Instant trigger (deliveries from the sandbox to the hook runner)');
  await sandbox.reset();
  const runner = await startZap(sandbox);
  try {
    const zap = await countDeliveries(options, recorder, runner);
    await timePerform(options, recorder, zap);
    await deliveries(options, recorder, runner)(
      'Turn the Zap off: unsubscribe',
      () => runner.unsubscribe(),
      { method: 'hook runner: performUnsubscribe with the subscribe data.' },
    );
  } finally {
    await runner.close();
  }
  await countEventTriggers(options, recorder);
};
