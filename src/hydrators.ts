import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import {
  POLLING_SCOPE,
  UNIDENTIFIED_SCOPE,
  compareWithMemory,
  holdAddressMemory,
  hydrationKey,
  lastAddressKey,
  readHydrated,
  readRememberedAddress,
  rememberAddress,
  rememberHydrated,
  type Hydrated,
} from './addressMemory.js';
import { createProAbonoClient } from './api/client.js';
import { ESCALATE, userError } from './api/errorFactories.js';
import { ADDRESS_FIELD_KEYS } from './api/addressFieldKeys.js';
import { timeOf } from './api/webhooks.js';
import { withCleanErrors } from './cleanErrors.js';
import { lazy } from './lazy.js';
import { filteredOutBecause } from './mappers/addressFilter.js';
import type { TrackedAddress } from './mappers/billingAddressUpdatedRecord.js';
import { addressFields } from './mappers/addressRecord.js';

/*
 * The functions Zapier calls to resolve a dehydrated placeholder inside a Zap run, so that an
 * address is read only when a Zap uses it, and a failure to read it can be replayed.
 */

/** What a dehydrated `billing_address` carries: enough to read one address, and no more. */
const billingAddressHydrationSchema = lazy(() =>
  zod.object({
    reference: zod.string().trim().min(1),
    /** Unique per event: Zapier caches a hydration for identical input for a few minutes. */
    notificationId: zod.string().min(1),
    /** When the event happened (ISO), so that an older event never reverts a newer address. */
    dateTrigger: zod.string().optional(),
    /**
     * Whose memory of the last address it compares with: the instant trigger's subscription when
     * it could not read the address at delivery time, else the polling trigger's.
     */
    scope: zod.string().min(1).optional(),
    /** False when nothing identified the instant Zap: it then shares no memory with anything. */
    remember: zod.boolean().optional(),
    /**
     * The polling Zap's filter, applied once the address is known: when the update does not pass
     * it, the Zap run stops there (halted, not failed). An instant record left to read carries
     * none: a filter never costs a notification.
     */
    filter: zod
      .object({
        onlyWhenChanged: zod.boolean(),
        watchFields: zod.array(zod.enum(ADDRESS_FIELD_KEYS)),
      })
      .optional(),
  }),
);
export type BillingAddressHydration = zod.infer<ReturnType<typeof billingAddressHydrationSchema>>;

/**
 * How long a hydration waits for another one of the same customer to give the last address back,
 * well inside the step's time.
 */
const HOLD_WAIT_MS = 15_000;

/**
 * Runs `work` on Zapier's cache; when the cache fails, says so in the log and goes on without it:
 * a memory lost costs a "changed" flag, never the run.
 */
const withCache = async <T>(z: ZObject, what: string, work: () => Promise<T>, fallback: T) => {
  try {
    return await work();
  } catch {
    z.console.log(
      `Billing Address Updated: Zapier's cache failed while ${what}; going on without it.`,
    );
    return fallback;
  }
};

/**
 * Resolves the `billing_address` placeholder of a Billing Address Updated record into the same
 * object an instant delivery carries. Zapier hydrates only what a Zap run uses, inside that run:
 * a failure here fails the run, which Zapier can replay, so the notification is never lost. The
 * polling trigger's records always arrive this way; the instant trigger's only when ProAbono
 * could not be read at delivery time. Hydrating the same placeholder again (a replay, a later
 * step) gives the same address and the same decision as the first time.
 */
export const hydrateBillingAddress = withCleanErrors(
  async (z: ZObject, bundle: Bundle): Promise<TrackedAddress> => {
    const input = billingAddressHydrationSchema().safeParse(bundle.inputData);
    if (!input.success) {
      throw userError(
        'This billing-address update does not name the customer whose address should be read. ' +
          `Replay this step; ${ESCALATE}.`,
        'invalid_hydration',
      );
    }
    const { reference, notificationId, scope = POLLING_SCOPE, filter } = input.data;
    const remember = input.data.remember !== false;
    const client = createProAbonoClient(z, bundle);
    const stopIfFiltered = ({ address, stoppedBecause }: Hydrated): TrackedAddress => {
      if (stoppedBecause !== undefined) {
        throw new z.errors.HaltedError(
          `This Zap run stops here: ${stoppedBecause} for customer "${reference}" (the trigger's filter).`,
        );
      }
      return address;
    };

    const doneKey = hydrationKey(
      client.businessId,
      remember ? scope : UNIDENTIFIED_SCOPE,
      notificationId,
    );
    const earlierHydration = () =>
      withCache(z, 'reading an earlier hydration', () => readHydrated(z, doneKey), null);
    const done = await earlierHydration();
    if (done !== null) return stopIfFiltered(done);
    const memoryKey = lastAddressKey(client.businessId, scope, reference);
    const giveBack = remember
      ? await holdAddressMemory(z, memoryKey, {
          deadline: Date.now() + HOLD_WAIT_MS,
          log: (line) => z.console.log(`Billing Address Updated: ${line}`),
        })
      : undefined;
    try {
      // Another hydration of this placeholder may have finished while this one waited.
      const doneMeanwhile = giveBack ? await earlierHydration() : null;
      if (doneMeanwhile !== null) return stopIfFiltered(doneMeanwhile);
      // Read while holding the memory: a read made before another hydration's, compared after it,
      // would report its older address as a change.
      const current = addressFields(await client.getBillingAddress(reference));
      const remembered = remember
        ? await withCache(
            z,
            'reading the last address',
            () => readRememberedAddress(z, memoryKey),
            null,
          )
        : null;
      const eventTime = timeOf(input.data.dateTrigger);
      const time = Number.isNaN(eventTime) ? Date.now() : eventTime;
      const { address, newest } = compareWithMemory(current, remembered, time);
      const why = filter === undefined ? undefined : filteredOutBecause(address, filter);
      const hydrated: Hydrated = why === undefined ? { address } : { address, stoppedBecause: why };
      await withCache(
        z,
        'remembering this hydration',
        () => rememberHydrated(z, doneKey, hydrated),
        undefined,
      );
      if (remember && newest) {
        await withCache(
          z,
          'remembering the address',
          () => rememberAddress(z, memoryKey, { address: current, time }),
          undefined,
        );
      }
      return stopIfFiltered(hydrated);
    } finally {
      await giveBack?.();
    }
  },
);
