import type { ZObject } from 'zapier-platform-core';

import { jest } from '@jest/globals';

import { LEASE_MS, RENEW_EVERY_MS, claimNotification } from '../src/deliveryClaims.js';
import type { Claim, ClaimOutcome } from '../src/deliveryClaims.js';
import { productionLikeZ } from './support/fakeZ.js';

const KEY = 'proabono:v1:delivered:42:webhook:7:trg_1';
const T0 = 1_800_000_000_000;
const timing = (now: number, waitMs = 2_000) => ({
  now: () => now,
  waitUntil: now + waitMs,
});
/** A claim the test knows it wins: the first for the key. */
const claimAsOwner = async (z: ZObject, now: number) =>
  (await claimNotification(z, KEY, timing(now))) as Extract<ClaimOutcome, { kind: 'owner' }>;

const stored = (store: Map<string, string>): Claim => JSON.parse(store.get(KEY) ?? 'null') as Claim;

/**
 * A copy claims while the clock reads `from` and waits; once it waits (and `whileWaiting` checked
 * what it must), the clock reads `to`: the copy owns the claim then, and delivers.
 */
const expectOwnerOnceClockReads = async (
  { z, store }: ReturnType<typeof productionLikeZ>,
  from: number,
  to: number,
  whileWaiting: () => void = () => undefined,
) => {
  let now = from;
  const waiting = claimNotification(z, KEY, { now: () => now, waitUntil: T0 + 25_000 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  whileWaiting();
  now = to;
  const outcome = await waiting;
  expect(outcome.kind).toBe('owner');
  if (outcome.kind === 'owner') await outcome.delivered();
  expect(stored(store).state).toBe('delivered');
};

describe('claimNotification', () => {
  it('makes the first copy the owner with a running claim, kept 60 days, on a 10-second lease', async () => {
    const { z, store, calls } = productionLikeZ();
    const outcome = await claimNotification(z, KEY, timing(T0));
    expect(outcome.kind).toBe('owner');
    expect(stored(store)).toEqual({
      state: 'running',
      token: expect.stringMatching(/^[0-9a-f-]{36}$/),
      leaseUntil: T0 + 10_000,
    });
    expect(calls).toEqual([['set', KEY, stored(store), 5_184_000, undefined, true]]);
    if (outcome.kind === 'owner') await outcome.release();
  });

  it('renews the lease while the owner works, and stops once it delivered', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const { z, store } = productionLikeZ();
      let now = T0;
      const owner = (await claimNotification(z, KEY, { now: () => now, waitUntil: T0 })) as Extract<
        ClaimOutcome,
        { kind: 'owner' }
      >;
      for (const step of [1, 2, 3]) {
        now = T0 + step * RENEW_EVERY_MS;
        await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
        // The renewal reads, then writes: each a round trip to the cache.
        for (let tick = 0; tick < 4; tick += 1) await new Promise(setImmediate);
        expect(stored(store).leaseUntil).toBe(now + LEASE_MS);
      }
      await owner.delivered();
      const delivered = stored(store);
      expect(delivered.state).toBe('delivered');
      await jest.advanceTimersByTimeAsync(5 * RENEW_EVERY_MS);
      expect(stored(store)).toEqual(delivered);
    } finally {
      jest.useRealTimers();
    }
  });

  it('lets exactly one of many simultaneous copies own the notification', async () => {
    const { z } = productionLikeZ();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => claimNotification(z, KEY, timing(T0, 0))),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'owner')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'running-elsewhere')).toHaveLength(4);
  });

  it('drops a copy once the owner delivered, without writing anything', async () => {
    const { z, calls } = productionLikeZ();
    const owner = await claimAsOwner(z, T0);
    await owner.delivered();
    calls.length = 0;
    await expect(claimNotification(z, KEY, timing(T0 + 5))).resolves.toEqual({
      kind: 'delivered',
    });
    expect(calls).toEqual([]);
  });

  it('makes a copy wait for a running owner and drop once it delivered', async () => {
    const { z } = productionLikeZ();
    const owner = await claimAsOwner(z, T0);
    const waiting = claimNotification(z, KEY, timing(T0 + 1));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await owner.delivered();
    await expect(waiting).resolves.toEqual({ kind: 'delivered' });
  });

  it('gives a waiting copy the notification when the owner fails and gives its claim back', async () => {
    const { z, store } = productionLikeZ();
    const first = await claimAsOwner(z, T0);
    const waiting = claimNotification(z, KEY, timing(T0 + 1));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await first.release();
    const second = await waiting;
    expect(second.kind).toBe('owner');
    expect(stored(store).leaseUntil).toBe(T0 + 1 + 10_000);
    if (second.kind === 'owner') await second.release();
  });

  it('lets one copy take over a claim whose owner stopped renewing, and only one', async () => {
    const { z, store } = productionLikeZ();
    store.set(KEY, JSON.stringify({ state: 'running', token: 'dead', leaseUntil: T0 - 1 }));
    const outcomes = await Promise.all(
      Array.from({ length: 3 }, () => claimNotification(z, KEY, timing(T0, 0))),
    );
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual([
      'owner',
      'running-elsewhere',
      'running-elsewhere',
    ]);
    expect(stored(store)).toMatchObject({ state: 'running', leaseUntil: T0 + 10_000 });
    expect(store.get(`${KEY}:after:dead`)).toBe(JSON.stringify(stored(store).token));
    for (const outcome of outcomes) if (outcome.kind === 'owner') await outcome.release();
  });

  it('takes over from a dead copy a second after it claimed, once its lease ran out', async () => {
    const cache = productionLikeZ();
    // The dead copy claimed at T0 and never renewed (its Lambda was stopped).
    cache.store.set(
      KEY,
      JSON.stringify({ state: 'running', token: 'dead', leaseUntil: T0 + LEASE_MS }),
    );
    await expectOwnerOnceClockReads(cache, T0 + 1_000, T0 + LEASE_MS + 1);
  });

  it('reads a running claim of the previous version (abandonedAt, its start + 30 s) as a lease from its start', async () => {
    const cache = productionLikeZ();
    // Claimed a second ago by a copy of the previous version that then died.
    const started = T0 - 1_000;
    cache.store.set(
      KEY,
      JSON.stringify({ state: 'running', token: 'old', abandonedAt: started + 30_000 }),
    );
    await expectOwnerOnceClockReads(cache, T0, started + LEASE_MS + 1, () => {
      expect(stored(cache.store)).toMatchObject({ state: 'running', token: 'old' });
    });
  });

  it('says another copy is still running when it runs out of time to wait', async () => {
    const { z } = productionLikeZ();
    await claimNotification(z, KEY, timing(T0));
    await expect(claimNotification(z, KEY, timing(T0 + 1, 50))).resolves.toEqual({
      kind: 'running-elsewhere',
    });
  });

  it("never deletes another copy's claim when giving its own back", async () => {
    const { z, store } = productionLikeZ();
    const late = await claimAsOwner(z, T0);
    store.set(KEY, JSON.stringify({ state: 'running', token: 'taker', leaseUntil: T0 + 60_000 }));
    await late.release();
    expect(stored(store).token).toBe('taker');
  });

  it('runs a copy unchecked when the cache fails before anything is claimed', async () => {
    const failure = new TypeError("Cannot read properties of undefined (reading 'result')");
    const z = { cache: { get: () => Promise.reject(failure) } } as unknown as ZObject;
    await expect(claimNotification(z, KEY, timing(T0))).resolves.toEqual({
      kind: 'unchecked',
      cause: failure,
    });
  });

  it('tells of a cache failure after the claim, and never throws it', async () => {
    const { z, store } = productionLikeZ();
    const failures: string[] = [];
    const owner = (await claimNotification(z, KEY, {
      ...timing(T0),
      onCacheFailure: (what) => failures.push(what),
    })) as Extract<ClaimOutcome, { kind: 'owner' }>;
    const cache = z.cache as unknown as Record<string, unknown>;
    cache.set = () => Promise.reject(new Error('cache down'));
    await expect(owner.delivered()).resolves.toBeUndefined();
    expect(failures).toEqual(['marking the notification delivered']);
    expect(stored(store).state).toBe('running');
  });

  it('reads a value an earlier version stored (the time of delivery) as delivered', async () => {
    const { z, store } = productionLikeZ();
    store.set(KEY, JSON.stringify('2026-11-20T10:00:00.000Z'));
    await expect(claimNotification(z, KEY, timing(T0))).resolves.toEqual({ kind: 'delivered' });
  });

  it('reads a refused nx write answered with null as lost, like false', async () => {
    const z = {
      cache: { get: () => Promise.resolve(null), set: () => Promise.resolve(null) },
    } as unknown as ZObject;
    await expect(claimNotification(z, KEY, timing(T0, 0))).resolves.toEqual({
      kind: 'running-elsewhere',
    });
  });
});
