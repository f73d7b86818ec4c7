import type { Segment } from '../api/schemas.js';

/*
 * A Backoffice segment as an entry of Create Customer's Segment dropdown, whose value is what the
 * API Live takes: the segment's reference, not the number the Backoffice knows it by.
 */

export type SegmentChoice = {
  /** The segment reference: what the API Live takes as `ReferenceSegment`. */
  id: string;
  label: string;
  ReferenceSegment: string;
  Name: string | null;
  IdSegment: number | null;
};

/**
 * A segment dropdown entry, `Demo EUR · demo-eur`, or `undefined` for a segment without a
 * reference: the API Live addresses segments only by their reference, so it cannot be picked.
 */
export const toSegmentChoice = (segment: Segment): SegmentChoice | undefined => {
  const reference = segment.ReferenceSegment?.trim();
  if (!reference) return undefined;
  const name = segment.Name?.trim() || null;
  return {
    id: reference,
    label: name === null || name === reference ? reference : `${name} · ${reference}`,
    ReferenceSegment: reference,
    Name: name,
    IdSegment: segment.Id ?? null,
  };
};
