import { defineInstantTrigger } from '../hooks/instantTrigger.js';
import { eventOutputFields, eventRecord, type EventRecord } from '../hooks/eventRecord.js';
import { customerEventSample } from '../samples/customer_event.js';

/*
 * Customer Event: the customer status and payment-method events the Zap picks. Their
 * notifications carry the customer only, which is the whole record: no read from ProAbono.
 */

const EVENTS = [
  { code: 'CustomerSuspended', label: 'Customer Suspended' },
  { code: 'CustomerEnabled', label: 'Customer Enabled' },
  { code: 'CustomerIsGreyListed', label: 'Customer Grey-Listed' },
  // An older help page names it CustomerSettingsPaymentUpdated; the webhook guide: never sent.
  { code: 'CustomerPaymentMethodUpdated', label: 'Payment Method Updated' },
] as const;

const instant = defineInstantTrigger<EventRecord, 'customer_event'>({
  key: 'customer_event',
  noun: 'Customer Event',
  label: 'Customer Event',
  description: "Triggers when a customer's status or payment method changes.",
  events: EVENTS,
  eventTypesHelp:
    'The events that run this Zap. Suspended and Enabled follow an agent or the API; ' +
    'Grey-Listed marks suspicious behaviour on a payment form.',
  outputFields: eventOutputFields,
  sample: customerEventSample,
  deliver: ({ event }) => Promise.resolve({ records: [eventRecord(event, EVENTS)] }),
  samples: (_context, events) => Promise.resolve(events.map((event) => eventRecord(event, EVENTS))),
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
