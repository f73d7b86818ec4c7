import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type {
  Bundle,
  WebhookTriggerPerform,
  WebhookTriggerPerformList,
  WebhookTriggerPerformSubscribe,
  WebhookTriggerPerformUnsubscribe,
  ZObject,
} from 'zapier-platform-core';

import {
  claimDelivery,
  deliveredKey,
  lastAddressKey,
  releaseDelivery,
  subscriptionTag,
  trackBillingAddress,
} from '../addressTracking.js';
import { BILLING_ADDRESS_UPDATED, createProAbonoClient } from '../api/client.js';
import type { ProAbonoClient } from '../api/client.js';
import { NotificationSchema } from '../api/schemas.js';
import type { Notification, VerificationDelivery } from '../api/schemas.js';
import {
  KEY_HEADER,
  SIGNATURE_HEADER,
  isVerificationDelivery,
  signatureHeaders,
  verifySignature,
} from '../api/webhooks.js';
import { billingAddressUpdatedOutputFields } from '../fields/billingAddressUpdatedOutputFields.js';
import {
  billingAddressUpdatedRecord,
  customerReferenceOf,
  newestFirst,
} from '../mappers/billingAddressUpdated.js';
import type {
  BillingAddressChange,
  BillingAddressUpdatedRecord,
} from '../mappers/billingAddressUpdated.js';
import { billingAddressUpdatedSample } from '../samples/billing_address_updated.js';

/** Samples: Zapier's editor shows three; a full list is for the "load more" of a Zap test. */
const SAMPLE_SIZE = 3;
const LIST_SIZE = 10;

/** What `performSubscribe` returns; Zapier hands it back as `bundle.subscribeData`. */
interface SubscribeData {
  id: string;
  url?: string;
}

const log = (z: ZObject, message: string) => {
  z.console.log(`Billing Address Updated: ${message}`);
};

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

const requireTargetUrl = (z: ZObject, bundle: Bundle): string => {
  if (bundle.targetUrl) return bundle.targetUrl;
  throw new z.errors.Error(
    'Zapier did not provide the URL this trigger should receive ProAbono webhooks on. Turn the Zap ' +
      'off and on again; if it keeps failing, contact the integration support.',
    'missing_target_url',
  );
};

/**
 * Registers a ProAbono webhook for billing-address updates that posts to this Zap's hook URL, then
 * asks ProAbono to send the verification code that activates it (`perform` confirms it). A webhook
 * already registered for the same URL is reused, so subscribing twice never leaves two.
 */
export const performSubscribe = (async (z, bundle) => {
  const targetUrl = requireTargetUrl(z, bundle);
  const client = createProAbonoClient(z, bundle);
  const existing = (await client.listWebhooks()).find((webhook) => webhook.Url === targetUrl);
  const webhook = existing ?? (await client.createWebhook(targetUrl, [BILLING_ADDRESS_UPDATED]));
  // Harmless for a webhook that is already active: ProAbono just sends another code.
  await client.requestWebhookVerificationCode(webhook.Id);
  const subscribeData: SubscribeData = { id: String(webhook.Id), url: targetUrl };
  return subscribeData;
}) satisfies WebhookTriggerPerformSubscribe;

/** Deletes the webhook. One that is already gone is what unsubscribing wants anyway. */
export const performUnsubscribe = (async (z, bundle) => {
  const client = createProAbonoClient(z, bundle);
  const { id } = subscribeDataOf(bundle);
  if (id !== undefined && id !== '') {
    const deleted = await client.deleteWebhook(id);
    return { id, deleted };
  }
  // Without subscribe data (zapier/zapier-platform#37), find the webhook by this Zap's URL.
  const url = requireTargetUrl(z, bundle);
  const matching = (await client.listWebhooks()).filter((webhook) => webhook.Url === url);
  for (const webhook of matching) await client.deleteWebhook(webhook.Id);
  return { ids: matching.map((webhook) => String(webhook.Id)), deleted: matching.length > 0 };
}) satisfies WebhookTriggerPerformUnsubscribe;

/**
 * With a Webhook Security Key on the connection, a delivery counts only when ProAbono signed it.
 * The reason for a refusal is logged without the secret, the key or the signature.
 */
const signatureProblem = (bundle: Bundle): string | undefined => {
  const secret = bundle.authData.webhookSecret?.trim();
  if (!secret) return undefined;
  const { key, signature } = signatureHeaders(bundle.rawRequest);
  if (!signature) return `the ${SIGNATURE_HEADER} header is missing`;
  if (!key) return `the ${KEY_HEADER} header is missing`;
  if (!verifySignature({ key, signature, secret })) {
    return `its ${SIGNATURE_HEADER} header does not match the Webhook Security Key of the connection`;
  }
  return undefined;
};

/** The webhook a verification code belongs to: subscribe data, then the body, then the URL. */
const webhookIdForVerification = async (
  z: ZObject,
  bundle: Bundle,
  client: ProAbonoClient,
  delivery: VerificationDelivery,
): Promise<string | number> => {
  const fromSubscribe = subscribeDataOf(bundle).id;
  if (fromSubscribe !== undefined && fromSubscribe !== '') return fromSubscribe;
  if (delivery.IdWebhook !== undefined && delivery.IdWebhook !== null) return delivery.IdWebhook;
  // The code can arrive before Zapier has stored what performSubscribe returned.
  const url = hookUrlOf(bundle);
  const webhook =
    url === undefined
      ? undefined
      : (await client.listWebhooks()).find((candidate) => candidate.Url === url);
  if (webhook === undefined) {
    throw new z.errors.Error(
      `ProAbono sent a webhook verification code, but business ${client.businessId} has no webhook ` +
        `for this Zap's URL. Turn the Zap off and on again to register a new webhook.`,
      'webhook_not_found',
    );
  }
  return webhook.Id;
};

/** A notification Zapier has not run yet for this Zap, or `undefined` when there is nothing to do. */
const notificationToRun = (z: ZObject, body: unknown): Notification | undefined => {
  const parsed = NotificationSchema.safeParse(body);
  if (!parsed.success) {
    log(z, 'ignored a delivery that is not a ProAbono notification.');
    return undefined;
  }
  if (parsed.data.TypeTrigger !== BILLING_ADDRESS_UPDATED) {
    log(
      z,
      `ignored a ${parsed.data.TypeTrigger} notification; this trigger handles ${BILLING_ADDRESS_UPDATED}.`,
    );
    return undefined;
  }
  if (customerReferenceOf(parsed.data) === undefined) {
    log(z, `ignored notification ${String(parsed.data.Id)}: it names no customer reference.`);
    return undefined;
  }
  return parsed.data;
};

/**
 * One delivery from ProAbono: the verification handshake, or a billing-address notification turned
 * into a record with the customer's current address (one request). Each notification runs the Zap
 * once, however many times ProAbono delivers it.
 */
export const perform = (async (z, bundle) => {
  const body: unknown = bundle.cleanedRequest;
  const problem = signatureProblem(bundle);
  if (problem !== undefined) {
    log(z, `ignored a delivery because ${problem}.`);
    return [];
  }

  if (isVerificationDelivery(body)) {
    const client = createProAbonoClient(z, bundle);
    const webhookId = await webhookIdForVerification(z, bundle, client, body);
    await client.confirmWebhookVerificationCode(webhookId, String(body.Code));
    log(z, `confirmed the verification code of webhook ${webhookId}.`);
    return [];
  }

  const notification = notificationToRun(z, body);
  if (notification === undefined) return [];
  const reference = customerReferenceOf(notification) ?? '';
  const client = createProAbonoClient(z, bundle);
  const url = hookUrlOf(bundle);
  const subscription = url === undefined ? 'no-url' : subscriptionTag(url);
  const claim = deliveredKey(client.businessId, subscription, String(notification.Id));
  if (!(await claimDelivery(z, claim))) {
    log(z, `ignored notification ${String(notification.Id)}: this Zap already received it.`);
    return [];
  }
  try {
    const change = await trackBillingAddress(z, client, reference, {
      memoryKey: lastAddressKey(client.businessId, subscription, reference),
      remember: true,
    });
    return [billingAddressUpdatedRecord(notification, change)];
  } catch (error) {
    await releaseDelivery(z, claim);
    throw error;
  }
}) satisfies WebhookTriggerPerform;

/** Records for samples: hydrated like deliveries, but compared with nothing and remembering nothing. */
const sampleRecords = async (
  z: ZObject,
  client: ProAbonoClient,
  notifications: Notification[],
): Promise<BillingAddressUpdatedRecord[]> => {
  const changes = new Map<string, BillingAddressChange>();
  const records: BillingAddressUpdatedRecord[] = [];
  for (const notification of notifications) {
    const reference = customerReferenceOf(notification) ?? '';
    // One read per customer, however many of its events the list holds.
    const change =
      changes.get(reference) ??
      (await trackBillingAddress(z, client, reference, {
        memoryKey: null,
        remember: false,
        unknownCustomerIsEmpty: true,
      }));
    changes.set(reference, change);
    records.push(billingAddressUpdatedRecord(notification, change));
  }
  return records;
};

/**
 * Recent real updates for the Zap editor, newest first; then ProAbono's generated sample event;
 * then the static sample. Each is hydrated exactly like a delivery, so the fields a user maps in
 * the editor are the fields a live Zap receives.
 */
export const performList = (async (z, bundle) => {
  const client = createProAbonoClient(z, bundle);
  const loadingSample = bundle.meta?.isLoadingSample === true;
  const { items } = await client.rewindEvents({
    sizePage: loadingSample ? SAMPLE_SIZE : LIST_SIZE,
  });
  const recent = newestFirst(items)
    .filter(
      (item) =>
        item.TypeTrigger === BILLING_ADDRESS_UPDATED && customerReferenceOf(item) !== undefined,
    )
    .slice(0, loadingSample ? SAMPLE_SIZE : LIST_SIZE);
  if (recent.length > 0) return sampleRecords(z, client, recent);

  const generated = await client.sampleEvent(BILLING_ADDRESS_UPDATED);
  if (generated !== null && customerReferenceOf(generated) !== undefined) {
    return sampleRecords(z, client, [generated]);
  }
  return [billingAddressUpdatedSample];
}) satisfies WebhookTriggerPerformList;

const inputFields = defineInputFields([
  {
    key: 'how_it_works',
    type: 'copy',
    helpText:
      'Zapier registers a webhook in ProAbono for this Zap and removes it when the Zap is turned ' +
      'off. Each update delivers the customer and their **current** billing address, read from ' +
      'ProAbono, plus **Changed Fields** and the **Previous** value of each changed field, compared ' +
      'with the last address this Zap received for that customer. The first time a customer comes ' +
      'through, no previous address is known: **Previous Address Known** is false and Changed ' +
      'Fields is empty. Add the Webhook Security Key to your ProAbono connection so that only ' +
      'deliveries signed by ProAbono run the Zap.',
  },
]);

export default defineTrigger({
  key: 'billing_address_updated',
  noun: 'Billing Address',
  display: {
    label: 'Billing Address Updated',
    description: "Triggers when a customer's billing address is updated.",
  },
  operation: {
    type: 'hook',
    inputFields,
    perform,
    performList,
    performSubscribe,
    performUnsubscribe,
    outputFields: billingAddressUpdatedOutputFields,
    sample: billingAddressUpdatedSample,
  },
});
