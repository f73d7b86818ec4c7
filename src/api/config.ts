import { isIPv4 } from 'node:net';

import { KEYS_LOCATION, userError } from './errorFactories.js';

/* Where the connector sends requests, resolved per request so env overrides apply at run time. */

const LIVE_HOST_PATTERN = /^(?:https?:\/\/)?api-(\d+)\.proabono\.com(?:\/v1)?\/?$/i;
const BACKOFFICE_URL = 'https://via.proabono.com';

/** Zapier stops a step after 30 s; leave room for our own error message and a retry decision. */
const DEFAULT_TIMEOUT_MS = 25_000;

const businessIdForms = (exampleUrl: string) =>
  'Enter the Business ID (a number such as 42), or paste the "Endpoint API" URL shown with it ' +
  `(such as ${exampleUrl}).`;

/** What the Business ID field accepts, said the same way in its error (plain text)... */
const BUSINESS_ID_FORMS = businessIdForms('https://api-42.proabono.com');
/** ...and in its help text (markdown), where a bare URL fails Zapier's check D008. */
export const BUSINESS_ID_FORMS_HELP = businessIdForms('`https://api-42.proabono.com`');

/**
 * Reads the `businessId` auth field: a bare number, or the "Endpoint API" URL the ProAbono
 * backoffice shows (`https://api-42.proabono.com`, with or without a trailing slash or `/v1`).
 * The value is never echoed back: people sometimes paste a key into the wrong field.
 */
export const parseBusinessId = (raw: unknown): number => {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const digits = /^\d+$/.test(text) ? text : LIVE_HOST_PATTERN.exec(text)?.[1];
  const id = digits === undefined ? NaN : Number(digits);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw userError(
      `The Business ID is not valid: copy it from ${KEYS_LOCATION}. ${BUSINESS_ID_FORMS}`,
      'invalid_business_id',
    );
  }
  return id;
};

/**
 * A URL's hostname that names this machine: 127.0.0.0/8, ::1 or localhost. The URL parser has
 * already written any IPv4 form (`127.1`, `0x7f.0.0.1`) as four decimals, an IPv6 address in its
 * shortest form in brackets, and a name in lower case.
 */
const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  (isIPv4(hostname) && hostname.startsWith('127.'));

const overriddenBaseUrl = (name: 'PROABONO_LIVE_URL' | 'PROABONO_BACKOFFICE_URL') => {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw userError(
      `The environment variable ${name} must be an absolute http(s) URL such as http://127.0.0.1:8080; unset it to use ProAbono itself.`,
      'invalid_configuration',
    );
  }
  // The keys travel in every request: in clear only to this machine (the sandbox, the tests).
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw userError(
      `The environment variable ${name} must be an https:// URL: plain http:// is accepted only for this machine (127.0.0.1 to 127.255.255.255, ::1 or localhost). Unset it to use ProAbono itself.`,
      'invalid_configuration',
    );
  }
  return url.href.replace(/\/+$/, '');
};

/** API Live base, without `/v1`: `https://api-<businessId>.proabono.com`. */
export const liveBaseUrl = (businessId: number): string =>
  overriddenBaseUrl('PROABONO_LIVE_URL') ?? `https://api-${businessId}.proabono.com`;

/** Backoffice API base: `https://via.proabono.com`. */
export const backofficeBaseUrl = (): string =>
  overriddenBaseUrl('PROABONO_BACKOFFICE_URL') ?? BACKOFFICE_URL;

/** Request timeout; `PROABONO_TIMEOUT_MS` lowers it for fault tests and benchmarks. */
export const requestTimeoutMs = (): number => {
  const value = Number(process.env.PROABONO_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 && value <= DEFAULT_TIMEOUT_MS
    ? value
    : DEFAULT_TIMEOUT_MS;
};
