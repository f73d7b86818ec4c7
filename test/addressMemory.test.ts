import type { ZObject } from 'zapier-platform-core';

import {
  compareWithMemory,
  hydrationKey,
  lastAddressKey,
  readRememberedAddress,
} from '../src/addressMemory.js';
import { trackedAddress } from '../src/mappers/billingAddressUpdatedRecord.js';
import { addressFields } from '../src/mappers/addressRecord.js';
import { deliveredKey, subscriptionScope } from '../src/hooks/scopes.js';
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
