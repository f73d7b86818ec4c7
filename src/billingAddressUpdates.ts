import type { ProAbonoClient } from './api/client.js';
import { errorCodeOf } from './api/errorFactories.js';
import type { TriggerEvent } from './api/webhooks.js';
import type { EventChoice } from './hooks/eventTypes.js';
import {
  billingAddressUpdatedRecord,
  trackedAddress,
  type BillingAddressUpdatedRecord,
  type TrackedAddress,
} from './mappers/billingAddressUpdatedRecord.js';

/*
 * What both Billing Address Updated triggers (instant and polling) share beyond their record
 * mapper: the ProAbono event they report, and how they build sample records from its history.
 */

export const BILLING_ADDRESS_UPDATED: EventChoice = {
  code: 'CustomerBillingAddressUpdated',
  label: 'Billing Address Updated',
};

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
export const addressSampleRecords = async (
  client: ProAbonoClient,
  events: readonly TriggerEvent[],
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
