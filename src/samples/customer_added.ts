import type { EventRecord } from '../hooks/eventRecord.js';

/** A customer who signed up from the web site, as New Customer delivers it. */
export const customerAddedSample: EventRecord = {
  id: 'trg_51877',
  TypeTrigger: 'CustomerAdded',
  EventLabel: 'New Customer',
  DateTrigger: '2026-09-14T15:11:43.750Z',
  IdCustomer: 233714,
  ReferenceCustomer: 'cust-57',
  Name: 'Sophie Martin',
  Email: 'sophie.martin@example.com',
  Language: 'fr',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};
