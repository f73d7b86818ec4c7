import {
  compareWithMemory,
  holdAddressMemory,
  lastAddressKey,
  readRememberedAddress,
  rememberAddress,
  type RememberedAddress,
} from '../addressMemory.js';
import { BILLING_ADDRESS_UPDATED, addressSampleRecords } from '../billingAddressUpdates.js';
import { billingAddressUpdatedInputFields } from '../fields/billingAddressUpdatedInputFields.js';
import { billingAddressUpdatedOutputFields } from '../fields/billingAddressUpdatedOutputFields.js';
import {
  defineInstantTrigger,
  type Delivered,
  type DeliveryContext,
} from '../hooks/instantTrigger.js';
import { readPatiently } from '../hooks/patientRead.js';
import { hydrateBillingAddress, type BillingAddressHydration } from '../hydrators.js';
import {
  addressFilterOf,
  filteredOutBecause,
  type AddressFilter,
} from '../mappers/addressFilter.js';
import {
  billingAddressUpdatedRecord,
  type BillingAddressUpdatedRecord,
  type TrackedAddress,
} from '../mappers/billingAddressUpdatedRecord.js';
import { addressFields } from '../mappers/addressRecord.js';
import { billingAddressUpdatedSample } from '../samples/billing_address_updated.js';

/*
 * Billing Address Updated, the instant trigger: a ProAbono webhook per Zap (hooks/). The
 * notification never carries the address, so each one is turned into a record with the
 * customer's current address, read from ProAbono, and what changed since the last address this
 * Zap delivered for that customer. A failed read never loses the notification: after a retry or
 * two the record goes out with its address left for Zapier to read when the Zap uses it.
 */

/**
 * This Zap's filter. Subscribing refuses one that cannot be read; should one reach a delivery
 * anyway, it is not applied: a filter must never cost a notification.
 */
const deliveryFilter = ({ bundle, log }: DeliveryContext): AddressFilter | undefined => {
  try {
    return addressFilterOf(bundle.inputData);
  } catch {
    log(`the trigger's filter settings cannot be read; this notification is not filtered.`);
    return undefined;
  }
};

/** The Zap's memory of the customer's last address, or none (a failed cache). */
const rememberedAddress = async (
  context: DeliveryContext,
  key: string,
): Promise<RememberedAddress | null> => {
  try {
    return await readRememberedAddress(context.z, key);
  } catch {
    context.log(`Zapier's cache failed while reading the last address; it counts as unknown.`);
    return null;
  }
};

/** The record of a notification compared with the memory, unless the Zap's filter stops it. */
const recordsOf = (
  { event, log }: DeliveryContext,
  filter: AddressFilter | undefined,
  { address, newest }: { address: TrackedAddress; newest: boolean },
): BillingAddressUpdatedRecord<TrackedAddress>[] => {
  if (!newest) {
    log(
      `notification ${event.id} is older than the last one this Zap delivered for customer ` +
        `"${event.reference}": its record carries that newer address, with nothing changed.`,
    );
  }
  const why = filter === undefined ? undefined : filteredOutBecause(address, filter);
  if (why === undefined) return [billingAddressUpdatedRecord(event, address)];
  log(`no record for notification ${event.id} of customer "${event.reference}": ${why}.`);
  return [];
};

/**
 * One notification: one read of the address, compared with the Zap's memory, then filtered. The
 * read is made inside the hold on the memory: reads taken in the order the memory is moved on
 * each see the address at least as new as the one before, so a notification whose read came
 * before another's cannot be compared after it and report the older address as a change.
 */
const deliver = async (
  context: DeliveryContext,
): Promise<Delivered<BillingAddressUpdatedRecord<TrackedAddress | string>>> => {
  const { z, client, event, scope, deadline, log } = context;
  const { reference } = event;
  const filter = deliveryFilter(context);
  const memoryKey =
    scope === undefined ? undefined : lastAddressKey(client.businessId, scope, reference);
  const giveBack =
    memoryKey === undefined ? undefined : await holdAddressMemory(z, memoryKey, { deadline, log });
  try {
    const read = await readPatiently(
      (timeout) => client.getBillingAddress(reference, { timeout }),
      deadline,
      (code) =>
        log(`reading the address of customer "${reference}" failed (${code}); trying again.`),
    );
    if ('failure' in read) {
      await giveBack?.();
      log(
        `could not read the address of customer "${reference}" now (${read.failure}); the Zap ` +
          'runs with the address read when it is used, and a failure then can be replayed.',
      );
      const hydration: BillingAddressHydration = {
        reference,
        notificationId: event.id,
        dateTrigger: event.date,
        ...(scope === undefined ? { remember: false } : { scope }),
      };
      return {
        records: [
          billingAddressUpdatedRecord(event, z.dehydrate(hydrateBillingAddress, hydration)),
        ],
      };
    }

    const current = addressFields(read.value);
    if (memoryKey === undefined) {
      return { records: recordsOf(context, filter, compareWithMemory(current, null, event.time)) };
    }
    const remembered = await rememberedAddress(context, memoryKey);
    const compared = compareWithMemory(current, remembered, event.time);
    return {
      records: recordsOf(context, filter, compared),
      // Moved on once the record is marked delivered, then given back to the next notification.
      afterDelivered: async () => {
        try {
          if (compared.newest) {
            await rememberAddress(z, memoryKey, { address: current, time: event.time });
          }
        } finally {
          await giveBack?.();
        }
      },
    };
  } catch (error) {
    await giveBack?.();
    throw error;
  }
};

const instant = defineInstantTrigger<
  BillingAddressUpdatedRecord<TrackedAddress | string>,
  'billing_address_updated'
>({
  key: 'billing_address_updated',
  noun: 'Billing Address',
  label: 'Billing Address Updated',
  description: "Triggers when a customer's billing address is updated.",
  events: [BILLING_ADDRESS_UPDATED],
  inputFields: billingAddressUpdatedInputFields({
    intro:
      'Pick this trigger for a Zap that runs within seconds of the update: Zapier adds a ' +
      'webhook in ProAbono for this Zap and removes it when the Zap is turned off. When a ' +
      'delay of a few minutes is fine, or you would rather have no webhook in ProAbono, pick ' +
      '**Billing Address Updated (Every Few Minutes)**.',
    lastAddressSeenBy: 'this Zap',
    outro:
      'It needs the Webhook Security Key of your ProAbono connection: only deliveries signed by ' +
      'ProAbono run the Zap.',
  }),
  checkInput: (inputData) => {
    addressFilterOf(inputData);
  },
  outputFields: billingAddressUpdatedOutputFields,
  sample: billingAddressUpdatedSample,
  deliver,
  samples: ({ client }, events) => addressSampleRecords(client, events),
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
