import { errors } from 'zapier-platform-core';

import { redactSecrets } from './redact.js';

/*
 * The one home of what a user reads when a step fails: every error code, the sentences many
 * messages share, and the factories every error in src/ is made with. Each factory passes the
 * message through the redaction (redact.ts), so no message can carry a key of the connection, and
 * remembers the code and the sentence as written (core serialises both into `error.message`).
 */

/**
 * What went wrong, as a stable code the user sees (`z.errors.Error`'s code) and the code itself
 * reads: whether another attempt may help is decided on it, never on a message's text.
 */
export type ErrorCode =
  // ProAbono's answers (responseErrors.ts)
  | 'invalid_credentials'
  | 'expired_credentials'
  | 'customer_not_found'
  | 'forbidden'
  | 'not_found'
  | 'invalid_data'
  | 'throttled'
  | 'server_error'
  | 'request_failed'
  | 'timeout'
  | 'unreachable'
  | 'unexpected_response'
  | 'unexpected_redirect'
  | 'backoffice_access_refused'
  | 'payment_settings_missing'
  // What the user typed or mapped, and the connection's settings
  | 'invalid_input'
  | 'invalid_business_id'
  | 'invalid_configuration'
  // The operations' own outcomes
  | 'customer_exists'
  | 'customer_recreated'
  | 'address_not_saved'
  | 'fields_not_cleared'
  | 'customer_segment_unknown'
  | 'nothing_to_bill'
  | 'invalid_hydration'
  | 'missing_target_url'
  | 'webhook_secret_missing'
  | 'webhook_not_found'
  | 'internal_error';

/** Where ProAbono shows the Business ID, the Agent Key and the API Key. */
export const KEYS_LOCATION = 'ProAbono → Integration → API';
/** The way out when replaying cannot help, as the end of a sentence. */
export const ESCALATE = "if it keeps failing, send this message to the integration's support";

/**
 * Where an error made here keeps its code, the sentence as written, and what else it carries (the
 * HTTP status, a throttle's delay): on the error itself, under a key from the runtime's global
 * symbol registry. A WeakMap held by this module would not do: the packaged build loads some
 * modules (vat.ts, country.ts) on first use, each bundled with its own copy of this file, so an
 * error one copy made would be unknown to another copy's `errorCodeOf`.
 */
const MADE_HERE = Symbol.for('proabono-for-zapier.userError');

interface Made {
  code: ErrorCode;
  message: string;
  status?: number;
  delaySeconds?: number;
}

const remember = <E extends Error>(
  error: E,
  code: ErrorCode,
  message: string,
  extra: Pick<Made, 'status' | 'delaySeconds'> = {},
): E =>
  // Not enumerable: it stays out of anything that lists or copies the error's own fields.
  Object.defineProperty(error, MADE_HERE, { value: { code, message, ...extra } satisfies Made });

const madeHere = (error: unknown): Made | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const made: unknown = (error as Record<symbol, unknown>)[MADE_HERE];
  return typeof made === 'object' && made !== null ? (made as Made) : undefined;
};

/** The code of an error made here, or `undefined` for any other error. */
export const errorCodeOf = (error: unknown): ErrorCode | undefined => madeHere(error)?.code;

/** The HTTP status ProAbono answered, for an error made here from an answer. */
export const errorStatusOf = (error: unknown): number | undefined => madeHere(error)?.status;

/** The seconds a throttled error made here asks Zapier to wait before running the step again. */
export const retryDelayOf = (error: unknown): number | undefined => madeHere(error)?.delaySeconds;

/** The sentence a user reads from an error made here; any other error's own message. */
export const userMessageOf = (error: unknown): string =>
  madeHere(error)?.message ?? (error instanceof Error ? error.message : String(error));

/**
 * zapier-platform-core appends "What happened" (the step's whole bundle: for an instant trigger,
 * the raw webhook request with its `x-proabono-key` and `x-proabono-signature`) and the run's
 * console lines to any error that is not marked this way. Its own AppError and ThrottledError
 * are; ExpiredAuthError and errors thrown by code are not.
 */
export const withoutCoreContext = <E extends object>(error: E): E =>
  Object.assign(error, { doNotContextify: true });

interface Options {
  /** The HTTP status ProAbono answered, when there is one. */
  status?: number;
  /** The connection whose secrets are redacted; without it nothing is known to redact. */
  authData?: Record<string, unknown>;
}

/** The error a step fails with: Zapier shows `message` and `code`. */
export const userError = (
  message: string,
  code: ErrorCode,
  { status, authData }: Options = {},
): Error => {
  const safe = redactSecrets(message, authData);
  return remember(new errors.Error(safe, code, status), code, safe, { status });
};

/** Zapier runs the step again after `delaySeconds`. */
export const throttledError = (
  message: string,
  delaySeconds: number,
  { authData }: Options = {},
): Error => {
  const safe = redactSecrets(message, authData);
  return remember(new errors.ThrottledError(safe, delaySeconds), 'throttled', safe, {
    delaySeconds,
  });
};

/** Zapier asks the user to reconnect the account when a step fails this way. */
export const expiredAuthError = (message: string, { authData }: Options = {}): Error => {
  const safe = redactSecrets(message, authData);
  return remember(
    withoutCoreContext(new errors.ExpiredAuthError(safe)),
    'expired_credentials',
    safe,
  );
};
