import { defineEventTrigger } from '../hooks/eventTrigger.js';
import { customerAddedSample } from '../samples/customer_added.js';

/*
 * New Customer: a ProAbono webhook for `CustomerAdded`. The notification carries the customer,
 * which is the whole record: no read from ProAbono.
 */

const instant = defineEventTrigger({
  key: 'customer_added',
  noun: 'Customer',
  label: 'New Customer',
  description: 'Triggers when a new customer is added.',
  events: [{ code: 'CustomerAdded', label: 'New Customer' }],
  sample: customerAddedSample,
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
