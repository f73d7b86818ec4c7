import type { Bundle } from 'zapier-platform-core';

import App from '../../index.js';
import type { Notification } from '../../sandbox/index.js';
import { hydrateRecord, parsePlaceholder } from '../../sandbox/zapier/zapierHarness.js';
import { perform as updateBillingAddress } from '../../src/creates/update_customer_billing_address.js';
import { perform } from '../../src/triggers/billing_address_updated_polling.js';
import { appTester, clearZcache, zcache } from '../support/app.js';
import { settle, useHookTrigger } from '../support/hookTrigger.js';
import { expectedRecord, mappableShape } from '../support/records.js';
import { addressRead, newestEventReads, rewindEvents } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/**
 * The real app's Billing Address Updated (Polling) trigger against the sandbox, with Zapier's side
 * played by the test: a poll, then the hydration Zapier runs only for records it has not seen.
 */

const env = useSandbox();
const { start } = useHookTrigger(env);
beforeEach(clearZcache);

type PolledRecord = { id: string; billing_address: unknown } & Record<string, unknown>;

const poll = (meta: Partial<Bundle['meta']> = {}) =>
  appTester(perform, { authData: { ...env.sandbox.authData }, meta }) as Promise<PolledRecord[]>;

/** What core's `z.dehydrate` wrote in place of the address. */
const placeholderOf = (record: PolledRecord) => parsePlaceholder(record.billing_address);

/** Zapier resolving the placeholder of a record it is about to run: the app's own hydrator. */
const hydrate = async (record: PolledRecord) => {
  expect(placeholderOf(record)?.method).toBe('hydrators.billingAddress');
  return (await hydrateRecord(App, appTester, record, env.sandbox.authData)).billing_address;
};

/** Newest first, as the trigger must return them. */
const newestIds = (events: Notification[], count: number) =>
  events
    .map(({ Id }) => Id)
    .reverse()
    .slice(0, count);

const updateAddress = (ReferenceCustomer: string, changes: Record<string, unknown>) =>
  appTester(updateBillingAddress, {
    authData: { ...env.sandbox.authData },
    inputData: { ReferenceCustomer, ...changes },
  });

describe('a poll', () => {
  it.each([10, 1000])(
    'reads the newest page of %d events (one request when ProAbono lists them newest first), and no address',
    async (count) => {
      const events = env.sandbox.addEvents(count);
      const records = await poll();

      expect(requestLog(env.sandbox)).toEqual(newestEventReads(env.sandbox, count, 100));
      expect(records.map(({ id }) => id)).toEqual(newestIds(events, 100));
      // Each address is a placeholder naming its own event: Zapier hydrates only the ones it runs.
      expect(records.map(placeholderOf)).toEqual(
        records.map(({ id }) =>
          expect.objectContaining({ bundle: expect.objectContaining({ notificationId: id }) }),
        ),
      );
      expect(zcache()).toEqual({});
    },
  );

  it.each<[string, Partial<Bundle['meta']>, number]>([
    ["Zapier's limit", { limit: 5 }, 5],
    ['the dedupe table being filled (Zap turned on)', { isPopulatingDedupe: true }, 1000],
  ])('respects %s', async (_case, meta, size) => {
    const events = env.sandbox.addEvents(1000);
    const records = await poll(meta);

    expect(requestLog(env.sandbox)).toEqual(newestEventReads(env.sandbox, 1000, size));
    expect(records.map(({ id }) => id)).toEqual(newestIds(events, size));
  });

  it('lists only billing-address events, as records with exactly the instant fields', async () => {
    env.sandbox.addEvents(3, { typeTrigger: 'CustomerAdded' });
    const events = env.sandbox.addEvents(2, { references: ['cust-gb-004'] });
    const [newest, older] = [events[1], events[0]];
    if (!newest || !older) throw new Error('addEvents added nothing');
    const records = await poll();

    const placeholder = ({ Id, DateTrigger }: { Id: string; DateTrigger: string }) => ({
      type: 'method',
      method: 'hydrators.billingAddress',
      bundle: { reference: 'cust-gb-004', notificationId: Id, dateTrigger: DateTrigger },
    });
    expect(records.map(placeholderOf)).toEqual([placeholder(newest), placeholder(older)]);
    const address = env.sandbox.customers.address('cust-gb-004');
    if (!address) throw new Error('cust-gb-004 is not seeded');
    expect(records).toEqual(
      [newest, older].map((event) => ({
        ...expectedRecord(event, address, null),
        billing_address: expect.stringMatching(/^hydrate\|\|\|/),
      })),
    );
  });
});

describe('hydration', () => {
  it('gives the billing address of the instant record, one request per record Zapier runs', async () => {
    // The instant trigger, turned on at the same time, as a reference.
    const hooks = await start();
    await hooks.subscribe();
    await settle(env.sandbox, hooks);

    // Zapier turns the polling Zap on: the dedupe table is filled, nothing is hydrated or run.
    env.sandbox.addEvents(40);
    env.sandbox.resetRequests();
    const seen = new Set((await poll({ isPopulatingDedupe: true })).map(({ id }) => id));
    expect(seen.size).toBe(40);
    expect(requestLog(env.sandbox)).toEqual([rewindEvents(1000)]);

    // One address update. The next poll costs one request, and Zapier hydrates the one new record.
    await updateAddress('cust-de-002', { City: 'Hamburg', ZipCode: '20354' });
    await settle(env.sandbox, hooks);
    env.sandbox.resetRequests();
    const fresh = (await poll()).filter(({ id }) => !seen.has(id));
    expect(fresh.map(({ id }) => id)).toEqual([env.sandbox.events().at(-1)?.Id]);
    const [record] = fresh;
    if (!record) throw new Error('no new record');
    const hydrated = await hydrate(record);
    expect(requestLog(env.sandbox)).toEqual([rewindEvents(100), addressRead('cust-de-002')]);

    const [delivered] = hooks.records as PolledRecord[];
    const hamburg = env.sandbox.customers.address('cust-de-002');
    if (!delivered || !hamburg) throw new Error('no instant record');
    expect(hydrated).toEqual(delivered.billing_address);
    expect(mappableShape(hydrated)).toEqual(mappableShape(delivered.billing_address));
    const event = env.sandbox.events().at(-1);
    if (!event) throw new Error('no event');
    expect({ ...record, billing_address: hydrated }).toEqual(expectedRecord(event, hamburg, null));

    // A second update: both triggers report the same changed fields and previous values.
    seen.add(record.id);
    await updateAddress('cust-de-002', { City: 'Lübeck', ZipCode: '23552', Region: 'DE-SH' });
    await settle(env.sandbox, hooks);
    env.sandbox.resetRequests();
    const [second, ...others] = (await poll()).filter(({ id }) => !seen.has(id));
    if (!second) throw new Error('no new record');
    expect(others).toEqual([]);
    const hydratedSecond = await hydrate(second);
    expect(requestLog(env.sandbox)).toEqual([rewindEvents(100), addressRead('cust-de-002')]);
    expect(hydratedSecond).toEqual((hooks.records[1] as PolledRecord | undefined)?.billing_address);
    expect(hydratedSecond).toMatchObject({
      City: 'Lübeck',
      changed_fields: ['ZipCode', 'City', 'Region'],
      previous_address_known: true,
      previous_ZipCode: '20354',
      previous_City: 'Hamburg',
      previous_Region: 'DE-BE',
      previous_AddressLine1: null,
    });
  });

  it('loads editor samples with their address: one read per customer, remembered nowhere', async () => {
    env.sandbox.addEvents(2, { references: ['cust-fr-001'] });
    const [newest] = env.sandbox.addEvents(1, { references: ['cust-gb-004'] });
    const samples = await poll({ isLoadingSample: true });
    expect(requestLog(env.sandbox)).toEqual([
      rewindEvents(3),
      addressRead('cust-gb-004'),
      addressRead('cust-fr-001'),
    ]);
    expect(samples.map(({ id }) => id)[0]).toBe(newest?.Id);
    expect(samples.map((sample) => sample.billing_address)).toEqual([
      expect.objectContaining({ City: 'London', previous_address_known: false }),
      expect.objectContaining({ City: 'Paris', previous_address_known: false }),
      expect.objectContaining({ City: 'Paris', previous_address_known: false }),
    ]);
    expect(zcache()).toEqual({});
  });
});
