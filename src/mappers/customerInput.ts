import type { CustomerUpsert } from '../api/schemas.js';
import { CUSTOMER_FIELD_LABELS } from '../fields/labels.js';
import { invalidInput, optionalText } from './input.js';
import { quoted } from '../quoted.js';

/**
 * ProAbono's limits on a shared reference: at most 50 characters, none of these. It counts
 * characters in UTF-16 units (JavaScript's `length`), so an emoji counts as 2.
 */
export const REFERENCE_MAX_LENGTH = 50;
const REFERENCE_FORBIDDEN = ['<', '>', ';', '"', '=', '?', '&'];

/** One `@`, something before it, a dotted domain after it, no spaces: catches mapping mistakes. */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
/** ISO 639-1 (`en`) or a locale (`en-US`, `en_us`). */
const LANGUAGE = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i;

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
  if (!EMAIL.test(email)) {
    throw invalidInput(
      `${label} ${quoted(email)} is not an email address. Enter one address such as john@doe.com.`,
    );
  }
  return email;
};

/** `EN` → `en`, `en_us` → `en-US`; anything else is refused with the accepted forms. */
const validLanguage = (language: string, label: string): string => {
  const match = LANGUAGE.exec(language);
  if (!match?.[1]) {
    throw invalidInput(
      `${label} ${quoted(language)} is not a language code. Use a two-letter ISO 639-1 code such as ` +
        `en or fr, or a locale such as en-US or fr-FR.`,
    );
  }
  const region = match[2] ? `-${match[2].toUpperCase()}` : '';
  return `${match[1].toLowerCase()}${region}`;
};

/**
 * Create Customer's body: the reference (required) and only the other fields filled in,
 * trimmed and checked before anything is sent.
 */
export const toCustomerUpsert = (inputData: Record<string, unknown>): CustomerUpsert => {
  const labels = CUSTOMER_FIELD_LABELS;
  const reference = optionalText(inputData.ReferenceCustomer, labels.ReferenceCustomer);
  if (reference === undefined) {
    throw invalidInput(
      `${labels.ReferenceCustomer} is required: enter the ID your own system uses for this ` +
        `customer (at most ${REFERENCE_MAX_LENGTH} characters), such as cust-42.`,
    );
  }
  const body: CustomerUpsert = {
    ReferenceCustomer: validReference(reference, labels.ReferenceCustomer),
  };
  const name = optionalText(inputData.Name, labels.Name);
  const email = optionalText(inputData.Email, labels.Email);
  const language = optionalText(inputData.Language, labels.Language);
  const segment = optionalText(inputData.ReferenceSegment, labels.ReferenceSegment);
  if (name !== undefined) body.Name = name;
  if (email !== undefined) body.Email = validEmail(email, labels.Email);
  if (language !== undefined) body.Language = validLanguage(language, labels.Language);
  if (segment !== undefined)
    body.ReferenceSegment = validReference(segment, labels.ReferenceSegment);
  return body;
};
