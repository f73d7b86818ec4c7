import { ADDRESS_KEYS } from '../../sandbox/index.js';
import type { BillingAddress, CustomerSeed } from '../../sandbox/index.js';
import { SEED_CUSTOMERS, SEGMENTS } from '../../sandbox/seed.js';

/*
 * The sandbox's seeded customers by reference, taken from its seed rather than typed again, so a
 * test that names a customer it did not create reads the same data the sandbox serves.
 */

export const seededCustomer = (reference: string): CustomerSeed => {
  const found = SEED_CUSTOMERS.find((customer) => customer.ReferenceCustomer === reference);
  if (!found) throw new Error(`The sandbox seeds no customer ${reference}`);
  return found;
};

/** The seeded customers' references in seed order, of one segment or (without it) all. */
export const seededReferences = (segment?: string): string[] =>
  SEED_CUSTOMERS.filter(
    (customer) => segment === undefined || customer.ReferenceSegment === segment,
  ).map((customer) => customer.ReferenceCustomer);

/** A seeded customer's billing address as ProAbono answers it: the eleven fields, null when empty. */
export const seededAddress = (reference: string): BillingAddress => {
  const { address = {} } = seededCustomer(reference);
  return Object.fromEntries(
    ADDRESS_KEYS.map((key) => [key, address[key] ?? null]),
  ) as BillingAddress;
};

/**
 * A seeded customer as the Backoffice's `GET /Distribution/Customers` lists it, with `Id`, the
 * number the sandbox gave it (the documented profile leaves `ReferenceSegment` out).
 */
export const seededBackofficeCustomer = (reference: string, Id: number) => {
  const {
    Name,
    Email,
    Language,
    Status = 'Enabled',
    ReferenceSegment,
    DateCreation,
    DateUpdate,
  } = seededCustomer(reference);
  return {
    Id,
    IdBusiness: 42,
    IdSegment: SEGMENTS.find((segment) => segment.Reference === ReferenceSegment)?.Id,
    ReferenceSegment,
    ReferenceCustomer: reference,
    Name,
    Email,
    Language,
    StateCustomer: Status,
    DateCreation,
    DateUpdate,
  };
};
