import type { TriggerEvent } from '../api/webhooks.js';
import { invoiceOutputFields } from '../fields/billingOutputFields.js';
import {
  eventOutputFields,
  eventRecord,
  prefixed,
  type EventRecord,
} from '../hooks/eventRecord.js';
import { defineInstantTrigger, type DeliveryContext } from '../hooks/instantTrigger.js';
import { readPatiently } from '../hooks/patientRead.js';
import { invoiceFields, type Block } from '../mappers/billingRecords.js';
import { invoiceEventSample } from '../samples/invoice_event.js';

/*
 * Invoice Event: the invoice and credit-note events the Zap picks. The notification carries the
 * invoice (`InvoiceDebit`) or credit note (`InvoiceCredit`) without its currency or its PDF link:
 * the record reads the invoice once from the API Live for them, and falls back on what the
 * notification carries when it cannot, so that the event is never lost.
 */

const EVENTS = [
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
] as const;

export type InvoiceEventRecord = EventRecord & Record<string, unknown>;

/** The invoice block of the notification: a debit invoice, or a credit note. */
const carriedInvoice = (event: TriggerEvent): Block => {
  const notification = event.notification as Record<string, unknown>;
  const block: unknown = notification.InvoiceDebit ?? notification.InvoiceCredit;
  return typeof block === 'object' && block !== null ? (block as Block) : null;
};

/**
 * The whole invoice, read once by its Id, over what the notification carries; the carried one
 * alone when it has no Id or the read fails in the delivery's time.
 */
const invoiceOf = async ({
  client,
  event,
  deadline,
  log,
}: Pick<DeliveryContext, 'client' | 'event' | 'deadline' | 'log'>): Promise<Block> => {
  const carried = carriedInvoice(event);
  const id = carried?.Id;
  if (typeof id !== 'number' && typeof id !== 'string') return carried;
  const read = await readPatiently(
    (timeout) => client.getInvoiceById(id, { timeout }),
    deadline,
    (code) => log(`reading invoice ${id} failed (${code}); trying again.`),
  );
  if ('failure' in read || read.value === null) {
    const why = 'failure' in read ? read.failure : 'ProAbono has no such invoice';
    log(
      `could not read invoice ${id} (${why}); notification ${event.id} is delivered with what it ` +
        'carries, without the currency and the PDF link.',
    );
    return carried;
  }
  return { ...carried, ...read.value };
};

const invoiceEventRecord = (event: TriggerEvent, invoice: Block): InvoiceEventRecord => ({
  ...eventRecord(event, EVENTS),
  ...prefixed('Invoice', invoiceFields(invoice)),
});

const instant = defineInstantTrigger<InvoiceEventRecord, 'invoice_event'>({
  key: 'invoice_event',
  noun: 'Invoice Event',
  label: 'Invoice Event',
  description: 'Triggers when an invoice is issued, paid, refunded or overdue.',
  events: EVENTS,
  eventTypesHelp:
    'The invoice and credit-note events that run this Zap. A refund or a cancellation also ' +
    'issues a credit note: pick Credit Note Issued to get it too.',
  outputFields: [
    ...eventOutputFields,
    ...invoiceOutputFields({ keyPrefix: 'Invoice_', labelPrefix: 'Invoice ' }),
  ],
  sample: invoiceEventSample,
  deliver: async (context) => ({
    records: [invoiceEventRecord(context.event, await invoiceOf(context))],
  }),
  samples: async ({ client, log }, events) => {
    const records: InvoiceEventRecord[] = [];
    for (const event of events) {
      const invoice = await invoiceOf({ client, event, log, deadline: Date.now() + 25_000 });
      records.push(invoiceEventRecord(event, invoice));
    }
    return records;
  },
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
