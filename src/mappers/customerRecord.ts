import { ADDRESS_FIELD_KEYS } from '../api/schemas.js';
import type { AddressFieldKey, BillingAddress } from '../api/schemas.js';

/**
 * The record shapes every operation shares (see the samples): the customer block at the top
 * level, and the eleven address fields under their API names, `null` when empty.
 */

// Type aliases, not interfaces: samples must be assignable to Zapier's `Record<string, unknown>`.
export type CustomerBlock = {
  ReferenceCustomer: string;
  Name: string | null;
  Email: string | null;
  Language: string | null;
  Status: string | null;
  ReferenceSegment: string | null;
};

export type AddressFields = Record<AddressFieldKey, string | null>;

/** A customer as either API returns it: the Backoffice says `StateCustomer` where the Live says `Status`. */
export interface AnyCustomer {
  Id?: number | null;
  ReferenceCustomer: string;
  [field: string]: unknown;
}

const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

export const customerBlock = (customer: AnyCustomer): CustomerBlock => ({
  ReferenceCustomer: customer.ReferenceCustomer,
  Name: textOrNull(customer.Name),
  Email: textOrNull(customer.Email),
  Language: textOrNull(customer.Language),
  Status: textOrNull(customer.Status) ?? textOrNull(customer.StateCustomer),
  ReferenceSegment: textOrNull(customer.ReferenceSegment),
});

export const addressFields = (address: BillingAddress | null | undefined): AddressFields =>
  Object.fromEntries(
    ADDRESS_FIELD_KEYS.map((key) => [key, textOrNull(address?.[key])]),
  ) as AddressFields;

/** ProAbono's internal id when it gives one, else the reference: both identify the customer. */
export const customerId = (customer: AnyCustomer): string =>
  String(customer.Id ?? customer.ReferenceCustomer);

export type FoundCustomer = { id: string } & CustomerBlock & AddressFields;

/** Find Customer's record: the customer and its billing address, flat. */
export const toFoundCustomer = (
  customer: AnyCustomer,
  address: BillingAddress | null,
): FoundCustomer => ({
  id: customerId(customer),
  ...customerBlock(customer),
  ...addressFields(address),
});

export type UpdatedBillingAddress = { id: string; ReferenceCustomer: string } & AddressFields;

/** Update Customer Billing Address's record: the stored address, identified by the reference. */
export const toUpdatedBillingAddress = (
  reference: string,
  address: BillingAddress,
): UpdatedBillingAddress => ({
  id: reference,
  ReferenceCustomer: reference,
  ...addressFields(address),
});

export type SavedCustomer = { id: string } & CustomerBlock & { created: boolean };

/** Create Customer's record: the customer ProAbono stored, and whether it was new. */
export const toSavedCustomer = (customer: AnyCustomer, created: boolean): SavedCustomer => ({
  id: customerId(customer),
  ...customerBlock(customer),
  created,
});

export type CustomerChoice = { id: string; label: string } & CustomerBlock;

/** A dropdown entry that tells customers apart: `John Doe · john@doe.com · cust-42`. */
export const toCustomerChoice = (customer: AnyCustomer): CustomerChoice => {
  const block = customerBlock(customer);
  const label = [block.Name, block.Email, block.ReferenceCustomer]
    .filter((part): part is string => part !== null)
    .map((part) => part.trim())
    .join(' · ');
  return { id: block.ReferenceCustomer, label, ...block };
};
