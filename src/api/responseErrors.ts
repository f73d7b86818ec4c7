import type { HttpResponse } from 'zapier-platform-core';
import type { ZodError } from 'zod';

import { fieldLabel } from '../fields/labels.js';
import { isRecord } from '../isRecord.js';
import { quoted } from '../quoted.js';
import { requestTimeoutMs } from './config.js';
import { errorResponseSchema, type ErrorBody } from './schemas.js';
import { redactSecrets } from './redact.js';
import { retryAfterSeconds } from './retryAfter.js';
import {
  ESCALATE,
  KEYS_LOCATION,
  expiredAuthError,
  throttledError,
  userError,
  type ErrorCode,
} from './errorFactories.js';

/*
 * The one place that turns ProAbono failures into what a Zapier user reads. It branches on the
 * HTTP status and ProAbono's `Code`, never on `Message`, which is prose and may be localised.
 */

/** What the client tells the error mapping about a request, through `middlewareData`. */
export interface RequestContext {
  /** `VERB /path`, named in messages a developer may need (schema or format problems). */
  endpoint: string;
  /** What the step was doing, as a gerund phrase: `updating the billing address of customer "x"`. */
  action: string;
  businessId: number;
  /** What a 404 means, for example `customer with reference "x"`. */
  subject?: string;
  /** The customer concerned, for the 403 ProAbono answers about customers it cannot see. */
  reference?: string;
  /**
   * The billing-address endpoints answer an unknown customer with a 403 that names no other
   * reason: a 403 without a `Code`, or with the customer one, then means "no such customer".
   */
  forbiddenMeansUnknownCustomer?: boolean;
  /** Statuses the caller handles itself (a 404 that means "none"). */
  accept?: number[];
  /** The connection test reports rejected keys differently from a running Zap. */
  connectionTest?: boolean;
  /**
   * What the step itself can change when ProAbono refuses a customer without payment settings
   * (a sentence), said after what to set in ProAbono.
   */
  paymentSettingsHint?: string;
}

const CUSTOMER_UNACCESSIBLE = 'Error.Api.Customer.Unaccessible';
const PAYMENT_SETTINGS_MISSING = 'Error.Customer.PaymentSettings.Missing';
const SNIPPET_LENGTH = 80;
const ENVIRONMENT_HINT =
  'sandbox and production are separate ProAbono businesses, each with its own Business ID and keys';

/** Reads back the context the client attached to a request; requests without one get a generic one. */
export const contextOf = (response: Pick<HttpResponse, 'request'>): RequestContext => {
  const data: unknown = response.request.middlewareData;
  const context = isRecord(data) ? data.proabono : undefined;
  if (isRecord(context) && typeof context.endpoint === 'string') {
    return context as unknown as RequestContext;
  }
  const method = response.request.method ?? 'GET';
  const path = response.request.url ? new URL(response.request.url).pathname : '';
  return { endpoint: `${method} ${path}`, action: 'calling ProAbono', businessId: 0 };
};

/** A body as one line of printable text: tags, control characters and line breaks become spaces. */
const flatten = (content: string): string =>
  content
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^\P{C}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The first characters of a flattened body, quoted. */
const excerpt = (flat: string): string =>
  `"${flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}…` : flat}"`;

/** A short, single-line, printable excerpt of a body that is not JSON (an HTML error page...). */
export const snippetOf = (content: string): string => excerpt(flatten(content));

const errorBodies = (response: HttpResponse): ErrorBody[] | undefined => {
  const parsed = errorResponseSchema().safeParse(response.data);
  if (!parsed.success) return undefined;
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
};

const describe = (body: ErrorBody): string => {
  const code = body.Code === undefined || body.Code === null ? '' : ` (${body.Code})`;
  // Without a code after it, the message's own full stop would meet the sentence's.
  const message =
    (code === '' ? body.Message?.trim().replace(/\.+$/, '') : body.Message?.trim()) ||
    'no reason given';
  return body.Target ? `${fieldLabel(body.Target)}: ${message}${code}` : `${message}${code}`;
};

/**
 * The excerpt of a body that is not JSON, secrets removed once it is flattened and before it is
 * cut short. Flattened, a secret split by a tag or a control character reads as its pieces side by
 * side, which the redaction still finds; cut first, a secret straddling the cut would leave its
 * first characters in the message.
 */
const safeSnippet = (response: HttpResponse, authData: Record<string, unknown>): string =>
  excerpt(redactSecrets(flatten(response.content ?? ''), authData));

/** What to say of a body the connector cannot read: empty, or an excerpt of it. */
const unreadableBody = (response: HttpResponse, authData: Record<string, unknown>): string =>
  (response.content ?? '').trim() === ''
    ? 'the answer was empty'
    : `the answer was not JSON: ${safeSnippet(response, authData)}`;

const reasons = (
  response: HttpResponse,
  bodies: ErrorBody[] | undefined,
  authData: Record<string, unknown>,
): string =>
  bodies && bodies.length > 0
    ? bodies.map(describe).join('; ')
    : unreadableBody(response, authData);

/**
 * What `customer_not_found` says: ProAbono's 403 about a customer, or a lookup that found none
 * (Update Customer adds that it never creates one).
 */
export const unknownCustomerMessage = (reference: string, businessId: number): string =>
  `ProAbono has no customer with reference ${quoted(reference)} in business ${businessId} ` +
  `that these keys can access. Check the reference, and that the customer exists in the segment ` +
  `and environment you connected (${ENVIRONMENT_HINT}).`;

/**
 * ProAbono bills only a customer with payment settings (a payment method, automatic or offline),
 * and refuses with a 403 and this code otherwise.
 */
const paymentSettingsMissing = (context: RequestContext) =>
  `ProAbono refused to go on while ${context.action}: customer ${quoted(context.reference ?? '')} ` +
  `has no payment settings (${PAYMENT_SETTINGS_MISSING}), and ProAbono bills only customers who ` +
  'have them. In ProAbono, give the customer a payment method (a card or a direct-debit mandate, ' +
  'or an offline method such as bank transfer or check), or let the customer add one in their ' +
  `customer portal, then replay this step.${context.paymentSettingsHint ? ` ${context.paymentSettingsHint}` : ''}`;

/**
 * A 403 says "no such customer" when ProAbono's code says so, or, on the endpoints that answer an
 * unknown customer that way, when it gives no code at all. Any other code (a plan without API
 * access, a disabled key…) is a refusal whose own message the user must read.
 */
const isUnknownCustomer = (codes: ErrorBody['Code'][], context: RequestContext): boolean =>
  codes.includes(CUSTOMER_UNACCESSIBLE) ||
  (context.forbiddenMeansUnknownCustomer === true &&
    codes.every((code) => code === undefined || code === null || code === ''));

/** The host a redirect points to, never its path or query (which may carry tokens). */
const redirectTarget = (response: HttpResponse): string => {
  const location = response.getHeader('location');
  if (!location) return 'no address';
  try {
    return new URL(location, response.request.url).host || 'an unreadable address';
  } catch {
    return 'an unreadable address';
  }
};

/**
 * A connection test has no step to replay: its messages say what to check (the Business ID, which
 * names the server; ProAbono's status; the network between Zapier and ProAbono), then to test the
 * connection again.
 */
const TEST_AGAIN = 'test the connection again';
const MAYBE_DOWN =
  "ProAbono or the network between Zapier and ProAbono may be down: check ProAbono's status";

/** Maps an error response (a redirect, or a status >= 400) to the error the user sees. */
export const errorForResponse = (
  response: HttpResponse,
  context: RequestContext,
  authData: Record<string, unknown> = {},
): Error => {
  const { status } = response;
  const bodies = errorBodies(response);
  const codes = (bodies ?? []).map((body) => body.Code);
  const fail = (message: string, code: ErrorCode) => userError(message, code, { status, authData });

  if (status >= 300 && status < 400) {
    return fail(
      `ProAbono's address answered with a redirect (HTTP ${status} to ${redirectTarget(response)}) ` +
        `while ${context.action}. ProAbono's API does not redirect, so something between Zapier ` +
        `and ProAbono (a proxy, or a wrong Business ID) is answering instead. Check the Business ID ` +
        `in your connection, then ${context.connectionTest ? TEST_AGAIN : 'replay this step'}.`,
      'unexpected_redirect',
    );
  }
  if (status === 401) {
    return context.connectionTest
      ? fail(
          `ProAbono rejected the Agent Key and API Key for business ${context.businessId}. ` +
            `Copy both keys again from ${KEYS_LOCATION}, and check that they come ` +
            `from the same environment as the Business ID: ${ENVIRONMENT_HINT}.`,
          'invalid_credentials',
        )
      : expiredAuthError(
          `ProAbono no longer accepts the Agent Key and API Key saved for business ` +
            `${context.businessId}. Reconnect your ProAbono account in Zapier with the ` +
            `current keys from ${KEYS_LOCATION}.`,
          { authData },
        );
  }
  if (status === 403 && codes.includes(PAYMENT_SETTINGS_MISSING)) {
    return fail(paymentSettingsMissing(context), 'payment_settings_missing');
  }
  if (status === 403 && isUnknownCustomer(codes, context)) {
    return fail(
      unknownCustomerMessage(context.reference ?? '', context.businessId),
      'customer_not_found',
    );
  }
  if (status === 403) {
    return fail(
      `ProAbono refused access while ${context.action}: ${reasons(response, bodies, authData)}.`,
      'forbidden',
    );
  }
  if (status === 404) {
    const subject = context.subject ?? `resource behind ${context.endpoint}`;
    return fail(
      `ProAbono has no ${subject} in business ${context.businessId}. Check it exists in the ` +
        `environment you connected (${ENVIRONMENT_HINT}).`,
      'not_found',
    );
  }
  if (status === 422) {
    return fail(
      `ProAbono did not accept the data while ${context.action}: ${reasons(response, bodies, authData)}.`,
      'invalid_data',
    );
  }
  if (status === 429) {
    const delay = retryAfterSeconds(response.getHeader('retry-after'));
    return throttledError(
      `ProAbono is limiting the number of requests (HTTP 429) while ${context.action}. ` +
        // Zapier retries a throttled Zap run by itself, not a connection test.
        (context.connectionTest
          ? `Try again in ${delay} seconds.`
          : `Zapier will try again in ${delay} seconds.`),
      delay,
      { authData },
    );
  }
  if (status >= 500) {
    const detail = bodies ? '' : ` (${reasons(response, bodies, authData)})`;
    return fail(
      `ProAbono had a server error (HTTP ${status}) while ${context.action}${detail}. ` +
        (context.connectionTest
          ? `Check ProAbono's status and ${TEST_AGAIN} in a few minutes; if it keeps failing, ` +
            `check the Business ID in your connection.`
          : `Nothing is wrong with your data: replay this step once ProAbono has recovered.`),
      'server_error',
    );
  }
  return fail(
    `ProAbono answered HTTP ${status} to ${context.endpoint} while ${context.action}: ` +
      `${reasons(response, bodies, authData)}.`,
    'request_failed',
  );
};

/** Failures below HTTP: timeouts, refused connections, unknown hosts. */
export const errorForNetworkFailure = (
  cause: unknown,
  context: RequestContext,
  authData: Record<string, unknown> = {},
): Error => {
  const type = isRecord(cause) ? cause.type : undefined;
  const code = isRecord(cause) && typeof cause.code === 'string' ? cause.code : undefined;
  if (type === 'request-timeout' || code === 'ETIMEDOUT') {
    const limit = requestTimeoutMs();
    const duration = limit >= 1000 ? `${Math.round(limit / 1000)} seconds` : `${limit} ms`;
    return userError(
      `ProAbono did not answer within ${duration} while ${context.action}. ` +
        (context.connectionTest
          ? `${MAYBE_DOWN}, then ${TEST_AGAIN} in a few minutes.`
          : `Replay this step in a few minutes; if it keeps happening, ProAbono may be having ` +
            `an outage.`),
      'timeout',
      { authData },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return userError(
      `Could not find ProAbono's server for business ${context.businessId} while ` +
        `${context.action}. Check the Business ID in your connection (${KEYS_LOCATION}), then ` +
        (context.connectionTest
          ? `${TEST_AGAIN}; if it is right, check ProAbono's status.`
          : `replay this step.`),
      'unreachable',
      { authData },
    );
  }
  const reason =
    code === 'ECONNREFUSED'
      ? 'the connection was refused'
      : `connection error ${code ?? 'unknown'}`;
  return userError(
    `Could not reach ProAbono while ${context.action} (${reason}). ` +
      (context.connectionTest
        ? `${MAYBE_DOWN} and the Business ID in your connection, then ${TEST_AGAIN} in a few minutes.`
        : `Replay this step in a few minutes.`),
    'unreachable',
    { authData },
  );
};

/** A 2xx whose body is not JSON, or not the shape the connector relies on. */
export const errorForUnexpectedBody = (
  response: HttpResponse,
  context: RequestContext,
  problem?: ZodError,
  authData: Record<string, unknown> = {},
): Error => {
  const detail = problem
    ? problem.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
        .join('; ')
    : unreadableBody(response, authData);
  return userError(
    `ProAbono's answer to ${context.endpoint} (HTTP ${response.status}) was not in the ` +
      `expected format (${detail}) while ${context.action}. ` +
      (context.connectionTest
        ? `Check the Business ID in your connection, then ${TEST_AGAIN}; ${ESCALATE}.`
        : `Replay this step; ${ESCALATE}.`),
    'unexpected_response',
    { status: response.status, authData },
  );
};

/**
 * A 2xx about another customer than the one asked for (`context.reference`): taken for the right
 * one, it would give a step another customer's data, or have it write an address to that customer.
 * The step stops there; after a write, both customers may need a look.
 */
export const errorForAnotherCustomer = (
  response: HttpResponse,
  context: RequestContext,
  answered: string,
  authData: Record<string, unknown> = {},
): Error =>
  userError(
    `ProAbono's answer to ${context.endpoint} (HTTP ${response.status}) while ${context.action} ` +
      `is about customer ${quoted(answered)}, not ${quoted(context.reference ?? '')}, so this step ` +
      `stopped and sent nothing further. ` +
      (context.endpoint.startsWith('GET ')
        ? `Replay this step; ${ESCALATE}.`
        : `Check both customers in ProAbono before you replay this step; ${ESCALATE}.`),
    'unexpected_response',
    { status: response.status, authData },
  );

/**
 * A value holding half of a surrogate pair (text cut in the middle of an emoji, say) cannot be
 * encoded as UTF-8: sent, ProAbono would store U+FFFD instead. Refused before any request.
 */
export const errorForUnsendableText = (
  context: RequestContext,
  authData: Record<string, unknown> = {},
): Error =>
  userError(
    `A value for ${context.action} contains a broken character (half of an emoji or of another ` +
      `character outside the basic range, usually left by text cut at a fixed length). It cannot be ` +
      `sent as typed: fix the value in the step that produced it, then replay this step.`,
    'invalid_input',
    { authData },
  );

/**
 * The connection test's Backoffice call was refused (401 or 403) after the API Live accepted the
 * same keys: only the Backoffice is wrong, so say which API refused them and what depends on it.
 */
export const errorForRefusedBackofficeKeys = (
  status: number,
  context: RequestContext,
  authData: Record<string, unknown> = {},
): Error =>
  userError(
    `ProAbono's Backoffice API refused the Agent Key and API Key for business ` +
      `${context.businessId} (HTTP ${status}), although its API Live accepted them. The instant ` +
      `trigger, the polling trigger, Find Customer by email and the segment list need the ` +
      `Backoffice API. Copy both keys again from ${KEYS_LOCATION} and check that the ` +
      `Business ID is the one shown with them; if the Backoffice API still refuses them, ask ` +
      `ProAbono's support to allow these keys on it.`,
    'backoffice_access_refused',
    { status, authData },
  );
