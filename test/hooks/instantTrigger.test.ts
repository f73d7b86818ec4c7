import { defineInstantTrigger, type DeliveryContext } from '../../src/hooks/instantTrigger.js';
import {
  appTester,
  backofficeApi,
  expectOnlyTheseRequests,
  rejectionOf,
  rewindEventsApi,
  zcache,
} from '../support/app.js';
import {
  TARGET,
  delivery,
  expectWebhookRegistered,
  notification,
  samplesBundle,
  subscribeBundle,
  useTriggerTest,
} from '../support/billingAddressUpdated.js';

/*
 * The machinery every instant trigger shares, driven through a trigger made for the test: its
 * Zap's pick of events, the webhook registered for exactly them, notifications of other types
 * left out, and a delivery that fails giving its claim back and remembering nothing.
 */

const { logs } = useTriggerTest();

const EVENTS = [
  { code: 'InvoiceDebitPaid', label: 'Invoice Paid' },
  {
    code: 'InvoiceDebitPaymentAutoRequestedAuto',
    label: 'Payment Needs Authentication',
    aliases: ['InvoiceDebitPaymentAutoRequestedAuth'],
  },
  { code: 'InvoiceDebitOverdue', label: 'Invoice Overdue' },
] as const;

type TestRecord = { id: string; type: string };

/** What the test trigger's `deliver` does: gives the event back, or fails as told. */
let failDelivery = false;
const remembered: string[] = [];

const { performSubscribe, perform, performList } = defineInstantTrigger<TestRecord>({
  key: 'test_event',
  noun: 'Event',
  label: 'Test Event',
  description: 'Triggers when a test event happens.',
  events: EVENTS,
  eventTypesHelp: 'The events this Zap runs on.',
  outputFields: [{ key: 'id', label: 'Notification ID' }],
  sample: { id: 'trg_1', type: 'InvoiceDebitPaid' },
  deliver: ({ event }: DeliveryContext) => {
    if (failDelivery) return Promise.reject(new Error('ProAbono is down'));
    return Promise.resolve({
      records: [{ id: event.id, type: event.type }],
      afterDelivered: () => {
        remembered.push(event.id);
        return Promise.resolve();
      },
    });
  },
  samples: (_context, events) => Promise.resolve(events.map(({ id, type }) => ({ id, type }))),
});

beforeEach(() => {
  failDelivery = false;
  remembered.splice(0);
});

const picked = (event_types: unknown) => ({ event_types });
const subscribing = (event_types: unknown) =>
  appTester(performSubscribe, subscribeBundle(picked(event_types)));

describe('turning the Zap on', () => {
  it('registers the webhook for exactly the picked events, in the trigger order', async () => {
    await expectWebhookRegistered(
      performSubscribe,
      // Picked, mapped and typed every way a Zap can hand them over.
      picked(['InvoiceDebitOverdue', 'invoice paid, InvoiceDebitOverdue']),
      ['InvoiceDebitPaid', 'InvoiceDebitOverdue'],
    );
  });

  it.each([
    [
      undefined,
      'Events is required: pick at least one of Invoice Paid (InvoiceDebitPaid), Payment Needs Authentication (InvoiceDebitPaymentAutoRequestedAuto), Invoice Overdue (InvoiceDebitOverdue).',
    ],
    [
      ['InvoiceDebitPaid', 'SubscriptionStarted'],
      'Events holds "SubscriptionStarted", which is not an event of this trigger. Pick among Invoice Paid (InvoiceDebitPaid), Payment Needs Authentication (InvoiceDebitPaymentAutoRequestedAuto), Invoice Overdue (InvoiceDebitOverdue).',
    ],
  ])('refuses a pick of %j before any request', async (eventTypes, message) => {
    const error = await rejectionOf(subscribing(eventTypes));
    expect(error).toEqual({ name: 'AppError', code: 'invalid_input', message });
  });
});

describe('turning the Zap on where ProAbono knows an event by its other spelling', () => {
  it('registers the other spelling after a 422 for the first, and runs on it', async () => {
    const first = backofficeApi()
      .post('/Notification/Webhooks', {
        Url: TARGET,
        IdBusiness: 42,
        Triggers: ['InvoiceDebitPaid', 'InvoiceDebitPaymentAutoRequestedAuto'],
      })
      .reply(422, [{ Code: 422, Message: 'Unknown trigger.', Target: 'Triggers' }]);
    await expectWebhookRegistered(
      performSubscribe,
      picked(['InvoiceDebitPaid', 'InvoiceDebitPaymentAutoRequestedAuto']),
      ['InvoiceDebitPaid', 'InvoiceDebitPaymentAutoRequestedAuth'],
      first,
    );
    expect(logs).toEqual([
      'Test Event: ProAbono refused the event codes; registering them as its other sources spell them.',
    ]);
  });

  it('does not try again when no event it refused has another spelling', async () => {
    backofficeApi()
      .post('/Notification/Webhooks')
      .once()
      .reply(422, [{ Code: 422, Message: 'Unknown trigger.', Target: 'Triggers' }]);
    const error = await rejectionOf(subscribing(['InvoiceDebitPaid']));
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_data', status: 422 });
  });
});

describe('a delivery', () => {
  const paid = notification({ TypeTrigger: 'InvoiceDebitPaid' });
  const zapOf = (types: string[]) => ({ inputData: picked(types) });

  it('gives the record of an event the Zap picked, then remembers it', async () => {
    await expect(
      appTester(perform, { ...delivery(paid), ...zapOf(['InvoiceDebitPaid']) }),
    ).resolves.toEqual([{ id: 'trg_101', type: 'InvoiceDebitPaid' }]);
    expect(remembered).toEqual(['trg_101']);
  });

  it('accepts the other spelling ProAbono sources give for an event', async () => {
    const auth = notification({ TypeTrigger: 'InvoiceDebitPaymentAutoRequestedAuth' });
    await expect(
      appTester(perform, {
        ...delivery(auth),
        ...zapOf(['InvoiceDebitPaymentAutoRequestedAuto']),
      }),
    ).resolves.toEqual([{ id: 'trg_101', type: 'InvoiceDebitPaymentAutoRequestedAuth' }]);
  });

  it('gives no record for an event of the trigger the Zap did not pick, and says why', async () => {
    const overdue = notification({ TypeTrigger: 'InvoiceDebitOverdue' });
    await expect(
      appTester(perform, { ...delivery(overdue), ...zapOf(['InvoiceDebitPaid']) }),
    ).resolves.toEqual([]);
    expect(logs).toEqual([
      'Test Event: ignored notification trg_101 (InvoiceDebitOverdue): this Zap runs on ' +
        'InvoiceDebitPaid.',
    ]);
    expect(zcache()).toEqual({});
  });

  it('falls back on the events the webhook was registered for when the pick cannot be read', async () => {
    const bundle = delivery(paid, {
      subscribeData: { id: '7001', url: TARGET, types: ['InvoiceDebitOverdue'] },
    });
    await expect(appTester(perform, { ...bundle, inputData: picked(42) })).resolves.toEqual([]);
  });

  it('gives its claim back and remembers nothing when it fails: the next copy delivers', async () => {
    failDelivery = true;
    const bundle = { ...delivery(paid), ...zapOf(['InvoiceDebitPaid']) };
    await expect(rejectionOf(appTester(perform, bundle))).resolves.toMatchObject({
      message: 'ProAbono is down',
    });
    expect(remembered).toEqual([]);
    expect(zcache()).toEqual({});
    failDelivery = false;
    await expect(appTester(perform, bundle)).resolves.toEqual([
      { id: 'trg_101', type: 'InvoiceDebitPaid' },
    ]);
  });
});

describe('samples', () => {
  it("read each picked event's history, newest first, and keep only those events", async () => {
    const paid = rewindEventsApi(
      3,
      [
        notification({
          Id: 'trg_2',
          TypeTrigger: 'InvoiceDebitPaid',
          DateTrigger: '2026-09-15T08:00:00Z',
        }),
      ],
      1,
      { type: 'InvoiceDebitPaid' },
    );
    const overdue = rewindEventsApi(
      3,
      [
        notification({
          Id: 'trg_3',
          TypeTrigger: 'InvoiceDebitOverdue',
          DateTrigger: '2026-09-16T08:00:00Z',
        }),
        // A history that answers with another type too: never shown as this trigger's sample.
        notification({
          Id: 'trg_4',
          TypeTrigger: 'CustomerAdded',
          DateTrigger: '2026-09-17T08:00:00Z',
        }),
      ],
      2,
      { type: 'InvoiceDebitOverdue' },
    );
    await expect(
      appTester(performList, samplesBundle(picked(['InvoiceDebitPaid', 'InvoiceDebitOverdue']))),
    ).resolves.toEqual([
      { id: 'trg_3', type: 'InvoiceDebitOverdue' },
      { id: 'trg_2', type: 'InvoiceDebitPaid' },
    ]);
    expectOnlyTheseRequests(paid, overdue);
  });
});
