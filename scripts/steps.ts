import { ADDRESS_KEYS } from '../sandbox/index.js';
import { functionAt, hydrateRecord, performOf } from '../sandbox/zapier/zapierHarness.js';
import type { AppFunction, OperationKind } from '../sandbox/zapier/zapierHarness.js';
import {
  changesOnly,
  editAndReceive,
  receiveDeliveries,
  turnOffZap,
  turnOnZap,
  withChangedPreviousOnly,
} from './instantZap.js';
import { counted, display, measured, messageOf, printRequests } from './output.js';
import type { Context, Step } from './runStart.js';

/*
 * The steps of `npm start`, in the order they print: the connector end to end against the local
 * sandbox, each step one section showing what it sent, what it cost in ProAbono requests and what
 * came back. Some steps also check a promise of the connector and fail loudly if it breaks. To
 * add a step, append it to `steps`.
 */

/** Runs one operation of the app as a Zap step would, with the sandbox's connection. */
const runStep = (
  context: Context,
  kind: OperationKind,
  key: string,
  bundle: Parameters<Context['appTester']>[1] = {},
): Promise<unknown> =>
  context.appTester(performOf(context.app, kind, key), { authData: context.authData, ...bundle });

// ── customers and addresses ─────────────────────────────────────────────────

type AddressKey = (typeof ADDRESS_KEYS)[number];

/** `Jonas Becker · jonas.becker@becker-sohn.de · cust-de-002` */
const customerLine = (record: Record<string, unknown>): string =>
  [record.Name, record.Email, record.ReferenceCustomer]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' · ');

/** The filled-in address fields on one line, in ProAbono's order. */
const addressLine = (record: Record<string, unknown>): string =>
  ADDRESS_KEYS.map((key) => record[key])
    .filter((value) => typeof value === 'string' && value !== '')
    .join(', ');

/** How many customers hold the reference: a second one would be a twin in another segment. */
const printCopies = (context: Context, reference: string): void => {
  const copies = context.sandbox.customers
    .list()
    .filter((customer) => customer.ReferenceCustomer === reference).length;
  context.out.field('Customers with it', String(copies));
};

/**
 * Runs Update Customer Billing Address and shows what it changed, comparing the address the
 * sandbox stored before and after. It also checks the action's promises, so `npm start` fails
 * loudly if one breaks: one request, the fields left blank unchanged, the record what was stored,
 * and no write when it says nothing changed.
 */
const updateAndShow = async (
  context: Context,
  inputData: Record<string, unknown>,
  rows: 'every field' | 'changes only',
) => {
  const { out, sandbox } = context;
  const reference = String(inputData.ReferenceCustomer);
  const before = sandbox.customers.address(reference);
  if (!before) throw new Error(`The sandbox has no customer "${reference}"`);
  out.field('Input', JSON.stringify(inputData));
  const logged = sandbox.requests().length;
  const record = (await counted(
    context,
    () => runStep(context, 'creates', 'update_customer_billing_address', { inputData }),
    { bodies: true },
  )) as Record<string, unknown>;
  const after = sandbox.customers.address(reference) ?? before;

  const made = sandbox.requests().slice(logged);
  // The action's promise: a field left blank, and not listed in Fields to Clear, is not touched.
  const cleared = Array.isArray(inputData.clear_fields)
    ? (inputData.clear_fields as unknown[])
    : [];
  // One request; a clear that ProAbono ignored when sent as "" goes again as null, once.
  const expected = cleared.length > 0 && sandbox.behaviour.addressClearValue === null ? 2 : 1;
  if (made.length !== expected) {
    throw new Error(`The update cost ${made.length} requests instead of ${expected}`);
  }
  const sent = new Set(
    made.flatMap(({ body }) => Object.keys(typeof body === 'object' && body !== null ? body : {})),
  );
  const kept = cleared.filter((key) => after[key as AddressKey] !== null);
  if (kept.length > 0) throw new Error(`Fields to Clear kept their value: ${kept.join(', ')}`);
  const leftBlank = ADDRESS_KEYS.filter(
    (key) =>
      !cleared.includes(key) &&
      (inputData[key] === undefined ||
        inputData[key] === null ||
        (typeof inputData[key] === 'string' && inputData[key].trim() === '')),
  );
  const altered = leftBlank.filter((key) => before[key] !== after[key]);
  if (altered.length > 0) throw new Error(`Fields left blank were changed: ${altered.join(', ')}`);
  if (record.changed === false && made.some((request) => request.method !== 'GET')) {
    throw new Error('The update wrote to ProAbono although it says nothing changed');
  }
  const differs = ADDRESS_KEYS.filter((key) => (record[key] ?? null) !== after[key]);
  if (differs.length > 0) {
    throw new Error(`The record differs from what ProAbono stored: ${differs.join(', ')}`);
  }

  const changed = (key: AddressKey) => before[key] !== after[key];
  const row = (key: AddressKey) => {
    if (changed(key)) return `${display(before[key])} → ${display(after[key])}`;
    return sent.has(key) ? `${display(after[key])} (sent, same as before)` : display(after[key]);
  };
  // Only Skip If Nothing Would Change compares; otherwise the record does not carry them.
  if (record.changed !== undefined) {
    out.field('changed', display(record.changed));
    out.field('changed_fields', display(record.changed_fields));
  }
  if (rows === 'every field' || sent.size > 0) {
    out.line(`  Billing address (before → after)${rows === 'every field' ? '' : ', fields sent'}:`);
    for (const key of ADDRESS_KEYS) {
      if (rows === 'every field' || sent.has(key)) out.field(key, row(key), 4);
    }
  }
  out.field(
    'Checked',
    `the ${leftBlank.length} fields left blank are unchanged; the record is what ProAbono stored`,
  );
};

/** Runs Find Customer and prints what it found and the requests it cost. */
const findAndShow = async (context: Context, inputData: Record<string, unknown>) => {
  context.out.field('Input', JSON.stringify(inputData));
  const found = (await counted(context, () =>
    runStep(context, 'searches', 'find_customer', { inputData }),
  )) as Record<string, unknown>[];
  context.out.field('Found', found.length === 0 ? 'nothing: []' : `${found.length} record(s)`);
  return found;
};

// ── steps ───────────────────────────────────────────────────────────────────

export const steps: Step[] = [
  {
    title: 'Sandbox',
    run: (context) => {
      const { sandbox } = context;
      context.out.field('API Live', `${sandbox.env.PROABONO_LIVE_URL}/v1`);
      context.out.field('Backoffice', sandbox.env.PROABONO_BACKOFFICE_URL);
      context.out.field('Business ID', sandbox.authData.businessId);
      context.out.field('Seeded customers', String(sandbox.customers.list().length));
      return Promise.resolve();
    },
  },
  {
    title: 'Connection test',
    run: async (context) => {
      const result = (await counted(context, () =>
        context.appTester(functionAt(context.app, 'authentication.test'), {
          authData: context.authData,
        }),
      )) as Record<string, unknown>;
      context.connection = result;
      context.out.field('Result', 'connected');
      context.out.field('Business ID', display(result.businessId));
      context.out.field('Customers', display(result.totalCustomers));
    },
  },
  {
    title: 'Connection label',
    run: async (context) => {
      const { connectionLabel } =
        (context.app as { authentication?: { connectionLabel?: unknown } }).authentication ?? {};
      let label: string;
      if (typeof connectionLabel === 'function') {
        // A function label receives the connection test's result as inputData.
        label = display(
          await context.appTester(connectionLabel as AppFunction, {
            authData: context.authData,
            inputData: context.connection ?? {},
          }),
        );
      } else if (typeof connectionLabel === 'string') {
        // Zapier renders a string label with the connection test's result.
        label = connectionLabel.replace(
          /{{\s*(?:bundle\.inputData\.)?([\w]+)\s*}}/g,
          (_, key: string) => display(context.connection?.[key]),
        );
      } else {
        label = '(the app defines no connection label)';
      }
      context.out.field('Label', label);
    },
  },
  {
    title: 'Connection test with a wrong API Key',
    run: async (context) => {
      try {
        await context.appTester(functionAt(context.app, 'authentication.test'), {
          authData: { ...context.authData, apiKey: 'wrong-key' },
        });
        throw new Error('the sandbox accepted a wrong API Key');
      } catch (error) {
        if (error instanceof Error && error.message.includes('accepted a wrong')) throw error;
        context.out.field('Result', 'refused, as it should be');
        context.out.field('Message', messageOf(error));
      }
    },
  },
  {
    title: 'Update Customer Billing Address',
    run: async (context) => {
      context.out.line(
        '  A partial update: two fields of a full address, the nine others left blank',
      );
      await updateAndShow(
        context,
        { ReferenceCustomer: 'cust-de-002', AddressLine2: '5. Etage', Phone: '+49 30 20847 1150' },
        'every field',
      );
      context.out.line();
      context.out.line(
        '  A clear: Address Line 2 listed in Fields to Clear, nothing else filled in',
      );
      await updateAndShow(
        context,
        { ReferenceCustomer: 'cust-de-002', clear_fields: ['AddressLine2'] },
        'changes only',
      );
      context.out.line();
      context.out.line('  Normalised input: a country name, a bare region, a local phone number');
      const normalised = {
        ReferenceCustomer: 'cust-es-003',
        AddressLine1: 'Calle de Alcalá 42',
        ZipCode: '28014',
        Country: 'España',
        Region: 'M',
        Phone: '911 23 45 67',
      };
      await updateAndShow(context, normalised, 'changes only');
      context.out.line();
      context.out.line(
        '  The same input again, with Skip If Nothing Would Change: one read, no POST, no notification',
      );
      await updateAndShow(context, { ...normalised, skip_if_unchanged: true }, 'changes only');
    },
  },
  {
    title: 'Find Customer',
    run: async (context) => {
      const { out } = context;
      out.line('  By reference:');
      const [byReference] = await findAndShow(context, { ReferenceCustomer: 'cust-de-002' });
      if (byReference) out.record(byReference, 4);

      out.line();
      out.line('  By email, shared by two customers (the most recently updated one is returned):');
      const email = 'billing@northwind-analytics.com';
      const [byEmail] = await findAndShow(context, { Email: email });
      if (byEmail) out.field('Customer', customerLine(byEmail));
      const sharing = context.sandbox.customers
        .list()
        .filter((customer) => customer.Email === email)
        .map(
          (customer) =>
            `${customer.ReferenceCustomer} (updated ${customer.DateUpdate.slice(0, 10)})`,
        );
      out.field('With this email', sharing.join(', '));

      out.line();
      out.line('  An unknown reference (a search that finds nothing, so a Zap can create one):');
      await findAndShow(context, { ReferenceCustomer: 'cust-unknown' });
    },
  },
  {
    title: 'Create Customer',
    run: async (context) => {
      const inputData = {
        ReferenceCustomer: 'cust-it-007',
        Name: 'Giulia Romano',
        Email: 'giulia.romano@studioromano.it',
        Language: 'it',
        AddressLine1: 'Via Roma 12',
        ZipCode: '20121',
        City: 'Milano',
        Country: 'Italie',
      };
      context.out.line('  A new reference, with its billing address in the same step:');
      context.out.field('Input', JSON.stringify(inputData));
      const record = await counted(
        context,
        () => runStep(context, 'creates', 'create_customer', { inputData }),
        { bodies: true },
      );
      context.out.record(record as Record<string, unknown>, 4);

      context.out.line();
      context.out.line(
        '  The same reference again (Create Customer only creates; nothing is written):',
      );
      const again = { ReferenceCustomer: 'cust-it-007', Name: 'Giulia Romano Srl' };
      context.out.field('Input', JSON.stringify(again));
      const refusal = await measured(context, async () => {
        try {
          await runStep(context, 'creates', 'create_customer', { inputData: again });
          return 'created a second time';
        } catch (error) {
          return messageOf(error);
        }
      });
      printRequests(context, refusal.made);
      context.out.field('Message', refusal.result);
      const stored = context.sandbox.customers.get(again.ReferenceCustomer);
      context.out.field('Customer', stored ? customerLine({ ...stored }) : '(none)');
      printCopies(context, again.ReferenceCustomer);
    },
  },
  {
    title: 'Update Customer',
    run: async (context) => {
      const inputData = { ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter-Jones' };
      context.out.line(
        "  A customer of the USD segment renamed: the update sends the customer's own segment,",
      );
      context.out.line('  or ProAbono would create a second customer in the default segment:');
      context.out.field('Input', JSON.stringify(inputData));
      const record = (await counted(
        context,
        () => runStep(context, 'creates', 'update_customer', { inputData }),
        { bodies: true },
      )) as Record<string, unknown>;
      context.out.field('Customer', customerLine(record));
      context.out.field('Segment', display(record.ReferenceSegment));
      printCopies(context, inputData.ReferenceCustomer);
    },
  },
  {
    title: 'Find or Create Customer, then Update Customer Billing Address',
    run: async (context) => {
      const { out } = context;
      const customer = {
        ReferenceCustomer: 'cust-nl-010',
        Name: 'Sanne de Vries',
        Email: 'sanne@devries-design.nl',
      };
      const address = {
        Company: 'De Vries Design B.V.',
        AddressLine1: 'Keizersgracht 221',
        ZipCode: '1016 DV',
        City: 'Amsterdam',
        Country: 'Netherlands',
      };
      out.field('Customer', JSON.stringify(customer));
      out.field('Address', JSON.stringify(address));
      const zap = await counted(context, async () => {
        // As Zapier runs a search-or-create step: the create only when the search found nothing.
        const found = (await runStep(context, 'searches', 'find_customer', {
          inputData: customer,
        })) as Record<string, unknown>[];
        const created = found[0]
          ? undefined
          : ((await runStep(context, 'creates', 'create_customer', {
              inputData: customer,
            })) as Record<string, unknown>);
        const target = found[0] ?? created ?? {};
        const updated = (await runStep(context, 'creates', 'update_customer_billing_address', {
          inputData: { ReferenceCustomer: target.ReferenceCustomer, ...address },
        })) as Record<string, unknown>;
        return { found, created, updated };
      });
      out.field('Search', zap.found[0] ? customerLine(zap.found[0]) : 'no customer found');
      out.field('Create', zap.created ? customerLine(zap.created) : 'skipped');
      out.field('Billing address', addressLine(zap.updated));
    },
  },
  {
    title: 'Billing Address Updated (instant trigger)',
    run: async (context) => {
      const { out, sandbox } = context;
      /** Shows the record a delivery gave, if any, under `heading`, seen through `view`. */
      const show = (
        record: Record<string, unknown> | undefined,
        heading: string,
        view: (record: Record<string, unknown>) => Record<string, unknown>,
      ) => {
        if (!record) return;
        out.line(heading);
        out.record(view(record), 4);
      };
      const zap = await turnOnZap(
        context,
        {},
        'Turning the Zap on: subscribe, then the verification handshake:',
      );
      try {
        const webhook = sandbox
          .webhooks()
          .find((candidate) => candidate.Url === zap.hooks.targetUrl);
        out.field('Webhook', webhook ? `${webhook.Id} → ${webhook.Url}` : '(none registered)');
        const code = sandbox.deliveries().find((delivery) => delivery.kind === 'verification')
          ?.body as { Code?: unknown } | undefined;
        out.field(
          'Handshake',
          code ? `ProAbono POSTed code ${display(code.Code)}; perform sent it back` : '(no code)',
        );
        out.field('Verified', webhook?.IsActive ? 'yes' : 'no');

        out.line();
        out.line('  Someone edits cust-de-002 in ProAbono (moves to Hamburg):');
        const [first] = await editAndReceive(context, zap, 'cust-de-002', {
          AddressLine1: 'Jungfernstieg 7',
          AddressLine2: '',
          ZipCode: '20354',
          City: 'Hamburg',
          Region: 'DE-HH',
        });
        show(first, '  The record:', withChangedPreviousOnly);
        if (first) {
          out.line(
            '    (The first time a customer comes through, no previous address is known: nothing',
          );
          out.line(
            '    is claimed changed. The next update of cust-de-002 is compared with this one.)',
          );
        }

        out.line();
        out.line(
          '  cust-de-002 moves again (to München), and ProAbono delivers the notification twice:',
        );
        const munich = {
          AddressLine1: 'Marienplatz 1',
          ZipCode: '80331',
          City: 'München',
          Region: 'DE-BY',
        };
        sandbox.deliveryFaults.duplicate(2);
        try {
          const [second] = await editAndReceive(context, zap, 'cust-de-002', munich);
          show(
            second,
            '  The record, showing only what changed (the rest is as above):',
            changesOnly,
          );
        } finally {
          sandbox.deliveryFaults.clear();
        }

        out.line();
        out.line(
          '  The same address written again, as the other Zap of a two-way sync echoes it back:',
        );
        out.line(
          sandbox.behaviour.noOpWriteNotifies
            ? '  ProAbono notifies anyway; with Only When Changed (the default) the Zap gives no record:'
            : '  ProAbono sends no notification for a write that changes nothing: the Zap gets nothing:',
        );
        await editAndReceive(context, zap, 'cust-de-002', munich);
        await turnOffZap(context, zap, 'Turning the Zap off (unsubscribe):');
      } finally {
        await zap.hooks.close();
      }

      out.line();
      const watching = await turnOnZap(
        context,
        { watch_fields: ['City'] },
        'A second Zap, with Watch Fields: City, turned on the same way:',
        { listRequests: false },
      );
      try {
        out.line();
        out.line(
          '  Its first update of cust-de-002 (a new phone number) gives a record whatever changed:',
        );
        await editAndReceive(context, watching, 'cust-de-002', { Phone: '+498923317700' });

        out.line();
        out.line('  A new ZIP code in the same city (80331 → 80333) gives no record:');
        await editAndReceive(context, watching, 'cust-de-002', { ZipCode: '80333' });

        out.line();
        out.line('  A new city (München → Garching bei München) gives one:');
        const [moved] = await editAndReceive(context, watching, 'cust-de-002', {
          AddressLine1: 'Boltzmannstraße 3',
          ZipCode: '85748',
          City: 'Garching bei München',
        });
        show(moved, '  The record, showing only what changed:', changesOnly);
        await turnOffZap(context, watching, 'Turning the second Zap off:');
      } finally {
        await watching.hooks.close();
      }
    },
  },
  {
    title: 'Billing Address Updated (Polling)',
    run: async (context) => {
      const records = (await counted(context, () =>
        runStep(context, 'triggers', 'billing_address_updated_polling', {
          meta: { isLoadingSample: false, limit: -1, page: 0 },
        }),
      )) as Record<string, unknown>[];
      context.out.field('Events', String(records.length));
      const newest = records[0];
      if (newest) {
        context.out.line('  Newest, hydrated as Zapier would before running the Zap:');
        const hydrated = await counted(context, () =>
          hydrateRecord(context.app, context.appTester, newest, context.authData),
        );
        context.out.record(withChangedPreviousOnly(hydrated), 4);
      }
    },
  },
  {
    title: 'Subscriptions and invoices: Create Subscription, Bill Customer and their events',
    run: async (context) => {
      const { out, sandbox } = context;
      const customer = 'cust-de-002';
      /** One record of an event trigger on one line: the event, the customer, then `fields`. */
      const showEvents = (records: Record<string, unknown>[], fields: string[]) => {
        for (const record of records) {
          const parts = [
            record.EventLabel,
            record.ReferenceCustomer,
            ...fields.map((f) => record[f]),
          ];
          out.field('Record', parts.map(display).join(' · '));
        }
      };
      const subscriptions = await turnOnZap(
        context,
        { event_types: ['SubscriptionStarted'] },
        'A Zap on Subscription Event (Subscription Started), turned on:',
        { triggerKey: 'subscription_event' },
      );
      const invoices = await turnOnZap(
        context,
        { event_types: ['InvoiceDebitIssuedPaymentAuto', 'InvoiceDebitPaid'] },
        'A Zap on Invoice Event (Issued for Automatic Payment, Paid), turned on:',
        { triggerKey: 'invoice_event' },
      );
      try {
        out.line();
        out.line(
          `  Create Subscription: ${customer} to starter-monthly, started now (a CRM deal won):`,
        );
        const inputData = { ReferenceCustomer: customer, ReferenceOffer: 'starter-monthly' };
        out.field('Input', JSON.stringify(inputData));
        const subscription = (await counted(context, () =>
          runStep(context, 'creates', 'create_subscription', { inputData }),
        )) as Record<string, unknown>;
        out.field(
          'Subscription',
          [subscription.id, subscription.Status, subscription.AmountRecurrenceDecimal]
            .map(display)
            .join(' · '),
        );
        out.line('  The Subscription Event Zap:');
        showEvents(await receiveDeliveries(context, subscriptions), [
          'Subscription_ReferenceOffer',
          'Subscription_Status',
          'Offer_Name',
        ]);
        out.line();
        out.line(
          '  The same step replayed: the running subscription is returned, nothing created:',
        );
        const again = (await counted(context, () =>
          runStep(context, 'creates', 'create_subscription', { inputData }),
        )) as Record<string, unknown>;
        out.field('Subscription', `${display(again.id)} (created: ${display(again.created)})`);
        out.line();
        out.line(`  Find Subscription: ${customer}'s subscription:`);
        const [found] = (await counted(context, () =>
          runStep(context, 'searches', 'find_subscription', {
            inputData: { ReferenceCustomer: customer },
          }),
        )) as Record<string, unknown>[];
        out.field(
          'Subscription',
          [found?.id, found?.ReferenceOffer, found?.Status].map(display).join(' · '),
        );

        out.line();
        out.line(`  Bill Customer: ${customer}'s pending balance billed now, with a note:`);
        const invoice = (await counted(context, () =>
          runStep(context, 'creates', 'bill_customer', {
            inputData: { ReferenceCustomer: customer, NoteLocalized: 'Thank you for your order' },
          }),
        )) as Record<string, unknown>;
        out.field(
          'Invoice',
          [
            invoice.FullNumber,
            invoice.Status,
            `${display(invoice.AmountTotalDecimal)} ${display(invoice.Currency)}`,
          ]
            .map(display)
            .join(' · '),
        );
        out.field('PDF', display(invoice.PdfUrl));
        out.line('  The Invoice Event Zap (one read for the currency and the PDF link):');
        showEvents(await receiveDeliveries(context, invoices), [
          'Invoice_FullNumber',
          'Invoice_AmountTotalDecimal',
          'Invoice_PdfUrl',
        ]);
        out.line('  Find Invoice by its number:');
        const [byNumber] = (await counted(context, () =>
          runStep(context, 'searches', 'find_invoice', {
            inputData: { FullNumber: invoice.FullNumber },
          }),
        )) as Record<string, unknown>[];
        out.field(
          'Invoice',
          [byNumber?.FullNumber, byNumber?.ReferenceCustomer].map(display).join(' · '),
        );
        out.line();
        out.line('  The invoice paid in ProAbono (the card charged):');
        sandbox.billing.payInvoice(Number(invoice.id));
        showEvents(await receiveDeliveries(context, invoices), [
          'Invoice_FullNumber',
          'Invoice_Status',
        ]);
        await turnOffZap(context, subscriptions, 'Turning the Subscription Event Zap off:');
        await turnOffZap(context, invoices, 'Turning the Invoice Event Zap off:');
      } finally {
        await subscriptions.hooks.close();
        await invoices.hooks.close();
      }
    },
  },
  {
    title: 'Every other instant trigger, as the app defines them',
    run: async (context) => {
      const { out, sandbox } = context;
      const shown = new Set(['billing_address_updated', 'subscription_event', 'invoice_event']);
      const triggers = (context.app as { triggers?: Record<string, HookTrigger> }).triggers ?? {};
      for (const [key, trigger] of Object.entries(triggers)) {
        if (trigger.operation.type !== 'hook' || shown.has(key)) continue;
        const picker = trigger.operation.inputFields?.find((field) => field.key === 'event_types');
        const first = picker?.choices?.[0]?.value;
        const zap = await turnOnZap(
          context,
          first === undefined ? {} : { event_types: [first] },
          `${trigger.display.label}${first === undefined ? '' : ` (${first})`}, turned on:`,
          { triggerKey: key, listRequests: false },
        );
        try {
          const type = first ?? sandbox.webhooks()[0]?.Triggers[0] ?? '';
          sandbox.emitEvent(type, 'cust-fr-001');
          for (const record of await receiveDeliveries(context, zap)) {
            out.field(
              'Record',
              [record.EventLabel, record.ReferenceCustomer, record.Email].map(display).join(' · '),
            );
          }
          await turnOffZap(context, zap, `Turning ${trigger.display.label} off:`);
        } finally {
          await zap.hooks.close();
        }
        out.line();
      }
    },
  },
  {
    title: 'Dropdowns: customers, segments, offers',
    run: async (context) => {
      const { out } = context;
      const meta = { page: 0, isFillingDynamicDropdown: true };
      for (const [key, label] of [
        ['customer_list', 'Customers'],
        ['segment_list', 'Segments'],
        ['offer_list', 'Offers'],
      ] as const) {
        const choices = (await counted(context, () =>
          runStep(context, 'triggers', key, { meta }),
        )) as Record<string, unknown>[];
        out.field(
          label,
          `${choices.length}: ${choices
            .slice(0, 3)
            .map((choice) => display(choice.label))
            .join(' | ')}`,
        );
      }
    },
  },
];

/** What a step reads of an instant trigger's definition. */
interface HookTrigger {
  display: { label: string };
  operation: { type?: string; inputFields?: { key: string; choices?: { value: string }[] }[] };
}
