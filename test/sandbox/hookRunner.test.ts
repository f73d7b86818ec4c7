import { startHookRunner } from '../../sandbox/zapier/hookRunner.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';

import { HOOK_KEY, makeHookApp } from './hookApp.js';
import type { Observation } from './hookApp.js';
import { call } from './support.js';
import { useSandbox } from '../support/sandbox.js';

/** The hook runner plays Zapier's side of a REST hook, through core's own app runtime. */

const env = useSandbox({ profile: 'generous', delivery: { attempts: 4, baseDelayMs: 1 } });
let runner: HookRunner;
let observations: Observation[];

beforeEach(async () => {
  const built = makeHookApp();
  observations = built.observations;
  runner = await startHookRunner({
    app: built.app,
    triggerKey: HOOK_KEY,
    authData: { ...env.sandbox.authData },
  });
});
afterEach(async () => {
  await env.sandbox.idle();
  await runner.idle();
  await runner.close();
});

const settle = async () => {
  await env.sandbox.idle();
  await runner.idle();
};

const updateAddress = (reference: string, changes: Record<string, string>) =>
  call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
    query: { ReferenceCustomer: reference },
    body: changes,
  });

describe('a delivery', () => {
  it('is acknowledged with 200, then performed with the bundle Zapier builds', async () => {
    const body = { Id: 'trg_77', TypeTrigger: 'CustomerBillingAddressUpdated' };
    const status = await env.sandbox.deliverRaw(`${runner.targetUrl}?source=sandbox`, body);
    expect(status).toBe(200);
    await runner.idle();

    expect(runner.received).toEqual([
      {
        status: 200,
        method: 'POST',
        headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8' }),
        body,
      },
    ]);
    const [record] = runner.records as {
      cleanedRequest: unknown;
      rawRequest: {
        method: string;
        querystring: string;
        headers: Record<string, string>;
        content: string;
      };
      targetUrl: string;
      isLoadingSample: boolean;
    }[];
    expect(record?.cleanedRequest).toEqual(body);
    expect(record?.targetUrl).toBe(runner.targetUrl);
    expect(record?.isLoadingSample).toBe(false);
    const raw = record?.rawRequest;
    expect(raw?.method).toBe('POST');
    expect(raw?.querystring).toBe('source=sandbox');
    expect(raw?.content).toBe(JSON.stringify(body));
    const delivered = env.sandbox.deliveries()[0]?.headers ?? {};
    expect(raw?.headers).toMatchObject({
      'Http-Content-Type': 'application/json; charset=utf-8',
      'Http-X-Proabono-Key': delivered['x-proabono-key'],
      'Http-X-Proabono-Signature': delivered['x-proabono-signature'],
      'Http-User-Agent': 'ProAbono-Sandbox-Webhooks/1.0',
    });
    for (const name of Object.keys(raw?.headers ?? {})) {
      expect(name).toMatch(/^Http-[A-Z][a-z0-9]*(?:-[A-Z][a-z0-9]*)*$/);
    }
  });

  it('is performed one at a time, in arrival order', async () => {
    await env.sandbox.deliverRaw(runner.targetUrl, { Id: 'slow', TypeTrigger: 'X', delayMs: 40 });
    await env.sandbox.deliverRaw(runner.targetUrl, { Id: 'fast', TypeTrigger: 'X' });
    await runner.idle();
    expect(runner.records.map((record) => record.id)).toEqual(['slow', 'fast']);
  });

  it('keeps z.cache between deliveries, as one Zapier account would', async () => {
    const body = { Id: 'trg_5', TypeTrigger: 'X' };
    await env.sandbox.deliverRaw(runner.targetUrl, body);
    await env.sandbox.deliverRaw(runner.targetUrl, body);
    await runner.idle();
    expect(runner.records.map((record) => record.id)).toEqual(['trg_5']);
    expect(runner.received).toHaveLength(2);
  });

  it('records a perform error and keeps going', async () => {
    await env.sandbox.deliverRaw(runner.targetUrl, { explode: true });
    await env.sandbox.deliverRaw(runner.targetUrl, { Id: 'after', TypeTrigger: 'X' });
    await runner.idle();
    expect(runner.errors).toHaveLength(1);
    expect(runner.errors[0]).toMatchObject({ received: 0 });
    expect(JSON.parse(runner.errors[0]?.message ?? '{}')).toMatchObject({
      message: 'Exploded on purpose',
      code: 'test_error',
    });
    expect(runner.records.map((record) => record.id)).toEqual(['after']);
  });

  it('answers 500 to the next deliveries after failNext(n), without performing them', async () => {
    runner.failNext(2);
    await env.sandbox.deliverRaw(runner.targetUrl, { Id: 'a', TypeTrigger: 'X' });
    await env.sandbox.deliverRaw(runner.targetUrl, { Id: 'b', TypeTrigger: 'X' });
    await env.sandbox.deliverRaw(runner.targetUrl, { Id: 'c', TypeTrigger: 'X' });
    await runner.idle();
    expect(runner.received.map((request) => request.status)).toEqual([500, 500, 200]);
    expect(runner.records.map((record) => record.id)).toEqual(['c']);
  });

  it('answers 404 off the target path', async () => {
    const status = await env.sandbox.deliverRaw(
      runner.targetUrl.replace(/\/hooks\/.*/, '/other'),
      {},
    );
    expect(status).toBe(404);
    expect(runner.received).toEqual([]);
  });
});

describe('the subscription lifecycle against the sandbox', () => {
  it('subscribes, verifies, receives each event once, and unsubscribes', async () => {
    const subscribeData = await runner.subscribe();
    expect(subscribeData).toEqual({ id: '5001' });
    expect(runner.subscribeData).toEqual({ id: '5001' });
    await settle();
    expect(env.sandbox.webhooks()).toMatchObject([
      { Id: 5001, Url: runner.targetUrl, IsActive: true },
    ]);
    expect(observations).toEqual([{ kind: 'verification', subscribeData: { id: '5001' } }]);

    await updateAddress('cust-de-002', { City: 'Hamburg' });
    await settle();
    expect(runner.records).toHaveLength(1);
    expect(runner.records[0]).toMatchObject({
      id: 'trg_1',
      subscribeData: { id: '5001' },
      cleanedRequest: env.sandbox.events()[0],
    });

    expect(await runner.unsubscribe()).toEqual({ deleted: true });
    expect(env.sandbox.webhooks()).toEqual([]);
  });

  it('lets the code arrive before subscribe returns in before-response mode (subscribeData undefined)', async () => {
    env.sandbox.setVerificationTiming('before-response');
    await runner.subscribe();
    await settle();
    expect(observations).toEqual([{ kind: 'verification', subscribeData: null }]);
    expect(env.sandbox.webhooks()[0]?.IsActive).toBe(true);
  });

  it('gets a retried delivery performed once after failNext', async () => {
    await runner.subscribe();
    await settle();
    runner.failNext(2);
    await updateAddress('cust-fr-001', { City: 'Lyon' });
    await settle();
    expect(runner.received.slice(1).map((request) => request.status)).toEqual([500, 500, 200]);
    expect(runner.records.map((record) => record.id)).toEqual(['trg_1']);
  });

  it('answers 410 to deliveries once unsubscribed', async () => {
    await runner.subscribe();
    await settle();
    await runner.unsubscribe();
    const status = await env.sandbox.deliverRaw(runner.targetUrl, { Id: 'late', TypeTrigger: 'X' });
    expect(status).toBe(410);
    await runner.idle();
    expect(runner.records).toEqual([]);
  });

  it('runs performList as a sample load', async () => {
    expect(await runner.list()).toEqual([{ id: 'sample', isLoadingSample: true, limit: -1 }]);
    expect(await runner.list({ isLoadingSample: false, limit: 3 })).toEqual([
      { id: 'sample', isLoadingSample: false, limit: 3 },
    ]);
  });
});

describe('startHookRunner', () => {
  it('refuses a trigger the app does not have, or one that is not a hook', async () => {
    const { app } = makeHookApp();
    await expect(startHookRunner({ app, triggerKey: 'nope', authData: {} })).rejects.toThrow(
      'The app has no trigger "nope"',
    );
    const polling = { triggers: { poll: { operation: { perform: () => [] } } } };
    await expect(
      startHookRunner({ app: polling, triggerKey: 'poll', authData: {} }),
    ).rejects.toThrow('The trigger "poll" is not a hook');
  });
});
