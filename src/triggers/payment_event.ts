import type { TriggerEvent } from '../api/webhooks.js';
import { gatewayPermissionOutputFields } from '../fields/billingOutputFields.js';
import {
  eventOutputFields,
  eventRecord,
  prefixed,
  type EventRecord,
} from '../hooks/eventRecord.js';
import { defineInstantTrigger } from '../hooks/instantTrigger.js';
import { gatewayPermissionFields, type Block } from '../mappers/billingRecords.js';
import { paymentEventSample } from '../samples/payment_event.js';

/*
 * Payment Event: the billing, charging and payment-method events the Zap picks. Their
 * notifications carry the customer, and the payment method (`GatewayPermission`) where one is
 * concerned: the whole record, with no read.
 */

const EVENTS = [
  { code: 'CustomerBillingSucceeded', label: 'Billing Succeeded' },
  { code: 'CustomerBillingFailed', label: 'Billing Failed' },
  { code: 'CustomerChargingSucceeded', label: 'Charge Succeeded' },
  { code: 'CustomerChargingPending', label: 'Charge Pending' },
  { code: 'CustomerChargingFailed', label: 'Charge Failed' },
  {
    code: 'CustomerChargingAutoFailedNoPermission',
    label: 'Automatic Charge Failed: No Valid Payment Method',
  },
  { code: 'CustomerChargingAutoFailedNoRetry', label: 'Automatic Charge Failed for Good' },
  { code: 'GatewayPermissionSoonExpired', label: 'Payment Method Expires Soon' },
  { code: 'GatewayPermissionExpired', label: 'Payment Method Expired' },
  { code: 'GatewayPermissionDefective', label: 'Payment Method Defective' },
  { code: 'GatewayPermissionInsufficientFunds', label: 'Insufficient Funds' },
  { code: 'GatewayPermissionPaymentIssues', label: 'Repeated Payment Issues' },
] as const;

export type PaymentEventRecord = EventRecord & Record<string, unknown>;

const paymentEventRecord = (event: TriggerEvent): PaymentEventRecord => {
  const block: unknown = (event.notification as Record<string, unknown>).GatewayPermission;
  const permission = typeof block === 'object' && block !== null ? (block as Block) : null;
  return {
    ...eventRecord(event, EVENTS),
    ...prefixed('GatewayPermission', gatewayPermissionFields(permission)),
  };
};

const instant = defineInstantTrigger<PaymentEventRecord, 'payment_event'>({
  key: 'payment_event',
  noun: 'Payment Event',
  label: 'Payment Event',
  description: 'Triggers when a charge or a payment method succeeds, fails or expires.',
  events: EVENTS,
  eventTypesHelp:
    'The payment events that run this Zap. ProAbono retries failed automatic payments by ' +
    'itself: a failed charge is not yet a lost payment, and Failed for Good is the last one.',
  outputFields: [
    ...eventOutputFields,
    ...gatewayPermissionOutputFields({
      keyPrefix: 'GatewayPermission_',
      labelPrefix: 'Payment Method ',
    }),
  ],
  sample: paymentEventSample,
  deliver: ({ event }) => Promise.resolve({ records: [paymentEventRecord(event)] }),
  samples: (_context, events) => Promise.resolve(events.map(paymentEventRecord)),
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
