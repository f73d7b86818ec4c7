import { defineInputFields } from 'zapier-platform-core';

import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/schemas.js';
import { COUNTRY_CHOICES } from '../mappers/country.js';
import { existingCustomerField, partialUpdateNote } from './customerInputFields.js';
import {
  ADDRESS_FIELD_CHOICES,
  ADDRESS_FIELD_LABELS,
  CLEAR_FIELDS_LABEL,
  SKIP_IF_UNCHANGED_LABEL,
} from './labels.js';

/** Help and an example for each address field; every one adds something the label does not say. */
const ADDRESS_FIELD_HELP: Record<AddressFieldKey, { helpText: string; placeholder: string }> = {
  Company: {
    helpText: 'The company name printed on invoices.',
    placeholder: 'John Doe LLC',
  },
  FirstName: {
    helpText: 'First name of the person invoices are addressed to.',
    placeholder: 'John',
  },
  LastName: {
    helpText: 'Last name of the person invoices are addressed to.',
    placeholder: 'Doe',
  },
  AddressLine1: {
    helpText: 'First line of the street address: number and street name.',
    placeholder: '123 avenue des Champs-Élysées',
  },
  AddressLine2: {
    helpText: 'Apartment, suite, floor or building.',
    placeholder: '1st Floor',
  },
  ZipCode: {
    helpText: 'Postal code; numbers mapped from a spreadsheet are sent as text.',
    placeholder: '75008',
  },
  City: { helpText: 'City or town, as it should appear on invoices.', placeholder: 'Paris' },
  Country: {
    helpText:
      'Pick a country, or map one: ISO codes (`FR`, `FRA`) and country names in English, ' +
      'French, German or Spanish (`France`, `Allemagne`, `Deutschland`, `España`) are converted ' +
      'to the two-letter code ProAbono stores.',
    placeholder: 'FR',
  },
  Region: {
    helpText:
      'State, province or department, ideally as an ISO 3166-2 code such as `US-CA` or `FR-75`. ' +
      'A bare code such as `CA` is completed with the Country above when that makes a known ' +
      'code; other text is sent as typed.',
    placeholder: 'US-CA',
  },
  Phone: {
    helpText:
      'Converted to the international format (`+33102030405`) when it is a valid number for the ' +
      'Country above or starts with `+`; otherwise sent as typed.',
    placeholder: '+33 1 02 03 04 05',
  },
  TaxInformation: {
    helpText:
      'VAT number or other tax identifier. EU VAT numbers (with their country prefix, such as ' +
      '`FR40303265045`, even after a label such as `VAT:` or `TVA`) are checked for format and ' +
      'check digits before sending, and written without label, spaces or dots; other ' +
      'identifiers are sent as typed.',
    placeholder: 'FR40303265045',
  },
};

/** The eleven address fields, in the order a person fills in an address. */
export const addressInputFields = defineInputFields(
  ADDRESS_FIELD_KEYS.map((key) => ({
    key,
    label: ADDRESS_FIELD_LABELS[key],
    required: false,
    type: 'string' as const,
    ...ADDRESS_FIELD_HELP[key],
    ...(key === 'Country' ? { choices: COUNTRY_CHOICES } : {}),
  })),
);

/** The inputs of Update Customer Billing Address. */
export const billingAddressInputFields = defineInputFields([
  existingCustomerField,
  partialUpdateNote(`To empty a field on purpose, pick it in **${CLEAR_FIELDS_LABEL}**.`),
  ...addressInputFields,
  {
    key: 'clear_fields',
    label: CLEAR_FIELDS_LABEL,
    required: false,
    type: 'string',
    list: true,
    choices: ADDRESS_FIELD_CHOICES,
    helpText:
      'The fields to empty in ProAbono. A field cannot be both filled in above and cleared here.',
  },
  {
    key: 'skip_if_unchanged',
    label: SKIP_IF_UNCHANGED_LABEL,
    required: false,
    type: 'boolean',
    default: 'false',
    helpText:
      'Yes: read the address first (one more request) and send only the fields that would ' +
      'change, nothing at all when none would, compared after the same clean-up (trimming, ' +
      'country, phone, VAT). ProAbono notifies every write, even of the same address: in a ' +
      'two-way sync this keeps the other Zap from running again. The result says what changed.',
  },
]);
