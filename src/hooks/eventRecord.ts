import type { PlainOutputField } from 'zapier-platform-core';

import type { TriggerEvent } from '../api/webhooks.js';
import { customerOutputFields } from '../fields/outputFields.js';
import { notificationCustomerBlock, type CustomerBlock } from '../mappers/customerRecord.js';
import { eventChoiceOf, type EventChoice } from './eventTypes.js';

/*
 * What every event trigger's record starts with, flat: the event (its notification Id, its type
 * and the type's plain-English label, its date) and the customer the notification names, read as
 * every customer record is (customerRecord.ts). A trigger adds the block its event carries.
 */

export type EventRecord = {
  /** The notification `Id`: one per event, Zapier's dedupe key too. */
  id: string;
  TypeTrigger: string;
  /** The label the Zap's event picker shows for the type: "Invoice Paid". */
  EventLabel: string;
  DateTrigger: string;
  IdCustomer: number | null;
} & CustomerBlock;

/** The event and its customer; the segment is the notification's. */
export const eventRecord = (event: TriggerEvent, events: readonly EventChoice[]): EventRecord => {
  const customerId = event.notification.Customer?.Id;
  return {
    id: event.id,
    TypeTrigger: event.type,
    EventLabel: eventChoiceOf(events, event.type)?.label ?? event.type,
    DateTrigger: event.date,
    IdCustomer: typeof customerId === 'number' ? customerId : null,
    ...notificationCustomerBlock(event),
  };
};

export const eventOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Notification ID', type: 'string' },
  { key: 'TypeTrigger', label: 'Event Type', type: 'string' },
  { key: 'EventLabel', label: 'Event', type: 'string' },
  { key: 'DateTrigger', label: 'Event Date', type: 'datetime' },
  { key: 'IdCustomer', label: 'ProAbono Customer ID', type: 'integer' },
  ...customerOutputFields,
];

/**
 * The `prefix`ed copy of a block's flat fields (`Subscription_Status`), so that blocks with fields
 * of the same name (two customers, a subscription and its offer) sit side by side in one record.
 */
export const prefixed = <T extends object>(prefix: string, fields: T): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([key, value]) => [`${prefix}_${key}`, value]));
