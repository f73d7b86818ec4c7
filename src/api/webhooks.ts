import { createHash, timingSafeEqual } from 'node:crypto';

import { isRecord } from '../isRecord.js';
import { authValue } from './authData.js';
import {
  notificationSchema,
  verificationDeliverySchema,
  type Notification,
  type VerificationDelivery,
} from './schemas.js';

/*
 * What a delivery to an instant trigger's hook is, decided before anything in it is trusted: the
 * signature, the handshake and the notification, read into the event every trigger works on. Pure
 * (no request, no Zapier object), so every case is tested without a Zap.
 */

const SIGNATURE_HEADER = 'x-proabono-signature';
const KEY_HEADER = 'x-proabono-key';

const SHA256_BYTES = 32;
/** Standard or URL-safe base64, padded or not: ProAbono documents base64, senders differ on padding. */
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * A header name reduced to the form ProAbono sends. Zapier hands `perform` the raw headers renamed
 * `Http-X-Proabono-Signature` (title case, `Http-` prefix; zapier/zapier-platform issue #290), other
 * runtimes keep `x-proabono-signature`, and CGI-style gateways use underscores.
 */
const canonicalHeaderName = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/^http-/, '');

const headerText = (value: unknown): string | undefined => {
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof first !== 'string') return undefined;
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
};

interface SignatureHeaders {
  key?: string;
  signature?: string;
}

/** Reads `x-proabono-key` and `x-proabono-signature` from a raw request, whatever the header spelling. */
export const signatureHeaders = (
  rawRequest: { headers?: Record<string, unknown> } | null | undefined,
): SignatureHeaders => {
  const found: SignatureHeaders = {};
  for (const [name, value] of Object.entries(rawRequest?.headers ?? {})) {
    const canonical = canonicalHeaderName(name);
    const text = headerText(value);
    if (text === undefined) continue;
    if (canonical === KEY_HEADER) found.key ??= text;
    if (canonical === SIGNATURE_HEADER) found.signature ??= text;
  }
  return found;
};

const decodeBase64 = (text: string): Buffer | undefined => {
  const compact = text.trim();
  if (!BASE64_PATTERN.test(compact)) return undefined;
  // Node decodes both alphabets and tolerates missing padding; the pattern above rejects the
  // stray characters it would otherwise skip silently.
  return Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
};

/**
 * True when `signature` is base64(sha256(key + secret)), ProAbono's scheme. The digests are
 * compared as bytes in constant time, so the check leaks nothing about how close a forgery came.
 * Missing parts never verify.
 */
export const verifySignature = ({
  key,
  signature,
  secret,
}: {
  key?: string | null;
  signature?: string | null;
  /** The connection's `webhookSecret`, as stored: text, or a number in a legacy connection. */
  secret?: unknown;
}): boolean => {
  const secretText = authValue(secret);
  if (!key || !signature || !secretText) return false;
  const received = decodeBase64(signature);
  if (received === undefined || received.length !== SHA256_BYTES) return false;
  const expected = createHash('sha256')
    .update(key + secretText, 'utf8')
    .digest();
  return timingSafeEqual(received, expected);
};

const hasTypeTrigger = (body: Record<string, unknown>): boolean => {
  const type = body.TypeTrigger;
  return type !== undefined && type !== null && type !== '';
};

/** The handshake ProAbono POSTs to a new webhook: a `Code`, and no `TypeTrigger`. */
export const isVerificationDelivery = (body: unknown): body is VerificationDelivery =>
  isRecord(body) && !hasTypeTrigger(body) && verificationDeliverySchema().safeParse(body).success;

/**
 * One notification as the triggers read it: from a delivery or from ProAbono's event history.
 * ProAbono documents `DateTrigger` on every notification; one without a readable date still
 * counts, dated when it was received (or read), so that it is delivered rather than dropped.
 */
export interface TriggerEvent {
  notification: Notification;
  /** The notification `Id`: one per event, the dedupe key of the triggers and of Zapier. */
  id: string;
  type: string;
  /** ISO 8601 in UTC. */
  date: string;
  /** `date` in epoch ms. */
  time: number;
  /** The customer's reference, trimmed; `''` when the notification names none. */
  reference: string;
}

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Epoch ms of a ProAbono date, which is UTC even when written without a zone; NaN if unreadable. */
export const timeOf = (raw: string | null | undefined): number => {
  const text = raw?.trim() ?? '';
  return text === '' ? NaN : Date.parse(ISO_WITHOUT_ZONE.test(text) ? `${text}Z` : text);
};

/** The event a notification reports; `fallbackTime` dates one without a readable `DateTrigger`. */
export const triggerEvent = (notification: Notification, fallbackTime: number): TriggerEvent => {
  const given = timeOf(notification.DateTrigger);
  const time = Number.isNaN(given) ? fallbackTime : given;
  return {
    notification,
    id: String(notification.Id),
    type: notification.TypeTrigger,
    date: new Date(time).toISOString(),
    time,
    reference: notification.Customer?.ReferenceCustomer.trim() ?? '',
  };
};

/** Why a delivery gives no record, as the trigger logs it after "ignored". */
interface Ignored {
  kind: 'ignored';
  reason: string;
}

/** What a delivery to an instant trigger's hook is, and so what the trigger does with it. */
type Delivery =
  /** Not signed with the connection's Webhook Security Key: `reason` says what is wrong. */
  | { kind: 'forged'; reason: string }
  | { kind: 'verification'; delivery: VerificationDelivery }
  /** `webhookId` is the webhook the body names itself, when ProAbono includes it. */
  | { kind: 'notification'; event: TriggerEvent; webhookId?: string }
  | Ignored;

/**
 * A delivery counts only when ProAbono signed it with the connection's Webhook Security Key
 * (ProAbono's own n8n node requires the key too): without it, anyone who learns a Zap's hook URL
 * could run the Zap. The reason for a refusal names no secret, key or signature.
 */
const signatureProblem = (
  rawRequest: Parameters<typeof signatureHeaders>[0],
  secret: unknown,
): string | undefined => {
  if (!authValue(secret)) {
    return (
      'the ProAbono connection has no Webhook Security Key to check its signature with (add the ' +
      'key to the connection, then turn the Zap off and on again)'
    );
  }
  const { key, signature } = signatureHeaders(rawRequest);
  if (!signature) return `the ${SIGNATURE_HEADER} header is missing`;
  if (!key) return `the ${KEY_HEADER} header is missing`;
  if (!verifySignature({ key, signature, secret })) {
    return `its ${SIGNATURE_HEADER} header does not match the Webhook Security Key of the connection`;
  }
  return undefined;
};

/**
 * Sorts one delivery: the signature is checked first (a forged handshake is never confirmed),
 * then the body is read as the handshake or as a notification. Which notifications a trigger
 * keeps is the trigger's decision, not this one's.
 */
export const classifyDelivery = ({
  body,
  rawRequest,
  secret,
  receivedAt,
}: {
  /** The parsed body (Zapier's `cleanedRequest`). */
  body: unknown;
  rawRequest: Parameters<typeof signatureHeaders>[0];
  /** The connection's `webhookSecret`, as stored. */
  secret: unknown;
  /** Epoch ms: the date of a notification that carries none. */
  receivedAt: number;
}): Delivery => {
  const forged = signatureProblem(rawRequest, secret);
  if (forged !== undefined) return { kind: 'forged', reason: forged };
  if (isVerificationDelivery(body)) return { kind: 'verification', delivery: body };
  const parsed = notificationSchema().safeParse(body);
  if (!parsed.success) {
    return { kind: 'ignored', reason: 'a delivery that is not a ProAbono notification' };
  }
  const event = triggerEvent(parsed.data, receivedAt);
  const webhookId: unknown = isRecord(body) ? body.IdWebhook : undefined;
  return typeof webhookId === 'string' || typeof webhookId === 'number'
    ? { kind: 'notification', event, webhookId: String(webhookId) }
    : { kind: 'notification', event };
};
