import App from '../../index.js';
import { billingAddressUpdatedSample } from '../../src/samples/billing_address_updated.js';
import { perform, performList } from '../../src/triggers/billing_address_updated.js';
import {
  AUTH,
  UNAUTHORIZED,
  appTester,
  rewindEventsApi,
  rewindEventsRequest,
  liveApi,
  rejectionOf,
  zcache,
} from '../support/app.js';
import { NO_PREVIOUS } from '../support/records.js';
import { expiredAuth, firstLineOf } from '../support/errors.js';
import {
  ADDRESS,
  MOVED,
  addressReadReply,
  delivery,
  firstSightRecord,
  notification,
  erikaNotification,
  typeShapeOf,
  useTriggerTest,
} from '../support/billingAddressUpdated.js';

/** Samples (performList), the record's shape, and the published definition. */

const { logs } = useTriggerTest();

describe('performList', () => {
  it('hydrates recent events, newest first, reading each customer once and remembering nothing', async () => {
    rewindEventsApi(10, [
      notification({ Id: 'trg_101', DateTrigger: '2026-09-14T10:00:00Z' }),
      erikaNotification('trg_103', '2026-09-16T10:00:00Z'),
      notification({ Id: 'trg_102', DateTrigger: '2026-09-15T10:00:00Z' }),
    ]);
    addressReadReply();
    addressReadReply('cust-43', { ...ADDRESS, City: 'Berlin', Country: 'DE', Region: null });
    const records = await appTester(performList, { authData: { ...AUTH } });
    expect(records.map((record) => record.id)).toEqual(['trg_103', 'trg_102', 'trg_101']);
    expect(records[0]).toMatchObject({
      ReferenceCustomer: 'cust-43',
      billing_address: { City: 'Berlin', changed_fields: [], previous_address_known: false },
    });
    expect(records[2]).toEqual({ ...firstSightRecord(), DateTrigger: '2026-09-14T10:00:00.000Z' });
    expect(zcache()).toEqual({});
  });

  it('asks for and returns at most 3 events when Zapier loads samples', async () => {
    rewindEventsApi(
      3,
      ['trg_105', 'trg_104', 'trg_103', 'trg_102', 'trg_101'].map((Id) => notification({ Id })),
    );
    addressReadReply();
    const records = await appTester(performList, {
      authData: { ...AUTH },
      meta: { isLoadingSample: true },
    });
    expect(records.map((record) => record.id)).toEqual(['trg_105', 'trg_104', 'trg_103']);
  });

  it('returns no record when ProAbono has no event: Zapier then shows the static sample itself', async () => {
    rewindEventsApi(10, []);
    await expect(appTester(performList, { authData: { ...AUTH } })).resolves.toEqual([]);
  });

  it('gives an empty address to an event whose customer ProAbono no longer knows', async () => {
    rewindEventsApi(10, [notification()]);
    liveApi().get('/v1/CustomerAddressBilling').query({ ReferenceCustomer: 'cust-42' }).reply(403);
    const [record] = await appTester(performList, { authData: { ...AUTH } });
    expect(record?.billing_address).toEqual({
      ...Object.fromEntries(Object.keys(ADDRESS).map((key) => [key, null])),
      CountryName: null,
      changed_fields: [],
      previous_address_known: false,
      ...NO_PREVIOUS,
    });
  });

  it('skips, and logs, an event in the history it cannot read', async () => {
    rewindEventsApi(10, [{ Id: 'trg_bad', DateTrigger: '2026-09-14T15:11:43Z' }, notification()]);
    addressReadReply();
    await expect(appTester(performList, { authData: { ...AUTH } })).resolves.toEqual([
      firstSightRecord(),
    ]);
    expect(logs).toEqual([
      "Skipped item 1 (Id trg_bad) of ProAbono's answer to GET " +
        '/Notification/WebhookNotifications/RewindEvents while reading recent "Billing Address ' +
        'Updated" events: it is not in the expected format (TypeTrigger: Invalid input: expected ' +
        'string, received undefined). The other items were used.',
    ]);
  });

  it('maps a 401 on the event history to an expired connection', async () => {
    rewindEventsRequest(10).reply(401, UNAUTHORIZED);
    const error = await rejectionOf(appTester(performList, { authData: { ...AUTH } }));
    expect(firstLineOf(error)).toEqual(expiredAuth());
  });
});

/** A value's shape: key sets recursively, and the JSON type of every leaf. */

describe('record shape', () => {
  it('is exactly the same from perform and from performList', async () => {
    addressReadReply();
    const [delivered] = await appTester(perform, delivery(notification()));
    rewindEventsApi(10, [notification({ Id: 'trg_100' })]);
    addressReadReply();
    const [listed] = await appTester(performList, { authData: { ...AUTH } });
    expect(typeShapeOf(listed)).toEqual(typeShapeOf(delivered));
    expect(Object.keys(listed ?? {})).toEqual(Object.keys(delivered ?? {}));
    expect(Object.keys(listed?.billing_address ?? {})).toEqual(
      Object.keys(delivered?.billing_address ?? {}),
    );
  });

  it('matches the static sample key for key, nested keys included, in the same order', async () => {
    addressReadReply();
    await appTester(perform, delivery(notification()));
    addressReadReply('cust-42', MOVED);
    const [changed] = await appTester(perform, delivery(notification({ Id: 'trg_102' })));
    const keysOf = (value: unknown): unknown =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).map(([key, item]) => [key, keysOf(item)])
        : null;
    expect(keysOf(billingAddressUpdatedSample)).toEqual(keysOf(changed));
  });

  it('has a labelled output field for every key, and no output field for a missing key', () => {
    const flatten = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, item]) =>
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? flatten(item as object, `${prefix}${key}__`)
          : [`${prefix}${key}`],
      );
    const fields = App.triggers.billing_address_updated.operation.outputFields ?? [];
    const keys = fields.map((field) => ('key' in field ? field.key : ''));
    expect(keys.sort()).toEqual(flatten(billingAddressUpdatedSample).sort());
    for (const field of fields) {
      expect('label' in field && typeof field.label === 'string' && field.label !== '').toBe(true);
    }
  });
});

describe('definition', () => {
  it('is a hook trigger with the published label and description', () => {
    const trigger = App.triggers.billing_address_updated;
    expect(trigger.display).toEqual({
      label: 'Billing Address Updated',
      description: "Triggers when a customer's billing address is updated.",
    });
    expect(trigger.noun).toBe('Billing Address');
    expect(trigger.operation.type).toBe('hook');
  });
});
