import type { InvoiceFields, InvoiceRecord } from '../mappers/billingRecords.js';

/*
 * The sample invoice: the sample customer (`cust-42`) billed for its balance and charged on the
 * card on file. A debit invoice: the credit-note fields are empty.
 */

/** The sample invoice's fields, as every invoice record gives them. */
export const sampleInvoiceFields: InvoiceFields = {
  Id: 549013,
  IdCustomer: 233700,
  IdSegment: 69,
  ReferenceCustomer: 'cust-42',
  ReferenceSegment: 'demo-eur',
  FullNumber: 'S-69.00000033',
  Status: 'Paid',
  StateInvoice: 'Paid',
  TypeCredit: null,
  Reason: null,
  TypePayment: 'Card',
  Currency: 'EUR',
  AmountSubtotal: 109500,
  AmountSubtotalDecimal: '1095.00',
  AmountTotal: 131400,
  AmountTotalDecimal: '1314.00',
  DateIssue: '2026-11-18T14:43:15Z',
  // Paid by the card on file, charged as scheduled at issue.
  DatePayment: '2026-11-18T14:45:02Z',
  DatePaymentScheduled: '2026-11-18T14:43:15Z',
  DatePaymentLimit: '2026-12-18T00:00:00Z',
  DateUpdate: '2026-11-18T14:43:15Z',
  NoteLocalized: 'Purchase order PO-2026-118',
  PdfUrl: 'https://billing.example.com/portal-inv-pdf/aW52OjU0OTAxMw',
};

/** What Bill Customer and Find Invoice return. */
export const invoiceRecordSample: InvoiceRecord = {
  id: 549013,
  ...sampleInvoiceFields,
};
