import type { Query, Reply } from './http.js';
import { noContent, reply } from './http.js';

/*
 * ProAbono's paging, once for every list: the same query parameters and envelope on each
 * endpoint, and values out of range refused rather than clamped, so a client bug shows in tests.
 */

const MAX_SIZE_PAGE = 1000;
const DEFAULT_SIZE_PAGE = 10;

interface Paging {
  page: number;
  sizePage: number;
}

const integer = (raw: string | undefined): number | undefined =>
  raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;

/**
 * `Page` (1-based, default 1) and `SizePage` (0 to 1000, default 10; 0 = the count only). A value
 * outside those ranges is refused rather than clamped, so a client bug shows in tests.
 */
export const readPaging = (
  query: Query,
): Paging | { problem: string; target: 'Page' | 'SizePage' } => {
  const rawPage = query.get('Page');
  const rawSize = query.get('SizePage');
  const page = rawPage === undefined ? 1 : integer(rawPage);
  const sizePage = rawSize === undefined ? DEFAULT_SIZE_PAGE : integer(rawSize);
  if (page === undefined || page < 1) {
    return { problem: `Page must be an integer >= 1, got "${rawPage ?? ''}".`, target: 'Page' };
  }
  if (sizePage === undefined || sizePage > MAX_SIZE_PAGE) {
    return {
      problem: `SizePage must be an integer from 0 to ${MAX_SIZE_PAGE}, got "${rawSize ?? ''}".`,
      target: 'SizePage',
    };
  }
  return { page, sizePage };
};

/**
 * ProAbono's list envelope. A collection with nothing in it is a 204 with no body; a page past
 * the end of a non-empty collection is an envelope with no items.
 */
export const pageReply = <T>(all: readonly T[], paging: Paging, generatedAt: string): Reply => {
  if (all.length === 0) return noContent();
  const start = (paging.page - 1) * paging.sizePage;
  const items = paging.sizePage === 0 ? [] : all.slice(start, start + paging.sizePage);
  return reply(200, {
    Page: paging.page,
    SizePage: paging.sizePage,
    Count: items.length,
    TotalItems: all.length,
    DateGenerated: generatedAt,
    Items: items,
  });
};
