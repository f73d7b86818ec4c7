import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { withCleanErrors } from '../cleanErrors.js';
import { dropdownCustomer } from '../mappers/billingInput.js';
import { toOfferChoices, type OfferChoice } from '../mappers/billingRecords.js';
import { offerChoiceSample } from '../samples/offer.js';

/*
 * The hidden trigger behind the Offer dropdown of Create Subscription and Find Subscription.
 *
 * When the step already names its customer, the dropdown lists what that customer may subscribe
 * to: the API Live's `GET /v1/Offers` with the customer and its own segment (without it, ProAbono
 * would look in the default segment, silently). Otherwise it lists every segment's offers from
 * the Backoffice's `GET /Sub/Offers`, as ProAbono's own n8n node does: that list is documented in
 * ProAbono's Backoffice reference and covers every segment in one paged list. `/v1/Offers` segment
 * by segment would need the list of segments, which only the Backoffice's
 * `/Organization/Segments` gives, an endpoint ProAbono documents nowhere, and would page through
 * each segment in turn.
 */

/** Zapier asks for more while the user scrolls; 100 a page keeps each call quick. */
const OFFER_PAGE_SIZE = 100;

/**
 * One page per call (Zapier's `meta.page` is 0-based, ProAbono's `Page` 1-based). With a customer
 * in the step, one more request first, to learn the customer's segment; a customer ProAbono does
 * not know gives the offers of every segment.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const page = (bundle.meta?.page ?? 0) + 1;
  const client = createProAbonoClient(z, bundle);
  const reference = dropdownCustomer(bundle.inputData ?? {});
  const customer = reference === undefined ? null : await client.getCustomer(reference);
  if (customer !== null) {
    const { items } = await client.listOffers({
      page,
      sizePage: OFFER_PAGE_SIZE,
      customer: customer.ReferenceCustomer,
      ...(customer.ReferenceSegment ? { segment: customer.ReferenceSegment } : {}),
    });
    return toOfferChoices(items, { withSegment: false });
  }
  const { items } = await client.listAllOffers({ page, sizePage: OFFER_PAGE_SIZE });
  return toOfferChoices(items, { withSegment: true });
}) satisfies PollingTriggerPerform<Record<string, unknown>, OfferChoice>;

export default defineTrigger({
  key: 'offer_list',
  noun: 'Offer',
  display: {
    label: 'List Offers',
    description: 'Triggers when an offer is listed, to fill the offer dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: offerChoiceSample,
  },
});
