import { createHash } from 'node:crypto';

/*
 * Whose memory a delivery uses in `z.cache`. Zapier's cache is shared by every user of the
 * integration, so every key starts with the ProAbono business: two businesses never read each
 * other's entries. Within a business, each Zap remembers under its own subscription: two Zaps get
 * the same notification Ids, and both must run.
 */

/** A short, stable tag of a hook URL (which itself is a secret of the Zap: never stored as is). */
export const hookUrlTag = (url: string): string =>
  createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 16);

/**
 * One Zap's subscription: the webhook registered for it (from the subscribe data, or named by the
 * delivery itself), else its hook URL. `undefined` when a delivery carries none of them: such a
 * delivery shares no memory with anything.
 */
export const subscriptionScope = ({
  webhookId,
  hookUrl,
}: {
  webhookId?: string;
  hookUrl?: string;
}): string | undefined => {
  if (webhookId !== undefined && webhookId !== '') return `webhook:${webhookId}`;
  if (hookUrl !== undefined && hookUrl !== '') return `url:${hookUrlTag(hookUrl)}`;
  return undefined;
};

/** Where a Zap's claim on one notification lives (deliveryClaims.ts). */
export const deliveredKey = (businessId: number, scope: string, notificationId: string): string =>
  `proabono:v1:delivered:${businessId}:${scope}:${notificationId}`;
