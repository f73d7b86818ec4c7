import { prefixed } from '../hooks/eventRecord.js';
import type { EventTriggerRecord } from '../hooks/eventTrigger.js';
import { sampleCustomer } from './customer.js';
import { sampleInvoiceFields } from './invoice.js';

/** The sample invoice, paid by card, as Invoice Event delivers it. */
export const invoiceEventSample: EventTriggerRecord = {
  id: 'trg_52311',
  TypeTrigger: 'InvoiceDebitPaid',
  EventLabel: 'Invoice Paid',
  DateTrigger: '2026-11-18T14:45:03.020Z',
  ...sampleCustomer,
  ...prefixed('Invoice', sampleInvoiceFields),
};
