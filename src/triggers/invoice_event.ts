import type { TriggerEvent } from '../api/webhooks.js';
import { invoiceOutputFields } from '../fields/billingOutputFields.js';
import { prefixed } from '../hooks/eventRecord.js';
import { defineEventTrigger, notificationBlock } from '../hooks/eventTrigger.js';
import { invoiceFields, type Block } from '../mappers/billingRecords.js';
import { invoiceEventSample } from '../samples/invoice_event.js';

/*
 * Invoice Event: the invoice and credit-note events the Zap picks. The notification carries the
 * invoice (`InvoiceDebit`) or credit note (`InvoiceCredit`) without its currency or its PDF link:
 * the record reads the invoice once from the API Live for them, and falls back on what the
 * notification carries when it cannot, so that the event is never lost.
 */

/** The invoice block of the notification: a debit invoice, or a credit note. */
const carriedInvoice = (event: TriggerEvent): Block =>
  notificationBlock(event, 'InvoiceDebit') ?? notificationBlock(event, 'InvoiceCredit');

const instant = defineEventTrigger({
  key: 'invoice_event',
  noun: 'Invoice Event',
  label: 'Invoice Event',
  description: 'Triggers when an invoice is issued, paid, refunded or overdue.',
  events: [
    { code: 'InvoiceDebitIssuedPaymentAuto', label: 'Invoice Issued, Automatic Payment' },
    { code: 'InvoiceDebitIssuedPaymentOffline', label: 'Invoice Issued, Payment Due' },
    { code: 'InvoiceDebitPaid', label: 'Invoice Paid' },
    { code: 'InvoiceDebitRefunded', label: 'Invoice Refunded' },
    { code: 'InvoiceDebitCancelled', label: 'Invoice Cancelled' },
    { code: 'InvoiceDebitPaymentAutoFailed', label: 'Invoice Automatic Payment Failed' },
    {
      // ProAbono's n8n node registers this spelling; its webhook guide writes …RequestedAuth.
      code: 'InvoiceDebitPaymentAutoRequestedAuto',
      label: 'Invoice Payment Needs Authentication',
      aliases: ['InvoiceDebitPaymentAutoRequestedAuth'],
    },
    { code: 'InvoiceDebitOverdue', label: 'Invoice Overdue' },
    { code: 'InvoiceDebitDisputed', label: 'Invoice Disputed' },
    { code: 'InvoiceDebitUncollectible', label: 'Invoice Uncollectible' },
    { code: 'InvoiceCreditIssued', label: 'Credit Note Issued' },
  ],
  eventTypesHelp:
    'The invoice and credit-note events that run this Zap. A refund or a cancellation also ' +
    'issues a credit note: pick Credit Note Issued to get it too.',
  outputFields: invoiceOutputFields({ keyPrefix: 'Invoice_', labelPrefix: 'Invoice ' }),
  readFor: (event) => {
    const id = carriedInvoice(event)?.Id;
    if (typeof id !== 'number' && typeof id !== 'string') return undefined;
    return {
      what: `invoice ${id}`,
      read: (client, timeout) => client.getInvoiceById(id, { timeout }),
      otherwise: 'with what it carries, without the currency and the PDF link',
    };
  },
  // The whole invoice, read by its Id, over what the notification carries.
  fields: (event, read) =>
    prefixed('Invoice', invoiceFields({ ...carriedInvoice(event), ...read })),
  sample: invoiceEventSample,
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
