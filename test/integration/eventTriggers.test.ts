import App from '../../index.js';
import { startHookRunner } from '../../sandbox/zapier/hookRunner.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import { settle } from '../support/hookTrigger.js';
import { mappableShape } from '../support/records.js';
import { codeConfirm, newSubscription, webhookDelete } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/*
 * Every instant trigger the app defines, found in its definition (a new one is covered without
 * being named here), turned on against the sandbox through the hook runner: its webhook registered
 * for exactly the Zap's events and verified by the handshake, a notification of a picked event
 * giving one record of its sample's shape, a copy of it nothing, an event the Zap did not pick
 * nothing, and the Zap turned off.
 */

const env = useSandbox();

interface Choice {
  value: string;
}
interface HookTrigger {
  key: string;
  display: { label: string };
  operation: {
    type?: string;
    sample?: unknown;
    inputFields?: { key: string; choices?: Choice[] }[];
  };
}

const hookTriggers = Object.values(App.triggers as Record<string, HookTrigger>).filter(
  (trigger) => trigger.operation.type === 'hook',
);

/** Every event type any instant trigger offers, to find one a given Zap did not pick. */
const eventsOf = (trigger: HookTrigger): string[] => {
  const picker = trigger.operation.inputFields?.find((field) => field.key === 'event_types');
  return picker?.choices?.map((choice) => choice.value) ?? [];
};

/** The record's shape, each empty value taking the kind of the sample's value for its key. */
const shapeWhereFilled = (record: unknown, sample: unknown): unknown => {
  const filled = Object.fromEntries(
    Object.entries(record as Record<string, unknown>).map(([key, value]) => [
      key,
      value === null ? (sample as Record<string, unknown>)[key] : value,
    ]),
  );
  return mappableShape(filled);
};

it('finds every instant trigger of the app', () => {
  expect(hookTriggers.map((trigger) => trigger.key).sort()).toEqual([
    'billing_address_updated',
    'customer_added',
    'customer_event',
    'invoice_event',
    'payment_event',
    'subscription_event',
  ]);
});

describe.each(hookTriggers.map((trigger) => [trigger.key, trigger] as const))(
  '%s',
  (key, trigger) => {
    let runner: HookRunner | undefined;
    afterEach(async () => {
      await env.sandbox.idle();
      await runner?.close();
      runner = undefined;
    });

    it('turns on for exactly its events, runs the Zap once per notification, and turns off', async () => {
      const choices = eventsOf(trigger);
      // A Zap picking the first two events of the trigger, when it offers a pick.
      const picked = choices.slice(0, 2);
      runner = await startHookRunner({
        app: App,
        triggerKey: key,
        authData: { ...env.sandbox.authData },
        inputData: picked.length > 0 ? { event_types: picked } : {},
      });
      await runner.subscribe();
      await settle(env.sandbox, runner);
      const [webhook] = env.sandbox.webhooks();
      const types = webhook?.Triggers ?? [];
      if (picked.length > 0) expect(types).toEqual(picked);
      else expect(types).toHaveLength(1);
      expect(webhook?.IsActive).toBe(true);
      const code = webhook?.verificationCode ?? '';
      expect(requestLog(env.sandbox)).toEqual(
        newSubscription(runner.targetUrl, webhook?.Id ?? 0, code, types),
      );
      expect(requestLog(env.sandbox).at(-1)).toEqual(codeConfirm(webhook?.Id ?? 0, code));

      // A notification of a picked event, delivered twice; then one of an event not picked.
      env.sandbox.resetRequests();
      env.sandbox.deliveryFaults.duplicate(2);
      const event = env.sandbox.emitEvent(types[0] ?? '', 'cust-fr-001');
      await settle(env.sandbox, runner);
      env.sandbox.deliveryFaults.clear();
      const others = [...new Set(hookTriggers.flatMap(eventsOf))].filter(
        (type) => !types.includes(type),
      );
      env.sandbox.emitEvent(others[0] ?? 'CustomerAdded', 'cust-fr-001');
      await settle(env.sandbox, runner);

      expect(runner.errors).toEqual([]);
      expect(runner.records.map((record) => record.id)).toEqual([event.Id]);
      // The live record has exactly the fields of the sample the Zap editor showed, each of the
      // sample's kind where it has a value (a block the event does not carry is empty).
      expect(shapeWhereFilled(runner.records[0], trigger.operation.sample)).toEqual(
        mappableShape(trigger.operation.sample),
      );

      env.sandbox.resetRequests();
      await runner.unsubscribe();
      expect(requestLog(env.sandbox)).toEqual([webhookDelete(webhook?.Id ?? 0)]);
      expect(env.sandbox.webhooks()).toEqual([]);
    });
  },
);
