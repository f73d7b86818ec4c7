import type { Sandbox } from '../../sandbox/index.js';
import App from '../../index.js';
import { functionAt, parsePlaceholder } from '../../sandbox/zapier/zapierHarness.js';
import { appTester } from '../support/app.js';
import type { PartialBundle } from '../support/app.js';
import { asListedByBackoffice, seededCustomerBlock } from '../support/records.js';
import {
  CONNECTION_TEST,
  addressRead,
  addressSave,
  allOffersPage,
  customerBill,
  customersPage,
  customerLookup,
  customerSave,
  emailSearch,
  invoiceLookup,
  rewindEvents,
  segmentsPage,
  subscriptionCreate,
  subscriptionLookup,
} from '../support/requests.js';
import type { RequestLogEntry } from '../support/sandbox.js';
import { seededAddress } from '../support/seed.js';

/*
 * The app's operations as the fault suite drives them: each with its input, the exact requests
 * it makes when all goes well, and the exact result. Expected values are written out here, from
 * the sandbox's seed, independently of the code under test.
 */

/** The seeded customer every operation works on: a partial Spanish address. */
export const LUCIA = {
  reference: 'cust-es-003',
  email: 'lucia@estudio-fernandez.es',
  address: seededAddress('cust-es-003'),
} as const;

/** Lucía's address as the operations return it: with the country's name. */
export const LUCIA_RECORD_ADDRESS = { ...LUCIA.address, CountryName: 'Spain' };

/** Lucía as the customer records start: `id` is the reference, then ProAbono's own number. */
export const luciaIdentity = (sandbox: Sandbox) => ({
  id: LUCIA.reference,
  IdCustomer: sandbox.customers.get(LUCIA.reference)?.Id,
});

export const LUCIA_CUSTOMER = seededCustomerBlock(LUCIA.reference);

/** What a customer answer adds for Lucía, who has neither an affiliation nor metadata. */
export const LUCIA_DETAILS = { ReferenceAffiliation: null, Metadata: {} };

const UPDATE_INPUT = {
  ReferenceCustomer: LUCIA.reference,
  AddressLine1: 'Calle Sierpes 12',
  ZipCode: '41004',
  City: 'Sevilla',
};
export const UPDATE_BODY = { AddressLine1: 'Calle Sierpes 12', ZipCode: '41004', City: 'Sevilla' };
export const UPDATED_ADDRESS = { ...LUCIA.address, ...UPDATE_BODY };

const RENAME_INPUT = { ReferenceCustomer: LUCIA.reference, Name: 'Lucía Fernández Ruiz' };

export const CREATE_INPUT = {
  ReferenceCustomer: 'cust-it-007',
  Name: 'Giulia Romano',
  Email: 'giulia.romano@studioromano.it',
  Language: 'it',
};

export type AuthData = Sandbox['authData'];

export interface Operation {
  name: string;
  /** The app's operation it runs (`creates.bill_customer`): the suite's coverage is checked on it. */
  key: string;
  /** The function, as Zapier names it in a step: `creates.bill_customer.operation.perform`. */
  method: string;
  /** The step's bundle but the connection: its input, or the page of a dropdown. */
  bundle: PartialBundle;
  /** Runs it through the app tester with this connection (the artifact test runs `method` itself). */
  run: (authData: AuthData) => Promise<unknown>;
  /** Every request a clean run makes, in order. */
  requests: RequestLogEntry[];
  /** What the first request is doing, as the error messages word it. */
  action: string;
  /** `VERB /path` of the first request, as the error messages name it. */
  endpoint: string;
  /** Checks a clean run's result exactly. */
  expectResult: (result: unknown, sandbox: Sandbox) => void;
  /** Checks that a failed run changed nothing in ProAbono. */
  expectNothingChanged: (sandbox: Sandbox) => void;
}

/** Read-only operations change nothing: the seed is as it was, with no new event. */
const seedUntouched = (sandbox: Sandbox) => {
  expect(sandbox.customers.address(LUCIA.reference)).toEqual(LUCIA.address);
  expect(sandbox.customers.get(LUCIA.reference)?.Name).toBe(LUCIA_CUSTOMER.Name);
  expect(sandbox.customers.get(CREATE_INPUT.ReferenceCustomer)).toBeUndefined();
};

/** Jonas's pending balance, which Bill Customer bills. */
const BILL_INPUT = { ReferenceCustomer: 'cust-de-002', NoteLocalized: 'PO-2026-118' };
const SUBSCRIBE_INPUT = { ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' };

/** Nothing billed, nothing subscribed: the seed's billing as it was. */
const billingUntouched = (sandbox: Sandbox) => {
  seedUntouched(sandbox);
  expect(sandbox.billing.balance('cust-de-002')).toHaveLength(2);
  expect(sandbox.billing.invoices()).toHaveLength(2);
  expect(sandbox.billing.subscriptions()).toHaveLength(3);
};

/** Find Customer's result: Lucía, with her address. */
const expectLuciaFound = (result: unknown, sandbox: Sandbox) => {
  expect(result).toEqual([
    { ...luciaIdentity(sandbox), ...LUCIA_CUSTOMER, ...LUCIA_DETAILS, ...LUCIA_RECORD_ADDRESS },
  ]);
};

/** A row as written below: `method` only where it is not the operation's `perform`. */
type Row = Omit<Operation, 'run' | 'method'> & { method?: string };

const ROWS: Row[] = [
  {
    name: 'connection test',
    key: 'authentication',
    method: 'authentication.test',
    bundle: {},
    requests: CONNECTION_TEST,
    action: 'testing the connection',
    endpoint: 'GET /v1/Customers',
    expectResult: (result) => {
      expect(result).toEqual({ businessId: 42, totalCustomers: 6, label: 'Business 42' });
    },
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'update billing address',
    key: 'creates.update_customer_billing_address',
    bundle: { inputData: UPDATE_INPUT },
    requests: [addressSave(LUCIA.reference, UPDATE_BODY)],
    action: 'updating the billing address of customer "cust-es-003"',
    endpoint: 'POST /v1/CustomerAddressBilling',
    expectResult: (result, sandbox) => {
      expect(result).toEqual({
        id: LUCIA.reference,
        ReferenceCustomer: LUCIA.reference,
        ...UPDATED_ADDRESS,
        CountryName: 'Spain',
      });
      expect(sandbox.customers.address(LUCIA.reference)).toEqual(UPDATED_ADDRESS);
    },
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'create customer',
    key: 'creates.create_customer',
    bundle: { inputData: CREATE_INPUT },
    requests: [customerLookup(CREATE_INPUT.ReferenceCustomer), customerSave(CREATE_INPUT)],
    action: 'looking up customer "cust-it-007"',
    endpoint: 'GET /v1/Customer',
    expectResult: (result, sandbox) => {
      const stored = sandbox.customers.get(CREATE_INPUT.ReferenceCustomer);
      expect(stored).toMatchObject({ ...CREATE_INPUT, Status: 'Enabled' });
      expect(result).toEqual({
        id: CREATE_INPUT.ReferenceCustomer,
        IdCustomer: stored?.Id,
        ...CREATE_INPUT,
        Status: 'Enabled',
        ReferenceSegment: 'sandbox-eur',
        ReferenceAffiliation: null,
        Metadata: {},
        ...Object.fromEntries(Object.keys(LUCIA_RECORD_ADDRESS).map((key) => [key, null])),
      });
    },
    expectNothingChanged: (sandbox) => {
      seedUntouched(sandbox);
      expect(sandbox.customers.list()).toHaveLength(6);
    },
  },
  {
    name: 'update customer',
    key: 'creates.update_customer',
    bundle: { inputData: RENAME_INPUT },
    requests: [
      customerLookup(LUCIA.reference),
      customerSave({ ...RENAME_INPUT, ReferenceSegment: 'sandbox-eur' }),
    ],
    action: 'looking up customer "cust-es-003"',
    endpoint: 'GET /v1/Customer',
    expectResult: (result, sandbox) => {
      expect(result).toEqual({
        ...luciaIdentity(sandbox),
        ...LUCIA_CUSTOMER,
        Name: RENAME_INPUT.Name,
        ...LUCIA_DETAILS,
      });
      expect(sandbox.customers.get(LUCIA.reference)?.Name).toBe(RENAME_INPUT.Name);
      expect(sandbox.customers.list()).toHaveLength(6);
    },
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'find customer by reference',
    key: 'searches.find_customer',
    bundle: { inputData: { ReferenceCustomer: LUCIA.reference } },
    requests: [customerLookup(LUCIA.reference), addressRead(LUCIA.reference)],
    action: 'looking up customer "cust-es-003"',
    endpoint: 'GET /v1/Customer',
    expectResult: expectLuciaFound,
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'find customer by email',
    key: 'searches.find_customer',
    bundle: { inputData: { Email: LUCIA.email } },
    requests: [emailSearch(LUCIA.email), addressRead(LUCIA.reference)],
    action: 'searching customers by email "lucia@estudio-fernandez.es"',
    endpoint: 'GET /backoffice/Distribution/Customers',
    expectResult: (result, sandbox) => {
      expect(result).toEqual([
        asListedByBackoffice(sandbox, {
          ...luciaIdentity(sandbox),
          ...LUCIA_CUSTOMER,
          ...LUCIA_DETAILS,
          ...LUCIA_RECORD_ADDRESS,
        }),
      ]);
    },
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'customer list',
    key: 'triggers.customer_list',
    bundle: { meta: { page: 0 } },
    requests: [customersPage(1, 100)],
    action: 'listing customers',
    endpoint: 'GET /backoffice/Distribution/Customers',
    expectResult: (result) => {
      // The seed's six customers, of both segments, newest first as the Backoffice lists them.
      expect((result as { id: string }[]).map((choice) => choice.id)).toEqual([
        'cust-fr-006',
        'cust-us-005',
        'cust-gb-004',
        'cust-es-003',
        'cust-de-002',
        'cust-fr-001',
      ]);
    },
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'segment list',
    key: 'triggers.segment_list',
    bundle: { meta: { page: 0 } },
    requests: [segmentsPage(1, 100)],
    action: 'listing segments',
    endpoint: 'GET /backoffice/Organization/Segments',
    expectResult: (result, sandbox) => {
      // A ProAbono without this undocumented list leaves the dropdown empty (a typed reference
      // still works).
      expect((result as { id: string }[]).map((choice) => choice.id)).toEqual(
        sandbox.behaviour.segmentList ? ['sandbox-eur', 'sandbox-usd'] : [],
      );
    },
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'polling trigger',
    key: 'triggers.billing_address_updated_polling',
    bundle: { meta: { isLoadingSample: false, isPopulatingDedupe: false, limit: 100, page: 0 } },
    requests: [rewindEvents(100)],
    action: 'reading recent "Billing Address Updated" events',
    endpoint: 'GET /backoffice/Notification/WebhookNotifications/RewindEvents',
    expectResult: (result, sandbox) => {
      // Newest first; each address is left for Zapier to hydrate with one request.
      const expected = [...sandbox.events()].reverse();
      const records = result as Record<string, unknown>[];
      expect(records.map((record) => record.id)).toEqual(expected.map((event) => event.Id));
      expect(records.map((record) => parsePlaceholder(record.billing_address))).toEqual(
        expected.map((event) => ({
          type: 'method',
          method: 'hydrators.billingAddress',
          bundle: {
            reference: event.Customer.ReferenceCustomer,
            notificationId: event.Id,
            dateTrigger: event.DateTrigger,
          },
        })),
      );
    },
    expectNothingChanged: seedUntouched,
  },
  {
    name: 'bill customer',
    key: 'creates.bill_customer',
    bundle: { inputData: BILL_INPUT },
    requests: [customerBill({ ...BILL_INPUT, EnsureBillable: false, ForceOffline: false })],
    action: 'billing customer "cust-de-002"',
    endpoint: 'POST /v1/Billing/Customer',
    expectResult: (result, sandbox) => {
      const [invoice] = sandbox.billing.invoices('cust-de-002');
      expect(invoice).toMatchObject({
        AmountSubtotal: 49800,
        NoteLocalized: BILL_INPUT.NoteLocalized,
      });
      expect(result).toMatchObject({
        id: invoice?.Id,
        FullNumber: invoice?.FullNumber,
        AmountTotal: 59760,
        AmountTotalDecimal: '597.60',
      });
      expect(sandbox.billing.balance('cust-de-002')).toEqual([]);
    },
    expectNothingChanged: billingUntouched,
  },
  {
    name: 'create subscription',
    key: 'creates.create_subscription',
    bundle: { inputData: SUBSCRIBE_INPUT },
    requests: [
      subscriptionLookup(SUBSCRIBE_INPUT.ReferenceCustomer, SUBSCRIBE_INPUT.ReferenceOffer),
      subscriptionCreate(SUBSCRIBE_INPUT),
    ],
    action: 'looking up the subscription of customer "cust-de-002" to offer "pro-yearly"',
    endpoint: 'GET /v1/Subscription',
    expectResult: (result, sandbox) => {
      const [subscription] = sandbox.billing.subscriptions('cust-de-002');
      expect(subscription).toMatchObject({ ReferenceOffer: 'pro-yearly', Status: 'Active' });
      expect(result).toMatchObject({ id: subscription?.Id, Status: 'Active', created: true });
    },
    expectNothingChanged: billingUntouched,
  },
  {
    name: 'find subscription',
    key: 'searches.find_subscription',
    bundle: { inputData: { ReferenceCustomer: 'cust-fr-001' } },
    requests: [subscriptionLookup('cust-fr-001')],
    action: 'looking up the subscription of customer "cust-fr-001"',
    endpoint: 'GET /v1/Subscription',
    expectResult: (result) => {
      expect(result).toMatchObject([{ id: 140960, ReferenceOffer: 'starter-monthly' }]);
    },
    expectNothingChanged: billingUntouched,
  },
  {
    name: 'find invoice',
    key: 'searches.find_invoice',
    bundle: { inputData: { FullNumber: 'S-69.00000001' } },
    requests: [invoiceLookup('S-69.00000001')],
    action: 'looking up invoice "S-69.00000001"',
    endpoint: 'GET /v1/Invoice',
    expectResult: (result) => {
      expect(result).toMatchObject([{ id: 3736352, ReferenceCustomer: 'cust-fr-001' }]);
    },
    expectNothingChanged: billingUntouched,
  },
  {
    name: 'offer list',
    key: 'triggers.offer_list',
    bundle: { meta: { page: 0 } },
    requests: [allOffersPage(1)],
    action: 'listing offers',
    endpoint: 'GET /backoffice/Sub/Offers',
    expectResult: (result) => {
      expect((result as { id: string }[]).map((choice) => choice.id)).toEqual([
        'starter-monthly',
        'pro-yearly',
        'partner-monthly',
      ]);
    },
    expectNothingChanged: billingUntouched,
  },
];

export const OPERATIONS: Operation[] = ROWS.map((row) => {
  const method = row.method ?? `${row.key}.operation.perform`;
  return {
    ...row,
    method,
    run: (authData) =>
      appTester(functionAt(App, method), { authData: { ...authData }, ...row.bundle }),
  };
});
