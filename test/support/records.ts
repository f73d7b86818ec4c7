import { ADDRESS_KEYS } from '../../sandbox/index.js';
import type { AddressKey, BillingAddress, Notification, Sandbox } from '../../sandbox/index.js';
import { seededAddress, seededCustomer } from './seed.js';

/*
 * The records the operations return, written out independently of the code under test.
 */

/** The `previous_<Field>` values of a Billing Address Updated record where nothing changed. */
export const NO_PREVIOUS = {
  previous_Company: null,
  previous_FirstName: null,
  previous_LastName: null,
  previous_AddressLine1: null,
  previous_AddressLine2: null,
  previous_ZipCode: null,
  previous_City: null,
  previous_Country: null,
  previous_Region: null,
  previous_Phone: null,
  previous_TaxInformation: null,
};

/** A billing address with nothing in it, as ProAbono answers one: the eleven fields, null. */
export const EMPTY_ADDRESS: BillingAddress = {
  Company: null,
  FirstName: null,
  LastName: null,
  AddressLine1: null,
  AddressLine2: null,
  ZipCode: null,
  City: null,
  Country: null,
  Region: null,
  Phone: null,
  TaxInformation: null,
};

/** The address fields of a customer record when the customer has no billing address. */
export const NO_ADDRESS = { ...EMPTY_ADDRESS, CountryName: null };

/** A customer record where ProAbono gave nothing but the reference. */
export const bareCustomerRecord = (reference: string) => ({
  id: reference,
  IdCustomer: null,
  ReferenceCustomer: reference,
  Name: null,
  Email: null,
  Language: null,
  Status: null,
  ReferenceSegment: null,
  ReferenceAffiliation: null,
  Metadata: {},
  ...NO_ADDRESS,
});

/**
 * The record of the first customer a fresh sandbox creates, from the fields it was created with:
 * the next number after the six seeded customers, the default segment, no affiliation, no
 * metadata and no address yet.
 */
export const firstCreatedCustomerRecord = <C extends { ReferenceCustomer: string }>(
  customer: C,
) => ({
  id: customer.ReferenceCustomer,
  IdCustomer: 233706,
  ...customer,
  Status: 'Enabled',
  ReferenceSegment: 'sandbox-eur',
  ReferenceAffiliation: null,
  Metadata: {},
  ...NO_ADDRESS,
});

/** The segment choices of the seeded business, as the hidden segment_list trigger gives them. */
export const SEGMENT_CHOICES = [
  {
    id: 'sandbox-eur',
    label: 'Sandbox EUR · sandbox-eur',
    ReferenceSegment: 'sandbox-eur',
    Name: 'Sandbox EUR',
    IdSegment: 69,
  },
  {
    id: 'sandbox-usd',
    label: 'Sandbox USD · sandbox-usd',
    ReferenceSegment: 'sandbox-usd',
    Name: 'Sandbox USD',
    IdSegment: 70,
  },
];

/** The names the records give the seeded countries. */
const COUNTRY_NAMES: Record<string, string> = {
  DE: 'Germany',
  ES: 'Spain',
  FR: 'France',
  GB: 'United Kingdom',
  US: 'United States of America',
};

/** A country's name as the records give it; null for no country. */
const countryNameOf = (code: string | null): string | null =>
  code === null ? null : (COUNTRY_NAMES[code] ?? null);

/** The customer fields every record about a seeded customer starts with. */
export const seededCustomerBlock = (reference: string) => {
  const { Name, Email, Language, Status = 'Enabled', ReferenceSegment } = seededCustomer(reference);
  return { ReferenceCustomer: reference, Name, Email, Language, Status, ReferenceSegment };
};

/**
 * A seeded customer as the customer records give it (Find Customer, Update Customer's lookups):
 * `IdCustomer` is the number the sandbox gave it, the address is the seeded one with its country's
 * name.
 */
export const seededCustomerRecord = (reference: string, IdCustomer: number | undefined) => {
  const address = seededAddress(reference);
  return {
    id: reference,
    IdCustomer,
    ...seededCustomerBlock(reference),
    ReferenceAffiliation: null,
    Metadata: {},
    ...address,
    CountryName: countryNameOf(address.Country),
  };
};

/**
 * A customer record as the Backoffice's customer list gives it (Find Customer by email, the
 * customer dropdown): without the segment's reference where ProAbono lists only `IdSegment`.
 */
export const asListedByBackoffice = <R extends { ReferenceSegment?: string | null }>(
  sandbox: Pick<Sandbox, 'behaviour'>,
  record: R,
): R =>
  sandbox.behaviour.backofficeCustomerReferenceSegment
    ? record
    : { ...record, ReferenceSegment: null };

/**
 * The record a Billing Address Updated trigger must produce for `event`, with `address` as the
 * customer's current address. `previous` is `null` when no earlier address is known (first sight),
 * else the earlier value of each field that changed (and only those).
 */
export const expectedRecord = (
  event: Notification,
  address: BillingAddress,
  previous: Partial<Record<AddressKey, string | null>> | null,
) => ({
  id: event.Id,
  DateTrigger: event.DateTrigger,
  ReferenceCustomer: event.Customer.ReferenceCustomer,
  Name: event.Customer.Name,
  Email: event.Customer.Email,
  Language: event.Customer.Language,
  Status: event.Customer.Status,
  ReferenceSegment: event.ReferenceSegment,
  billing_address: {
    ...address,
    CountryName: countryNameOf(address.Country),
    changed_fields: ADDRESS_KEYS.filter((key) => previous !== null && key in previous),
    previous_address_known: previous !== null,
    ...Object.fromEntries(ADDRESS_KEYS.map((key) => [`previous_${key}`, previous?.[key] ?? null])),
  },
});

/** An object's entries sorted by key, each value mapped by `shape`: how shape helpers recurse. */
export const mapSortedEntries = (value: object, shape: (inner: unknown) => unknown) =>
  Object.fromEntries(
    Object.entries(value)
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([key, inner]) => [key, shape(inner)]),
  );

/**
 * What a Zap can map from a record: its keys, recursively, with each value's kind. Text and empty
 * values are one kind (an empty field is `null`), so two records about different customers compare
 * equal exactly when a Zap could map the same fields from both.
 */
export const mappableShape = (value: unknown): unknown => {
  if (Array.isArray(value)) return 'list';
  if (value === null || typeof value === 'string') return 'text';
  if (typeof value === 'object') return mapSortedEntries(value, mappableShape);
  return typeof value;
};
