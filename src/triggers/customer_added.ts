import { defineInstantTrigger } from '../hooks/instantTrigger.js';
import { eventOutputFields, eventRecord, type EventRecord } from '../hooks/eventRecord.js';
import { customerAddedSample } from '../samples/customer_added.js';

/*
 * New Customer: a ProAbono webhook for `CustomerAdded`. The notification carries the customer,
 * which is the whole record: no read from ProAbono.
 */

const EVENTS = [{ code: 'CustomerAdded', label: 'New Customer' }] as const;

const instant = defineInstantTrigger<EventRecord, 'customer_added'>({
  key: 'customer_added',
  noun: 'Customer',
  label: 'New Customer',
  description: 'Triggers when a new customer is added.',
  events: EVENTS,
  outputFields: eventOutputFields,
  sample: customerAddedSample,
  deliver: ({ event }) => Promise.resolve({ records: [eventRecord(event, EVENTS)] }),
  samples: (_context, events) => Promise.resolve(events.map((event) => eventRecord(event, EVENTS))),
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
