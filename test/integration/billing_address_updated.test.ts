import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import type { VerificationTiming } from '../../sandbox/index.js';
import { performSubscribe } from '../../src/triggers/billing_address_updated.js';
import { appTester } from '../support/app.js';
import { call } from '../sandbox/support.js';
import {
  EVENT,
  TRIGGER_KEY,
  deliveries,
  settle,
  useHookTrigger,
  verificationCodeOf,
} from '../support/hookTrigger.js';
import { codeConfirm, newSubscription, webhookDelete, webhookList } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/**
 * The real app's Billing Address Updated trigger against the sandbox, through the hook runner:
 * turning a Zap on (webhook registration and the verification handshake, in both orders ProAbono
 * may deliver the code) and off again.
 */

const env = useSandbox();
const { logs, start } = useHookTrigger(env);

type Perform = (z: ZObject, bundle: Bundle) => unknown;

/**
 * The real app, with its trigger's `perform` wrapped to note the subscribe data Zapier handed it.
 * Everything else, `perform` included, runs unchanged.
 */
const observedApp = (seen: unknown[]): object => {
  const trigger = App.triggers?.[TRIGGER_KEY];
  if (!trigger) throw new Error(`The app has no ${TRIGGER_KEY} trigger`);
  const operation = trigger.operation as unknown as Record<string, unknown>;
  const perform = operation.perform as Perform;
  return {
    ...App,
    triggers: {
      ...App.triggers,
      [TRIGGER_KEY]: {
        ...trigger,
        operation: {
          ...operation,
          perform: (z: ZObject, bundle: Bundle) => {
            seen.push(bundle.subscribeData);
            return perform(z, bundle);
          },
        },
      },
    },
  };
};

describe('turning the Zap on', () => {
  it.each<[VerificationTiming, string]>([
    ['after-response', 'after ProAbono has answered the request for it'],
    ['before-response', 'before subscribe has returned, so without subscribe data'],
  ])('registers the webhook and activates it with the code delivered %s (%s)', async (timing) => {
    env.sandbox.setVerificationTiming(timing);
    const seen: unknown[] = [];
    const runner = await start({ app: observedApp(seen) });

    const subscribeData = await runner.subscribe();
    await settle(env.sandbox, runner);

    expect(subscribeData).toEqual({ id: '5001', url: runner.targetUrl, types: [EVENT] });
    const code = verificationCodeOf(env.sandbox, 5001);
    expect(env.sandbox.webhooks()).toEqual([
      {
        Id: 5001,
        IdBusiness: 42,
        Url: runner.targetUrl,
        Triggers: [EVENT],
        IsActive: true,
        DateCreation: expect.any(String),
        verificationCode: code,
      },
    ]);
    expect(deliveries(env.sandbox)).toEqual([
      {
        delivery: expect.any(Number),
        kind: 'verification',
        webhookId: 5001,
        // Whether ProAbono names the webhook in this POST is undocumented (the sandbox's profile).
        body: {
          Code: code,
          ...(env.sandbox.behaviour.verificationIdWebhook && { IdWebhook: 5001 }),
        },
        attempt: 1,
        status: 200,
        forged: false,
      },
    ]);
    // The verification delivery costs one request: the code goes back for the webhook named by
    // the subscribe data or, in the race, by the body; no list of webhooks is read.
    expect(requestLog(env.sandbox)).toEqual(newSubscription(runner.targetUrl, 5001, code));
    if (timing === 'before-response') expect(seen).toEqual([undefined]);
    expect(seen).toHaveLength(1);
    expect(runner.records).toEqual([]);
    expect(runner.errors).toEqual([]);
    expect(logs).toEqual([
      'Billing Address Updated: confirmed the verification code of webhook 5001.',
    ]);
  });

  it("finds the webhook in ProAbono's list, a last resort, when nothing else names it", async () => {
    // A ProAbono with the list, which nothing documents; without it see the next test.
    env.setBehaviour({ webhookList: true });
    const hooks = await start();
    // Every attempt of ProAbono's own verification delivery fails: the webhook stays inactive.
    hooks.failNext(5);
    await appTester(performSubscribe, {
      authData: { ...env.sandbox.authData },
      targetUrl: hooks.targetUrl,
    });
    await settle(env.sandbox, hooks);
    expect(deliveries(env.sandbox).map(({ attempt, status }) => [attempt, status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 500],
      [5, 500],
    ]);
    expect(env.sandbox.webhooks()).toMatchObject([{ Id: 5001, IsActive: false }]);
    env.sandbox.resetRequests();

    // The code alone, signed by ProAbono, reaching a runner that has no subscribe data.
    const code = verificationCodeOf(env.sandbox, 5001);
    expect(await env.sandbox.deliverRaw(hooks.targetUrl, { Code: code })).toBe(200);
    await hooks.idle();

    expect(hooks.subscribeData).toBeUndefined();
    expect(env.sandbox.webhooks()).toMatchObject([{ Id: 5001, IsActive: true }]);
    expect(requestLog(env.sandbox)).toEqual([webhookList, codeConfirm(5001, code)]);
    expect(hooks.records).toEqual([]);
    expect(hooks.errors).toEqual([]);
  });

  it('fails clearly when a code arrives for a URL no webhook of the business posts to', async () => {
    const runner = await start();
    expect(await env.sandbox.deliverRaw(runner.targetUrl, { Code: 'ABCDEFGH' })).toBe(200);
    await runner.idle();
    expect(requestLog(env.sandbox)).toEqual([webhookList]);
    expect(runner.records).toEqual([]);
    expect(runner.errors.map(({ message }) => JSON.parse(message) as unknown)).toEqual([
      {
        message:
          'ProAbono sent a webhook verification code, but no webhook of business 42 is known for ' +
          'this Zap. Turn the Zap off and on again to register a new webhook.',
        code: 'webhook_not_found',
      },
    ]);
  });

  it('replaces the webhook when the Zap is turned on twice with the same URL: one webhook', async () => {
    const runner = await start();
    await runner.subscribe();
    await settle(env.sandbox, runner);
    env.sandbox.resetRequests();

    expect(await runner.subscribe()).toEqual({
      id: '5002',
      url: runner.targetUrl,
      types: [EVENT],
    });
    await settle(env.sandbox, runner);

    const code = verificationCodeOf(env.sandbox, 5002);
    expect(env.sandbox.webhooks()).toMatchObject([
      { Id: 5002, Url: runner.targetUrl, IsActive: true },
    ]);
    expect(requestLog(env.sandbox)).toEqual([
      webhookDelete(5001),
      ...newSubscription(runner.targetUrl, 5002, code),
    ]);
    expect(runner.errors).toEqual([]);
  });
});

describe('turning the Zap off', () => {
  it('deletes the webhook, leaving none; later updates reach nobody', async () => {
    const runner = await start();
    await runner.subscribe();
    await settle(env.sandbox, runner);
    env.sandbox.resetRequests();
    env.sandbox.resetDeliveries();

    expect(await runner.unsubscribe()).toEqual({ id: '5001', deleted: true });
    expect(env.sandbox.webhooks()).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([webhookDelete(5001)]);

    env.sandbox.emitBillingAddressUpdated('cust-de-002');
    await settle(env.sandbox, runner);
    expect(env.sandbox.deliveries()).toEqual([]);
    expect(runner.records).toEqual([]);
  });

  it.each([
    ['already turned off once', async (hooks: HookRunner) => void (await hooks.unsubscribe())],
    [
      'deleted in ProAbono',
      async () =>
        void (await call(env.sandbox, 'DELETE', '/backoffice/Notification/Webhooks/5001')),
    ],
  ])('succeeds when the webhook was %s', async (_case, removeFirst) => {
    const runner = await start();
    await runner.subscribe();
    await settle(env.sandbox, runner);
    await removeFirst(runner);
    env.sandbox.resetRequests();

    expect(await runner.unsubscribe()).toEqual({ id: '5001', deleted: false });
    expect(env.sandbox.webhooks()).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([webhookDelete(5001)]);
  });
});
