import { defineEventTrigger } from '../hooks/eventTrigger.js';
import { customerEventSample } from '../samples/customer_event.js';

/*
 * Customer Event: the customer status and payment-method events the Zap picks. Their
 * notifications carry the customer only, which is the whole record: no read from ProAbono.
 */

const instant = defineEventTrigger({
  key: 'customer_event',
  noun: 'Customer Event',
  label: 'Customer Event',
  description: "Triggers when a customer's status or payment method changes.",
  events: [
    { code: 'CustomerSuspended', label: 'Customer Suspended' },
    { code: 'CustomerEnabled', label: 'Customer Enabled' },
    { code: 'CustomerIsGreyListed', label: 'Customer Grey-Listed' },
    // An older help page names it CustomerSettingsPaymentUpdated; the webhook guide: never sent.
    { code: 'CustomerPaymentMethodUpdated', label: 'Payment Method Updated' },
  ],
  eventTypesHelp:
    'The events that run this Zap. Suspended and Enabled follow an agent or the API; ' +
    'Grey-Listed marks suspicious behaviour on a payment form.',
  sample: customerEventSample,
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
