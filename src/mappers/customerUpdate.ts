import type { CustomerChanges } from '../api/schemas.js';
import { CUSTOMER_FIELD_LABELS, CUSTOMER_LABEL } from '../fields/labels.js';
import {
  METADATA_MAX_PAIRS,
  customerRequired,
  textInput,
  toCustomerUpsert,
  tooManyMetadataPairs,
} from './customerInput.js';
import { invalidInput } from './input.js';

/*
 * Update Customer's input, read through Create Customer's checks so the two actions accept the
 * same values with the same messages; only an update needs a customer named and a field to change.
 */

interface CustomerUpdate {
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
  const reference = textInput(inputData.ReferenceCustomer, CUSTOMER_LABEL);
  if (reference === undefined) {
    throw customerRequired();
  }
  const { ReferenceCustomer, ...changes } = toCustomerUpsert({
    ReferenceCustomer: reference,
    Name: inputData.Name,
    Email: inputData.Email,
    Language: inputData.Language,
    ReferenceAffiliation: inputData.ReferenceAffiliation,
    Metadata: inputData.Metadata,
  });
  if (Object.keys(changes).length === 0) {
    throw invalidInput(
      `Nothing to update for customer "${ReferenceCustomer}": Name, Email, Language, Affiliation ` +
        'Reference and Metadata are all blank. Blank fields are left unchanged in ProAbono: fill ' +
        'in the fields to change.',
    );
  }
  return { reference: ReferenceCustomer, changes };
};

/**
 * The changes to send for a customer whose metadata ProAbono gave as `stored`. ProAbono documents
 * only that the fields provided are written, not whether metadata sent replaces the customer's
 * pairs or is added to them: the pairs of this step are sent with the others the customer already
 * has, so that either way no pair the step left out is lost. More pairs in all than ProAbono keeps
 * are refused before the write.
 */
export const withStoredMetadata = (changes: CustomerChanges, stored: unknown): CustomerChanges => {
  if (changes.Metadata === undefined) return changes;
  const kept =
    typeof stored === 'object' && stored !== null && !Array.isArray(stored)
      ? Object.entries(stored).filter(([name]) => !(name in (changes.Metadata ?? {})))
      : [];
  const Metadata = { ...Object.fromEntries(kept), ...changes.Metadata };
  const count = Object.keys(Metadata).length;
  if (count > METADATA_MAX_PAIRS) {
    throw invalidInput(
      tooManyMetadataPairs(
        CUSTOMER_FIELD_LABELS.Metadata,
        count,
        ` (the customer already has ${kept.length} other${kept.length === 1 ? '' : 's'}, kept ` +
          'as they are)',
      ),
    );
  }
  return { ...changes, Metadata };
};
