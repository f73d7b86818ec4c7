import type { ThrownError } from './app.js';

/*
 * The errors a user sees, one builder each, as rejectionOf reports them. This is the one place
 * outside the error-mapping tests (test/api/errors.test.ts and each mapper's input-error tests)
 * where their wording is written: those tests pin the prose against src/, every other test
 * compares a whole error with a builder's, so a rewording is one edit here.
 *
 * `action` is what the request was doing, as the messages word it ("looking up customer
 * \"cust-42\""); `endpoint` is `VERB /path`; the business is the tests' 42 unless given.
 */

const ENVIRONMENT_HINT =
  'sandbox and production are separate ProAbono businesses, each with its own Business ID and keys';

/** How the connection test's actions start: Zapier does not retry it, so its messages say so. */
const TESTING_THE_CONNECTION = 'testing the connection';

/** 5xx: ProAbono failed; `detail` is what the message quotes of a body that is not JSON. */
export const serverError = (action: string, status: number, detail = ''): ThrownError => ({
  name: 'AppError',
  code: 'server_error',
  status,
  message:
    `ProAbono had a server error (HTTP ${status}) while ${action}${detail}. ` +
    'Nothing is wrong with your data: replay this step once ProAbono has recovered.',
});

/** 429: Zapier retries a throttled step after `delay` seconds, except the connection test. */
export const throttled = (action: string, delay: number): ThrownError => ({
  name: 'ThrottledError',
  message:
    `ProAbono is limiting the number of requests (HTTP 429) while ${action}. ` +
    (action.startsWith(TESTING_THE_CONNECTION)
      ? `Try again in ${delay} seconds.`
      : `Zapier will try again in ${delay} seconds.`),
  delay,
});

/** A 2xx whose body is not what the connector reads. */
export const unexpected = (
  endpoint: string,
  action: string,
  detail: string,
  status = 200,
): ThrownError => ({
  name: 'AppError',
  code: 'unexpected_response',
  status,
  message:
    `ProAbono's answer to ${endpoint} (HTTP ${status}) was not in the expected format ` +
    `(${detail}) while ${action}. Replay this step; if it keeps failing, send this message to ` +
    "the integration's support.",
});

/** 403 about a customer: none with that reference that these keys can reach. */
export const unknownCustomer = (reference: string, businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'customer_not_found',
  status: 403,
  message:
    `ProAbono has no customer with reference "${reference}" in business ${businessId} that ` +
    'these keys can access. Check the reference, and that the customer exists in the segment ' +
    `and environment you connected (${ENVIRONMENT_HINT}).`,
});

/** Update Customer looked the reference up and found nobody: it never creates a customer. */
export const noCustomerToUpdate = (reference: string, businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'customer_not_found',
  message:
    `ProAbono has no customer with reference "${reference}" in business ${businessId}, and ` +
    'Update Customer never creates one. Check the reference and that you connected the right ' +
    'environment (sandbox or production); to add the customer, use Create Customer.',
});

/** Create Customer found the reference already taken (in `segment`): it never changes it. */
export const customerExists = (
  reference: string,
  segment: string,
  businessId = 42,
): ThrownError => ({
  name: 'AppError',
  code: 'customer_exists',
  message:
    `A customer with reference "${reference}" already exists in business ${businessId} (segment ` +
    `"${segment}"). Create Customer never changes an existing customer, so nothing was written: ` +
    'use Update Customer to change it, or Find or Create Customer to reuse it.',
});

/** 401 in a Zap step: Zapier asks the user to reconnect (core adds a trace after line one). */
export const expiredAuth = (businessId = 42): ThrownError => ({
  name: 'ExpiredAuthError',
  message:
    `ProAbono no longer accepts the Agent Key and API Key saved for business ${businessId}. ` +
    'Reconnect your ProAbono account in Zapier with the current keys from ProAbono → ' +
    'Integration → API.',
});

/** 401 in the connection test: the keys are wrong. */
export const invalidCredentials = (businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'invalid_credentials',
  status: 401,
  message:
    `ProAbono rejected the Agent Key and API Key for business ${businessId}. Copy both keys ` +
    'again from ProAbono → Integration → API, and check that they come from the same ' +
    `environment as the Business ID: ${ENVIRONMENT_HINT}.`,
});

/** The connection test: the API Live took the keys, the Backoffice API refused them. */
export const backofficeRefused = (status: number, businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'backoffice_access_refused',
  status,
  message:
    `ProAbono's Backoffice API refused the Agent Key and API Key for business ${businessId} ` +
    `(HTTP ${status}), although its API Live accepted them. The instant trigger, the polling ` +
    'trigger, Find Customer by email and the segment list need the Backoffice API. Copy both ' +
    'keys again from ProAbono → Integration → API and check that the Business ID is the one ' +
    "shown with them; if the Backoffice API still refuses them, ask ProAbono's support to allow " +
    'these keys on it.',
});

/** 403 for another reason than an unknown customer: ProAbono's own reasons, quoted. */
export const forbidden = (action: string, reasons: string): ThrownError => ({
  name: 'AppError',
  code: 'forbidden',
  status: 403,
  message: `ProAbono refused access while ${action}: ${reasons}.`,
});

/** 422: ProAbono refused the values; its reasons name the fields. */
export const invalidData = (action: string, reasons: string): ThrownError => ({
  name: 'AppError',
  code: 'invalid_data',
  status: 422,
  message: `ProAbono did not accept the data while ${action}: ${reasons}.`,
});

/** No answer within the timeout (`duration` as the message words it: "30 seconds"). */
export const timedOut = (action: string, duration: string): ThrownError => ({
  name: 'AppError',
  code: 'timeout',
  message:
    `ProAbono did not answer within ${duration} while ${action}. Replay this step in a few ` +
    'minutes; if it keeps happening, ProAbono may be having an outage.',
});

/** No connection (`reason`: "the connection was refused", "connection error ECONNRESET"). */
export const unreachable = (action: string, reason: string): ThrownError => ({
  name: 'AppError',
  code: 'unreachable',
  message: `Could not reach ProAbono while ${action} (${reason}). Replay this step in a few minutes.`,
});

/** The polling trigger's hydrator was handed a placeholder without its customer. */
export const invalidHydration = (): ThrownError => ({
  name: 'AppError',
  code: 'invalid_hydration',
  message:
    'This billing-address update does not name the customer whose address should be read. ' +
    "Replay this step; if it keeps failing, send this message to the integration's support.",
});

/** What the user reads of an error core decorates: it appends a "What happened" trace. */
export const firstLineOf = (error: ThrownError): ThrownError => ({
  ...error,
  message: error.message.split('\n')[0] ?? '',
});

/** An input the step refuses before any request; `message` names the field and accepted forms. */
export const invalidInput = (message: string): ThrownError => ({
  name: 'AppError',
  code: 'invalid_input',
  message,
});

// ── input refusals of the customer fields (src/mappers/customerInput.ts) ─────
// Messages only: the tests put them in their input-error tables. test/mappers/customerInput.test.ts
// pins the same sentences against the mapper.

/** A reference longer than ProAbono's 50 UTF-16 units. */
export const referenceTooLong = (label: string, length: number): string =>
  `${label} is ${length} characters long as ProAbono counts them (in UTF-16 units: an emoji ` +
  "counts as 2); ProAbono allows at most 50. Use a shorter reference, such as your own system's " +
  'ID for the customer.';

/** A reference with characters ProAbono refuses (`characters` as the message lists them). */
export const referenceCharacters = (label: string, value: string, characters: string): string =>
  `${label} "${value}" contains ${characters}, which ProAbono does not allow in a reference. Use ` +
  'letters, digits and signs such as - _ . @ (at most 50 characters).';

/** Create Customer without a reference. */
export const REFERENCE_REQUIRED =
  'Customer Reference is required: enter the ID your own system uses for this customer ' +
  '(at most 50 characters), such as cust-42.';

export const notAnEmail = (label: string, value: string): string =>
  `${label} "${value}" is not an email address. Enter one address such as john@doe.com.`;

export const notALanguage = (label: string, value: string): string =>
  `${label} "${value}" is not a language code. Use a two-letter ISO 639-1 code such as en or ` +
  'fr, or a locale such as en-US or fr-FR.';

/** A country the connector cannot read; `shown` is the value as the message quotes it. */
export const notACountry = (shown: string): string =>
  `Country ${shown} is not a country ProAbono accepts. Use a two- or three-letter ISO code (FR, ` +
  'FRA) or the country name in English, French, German or Spanish (Germany, Allemagne, ' +
  'Deutschland, Alemania).';

// ── input refusals of the Update steps ─────────────────────────────────────
// From src/mappers/customerUpdate.ts and toAddressUpdateRequest.ts; messages only, like those
// above. test/mappers/toAddressUpdateRequest.test.ts pins the address step's sentences against
// its mapper.

/** Update Customer or Update Customer Billing Address without a customer. */
export const CUSTOMER_REQUIRED =
  'Customer is required: pick the customer, or map their ProAbono customer reference (for ' +
  'example from a Find Customer step).';

/** Update Customer with Name, Email and Language all blank. */
export const nothingToUpdateCustomer = (reference: string): string =>
  `Nothing to update for customer "${reference}": Name, Email and Language are all blank. ` +
  'Blank fields are left unchanged in ProAbono: fill in the fields to change.';

/** Update Customer Billing Address with every field blank and nothing to clear. */
export const nothingToUpdateAddress = (reference: string): string =>
  `Nothing to update for customer "${reference}": every address field is blank and Fields to ` +
  'Clear is empty. Blank fields are left unchanged in ProAbono: fill in the fields to change, ' +
  'or pick the fields to empty in Fields to Clear.';

/** An address field both filled in and listed in Fields to Clear. */
export const filledAndCleared = (label: string): string =>
  `${label} is filled in and also listed in Fields to Clear. Remove it from Fields to Clear to ` +
  'set the new value, or leave the field blank to empty it.';

// ── the billing steps ────────────────────────────────────────────────────────
// From src/api/errors.ts (the 403 for missing payment settings) and src/creates/bill_customer.ts.

/** 403 `Error.Customer.PaymentSettings.Missing`: `hint` is what the step itself can change. */
export const paymentSettingsMissing = (
  action: string,
  reference: string,
  hint: string,
): ThrownError => ({
  name: 'AppError',
  code: 'payment_settings_missing',
  status: 403,
  message:
    `ProAbono refused to go on while ${action}: customer "${reference}" has no payment settings ` +
    '(Error.Customer.PaymentSettings.Missing), and ProAbono bills only customers who have them. ' +
    'In ProAbono, give the customer a payment method (a card or a direct-debit mandate, or an ' +
    'offline method such as bank transfer or check), or let the customer add one in their ' +
    `customer portal, then replay this step. ${hint}`,
});

/** Bill Customer's hint after a payment-settings refusal. */
export const BILL_HINT =
  'Force Offline does not waive this: an invoice paid offline needs payment settings too.';

/** Create Subscription's hint after a payment-settings refusal. */
export const SUBSCRIBE_HINT =
  'Or set Ensure Billable and Bill Now to no: the subscription is then created without this check.';

/** Bill Customer found nothing to bill; `range` is how the message words the dates, if any. */
export const nothingToBill = (reference: string, range = '', businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'nothing_to_bill',
  message:
    `ProAbono had nothing to bill for customer "${reference}" in business ${businessId}: the ` +
    `customer's pending balance has no line${range}, so no invoice was created. Add the lines ` +
    'to bill to the balance (or check the dates), then replay this step.',
});

/** Create Subscription without an offer. */
export const OFFER_REQUIRED =
  'Offer is required: pick the offer, or type or map its reference (such as starter-monthly).';

/** Find Invoice without a number. */
export const FULL_NUMBER_REQUIRED =
  "Invoice Number is required: enter the invoice's full number as it is printed on the " +
  'invoice, such as S-69.00000042.';

/** A date the steps cannot read. */
export const notADate = (label: string, value: string): string =>
  `${label} "${value}" is not a date. Use ISO 8601, such as 2026-12-01 or ` +
  '2026-12-01T09:30:00+01:00 (without a time zone, the time is UTC), or a date such as ' +
  'Tue, 01 Dec 2026 09:30:00 +0100.';

/** Create Subscription with Bill Now but not Start Now. */
export const BILL_NOW_WITHOUT_START =
  'Bill Now is yes but Start Now is no: ProAbono bills a subscription when it starts, so nothing ' +
  'would be billed. Set Start Now to yes, or Bill Now to no.';

/** Bill Customer with Start Date after End Date (both as the step sends them, UTC). */
export const emptyDateRange = (start: string, end: string): string =>
  `Start Date (${start}) is after End Date (${end}): no balance line can be in between. Swap ` +
  'them, or leave one blank.';
