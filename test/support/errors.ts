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

/**
 * How the connection test's actions start: Zapier does not retry it and it has no step to replay,
 * so its messages say what to check, then to test the connection again.
 */
const TESTING_THE_CONNECTION = 'testing the connection';
const isConnectionTest = (action: string) => action.startsWith(TESTING_THE_CONNECTION);
const MAYBE_DOWN =
  "ProAbono or the network between Zapier and ProAbono may be down: check ProAbono's status";

/** 5xx: ProAbono failed; `detail` is what the message quotes of a body that is not JSON. */
export const serverError = (action: string, status: number, detail = ''): ThrownError => ({
  name: 'AppError',
  code: 'server_error',
  status,
  message:
    `ProAbono had a server error (HTTP ${status}) while ${action}${detail}. ` +
    (isConnectionTest(action)
      ? "Check ProAbono's status and test the connection again in a few minutes; if it keeps " +
        'failing, check the Business ID in your connection.'
      : 'Nothing is wrong with your data: replay this step once ProAbono has recovered.'),
});

/** 429: Zapier retries a throttled step after `delay` seconds, except the connection test. */
export const throttled = (action: string, delay: number): ThrownError => ({
  name: 'ThrottledError',
  message:
    `ProAbono is limiting the number of requests (HTTP 429) while ${action}. ` +
    (isConnectionTest(action)
      ? `Try again in ${delay} seconds.`
      : `Zapier will try again in ${delay} seconds.`),
  delay,
});

/** A 2xx the step cannot use: what is wrong with it, then what to do first. */
const unexpectedAnswer = (
  endpoint: string,
  status: number,
  problem: string,
  firstStep: string,
): ThrownError => ({
  name: 'AppError',
  code: 'unexpected_response',
  status,
  message:
    `ProAbono's answer to ${endpoint} (HTTP ${status}) ${problem} ${firstStep}` +
    "if it keeps failing, send this message to the integration's support.",
});

/** A 2xx whose body is not what the connector reads. */
export const unexpected = (
  endpoint: string,
  action: string,
  detail: string,
  status = 200,
): ThrownError =>
  unexpectedAnswer(
    endpoint,
    status,
    `was not in the expected format (${detail}) while ${action}.`,
    isConnectionTest(action)
      ? 'Check the Business ID in your connection, then test the connection again; '
      : 'Replay this step; ',
  );

const unknownCustomerMessage = (reference: string, businessId: number): string =>
  `ProAbono has no customer with reference "${reference}" in business ${businessId} that ` +
  'these keys can access. Check the reference, and that the customer exists in the segment ' +
  `and environment you connected (${ENVIRONMENT_HINT}).`;

/** 403 about a customer: none with that reference that these keys can reach. */
export const unknownCustomer = (reference: string, businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'customer_not_found',
  status: 403,
  message: unknownCustomerMessage(reference, businessId),
});

/** Update Customer looked the reference up and found nobody: it never creates a customer. */
export const noCustomerToUpdate = (reference: string, businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'customer_not_found',
  message:
    `${unknownCustomerMessage(reference, businessId)} Update Customer never creates one: to add ` +
    'the customer, use Create Customer.',
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

/** A 3xx: something other than ProAbono's API answers (`host` is where it pointed). */
export const redirected = (action: string, status: number, host: string): ThrownError => ({
  name: 'AppError',
  code: 'unexpected_redirect',
  status,
  message:
    `ProAbono's address answered with a redirect (HTTP ${status} to ${host}) while ${action}. ` +
    "ProAbono's API does not redirect, so something between Zapier and ProAbono (a proxy, or a " +
    'wrong Business ID) is answering instead. Check the Business ID in your connection, then ' +
    (isConnectionTest(action) ? 'test the connection again.' : 'replay this step.'),
});

/** 404: ProAbono has no such thing (`subject`: "webhook 77"). */
export const notFound = (subject: string, businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'not_found',
  status: 404,
  message:
    `ProAbono has no ${subject} in business ${businessId}. Check it exists in the environment ` +
    `you connected (${ENVIRONMENT_HINT}).`,
});

/** Any other status: the endpoint, and what ProAbono said (`reasons`). */
export const requestFailed = (
  endpoint: string,
  action: string,
  status: number,
  reasons: string,
): ThrownError => ({
  name: 'AppError',
  code: 'request_failed',
  status,
  message: `ProAbono answered HTTP ${status} to ${endpoint} while ${action}: ${reasons}.`,
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
    `ProAbono did not answer within ${duration} while ${action}. ` +
    (isConnectionTest(action)
      ? `${MAYBE_DOWN}, then test the connection again in a few minutes.`
      : 'Replay this step in a few minutes; if it keeps happening, ProAbono may be having an ' +
        'outage.'),
});

/** No connection (`reason`: "the connection was refused", "connection error ECONNRESET"). */
export const unreachable = (action: string, reason: string): ThrownError => ({
  name: 'AppError',
  code: 'unreachable',
  message:
    `Could not reach ProAbono while ${action} (${reason}). ` +
    (isConnectionTest(action)
      ? `${MAYBE_DOWN} and the Business ID in your connection, then test the connection again ` +
        'in a few minutes.'
      : 'Replay this step in a few minutes.'),
});

/** The Business ID names no server (DNS). */
export const unknownHost = (action: string, businessId = 42): ThrownError => ({
  name: 'AppError',
  code: 'unreachable',
  message:
    `Could not find ProAbono's server for business ${businessId} while ${action}. Check the ` +
    'Business ID in your connection (ProAbono → Integration → API), then ' +
    (isConnectionTest(action)
      ? "test the connection again; if it is right, check ProAbono's status."
      : 'replay this step.'),
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

/** A field given a list or an object (`kind`: "a list", "an object") where it takes one value. */
export const notSingleText = (label: string, kind: string): string =>
  `${label} must be a single text value, but it received ${kind}. Map one value into ${label}.`;

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

/** More metadata pairs than ProAbono keeps; `kept` says how many the customer already has. */
export const tooManyMetadataPairs = (count: number, kept?: number): string =>
  `Metadata would hold ${count} pairs${
    kept === undefined
      ? ''
      : ` (the customer already has ${kept} other${kept === 1 ? '' : 's'}, kept as they are)`
  }; ProAbono keeps at most 5 per customer. Remove some pairs.`;

export const notAnEmail = (label: string, value: string): string =>
  `${label} "${value}" is not an email address. Enter one address such as john@doe.com.`;

export const notALanguage = (label: string, value: string): string =>
  `${label} "${value}" is neither a language code nor a language name. Use a name in English or ` +
  'in the language itself (English, Français, Deutsch), a two-letter ISO 639-1 code such as en ' +
  'or fr, or a locale such as en-US or fr-FR.';

/** A value holding half of a surrogate pair, refused before any request. */
export const brokenCharacter = (label: string): string =>
  `${label} contains a broken character (half of an emoji or of another character outside the ` +
  'basic range, usually left by text cut at a fixed length), which cannot be sent to ProAbono. ' +
  'Nothing was sent: fix the value in the step that produced it, then replay this step.';

/**
 * An EU VAT number its member state's rules refuse: `shown` as the message quotes it, the state's
 * `adjective` (French), the form `expected` (FR followed by...), a typo or a wrong format.
 */
export const invalidVat = (
  shown: string,
  adjective: string,
  expected: string,
  checkDigits = true,
): string =>
  `VAT / Tax Number ${shown} is not a valid ${adjective} VAT number: ` +
  (checkDigits
    ? 'its check digits do not match, which usually means a typo'
    : 'it does not have the right format') +
  `. Expected: ${expected}; spaces, dots and dashes are ignored. Correct the number, or leave ` +
  'VAT / Tax Number blank to keep the current one. ProAbono also checks EU VAT numbers itself, ' +
  'asynchronously, after the update.';

/** The French form of a VAT number, as invalidVat's `expected`. */
export const FRENCH_VAT = 'FR followed by 2 check characters and the 9-digit SIREN number';

/** Kosovo, by name or by its user-assigned code (`shown` as the message quotes it). */
export const kosovo = (shown: string): string =>
  `Country ${shown} cannot be stored: ProAbono needs an ISO 3166-1 country, and Kosovo has none ` +
  '(XK is a user-assigned code, outside the standard). Leave Country blank to keep the current one.';

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

const ACCEPTED_FIELD_NAMES =
  'Use the field names (Company, First Name, Last Name, Address Line 1, Address Line 2, ' +
  'Zip / Postal Code, City, Country, Region / State, Phone, VAT / Tax Number) or ' +
  "ProAbono's names (Company, FirstName, LastName, AddressLine1, AddressLine2, ZipCode, City, " +
  'Country, Region, Phone, TaxInformation).';

/** A list of address fields (`label`: Fields to Clear) naming another field (`shown`, quoted). */
export const notAnAddressField = (label: string, shown: string): string =>
  `${label} contains ${shown}, which is not a billing-address field. ${ACCEPTED_FIELD_NAMES}`;

/** A list of address fields given something that is no list of names (`kind`: "an object"). */
export const notFieldNames = (label: string, kind: string): string =>
  `${label} must list field names, as a list or as text separated by commas, but it received ` +
  `${kind}. ${ACCEPTED_FIELD_NAMES}`;

/** Update Customer with Name, Email, Language, Affiliation Reference and Metadata all blank. */
export const nothingToUpdateCustomer = (reference: string): string =>
  `Nothing to update for customer "${reference}": Name, Email, Language, Affiliation Reference ` +
  'and Metadata are all blank. Blank fields are left unchanged in ProAbono: fill in the fields ' +
  'to change.';

/** Update Customer Billing Address with every field blank and nothing to clear. */
export const nothingToUpdateAddress = (reference: string): string =>
  `Nothing to update for customer "${reference}": every address field is blank and Fields to ` +
  'Clear is empty. Blank fields are left unchanged in ProAbono: fill in the fields to change, ' +
  'or pick the fields to empty in Fields to Clear.';

/** Address fields both filled in and listed in Fields to Clear (`labels` as the message joins them). */
export const filledAndCleared = (labels: string, many = false): string =>
  `${labels} ${many ? 'are' : 'is'} filled in and also listed in Fields to Clear. Remove ` +
  `${many ? 'them' : 'it'} from Fields to Clear to set the new value, or leave the field blank ` +
  'to empty it.';

/**
 * A 2xx about customer `answered` where `asked` was asked for; the step stopped there. After a
 * read, replaying may help; after a write, both customers may need a look first.
 */
export const anotherCustomer = (
  endpoint: string,
  action: string,
  asked: string,
  answered: string,
  status = 200,
): ThrownError =>
  unexpectedAnswer(
    endpoint,
    status,
    `while ${action} is about customer "${answered}", not "${asked}", so this step stopped and ` +
      'sent nothing further.',
    endpoint.startsWith('GET ')
      ? 'Replay this step; '
      : 'Check both customers in ProAbono before you replay this step; ',
  );

// ── a new customer's billing address (src/pendingAddress.ts) ─────────────────
// Create Customer writes the address after creating the customer; Find Customer finishes what a
// failed creation left. `reason` is the clause saying what ProAbono did.

const replayFinds = (ifMissing: boolean): string =>
  `the replay finds the customer this step created and sets its address${
    ifMissing ? ' if it is still missing' : ''
  }, without creating another customer (leave its Name, Email, Language, Affiliation Reference, ` +
  'Metadata and Segment as they are)';

const notSaved = (message: string): ThrownError => ({
  name: 'AppError',
  code: 'address_not_saved',
  message,
});

/** ProAbono refused the address of the customer the step created (a 422's own message). */
export const createdAddressRefused = (reference: string, refusal: string): ThrownError =>
  notSaved(
    `Customer "${reference}" was created, but its billing address was not saved: ${refusal} ` +
      `Correct the address in this step, then replay it: ${replayFinds(false)}.`,
  );

/** The same refusal inside Find or Create Customer, whose replay would stop at its search. */
export const createdAddressRefusedInFindOrCreate = (
  reference: string,
  refusal: string,
): ThrownError =>
  notSaved(
    `Customer "${reference}" was created, but its billing address was not saved: ${refusal} ` +
      'Correct the address, then set it with an Update Customer Billing Address step.',
  );

/**
 * Inside Find or Create Customer, the address could not be kept in z.cache either: a replay's
 * search would find the customer and stop, so the way forward is another step. `failure` is how
 * the message opens up to its reason ("… was created, but its billing address was not saved: …").
 */
export const createdAddressNotKeptInFindOrCreate = (failure: string, when: string): ThrownError =>
  notSaved(
    `${failure}. Zapier's cache could not keep the address for a replay, and a replay of this ` +
      `step would find the customer and stop there: ${when}, set the address with an Update ` +
      'Customer Billing Address step.',
  );

/** Every attempt at the address failed (5xx, no connection), none timed out. */
export const createdAddressFailed = (reference: string, reason: string): ThrownError =>
  notSaved(
    `Customer "${reference}" was created, but its billing address was not saved: ${reason}. ` +
      `Replay this step once ProAbono has recovered: ${replayFinds(false)}.`,
  );

/** An attempt timed out; `checked` says what reading the address back found. */
export const createdAddressUnconfirmed = (
  reference: string,
  attempts: string,
  checked: 'still empty' | 'unreadable',
  /** Whether other attempts failed otherwise (a server error, no connection). */
  notOnlyTimeouts = false,
): ThrownError =>
  notSaved(
    `Customer "${reference}" was created, but ProAbono did not confirm its billing address: it ` +
      `did not answer in time${notOnlyTimeouts ? ' at least once' : ''} (tried ${attempts}), and ` +
      (checked === 'still empty'
        ? 'the address read back just after was still empty, though ProAbono may yet save it'
        : 'the address could not be read back to check') +
      `. Replay this step in a few minutes: ${replayFinds(true)}.`,
  );

/** A 429 on the address: Zapier runs the step again, and that run finishes the address. */
export const createdAddressThrottled = (reference: string, delay: number): ThrownError => ({
  name: 'ThrottledError',
  message:
    `Customer "${reference}" was created, but ProAbono is limiting the number of requests (HTTP ` +
    `429), so its billing address is not saved yet. Zapier will run this step again in ${delay} ` +
    'seconds: the new run finds the customer this step created and sets its address, without ' +
    'creating another customer.',
  delay,
});

const foundWithout = (reference: string) =>
  `Customer "${reference}" was found without the billing address an earlier Create Customer ` +
  'step could not save';

/** Find Customer could not finish the address a failed creation left (5xx, no connection). */
export const foundAddressFailed = (reference: string, reason: string): ThrownError =>
  notSaved(
    `${foundWithout(reference)}, and saving it now failed: ${reason}. Replay this step once ` +
      'ProAbono has recovered: it sets the address.',
  );

/** Find Customer met a 429 finishing that address. */
export const foundAddressThrottled = (reference: string, delay: number): ThrownError => ({
  name: 'ThrottledError',
  message:
    `${foundWithout(reference)}, and ProAbono is limiting the number of requests (HTTP 429), so ` +
    `it is still not saved. Zapier will run this step again in ${delay} seconds: the new run ` +
    'sets it.',
  delay,
});

/** Update Customer's lookup did not name the customer's segment: saving would make a twin. */
export const customerSegmentUnknown = (reference: string): ThrownError => ({
  name: 'AppError',
  code: 'customer_segment_unknown',
  message:
    `ProAbono's answer about customer "${reference}" does not name the customer's segment ` +
    '(ReferenceSegment), and ProAbono saves a customer within one segment: without it, the ' +
    "update would create a second customer with this reference in the business's default " +
    'segment. Nothing was written. Give the segment of this customer a reference in ProAbono, ' +
    'then replay this step; or change the customer in ProAbono directly.',
});

/**
 * Update Customer Billing Address: ProAbono kept fields Fields to Clear asked to empty, sent both
 * as "" and as null. `kept` as the message lists them (label and value); `saved` the rest.
 */
export const fieldsNotCleared = (
  reference: string,
  kept: string,
  many: boolean,
  saved: string | null,
): ThrownError => ({
  name: 'AppError',
  code: 'fields_not_cleared',
  message:
    `ProAbono kept ${kept} in the billing address of customer "${reference}", although Fields ` +
    `to Clear asked to empty ${many ? 'them' : 'it'}: it ignored the ${many ? 'fields' : 'field'} ` +
    'sent empty, then sent as null. ' +
    (saved === null
      ? 'Nothing else was to change. '
      : `The rest of this step was saved: ${saved}. `) +
    `Empty ${many ? 'them' : 'it'} in ProAbono directly; replaying this step would not empty ` +
    `${many ? 'them' : 'it'} either.`,
});
// ── the billing steps ────────────────────────────────────────────────────────
// From src/api/responseErrors.ts (the 403 for missing payment settings) and src/creates/bill_customer.ts.

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

/** Find Invoice with a number longer than any invoice's (`quotedNumber` as quoted back). */
export const fullNumberTooLong = (quotedNumber: string): string =>
  `Invoice Number ${quotedNumber} is too long for an invoice number (at most 100 characters ` +
  'here; they look like S-69.00000042). Check what is mapped to Invoice Number.';

/** A yes/no field given something else (`received`: `"maybe"`, `a value of type list`). */
export const notYesOrNo = (label: string, received: string): string =>
  `${label} must be yes or no (true or false), but it received ${received}. Pick Yes or No, or ` +
  'map a text that says true, false, yes or no.';

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
