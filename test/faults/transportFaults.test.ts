import type { FaultRule } from '../../sandbox/index.js';
import { rejectionOf } from '../support/app.js';
import type { ThrownError } from '../support/app.js';
import {
  CREATE_INPUT,
  LUCIA,
  LUCIA_CUSTOMER,
  LUCIA_DETAILS,
  LUCIA_RECORD_ADDRESS,
  OPERATIONS,
  UPDATED_ADDRESS,
  UPDATE_BODY,
  luciaIdentity,
} from './operations.js';
import type { Operation } from './operations.js';
import { setEnv } from '../../sandbox/zapier/zapierHarness.js';
import { closedPort, requestLog, until, useSandbox } from '../support/sandbox.js';
import {
  createdAddressUnconfirmed,
  customerExists,
  nothingToBill,
  timedOut,
  unreachable,
} from '../support/errors.js';
import { addressRead, addressSave, customerLookup, customerSave } from '../support/requests.js';
import { appTester } from '../support/app.js';
import { perform as createCustomer } from '../../src/creates/create_customer.js';
import type { AuthData } from './operations.js';

/** Create Customer as a Zap step runs it, with this input. */
const createCustomerStep = (authData: AuthData, inputData: Record<string, unknown>) =>
  appTester(createCustomer, { authData: { ...authData }, inputData });

/*
 * Faults below HTTP: an answer slower than the client's timeout, and a refused connection. The
 * timeout is lowered to 150 ms (PROABONO_TIMEOUT_MS) and the sandbox made to wait 600 ms.
 */

const TIMEOUT_MS = 150;
/** How the timeout message words the short timeout. */
const SHORT_TIMEOUT = `${TIMEOUT_MS} ms`;
const LATENCY_MS = 600;

const env = useSandbox();

beforeEach(() => {
  env.sandbox.addEvents(3, { references: [LUCIA.reference, 'cust-fr-001', 'cust-de-002'] });
});

const byName = (name: string): Operation => {
  const op = OPERATIONS.find((candidate) => candidate.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  return op;
};
const READS = OPERATIONS.filter(
  (op) =>
    !['update billing address', 'create customer', 'update customer', 'bill customer'].includes(
      op.name,
    ),
);

const slowFirstRequest = (op: Operation): FaultRule => {
  const [first] = op.requests;
  if (!first) throw new Error(`${op.name} makes no request`);
  return { method: first.method, pathRegex: `^${first.path}$`, latencyMs: LATENCY_MS };
};

/** Runs the step with the short timeout; the replay afterwards has the normal one. */
const withShortTimeout = async <T>(run: () => Promise<T>): Promise<T> => {
  const restore = setEnv({ PROABONO_TIMEOUT_MS: String(TIMEOUT_MS) });
  try {
    return await run();
  } finally {
    restore();
  }
};

describe('an answer slower than the client timeout', () => {
  it.each(READS)('$name: gives up with the timeout message; a replay succeeds', async (op) => {
    const sandbox = env.sandbox;
    sandbox.addFault(slowFirstRequest(op));
    await expect(rejectionOf(withShortTimeout(() => op.run(sandbox.authData)))).resolves.toEqual(
      timedOut(op.action, SHORT_TIMEOUT),
    );
    expect(requestLog(sandbox)).toEqual(op.requests.slice(0, 1));
    op.expectNothingChanged(sandbox);

    op.expectResult(await op.run(sandbox.authData), sandbox);
    expect(requestLog(sandbox)).toEqual([...op.requests.slice(0, 1), ...op.requests]);
  });

  it('update: ProAbono may still apply it after Zapier gave up; the replay sends the same fields and ends in the same address', async () => {
    const sandbox = env.sandbox;
    const op = byName('update billing address');
    const eventsBefore = sandbox.events().length;
    sandbox.addFault(slowFirstRequest(op));
    await expect(rejectionOf(withShortTimeout(() => op.run(sandbox.authData)))).resolves.toEqual(
      timedOut(op.action, SHORT_TIMEOUT),
    );
    // The sandbox, like a slow ProAbono, finishes the request after the client has gone.
    await until(() => sandbox.events().length === eventsBefore + 1);
    expect(sandbox.customers.address(LUCIA.reference)).toEqual(UPDATED_ADDRESS);

    op.expectResult(await op.run(sandbox.authData), sandbox);
    expect(requestLog(sandbox)).toEqual([...op.requests, ...op.requests]);
    expect(requestLog(sandbox)[1]?.body).toEqual(UPDATE_BODY);
    expect(sandbox.customers.address(LUCIA.reference)).toEqual(UPDATED_ADDRESS);
    // The first update is an event in ProAbono's history; the replay, which changes nothing, is
    // one too only if ProAbono notifies identical writes (undocumented: the sandbox's profile).
    const updated = ['CustomerBillingAddressUpdated', LUCIA.reference];
    expect(
      sandbox
        .events()
        .slice(eventsBefore)
        .map((event) => [event.TypeTrigger, event.Customer.ReferenceCustomer]),
    ).toEqual(sandbox.behaviour.noOpWriteNotifies ? [updated, updated] : [updated]);
  });

  it('create: the customer may exist after the timeout; the replay stops at it rather than creating or changing it', async () => {
    const sandbox = env.sandbox;
    const op = byName('create customer');
    sandbox.addFault({ method: 'POST', pathRegex: '^/v1/Customer$', latencyMs: LATENCY_MS });
    await expect(rejectionOf(withShortTimeout(() => op.run(sandbox.authData)))).resolves.toEqual(
      timedOut('saving customer "cust-it-007"', SHORT_TIMEOUT),
    );
    await until(() => sandbox.customers.get(CREATE_INPUT.ReferenceCustomer) !== undefined);
    const created = sandbox.customers.get(CREATE_INPUT.ReferenceCustomer);

    await expect(rejectionOf(op.run(sandbox.authData))).resolves.toEqual(
      customerExists('cust-it-007', 'sandbox-eur'),
    );
    expect(requestLog(sandbox)).toEqual([...op.requests, ...op.requests.slice(0, 1)]);
    expect(
      sandbox.customers
        .list()
        .filter((customer) => customer.ReferenceCustomer === CREATE_INPUT.ReferenceCustomer),
    ).toEqual([created]);
  });

  it('create with an address: the address slower than every attempt is read back before the step reports it; the replay finds it saved and writes nothing', async () => {
    const sandbox = env.sandbox;
    const address = { City: 'Milano', Country: 'IT' };
    const step = { ...CREATE_INPUT, ...address };
    const others = sandbox.customers
      .list()
      .filter((customer) => customer.ReferenceCustomer !== CREATE_INPUT.ReferenceCustomer);
    // The late writes are counted by their notifications, one each, even when identical.
    env.setBehaviour({ noOpWriteNotifies: true });
    sandbox.addFault({
      method: 'POST',
      pathRegex: '^/v1/CustomerAddressBilling$',
      latencyMs: 1500,
      times: 3,
    });
    // A timeout of 1 s: the attempts get 300 ms, 300 ms and what is left, then the read-back.
    const restore = setEnv({ PROABONO_TIMEOUT_MS: '1000' });
    let error: ThrownError;
    try {
      error = await rejectionOf(createCustomerStep(sandbox.authData, step));
    } finally {
      restore();
    }
    expect(error).toEqual(createdAddressUnconfirmed('cust-it-007', '3 times', 'still empty'));
    expect(requestLog(sandbox)).toEqual([
      customerLookup('cust-it-007'),
      customerSave(CREATE_INPUT),
      ...Array.from({ length: 3 }, () => addressSave('cust-it-007', address)),
      addressRead('cust-it-007'),
    ]);
    // Like a slow ProAbono, the sandbox saves the address after the step stopped waiting; every
    // late write lands before the replay.
    await until(
      () =>
        sandbox
          .events()
          .filter(
            (event) =>
              event.TypeTrigger === 'CustomerBillingAddressUpdated' &&
              event.Customer.ReferenceCustomer === 'cust-it-007',
          ).length === 3,
    );
    sandbox.resetRequests();
    await expect(createCustomerStep(sandbox.authData, step)).resolves.toMatchObject({
      id: 'cust-it-007',
      ...address,
      CountryName: 'Italy',
    });
    expect(requestLog(sandbox)).toEqual([
      customerLookup('cust-it-007'),
      addressRead('cust-it-007'),
    ]);
    expect(
      sandbox.customers
        .list()
        .filter((customer) => customer.ReferenceCustomer === CREATE_INPUT.ReferenceCustomer),
    ).toHaveLength(1);
    expect(
      sandbox.customers
        .list()
        .filter((customer) => customer.ReferenceCustomer !== CREATE_INPUT.ReferenceCustomer),
    ).toEqual(others);
  });

  it('bill: the invoice may exist after the timeout; the replay finds nothing left to bill, never bills twice', async () => {
    const sandbox = env.sandbox;
    const op = byName('bill customer');
    sandbox.addFault(slowFirstRequest(op));
    await expect(rejectionOf(withShortTimeout(() => op.run(sandbox.authData)))).resolves.toEqual(
      timedOut(op.action, SHORT_TIMEOUT),
    );
    await until(() => sandbox.billing.invoices('cust-de-002').length === 1);
    await expect(rejectionOf(op.run(sandbox.authData))).resolves.toEqual(
      nothingToBill('cust-de-002'),
    );
    expect(requestLog(sandbox)).toEqual([...op.requests, ...op.requests]);
    expect(sandbox.billing.invoices('cust-de-002')).toHaveLength(1);
  });

  it('find by reference: a slow address read after the customer was found times out too', async () => {
    const sandbox = env.sandbox;
    const op = byName('find customer by reference');
    sandbox.addFault({
      method: 'GET',
      pathRegex: '^/v1/CustomerAddressBilling$',
      latencyMs: LATENCY_MS,
    });
    await expect(rejectionOf(withShortTimeout(() => op.run(sandbox.authData)))).resolves.toEqual(
      timedOut('reading the billing address of customer "cust-es-003"', SHORT_TIMEOUT),
    );
    expect(requestLog(sandbox)).toEqual(op.requests);
    await expect(op.run(sandbox.authData)).resolves.toEqual([
      { ...luciaIdentity(sandbox), ...LUCIA_CUSTOMER, ...LUCIA_DETAILS, ...LUCIA_RECORD_ADDRESS },
    ]);
  });
});

describe('connection refused', () => {
  it.each(OPERATIONS)(
    '$name: says ProAbono could not be reached; a replay succeeds once it is back',
    async (op) => {
      const sandbox = env.sandbox;
      const port = await closedPort();
      const restore = setEnv({
        PROABONO_LIVE_URL: `http://127.0.0.1:${port}`,
        PROABONO_BACKOFFICE_URL: `http://127.0.0.1:${port}/backoffice`,
      });
      let error: ThrownError;
      try {
        error = await rejectionOf(op.run(sandbox.authData));
      } finally {
        restore();
      }
      expect(error).toEqual(unreachable(op.action, 'the connection was refused'));
      expect(requestLog(sandbox)).toEqual([]);
      op.expectNothingChanged(sandbox);

      op.expectResult(await op.run(sandbox.authData), sandbox);
      expect(requestLog(sandbox)).toEqual(op.requests);
    },
  );
});
