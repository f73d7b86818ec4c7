import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from '../api/addressFieldKeys.js';
import type { TriggerEvent } from '../api/webhooks.js';
import { withCountryName } from './countryName.js';
import { addressFields, type AddressFields, type AddressRecordFields } from './addressRecord.js';
import { notificationCustomerBlock, type CustomerBlock } from './customerRecord.js';

/*
 * The record both Billing Address Updated triggers deliver. Pure functions: the instant trigger,
 * its `performList`, the polling trigger and its hydrator all build records here, so they cannot
 * drift apart; the customer block and the address follow customerRecord.ts and addressRecord.ts,
 * as every other operation's records do.
 */

type PreviousAddressValues = {
  [K in AddressFieldKey as `previous_${K}`]: string | null;
};

/**
 * The `billing_address` object: the customer's current address, compared with the last one the
 * Zap saw (what changed, and what it was before).
 */
export type TrackedAddress = AddressRecordFields & {
  /** API names of the fields that differ from the last address seen, in the address's order. */
  changed_fields: AddressFieldKey[];
  /** False the first time a customer is seen: nothing to compare with, so nothing is claimed. */
  previous_address_known: boolean;
} & PreviousAddressValues;

export type BillingAddressUpdatedRecord<Address = TrackedAddress> = {
  /** The notification `Id`: one per event, so it is Zapier's dedupe key too. */
  id: string;
  DateTrigger: string;
} & CustomerBlock & {
    billing_address: Address;
  };

/**
 * The fields whose value differs between two addresses, in the address's order. Empty values
 * (`null`, missing, text of only whitespace) are all the same "nothing"; any other difference,
 * even of case or spacing, is a change because ProAbono stores and prints exactly what it was
 * given.
 */
export const changedFields = (
  previous: Partial<Record<AddressFieldKey, unknown>> | null | undefined,
  current: Partial<Record<AddressFieldKey, unknown>> | null | undefined,
): AddressFieldKey[] => {
  const before = addressFields(previous);
  const after = addressFields(current);
  return ADDRESS_FIELD_KEYS.filter((key) => before[key] !== after[key]);
};

/**
 * The `billing_address` object. With no previous address (first sight of this customer, or a
 * sample), `previous_address_known` is false and no field is reported as changed: claiming that
 * all eleven changed would make a Zap filtering on "City changed" fire for customers whose city
 * never moved.
 */
export const trackedAddress = (
  current: Partial<Record<AddressFieldKey, unknown>>,
  previous: AddressFields | null | undefined,
): TrackedAddress => {
  const address = addressFields(current);
  const known = previous !== null && previous !== undefined;
  const changed = known ? changedFields(previous, address) : [];
  const before = addressFields(previous);
  const previousValues = Object.fromEntries(
    ADDRESS_FIELD_KEYS.map((key) => [
      `previous_${key}`,
      changed.includes(key) ? before[key] : null,
    ]),
  ) as PreviousAddressValues;
  return {
    ...withCountryName(address),
    changed_fields: changed,
    previous_address_known: known,
    ...previousValues,
  };
};

/**
 * The record for one event. `billingAddress` is the tracked address, or the dehydration
 * placeholder Zapier replaces with it. The notification's customer block is read as any customer
 * is (customerRecord.ts); its segment is the notification's.
 */
export const billingAddressUpdatedRecord = <Address>(
  event: TriggerEvent,
  billingAddress: Address,
): BillingAddressUpdatedRecord<Address> => ({
  id: event.id,
  DateTrigger: event.date,
  ...notificationCustomerBlock(event),
  billing_address: billingAddress,
});
