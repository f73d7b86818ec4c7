import type { PlainOutputField } from 'zapier-platform-core';

import type { ProAbonoClient } from '../api/client.js';
import type { TriggerEvent } from '../api/webhooks.js';
import type { Block } from '../mappers/billingRecords.js';
import { eventOutputFields, eventRecord, type EventRecord } from './eventRecord.js';
import {
  DELIVERY_BUDGET_MS,
  defineInstantTrigger,
  type InstantTriggerSpec,
} from './instantTrigger.js';
import { readPatiently } from './patientRead.js';

/*
 * An instant trigger whose record is its notification: the event and its customer
 * (eventRecord.ts) and the blocks the notification carries, with at most one read from ProAbono
 * for what a notification lacks. A failed read never loses the event: it is delivered with what
 * the notification carries, and the failure is logged. Every instant trigger but Billing Address
 * Updated, which remembers addresses, is one.
 */

export type EventTriggerRecord = EventRecord & Record<string, unknown>;

/** The one read a notification needs. */
interface EventRead {
  /** What is read, for the logs: `invoice 5012`. */
  what: string;
  read: (client: ProAbonoClient, timeoutMs: number) => Promise<Block>;
  /** How the notification is delivered when the read fails: `without its PDF link`. */
  otherwise: string;
}

interface EventTriggerSpec<K extends string> extends Omit<
  InstantTriggerSpec<EventTriggerRecord, K>,
  'outputFields' | 'deliver' | 'samples'
> {
  /** The fields the trigger adds to the event's and its customer's. */
  outputFields?: PlainOutputField[];
  /** The read `event` needs, or `undefined` when its notification carries the whole record. */
  readFor?: (event: TriggerEvent) => EventRead | undefined;
  /**
   * The trigger's own fields, from the notification and what was read (`undefined` when nothing
   * was, or the read failed).
   */
  fields?: (event: TriggerEvent, read: Block | undefined) => Record<string, unknown>;
}

/** The block `name` of the notification, or `null` when it carries none. */
export const notificationBlock = (event: TriggerEvent, name: string): Block => {
  const block: unknown = (event.notification as Record<string, unknown>)[name];
  return typeof block === 'object' && block !== null ? (block as Block) : null;
};

export const defineEventTrigger = <const K extends string>(spec: EventTriggerSpec<K>) => {
  const { readFor, fields, outputFields = [], ...instantSpec } = spec;

  const recordOf = async (
    client: ProAbonoClient,
    event: TriggerEvent,
    deadline: number,
    log: (message: string) => void,
  ): Promise<EventTriggerRecord> => {
    const needed = readFor?.(event);
    let read: Block | undefined;
    if (needed !== undefined) {
      const result = await readPatiently(
        (timeoutMs) => needed.read(client, timeoutMs),
        deadline,
        (code) => log(`reading ${needed.what} failed (${code}); trying again.`),
      );
      if ('failure' in result || result.value === null) {
        const why = 'failure' in result ? result.failure : 'ProAbono has none';
        log(
          `could not read ${needed.what} (${why}); notification ${event.id} is delivered ` +
            `${needed.otherwise}.`,
        );
      } else {
        read = result.value;
      }
    }
    return { ...eventRecord(event, spec.events), ...fields?.(event, read) };
  };

  return defineInstantTrigger<EventTriggerRecord, K>({
    ...instantSpec,
    outputFields: [...eventOutputFields, ...outputFields],
    deliver: async ({ client, event, deadline, log }) => ({
      records: [await recordOf(client, event, deadline, log)],
    }),
    samples: async ({ client, log }, events) => {
      const records: EventTriggerRecord[] = [];
      // One after another: each may read, and ProAbono throttles bursts.
      for (const event of events) {
        records.push(await recordOf(client, event, Date.now() + DELIVERY_BUDGET_MS, log));
      }
      return records;
    },
  });
};
