import type { CustomerUpsert } from '../api/schemas.js';
import type { AnyCustomer } from './customerRecord.js';
import { CUSTOMER_FIELD_LABELS, CUSTOMER_LABEL } from '../fields/labels.js';
import { invalidInput, optionalText } from './input.js';
import { languageCodeOfName } from './language.js';
import { quoted } from '../quoted.js';

/*
 * The checks on a customer's own fields (reference, email, language, affiliation, metadata), shared
 * by the actions and the search: a value ProAbono would refuse, or a mapping mistake, is refused
 * before any request with a message naming the field.
 */

/**
 * ProAbono's limits on a shared reference: at most 50 characters, none of these. It counts
 * characters in UTF-16 units (JavaScript's `length`), so an emoji counts as 2.
 */
export const REFERENCE_MAX_LENGTH = 50;
const REFERENCE_FORBIDDEN = ['<', '>', ';', '"', '=', '?', '&'];

/** One `@`, something before it, a dotted domain after it, no spaces: catches mapping mistakes. */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
/** The longest address mail can carry (RFC 5321's path limit less its angle brackets). */
const EMAIL_MAX_LENGTH = 254;
/** ISO 639-1 (`en`) or a locale (`en-US`, `en_us`). */
const LANGUAGE = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i;

/** ProAbono's limits on a customer's metadata (OpenAPI `Metadata`), values counted in UTF-16 units. */
export const METADATA_MAX_PAIRS = 5;
export const METADATA_MAX_VALUE_LENGTH = 450;

/**
 * The cleaned text of a field (see `optionalText`), refused when it holds half of a surrogate pair:
 * sent, it would reach ProAbono as U+FFFD. Checked here, before the first request, so that no step
 * writes part of its input and then fails on the rest.
 */
export const textInput = (value: unknown, label: string): string | undefined => {
  const text = optionalText(value, label);
  if (text !== undefined && !text.isWellFormed()) {
    throw invalidInput(
      `${label} contains a broken character (half of an emoji or of another character outside ` +
        'the basic range, usually left by text cut at a fixed length), which cannot be sent to ' +
        'ProAbono. Nothing was sent: fix the value in the step that produced it, then replay ' +
        'this step.',
    );
  }
  return text;
};

/** A step that acts on an existing customer (the Customer dropdown) was given none. */
export const customerRequired = (): Error =>
  invalidInput(
    `${CUSTOMER_LABEL} is required: pick the customer, or map their ProAbono customer reference ` +
      '(for example from a Find Customer step).',
  );

/** A reference ProAbono can store, or a message saying which rule it breaks. */
export const validReference = (reference: string, label: string): string => {
  const forbidden = REFERENCE_FORBIDDEN.filter((character) => reference.includes(character));
  if (forbidden.length > 0) {
    throw invalidInput(
      `${label} ${quoted(reference)} contains ${forbidden.join(' ')}, which ProAbono does not allow in ` +
        `a reference. Use letters, digits and signs such as - _ . @ (at most ` +
        `${REFERENCE_MAX_LENGTH} characters).`,
    );
  }
  if (reference.length > REFERENCE_MAX_LENGTH) {
    throw invalidInput(
      `${label} is ${reference.length} characters long as ProAbono counts them (in UTF-16 ` +
        `units: an emoji counts as 2); ProAbono allows at most ${REFERENCE_MAX_LENGTH}. Use a ` +
        `shorter reference, such as your own system's ID for the customer.`,
    );
  }
  return reference;
};

/** The trimmed email, or a message when it cannot be an email address. */
export const validEmail = (email: string, label: string): string => {
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL.test(email)) {
    throw invalidInput(
      `${label} ${quoted(email)} is not an email address. Enter one address such as john@doe.com.`,
    );
  }
  return email;
};

/** `EN` → `en`, `en_us` → `en-US`, `Français` → `fr`; anything else is refused with the accepted forms. */
const validLanguage = (language: string, label: string): string => {
  const match = LANGUAGE.exec(language);
  if (match?.[1]) {
    const region = match[2] ? `-${match[2].toUpperCase()}` : '';
    return `${match[1].toLowerCase()}${region}`;
  }
  const code = languageCodeOfName(language);
  if (code === undefined) {
    throw invalidInput(
      `${label} ${quoted(language)} is neither a language code nor a language name. Use a name ` +
        'in English or in the language itself (English, Français, Deutsch), a two-letter ISO ' +
        '639-1 code such as en or fr, or a locale such as en-US or fr-FR.',
    );
  }
  return code;
};

/**
 * A customer's metadata from Zapier's key-value field: the pairs whose value is filled in, trimmed,
 * in the order given; `undefined` when none is. ProAbono keeps at most 5 pairs of at most 450
 * characters each: more is refused here rather than by ProAbono.
 */
const metadataInput = (value: unknown, label: string): Record<string, string> | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidInput(
      `${label} must be pairs of a name and a value (such as crm_id and 4711), but it received ` +
        `${Array.isArray(value) ? 'a list' : 'a single value'}. Fill in one name and one value ` +
        `per line of ${label}.`,
    );
  }
  const pairs = new Map<string, string>();
  for (const [rawName, rawValue] of Object.entries(value)) {
    const name = textInput(rawName, `A name in ${label}`);
    const text = textInput(rawValue, name === undefined ? label : `${label} ${quoted(name)}`);
    if (text === undefined) continue;
    if (name === undefined) {
      throw invalidInput(
        `${label} has a value without a name (${quoted(text)}). Give each value a name, such as ` +
          'crm_id, or remove it.',
      );
    }
    if (pairs.has(name)) {
      throw invalidInput(
        `${label} names ${quoted(name)} twice (names are compared after trimming spaces). Keep ` +
          'one value per name.',
      );
    }
    if (text.length > METADATA_MAX_VALUE_LENGTH) {
      throw invalidInput(
        `${label} ${quoted(name)} is ${text.length} characters long as ProAbono counts them (in ` +
          `UTF-16 units: an emoji counts as 2); ProAbono keeps at most ` +
          `${METADATA_MAX_VALUE_LENGTH} per value. Shorten it.`,
      );
    }
    pairs.set(name, text);
  }
  if (pairs.size > METADATA_MAX_PAIRS) {
    throw invalidInput(tooManyMetadataPairs(label, pairs.size));
  }
  return pairs.size === 0 ? undefined : Object.fromEntries(pairs);
};

/** Said when a customer would hold more metadata pairs than ProAbono keeps. */
export const tooManyMetadataPairs = (label: string, count: number, kept = ''): string =>
  `${label} would hold ${count} pairs${kept}; ProAbono keeps at most ${METADATA_MAX_PAIRS} per ` +
  'customer. Remove some pairs.';

/**
 * Create Customer's body: the reference (required) and only the other fields filled in,
 * trimmed and checked before anything is sent.
 */
export const toCustomerUpsert = (inputData: Record<string, unknown>): CustomerUpsert => {
  const labels = CUSTOMER_FIELD_LABELS;
  const reference = textInput(inputData.ReferenceCustomer, labels.ReferenceCustomer);
  if (reference === undefined) {
    throw invalidInput(
      `${labels.ReferenceCustomer} is required: enter the ID your own system uses for this ` +
        `customer (at most ${REFERENCE_MAX_LENGTH} characters), such as cust-42.`,
    );
  }
  const body: CustomerUpsert = {
    ReferenceCustomer: validReference(reference, labels.ReferenceCustomer),
  };
  const name = textInput(inputData.Name, labels.Name);
  const email = textInput(inputData.Email, labels.Email);
  const language = textInput(inputData.Language, labels.Language);
  const segment = textInput(inputData.ReferenceSegment, labels.ReferenceSegment);
  const affiliation = textInput(inputData.ReferenceAffiliation, labels.ReferenceAffiliation);
  const metadata = metadataInput(inputData.Metadata, labels.Metadata);
  if (name !== undefined) body.Name = name;
  if (email !== undefined) body.Email = validEmail(email, labels.Email);
  if (language !== undefined) body.Language = validLanguage(language, labels.Language);
  if (segment !== undefined)
    body.ReferenceSegment = validReference(segment, labels.ReferenceSegment);
  if (affiliation !== undefined)
    body.ReferenceAffiliation = validReference(affiliation, labels.ReferenceAffiliation);
  if (metadata !== undefined) body.Metadata = metadata;
  return body;
};

/** A value ProAbono gave as text to compare: blank and missing are `''`. */
const givenText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value).trim()
    : '';

/**
 * Whether an existing customer is exactly what Create Customer's `body` would have created: the
 * same name, email and language (blank where the step left them blank; email and language without
 * regard to case), the segment named (when one is), the affiliation and metadata pairs sent. A
 * replay of a step whose address failed recognises its own customer this way.
 */
export const isCreatedFrom = (existing: AnyCustomer, body: CustomerUpsert): boolean => {
  const same = (field: 'Name' | 'Email' | 'Language' | 'ReferenceAffiliation', loose = false) => {
    const [stored, sent] = [givenText(existing[field]), body[field] ?? ''];
    return loose ? stored.toLowerCase() === sent.toLowerCase() : stored === sent;
  };
  const metadata = existing.Metadata;
  const storedPairs: Record<string, unknown> =
    typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
  return (
    same('Name') &&
    same('Email', true) &&
    same('Language', true) &&
    same('ReferenceAffiliation') &&
    (body.ReferenceSegment === undefined ||
      givenText(existing.ReferenceSegment) === body.ReferenceSegment) &&
    Object.entries(body.Metadata ?? {}).every(
      ([name, value]) => givenText(storedPairs[name]) === givenText(value),
    )
  );
};
