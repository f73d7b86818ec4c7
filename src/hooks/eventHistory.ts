import type { ProAbonoClient } from '../api/client.js';
import type { Page, Notification } from '../api/schemas.js';
import { triggerEvent, type TriggerEvent } from '../api/webhooks.js';
import type { EventChoice } from './eventTypes.js';

/*
 * The newest notifications of ProAbono's event history (`RewindEvents`), for trigger samples and
 * the polling trigger. ProAbono documents neither the order of that history nor its page size;
 * its n8n node reads one item of the first page and takes it for the newest. Here the newest are
 * found either way: a first page that holds the whole history, or whose items run newest first,
 * is enough (one request, as before); a first page running oldest first means the newest are on
 * the last page, which is read next (with the one before it when the last is short).
 */

/** An event type, and how messages name its events. */
export interface HistoryType {
  code: string;
  about: string;
}

/** A trigger's event, as its history is read: messages name it by its label. */
export const historyTypeOf = ({ code, label }: EventChoice): HistoryType => ({
  code,
  about: `"${label}"`,
});

const byNewestFirst = (a: TriggerEvent, b: TriggerEvent): number =>
  a.time === b.time ? 0 : a.time > b.time ? -1 : 1;

/** True when the page's dated items run oldest first: its newest item comes last. */
const runsOldestFirst = (events: readonly TriggerEvent[]): boolean => {
  const first = events[0];
  const last = events[events.length - 1];
  return first !== undefined && last !== undefined && first.time < last.time;
};

/**
 * Up to `size` of one type's newest events. `readAt` dates notifications without a `DateTrigger`
 * (they count as read now). Pages are sized by what ProAbono returned, since it may hand back
 * fewer items than asked (an undocumented maximum page size).
 */
const newestOfType = async (
  client: ProAbonoClient,
  { code, about }: HistoryType,
  size: number,
  readAt: number,
): Promise<TriggerEvent[]> => {
  const read = (page: number): Promise<Page<Notification>> =>
    client.rewindEvents({ typeTrigger: code, about, page, sizePage: size });
  const asEvents = (page: Page<Notification>) =>
    page.items.map((notification) => triggerEvent(notification, readAt));

  const first = await read(1);
  const events = asEvents(first);
  const perPage = first.items.length;
  if (perPage === 0 || first.totalItems <= perPage || !runsOldestFirst(events)) return events;
  const lastPage = Math.ceil(first.totalItems / perPage);
  const last = asEvents(await read(lastPage));
  if (lastPage === 2) return [...events, ...last];
  if (last.length >= size) return last;
  return [...asEvents(await read(lastPage - 1)), ...last];
};

/**
 * The newest events of these types, newest first, at most `size`, one per notification `Id`
 * (a history that lists one twice gives one record, not Zapier's duplicate-id error). Events of
 * the same date keep ProAbono's order. One type's history per request, read side by side.
 */
export const newestEvents = async (
  client: ProAbonoClient,
  types: readonly HistoryType[],
  size: number,
  readAt: number = Date.now(),
): Promise<TriggerEvent[]> => {
  const perType = await Promise.all(types.map((type) => newestOfType(client, type, size, readAt)));
  const seen = new Set<string>();
  return perType
    .flat()
    .sort(byNewestFirst)
    .filter((event) => {
      if (seen.has(event.id)) return false;
      seen.add(event.id);
      return true;
    })
    .slice(0, size);
};
