import { iso31662 } from 'iso-3166';

/*
 * A Region written as a code becomes the ISO 3166-2 code ProAbono documents, only when that is
 * certain. Its own module because the subdivision table is large: the package loads it on first
 * use only, trimmed to its codes (scripts/packaging.ts).
 */

const SUBDIVISIONS = new Set(iso31662.map((entry) => entry.code));
const ISO_3166_2 = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const BARE_SUBDIVISION = /^[A-Z0-9]{1,3}$/;

/**
 * ProAbono documents `Region` as an ISO 3166-2 code (`FR-75`, `US-CA`) but stores any text, so
 * only what is clearly a code is touched: a full code is upper-cased as written (ProAbono's own
 * examples use codes the standard has since renamed, such as `FR-75`), and a bare code is
 * completed with the step's Country only when the standard lists the result (`CA` + `US`).
 * Anything else, such as a region name, is sent as typed.
 */
export const normaliseRegion = (text: string, country?: string): string => {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (ISO_3166_2.test(upper)) return upper;
  if (country && BARE_SUBDIVISION.test(upper)) {
    const completed = `${country}-${upper}`;
    if (SUBDIVISIONS.has(completed)) return completed;
  }
  return trimmed;
};
