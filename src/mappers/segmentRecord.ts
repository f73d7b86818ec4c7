import type { Segment } from '../api/schemas.js';
import { REFERENCE_MAX_LENGTH, validReference } from './customerInput.js';
import { quoted } from '../quoted.js';

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

/** How a log line names a segment: its Id and its name, as far as ProAbono gave them. */
const segmentName = (segment: Segment): string =>
  [
    segment.Id === undefined ? 'Segment' : `Segment ${segment.Id}`,
    segment.Name?.trim() ? quoted(segment.Name.trim()) : undefined,
  ]
    .filter(Boolean)
    .join(' ');

/** A segment's dropdown entry, or why it cannot be one. */
const choiceOrProblem = (segment: Segment): SegmentChoice | { problem: string } => {
  const reference = segment.ReferenceSegment?.trim();
  if (!reference) {
    return {
      problem: 'it has no reference, and the API Live takes a segment only by its reference',
    };
  }
  try {
    validReference(reference, 'Segment Reference');
  } catch {
    return {
      problem:
        `its reference ${quoted(reference)} is one the API Live refuses (over ` +
        `${REFERENCE_MAX_LENGTH} characters, or with < > ; " = ? &)`,
    };
  }
  const name = segment.Name?.trim() || null;
  return {
    id: reference,
    label: name === null || name === reference ? reference : `${name} · ${reference}`,
    ReferenceSegment: reference,
    Name: name,
    IdSegment: segment.Id ?? null,
  };
};

/**
 * A segment dropdown entry, `Demo EUR · demo-eur`, or `undefined` for a segment that cannot be
 * picked: the API Live addresses segments only by their reference, so one without a reference,
 * or with one the API Live refuses, cannot be sent.
 */
export const toSegmentChoice = (segment: Segment): SegmentChoice | undefined => {
  const choice = choiceOrProblem(segment);
  return 'problem' in choice ? undefined : choice;
};

/**
 * The dropdown entries of a page of segments, one per reference (Zapier refuses a list with two
 * entries of one `id`), and a sentence for each segment left out, saying why.
 */
export const toSegmentChoices = (
  segments: Segment[],
): { choices: SegmentChoice[]; leftOut: string[] } => {
  const choices = new Map<string, SegmentChoice>();
  const leftOut: string[] = [];
  for (const segment of segments) {
    const choice = choiceOrProblem(segment);
    const notOffered = `${segmentName(segment)} is not offered`;
    if ('problem' in choice) leftOut.push(`${notOffered}: ${choice.problem}.`);
    else if (choices.has(choice.id)) {
      leftOut.push(
        `${notOffered}: its reference ${quoted(choice.id)} is that of an entry listed before ` +
          'it, which stands for both.',
      );
    } else choices.set(choice.id, choice);
  }
  return { choices: [...choices.values()], leftOut };
};
