/*
 * The lines an instant trigger or a dropdown writes to the Zap's log (z.console), one builder
 * each: the only place in test/ where their wording is written, as test/support/errors.ts is for
 * errors.
 */

/** Why a delivery ran no Zap, as `classifyDelivery` (src/api/webhooks.ts) words it. */
export const DELIVERY_REFUSALS = {
  noSignature: 'the x-proabono-signature header is missing',
  noKey: 'the x-proabono-key header is missing',
  wrongSignature:
    'its x-proabono-signature header does not match the Webhook Security Key of the connection',
  noSecret:
    'the ProAbono connection has no Webhook Security Key to check its signature with (add the ' +
    'key to the connection, then turn the Zap off and on again)',
  notANotification: 'a delivery that is not a ProAbono notification',
} as const;

/** A delivery that ran no Zap; `reason` from DELIVERY_REFUSALS. */
export const ignoredDelivery = (trigger: string, reason: string): string =>
  `${trigger}: ignored a delivery because ${reason}.`;

/** A notification delivered again: claimed already, by this copy or another. */
export const alreadyReceived = (trigger: string, id: string): string =>
  `${trigger}: ignored notification ${id}: this Zap already received it.`;

/** Billing Address Updated's filter dropped a notification; `why` is one of the two below. */
export const noRecord = (id: string, reference: string, why: string): string =>
  `Billing Address Updated: no record for notification ${id} of customer "${reference}": ${why}.`;

/** Nothing changed (of the watched fields, `watching` as the log lists them). */
export const sameAddress = (watching?: string): string =>
  'the address is the same as the last one this Zap saw' +
  (watching === undefined ? '' : ` (watching ${watching})`);

/** Other fields than the watched ones changed. */
export const noWatchedChange = (watching: string, changed: string): string =>
  `none of the watched fields changed (watching ${watching}; changed: ${changed})`;

/** The Segment dropdown's line when the Backoffice has no segment list: it answered `status`. */
export const noSegmentList = (status: number): string =>
  `Segment dropdown: ProAbono's Backoffice answered HTTP ${status} to its segment list (GET ` +
  '/Organization/Segments), so no segment is offered. Type or map the segment reference instead.';

/** The customer dropdown left out a customer whose reference an earlier entry already stands for. */
export const customerNotOffered = (customer: string, reference: string, first: string): string =>
  `Customer dropdown: ${customer} is not offered: it has the reference "${reference}" of ` +
  `${first}, listed before it, whose entry stands for both.`;
