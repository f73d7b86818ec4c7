import type { BackofficeCustomer } from '../api/schemas.js';
import { CUSTOMER_FIELD_LABELS } from '../fields/labels.js';
import { validEmail, validReference } from './customerInput.js';
import { invalidInput, optionalText } from './input.js';

/*
 * Find Customer's two choices, apart from its requests: which lookup to make, and which of the
 * customers the Backoffice lists for an email to return, as its email filter may not be exact.
 */

type CustomerLookup = { by: 'reference'; reference: string } | { by: 'email'; email: string };

/** Which lookup Find Customer makes: the reference when given (it is unique), else the email. */
export const toCustomerLookup = (inputData: Record<string, unknown>): CustomerLookup => {
  const labels = CUSTOMER_FIELD_LABELS;
  const reference = optionalText(inputData.ReferenceCustomer, labels.ReferenceCustomer);
  if (reference !== undefined) {
    return { by: 'reference', reference: validReference(reference, labels.ReferenceCustomer) };
  }
  const email = optionalText(inputData.Email, labels.Email);
  if (email !== undefined) return { by: 'email', email: validEmail(email, labels.Email) };
  throw invalidInput(
    `Fill in ${labels.ReferenceCustomer} or ${labels.Email} to find a customer: both are blank.`,
  );
};

const time = (date: string | null | undefined): number => {
  const parsed = date ? Date.parse(date) : NaN;
  return Number.isNaN(parsed) ? -Infinity : parsed;
};

/**
 * The customers the Backoffice found for an email, most recently updated first (ties keep
 * ProAbono's order). Its filter is not documented as exact, so a customer listed with another
 * email (`bigjohn@doe.com` for `john@doe.com`) is dropped; one listed without any is kept.
 */
export const bestEmailMatches = (
  customers: BackofficeCustomer[],
  email: string,
): BackofficeCustomer[] => {
  const wanted = email.toLowerCase();
  return customers
    .filter((customer) => !customer.Email || customer.Email.trim().toLowerCase() === wanted)
    .map((customer, index) => ({ customer, index }))
    .sort(
      (a, b) =>
        time(b.customer.DateUpdate ?? b.customer.DateCreation) -
          time(a.customer.DateUpdate ?? a.customer.DateCreation) || a.index - b.index,
    )
    .map(({ customer }) => customer);
};
