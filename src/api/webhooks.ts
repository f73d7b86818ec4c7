import { createHash, timingSafeEqual } from 'node:crypto';

import { authValue } from './authData.js';
import { verificationDeliverySchema } from './schemas.js';
import type { VerificationDelivery } from './schemas.js';

/**
 * What ProAbono's webhook deliveries need checked before anything is trusted. Pure: no request,
 * no Zapier object, so the hook runner and the tests use the same functions as the trigger.
 */

export const SIGNATURE_HEADER = 'x-proabono-signature';
export const KEY_HEADER = 'x-proabono-key';

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

export interface SignatureHeaders {
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

/** The signature ProAbono would send for `key`; used by tests and the sandbox to sign deliveries. */
export const signatureFor = (key: string, secret: string): string =>
  createHash('sha256')
    .update(key + secret.trim(), 'utf8')
    .digest('base64');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasTypeTrigger = (body: Record<string, unknown>): boolean => {
  const type = body.TypeTrigger;
  return type !== undefined && type !== null && type !== '';
};

/** The handshake ProAbono POSTs to a new webhook: a `Code`, and no `TypeTrigger`. */
export const isVerificationDelivery = (body: unknown): body is VerificationDelivery =>
  isRecord(body) && !hasTypeTrigger(body) && verificationDeliverySchema().safeParse(body).success;
