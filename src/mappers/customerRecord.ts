import { type BillingAddress } from '../api/schemas.js';
import type { TriggerEvent } from '../api/webhooks.js';
import { addressRecordFields, type AddressRecordFields } from './addressRecord.js';
import { textOrNull } from './textOrNull.js';

/*
 * The customer records every operation shares (see the samples): the customer block at the top
 * level, with the address fields of addressRecord.ts beside it where a record has an address.
 * What is empty follows textOrNull.ts.
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

/** A customer as either API returns it: the Backoffice says `StateCustomer` where the Live says `Status`. */
export interface AnyCustomer {
  Id?: number | null;
  ReferenceCustomer: string;
  [field: string]: unknown;
}

/** The customer block of any record; the Backoffice's `StateCustomer` stands in for `Status`. */
export const customerBlock = (customer: AnyCustomer): CustomerBlock => ({
  ReferenceCustomer: customer.ReferenceCustomer,
  Name: textOrNull(customer.Name),
  Email: textOrNull(customer.Email),
  Language: textOrNull(customer.Language),
  Status: textOrNull(customer.Status) ?? textOrNull(customer.StateCustomer),
  ReferenceSegment: textOrNull(customer.ReferenceSegment),
});

/**
 * The customer block of an event's record: the customer its notification carries, under the
 * event's trimmed reference, in the notification's segment.
 */
export const notificationCustomerBlock = ({
  notification,
  reference,
}: TriggerEvent): CustomerBlock =>
  customerBlock({
    ...notification.Customer,
    ReferenceCustomer: reference,
    ReferenceSegment: notification.ReferenceSegment,
  });

/**
 * How every customer record identifies the customer: `id` is the customer reference, the value the
 * customer dropdown and Find Customer hand to the other steps; ProAbono's internal number has its
 * own key, `null` when ProAbono does not give it.
 */
type CustomerIdentity = { id: string; IdCustomer: number | null };

const customerIdentity = (customer: AnyCustomer): CustomerIdentity => ({
  id: customer.ReferenceCustomer,
  IdCustomer: typeof customer.Id === 'number' ? customer.Id : null,
});

/**
 * What a customer answer adds to the block a notification carries: the affiliation, and the
 * customer's metadata pairs, their values as text (`{}` when it has none), which Zapier offers
 * one by one as `Metadata` fields.
 */
type CustomerDetails = {
  ReferenceAffiliation: string | null;
  Metadata: Record<string, string>;
};

const metadataOf = (metadata: unknown): Record<string, string> =>
  typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
    ? Object.fromEntries(
        Object.entries(metadata).flatMap(([name, value]) =>
          typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
            ? [[name, String(value)]]
            : [],
        ),
      )
    : {};

export type CustomerRecord = CustomerIdentity & CustomerBlock & CustomerDetails;

/** Update Customer's record: the customer ProAbono stored. */
export const toCustomerRecord = (customer: AnyCustomer): CustomerRecord => ({
  ...customerIdentity(customer),
  ...customerBlock(customer),
  ReferenceAffiliation: textOrNull(customer.ReferenceAffiliation),
  Metadata: metadataOf(customer.Metadata),
});

export type CustomerWithAddress = CustomerRecord & AddressRecordFields;

/**
 * Find Customer's and Create Customer's record: the customer and its billing address, flat. One
 * shape for both, so a Find or Create Customer step offers the same fields either way.
 */
export const toCustomerWithAddress = (
  customer: AnyCustomer,
  address: BillingAddress | null,
): CustomerWithAddress => ({
  ...toCustomerRecord(customer),
  ...addressRecordFields(address),
});

export type CustomerChoice = {
  id: string;
  label: string;
  IdCustomer: number | null;
} & CustomerBlock;

/** A dropdown entry that tells customers apart: `John Doe · john.doe@example.com · cust-42`. */
export const toCustomerChoice = (customer: AnyCustomer): CustomerChoice => {
  const block = customerBlock(customer);
  const label = [block.Name, block.Email, block.ReferenceCustomer]
    .filter((part): part is string => part !== null)
    .map((part) => part.trim())
    .join(' · ');
  const { id, IdCustomer } = customerIdentity(customer);
  return { id, label, IdCustomer, ...block };
};
