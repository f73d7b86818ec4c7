import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';

import { createProAbonoClient, type ProAbonoClient } from '../api/client.js';
import type { CustomerBilling } from '../api/schemas.js';
import { errorCodeOf, userError } from '../api/errorFactories.js';
import { withCleanErrors } from '../cleanErrors.js';
import { billingCustomerField, customerBillingFields } from '../fields/billingInputFields.js';
import { billingIdOutputField, invoiceOutputFields } from '../fields/billingOutputFields.js';
import { toCustomerBilling } from '../mappers/billingInput.js';
import { toInvoiceRecord, type InvoiceRecord } from '../mappers/billingRecords.js';
import { quoted } from '../quoted.js';
import { invoiceRecordSample } from '../samples/invoice.js';

/*
 * Bill Customer turns the customer's pending balance (the lines ProAbono has gathered since the
 * last invoice) into an invoice now, with a note on it, as a CRM does when a deal closes.
 */

const inputFields = defineInputFields([billingCustomerField, ...customerBillingFields]);

/** What the user can change in the step when ProAbono refuses a customer without payment settings. */
const PAYMENT_SETTINGS_HINT =
  'Force Offline does not waive this: an invoice paid offline needs payment settings too.';

/** "between … and …", "from …" or "up to …", for the dates the step was given. */
const range = ({ DateStart, DateEnd }: CustomerBilling): string =>
  DateStart !== undefined && DateEnd !== undefined
    ? ` dated between ${DateStart} and ${DateEnd}`
    : DateStart !== undefined
      ? ` dated from ${DateStart}`
      : DateEnd !== undefined
        ? ` dated up to ${DateEnd}`
        : '';

const nothingToBill = (body: CustomerBilling, businessId: number) =>
  userError(
    `ProAbono had nothing to bill for customer ${quoted(body.ReferenceCustomer)} in business ` +
      `${businessId}: the customer's pending balance has no line${range(body)}, so no invoice ` +
      'was created. Add the lines to bill to the balance (or check the dates), then replay this ' +
      'step.',
    'nothing_to_bill',
  );

/** Whether the customer's balance is known to be empty; a balance that cannot be read is not. */
const balanceIsEmpty = async (client: ProAbonoClient, reference: string): Promise<boolean> => {
  try {
    return (await client.countBalanceLines(reference)) === 0;
  } catch {
    return false;
  }
};

/**
 * One request, `POST /v1/Billing/Customer` (it takes no segment: ProAbono finds the customer by its
 * reference). ProAbono does not document its answer for an empty balance: a 204, an empty body or
 * a 200 without an invoice give the one "nothing to bill" error, and so does a 422 when the
 * balance, read then (one more request), is empty; a 422 about anything else is ProAbono's own.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const body = toCustomerBilling(bundle.inputData);
  const client = createProAbonoClient(z, bundle);
  let invoice;
  try {
    invoice = await client.billCustomer(body, PAYMENT_SETTINGS_HINT);
  } catch (error) {
    if (
      errorCodeOf(error) === 'invalid_data' &&
      (await balanceIsEmpty(client, body.ReferenceCustomer))
    ) {
      throw nothingToBill(body, client.businessId);
    }
    throw error;
  }
  if (invoice === null) throw nothingToBill(body, client.businessId);
  return toInvoiceRecord(invoice);
}) satisfies CreatePerform<Record<string, unknown>, InvoiceRecord>;

export default defineCreate({
  key: 'bill_customer',
  noun: 'Invoice',
  display: {
    label: 'Bill Customer',
    description:
      "Bills a customer's pending balance now, and returns the invoice with its PDF link.",
  },
  operation: {
    perform,
    inputFields,
    sample: invoiceRecordSample,
    outputFields: [billingIdOutputField, ...invoiceOutputFields({ labelPrefix: 'Invoice ' })],
  },
});
