import type { EventRecord } from '../hooks/eventRecord.js';
import { sampleCustomer } from './customer.js';

/** A customer an agent suspended, as Customer Event delivers it. */
export const customerEventSample: EventRecord = {
  id: 'trg_51902',
  TypeTrigger: 'CustomerSuspended',
  EventLabel: 'Customer Suspended',
  DateTrigger: '2026-09-15T09:42:10.120Z',
  ...sampleCustomer,
  Status: 'Suspended',
};
