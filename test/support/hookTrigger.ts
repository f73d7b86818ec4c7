import App from '../../index.js';
import { startHookRunner } from '../../sandbox/zapier/hookRunner.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import type { ZapierRpc } from '../../sandbox/zapier/zapierRpc.js';
import { signature } from '../../sandbox/index.js';
import type { Notification, Sandbox } from '../../sandbox/index.js';
import { deliveryBundle } from '../../sandbox/zapier/zapierHarness.js';
import type { HookTarget } from '../../sandbox/zapier/zapierHarness.js';
import { captureLogs } from './app.js';
import type { SandboxFixture } from './sandbox.js';

/*
 * The real app's Billing Address Updated instant trigger behind the hook runner, turned on against
 * the sandbox fixture, and what the tests read of the sandbox's deliveries and history.
 */

export const TRIGGER_KEY = 'billing_address_updated';
export const EVENT = 'CustomerBillingAddressUpdated';

/** The real app's instant trigger, as Zapier would run it. */
interface TriggerOptions {
  authData?: Record<string, string>;
  app?: object;
  /** With it, deliveries run at once, as on Zapier, with a cache that honours `nx`. */
  rpc?: ZapierRpc;
  /** The trigger's input fields, as the user set them. */
  inputData?: Record<string, unknown>;
  /** Another instant trigger than Billing Address Updated. */
  triggerKey?: string;
}

/** Starts the real app's instant trigger behind a hook runner, with the sandbox's connection. */
export const startTrigger = (
  sandbox: Sandbox,
  { authData = { ...sandbox.authData }, app = App, rpc, inputData }: TriggerOptions = {},
): Promise<HookRunner> =>
  startHookRunner({ app, triggerKey: TRIGGER_KEY, authData, rpc, inputData });

/**
 * Each test of the file starts with console.log captured into `logs` (the fixture resets the
 * sandbox); every trigger it started with `start` is closed after it, once the sandbox has
 * stopped delivering.
 */
export const useHookTrigger = (fixture: SandboxFixture) => {
  const logs: string[] = [];
  const started: HookRunner[] = [];
  beforeEach(() => {
    logs.splice(0);
    captureLogs(logs);
  });
  afterEach(async () => {
    await fixture.sandbox.idle();
    await Promise.all(started.splice(0).map((runner) => runner.close()));
  });
  const start = async ({
    authData = { ...fixture.sandbox.authData },
    app = App,
    rpc,
    inputData,
    triggerKey = TRIGGER_KEY,
  }: TriggerOptions = {}): Promise<HookRunner> => {
    const runner = await startHookRunner({
      app,
      triggerKey,
      authData,
      rpc,
      inputData,
    });
    started.push(runner);
    return runner;
  };
  /** A Zap turned on: subscribed and verified, with every log and count cleared afterwards. */
  const turnOn = async (options: TriggerOptions = {}): Promise<HookRunner> => {
    const runner = await start(options);
    await runner.subscribe();
    await settle(fixture.sandbox, runner);
    expect(fixture.sandbox.webhooks()).toMatchObject([{ IsActive: true }]);
    fixture.sandbox.resetRequests();
    fixture.sandbox.resetDeliveries();
    runner.received.splice(0);
    logs.splice(0);
    return runner;
  };
  return { logs, start, turnOn };
};

/** Every delivery answered, every retry done, and every accepted delivery performed. */
export const settle = async (sandbox: Sandbox, runner: HookRunner): Promise<void> => {
  await sandbox.idle();
  await runner.idle();
};

/** The sandbox's delivery log, reduced to what a test reads. */
export const deliveries = (sandbox: Sandbox) =>
  sandbox.deliveries().map(({ delivery, kind, webhookId, body, attempt, status, forged }) => ({
    delivery,
    kind,
    webhookId,
    body,
    attempt,
    status,
    forged,
  }));

/** The code the sandbox last sent for a webhook. */
export const verificationCodeOf = (sandbox: Sandbox, id: number): string => {
  const code = sandbox.webhooks().find((webhook) => webhook.Id === id)?.verificationCode;
  if (!code) throw new Error(`The sandbox sent no verification code for webhook ${id}`);
  return code;
};

/** The newest notification of the sandbox's history. */
export const lastEvent = (sandbox: Sandbox): Notification => {
  const event = sandbox.events().at(-1);
  if (!event) throw new Error('The sandbox recorded no notification');
  return event;
};

/**
 * A delivery of `body` to a Zap's hook URL as Zapier hands it to `perform`, signed with the
 * sandbox's Webhook Security Key as ProAbono signs it.
 */
export const signedDelivery = (
  sandbox: Sandbox,
  body: unknown,
  target: HookTarget = { targetUrl: 'https://hooks.zapier.com/hooks/standard/1/a1b2c3/' },
) => {
  const key = 'b7e1f0c2-sandbox-delivery';
  return deliveryBundle(target, {
    body,
    headers: {
      'content-type': 'application/json',
      'x-proabono-key': key,
      'x-proabono-signature': signature(key, sandbox.authData.webhookSecret),
    },
  });
};
