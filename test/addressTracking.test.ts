import type { ZObject } from 'zapier-platform-core';

import {
  DELIVERED_TTL_SECONDS,
  LAST_ADDRESS_TTL_SECONDS,
  claimDelivery,
  deliveredKey,
  lastAddressKey,
  releaseDelivery,
  subscriptionTag,
} from '../src/addressTracking.js';

/**
 * A z.cache that behaves like production: `nx` writes only when the key is absent, and each call
 * yields to the event loop like an RPC would, so concurrent deliveries really interleave.
 */
const productionLikeZ = () => {
  const store = new Map<string, string>();
  const calls: unknown[][] = [];
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const cache = {
    get: async (key: string) => {
      await tick();
      const value = store.get(key);
      return value === undefined ? null : (JSON.parse(value) as unknown);
    },
    set: async (key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean) => {
      calls.push([key, value, ttl, scope, nx]);
      await tick();
      if (nx && store.has(key)) return false;
      store.set(key, JSON.stringify(value));
      return true;
    },
    delete: async (key: string) => {
      await tick();
      return store.delete(key);
    },
  };
  return { z: { cache } as unknown as ZObject, store, calls };
};

describe('claimDelivery', () => {
  const key = deliveredKey(
    42,
    subscriptionTag('https://hooks.zapier.com/hooks/standard/1/a/'),
    'trg_1',
  );

  it('lets exactly one of two concurrent deliveries of a notification through', async () => {
    const { z } = productionLikeZ();
    const results = await Promise.all([claimDelivery(z, key), claimDelivery(z, key)]);
    expect(results.sort()).toEqual([false, true]);
  });

  it('writes the claim atomically (nx) and keeps it for 60 days', async () => {
    const { z, calls } = productionLikeZ();
    await claimDelivery(z, key);
    expect(calls).toEqual([[key, expect.any(String), 5_184_000, undefined, true]]);
  });

  it('refuses a claim already held, without writing', async () => {
    const { z, calls } = productionLikeZ();
    await claimDelivery(z, key);
    await expect(claimDelivery(z, key)).resolves.toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('reads a refused nx write answered with null as lost, like false', async () => {
    const z = {
      cache: { get: () => Promise.resolve(null), set: () => Promise.resolve(null) },
    } as unknown as ZObject;
    await expect(claimDelivery(z, key)).resolves.toBe(false);
  });

  it('can be claimed again once released', async () => {
    const { z } = productionLikeZ();
    await claimDelivery(z, key);
    await releaseDelivery(z, key);
    await expect(claimDelivery(z, key)).resolves.toBe(true);
  });
});

describe('cache keys and lifetimes', () => {
  it('name the business, the subscription and the notification or customer', () => {
    const tag = subscriptionTag('https://hooks.zapier.com/hooks/standard/1/a/');
    expect(tag).toMatch(/^[0-9a-f]{16}$/);
    expect(tag).not.toBe(subscriptionTag('https://hooks.zapier.com/hooks/standard/1/b/'));
    expect(deliveredKey(42, tag, 'trg_1')).toBe(`proabono:v1:delivered:42:${tag}:trg_1`);
    expect(lastAddressKey(42, 'polling', 'cust-42')).toBe('proabono:v1:address:42:polling:cust-42');
  });

  it('are whole seconds (z.cache refuses anything else) and outlive ProAbono redeliveries', () => {
    const week = 7 * 24 * 60 * 60;
    expect(Number.isInteger(DELIVERED_TTL_SECONDS)).toBe(true);
    expect(Number.isInteger(LAST_ADDRESS_TTL_SECONDS)).toBe(true);
    expect(DELIVERED_TTL_SECONDS).toBeGreaterThanOrEqual(week);
    expect(LAST_ADDRESS_TTL_SECONDS).toBeGreaterThanOrEqual(DELIVERED_TTL_SECONDS);
  });
});
