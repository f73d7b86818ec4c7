import { createHash } from 'node:crypto';

import type { ZObject } from 'zapier-platform-core';

import type { ProAbonoClient } from './api/client.js';
import { errorCodeOf } from './api/userError.js';
import type { AddressUpdateEvent } from './api/webhooks.js';
import {
  billingAddressUpdatedRecord,
  trackedAddress,
  type BillingAddressUpdatedRecord,
  type TrackedAddress,
} from './mappers/billingAddressUpdatedRecord.js';
import { addressFields, type AddressFields } from './mappers/customerRecord.js';

/*
 * What the Billing Address Updated triggers remember between runs, in `z.cache`: the last address
 * a Zap saw for each customer, and (in deliveryClaims.ts, under keys built here) which
 * notifications it already delivered. Zapier's cache is shared by every user of the integration,
 * so every key starts with the ProAbono business: two businesses never read each other's entries.
 */

const DAY_SECONDS = 24 * 60 * 60;
/** Customers change address rarely; forgetting sooner would only turn "changed" into "unknown". */
export const LAST_ADDRESS_TTL_SECONDS = 365 * DAY_SECONDS;
/** The scope the polling trigger's hydrator remembers addresses under. */
export const POLLING_SCOPE = 'polling';

/**
 * One Zap's subscription. Two Zaps on the same business each get their own webhook and the same
 * notification Ids; both must run, so each remembers under its own scope: the webhook registered
 * for it (from the subscribe data, or named by the delivery itself), else its hook URL. `undefined`
 * when a delivery carries none of them.
 */
export const subscriptionScope = ({
  webhookId,
  hookUrl,
}: {
  webhookId?: string;
  hookUrl?: string;
}): string | undefined => {
  if (webhookId !== undefined && webhookId !== '') return `webhook:${webhookId}`;
  if (hookUrl !== undefined && hookUrl !== '') {
    return `url:${createHash('sha256').update(hookUrl, 'utf8').digest('hex').slice(0, 16)}`;
  }
  return undefined;
};

export const deliveredKey = (businessId: number, scope: string, notificationId: string): string =>
  `proabono:v1:delivered:${businessId}:${scope}:${notificationId}`;

export const lastAddressKey = (businessId: number, scope: string, reference: string): string =>
  `proabono:v1:address:${businessId}:${scope}:${reference}`;

const readLastAddress = async (z: ZObject, key: string): Promise<AddressFields | null> => {
  const stored: unknown = await z.cache.get(key);
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored)
    ? addressFields(stored)
    : null;
};

/**
 * Compares an address just read from ProAbono with the last one remembered under `memoryKey`, and
 * remembers it. The webhook body never carries the address, and a forged body cannot inject one:
 * the address always comes from ProAbono.
 */
export const trackAddress = async (
  z: ZObject,
  current: AddressFields,
  memoryKey: string,
): Promise<TrackedAddress> => {
  const change = trackedAddress(current, await readLastAddress(z, memoryKey));
  await z.cache.set(memoryKey, current, LAST_ADDRESS_TTL_SECONDS);
  return change;
};

/** Reads the customer's current address (one request) and tracks it under `memoryKey`. */
export const readAndTrackAddress = async (
  z: ZObject,
  client: ProAbonoClient,
  reference: string,
  memoryKey: string,
): Promise<TrackedAddress> =>
  trackAddress(z, addressFields(await client.getBillingAddress(reference)), memoryKey);

/**
 * The address of a sample record: compared with nothing and remembered nowhere, so that testing a
 * Zap in the editor never changes what a live run reports. A customer ProAbono no longer knows has
 * an empty address: the sample still shows its fields.
 */
const sampleAddress = async (
  client: ProAbonoClient,
  reference: string,
): Promise<TrackedAddress> => {
  try {
    return trackedAddress(await client.getBillingAddress(reference), null);
  } catch (error) {
    if (errorCodeOf(error) !== 'customer_not_found') throw error;
    return trackedAddress({}, null);
  }
};

/** Records for the Zap editor, hydrated like deliveries: one address read per customer. */
export const sampleRecords = async (
  client: ProAbonoClient,
  events: AddressUpdateEvent[],
): Promise<BillingAddressUpdatedRecord[]> => {
  const addresses = new Map<string, TrackedAddress>();
  const records: BillingAddressUpdatedRecord[] = [];
  for (const event of events) {
    const address =
      addresses.get(event.reference) ?? (await sampleAddress(client, event.reference));
    addresses.set(event.reference, address);
    records.push(billingAddressUpdatedRecord(event, address));
  }
  return records;
};
