import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { POLLING_SCOPE, lastAddressKey, trackBillingAddress } from './addressTracking.js';
import { createProAbonoClient } from './api/client.js';
import type { BillingAddressChange } from './mappers/billingAddressUpdated.js';

/** What the polling trigger puts in each placeholder: enough to read one address, and no more. */
export const BillingAddressHydrationSchema = zod.object({
  reference: zod.string().trim().min(1),
  /** Unique per event: Zapier caches a hydration for identical input for a few minutes. */
  notificationId: zod.string().min(1),
  /** Editor samples compare with nothing and leave the remembered address alone. */
  sample: zod.boolean().optional(),
});
export type BillingAddressHydration = zod.infer<typeof BillingAddressHydrationSchema>;

/**
 * Resolves the `billing_address` placeholder of a Billing Address Updated (Polling) record into
 * the same object the instant trigger delivers. Zapier only hydrates records it runs, so a poll
 * reads addresses only for events it has not seen. The last address seen is remembered per
 * business and customer, shared by every polling Zap on the connection's business.
 */
export const billingAddress = async (z: ZObject, bundle: Bundle): Promise<BillingAddressChange> => {
  const input = BillingAddressHydrationSchema.safeParse(bundle.inputData);
  if (!input.success) {
    throw new z.errors.Error(
      'This billing-address update does not name the customer whose address should be read. ' +
        'Replay the Zap run; if it fails again, send this message to the integration support.',
      'invalid_hydration',
    );
  }
  const { reference, sample = false } = input.data;
  const client = createProAbonoClient(z, bundle);
  return trackBillingAddress(z, client, reference, {
    memoryKey: sample ? null : lastAddressKey(client.businessId, POLLING_SCOPE, reference),
    remember: !sample,
    unknownCustomerIsEmpty: sample,
  });
};
