import type { ZObject } from 'zapier-platform-core';

import {
  compareWithMemory,
  holdAddressMemory,
  hydrationKey,
  lastAddressKey,
  readRememberedAddress,
} from '../src/addressMemory.js';
import { trackedAddress } from '../src/mappers/billingAddressUpdatedRecord.js';
import { addressFields } from '../src/mappers/addressRecord.js';
import { deliveredKey, subscriptionScope } from '../src/hooks/scopes.js';
import { FAILING_CACHE, productionLikeZ } from './support/fakeZ.js';
import { PARIS_ADDRESS } from './support/proabono.js';

const PARIS = addressFields(PARIS_ADDRESS);
const LYON = { ...PARIS, ZipCode: '69002', City: 'Lyon' };
const T0 = Date.UTC(2026, 8, 14, 15, 0, 0);

/** A z whose cache holds one stored value. */
const zHolding = (stored: unknown) =>
  ({ cache: { get: () => Promise.resolve(stored) } }) as unknown as ZObject;

describe('subscription scopes and cache keys', () => {
  it('scope a Zap by its webhook, else by its hook URL, else not at all', () => {
    const url = 'https://hooks.zapier.com/hooks/standard/1/a/';
    const byUrl = subscriptionScope({ hookUrl: url });
    expect(subscriptionScope({ webhookId: '7', hookUrl: url })).toBe('webhook:7');
    expect(byUrl).toMatch(/^url:[0-9a-f]{16}$/);
    expect(byUrl).not.toBe(subscriptionScope({ hookUrl: `${url}b/` }));
    expect(subscriptionScope({ webhookId: '', hookUrl: '' })).toBeUndefined();
    expect(subscriptionScope({})).toBeUndefined();
  });

  it('name the business, the scope and the notification or customer', () => {
    expect(deliveredKey(42, 'webhook:7', 'trg_1')).toBe('proabono:v1:delivered:42:webhook:7:trg_1');
    expect(lastAddressKey(42, 'polling', 'cust-42')).toBe('proabono:v1:address:42:polling:cust-42');
    expect(hydrationKey(42, 'webhook:7', 'trg_1')).toBe('proabono:v1:hydrated:42:webhook:7:trg_1');
  });
});

describe('readRememberedAddress', () => {
  it('reads an address with the time of its notification', async () => {
    await expect(
      readRememberedAddress(zHolding({ address: LYON, time: T0 }), 'key'),
    ).resolves.toEqual({ address: LYON, time: T0 });
  });

  it('reads the bare address an earlier version stored as an address of unknown date', async () => {
    await expect(readRememberedAddress(zHolding(PARIS), 'key')).resolves.toEqual({
      address: PARIS,
      time: null,
    });
  });

  it.each([[null], [undefined], ['Paris'], [[PARIS]]])('reads %j as no memory', async (stored) => {
    await expect(readRememberedAddress(zHolding(stored), 'key')).resolves.toBeNull();
  });
});

describe('compareWithMemory', () => {
  it('compares a newer notification with the memory, and moves the memory on', () => {
    expect(compareWithMemory(LYON, { address: PARIS, time: T0 }, T0 + 1)).toEqual({
      address: trackedAddress(LYON, PARIS),
      newest: true,
    });
  });

  it('knows nothing on first sight', () => {
    expect(compareWithMemory(LYON, null, T0)).toEqual({
      address: trackedAddress(LYON, null),
      newest: true,
    });
  });

  it('never reverts: an older notification carries the remembered address, with nothing changed', () => {
    // Lyon was delivered for a later notification; the older one's read came back with Paris.
    const { address, newest } = compareWithMemory(PARIS, { address: LYON, time: T0 }, T0 - 1);
    expect(newest).toBe(false);
    expect(address).toEqual(trackedAddress(LYON, LYON));
    expect(address.changed_fields).toEqual([]);
    expect(address.City).toBe('Lyon');
  });

  it('compares a notification of the same date, or with a memory of unknown date, as newer', () => {
    expect(compareWithMemory(LYON, { address: PARIS, time: T0 }, T0).newest).toBe(true);
    expect(compareWithMemory(LYON, { address: PARIS, time: null }, 0).newest).toBe(true);
  });
});

describe('holdAddressMemory', () => {
  const MEMORY = 'proabono:v1:address:42:webhook:7:cust-42';
  const HOLD = `${MEMORY}:hold`;

  it('lets one notification of a customer compare at a time: the next takes the hold once it is given back', async () => {
    const { z, store, calls } = productionLikeZ();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const giveBack = await holdAddressMemory(z, MEMORY, { deadline: Date.now() + 5_000, log });
    expect(calls).toEqual([
      ['set', HOLD, expect.objectContaining({ state: 'running' }), 60, undefined, true],
    ]);
    let secondHeld = false;
    const second = holdAddressMemory(z, MEMORY, { deadline: Date.now() + 5_000, log }).then(
      (back) => {
        secondHeld = true;
        return back;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(secondHeld).toBe(false);
    await giveBack?.();
    const giveBackSecond = await second;
    expect(giveBackSecond).toBeInstanceOf(Function);
    await giveBackSecond?.();
    expect(store.has(HOLD)).toBe(false);
    expect(lines).toEqual([]);
  });

  it('compares without the hold, logged, when another copy keeps it past the deadline', async () => {
    const { z } = productionLikeZ();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const kept = await holdAddressMemory(z, MEMORY, { deadline: Date.now() + 5_000, log });
    await expect(
      holdAddressMemory(z, MEMORY, { deadline: Date.now() + 200, log }),
    ).resolves.toBeUndefined();
    expect(lines).toEqual([
      'another run held the last address too long; this run goes on without holding it.',
    ]);
    await kept?.();
  });

  it('compares without the hold, logged, when the cache fails', async () => {
    const z = { cache: FAILING_CACHE } as unknown as ZObject;
    const lines: string[] = [];
    await expect(
      holdAddressMemory(z, MEMORY, {
        deadline: Date.now() + 5_000,
        log: (line) => lines.push(line),
      }),
    ).resolves.toBeUndefined();
    expect(lines).toEqual([
      "Zapier's cache failed while holding the last address; this run goes on without holding it.",
    ]);
  });
});
