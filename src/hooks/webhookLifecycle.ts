import type { Bundle, ZObject } from 'zapier-platform-core';

import { authValue } from '../api/authData.js';
import { createProAbonoClient, type ProAbonoClient } from '../api/client.js';
import { ESCALATE, errorCodeOf, userError } from '../api/errorFactories.js';
import type { VerificationDelivery } from '../api/schemas.js';
import { hookUrlTag } from './scopes.js';

/*
 * A Zap's ProAbono webhook from turning the Zap on to turning it off, on the calls ProAbono's own
 * n8n node makes: create the webhook, ask for its verification code, confirm the code when it
 * arrives, delete the webhook. The webhook's Id travels in the subscribe data Zapier keeps; the
 * code can arrive before Zapier has stored it, so the Id is also kept in Zapier's cache under the
 * hook URL. ProAbono's list of webhooks, which nothing documents, is only a last resort whose
 * failure fails nothing.
 */

/** What `performSubscribe` returns; Zapier hands it back as `bundle.subscribeData`. */
interface SubscribeData {
  id: string;
  url?: string;
  /** The event types the webhook was registered for. */
  types?: string[];
}

/** What the cache remembers of the webhook registered for a hook URL. */
interface RegisteredWebhook {
  id: string;
}

const REGISTRATION_TTL_SECONDS = 365 * 24 * 60 * 60;

const registrationKey = (businessId: number, url: string) =>
  `proabono:v1:webhook:${businessId}:${hookUrlTag(url)}`;

export const subscribeDataOf = (bundle: Bundle): Partial<SubscribeData> =>
  (bundle.subscribeData as Partial<SubscribeData> | undefined) ?? {};

/**
 * This Zap's hook URL. Zapier documents `targetUrl` for subscribe and unsubscribe; `perform` falls
 * back to the copy `performSubscribe` stored in the subscribe data.
 */
export const hookUrlOf = (bundle: Bundle): string | undefined => {
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

/** Instant triggers check every delivery's signature, so the key must be there before anything. */
const requireWebhookSecret = (bundle: Bundle): void => {
  if (authValue(bundle.authData.webhookSecret)) return;
  throw userError(
    'Instant triggers need the Webhook Security Key of your ProAbono connection: Zapier checks ' +
      'with it that each delivery comes from ProAbono. In ProAbono, open Integration → Webhooks → ' +
      'secure my webhooks and copy the secret key; then edit your ProAbono connection in Zapier, ' +
      'paste it into Webhook Security Key, and turn this Zap on again. Nothing was registered in ' +
      'ProAbono.',
    'webhook_secret_missing',
  );
};

type Log = (message: string) => void;

const cacheGet = async (z: ZObject, key: string, log: Log): Promise<RegisteredWebhook | null> => {
  try {
    const stored: unknown = await z.cache.get(key);
    const id = (stored as Partial<RegisteredWebhook> | null)?.id;
    return typeof id === 'string' && id !== '' ? { id } : null;
  } catch {
    log("Zapier's cache could not be read; the webhook is found without it.");
    return null;
  }
};

const cacheWrite = async (z: ZObject, log: Log, write: () => Promise<unknown>) => {
  try {
    await write();
  } catch {
    log("Zapier's cache could not be written; the webhook is still registered.");
  }
};

/**
 * The webhooks registered for this URL according to ProAbono's undocumented list, or none when
 * the list cannot be read (404, 405, a refusal, anything): it is only ever a last resort.
 */
const listedWebhookIds = async (
  client: ProAbonoClient,
  url: string,
  log: Log,
): Promise<string[]> => {
  try {
    return (await client.findWebhooksByUrl(url)).map((webhook) => String(webhook.Id));
  } catch {
    log("ProAbono's list of webhooks could not be read; nothing relies on it.");
    return [];
  }
};

/**
 * Turns the Zap on: registers a webhook for exactly `types` that posts to this Zap's hook URL,
 * then asks ProAbono to send the verification code that activates it (`perform` confirms it). A
 * webhook registered earlier for the same URL whose subscription Zapier never stored is deleted
 * first, so that a URL has one webhook. ProAbono's sources spell a few event codes two ways:
 * when it refuses `types` (422), `otherSpelling` is registered instead.
 */
export const subscribe = async (
  z: ZObject,
  bundle: Bundle,
  types: readonly string[],
  otherSpelling: readonly string[],
  log: Log,
): Promise<SubscribeData> => {
  requireWebhookSecret(bundle);
  const url = requireTargetUrl(bundle);
  const client = createProAbonoClient(z, bundle);
  const key = registrationKey(client.businessId, url);
  const earlier = await cacheGet(z, key, log);
  if (earlier !== null) {
    try {
      await client.deleteWebhook(earlier.id);
    } catch {
      log(`webhook ${earlier.id}, registered earlier for this Zap, could not be deleted.`);
    }
  }
  let registered = types;
  let webhook;
  try {
    webhook = await client.createWebhook(url, types);
  } catch (error) {
    const spelledOtherwise = otherSpelling.some((code, index) => code !== types[index]);
    if (!spelledOtherwise || errorCodeOf(error) !== 'invalid_data') throw error;
    log('ProAbono refused the event codes; registering them as its other sources spell them.');
    registered = otherSpelling;
    webhook = await client.createWebhook(url, registered);
  }
  const id = String(webhook.Id);
  await cacheWrite(z, log, () => z.cache.set(key, { id }, REGISTRATION_TTL_SECONDS));
  await client.requestWebhookVerificationCode(webhook.Id);
  return { id, url, types: [...registered] };
};

/**
 * Turns the Zap off: deletes its webhook, found in the subscribe data, else in the cache, else in
 * ProAbono's list. One already gone is what unsubscribing wants anyway.
 */
export const unsubscribe = async (z: ZObject, bundle: Bundle, log: Log) => {
  const client = createProAbonoClient(z, bundle);
  const url = hookUrlOf(bundle);
  const key = url === undefined ? undefined : registrationKey(client.businessId, url);
  const forget = async () => {
    if (key !== undefined) await cacheWrite(z, log, () => z.cache.delete(key));
  };
  const { id } = subscribeDataOf(bundle);
  if (id !== undefined && id !== '') {
    const deleted = await client.deleteWebhook(id);
    await forget();
    return { id, deleted };
  }
  // Without subscribe data (zapier/zapier-platform#37): the cache, then ProAbono's list.
  const target = requireTargetUrl(bundle);
  const cached = key === undefined ? null : await cacheGet(z, key, log);
  const ids = cached !== null ? [cached.id] : await listedWebhookIds(client, target, log);
  let deleted = false;
  for (const webhookId of ids) deleted = (await client.deleteWebhook(webhookId)) || deleted;
  await forget();
  return { ids, deleted };
};

/**
 * Confirms the code of ProAbono's handshake for the webhook it belongs to: the subscribe data's,
 * else the one the body names, else the one the cache holds for this hook URL, else the one
 * ProAbono's list shows for it.
 */
export const confirmVerification = async (
  z: ZObject,
  bundle: Bundle,
  delivery: VerificationDelivery,
  log: Log,
): Promise<void> => {
  const client = createProAbonoClient(z, bundle);
  let webhookId: string | undefined = subscribeDataOf(bundle).id || undefined;
  if (webhookId === undefined && delivery.IdWebhook !== undefined && delivery.IdWebhook !== null) {
    webhookId = String(delivery.IdWebhook);
  }
  const url = hookUrlOf(bundle);
  if (webhookId === undefined && url !== undefined) {
    webhookId = (await cacheGet(z, registrationKey(client.businessId, url), log))?.id;
    webhookId ??= (await listedWebhookIds(client, url, log))[0];
  }
  if (webhookId === undefined) {
    throw userError(
      `ProAbono sent a webhook verification code, but no webhook of business ${client.businessId} ` +
        `is known for this Zap. Turn the Zap off and on again to register a new webhook.`,
      'webhook_not_found',
    );
  }
  await client.confirmWebhookVerificationCode(webhookId, String(delivery.Code));
  log(`confirmed the verification code of webhook ${webhookId}.`);
};
