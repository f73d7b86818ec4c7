import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { createProAbonoClient } from '../api/client.js';
import { redactSecrets } from '../api/redact.js';
import { toSegmentChoices, type SegmentChoice } from '../mappers/segmentRecord.js';
import { proAbonoPage } from '../mappers/zapierPage.js';
import { segmentChoiceSample } from '../samples/segment.js';
import { withCleanErrors } from '../cleanErrors.js';

/*
 * The hidden trigger behind Create Customer's Segment dropdown, so a user picks a segment rather
 * than types its reference; read from the Backoffice API, as the API Live lists no segments. The
 * Backoffice's segment list is not in ProAbono's documentation: when it is missing, the dropdown
 * is empty and the field still takes a typed or mapped reference.
 */

/** A business has a handful of segments; one page usually holds them all. */
export const SEGMENT_PAGE_SIZE = 100;

/**
 * One page per call. Every segment usable by its reference is offered, once per reference; each
 * one left out is named in the Zap's log with the reason.
 */
export const perform = withCleanErrors(async (z, bundle) => {
  const client = createProAbonoClient(z, bundle);
  const log = (line: string) =>
    z.console.log(redactSecrets(`Segment dropdown: ${line}`, bundle.authData));
  const list = await client.listSegments({
    page: proAbonoPage(bundle.meta?.page),
    sizePage: SEGMENT_PAGE_SIZE,
  });
  if ('missingStatus' in list) {
    log(
      `ProAbono's Backoffice answered HTTP ${list.missingStatus} to its segment list (GET ` +
        '/Organization/Segments), so no segment is offered. Type or map the segment reference ' +
        'instead.',
    );
    return [];
  }
  const { choices, leftOut } = toSegmentChoices(list.items);
  leftOut.forEach(log);
  return choices;
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
