import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { toSegmentChoice, type SegmentChoice } from '../mappers/segmentRecord.js';
import { segmentChoiceSample } from '../samples/segment.js';
import { withCleanErrors } from '../cleanErrors.js';

/** A business has a handful of segments; one page usually holds them all. */
export const SEGMENT_PAGE_SIZE = 100;

/** One page per call: Zapier's `meta.page` is 0-based, ProAbono's `Page` 1-based. */
export const perform = withCleanErrors(async (z, bundle) => {
  const page = bundle.meta?.page ?? 0;
  const client = createProAbonoClient(z, bundle);
  const { items } = await client.listSegments({ page: page + 1, sizePage: SEGMENT_PAGE_SIZE });
  return items.map(toSegmentChoice).filter((choice) => choice !== undefined);
}) satisfies PollingTriggerPerform<Record<string, unknown>, SegmentChoice>;

export default defineTrigger({
  key: 'segment_list',
  noun: 'Segment',
  display: {
    label: 'List Segments',
    description: 'Triggers when a segment is listed, to fill the segment dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: segmentChoiceSample,
  },
});
