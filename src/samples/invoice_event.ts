import { prefixed } from '../hooks/eventRecord.js';
import type { InvoiceEventRecord } from '../triggers/invoice_event.js';
import { sampleInvoiceFields } from './invoice.js';

/** The sample invoice, paid by card, as Invoice Event delivers it. */
export const invoiceEventSample: InvoiceEventRecord = {
  id: 'trg_52311',
  TypeTrigger: 'InvoiceDebitPaid',
  EventLabel: 'Invoice Paid',
  DateTrigger: '2026-11-18T14:45:03.020Z',
  IdCustomer: 233700,
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john.doe@example.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
  ...prefixed('Invoice', sampleInvoiceFields),
};
