import zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../index.js';
import { placeholderBundle } from '../sandbox/zapier/zapierHarness.js';
import type { AppTester } from '../sandbox/zapier/zapierHarness.js';
import { testConnection } from '../src/authentication.js';
import { perform as billCustomer } from '../src/creates/bill_customer.js';
import { perform as createCustomer } from '../src/creates/create_customer.js';
import { perform as createSubscription } from '../src/creates/create_subscription.js';
import { perform as updateCustomer } from '../src/creates/update_customer.js';
import { perform as updateBillingAddress } from '../src/creates/update_customer_billing_address.js';
import { hydrateBillingAddress } from '../src/hydrators.js';
import { perform as findCustomer } from '../src/searches/find_customer.js';
import { perform as findInvoice } from '../src/searches/find_invoice.js';
import { perform as findSubscription } from '../src/searches/find_subscription.js';
import { perform as pollPerform } from '../src/triggers/billing_address_updated_polling.js';
import type { Recorder } from './recorder.js';
import { replay } from './replay.js';
import type { SuiteOptions } from './suite.js';

/*
 * The operations a Zap runs as steps, and the polling trigger: each run through
 * zapier-platform-core's app runtime over the real app, counted once, then timed against plain
 * `fetch` of the requests it made. This module imports zapier-platform-core: load it only once
 * NODE_ENV is 'test' (run.ts does).
 */

type Perform<T> = (z: ZObject, bundle: Bundle) => T | Promise<T>;

const POLL_META = { isLoadingSample: false, isPopulatingDedupe: false, limit: -1, page: 0 };

/** An ad-hoc function for the runtime floor: core runs it like any method of the app. */
const noop: Perform<never[]> = () => Promise.resolve([]);

/**
 * Runs functions of the real app with the sandbox's connection, through one app runtime (one
 * z.cache); the instant and storm sections make theirs the same way.
 */
export const caller =
  (sandbox: SuiteOptions['sandbox'], tester: AppTester = zapier.createAppTester(App)) =>
  <T>(fn: Perform<T>, bundle: Record<string, unknown> = {}): Promise<T> =>
    tester(fn, { authData: { ...sandbox.authData }, ...bundle } as Partial<Bundle>);
type Call = ReturnType<typeof caller>;

/** Where the operations' documentation gives the billing steps' request counts. */
const billingDoc = (requests: number) => ({
  requests,
  source: 'docs/operations.md § Subscriptions and billing',
});

/** The actions, the search and the connection test, after a warm-up of the whole request path. */
const measureSteps = async (options: SuiteOptions, recorder: Recorder, call: Call) => {
  const { sandbox, warmup, progress } = options;
  progress('Operations (request counts and overhead)');
  await sandbox.reset();
  {
    // Warm the JIT on the runtime, the app's request path and fetch before anything is timed,
    // or the first rows pay for it.
    await sandbox.clearRequests();
    await call(testConnection);
    const made = (await sandbox.requests()).map((request) => recorder.replayOf(request));
    for (let round = 0; round < warmup * 5; round += 1) {
      await call(noop);
      await call(testConnection);
      await replay(made);
    }
  }
  await recorder.measure('Runtime floor: a function that does nothing', () => call(noop), {
    method:
      'an ad-hoc function returning [] through the same runtime: what zapier-platform-core costs per invocation before any app code runs.',
  });
  await recorder.measure('Connection test', () => call(testConnection), {
    method: 'authentication.test through the app runtime: one call to each API.',
    expected: {
      requests: 2,
      source: 'docs/limits.md § Measured: connection test (API Live, then Backoffice)',
    },
  });
  await recorder.measure(
    'Update Customer Billing Address',
    () =>
      call(updateBillingAddress, {
        inputData: {
          ReferenceCustomer: 'cust-es-003',
          AddressLine1: 'Calle de Alcalá 42',
          ZipCode: '28014',
          Country: 'Spain',
          Phone: '+34 911 23 45 67',
        },
      }),
    {
      method: 'perform with five fields (one country name, one phone to normalise).',
      expected: {
        requests: 1,
        source: 'docs/limits.md § Measured: Update Customer Billing Address',
      },
    },
  );
  await recorder.measure(
    'Update Customer Billing Address, Skip If Nothing Would Change: a change',
    (index) =>
      call(updateBillingAddress, {
        inputData: {
          ReferenceCustomer: 'cust-es-003',
          AddressLine1: `Calle de Alcalá ${100 + index}`,
          ZipCode: '28014',
          skip_if_unchanged: true,
        },
      }),
    {
      method:
        'perform with skip_if_unchanged and a new street number each run (timed replays repeat the first one), the ZIP code unchanged: the read, then the POST of the street alone.',
      expected: {
        requests: 2,
        source:
          'docs/operations.md § Updating a billing address: Skip If Nothing Would Change, when something changes',
      },
    },
  );
  await recorder.measure(
    'Update Customer Billing Address, Skip If Nothing Would Change: nothing to change',
    () =>
      call(updateBillingAddress, {
        inputData: {
          ReferenceCustomer: 'cust-fr-001',
          ZipCode: '75011',
          City: 'Paris',
          Country: 'France',
          Phone: '+33 1 44 55 66 77',
          skip_if_unchanged: true,
        },
      }),
    {
      method:
        "perform with skip_if_unchanged and cust-fr-001's own seeded address, written differently (a country name, a spaced phone): the read alone.",
      expected: {
        requests: 1,
        source:
          'docs/operations.md § Updating a billing address: Skip If Nothing Would Change, when nothing does',
      },
    },
  );
  await recorder.measure(
    'Update Customer',
    () =>
      call(updateCustomer, {
        inputData: { ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter' },
      }),
    {
      method:
        'perform renaming a customer of the non-default segment: the lookup, then the save with its own segment.',
      expected: { requests: 2, source: 'docs/limits.md § Measured: Update Customer' },
    },
  );
  await recorder.measure(
    'Create Customer with a billing address',
    (index) =>
      call(createCustomer, {
        inputData: {
          ReferenceCustomer: `cust-bench-${index}`,
          Name: 'Giulia Romano',
          City: 'Milano',
          Country: 'Italy',
        },
      }),
    {
      method:
        'perform for a new reference each run (timed replays repeat the first one): the lookup, the customer, its address.',
      expected: {
        requests: 3,
        source: 'docs/limits.md § Measured: Create Customer, with an address',
      },
    },
  );
  await recorder.measure(
    'Find Customer by reference',
    () => call(findCustomer, { inputData: { ReferenceCustomer: 'cust-fr-001' } }),
    { method: 'perform for an existing reference: the customer, then its billing address.' },
  );
  await recorder.measure(
    'Find Subscription',
    () => call(findSubscription, { inputData: { ReferenceCustomer: 'cust-fr-001' } }),
    {
      method: "perform for cust-fr-001's running subscription.",
      expected: billingDoc(1),
    },
  );
  await recorder.measure(
    'Find Invoice',
    () => call(findInvoice, { inputData: { FullNumber: 'S-69.00000001' } }),
    {
      method: "perform for cust-fr-001's invoice, in the default segment.",
      expected: billingDoc(1),
    },
  );
  await recorder.count(
    'Bill Customer',
    () => call(billCustomer, { inputData: { ReferenceCustomer: 'cust-de-002' } }),
    {
      method: "perform once for cust-de-002's seeded balance (a balance is billed once).",
      expected: billingDoc(1),
    },
  );
  await recorder.count(
    'Create Subscription, Skip If Already Subscribed',
    () =>
      call(createSubscription, {
        inputData: { ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'starter-monthly' },
      }),
    {
      method: 'perform once for a customer without a subscription: the look-up, then the creation.',
      expected: billingDoc(2),
    },
  );
  await recorder.measure(
    'Find Customer by email',
    () => call(findCustomer, { inputData: { Email: 'billing@northwind-analytics.com' } }),
    {
      method:
        'perform for an email two customers share: the Backoffice search, then the address of the most recently updated.',
    },
  );
};

/**
 * The polling trigger: one poll over histories of 10, 1,000 and 10,000 events, the poll of a Zap
 * being turned on, and the hydration Zapier runs for one new record.
 */
const measurePolling = async (options: SuiteOptions, recorder: Recorder, call: Call) => {
  const { sandbox, progress } = options;
  progress('Polling trigger');
  const pollCounts: number[] = [];
  for (const history of [10, 1_000, 10_000]) {
    await sandbox.reset();
    await sandbox.addEvents(history);
    await recorder.measure(
      `Poll, ${history.toLocaleString('en-US')} events in history`,
      () => call(pollPerform, { meta: { ...POLL_META } }),
      {
        method: `billing_address_updated_polling perform (Zapier's default limit) after POST /_admin/events {count: ${history}}.`,
        expected: {
          requests: 1,
          source: 'docs/limits.md § Measured: poll with 10, 1,000 or 10,000 events',
        },
      },
    );
    pollCounts.push(recorder.requestCounts.at(-1)?.requests ?? NaN);
  }
  recorder.check({
    what: 'A poll costs the same whatever the history (10, 1,000, 10,000 events)',
    ok: pollCounts.every((count) => count === pollCounts[0]),
    detail: `requests: ${pollCounts.join(', ')}`,
  });
  // Turning a Zap on asks for as many events as one request allows: still one request.
  await recorder.count(
    'Poll when the Zap is turned on, 10,000 events',
    () => call(pollPerform, { meta: { ...POLL_META, isPopulatingDedupe: true } }),
    {
      method: 'perform with meta.isPopulatingDedupe (Zapier fills its dedupe table).',
      expected: {
        requests: 1,
        source: 'docs/operations.md § Billing Address Updated: Polling twin, one request per poll',
      },
    },
  );
  {
    await sandbox.reset();
    await sandbox.addEvents(10);
    const records = await call(pollPerform, { meta: { ...POLL_META } });
    const newest = records[0];
    if (!newest) throw new Error('The poll returned no record to hydrate');
    const inputData = placeholderBundle(newest.billing_address);
    await recorder.measure(
      'Hydration of one new polled event',
      // A placeholder hydrated again gives what its first hydration gave, without a request: each
      // run hydrates one of its own.
      (index) =>
        call(hydrateBillingAddress, {
          inputData: {
            ...inputData,
            notificationId: `${String(inputData.notificationId)}-${index}`,
          },
        }),
      {
        method:
          "the newest record's billing_address placeholder, resolved by hydrators.billingAddress as Zapier does (each run with a notification Id of its own).",
      },
    );
  }
};

/** Every row of both, through one app runtime (one z.cache), as one Zap account would. */
export const measureOperations = async (
  options: SuiteOptions,
  recorder: Recorder,
): Promise<void> => {
  const call = caller(options.sandbox);
  await measureSteps(options, recorder, call);
  await measurePolling(options, recorder, call);
};
