import { prefixed } from '../hooks/eventRecord.js';
import type { PaymentEventRecord } from '../triggers/payment_event.js';
import { sampleGatewayPermissionFields } from './gatewayPermission.js';

/** The sample customer's card about to expire, as Payment Event delivers it. */
export const paymentEventSample: PaymentEventRecord = {
  id: 'trg_52477',
  TypeTrigger: 'GatewayPermissionSoonExpired',
  EventLabel: 'Payment Method Expires Soon',
  DateTrigger: '2026-11-30T06:00:02.480Z',
  IdCustomer: 233700,
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john.doe@example.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
  ...prefixed('GatewayPermission', sampleGatewayPermissionFields),
};
