import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';

import { createProAbonoClient, type ProAbonoClient } from '../api/client.js';
import type { Invoice } from '../api/schemas.js';
import { withCleanErrors } from '../cleanErrors.js';
import { fullNumberField, optionalCustomerField } from '../fields/billingInputFields.js';
import { billingIdOutputField, invoiceOutputFields } from '../fields/billingOutputFields.js';
import { toInvoiceLookup } from '../mappers/billingInput.js';
import { toInvoiceRecord, type InvoiceRecord } from '../mappers/billingRecords.js';
import { invoiceRecordSample } from '../samples/invoice.js';

/*
 * Find Invoice: an invoice or credit note by its full number, with its PDF link. ProAbono looks a
 * number up in one segment, the default one when the request names none, so an invoice of
 * another segment is found only by naming that segment.
 */

const inputFields = defineInputFields([fullNumberField, optionalCustomerField]);

/**
 * The segments to search after the default one, from the Backoffice's segment list, which does
 * not say which segment is the default: a business with one segment has nothing more to search,
 * one with several has each searched (the default again among them). ProAbono documents no such
 * list: where it has none, there is nothing more to search.
 */
const moreSegments = async (client: ProAbonoClient): Promise<string[]> => {
  const list = await client.listSegments();
  // A 4xx the client reads as "no such list" (404, 405…): nothing more to search.
  if ('missingStatus' in list) return [];
  const references = list.items
    .map((segment) => segment.ReferenceSegment?.trim() ?? '')
    .filter((reference) => reference !== '');
  return references.length > 1 ? references : [];
};

/**
 * Without a customer: the default segment (one request); if the number is not there, the segment
 * list, then one request per segment until found.
 */
const inAnySegment = async (
  client: ProAbonoClient,
  fullNumber: string,
): Promise<Invoice | null> => {
  const inDefault = await client.getInvoiceByNumber(fullNumber);
  if (inDefault !== null) return inDefault;
  for (const segment of await moreSegments(client)) {
    const found = await client.getInvoiceByNumber(fullNumber, segment);
    if (found !== null) return found;
  }
  return null;
};

/**
 * With a customer: `GET /v1/Customer` for its segment, then `GET /v1/Invoice` in that segment; an
 * unknown customer, no such number, or an invoice of another customer is `[]`.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const { fullNumber, customer: reference } = toInvoiceLookup(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  if (reference === undefined) {
    const found = await inAnySegment(client, fullNumber);
    return found === null ? [] : [toInvoiceRecord(found)];
  }
  const customer = await client.getCustomer(reference);
  if (customer === null) return [];
  const found = await client.getInvoiceByNumber(fullNumber, customer.ReferenceSegment ?? undefined);
  // An invoice that names no customer is taken as the one asked for: ProAbono found it in the
  // customer's segment.
  const theirs = found !== null && (found.ReferenceCustomer ?? reference) === reference;
  return theirs ? [toInvoiceRecord(found)] : [];
}) satisfies SearchPerform<Record<string, unknown>, InvoiceRecord>;

export default defineSearch({
  key: 'find_invoice',
  noun: 'Invoice',
  display: {
    label: 'Find Invoice',
    description: 'Finds an invoice or credit note by its full number, with its PDF link.',
  },
  operation: {
    perform,
    inputFields,
    sample: invoiceRecordSample,
    outputFields: [billingIdOutputField, ...invoiceOutputFields({ labelPrefix: 'Invoice ' })],
  },
});
