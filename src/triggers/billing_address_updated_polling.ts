import { defineTrigger, type Bundle, type PollingTriggerPerform } from 'zapier-platform-core';

import { MAX_PAGE_SIZE, createProAbonoClient } from '../api/client.js';
import { billingAddressUpdatedInputFields } from '../fields/billingAddressUpdatedInputFields.js';
import { billingAddressUpdatedOutputFields } from '../fields/billingAddressUpdatedOutputFields.js';
import { addressFilterOf } from '../mappers/addressFilter.js';
import { POLLING_SCOPE } from '../addressMemory.js';
import { BILLING_ADDRESS_UPDATED, addressSampleRecords } from '../billingAddressUpdates.js';
import { withCleanErrors } from '../cleanErrors.js';
import { historyTypeOf, newestEvents } from '../hooks/eventHistory.js';
import { hydrateBillingAddress, type BillingAddressHydration } from '../hydrators.js';
import { billingAddressUpdatedRecord } from '../mappers/billingAddressUpdatedRecord.js';
import { billingAddressUpdatedSample } from '../samples/billing_address_updated.js';

/*
 * Billing Address Updated without a webhook, for when webhooks are not an option: it polls
 * ProAbono's event history. One request per poll; an address is read only for the runs that use it.
 */

/** Zapier's default cap of new items per poll. */
const DEFAULT_POLL_SIZE = 100;
const SAMPLE_SIZE = 3;

/**
 * How many events one request asks for. Turning a Zap on fills Zapier's dedupe table, so it takes
 * as many as one request allows; otherwise Zapier's `limit`, or its default of 100.
 */
export const pollSize = (meta: Partial<Bundle['meta']> | undefined): number => {
  if (meta?.isPopulatingDedupe) return MAX_PAGE_SIZE;
  if (meta?.isLoadingSample) return SAMPLE_SIZE;
  const limit = meta?.limit;
  return typeof limit === 'number' && limit > 0
    ? Math.min(Math.floor(limit), MAX_PAGE_SIZE)
    : DEFAULT_POLL_SIZE;
};

/**
 * One request per poll when ProAbono's history runs newest first (two or three when it runs oldest
 * first, eventHistory.ts): the event list. Each record's address is a
 * placeholder that Zapier hydrates (one request) only for events it runs. While a Zap is being set
 * up, the few records Zapier shows carry their address already (one read per customer), so the
 * editor offers every field the sample promises, compared with nothing and remembered nowhere.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const filter = addressFilterOf(bundle.inputData);
  // Zapier names the Zap in `meta.zap` (deprecated, still sent): with it, this Zap remembers
  // addresses on its own and its filter applies. Without it, the memory is the business's, shared
  // by its polling Zaps, and a filter there would let one Zap's read stop another's run.
  const zapId = bundle.meta?.zap?.id;
  const ownMemory = zapId ? { scope: `${POLLING_SCOPE}:zap:${zapId}`, filter } : {};
  const client = createProAbonoClient(z, bundle);
  const events = (
    await newestEvents(client, [historyTypeOf(BILLING_ADDRESS_UPDATED)], pollSize(bundle.meta))
  ).filter((event) => event.type === BILLING_ADDRESS_UPDATED.code && event.reference !== '');
  if (bundle.meta?.isLoadingSample === true) return addressSampleRecords(client, events);
  return events.map((event) => {
    const hydration: BillingAddressHydration = {
      reference: event.reference,
      notificationId: event.id,
      dateTrigger: event.date,
      ...ownMemory,
    };
    return billingAddressUpdatedRecord(event, z.dehydrate(hydrateBillingAddress, hydration));
  });
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'billing_address_updated_polling',
  noun: 'Billing Address',
  display: {
    label: 'Billing Address Updated (Every Few Minutes)',
    description: "Triggers when a customer's billing address is updated, within a few minutes.",
  },
  operation: {
    type: 'polling',
    inputFields: billingAddressUpdatedInputFields({
      intro:
        'Pick this trigger when a delay of a few minutes is fine, or when you would rather have ' +
        'no webhook in ProAbono: Zapier checks ProAbono for updates every few minutes (how often ' +
        'depends on your Zapier plan), and there is nothing to set up or remove there. For a Zap ' +
        'that runs within seconds of the update, pick **Billing Address Updated**.',
      lastAddressSeenBy: 'a polling Zap of this ProAbono business',
      outro:
        'The filters below apply when the Zap reads the address (its first step that uses an ' +
        'address field): an update they leave out stops the Zap run there.',
    }),
    perform,
    outputFields: billingAddressUpdatedOutputFields,
    sample: billingAddressUpdatedSample,
  },
});
