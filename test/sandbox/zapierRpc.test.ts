import type { ZObject } from 'zapier-platform-core';

import { startZapierRpc } from '../../sandbox/zapier/zapierRpc.js';
import type { ZapierRpc } from '../../sandbox/zapier/zapierRpc.js';
import { appHandler, execute } from '../../sandbox/zapier/zapierRuntime.js';

/** The RPC stand-in gives z.cache, through core's own runtime, the semantics of Zapier's cache. */

type CacheStep = (z: ZObject) => Promise<unknown>;

const steps: Record<string, CacheStep> = {};
const app = {
  version: '1.0.0',
  platformVersion: '19.1.0',
  creates: {
    cache_step: {
      key: 'cache_step',
      noun: 'Step',
      display: { label: 'Cache Step', description: 'Runs one cache step.' },
      operation: {
        perform: async (z: ZObject, bundle: { inputData: { step: string } }) => ({
          result: await steps[bundle.inputData.step]?.(z),
        }),
        sample: { result: null },
      },
    },
  },
};

let rpc: ZapierRpc;
let clock = 1_000_000;
const handler = appHandler(app);
const run = async (step: string) =>
  (
    (await execute(handler, rpc, 'creates.cache_step.operation.perform', {
      inputData: { step },
    })) as { result: unknown }
  ).result;

beforeEach(async () => {
  clock = 1_000_000;
  rpc = await startZapierRpc({ now: () => clock });
});
afterEach(async () => {
  await rpc.close();
});

describe('the Zapier RPC stand-in', () => {
  it('refuses an nx write to a key that holds a value, and accepts it once the key is gone', async () => {
    steps.claim = (z) => z.cache.set('claim', { by: 'first' }, 60, undefined, true);
    steps.claimAgain = (z) => z.cache.set('claim', { by: 'second' }, 60, undefined, true);
    steps.read = (z) => z.cache.get('claim');
    steps.drop = (z) => z.cache.delete('claim');

    expect(await run('claim')).toBe(true);
    expect(await run('claimAgain')).toBe(false);
    expect(await run('read')).toEqual({ by: 'first' });
    expect(await run('drop')).toBe(true);
    expect(await run('claimAgain')).toBe(true);
    expect(await run('read')).toEqual({ by: 'second' });
  });

  it('lets exactly one of many concurrent nx writes win', async () => {
    steps.race = (z) => z.cache.set('race', 'mine', 60, undefined, true);
    const results = await Promise.all(Array.from({ length: 8 }, () => run('race')));
    expect(results.filter((won) => won === true)).toHaveLength(1);
    expect(results.filter((won) => won === false)).toHaveLength(7);
  });

  it('forgets a value once its TTL has passed, and then accepts an nx write again', async () => {
    steps.remember = (z) => z.cache.set('short', 'kept', 10, undefined, true);
    steps.read = (z) => z.cache.get('short');

    expect(await run('remember')).toBe(true);
    clock += 9_999;
    expect(await run('read')).toBe('kept');
    expect(await run('remember')).toBe(false);
    clock += 1;
    expect(await run('read')).toBeNull();
    expect(rpc.entries().has('short')).toBe(false);
    expect(await run('remember')).toBe(true);
  });

  it('records each call with its parameters, and holds a method until released', async () => {
    steps.write = (z) => z.cache.set('held', 1, 5);
    const held = rpc.hold('zcache_set');
    const pending = run('write');
    await held.reached;
    expect(rpc.calls).toEqual([]);
    held.release();
    expect(await pending).toBe(true);
    expect(rpc.calls).toEqual([{ method: 'zcache_set', params: ['held', '1', 5, null, null] }]);
  });

  it('holds only the calls its match picks, while the others go through', async () => {
    steps.write = async (z) => {
      await z.cache.set('free', 1, 5);
      return z.cache.set('held', 2, 5);
    };
    const held = rpc.hold('zcache_set', (params) => params[0] === 'held');
    const pending = run('write');
    await held.reached;
    expect(rpc.calls).toEqual([{ method: 'zcache_set', params: ['free', '1', 5, null, null] }]);
    held.release();
    expect(await pending).toBe(true);
    expect(rpc.calls.map(({ params }) => params[0])).toEqual(['free', 'held']);
  });

  it('refuses a call without the token', async () => {
    const response = await fetch(rpc.url, {
      method: 'POST',
      body: JSON.stringify({ id: '1', method: 'zcache_get', params: ['x'] }),
    });
    expect(response.status).toBe(401);
  });
});

describe('the log service stand-in', () => {
  it("receives the run's console lines", async () => {
    steps.say = (z) => {
      z.console.log('hello from the step');
      return Promise.resolve(null);
    };
    await run('say');
    const messages = rpc.logLines.map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages).toContain('hello from the step\n');
  });
});
