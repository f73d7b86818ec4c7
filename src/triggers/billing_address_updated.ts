import {
  defineTrigger,
  type Bundle,
  type WebhookTriggerPerform,
  type WebhookTriggerPerformList,
  type WebhookTriggerPerformSubscribe,
  type WebhookTriggerPerformUnsubscribe,
  type ZObject,
} from 'zapier-platform-core';

import {
  deliveredKey,
  lastAddressKey,
  sampleRecords,
  subscriptionScope,
  trackAddress,
} from '../triggerMemory.js';
import { createProAbonoClient, type ProAbonoClient } from '../api/client.js';
import { requestTimeoutMs } from '../api/config.js';
import { ESCALATE, errorCodeOf, userError, type ErrorCode } from '../api/userError.js';
import {
  BILLING_ADDRESS_UPDATED,
  type VerificationDelivery,
  type Webhook,
} from '../api/schemas.js';
import { classifyDelivery } from '../api/webhooks.js';
import { withCleanErrors } from '../cleanErrors.js';
import { claimNotification, type ClaimTiming, type OwnedClaim } from '../deliveryClaims.js';
import { billingAddressUpdatedInputFields } from '../fields/billingAddressUpdatedInputFields.js';
import { billingAddressUpdatedOutputFields } from '../fields/billingAddressUpdatedOutputFields.js';
import { hydrateBillingAddress, type BillingAddressHydration } from '../hydrators.js';
import {
  addressFilterOf,
  filteredOutBecause,
  type AddressFilter,
} from '../mappers/addressFilter.js';
import {
  addressUpdateEvents,
  billingAddressUpdatedRecord,
} from '../mappers/billingAddressUpdatedRecord.js';
import { addressFields, type AddressFields } from '../mappers/customerRecord.js';
import { billingAddressUpdatedSample } from '../samples/billing_address_updated.js';

/*
 * Billing Address Updated, the instant trigger: a ProAbono webhook per Zap. Each notification runs
 * the Zap once, however often ProAbono delivers it, and is never lost to a failed address read.
 */

/** Samples: Zapier's editor shows three; a full list is for the "load more" of a Zap test. */
const SAMPLE_SIZE = 3;
const LIST_SIZE = 10;

/**
 * Zapier gives a delivery 30 seconds. Within this budget a copy waits for another copy of the
 * same notification, and retries the address read; what is left after it covers the cache writes.
 */
const DELIVERY_BUDGET_MS = 25_000;
/** Pauses before the second and third address read, when the first failed transiently. */
const READ_RETRY_PAUSES_MS = [250, 1000];
/** A read is not started with less time than this left: the record goes out to be hydrated. */
const MIN_READ_MS = 1_000;
/**
 * Failures a second read moments later may not meet: ProAbono's server or the way to it. A 429 is
 * not among them: ProAbono asks for tens of seconds, and Zapier itself schedules a throttled
 * hydration for later, which a retry here could only delay.
 */
const READ_AGAIN_AFTER: ReadonlySet<ErrorCode> = new Set([
  'server_error',
  'timeout',
  'unreachable',
]);

/** What `performSubscribe` returns; Zapier hands it back as `bundle.subscribeData`. */
interface SubscribeData {
  id: string;
  url?: string;
}

const log = (z: ZObject, message: string) => {
  z.console.log(`Billing Address Updated: ${message}`);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const subscribeDataOf = (bundle: Bundle): Partial<SubscribeData> =>
  (bundle.subscribeData as Partial<SubscribeData> | undefined) ?? {};

/**
 * This Zap's hook URL. Zapier documents `targetUrl` for subscribe and unsubscribe; `perform` falls
 * back to the copy `performSubscribe` stored in the subscribe data.
 */
const hookUrlOf = (bundle: Bundle): string | undefined => {
  const url = bundle.targetUrl ?? subscribeDataOf(bundle).url;
  return typeof url === 'string' && url !== '' ? url : undefined;
};

const requireTargetUrl = (bundle: Bundle): string => {
  if (bundle.targetUrl) return bundle.targetUrl;
  throw userError(
    'Zapier did not provide the URL this trigger should receive ProAbono webhooks on. Turn the Zap ' +
      `off and on again; ${ESCALATE}.`,
    'missing_target_url',
  );
};

/** A webhook that posts billing-address updates; one for other events only would not do. */
const deliversAddressUpdates = (webhook: Webhook): boolean =>
  (webhook.Triggers ?? []).includes(BILLING_ADDRESS_UPDATED);

/**
 * Registers a ProAbono webhook for billing-address updates that posts to this Zap's hook URL, then
 * asks ProAbono to send the verification code that activates it (`perform` confirms it). A webhook
 * already registered for the same URL and this event is reused, so subscribing twice never leaves
 * two; one for the same URL that delivers only other events is left alone and a new one made.
 */
export const performSubscribe = withCleanErrors(async (z, bundle) => {
  // A filter that cannot be read stops the Zap from being turned on, not a delivery later.
  addressFilterOf(bundle.inputData);
  const targetUrl = requireTargetUrl(bundle);
  const client = createProAbonoClient(z, bundle);
  const existing = (await client.findWebhooksByUrl(targetUrl)).find(deliversAddressUpdates);
  const webhook = existing ?? (await client.createWebhook(targetUrl));
  // Harmless for a webhook that is already active: ProAbono just sends another code.
  await client.requestWebhookVerificationCode(webhook.Id);
  const subscribeData: SubscribeData = { id: String(webhook.Id), url: targetUrl };
  return subscribeData;
}) satisfies WebhookTriggerPerformSubscribe;

/** Deletes the webhook. One that is already gone is what unsubscribing wants anyway. */
export const performUnsubscribe = withCleanErrors(async (z, bundle) => {
  const client = createProAbonoClient(z, bundle);
  const { id } = subscribeDataOf(bundle);
  if (id !== undefined && id !== '') {
    const deleted = await client.deleteWebhook(id);
    return { id, deleted };
  }
  // Without subscribe data (zapier/zapier-platform#37), find the webhook by this Zap's URL.
  const matching = await client.findWebhooksByUrl(requireTargetUrl(bundle));
  for (const webhook of matching) await client.deleteWebhook(webhook.Id);
  return { ids: matching.map((webhook) => String(webhook.Id)), deleted: matching.length > 0 };
}) satisfies WebhookTriggerPerformUnsubscribe;

/**
 * Confirms the code of ProAbono's handshake for the webhook it belongs to: the subscribe data's,
 * else the one the body names, else the one registered for this Zap's URL.
 */
const confirmVerificationCode = async (
  z: ZObject,
  bundle: Bundle,
  delivery: VerificationDelivery,
): Promise<void> => {
  const client = createProAbonoClient(z, bundle);
  let webhookId: string | number | undefined = subscribeDataOf(bundle).id || undefined;
  webhookId ??= delivery.IdWebhook ?? undefined;
  if (webhookId === undefined) {
    // The code can arrive before Zapier has stored what performSubscribe returned.
    const url = hookUrlOf(bundle);
    webhookId = url === undefined ? undefined : (await client.findWebhooksByUrl(url))[0]?.Id;
  }
  if (webhookId === undefined) {
    throw userError(
      `ProAbono sent a webhook verification code, but business ${client.businessId} has no webhook ` +
        `for this Zap's URL. Turn the Zap off and on again to register a new webhook.`,
      'webhook_not_found',
    );
  }
  await client.confirmWebhookVerificationCode(webhookId, String(delivery.Code));
  log(z, `confirmed the verification code of webhook ${webhookId}.`);
};

/**
 * This Zap's filter. Subscribing refuses one that cannot be read; should one reach a delivery
 * anyway, it is not applied: a filter must never cost a notification.
 */
const deliveryFilter = (z: ZObject, bundle: Bundle): AddressFilter | undefined => {
  try {
    return addressFilterOf(bundle.inputData);
  } catch {
    log(z, `the trigger's filter settings cannot be read; this notification is not filtered.`);
    return undefined;
  }
};

/** The claim of a Zap nothing identifies: it runs without the check for copies. */
const UNCHECKED: OwnedClaim = {
  kind: 'owner',
  delivered: () => Promise.resolve(),
  release: () => Promise.resolve(),
};

/**
 * This copy's claim on the notification (deliveryClaims.ts), or `undefined`, logged, when another
 * copy received it or is still handling it: that copy runs the Zap.
 */
const claimOnce = async (
  z: ZObject,
  businessId: number,
  scope: string | undefined,
  notificationId: string,
  timing: ClaimTiming,
): Promise<OwnedClaim | undefined> => {
  if (scope === undefined) {
    // Without any identity, claims would be shared with every other Zap of the business.
    log(
      z,
      `notification ${notificationId} names no webhook and Zapier gave no hook URL; it runs without the check for copies.`,
    );
    return UNCHECKED;
  }
  const claim = await claimNotification(z, deliveredKey(businessId, scope, notificationId), timing);
  if (claim.kind === 'delivered') {
    log(z, `ignored notification ${notificationId}: this Zap already received it.`);
    return undefined;
  }
  if (claim.kind === 'running-elsewhere') {
    log(
      z,
      `notification ${notificationId} is still being handled by another copy of it, which runs the Zap.`,
    );
    return undefined;
  }
  return claim;
};

/**
 * The customer's current address, read again after a pause or two when ProAbono or the network
 * fails transiently, within `deadline`; or the reason it could not be read in time.
 */
const readAddressPatiently = async (
  z: ZObject,
  client: ProAbonoClient,
  reference: string,
  deadline: number,
): Promise<{ address: AddressFields } | { failure: string }> => {
  for (let attempt = 0; ; attempt += 1) {
    const remaining = deadline - Date.now();
    if (remaining < MIN_READ_MS) return { failure: 'no time was left to read it' };
    try {
      const timeout = Math.min(requestTimeoutMs(), remaining);
      return { address: addressFields(await client.getBillingAddress(reference, { timeout })) };
    } catch (error) {
      const code = errorCodeOf(error);
      const pause = READ_RETRY_PAUSES_MS[attempt];
      if (code === undefined || !READ_AGAIN_AFTER.has(code) || pause === undefined) {
        return { failure: code ?? 'unexpected_error' };
      }
      log(z, `reading the address of customer "${reference}" failed (${code}); trying again.`);
      await sleep(pause);
    }
  }
};

/**
 * One delivery from ProAbono: the verification handshake, or a billing-address notification turned
 * into one record with the customer's current address. Each notification runs the Zap once,
 * however many times and however close together ProAbono delivers it (deliveryClaims.ts), and no
 * failure of the address read loses it: after a retry or two the record goes out with its address
 * left for Zapier to read when the Zap uses it, inside the Zap run, which Zapier can replay.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const startedAt = Date.now();
  const deadline = startedAt + DELIVERY_BUDGET_MS;
  const delivery = classifyDelivery({
    body: bundle.cleanedRequest,
    rawRequest: bundle.rawRequest,
    secret: bundle.authData.webhookSecret,
  });
  switch (delivery.kind) {
    case 'forged':
      log(z, `ignored a delivery because ${delivery.reason}.`);
      return [];
    case 'ignored':
      log(z, `ignored ${delivery.reason}.`);
      return [];
    case 'verification':
      await confirmVerificationCode(z, bundle, delivery.delivery);
      return [];
  }

  const { event } = delivery;
  const { reference } = event;
  const notificationId = String(event.notification.Id);
  const filter = deliveryFilter(z, bundle);
  const client = createProAbonoClient(z, bundle);
  const scope = subscriptionScope({
    webhookId: subscribeDataOf(bundle).id ?? delivery.webhookId,
    hookUrl: hookUrlOf(bundle),
  });
  const claim = await claimOnce(z, client.businessId, scope, notificationId, {
    now: Date.now,
    startedAt,
    waitUntil: deadline,
  });
  if (claim === undefined) return [];
  try {
    const memoryScope = scope ?? 'unscoped';
    const read = await readAddressPatiently(z, client, reference, deadline);
    let records;
    if ('address' in read) {
      const memoryKey = lastAddressKey(client.businessId, memoryScope, reference);
      const address = await trackAddress(z, read.address, memoryKey);
      const why = filter === undefined ? undefined : filteredOutBecause(address, filter);
      if (why !== undefined) {
        log(z, `no record for notification ${notificationId} of customer "${reference}": ${why}.`);
      }
      records = why === undefined ? [billingAddressUpdatedRecord(event, address)] : [];
    } else {
      log(
        z,
        `could not read the address of customer "${reference}" now (${read.failure}); the Zap runs ` +
          'with the address read when it is used, and a failure then can be replayed.',
      );
      const hydration: BillingAddressHydration = { reference, notificationId, scope: memoryScope };
      records = [billingAddressUpdatedRecord(event, z.dehydrate(hydrateBillingAddress, hydration))];
    }
    await claim.delivered();
    return records;
  } catch (error) {
    await claim.release();
    throw error;
  }
}) satisfies WebhookTriggerPerform;

/**
 * Recent real updates for the Zap editor, newest first, each hydrated exactly like a delivery, so
 * the fields a user maps in the editor are the fields a live Zap receives. None when ProAbono's
 * history has none: Zapier then shows the static sample itself, marked as a sample.
 */
export const performList = withCleanErrors(async (z, bundle) => {
  const client = createProAbonoClient(z, bundle);
  const size = bundle.meta?.isLoadingSample === true ? SAMPLE_SIZE : LIST_SIZE;
  const { items } = await client.rewindEvents({ sizePage: size });
  return sampleRecords(client, addressUpdateEvents(items).slice(0, size));
}) satisfies WebhookTriggerPerformList;

export default defineTrigger({
  key: 'billing_address_updated',
  noun: 'Billing Address',
  display: {
    label: 'Billing Address Updated',
    description: "Triggers when a customer's billing address is updated.",
  },
  operation: {
    type: 'hook',
    inputFields: billingAddressUpdatedInputFields({
      intro:
        'Pick this trigger for a Zap that runs within seconds of the update: Zapier adds a ' +
        'webhook in ProAbono for this Zap and removes it when the Zap is turned off. When a ' +
        'delay of a few minutes is fine, or you would rather have no webhook in ProAbono, pick ' +
        '**Billing Address Updated (Every Few Minutes)**.',
      lastAddressSeenBy: 'this Zap',
      outro:
        'Add the Webhook Security Key to your ProAbono connection so that only deliveries ' +
        'signed by ProAbono run the Zap.',
    }),
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    outputFields: billingAddressUpdatedOutputFields,
    sample: billingAddressUpdatedSample,
  },
});
