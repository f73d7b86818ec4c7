import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { userError } from '../api/errorFactories.js';
import { unknownCustomerMessage } from '../api/responseErrors.js';
import {
  customerDetailFields,
  existingCustomerField,
  metadataField,
  partialUpdateNote,
} from '../fields/customerInputFields.js';
import { customerRecordOutputFields } from '../fields/outputFields.js';
import { toCustomerRecord, type CustomerRecord } from '../mappers/customerRecord.js';
import { toCustomerUpdate, withStoredMetadata } from '../mappers/customerUpdate.js';
import { customerRecordSample } from '../samples/customer.js';
import { withCleanErrors } from '../cleanErrors.js';

/*
 * Update Customer changes an existing customer's name, email, language, affiliation or metadata.
 * It saves with the customer's own segment: without it, ProAbono's upsert would act on the
 * default segment.
 */

const inputFields = defineInputFields([
  existingCustomerField,
  partialUpdateNote(),
  ...customerDetailFields,
  metadataField(
    "The customer's other pairs are kept; a pair named here replaces the value of that name.",
  ),
]);

/**
 * Two requests: the customer, then `POST /v1/Customer` with only the fields filled in. That POST
 * is an upsert on the reference within a segment, and without `ReferenceSegment` ProAbono acts on
 * the business's default segment: the customer's own segment is sent, or the update of a customer
 * of another segment would create a twin in the default one. A lookup that does not name the
 * segment stops the step before the write. The lookup also makes an unknown reference an error
 * instead of a new customer.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const { reference, changes } = toCustomerUpdate(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  const existing = await client.getCustomer(reference);
  if (existing === null) {
    throw userError(
      `${unknownCustomerMessage(reference, client.businessId)} Update Customer never creates ` +
        'one: to add the customer, use Create Customer.',
      'customer_not_found',
    );
  }
  const segment = existing.ReferenceSegment;
  if (!segment?.trim()) {
    throw userError(
      `ProAbono's answer about customer "${reference}" does not name the customer's segment ` +
        '(ReferenceSegment), and ProAbono saves a customer within one segment: without it, the ' +
        "update would create a second customer with this reference in the business's default " +
        'segment. Nothing was written. Give the segment of this customer a reference in ' +
        'ProAbono, then replay this step; or change the customer in ProAbono directly.',
      'customer_segment_unknown',
    );
  }
  const { customer, created } = await client.upsertCustomer({
    ReferenceCustomer: reference,
    ...withStoredMetadata(changes, existing.Metadata),
    ReferenceSegment: segment,
  });
  // Only if the customer vanished between the two requests: ProAbono then made a new one.
  if (created) {
    throw userError(
      `Customer "${reference}" disappeared from ProAbono while this step ran, so ProAbono ` +
        "created a new customer with this reference and this step's values. Check the customer " +
        'in ProAbono.',
      'customer_recreated',
    );
  }
  return toCustomerRecord(customer);
}) satisfies CreatePerform<Record<string, unknown>, CustomerRecord>;

export default defineCreate({
  key: 'update_customer',
  noun: 'Customer',
  display: {
    label: 'Update Customer',
    description:
      "Updates a customer's name, email, language, affiliation or metadata, changing only the " +
      'fields you fill in.',
  },
  operation: {
    perform,
    inputFields,
    sample: customerRecordSample,
    outputFields: customerRecordOutputFields,
  },
});
