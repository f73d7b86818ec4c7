import { jest } from '@jest/globals';
import nock from 'nock';

import App from '../../index.js';
import {
  hydrateRecord,
  parsePlaceholder,
  placeholder,
  placeholderBundle,
} from '../../sandbox/zapier/zapierHarness.js';
import { hydrateBillingAddress } from '../../src/hydrators.js';
import { perform as instantPerform } from '../../src/triggers/billing_address_updated.js';
import { perform, pollSize } from '../../src/triggers/billing_address_updated_polling.js';
import {
  AUTH,
  UNAUTHORIZED,
  addressReadApi,
  appTester,
  captureLogs,
  clearZcache,
  liveApi,
  rejectionOf,
  rewindEventsApi,
  rewindEventsRequest,
  zcache,
} from '../support/app.js';
import { NO_PREVIOUS } from '../support/records.js';
import {
  expiredAuth,
  firstLineOf,
  invalidHydration,
  serverError,
  unknownCustomer,
} from '../support/errors.js';
import { delivery, erikaNotification } from '../support/billingAddressUpdated.js';
import { FAILING_CACHE, withZCache } from '../support/fakeZ.js';

const EVENT = 'CustomerBillingAddressUpdated';
const TARGET = 'https://hooks.zapier.com/hooks/standard/1234567/a1b2c3d4e5f6/';

const ADDRESS = {
  Company: 'Mustermann GmbH',
  FirstName: 'Erika',
  LastName: 'Mustermann',
  AddressLine1: 'Heidestraße 17',
  AddressLine2: null,
  ZipCode: '51147',
  City: 'Köln',
  Country: 'DE',
  Region: null,
  Phone: '+4922112345678',
  TaxInformation: 'DE136695976',
};

/**
 * The newest `count` events, one minute apart, newest first (the generous sandbox's order; the
 * other order costs a read of the last page too: test/hooks/eventHistory.test.ts).
 */
const history = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    erikaNotification(
      `trg_${1000 + index}`,
      new Date(Date.UTC(2026, 8, 1) + index * 60_000).toISOString(),
      `cust-${index % 7}`,
    ),
  ).reverse();

/** Erika's polled record: her address is left for Zapier to hydrate. */
const polledErika = (id: string, DateTrigger: string) => ({
  id,
  DateTrigger,
  ReferenceCustomer: 'cust-43',
  Name: 'Erika Mustermann',
  Email: 'erika@example.de',
  Language: 'de',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
  billing_address: placeholder('hydrators.billingAddress', {
    reference: 'cust-43',
    notificationId: id,
    dateTrigger: DateTrigger,
  }),
});

/** ProAbono answers one address read (no Links, unlike the instant trigger's). */
const addressReadReply = (reference: string, address: object = ADDRESS) =>
  addressReadApi(reference).reply(200, address);

beforeEach(() => {
  clearZcache();
});
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
});

describe('poll', () => {
  it.each([
    [10, {}],
    [100, {}],
    [1000, { isPopulatingDedupe: true }],
  ])('costs one request for %d events, and reads no address', async (count, meta) => {
    const scope = rewindEventsApi(count === 1000 ? 1000 : 100, history(count), 4_812);
    const records = await appTester(perform, { authData: { ...AUTH }, meta });
    expect(scope.isDone()).toBe(true);
    expect(records).toHaveLength(count);
    expect(new Set(records.map((record) => record.id)).size).toBe(count);
    expect(zcache()).toEqual({});
  });

  it('returns records newest first, id = notification Id, the address as a placeholder', async () => {
    rewindEventsApi(100, [
      erikaNotification('trg_1', '2026-09-14T10:00:00Z'),
      erikaNotification(90017, '2026-09-15T10:00:00Z'),
    ]);
    await expect(appTester(perform, { authData: { ...AUTH } })).resolves.toEqual([
      polledErika('90017', '2026-09-15T10:00:00.000Z'),
      polledErika('trg_1', '2026-09-14T10:00:00.000Z'),
    ]);
  });

  it('points every placeholder at the hydrator registered on the app', async () => {
    rewindEventsApi(100, history(3));
    const records = await appTester(perform, { authData: { ...AUTH } });
    for (const record of records) {
      expect(parsePlaceholder(record.billing_address)).toMatchObject({
        type: 'method',
        method: 'hydrators.billingAddress',
      });
    }
    expect(App.hydrators?.billingAddress).toBe(hydrateBillingAddress);
  });

  it('leaves out other event types and events without a customer', async () => {
    rewindEventsApi(100, [
      erikaNotification('trg_1', '2026-09-14T10:00:00Z'),
      { ...erikaNotification('trg_2', '2026-09-14T11:00:00Z'), TypeTrigger: 'CustomerAdded' },
      { ...erikaNotification('trg_3', '2026-09-14T12:00:00Z'), Customer: null },
    ]);
    const records = await appTester(perform, { authData: { ...AUTH } });
    expect(records.map((record) => record.id)).toEqual(['trg_1']);
  });

  it('returns nothing for a business without events (204)', async () => {
    rewindEventsApi(100, []);
    await expect(appTester(perform, { authData: { ...AUTH } })).resolves.toEqual([]);
  });

  it.each([
    ['Zapier limit', { limit: 25 }, 25],
    ['a limit above what one request allows', { limit: 5000 }, 1000],
    ['no limit (-1)', { limit: -1 }, 100],
    [
      'filling the dedupe table when the Zap is turned on',
      { isPopulatingDedupe: true, limit: 25 },
      1000,
    ],
  ])('asks for the right page size with %s', async (_case, meta, size) => {
    const scope = rewindEventsApi(size, history(2));
    await appTester(perform, { authData: { ...AUTH }, meta });
    expect(scope.isDone()).toBe(true);
  });

  it('gives editor samples their address already: 3 events, one read per customer, nothing remembered', async () => {
    rewindEventsApi(3, [
      erikaNotification('trg_3', '2026-09-16T10:00:00Z', 'cust-43'),
      erikaNotification('trg_2', '2026-09-15T10:00:00Z', 'cust-44'),
      erikaNotification('trg_1', '2026-09-14T10:00:00Z', 'cust-43'),
    ]);
    addressReadReply('cust-43');
    liveApi().get('/v1/CustomerAddressBilling').query({ ReferenceCustomer: 'cust-44' }).reply(403);
    const records = await appTester(perform, {
      authData: { ...AUTH },
      meta: { isLoadingSample: true },
    });
    expect(records.map((record) => record.id)).toEqual(['trg_3', 'trg_2', 'trg_1']);
    const first = {
      ...ADDRESS,
      CountryName: 'Germany',
      changed_fields: [],
      previous_address_known: false,
      ...NO_PREVIOUS,
    };
    expect(records.map((record) => record.billing_address)).toEqual([
      first,
      {
        ...Object.fromEntries(Object.keys(ADDRESS).map((key) => [key, null])),
        CountryName: null,
        changed_fields: [],
        previous_address_known: false,
        ...NO_PREVIOUS,
      },
      first,
    ]);
    expect(zcache()).toEqual({});
  });

  it('skips, and logs, an event in the history it cannot read; the poll still comes through', async () => {
    const logs = captureLogs();
    rewindEventsApi(100, [
      erikaNotification('trg_2', '2026-09-15T10:00:00Z'),
      { Id: 'trg_bad', TypeTrigger: EVENT, DateTrigger: 17 },
      erikaNotification('trg_1', '2026-09-14T10:00:00Z'),
    ]);
    const records = await appTester(perform, { authData: { ...AUTH } });
    jest.restoreAllMocks();
    expect(records.map((record) => record.id)).toEqual(['trg_2', 'trg_1']);
    expect(logs).toEqual([
      "Skipped item 2 (Id trg_bad) of ProAbono's answer to GET " +
        '/Notification/WebhookNotifications/RewindEvents while reading recent "Billing Address ' +
        'Updated" events: it is not in the expected format (DateTrigger: Invalid input: expected ' +
        'string, received number). The other items were used.',
    ]);
  });

  it.each([
    [undefined, 100],
    [{}, 100],
    [{ limit: 0 }, 100],
    [{ limit: 12.7 }, 12],
    [{ limit: 1000 }, 1000],
    [{ isLoadingSample: true, limit: 50 }, 3],
    [{ isPopulatingDedupe: true, isLoadingSample: true }, 1000],
  ])('pollSize(%j) = %d', (meta, size) => {
    expect(pollSize(meta)).toBe(size);
  });

  it('maps a 401 to an expired connection', async () => {
    rewindEventsRequest(100).reply(401, UNAUTHORIZED);
    const error = await rejectionOf(appTester(perform, { authData: { ...AUTH } }));
    expect(firstLineOf(error)).toEqual(expiredAuth());
  });

  it('reports a server error as replayable', async () => {
    rewindEventsRequest(100).reply(500, { Code: 'Error', Message: 'Unexpected' });
    const error = await rejectionOf(appTester(perform, { authData: { ...AUTH } }));
    expect(error).toEqual(serverError('reading recent "Billing Address Updated" events', 500));
  });
});

describe('hydrator', () => {
  const hydrate = (inputData: object) =>
    appTester(hydrateBillingAddress, { authData: { ...AUTH }, inputData });

  it('resolves a placeholder into the very billing_address the instant trigger delivers', async () => {
    rewindEventsApi(100, [erikaNotification('trg_1', '2026-09-14T10:00:00Z')]);
    const [polled] = await appTester(perform, { authData: { ...AUTH } });
    expect(parsePlaceholder(polled?.billing_address)?.method).toBe('hydrators.billingAddress');
    const scope = addressReadReply('cust-43');
    const { billing_address: hydrated } = await hydrateRecord(App, appTester, polled ?? {}, AUTH);
    expect(scope.isDone()).toBe(true);

    // The same event delivered to the instant trigger, signed.
    addressReadReply('cust-43');
    const [delivered] = await appTester(
      instantPerform,
      delivery(erikaNotification('trg_1', '2026-09-14T10:00:00Z'), {
        subscribeData: undefined,
        targetUrl: TARGET,
      }),
    );
    expect(hydrated).toEqual(delivered?.billing_address);
  });

  it('compares with the last address a polling Zap of the business saw for the customer', async () => {
    addressReadReply('cust-43');
    await hydrate({
      reference: 'cust-43',
      notificationId: 'trg_1',
      dateTrigger: '2026-09-14T10:00:00Z',
    });
    expect(JSON.parse(zcache()['proabono:v1:address:42:polling:cust-43'] ?? 'null')).toEqual({
      address: ADDRESS,
      time: Date.parse('2026-09-14T10:00:00Z'),
    });
    addressReadReply('cust-43', { ...ADDRESS, City: 'Bonn', ZipCode: '53111' });
    await expect(hydrate({ reference: 'cust-43', notificationId: 'trg_2' })).resolves.toMatchObject(
      {
        City: 'Bonn',
        ZipCode: '53111',
        changed_fields: ['ZipCode', 'City'],
        previous_address_known: true,
        previous_ZipCode: '51147',
        previous_City: 'Köln',
        previous_Company: null,
      },
    );
  });

  it("compares a record the instant trigger could not complete with that subscription's memory", async () => {
    addressReadReply('cust-43');
    await hydrate({ reference: 'cust-43', notificationId: 'trg_1', scope: 'webhook:7001' });
    expect(Object.keys(zcache()).sort()).toEqual([
      'proabono:v1:address:42:webhook:7001:cust-43',
      'proabono:v1:hydrated:42:webhook:7001:trg_1',
    ]);
  });

  it('gives the same address every time the same placeholder is hydrated: one read', async () => {
    addressReadReply('cust-43');
    const placeholderInput = { reference: 'cust-43', notificationId: 'trg_1' };
    const first = await hydrate(placeholderInput);
    // A replay, or a later step using the same field: the memory moved on, the answer does not.
    const again = await hydrate(placeholderInput);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ previous_address_known: false, City: 'Köln' });
  });

  it('stops the run the same way every time for a placeholder its filter stopped', async () => {
    const filter = { onlyWhenChanged: true, watchFields: [] };
    addressReadReply('cust-43');
    await hydrate({
      reference: 'cust-43',
      notificationId: 'trg_1',
      scope: 'polling:zap:9',
      filter,
    });
    addressReadReply('cust-43');
    const unchanged = {
      reference: 'cust-43',
      notificationId: 'trg_2',
      scope: 'polling:zap:9',
      filter,
    };
    const stopped = await rejectionOf(hydrate(unchanged));
    expect(stopped).toMatchObject({ name: 'HaltedError' });
    expect(await rejectionOf(hydrate(unchanged))).toEqual(stopped);
  });

  it('never reverts: an older event hydrated after a newer one carries the newer address', async () => {
    const bonn = { ...ADDRESS, City: 'Bonn', ZipCode: '53111' };
    addressReadReply('cust-43', bonn);
    await hydrate({
      reference: 'cust-43',
      notificationId: 'trg_2',
      dateTrigger: '2026-09-15T10:00:00Z',
    });
    // The older event's read is answered with the address before the move.
    addressReadReply('cust-43');
    await expect(
      hydrate({
        reference: 'cust-43',
        notificationId: 'trg_1',
        dateTrigger: '2026-09-14T10:00:00Z',
      }),
    ).resolves.toMatchObject({ City: 'Bonn', ZipCode: '53111', changed_fields: [] });
    expect(JSON.parse(zcache()['proabono:v1:address:42:polling:cust-43'] ?? 'null')).toEqual({
      address: bonn,
      time: Date.parse('2026-09-15T10:00:00Z'),
    });
  });

  it('shares no memory for an instant record of a Zap nothing identified, and gives it the same address again', async () => {
    const placeholderInput = { reference: 'cust-43', notificationId: 'trg_1', remember: false };
    addressReadReply('cust-43');
    const first = await hydrate(placeholderInput);
    expect(first).toMatchObject({ previous_address_known: false, City: 'Köln' });
    // No address remembered; only what this notification was hydrated into, under no Zap's name.
    expect(Object.keys(zcache())).toEqual(['proabono:v1:hydrated:42:unidentified:trg_1']);
    // A replay after the customer moved: the same record, and no second read.
    await expect(hydrate(placeholderInput)).resolves.toEqual(first);
  });

  it("reads the address even when Zapier's cache fails, and says so", async () => {
    const logs = captureLogs();
    addressReadReply('cust-43');
    const z = await appTester(withZCache(hydrateBillingAddress, FAILING_CACHE), {
      authData: { ...AUTH },
      inputData: { reference: 'cust-43', notificationId: 'trg_1' },
    });
    jest.restoreAllMocks();
    expect(z).toMatchObject({ City: 'Köln', previous_address_known: false });
    expect(logs).toEqual([
      "Billing Address Updated: Zapier's cache failed while reading an earlier hydration; going on without it.",
      "Billing Address Updated: Zapier's cache failed while holding the last address; this run goes on without holding it.",
      "Billing Address Updated: Zapier's cache failed while reading the last address; going on without it.",
      "Billing Address Updated: Zapier's cache failed while remembering this hydration; going on without it.",
      "Billing Address Updated: Zapier's cache failed while remembering the address; going on without it.",
    ]);
  });

  it('reports a customer ProAbono no longer knows when a Zap runs', async () => {
    addressReadApi('cust-gone').reply(403);
    const error = await rejectionOf(hydrate({ reference: 'cust-gone', notificationId: 'trg_9' }));
    expect(error).toEqual(unknownCustomer('cust-gone'));
  });

  it.each([[{}], [{ reference: '  ', notificationId: 'trg_1' }], [{ reference: 'cust-43' }]])(
    'refuses a placeholder without a customer or notification (%j), before any request',
    async (inputData) => {
      expect(await rejectionOf(hydrate(inputData))).toEqual(invalidHydration());
    },
  );

  it('maps a 401 to an expired connection', async () => {
    addressReadApi('cust-43').reply(401, UNAUTHORIZED);
    const error = await rejectionOf(hydrate({ reference: 'cust-43', notificationId: 'trg_1' }));
    expect(firstLineOf(error)).toEqual(expiredAuth());
  });
});

describe('filters', () => {
  const hydrate = (inputData: object) =>
    appTester(hydrateBillingAddress, { authData: { ...AUTH }, inputData });
  const filter = { onlyWhenChanged: true, watchFields: [] };

  it("hands the Zap's filter and its own memory to the hydration when Zapier names the Zap", async () => {
    rewindEventsApi(100, [erikaNotification('trg_1', '2026-09-14T10:00:00Z')]);
    const [record] = await appTester(perform, {
      authData: { ...AUTH },
      inputData: { only_when_changed: 'yes', watch_fields: ['City'] },
      meta: { zap: { id: '991', user: { timezone: 'UTC' } } },
    });
    expect(placeholderBundle(record?.billing_address)).toEqual({
      reference: 'cust-43',
      notificationId: 'trg_1',
      dateTrigger: '2026-09-14T10:00:00.000Z',
      scope: 'polling:zap:991',
      filter: { onlyWhenChanged: true, watchFields: ['City'] },
    });
  });

  it('leaves the filter out when the Zap is not named: the memory is shared by the business', async () => {
    rewindEventsApi(100, [erikaNotification('trg_1', '2026-09-14T10:00:00Z')]);
    const [record] = await appTester(perform, { authData: { ...AUTH } });
    expect(placeholderBundle(record?.billing_address)).toEqual({
      reference: 'cust-43',
      notificationId: 'trg_1',
      dateTrigger: '2026-09-14T10:00:00.000Z',
    });
  });

  it('stops the Zap run (halted, not failed) when the filter leaves the update out', async () => {
    const inputData = { reference: 'cust-43', scope: 'polling:zap:991', filter };
    addressReadReply('cust-43');
    await expect(hydrate({ ...inputData, notificationId: 'trg_1' })).resolves.toMatchObject({
      previous_address_known: false,
    });
    addressReadReply('cust-43');
    const error = await rejectionOf(hydrate({ ...inputData, notificationId: 'trg_2' }));
    expect(error).toEqual({
      name: 'HaltedError',
      message:
        'This Zap run stops here: the address is the same as the last one this Zap saw for ' +
        'customer "cust-43" (the trigger\'s filter).',
    });
    addressReadReply('cust-43', { ...ADDRESS, City: 'Bonn' });
    await expect(hydrate({ ...inputData, notificationId: 'trg_3' })).resolves.toMatchObject({
      City: 'Bonn',
      changed_fields: ['City'],
    });
  });
});

describe('definition', () => {
  it('is a polling trigger with a Title Case label and a "Triggers when" description', () => {
    const trigger = App.triggers.billing_address_updated_polling;
    expect(trigger.display.label).toBe('Billing Address Updated (Every Few Minutes)');
    expect(trigger.display.description).toMatch(/^Triggers when .+\.$/);
    expect(trigger.operation.outputFields).toBe(
      App.triggers.billing_address_updated.operation.outputFields,
    );
    expect(trigger.operation.sample).toBe(App.triggers.billing_address_updated.operation.sample);
  });
});
