import App from '../../index.js';
import { startZapierRpc } from '../../sandbox/zapier/zapierRpc.js';
import type { ZapierRpc } from '../../sandbox/zapier/zapierRpc.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import type { Notification } from '../../sandbox/index.js';
import { hydrateRecord, placeholderBundle } from '../../sandbox/zapier/zapierHarness.js';
import { appTester } from '../support/app.js';
import { settle, useHookTrigger } from '../support/hookTrigger.js';
import { expectedRecord } from '../support/records.js';
import { addressRead } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { seededAddress } from '../support/seed.js';
import { alreadyReceived } from '../support/zapLogs.js';

/*
 * Nothing lost, nothing doubled: the instant trigger run as Zapier runs it (every delivery at
 * once, each its own invocation of core's Lambda handler, z.cache behind a stand-in of Zapier's
 * cache that honours `nx`), while ProAbono fails, slows down and delivers copies.
 */

const env = useSandbox();
const { logs, turnOn } = useHookTrigger(env);

let rpc: ZapierRpc;
beforeEach(async () => {
  rpc = await startZapierRpc();
});
afterEach(async () => {
  await rpc.close();
});

const REFERENCE = 'cust-es-003';
/** Lucía's address as the sandbox seeds it. */
const LUCIA = seededAddress(REFERENCE);
const READ = addressRead(REFERENCE);

/** A Zap turned on, every delivery run at once. */
const turnOnWithRpc = (inputData: Record<string, unknown> = {}) => turnOn({ rpc, inputData });

const webhookId = () => env.sandbox.webhooks()[0]?.Id ?? 0;

const emit = async (hooks: HookRunner): Promise<Notification> => {
  const event = env.sandbox.emitBillingAddressUpdated(REFERENCE);
  await settle(env.sandbox, hooks);
  return event;
};

describe('no notification lost to a fault, none run twice', () => {
  it('a delivery whose first address read meets a 503 still gives its full record', async () => {
    const hooks = await turnOnWithRpc();
    env.sandbox.addFault({ method: 'GET', path: '/v1/CustomerAddressBilling', status: 503 });
    const event = await emit(hooks);
    expect(hooks.errors).toEqual([]);
    expect(hooks.records).toEqual([expectedRecord(event, LUCIA, null)]);
    expect(requestLog(env.sandbox)).toEqual([READ, READ]);
    expect(logs).toEqual([
      `Billing Address Updated: reading the address of customer "${REFERENCE}" failed ` +
        '(server_error); trying again.',
    ]);
  });

  it('two copies delivered at once give one record and one address read', async () => {
    const hooks = await turnOnWithRpc();
    env.sandbox.deliveryFaults.duplicate(2);
    const event = await emit(hooks);
    expect(hooks.received.filter(({ status }) => status === 200)).toHaveLength(2);
    expect(hooks.errors).toEqual([]);
    expect(hooks.records).toEqual([expectedRecord(event, LUCIA, null)]);
    expect(requestLog(env.sandbox)).toEqual([READ]);
    expect(logs).toContain(alreadyReceived('Billing Address Updated', event.Id));
  });

  it('a copy that arrives while another is failing slowly waits, and the notification gives one record', async () => {
    const hooks = await turnOnWithRpc();
    env.sandbox.addFault({
      method: 'GET',
      path: '/v1/CustomerAddressBilling',
      status: 503,
      latencyMs: 300,
      times: 3,
    });
    env.sandbox.deliveryFaults.duplicate(2);
    const event = await emit(hooks);
    env.sandbox.clearFaults();

    expect(hooks.errors).toEqual([]);
    expect(hooks.records).toHaveLength(1);
    // Three reads by the copy that claimed it; the other read nothing.
    expect(requestLog(env.sandbox)).toEqual([READ, READ, READ]);
    const [record] = hooks.records;
    expect(record).toEqual({
      ...expectedRecord(event, LUCIA, null),
      billing_address: expect.any(String),
    });
    expect(placeholderBundle(record?.billing_address)).toEqual({
      reference: REFERENCE,
      notificationId: event.Id,
      dateTrigger: event.DateTrigger,
      scope: `webhook:${webhookId()}`,
    });
    // Zapier reads the address when the Zap uses it, once ProAbono answers again.
    await expect(
      hydrateRecord(App, appTester, record ?? {}, env.sandbox.authData),
    ).resolves.toEqual(expectedRecord(event, LUCIA, null));

    // ProAbono redelivers later ("Retry delivery"): nothing runs again.
    await env.sandbox.deliverRaw(hooks.targetUrl, event);
    await settle(env.sandbox, hooks);
    expect(hooks.records).toHaveLength(1);
  });

  it('a copy takes over a notification whose first copy Zapier stopped before it finished', async () => {
    const hooks = await turnOnWithRpc();
    const held = env.sandbox.deliveryFaults.holdAndReverse();
    const event = env.sandbox.emitBillingAddressUpdated(REFERENCE);
    // The first copy claimed it 40 seconds ago and was stopped at Zapier's 30-second limit.
    rpc.seed(`proabono:v1:delivered:42:webhook:${webhookId()}:${event.Id}`, {
      state: 'running',
      token: 'stopped-copy',
      abandonedAt: Date.now() - 10_000,
    });
    await held.release();
    await settle(env.sandbox, hooks);
    expect(hooks.errors).toEqual([]);
    expect(hooks.records).toEqual([expectedRecord(event, LUCIA, null)]);
    expect(requestLog(env.sandbox)).toEqual([READ]);
  });

  it('many copies at once, among several notifications, give exactly one record each', async () => {
    // Every notification gives a record here, even of an address that did not change.
    const hooks = await turnOnWithRpc({ only_when_changed: false });
    env.sandbox.deliveryFaults.duplicate(4);
    const first = await emit(hooks);
    const second = await emit(hooks);
    expect(hooks.errors).toEqual([]);
    expect(hooks.records.map((record) => record.id).sort()).toEqual([first.Id, second.Id].sort());
    expect(requestLog(env.sandbox)).toEqual([READ, READ]);
  });
});
