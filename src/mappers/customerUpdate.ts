import type { CustomerChanges } from '../api/schemas.js';
import { CUSTOMER_LABEL } from '../fields/labels.js';
import { toCustomerUpsert } from './customerInput.js';
import { invalidInput, optionalText } from './input.js';

export interface CustomerUpdate {
  reference: string;
  /** Only the fields filled in; the others stay as they are in ProAbono. */
  changes: CustomerChanges;
}

/**
 * Update Customer's input: the customer and the fields to change, read and checked exactly as
 * Create Customer reads them. Blank fields are not sent, so they stay unchanged; nothing to change
 * is refused before any request.
 */
export const toCustomerUpdate = (inputData: Record<string, unknown>): CustomerUpdate => {
  const reference = optionalText(inputData.ReferenceCustomer, CUSTOMER_LABEL);
  if (reference === undefined) {
    throw invalidInput(
      `${CUSTOMER_LABEL} is required: pick the customer, or map their ProAbono customer ` +
        `reference (for example from a Find Customer step).`,
    );
  }
  const { ReferenceCustomer, ...changes } = toCustomerUpsert({
    ReferenceCustomer: reference,
    Name: inputData.Name,
    Email: inputData.Email,
    Language: inputData.Language,
  });
  if (Object.keys(changes).length === 0) {
    throw invalidInput(
      `Nothing to update for customer "${ReferenceCustomer}": Name, Email and Language are all ` +
        'blank. Blank fields are left unchanged in ProAbono: fill in the fields to change.',
    );
  }
  return { reference: ReferenceCustomer, changes };
};
