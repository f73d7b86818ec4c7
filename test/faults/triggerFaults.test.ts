import App from '../../index.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import type { FaultRule, Notification, Sandbox } from '../../sandbox/index.js';
import { hydrateRecord, placeholderBundle, setEnv } from '../../sandbox/zapier/zapierHarness.js';
import { hydrateBillingAddress } from '../../src/hydrators.js';
import { appTester, clearZcache, rejectionOf, zcache } from '../support/app.js';
import type { ThrownError } from '../support/app.js';
import { LUCIA, LUCIA_CUSTOMER } from './operations.js';
import { startTrigger } from '../support/hookTrigger.js';
import { NO_PREVIOUS } from '../support/records.js';
import { addressRead, newSubscription, webhookCreate, webhookDelete } from '../support/requests.js';
import { closedPort, requestLog, useSandbox } from '../support/sandbox.js';
import { serverError, throttled, timedOut, unexpected, unreachable } from '../support/errors.js';

/*
 * Faults while the triggers read the address: the instant trigger's perform, run by the hook
 * runner for each delivery, and the polling trigger's hydrator, run by Zapier for each new record.
 * Also faults during the webhook's lifecycle (subscribe, verification, unsubscribe).
 */

const env = useSandbox();

const READING = 'reading the billing address of customer "cust-es-003"';
const ADDRESS_PATH = '/v1/CustomerAddressBilling';
const ADDRESS_READ = addressRead(LUCIA.reference);

/** Lucía's address the first time a trigger sees her: nothing to compare with. */
const FIRST_SIGHT = {
  ...LUCIA.address,
  CountryName: 'Spain',
  changed_fields: [],
  previous_address_known: false,
  ...NO_PREVIOUS,
};

interface TriggerFault {
  label: string;
  /** Arms the fault; returns what undoes it. */
  arm: (sandbox: Sandbox) => Promise<() => void>;
  expected: ThrownError;
  /**
   * What the instant trigger does about it: read again after a pause (ProAbono or the network
   * failed), or give the record at once with its address left to read when the Zap uses it.
   */
  instant: 'read-again' | 'left-to-read';
}

const rule =
  (fault: FaultRule) =>
  (sandbox: Sandbox): Promise<() => void> => {
    sandbox.addFault({ method: 'GET', pathRegex: `^${ADDRESS_PATH}$`, ...fault });
    return Promise.resolve(() => undefined);
  };

const FAULTS: TriggerFault[] = [
  ...[
    { label: '429 with Retry-After: 30', retryAfter: 30, delay: 30 },
    { label: '429 without Retry-After', retryAfter: undefined, delay: 60 },
  ].map(({ label, retryAfter, delay }): TriggerFault => ({
    label,
    instant: 'left-to-read',
    arm: rule({ status: 429, retryAfter }),
    expected: throttled(READING, delay),
  })),
  ...[500, 503].map((status): TriggerFault => ({
    label: String(status),
    arm: rule({ status }),
    expected: serverError(READING, status),
    instant: 'read-again',
  })),
  {
    label: '502 with an HTML page',
    instant: 'read-again',
    arm: rule({ status: 502, rawBody: '<html><body><h1>Bad Gateway</h1></body></html>' }),
    expected: serverError(READING, 502, ' (the answer was not JSON: "Bad Gateway")'),
  },
  {
    label: '200 with a plain-text body',
    instant: 'left-to-read',
    arm: rule({ status: 200, rawBody: 'OK' }),
    expected: unexpected(`GET ${ADDRESS_PATH}`, READING, 'the answer was not JSON: "OK"'),
  },
  {
    label: '200 with a body that fails the schema',
    instant: 'left-to-read',
    arm: rule({ status: 200, json: [{ City: 'Madrid' }] }),
    expected: unexpected(
      `GET ${ADDRESS_PATH}`,
      READING,
      'body: Invalid input: expected object, received array',
    ),
  },
  {
    // Taken for an address with every field empty, it would be delivered and remembered.
    label: '200 with an error object instead of an address',
    instant: 'left-to-read',
    arm: rule({ status: 200, json: { Code: 'Error.Api.Maintenance', Message: 'Back soon.' } }),
    expected: unexpected(
      `GET ${ADDRESS_PATH}`,
      READING,
      'body: the answer has none of the billing-address fields',
    ),
  },
  {
    label: 'an answer slower than the 150 ms timeout',
    instant: 'read-again',
    arm: (sandbox) => {
      sandbox.addFault({ method: 'GET', pathRegex: `^${ADDRESS_PATH}$`, latencyMs: 600 });
      return Promise.resolve(setEnv({ PROABONO_TIMEOUT_MS: '150' }));
    },
    expected: timedOut(READING, '150 ms'),
  },
  {
    label: 'connection refused',
    instant: 'read-again',
    arm: async () => setEnv({ PROABONO_LIVE_URL: `http://127.0.0.1:${await closedPort()}` }),
    expected: unreachable(READING, 'the connection was refused'),
  },
];

/** The requests a fault lets through: none when the connection is refused. */
const reachedSandbox = (label: string) => (label === 'connection refused' ? [] : [ADDRESS_READ]);

/** An error as perform threw it, with z.errors' JSON message unpacked (as rejectionOf does). */
const unpacked = (error: unknown): ThrownError => {
  if (!(error instanceof Error)) throw new Error(`not an Error: ${String(error)}`);
  return { name: error.name, ...(JSON.parse(error.message) as Omit<ThrownError, 'name'>) };
};

describe('instant trigger: a fault while perform reads the address', () => {
  let runner: HookRunner;
  let webhookId: number;

  beforeEach(async () => {
    const sandbox = env.sandbox;
    clearZcache();
    runner = await startTrigger(sandbox);
    await runner.subscribe();
    await sandbox.idle();
    await runner.idle();
    expect(sandbox.webhooks().map((webhook) => webhook.IsActive)).toEqual([true]);
    webhookId = sandbox.webhooks()[0]?.Id ?? 0;
    sandbox.resetRequests();
  });
  afterEach(async () => {
    await runner.close();
  });

  const deliveredRecord = (event: Notification) => ({
    id: event.Id,
    DateTrigger: event.DateTrigger,
    ...LUCIA_CUSTOMER,
    billing_address: FIRST_SIGHT,
  });

  /** A copy of the notification after the fault: no record, no request. */
  const expectCopyDropped = async (event: Notification, requestsBefore: number) => {
    const sandbox = env.sandbox;
    await expect(sandbox.deliverRaw(runner.targetUrl, event)).resolves.toBe(200);
    await runner.idle();
    expect(runner.records).toHaveLength(1);
    expect(runner.errors).toEqual([]);
    expect(requestLog(sandbox)).toHaveLength(requestsBefore);
  };

  it.each(FAULTS)(
    '$label: the notification still gives its one record; a copy runs nothing',
    async ({ label, arm, instant }) => {
      const sandbox = env.sandbox;
      const undo = await arm(sandbox);
      let event: Notification;
      try {
        event = sandbox.emitBillingAddressUpdated(LUCIA.reference);
        await sandbox.idle();
        await runner.idle();
      } finally {
        undo();
      }
      expect(runner.errors).toEqual([]);
      expect(runner.records).toHaveLength(1);
      const [record] = runner.records;

      if (instant === 'read-again' && label !== 'connection refused') {
        // The fault hit the first read only: the second read gives the full record.
        expect(record).toEqual(deliveredRecord(event));
        expect(requestLog(sandbox)).toEqual([ADDRESS_READ, ADDRESS_READ]);
        await expectCopyDropped(event, 2);
        return;
      }

      // Read three times when the connection is refused throughout, once otherwise; then the
      // record goes out and Zapier reads the address when the Zap uses it.
      const reads = reachedSandbox(label);
      expect(requestLog(sandbox)).toEqual(reads);
      expect(record).toEqual({ ...deliveredRecord(event), billing_address: expect.any(String) });
      expect(placeholderBundle(record?.billing_address)).toEqual({
        reference: LUCIA.reference,
        notificationId: event.Id,
        dateTrigger: event.DateTrigger,
        scope: `webhook:${webhookId}`,
      });
      await expect(hydrateRecord(App, appTester, record ?? {}, sandbox.authData)).resolves.toEqual({
        ...record,
        billing_address: FIRST_SIGHT,
      });
      expect(requestLog(sandbox)).toEqual([...reads, ADDRESS_READ]);
      await expectCopyDropped(event, reads.length + 1);
    },
  );

  it('a 503 that lasts: three reads, then the record with its address left to read', async () => {
    const sandbox = env.sandbox;
    sandbox.addFault({ method: 'GET', pathRegex: `^${ADDRESS_PATH}$`, status: 503, times: 3 });
    const event = sandbox.emitBillingAddressUpdated(LUCIA.reference);
    await sandbox.idle();
    await runner.idle();
    expect(runner.errors).toEqual([]);
    expect(requestLog(sandbox)).toEqual([ADDRESS_READ, ADDRESS_READ, ADDRESS_READ]);
    const [record] = runner.records;
    expect(placeholderBundle(record?.billing_address)).toEqual({
      reference: LUCIA.reference,
      notificationId: event.Id,
      dateTrigger: event.DateTrigger,
      scope: `webhook:${webhookId}`,
    });
    await expectCopyDropped(event, 3);
  });
});

describe('polling trigger: a fault while Zapier hydrates a record', () => {
  const hydrate = (sandbox: Sandbox) =>
    appTester(hydrateBillingAddress, {
      authData: { ...sandbox.authData },
      inputData: { reference: LUCIA.reference, notificationId: 'trg_1' },
    });

  it.each(FAULTS)(
    '$label: the hydration fails and remembers nothing; a retry reads the address',
    async ({ label, arm, expected }) => {
      const sandbox = env.sandbox;
      clearZcache();
      const undo = await arm(sandbox);
      let error: ThrownError;
      try {
        error = await rejectionOf(hydrate(sandbox));
      } finally {
        undo();
      }
      expect(error).toEqual(expected);
      expect(requestLog(sandbox)).toEqual(reachedSandbox(label));
      expect(zcache()).toEqual({});

      await expect(hydrate(sandbox)).resolves.toEqual(FIRST_SIGHT);
      expect(requestLog(sandbox)).toEqual([...reachedSandbox(label), ADDRESS_READ]);
      expect(Object.keys(zcache()).sort()).toEqual([
        `proabono:v1:address:42:polling:${LUCIA.reference}`,
        'proabono:v1:hydrated:42:polling:trg_1',
      ]);
    },
  );
});

describe('webhook lifecycle under faults', () => {
  let runner: HookRunner;

  beforeEach(async () => {
    const sandbox = env.sandbox;
    runner = await startTrigger(sandbox);
  });
  afterEach(async () => {
    await runner.close();
  });

  const WEBHOOKS = '/backoffice/Notification/Webhooks';
  const codesSent = (sandbox: Sandbox) =>
    sandbox
      .deliveries()
      .filter((delivery) => delivery.kind === 'verification')
      .map((delivery) => (delivery.body as { Code: string }).Code);

  it('turning the Zap on while ProAbono answers 503: an error, no webhook; turning it on again works', async () => {
    const sandbox = env.sandbox;
    sandbox.addFault({ method: 'POST', pathRegex: `^${WEBHOOKS}$`, status: 503 });
    await expect(rejectionOf(runner.subscribe())).resolves.toEqual(
      serverError('registering a webhook for Zapier', 503),
    );
    expect(sandbox.webhooks()).toEqual([]);
    expect(requestLog(sandbox)).toEqual([webhookCreate(runner.targetUrl)]);

    await runner.subscribe();
    await sandbox.idle();
    await runner.idle();
    const [webhook] = sandbox.webhooks();
    expect(sandbox.webhooks()).toHaveLength(1);
    expect(webhook).toMatchObject({ Url: runner.targetUrl, IsActive: true });
    const id = webhook?.Id ?? 0;
    expect(requestLog(sandbox)).toEqual([
      webhookCreate(runner.targetUrl),
      ...newSubscription(runner.targetUrl, id, codesSent(sandbox)[0] ?? ''),
    ]);
  });

  it('a 503 on confirming the verification code leaves the webhook inactive; turning the Zap on again replaces it with an active one', async () => {
    const sandbox = env.sandbox;
    sandbox.addFault({ method: 'POST', pathRegex: '/Verification$', status: 503 });
    await runner.subscribe();
    await sandbox.idle();
    await runner.idle();
    const [webhook] = sandbox.webhooks();
    const id = webhook?.Id ?? 0;
    expect(webhook?.IsActive).toBe(false);
    expect(runner.errors.map((failure) => unpacked(failure.error))).toEqual([
      serverError(`confirming the verification code of webhook ${id}`, 503),
    ]);
    // Meanwhile ProAbono delivers nothing to an inactive webhook.
    sandbox.emitBillingAddressUpdated(LUCIA.reference);
    await sandbox.idle();
    await runner.idle();
    expect(runner.received).toHaveLength(1);

    await runner.subscribe();
    await sandbox.idle();
    await runner.idle();
    expect(sandbox.webhooks()).toMatchObject([{ Id: id + 1, IsActive: true }]);
    const [first, second] = codesSent(sandbox);
    expect(requestLog(sandbox)).toEqual([
      ...newSubscription(runner.targetUrl, id, first ?? ''),
      webhookDelete(id),
      ...newSubscription(runner.targetUrl, id + 1, second ?? ''),
    ]);
    expect(runner.records).toEqual([]);
  });

  it('turning the Zap off while ProAbono answers 502: an error, the webhook stays; turning it off again deletes it', async () => {
    const sandbox = env.sandbox;
    await runner.subscribe();
    await sandbox.idle();
    await runner.idle();
    const id = sandbox.webhooks()[0]?.Id ?? 0;
    sandbox.resetRequests();
    sandbox.addFault({ method: 'DELETE', status: 502 });
    await expect(rejectionOf(runner.unsubscribe())).resolves.toEqual(
      serverError(`deleting webhook ${id}`, 502),
    );
    expect(sandbox.webhooks()).toHaveLength(1);

    await expect(runner.unsubscribe()).resolves.toEqual({ id: String(id), deleted: true });
    expect(sandbox.webhooks()).toEqual([]);
    expect(requestLog(sandbox)).toEqual([webhookDelete(id), webhookDelete(id)]);
  });
});
