import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { POLLING_SCOPE, lastAddressKey, readAndTrackAddress } from './triggerMemory.js';
import { createProAbonoClient } from './api/client.js';
import { ESCALATE, userError } from './api/userError.js';
import { ADDRESS_FIELD_KEYS } from './api/schemas.js';
import { withCleanErrors } from './cleanErrors.js';
import { lazy } from './lazy.js';
import { filteredOutBecause } from './mappers/addressFilter.js';
import type { TrackedAddress } from './mappers/billingAddressUpdatedRecord.js';

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
    /**
     * Whose memory of the last address it compares with: the instant trigger's subscription when
     * it could not read the address at delivery time, else the polling trigger's.
     */
    scope: zod.string().min(1).optional(),
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
 * Resolves the `billing_address` placeholder of a Billing Address Updated record into the same
 * object an instant delivery carries. Zapier hydrates only what a Zap run uses, inside that run:
 * a failure here fails the run, which Zapier can replay, so the notification is never lost. The
 * polling trigger's records always arrive this way; the instant trigger's only when ProAbono
 * could not be read at delivery time.
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
    const { reference, scope = POLLING_SCOPE, filter } = input.data;
    const client = createProAbonoClient(z, bundle);
    const change = await readAndTrackAddress(
      z,
      client,
      reference,
      lastAddressKey(client.businessId, scope, reference),
    );
    const why = filter === undefined ? undefined : filteredOutBecause(change, filter);
    if (why !== undefined) {
      throw new z.errors.HaltedError(
        `This Zap run stops here: ${why} for customer "${reference}" (the trigger's filter).`,
      );
    }
    return change;
  },
);
