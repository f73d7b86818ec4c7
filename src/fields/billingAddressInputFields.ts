import { defineInputFields } from 'zapier-platform-core';

import { ADDRESS_FIELD_KEYS } from '../api/schemas.js';
import type { AddressFieldKey } from '../api/schemas.js';
import { CLEAR_FIELDS_LABEL, CUSTOMER_LABEL } from '../mappers/billingAddressUpdate.js';
import { COUNTRY_CHOICES } from '../mappers/country.js';
import { ADDRESS_FIELD_LABELS } from './labels.js';

const UNCHANGED = 'Leave blank to keep the current value.';

/** Help and an example for each address field; every one adds something the label does not say. */
const ADDRESS_FIELD_HELP: Record<AddressFieldKey, { helpText: string; placeholder: string }> = {
  Company: {
    helpText: `The company name printed on invoices. ${UNCHANGED}`,
    placeholder: 'John Doe LLC',
  },
  FirstName: {
    helpText: `First name of the person invoices are addressed to. ${UNCHANGED}`,
    placeholder: 'John',
  },
  LastName: {
    helpText: `Last name of the person invoices are addressed to. ${UNCHANGED}`,
    placeholder: 'Doe',
  },
  AddressLine1: {
    helpText: `Street number and name. ${UNCHANGED}`,
    placeholder: '123 avenue des Champs-Élysées',
  },
  AddressLine2: {
    helpText: `Apartment, suite, floor or building. ${UNCHANGED}`,
    placeholder: '1st Floor',
  },
  ZipCode: {
    helpText: `Postal code; numbers mapped from a spreadsheet are sent as text. ${UNCHANGED}`,
    placeholder: '75008',
  },
  City: { helpText: `City or town. ${UNCHANGED}`, placeholder: 'Paris' },
  Country: {
    helpText:
      'Pick a country, or map one: ISO codes (`FR`, `FRA`) and country names in English, ' +
      'French, German or Spanish (`France`, `Allemagne`, `Deutschland`, `España`) are converted ' +
      `to the two-letter code ProAbono stores. ${UNCHANGED}`,
    placeholder: 'FR',
  },
  Region: {
    helpText:
      'State, province or department, ideally as an ISO 3166-2 code such as `US-CA` or `FR-75`. ' +
      'A bare code such as `CA` is completed with the Country above when that makes a known ' +
      `code; other text is sent as typed. ${UNCHANGED}`,
    placeholder: 'US-CA',
  },
  Phone: {
    helpText:
      'Converted to the international format (`+33102030405`) when it is a valid number for the ' +
      'Country above or starts with `+`; otherwise sent as typed. ' +
      UNCHANGED,
    placeholder: '+33 1 02 03 04 05',
  },
  TaxInformation: {
    helpText:
      'VAT number or other tax identifier. EU VAT numbers (with their country prefix, such as ' +
      '`FR40303265045`, even after a label such as `VAT:` or `TVA`) are checked for format and ' +
      'check digits before sending, and written without label, spaces or dots; other ' +
      `identifiers are sent as typed. ${UNCHANGED}`,
    placeholder: 'FR40303265045',
  },
};

/** The inputs of Update Customer Billing Address, in the order a person fills in an address. */
export const billingAddressInputFields = defineInputFields([
  {
    key: 'ReferenceCustomer',
    label: CUSTOMER_LABEL,
    required: true,
    type: 'string',
    dynamic: 'customer_list.id.label',
    search: 'find_customer.ReferenceCustomer',
    helpText:
      "The customer's reference in ProAbono (the ID your own system gave them). Pick the " +
      'customer, or map the reference from an earlier step such as Find Customer.',
  },
  ...ADDRESS_FIELD_KEYS.map((key) => ({
    key,
    label: ADDRESS_FIELD_LABELS[key],
    required: false,
    type: 'string' as const,
    ...ADDRESS_FIELD_HELP[key],
    ...(key === 'Country' ? { choices: COUNTRY_CHOICES } : {}),
  })),
  {
    key: 'clear_fields',
    label: CLEAR_FIELDS_LABEL,
    required: false,
    type: 'string',
    list: true,
    choices: ADDRESS_FIELD_KEYS.map((key) => ({
      value: key,
      label: ADDRESS_FIELD_LABELS[key],
      sample: key,
    })),
    helpText:
      'Fields left blank above (or holding only spaces or invisible characters) stay unchanged ' +
      'in ProAbono. Pick a field here to empty it on purpose; a field cannot be both filled in ' +
      'and cleared.',
  },
]);
