import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/addressFieldKeys.js';

/*
 * The labels both the input fields and the error messages use, so a message names a field as the
 * form shows it. Input keys are the API names, so a 422 `Target` from ProAbono can be reported
 * under the label the user filled in. Kept free of zod: vat.ts, loaded on first use, bundles a copy
 * of this module.
 */

/** The label a Zapier user sees for each address field. */
export const ADDRESS_FIELD_LABELS: Record<AddressFieldKey, string> = {
  Company: 'Company',
  FirstName: 'First Name',
  LastName: 'Last Name',
  AddressLine1: 'Address Line 1',
  AddressLine2: 'Address Line 2',
  ZipCode: 'Zip / Postal Code',
  City: 'City',
  Country: 'Country',
  Region: 'Region / State',
  Phone: 'Phone',
  TaxInformation: 'VAT / Tax Number',
};

/** The address fields as dropdown choices, for the inputs that pick some of them. */
export const ADDRESS_FIELD_CHOICES = ADDRESS_FIELD_KEYS.map((key) => ({
  value: key,
  label: ADDRESS_FIELD_LABELS[key],
  sample: key,
}));

export const CUSTOMER_FIELD_LABELS = {
  ReferenceCustomer: 'Customer Reference',
  Name: 'Name',
  Email: 'Email',
  Language: 'Language',
  ReferenceSegment: 'Segment',
  ReferenceAffiliation: 'Affiliation Reference',
  Metadata: 'Metadata',
} as const;

/** The billing steps' inputs, under their API names (so a 422 `Target` names the field). */
export const BILLING_FIELD_LABELS = {
  ReferenceOffer: 'Offer',
  FullNumber: 'Invoice Number',
  NoteLocalized: 'Note on the Invoice',
  EnsureBillable: 'Ensure Billable',
  ForceOffline: 'Force Offline',
  TryStart: 'Start Now',
  BillNow: 'Bill Now',
  DateStart: 'Start Date',
  DateEnd: 'End Date',
} as const;

const ALL_LABELS: Record<string, string> = {
  ...ADDRESS_FIELD_LABELS,
  ...CUSTOMER_FIELD_LABELS,
  ...BILLING_FIELD_LABELS,
};

/** The Zapier label for a ProAbono field name, matched case-insensitively; else the name itself. */
export const fieldLabel = (apiName: string): string => {
  const key = Object.keys(ALL_LABELS).find((k) => k.toLowerCase() === apiName.toLowerCase());
  return key === undefined ? apiName : `${ALL_LABELS[key]}`;
};

/** The customer an update action changes, picked from the dropdown or mapped. */
export const CUSTOMER_LABEL = 'Customer';
/** Update Customer Billing Address's fields to empty on purpose. */
export const CLEAR_FIELDS_LABEL = 'Fields to Clear';
/** The filters of both Billing Address Updated triggers. */
export const ONLY_WHEN_CHANGED_LABEL = 'Only When the Address Changed';
export const WATCH_FIELDS_LABEL = 'Only When These Fields Change';
/** Update Customer Billing Address's read-before-write option. */
export const SKIP_IF_UNCHANGED_LABEL = 'Skip If Nothing Would Change';
/** Create Subscription's replay guard. */
export const SKIP_IF_SUBSCRIBED_LABEL = 'Skip If Already Subscribed';
