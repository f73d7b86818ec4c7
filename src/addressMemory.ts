import type { ZObject } from 'zapier-platform-core';

import { takeHold } from './deliveryClaims.js';
import { trackedAddress, type TrackedAddress } from './mappers/billingAddressUpdatedRecord.js';
import { addressFields, type AddressFields } from './mappers/addressRecord.js';
import { isRecord } from './isRecord.js';

/*
 * What the Billing Address Updated triggers remember between runs, in `z.cache`: per Zap and
 * customer, the last address delivered and the date of the notification it came with; per Zap and
 * notification, the address a placeholder was hydrated into. Keys start with the ProAbono
 * business (Zapier's cache is shared by every user of the integration).
 */

const DAY_SECONDS = 24 * 60 * 60;
/** Customers change address rarely; forgetting sooner would only turn "changed" into "unknown". */
const LAST_ADDRESS_TTL_SECONDS = 365 * DAY_SECONDS;
/** As long as ProAbono's history keeps a notification that Zapier may hydrate or replay. */
const HYDRATION_TTL_SECONDS = 60 * DAY_SECONDS;
/** The scope the polling trigger's hydrator remembers addresses under. */
export const POLLING_SCOPE = 'polling';
/**
 * Where the hydrations of an instant Zap that nothing identifies are kept: such a hydration
 * compares with no memory, so the same notification gives every such Zap the same address, and a
 * replay the same as the first time.
 */
export const UNIDENTIFIED_SCOPE = 'unidentified';

export const lastAddressKey = (businessId: number, scope: string, reference: string): string =>
  `proabono:v1:address:${businessId}:${scope}:${reference}`;

export const hydrationKey = (businessId: number, scope: string, notificationId: string): string =>
  `proabono:v1:hydrated:${businessId}:${scope}:${notificationId}`;

/** The last address a Zap delivered for a customer. */
export interface RememberedAddress {
  address: AddressFields;
  /** Epoch ms of the notification it came with; `null` for a memory of an earlier version. */
  time: number | null;
}

/** The memory under `key`: earlier versions stored the bare address, with no date. */
export const readRememberedAddress = async (
  z: ZObject,
  key: string,
): Promise<RememberedAddress | null> => {
  const stored: unknown = await z.cache.get(key);
  if (!isRecord(stored)) return null;
  if (isRecord(stored.address)) {
    return {
      address: addressFields(stored.address),
      time: typeof stored.time === 'number' ? stored.time : null,
    };
  }
  return { address: addressFields(stored), time: null };
};

export const rememberAddress = async (
  z: ZObject,
  key: string,
  remembered: RememberedAddress,
): Promise<void> => {
  await z.cache.set(key, remembered, LAST_ADDRESS_TTL_SECONDS);
};

/**
 * Holds the Zap's memory of one customer's address while one notification's address is read,
 * compared with it and the memory moved on (see `takeHold`). Two notifications of one customer
 * handled at once would both read the memory before either wrote it, or be compared in another
 * order than their addresses were read: either way an older address could be reported as a
 * change after a newer one, and left in the memory.
 */
export const holdAddressMemory = (
  z: ZObject,
  memoryKey: string,
  { deadline, log }: { deadline: number; log: (line: string) => void },
): Promise<(() => Promise<void>) | undefined> =>
  takeHold(z, `${memoryKey}:hold`, { deadline, what: 'the last address', log });

/**
 * The `billing_address` of a notification, from the address just read and the Zap's memory, and
 * whether the memory should move on to it. A notification older than the one the memory came
 * with is reported with the remembered (newer) address and no change: its own read may have been
 * answered with an older address, and a record carrying that would make a sync Zap write old
 * values back over new ones.
 */
export const compareWithMemory = (
  current: AddressFields,
  remembered: RememberedAddress | null,
  eventTime: number,
): { address: TrackedAddress; newest: boolean } => {
  if (remembered?.time != null && eventTime < remembered.time) {
    return { address: trackedAddress(remembered.address, remembered.address), newest: false };
  }
  return { address: trackedAddress(current, remembered?.address ?? null), newest: true };
};

/** What a hydration produced, kept so that hydrating the same placeholder again gives the same. */
export interface Hydrated {
  address: TrackedAddress;
  /** Why the Zap's filter stopped the run, when it did. */
  stoppedBecause?: string;
}

export const readHydrated = async (z: ZObject, key: string): Promise<Hydrated | null> => {
  const stored: unknown = await z.cache.get(key);
  return isRecord(stored) && isRecord(stored.address) ? (stored as unknown as Hydrated) : null;
};

export const rememberHydrated = async (z: ZObject, key: string, hydrated: Hydrated) => {
  await z.cache.set(key, hydrated, HYDRATION_TTL_SECONDS);
};
