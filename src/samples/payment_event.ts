import { prefixed } from '../hooks/eventRecord.js';
import type { EventTriggerRecord } from '../hooks/eventTrigger.js';
import { sampleCustomer } from './customer.js';
import { sampleGatewayPermissionFields } from './gatewayPermission.js';

/** The sample customer's card about to expire, as Payment Event delivers it. */
export const paymentEventSample: EventTriggerRecord = {
  id: 'trg_52477',
  TypeTrigger: 'GatewayPermissionSoonExpired',
  EventLabel: 'Payment Method Expires Soon',
  DateTrigger: '2026-11-30T06:00:02.480Z',
  ...sampleCustomer,
  ...prefixed('GatewayPermission', sampleGatewayPermissionFields),
};
