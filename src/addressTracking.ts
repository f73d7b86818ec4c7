import { createHash } from 'node:crypto';

import type { ZObject } from 'zapier-platform-core';

import type { ProAbonoClient } from './api/client.js';
import {
  EMPTY_ADDRESS,
  billingAddressChange,
  normaliseAddress,
} from './mappers/billingAddressUpdated.js';
import type { BillingAddressChange } from './mappers/billingAddressUpdated.js';
import type { AddressFields } from './mappers/customerRecord.js';

/**
 * What the Billing Address Updated triggers remember between runs, in `z.cache`: which
 * notifications a Zap already delivered, and the last address it saw for each customer. Zapier's
 * cache is shared by every user of the integration, so every key starts with the ProAbono
 * business: two businesses never read each other's entries.
 */

const DAY_SECONDS = 24 * 60 * 60;
/**
 * ProAbono redelivers until it gets a 200 and keeps 60 days of history from which a person can
 * "Retry delivery" by hand; a delivered notification is remembered that long.
 */
export const DELIVERED_TTL_SECONDS = 60 * DAY_SECONDS;
/** Customers change address rarely; forgetting sooner would only turn "changed" into "unknown". */
export const LAST_ADDRESS_TTL_SECONDS = 365 * DAY_SECONDS;
/** The scope the polling trigger's hydrator remembers addresses under. */
export const POLLING_SCOPE = 'polling';

/**
 * One Zap's subscription: Zapier gives each Zap its own hook URL, and two Zaps on the same
 * business each get their own webhook and the same notification Ids; both must run.
 */
export const subscriptionTag = (targetUrl: string): string =>
  createHash('sha256').update(targetUrl, 'utf8').digest('hex').slice(0, 16);

export const deliveredKey = (
  businessId: number,
  subscription: string,
  notificationId: string,
): string => `proabono:v1:delivered:${businessId}:${subscription}:${notificationId}`;

export const lastAddressKey = (businessId: number, scope: string, reference: string): string =>
  `proabono:v1:address:${businessId}:${scope}:${reference}`;

/**
 * Claims a notification for this subscription; false when it was already delivered. In production
 * `nx` makes the claim atomic between concurrent deliveries. zapier-platform-core's test double
 * ignores `nx` and always answers true, so the `get` before it is what keeps the check correct
 * there; in production it also saves the write for the common duplicate.
 */
export const claimDelivery = async (z: ZObject, key: string): Promise<boolean> => {
  const existing: unknown = await z.cache.get(key);
  if (existing !== null && existing !== undefined) return false;
  const claimed = await z.cache.set(
    key,
    new Date().toISOString(),
    DELIVERED_TTL_SECONDS,
    undefined,
    true,
  );
  // A refused `nx` write answers false or null: another delivery of the same notification won.
  return claimed !== false && claimed !== null;
};

/** Gives a claim back, so that ProAbono's next delivery of the notification is not dropped. */
export const releaseDelivery = async (z: ZObject, key: string): Promise<void> => {
  await z.cache.delete(key);
};

const readLastAddress = async (z: ZObject, key: string): Promise<AddressFields | null> => {
  const stored: unknown = await z.cache.get(key);
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored)
    ? normaliseAddress(stored)
    : null;
};

const isCustomerNotFound = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  try {
    const parsed: unknown = JSON.parse(error.message);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { code?: unknown }).code === 'customer_not_found'
    );
  } catch {
    return false;
  }
};

export interface TrackOptions {
  /** Where the last address seen is kept; `null` compares with nothing (samples). */
  memoryKey: string | null;
  /** Write the address read now as the new "last seen" one. Samples never do. */
  remember: boolean;
  /** Treat a customer ProAbono no longer knows as one with an empty address (samples). */
  unknownCustomerIsEmpty?: boolean;
}

/**
 * Reads the customer's current billing address (one request) and compares it with the last one
 * remembered under `memoryKey`. The webhook body never carries the address, and a forged body
 * cannot inject one: the address always comes from ProAbono.
 */
export const trackBillingAddress = async (
  z: ZObject,
  client: ProAbonoClient,
  reference: string,
  { memoryKey, remember, unknownCustomerIsEmpty = false }: TrackOptions,
): Promise<BillingAddressChange> => {
  const previous = memoryKey === null ? null : await readLastAddress(z, memoryKey);
  let current: AddressFields;
  try {
    current = normaliseAddress(await client.getBillingAddress(reference));
  } catch (error) {
    if (!unknownCustomerIsEmpty || !isCustomerNotFound(error)) throw error;
    current = EMPTY_ADDRESS;
  }
  const change = billingAddressChange(current, previous);
  if (remember && memoryKey !== null) {
    await z.cache.set(memoryKey, current, LAST_ADDRESS_TTL_SECONDS);
  }
  return change;
};
