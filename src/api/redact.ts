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

/**
 * Removes every secret of the connection from a text that may reach the user or the logs: the
 * keys, and the Basic credentials built from them, which a proxy or debug page may echo back
 * (without its base64 padding, so that an echo with or without it is caught).
 */
export const redactSecrets = (message: string, authData: Record<string, unknown> = {}): string =>
  [
    basicCredentials(authData)?.replace(/=+$/, ''),
    authValue(authData.apiKey),
    authValue(authData.agentKey),
    authValue(authData.webhookSecret),
  ].reduce(
    (text: string, secret) =>
      secret !== undefined && secret.length >= 4 ? text.split(secret).join('[redacted]') : text,
    message,
  );
