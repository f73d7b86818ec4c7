import { newestEvents, type HistoryType } from '../../src/hooks/eventHistory.js';
import { expectOnlyTheseRequests, rewindEventsApi, withClient } from '../support/app.js';
import { notification } from '../support/billingAddressUpdated.js';

/*
 * ProAbono documents neither the order of its event history nor its page size: whichever way it
 * lists them, the newest events come out, newest first, each once, with the fewest pages read.
 */

const ADDRESS: HistoryType = { code: 'CustomerBillingAddressUpdated', about: 'billing-address' };
const PAID: HistoryType = { code: 'InvoiceDebitPaid', about: '"Invoice Paid"' };
const READ_AT = Date.UTC(2026, 9, 1, 12, 0, 0);

/** The history's nth notification of a type, a minute after the previous one. */
const nth = (n: number, type = ADDRESS.code) =>
  notification({
    Id: `trg_${n}`,
    TypeTrigger: type,
    DateTrigger: new Date(Date.UTC(2026, 8, 1, 0, n)).toISOString(),
  });
const ids = (events: { id: string }[]) => events.map((event) => event.id);

const newest = (types: HistoryType[], size: number) =>
  withClient((client) => newestEvents(client, types, size, READ_AT));

describe('newestEvents', () => {
  it('reads one page when the history runs newest first', async () => {
    const scope = rewindEventsApi(3, [nth(9), nth(8), nth(7)], 9);
    expect(ids(await newest([ADDRESS], 3))).toEqual(['trg_9', 'trg_8', 'trg_7']);
    expectOnlyTheseRequests(scope);
  });

  it('reads one page when it holds the whole history, in any order', async () => {
    const scope = rewindEventsApi(10, [nth(1), nth(3), nth(2)]);
    expect(ids(await newest([ADDRESS], 10))).toEqual(['trg_3', 'trg_2', 'trg_1']);
    expectOnlyTheseRequests(scope);
  });

  it('reads the last page when the first runs oldest first', async () => {
    const first = rewindEventsApi(3, [nth(1), nth(2), nth(3)], 9);
    const last = rewindEventsApi(3, [nth(7), nth(8), nth(9)], 9, { page: 3 });
    expect(ids(await newest([ADDRESS], 3))).toEqual(['trg_9', 'trg_8', 'trg_7']);
    expectOnlyTheseRequests(first, last);
  });

  it('reads the page before a short last page too', async () => {
    const first = rewindEventsApi(3, [nth(1), nth(2), nth(3)], 8);
    const last = rewindEventsApi(3, [nth(7), nth(8)], 8, { page: 3 });
    const before = rewindEventsApi(3, [nth(4), nth(5), nth(6)], 8, { page: 2 });
    expect(ids(await newest([ADDRESS], 3))).toEqual(['trg_8', 'trg_7', 'trg_6']);
    expectOnlyTheseRequests(first, last, before);
  });

  it('uses the first page too when the history has two pages', async () => {
    const first = rewindEventsApi(3, [nth(1), nth(2), nth(3)], 4);
    const last = rewindEventsApi(3, [nth(4)], 4, { page: 2 });
    expect(ids(await newest([ADDRESS], 3))).toEqual(['trg_4', 'trg_3', 'trg_2']);
    expectOnlyTheseRequests(first, last);
  });

  it('counts pages by what ProAbono returned when it gives fewer items than asked', async () => {
    // Asked for 5, given 2 per page: 6 events are 3 pages of 2.
    const first = rewindEventsApi(5, [nth(1), nth(2)], 6);
    const last = rewindEventsApi(5, [nth(5), nth(6)], 6, { page: 3 });
    const before = rewindEventsApi(5, [nth(3), nth(4)], 6, { page: 2 });
    expect(ids(await newest([ADDRESS], 5))).toEqual(['trg_6', 'trg_5', 'trg_4', 'trg_3']);
    expectOnlyTheseRequests(first, last, before);
  });

  it('merges several types newest first, each read on its own', async () => {
    const addresses = rewindEventsApi(3, [nth(5), nth(1)]);
    const paid = rewindEventsApi(3, [nth(4, PAID.code), nth(3, PAID.code)], 2, {
      type: PAID.code,
    });
    expect(ids(await newest([ADDRESS, PAID], 3))).toEqual(['trg_5', 'trg_4', 'trg_3']);
    expectOnlyTheseRequests(addresses, paid);
  });

  it('gives one event per notification Id, and none for an empty history (204)', async () => {
    rewindEventsApi(5, [nth(2), nth(2), nth(1)]);
    expect(ids(await newest([ADDRESS], 5))).toEqual(['trg_2', 'trg_1']);
    rewindEventsApi(5, []);
    expect(await newest([ADDRESS], 5)).toEqual([]);
  });

  it('dates a notification without DateTrigger when it was read, rather than drop it', async () => {
    const undated = { ...nth(1), DateTrigger: undefined };
    rewindEventsApi(5, [nth(2), undated]);
    const events = await newest([ADDRESS], 5);
    expect(events.map(({ id, date }) => ({ id, date }))).toEqual([
      { id: 'trg_1', date: new Date(READ_AT).toISOString() },
      { id: 'trg_2', date: '2026-09-01T00:02:00.000Z' },
    ]);
  });
});
