import { authValue } from './authData.js';

/*
 * Secret hygiene in one file an auditor can read alone: the Basic credentials the requests carry
 * and the redaction every user-facing message passes through are built from the same code, so
 * the two cannot drift apart and leave an echoed credential unredacted.
 */

/** The base64 token of HTTP Basic (Agent Key as user, API Key as password), or `undefined`. */
export const basicCredentials = (authData: Record<string, unknown> = {}): string | undefined => {
  const agentKey = authValue(authData.agentKey);
  const apiKey = authValue(authData.apiKey);
  return agentKey && apiKey ? Buffer.from(`${agentKey}:${apiKey}`).toString('base64') : undefined;
};

/** A text in base64 and in base64url, both without padding (an echo with it contains them). */
const base64Forms = (text: string): string[] => {
  const plain = Buffer.from(text).toString('base64').replace(/=+$/, '');
  return [plain, plain.replace(/\+/g, '-').replace(/\//g, '_')];
};

/**
 * The connection's keys as HTTP Basic credentials a server, proxy or debug page may echo back:
 * `agentKey:apiKey`, and `:apiKey` and `agentKey:` (what a client sends with one half missing),
 * each in base64 and base64url, without padding so that an echo with or without it is caught.
 */
const echoedCredentials = (authData: Record<string, unknown> = {}): string[] => {
  const agentKey = authValue(authData.agentKey);
  const apiKey = authValue(authData.apiKey);
  const pairs = [
    agentKey && apiKey ? `${agentKey}:${apiKey}` : undefined,
    apiKey ? `:${apiKey}` : undefined,
    agentKey ? `${agentKey}:` : undefined,
  ].filter((pair) => pair !== undefined);
  return [...new Set(pairs.flatMap(base64Forms))];
};

/** Shorter values are no secret worth redacting, and would blank ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** What may come between two characters of a secret split by markup: whitespace, or a tag. */
const SPLIT = '(?:\\s|<[^<>]{0,200}>)*';

/**
 * A secret as it may appear in a text: whole, or split by whitespace or HTML tags (`<wbr>`, a
 * highlight, a line wrap). An error page's excerpt has its tags stripped and its whitespace
 * collapsed, which would otherwise show the pieces side by side.
 */
const secretPattern = (secret: string): RegExp =>
  new RegExp(
    [...secret].map((character) => character.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(SPLIT),
    'g',
  );

/**
 * Removes every secret of the connection from a text that may reach the user or the logs: the
 * keys, and the Basic credentials built from them (see `echoedCredentials`), whole or split by
 * whitespace or tags. The longest go first: `agentKey:` is the start of `agentKey:apiKey`, whose
 * rest would otherwise be left behind.
 */
export const redactSecrets = (message: string, authData: Record<string, unknown> = {}): string =>
  [
    ...echoedCredentials(authData),
    authValue(authData.apiKey),
    authValue(authData.agentKey),
    authValue(authData.webhookSecret),
  ]
    .filter(
      (secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH,
    )
    .sort((a, b) => b.length - a.length)
    .reduce((text, secret) => text.replace(secretPattern(secret), '[redacted]'), message);

/** Where `censorEchoesInCoreLogs` leaves the echoed credentials in the connection's authData. */
const ECHOES_KEY = 'echoedCredentials';

/**
 * Has zapier-platform-core scrub the echoed Basic credentials from its own logs. Core logs every
 * response (its `logResponse` runs before the app's afterResponse middleware, so no middleware
 * can edit what it logs) and scrubs each log line of the values of `bundle.authData`, which it
 * reads from the invocation's bundle when it writes the line, with their URL-encoded, JSON and
 * base64 forms, and of the `Authorization` header as sent: `Basic <token>`, not the token alone,
 * nor base64 of one key with a colon. Added to the bundle's authData, those are scrubbed too, from
 * the HTTP log lines, the console lines and the error logs of the invocation.
 */
export const censorEchoesInCoreLogs = (authData: Record<string, unknown>): void => {
  const echoes = echoedCredentials(authData);
  if (echoes.length > 0 && Object.isExtensible(authData)) authData[ECHOES_KEY] = echoes;
};
