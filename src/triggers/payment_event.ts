import { gatewayPermissionOutputFields } from '../fields/billingOutputFields.js';
import { prefixed } from '../hooks/eventRecord.js';
import { defineEventTrigger, notificationBlock } from '../hooks/eventTrigger.js';
import { gatewayPermissionFields } from '../mappers/billingRecords.js';
import { paymentEventSample } from '../samples/payment_event.js';

/*
 * Payment Event: the billing, charging and payment-method events the Zap picks. Their
 * notifications carry the customer, and the payment method (`GatewayPermission`) where one is
 * concerned: the whole record, with no read.
 */

const instant = defineEventTrigger({
  key: 'payment_event',
  noun: 'Payment Event',
  label: 'Payment Event',
  description: 'Triggers when a charge or a payment method succeeds, fails or expires.',
  events: [
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
  ],
  eventTypesHelp:
    'The payment events that run this Zap. ProAbono retries failed automatic payments by ' +
    'itself: a failed charge is not yet a lost payment, and Failed for Good is the last one.',
  outputFields: gatewayPermissionOutputFields({
    keyPrefix: 'GatewayPermission_',
    labelPrefix: 'Payment Method ',
  }),
  fields: (event) =>
    prefixed(
      'GatewayPermission',
      gatewayPermissionFields(notificationBlock(event, 'GatewayPermission')),
    ),
  sample: paymentEventSample,
});

export const { perform, performList, performSubscribe, performUnsubscribe } = instant;
export default instant.trigger;
