import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/addressFieldKeys.js';
import { type BillingAddressUpdate } from '../api/schemas.js';
import { ADDRESS_FIELD_LABELS, CLEAR_FIELDS_LABEL, CUSTOMER_LABEL } from '../fields/labels.js';
import { normaliseCountry } from './country.js';
import { customerRequired, textInput, validReference } from './customerInput.js';
import { addressFieldNames } from './addressFieldNames.js';
import { invalidInput } from './input.js';
import { quoted } from '../quoted.js';
import { normalisePhone } from './phone.js';
import { normaliseRegion } from './region.js';
import { normaliseVat } from './vat.js';

/*
 * Zapier input → the billing address ProAbono is sent: the one place that reads what a user typed
 * or mapped into the address fields, checks it and normalises it, for Update Customer Billing
 * Address and for Create Customer's optional address.
 */

/** Update Customer Billing Address's one request: whose address, and the body to send. */
interface AddressUpdateRequest {
  reference: string;
  /** Only the fields to change, in ProAbono's order; `""` empties a field. */
  changes: BillingAddressUpdate;
}

/** `A`, `A and B`, `A, B and C`: field labels as a message lists them. */
export const joinLabels = (labels: string[]): string =>
  labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;

/** The address fields filled in, trimmed; a blank or missing one is left out. */
const filledAddressValues = (inputData: Record<string, unknown>): Map<AddressFieldKey, string> => {
  const values = new Map<AddressFieldKey, string>();
  for (const key of ADDRESS_FIELD_KEYS) {
    const text = textInput(inputData[key], ADDRESS_FIELD_LABELS[key]);
    if (text !== undefined) values.set(key, text);
  }
  return values;
};

/**
 * One field's value as ProAbono is sent it: country to ISO alpha-2, region to ISO 3166-2, phone to
 * E.164 (both read in the light of `country`, already normalised), EU VAT numbers checked; the
 * other fields as they are. A country or VAT number it cannot accept is the user's error.
 */
export const normaliseAddressField = (
  key: AddressFieldKey,
  text: string,
  country: string | undefined,
): string => {
  switch (key) {
    case 'Country':
      return normaliseCountry(text);
    case 'Region':
      return normaliseRegion(text, country);
    case 'Phone':
      return normalisePhone(text, country);
    case 'TaxInformation':
      return normaliseVat(text);
    default:
      return text;
  }
};

/**
 * The values in ProAbono's order, normalised, Region and Phone read with this step's Country, or
 * with `fallbackCountry` (already an ISO code) when the step has none.
 */
const normalisedAddress = (
  values: Map<AddressFieldKey, string>,
  fallbackCountry?: string,
): BillingAddressUpdate => {
  const countryText = values.get('Country');
  const country =
    countryText === undefined
      ? fallbackCountry
      : normaliseAddressField('Country', countryText, undefined);
  const address: BillingAddressUpdate = {};
  for (const key of ADDRESS_FIELD_KEYS) {
    const text = values.get(key);
    if (text === undefined) continue;
    address[key] =
      key === 'Country' ? (country ?? text) : normaliseAddressField(key, text, country);
  }
  return address;
};

/**
 * Turns the action's input into the one request it sends: a blank field is left unchanged (not
 * sent), a field listed in Fields to Clear is sent as `""`, and values are trimmed and normalised
 * (country to ISO alpha-2, region to ISO 3166-2, phone to E.164, EU VAT numbers checked). Every
 * problem is reported here, before ProAbono is called. A step without a Country reads its Region
 * and Phone with `fallbackCountry` when one is given: the country ProAbono already stores.
 */
export const toAddressUpdateRequest = (
  inputData: Record<string, unknown>,
  { fallbackCountry }: { fallbackCountry?: string } = {},
): AddressUpdateRequest => {
  const customer = textInput(inputData.ReferenceCustomer, CUSTOMER_LABEL);
  if (customer === undefined) {
    throw customerRequired();
  }
  const reference = validReference(customer, CUSTOMER_LABEL);

  const values = filledAddressValues(inputData);
  const cleared = addressFieldNames(inputData.clear_fields, CLEAR_FIELDS_LABEL);

  const both = ADDRESS_FIELD_KEYS.filter((key) => values.has(key) && cleared.has(key));
  if (both.length > 0) {
    const labels = joinLabels(both.map((key) => ADDRESS_FIELD_LABELS[key]));
    throw invalidInput(
      `${labels} ${both.length === 1 ? 'is' : 'are'} filled in and also listed in ` +
        `${CLEAR_FIELDS_LABEL}. Remove ${both.length === 1 ? 'it' : 'them'} from ` +
        `${CLEAR_FIELDS_LABEL} to set the new value, or leave the field blank to empty it.`,
    );
  }
  if (values.size === 0 && cleared.size === 0) {
    throw invalidInput(
      `Nothing to update for customer ${quoted(reference)}: every address field is blank and ` +
        `${CLEAR_FIELDS_LABEL} is empty. Blank fields are left unchanged in ProAbono: fill in the ` +
        `fields to change, or pick the fields to empty in ${CLEAR_FIELDS_LABEL}.`,
    );
  }

  const normalised = normalisedAddress(values, fallbackCountry);
  const changes: BillingAddressUpdate = {};
  for (const key of ADDRESS_FIELD_KEYS) {
    if (cleared.has(key)) changes[key] = '';
    else if (normalised[key] !== undefined) changes[key] = normalised[key];
  }
  return { reference, changes };
};

/**
 * Create Customer's optional billing address: the fields filled in, checked and normalised exactly
 * as an update's are; `{}` when every one is blank.
 */
export const toBillingAddressUpdate = (inputData: Record<string, unknown>): BillingAddressUpdate =>
  normalisedAddress(filledAddressValues(inputData));
