import type { SegmentChoice } from '../mappers/segmentRecord.js';

/* The segment dropdown's sample: the segment the sample customers belong to (`demo-eur`). */

/** One entry of the hidden segment dropdown trigger. */
export const segmentChoiceSample: SegmentChoice = {
  id: 'demo-eur',
  label: 'Demo EUR · demo-eur',
  ReferenceSegment: 'demo-eur',
  Name: 'Demo EUR',
  IdSegment: 69,
};
