import {
  defineTrigger,
  type Bundle,
  type InputField,
  type PlainOutputField,
  type WebhookTriggerPerform,
  type WebhookTriggerPerformList,
  type WebhookTriggerPerformSubscribe,
  type WebhookTriggerPerformUnsubscribe,
  type ZObject,
} from 'zapier-platform-core';

import { createProAbonoClient, type ProAbonoClient } from '../api/client.js';
import { classifyDelivery, type TriggerEvent } from '../api/webhooks.js';
import { withCleanErrors } from '../cleanErrors.js';
import { claimNotification, type OwnedClaim } from '../deliveryClaims.js';
import { historyTypeOf, newestEvents } from './eventHistory.js';
import {
  EVENT_TYPES_KEY,
  eventChoiceOf,
  eventTypesField,
  pickedEvents,
  type EventChoice,
} from './eventTypes.js';
import { deliveredKey, subscriptionScope } from './scopes.js';
import {
  confirmVerification,
  hookUrlOf,
  subscribe,
  subscribeDataOf,
  unsubscribe,
} from './webhookLifecycle.js';

/*
 * The one webhook machinery every instant trigger shares: registration for exactly the Zap's
 * event types, ProAbono's verification handshake, the signature check, one Zap run per
 * notification whatever ProAbono's at-least-once delivery does, no secret in any message, and
 * samples from ProAbono's event history. A trigger brings only its events, its record and its
 * sample (`InstantTriggerSpec`).
 */

/**
 * Zapier gives a delivery 30 seconds. Within this budget a copy waits for another copy of the
 * same notification, and a trigger retries its read; what is left after it covers the cache
 * writes.
 */
export const DELIVERY_BUDGET_MS = 25_000;
/** Samples: Zapier's editor shows three; a full list is for the "load more" of a Zap test. */
const SAMPLE_SIZE = 3;
const LIST_SIZE = 10;

type Log = (message: string) => void;

/** What a trigger is handed for one notification this Zap accepted. */
export interface DeliveryContext {
  z: ZObject;
  bundle: Bundle;
  client: ProAbonoClient;
  event: TriggerEvent;
  /**
   * This Zap's own memory in `z.cache`, or `undefined` when nothing identifies the Zap: then it
   * must remember nothing, since a memory would be shared with every Zap of the business.
   */
  scope: string | undefined;
  /** Epoch ms by which the trigger's reads must be done. */
  deadline: number;
  log: Log;
}

/** What a trigger is handed to turn history events into sample records. */
interface SampleContext {
  z: ZObject;
  bundle: Bundle;
  client: ProAbonoClient;
  log: Log;
}

export interface Delivered<R> {
  records: R[];
  /**
   * Runs once the records are marked delivered, for what the trigger remembers of them: written
   * earlier, a copy that then failed would make the next copy find its change already seen.
   */
  afterDelivered?: () => Promise<void>;
}

export interface InstantTriggerSpec<R extends object, K extends string = string> {
  key: K;
  noun: string;
  label: string;
  /** Starts "Triggers when". */
  description: string;
  /** More than one: the Zap picks among them in `event_types`. */
  events: readonly EventChoice[];
  /** The help of the event picker. */
  eventTypesHelp?: string;
  /** The trigger's own input fields, after the event picker. */
  inputFields?: InputField[];
  /** Refuses the trigger's own input when the Zap is turned on (never at a delivery). */
  checkInput?: (inputData: Record<string, unknown>) => void;
  outputFields: PlainOutputField[];
  sample: R;
  /** The records of one accepted notification, with at most one read from ProAbono. */
  deliver: (context: DeliveryContext) => Promise<Delivered<R>>;
  /** Sample records for the Zap editor, built like deliveries but remembering nothing. */
  samples: (context: SampleContext, events: TriggerEvent[]) => Promise<R[]>;
}

/** A Zap's claim when nothing can be claimed: it runs without the check for copies. */
const UNCHECKED: OwnedClaim = {
  kind: 'owner',
  delivered: () => Promise.resolve(),
  release: () => Promise.resolve(),
};

/**
 * The Zap's events: its pick when it can be read, else what its webhook was registered for, else
 * every event of the trigger. A delivery never fails on a pick (the Zap was turned on with it).
 */
const deliveryEvents = (
  spec: InstantTriggerSpec<object>,
  bundle: Bundle,
): readonly EventChoice[] => {
  try {
    return pickedEvents(spec.events, bundle.inputData[EVENT_TYPES_KEY]);
  } catch {
    const registered = (subscribeDataOf(bundle).types ?? [])
      .map((code) => eventChoiceOf(spec.events, code))
      .filter((event): event is EventChoice => event !== undefined);
    return registered.length > 0 ? registered : spec.events;
  }
};

/**
 * This copy's claim on the notification (deliveryClaims.ts), or `undefined`, logged, when another
 * copy received it or is still handling it: that copy runs the Zap.
 */
const claimOnce = async (
  z: ZObject,
  log: Log,
  businessId: number,
  scope: string | undefined,
  event: TriggerEvent,
  deadline: number,
): Promise<OwnedClaim | undefined> => {
  if (scope === undefined) {
    log(
      `notification ${event.id} names no webhook and Zapier gave no hook URL; it runs without ` +
        'the check for copies, and nothing is remembered of it.',
    );
    return UNCHECKED;
  }
  const claim = await claimNotification(z, deliveredKey(businessId, scope, event.id), {
    now: Date.now,
    waitUntil: deadline,
    onCacheFailure: (what) => {
      log(`Zapier's cache failed while ${what} for notification ${event.id}; the Zap still runs.`);
    },
  });
  switch (claim.kind) {
    case 'delivered':
      log(`ignored notification ${event.id}: this Zap already received it.`);
      return undefined;
    case 'running-elsewhere':
      log(
        `notification ${event.id} is still being handled by another copy of it, which runs the Zap.`,
      );
      return undefined;
    case 'unchecked':
      log(
        `Zapier's cache failed while checking notification ${event.id} for copies; it runs without ` +
          'the check rather than be lost.',
      );
      return UNCHECKED;
    default:
      return claim;
  }
};

/** An instant trigger on the shared webhook machinery. */
export const defineInstantTrigger = <R extends object, const K extends string = string>(
  spec: InstantTriggerSpec<R, K>,
) => {
  const logger =
    (z: ZObject): Log =>
    (message) => {
      z.console.log(`${spec.label}: ${message}`);
    };

  const performSubscribe = withCleanErrors(async (z, bundle) => {
    // Input that cannot be read stops the Zap from being turned on, not a delivery later.
    const events = pickedEvents(spec.events, bundle.inputData[EVENT_TYPES_KEY]);
    spec.checkInput?.(bundle.inputData);
    return subscribe(
      z,
      bundle,
      events.map((event) => event.code),
      events.map((event) => event.aliases?.[0] ?? event.code),
      logger(z),
    );
  }) satisfies WebhookTriggerPerformSubscribe;

  const performUnsubscribe = withCleanErrors(async (z, bundle) =>
    unsubscribe(z, bundle, logger(z)),
  ) satisfies WebhookTriggerPerformUnsubscribe;

  /**
   * One delivery from ProAbono: the verification handshake, or a notification of one of the Zap's
   * events turned into its records. Each notification runs the Zap once, however many times and
   * however close together ProAbono delivers it (deliveryClaims.ts).
   */
  const perform = withCleanErrors(async (z, bundle) => {
    const receivedAt = Date.now();
    const deadline = receivedAt + DELIVERY_BUDGET_MS;
    const log = logger(z);
    const delivery = classifyDelivery({
      body: bundle.cleanedRequest,
      rawRequest: bundle.rawRequest,
      secret: bundle.authData.webhookSecret,
      receivedAt,
    });
    switch (delivery.kind) {
      case 'forged':
        log(`ignored a delivery because ${delivery.reason}.`);
        return [];
      case 'ignored':
        log(`ignored ${delivery.reason}.`);
        return [];
      case 'verification':
        await confirmVerification(z, bundle, delivery.delivery, log);
        return [];
    }
    const { event } = delivery;
    const events = deliveryEvents(spec, bundle);
    const accepted = eventChoiceOf(events, event.type);
    if (accepted === undefined) {
      log(
        `ignored notification ${event.id} (${event.type}): this Zap runs on ` +
          `${events.map((choice) => choice.code).join(', ')}.`,
      );
      return [];
    }
    if (event.reference === '') {
      log(`ignored notification ${event.id}: it names no customer reference.`);
      return [];
    }
    const client = createProAbonoClient(z, bundle);
    const scope = subscriptionScope({
      webhookId: subscribeDataOf(bundle).id ?? delivery.webhookId,
      hookUrl: hookUrlOf(bundle),
    });
    const claim = await claimOnce(z, log, client.businessId, scope, event, deadline);
    if (claim === undefined) return [];
    let delivered: Delivered<R>;
    try {
      delivered = await spec.deliver({ z, bundle, client, event, scope, deadline, log });
    } catch (error) {
      await claim.release();
      throw error;
    }
    await claim.delivered();
    try {
      await delivered.afterDelivered?.();
    } catch {
      log(`Zapier's cache failed while remembering notification ${event.id}; its record is sent.`);
    }
    return delivered.records;
  }) satisfies WebhookTriggerPerform;

  /**
   * Recent real events of the Zap's types for the Zap editor, newest first, built like
   * deliveries, so the fields a user maps in the editor are the fields a live Zap receives. None
   * when ProAbono's history has none: Zapier then shows the static sample itself, marked as a
   * sample, rather than an invented record.
   */
  const performList = withCleanErrors(async (z, bundle) => {
    const client = createProAbonoClient(z, bundle);
    const size = bundle.meta?.isLoadingSample === true ? SAMPLE_SIZE : LIST_SIZE;
    const events = deliveryEvents(spec, bundle);
    const history = await newestEvents(client, events.map(historyTypeOf), size);
    const kept = history.filter(
      (event) => event.reference !== '' && eventChoiceOf(events, event.type) !== undefined,
    );
    return spec.samples({ z, bundle, client, log: logger(z) }, kept);
  }) satisfies WebhookTriggerPerformList;

  const inputFields: InputField[] = [
    ...(spec.events.length > 1 ? [eventTypesField(spec.events, spec.eventTypesHelp ?? '')] : []),
    ...(spec.inputFields ?? []),
  ];

  const trigger = defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook',
      inputFields,
      perform,
      performList,
      performSubscribe,
      performUnsubscribe,
      outputFields: spec.outputFields,
      sample: spec.sample as Record<string, unknown>,
    },
  });
  return { trigger, perform, performList, performSubscribe, performUnsubscribe };
};
