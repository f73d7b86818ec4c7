import { invalidInput } from '../mappers/input.js';
import { quoted } from '../quoted.js';

/*
 * The ProAbono event types an instant trigger offers, and the Zap's pick among them (its
 * `event_types` input). Each trigger names its own types with plain-English labels; this module
 * only reads and checks a pick, so that the types registered with ProAbono and the types a
 * delivery is accepted for are the same list.
 */

export interface EventChoice {
  /** ProAbono's `TypeTrigger`, as registered with the webhook. */
  readonly code: string;
  /** What the user picks and what records call the event: "Invoice Paid". */
  readonly label: string;
  /** Other codes ProAbono's sources give for the same event, accepted on delivery. */
  readonly aliases?: readonly string[];
}

export const EVENT_TYPES_KEY = 'event_types';
const EVENT_TYPES_LABEL = 'Events';

const loose = (text: string) => text.trim().toLowerCase();

/** The trigger's event with this code or alias, whatever its case. */
export const eventChoiceOf = (
  events: readonly EventChoice[],
  code: string,
): EventChoice | undefined =>
  events.find(
    (event) =>
      loose(event.code) === loose(code) ||
      (event.aliases ?? []).some((alias) => loose(alias) === loose(code)),
  );

/** The items of a list input: Zapier gives a list; a mapped value may be one text of several. */
const listItems = (value: unknown): unknown[] => {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.flatMap(listItems);
  if (typeof value === 'string') return value.split(/[,\n]/).filter((item) => item.trim() !== '');
  return [value];
};

/**
 * The Zap's picked events, in the trigger's order, each once: by code, alias or label. Anything
 * else, or no pick at all, is refused with the accepted values. A trigger with one event has no
 * pick: it is that event.
 */
export const pickedEvents = (
  events: readonly EventChoice[],
  value: unknown,
): readonly EventChoice[] => {
  if (events.length === 1) return events;
  const items = listItems(value);
  const accepted = () => events.map((event) => `${event.label} (${event.code})`).join(', ');
  if (items.length === 0) {
    throw invalidInput(`${EVENT_TYPES_LABEL} is required: pick at least one of ${accepted()}.`);
  }
  const picked = new Set<EventChoice>();
  for (const item of items) {
    const text = typeof item === 'string' ? item : JSON.stringify(item);
    const event =
      eventChoiceOf(events, text) ?? events.find((choice) => loose(choice.label) === loose(text));
    if (event === undefined) {
      throw invalidInput(
        `${EVENT_TYPES_LABEL} holds ${quoted(text)}, which is not an event ` +
          `of this trigger. Pick among ${accepted()}.`,
      );
    }
    picked.add(event);
  }
  return events.filter((event) => picked.has(event));
};

/** The input field of a trigger whose Zap picks its events. */
export const eventTypesField = (events: readonly EventChoice[], helpText: string) => ({
  key: EVENT_TYPES_KEY,
  label: EVENT_TYPES_LABEL,
  type: 'string' as const,
  required: true,
  list: true,
  choices: events.map((event) => ({ value: event.code, label: event.label, sample: event.code })),
  helpText,
});
