import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import type { Bundle } from 'zapier-platform-core';

import { startStyleCheckStub } from '../../bench/styleCheckStub.js';
import type { StyleCheckStub } from '../../bench/styleCheckStub.js';
import { ADDRESS_KEYS } from '../../sandbox/index.js';
import type { BillingAddress, Sandbox } from '../../sandbox/index.js';
import { SEED_CUSTOMERS } from '../../sandbox/seed.js';
import { startZapierRpc } from '../../sandbox/zapier/zapierRpc.js';
import type { ZapierRpc } from '../../sandbox/zapier/zapierRpc.js';
import {
  execute,
  forwardingApp,
  startArtifact,
  unzipBuild,
} from '../../sandbox/zapier/zapierRuntime.js';
import type { Artifact } from '../../sandbox/zapier/zapierRuntime.js';
import { errorCodeOf, userMessageOf } from '../../src/api/errorFactories.js';
import { rejectionOf } from '../support/app.js';
import { coverageOf, hookTriggerOperations, operationOfMethod } from '../support/coverage.js';
import { OPERATIONS } from '../faults/operations.js';
import type { ThrownError } from '../support/app.js';
import { lastEvent, settle, useHookTrigger, verificationCodeOf } from '../support/hookTrigger.js';
import {
  NO_ADDRESS,
  SEGMENT_CHOICES,
  asListedByBackoffice,
  expectedRecord,
} from '../support/records.js';
import {
  CONNECTION_TEST,
  addressRead,
  addressSave,
  codeConfirm,
  codeSend,
  customerCount,
  customerLookup,
  customerSave,
  customersPage,
  emailSearch,
  rewindEvents,
  segmentsPage,
  webhookCreate,
  webhookDelete,
} from '../support/requests.js';
import { requestLog, until, useSandbox } from '../support/sandbox.js';
import type { RequestLogEntry } from '../support/sandbox.js';
import { DELIVERY_REFUSALS, ignoredDelivery } from '../support/zapLogs.js';
import {
  invalidData,
  invalidHydration,
  noCustomerToUpdate,
  serverError,
  unknownCustomer,
} from '../support/errors.js';

/*
 * The artifact Zapier runs. `npm run package` makes build.zip once for the file (Zapier's style
 * check answered on loopback); it is unzipped alone under the OS temp folder, away from the
 * project's node_modules, and its own zapierwrapper.js runs in a fresh Node process, as on
 * Zapier's Lambda: events `{ command: 'execute', method, bundle, rpc_base, token }`, z.cache
 * behind the loopback stand-in for Zapier's RPC, the sandbox's URLs in the event's environment.
 * The in-process tests cover the behaviour in depth; these prove the zip carries all it needs.
 */

const run = promisify(execFile);
const projectDir = fileURLToPath(new URL('../../', import.meta.url));

let workDir: string;
let appDir: string;
let stub: StyleCheckStub;
let artifact: Artifact;
let definition: Record<string, unknown>;
/** Modules the process had loaded once imported, before any step. */
let importedModules: string[];
// The steps below clear Address Line 2 with one write; where ProAbono ignores "", the update sends
// a second write (tested in-process under both profiles), which is not this file's subject.
const env = useSandbox({ behaviour: { addressClearValue: '' } });
let rpc: ZapierRpc;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'proabono-artifact-'));
  stub = await startStyleCheckStub();
  const { NODE_OPTIONS: _jestFlags, ...env } = process.env;
  await run('npm', ['run', '--silent', 'package', '--', '--out-dir', join(workDir, 'out')], {
    cwd: projectDir,
    env: { ...env, ZAPIER_BASE_ENDPOINT: stub.url },
    maxBuffer: 1 << 24,
  });
  appDir = join(workDir, 'app');
  unzipBuild(join(workDir, 'out', 'build.zip'), appDir);
  definition = JSON.parse(await readFile(join(appDir, 'definition.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  // A clean container: no NODE_PATH, no project folder above it, nothing but PATH.
  artifact = await startArtifact(appDir, {
    env: { PATH: process.env.PATH ?? '' },
    recordModules: true,
  });
  importedModules = await artifact.modules();
}, 300_000);

afterAll(async () => {
  await artifact?.close();
  await stub?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  // Zapier's cache, empty for each test.
  rpc = await startZapierRpc();
});
afterEach(async () => {
  await env.sandbox.idle();
  await rpc.close();
});

/** One step through the artifact, with the sandbox's connection and URLs. */
/** The operations run through the build: every one of the app's must be. */
const exercised = coverageOf();

const step = (method: string, bundle: Partial<Bundle> = {}) => {
  exercised.note(operationOfMethod(method));
  return execute(
    artifact.handler,
    rpc,
    method,
    { authData: { ...env.sandbox.authData }, ...bundle },
    env.sandbox.env,
  );
};

const logMessages = () =>
  rpc.logLines.map((line) => (JSON.parse(line) as { message: string }).message);

const seed = (reference: string) => {
  const customer = SEED_CUSTOMERS.find((entry) => entry.ReferenceCustomer === reference);
  if (!customer) throw new Error(`${reference} is not a seed customer`);
  return customer;
};

/** A seed customer's address with every field ProAbono answers: empty ones are null. */
const seedAddress = (reference: string): BillingAddress =>
  Object.fromEntries(
    ADDRESS_KEYS.map((key) => [key, seed(reference).address?.[key] ?? null]),
  ) as BillingAddress;

/** What Find Customer gives for a seed customer: the customer and its address. */
const foundCustomer = (reference: string, idCustomer: number, countryName: string) => {
  const { Name, Email, Language, ReferenceSegment } = seed(reference);
  return {
    id: reference,
    IdCustomer: idCustomer,
    ReferenceCustomer: reference,
    Name,
    Email,
    Language,
    Status: 'Enabled',
    ReferenceSegment,
    ReferenceAffiliation: null,
    Metadata: {},
    ...seedAddress(reference),
    CountryName: countryName,
  };
};

/** Every update field set, each through a normaliser loaded on first use. */
const MUNICH_INPUT = {
  ReferenceCustomer: 'cust-de-002',
  AddressLine1: ' Leopoldstraße 12 ',
  ZipCode: 80802,
  City: 'München',
  Country: 'Allemagne',
  Region: 'by',
  Phone: '089 2180 3456',
  TaxInformation: 'de 274.938.516',
  clear_fields: 'Address Line 2',
};
const MUNICH_BODY = {
  AddressLine1: 'Leopoldstraße 12',
  AddressLine2: '',
  ZipCode: '80802',
  City: 'München',
  Country: 'DE',
  Region: 'DE-BY',
  Phone: '+498921803456',
  TaxInformation: 'DE274938516',
};
const MUNICH: BillingAddress = {
  ...seedAddress('cust-de-002'),
  ...MUNICH_BODY,
  AddressLine2: null,
};

/**
 * One step Zapier runs, and what it must give. A new operation is one more row: its app path, the
 * bundle, what it returns or the error it fails with, and every request the sandbox received.
 */
interface StepRow {
  name: string;
  method: string;
  bundle?: Partial<Bundle>;
  /** Done to the sandbox before the step: a fault, for an error path. */
  arrange?: (sandbox: Sandbox) => void;
  /** What the step returns; a function of the sandbox where it depends on ProAbono's behaviour. */
  returns?: unknown;
  fails?: ThrownError;
  requests: RequestLogEntry[];
}

const STEPS: StepRow[] = [
  {
    name: 'the connection test',
    method: 'authentication.test',
    returns: { businessId: 42, totalCustomers: 6, label: 'Business 42' },
    requests: [...CONNECTION_TEST],
  },
  {
    name: 'the connection test, ProAbono down',
    method: 'authentication.test',
    arrange: (sandbox) => sandbox.addFault({ path: '/v1/Customers', status: 503 }),
    fails: serverError('testing the connection', 503),
    requests: [customerCount],
  },
  {
    name: 'Update Customer Billing Address, every normaliser',
    method: 'creates.update_customer_billing_address.operation.perform',
    bundle: { inputData: MUNICH_INPUT },
    returns: {
      id: 'cust-de-002',
      ReferenceCustomer: 'cust-de-002',
      ...MUNICH,
      CountryName: 'Germany',
    },
    requests: [addressSave('cust-de-002', MUNICH_BODY)],
  },
  {
    name: 'Update Customer Billing Address, skipped when nothing would change',
    method: 'creates.update_customer_billing_address.operation.perform',
    bundle: {
      inputData: {
        ReferenceCustomer: 'cust-de-002',
        City: ' Berlin ',
        Country: 'Deutschland',
        skip_if_unchanged: 'yes',
      },
    },
    returns: {
      id: 'cust-de-002',
      ReferenceCustomer: 'cust-de-002',
      ...seedAddress('cust-de-002'),
      CountryName: 'Germany',
      changed: false,
      changed_fields: [],
    },
    requests: [addressRead('cust-de-002')],
  },
  {
    name: 'Update Customer Billing Address, read first, then only what changes',
    method: 'creates.update_customer_billing_address.operation.perform',
    bundle: {
      inputData: {
        ReferenceCustomer: 'cust-de-002',
        City: 'Potsdam',
        Country: 'DE',
        skip_if_unchanged: true,
      },
    },
    returns: {
      id: 'cust-de-002',
      ReferenceCustomer: 'cust-de-002',
      ...seedAddress('cust-de-002'),
      City: 'Potsdam',
      CountryName: 'Germany',
      changed: true,
      changed_fields: ['City'],
    },
    requests: [addressRead('cust-de-002'), addressSave('cust-de-002', { City: 'Potsdam' })],
  },
  {
    name: 'Update Customer Billing Address, an unknown customer',
    method: 'creates.update_customer_billing_address.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-nobody', City: 'Paris' } },
    fails: unknownCustomer('cust-nobody'),
    requests: [addressSave('cust-nobody', { City: 'Paris' })],
  },
  {
    name: 'Update Customer Billing Address, a VAT number refused before any request',
    method: 'creates.update_customer_billing_address.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-de-002', TaxInformation: 'DE 274 938 517' } },
    fails: {
      name: 'AppError',
      code: 'invalid_input',
      message:
        'VAT / Tax Number "DE 274 938 517" is not a valid German VAT number: its check digits ' +
        'do not match, which usually means a typo. Expected: DE followed by 9 digits; spaces, ' +
        'dots and dashes are ignored. Correct the number, or leave VAT / Tax Number blank to ' +
        'keep the current one. ProAbono also checks EU VAT numbers itself, asynchronously, after ' +
        'the update.',
    },
    requests: [],
  },
  {
    name: 'Create Customer, a new reference',
    method: 'creates.create_customer.operation.perform',
    bundle: {
      inputData: {
        ReferenceCustomer: 'cust-it-007',
        Name: 'Giulia Romano',
        Email: 'giulia.romano@studioromano.it',
        Language: ' IT ',
      },
    },
    returns: {
      id: 'cust-it-007',
      IdCustomer: 233706,
      ReferenceCustomer: 'cust-it-007',
      Name: 'Giulia Romano',
      Email: 'giulia.romano@studioromano.it',
      Language: 'it',
      Status: 'Enabled',
      ReferenceSegment: 'sandbox-eur',
      ReferenceAffiliation: null,
      Metadata: {},
      ...NO_ADDRESS,
    },
    requests: [
      customerLookup('cust-it-007'),
      customerSave({
        ReferenceCustomer: 'cust-it-007',
        Name: 'Giulia Romano',
        Email: 'giulia.romano@studioromano.it',
        Language: 'it',
      }),
    ],
  },
  {
    name: 'Create Customer, a segment ProAbono does not know',
    method: 'creates.create_customer.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-x-009', ReferenceSegment: 'no-such-segment' } },
    // The error code is the sandbox's own; this row is about the field's Zapier label.
    arrange: (sandbox) =>
      sandbox.setProfile(sandbox.profile, { ...sandbox.behaviour, inventedErrorCodes: true }),
    fails: invalidData(
      'saving customer "cust-x-009"',
      'Segment: No segment has this reference. (Error.Api.Segment.Unknown)',
    ),
    requests: [
      customerLookup('cust-x-009'),
      customerSave({ ReferenceCustomer: 'cust-x-009', ReferenceSegment: 'no-such-segment' }),
    ],
  },
  {
    name: 'Find Customer by reference',
    method: 'searches.find_customer.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-de-002' } },
    returns: [foundCustomer('cust-de-002', 233701, 'Germany')],
    requests: [customerLookup('cust-de-002'), addressRead('cust-de-002')],
  },
  {
    name: 'Find Customer by email',
    method: 'searches.find_customer.operation.perform',
    bundle: { inputData: { Email: 'Jonas.Becker@becker-sohn.de' } },
    returns: (sandbox: Sandbox) => [
      asListedByBackoffice(sandbox, foundCustomer('cust-de-002', 233701, 'Germany')),
    ],
    requests: [emailSearch('Jonas.Becker@becker-sohn.de'), addressRead('cust-de-002')],
  },
  {
    name: 'Find Customer, ProAbono down',
    method: 'searches.find_customer.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-de-002' } },
    arrange: (sandbox) => sandbox.addFault({ path: '/v1/Customer', status: 503 }),
    fails: serverError('looking up customer "cust-de-002"', 503),
    requests: [customerLookup('cust-de-002')],
  },
  {
    name: "Update Customer, in the customer's own segment",
    method: 'creates.update_customer.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter-Hughes' } },
    returns: {
      id: 'cust-us-005',
      IdCustomer: 233704,
      ReferenceCustomer: 'cust-us-005',
      Name: 'Emily Carter-Hughes',
      Email: 'billing@northwind-analytics.com',
      Language: 'en-US',
      Status: 'Enabled',
      ReferenceSegment: 'sandbox-usd',
      ReferenceAffiliation: null,
      Metadata: {},
    },
    requests: [
      customerLookup('cust-us-005'),
      customerSave({
        ReferenceCustomer: 'cust-us-005',
        Name: 'Emily Carter-Hughes',
        ReferenceSegment: 'sandbox-usd',
      }),
    ],
  },
  {
    name: 'Update Customer, a language given by its name',
    method: 'creates.update_customer.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-de-002', Language: 'Deutsch' } },
    returns: {
      id: 'cust-de-002',
      IdCustomer: 233701,
      ReferenceCustomer: 'cust-de-002',
      Name: 'Jonas Becker',
      Email: 'jonas.becker@becker-sohn.de',
      Language: 'de',
      Status: 'Enabled',
      ReferenceSegment: 'sandbox-eur',
      ReferenceAffiliation: null,
      Metadata: {},
    },
    requests: [
      customerLookup('cust-de-002'),
      customerSave({
        ReferenceCustomer: 'cust-de-002',
        Language: 'de',
        ReferenceSegment: 'sandbox-eur',
      }),
    ],
  },
  {
    name: 'Update Customer, an unknown reference: nothing is created',
    method: 'creates.update_customer.operation.perform',
    bundle: { inputData: { ReferenceCustomer: 'cust-nobody', Name: 'Nobody' } },
    fails: noCustomerToUpdate('cust-nobody'),
    requests: [customerLookup('cust-nobody')],
  },
  {
    name: 'the segment dropdown (segment_list)',
    method: 'triggers.segment_list.operation.perform',
    bundle: { meta: { page: 0, isFillingDynamicDropdown: true } as Bundle['meta'] },
    // Without the list, which ProAbono does not document, the dropdown is empty.
    returns: (sandbox: Sandbox) => (sandbox.behaviour.segmentList ? SEGMENT_CHOICES : []),
    requests: [segmentsPage(1, 100)],
  },
  {
    name: 'the customer dropdown (customer_list)',
    method: 'triggers.customer_list.operation.perform',
    bundle: { meta: { page: 0, isFillingDynamicDropdown: true } as Bundle['meta'] },
    // Every segment, newest first as the sandbox's Backoffice lists them.
    returns: (sandbox: Sandbox) =>
      SEED_CUSTOMERS.map(({ ReferenceCustomer, Name, Email, Language, ReferenceSegment }, index) =>
        asListedByBackoffice(sandbox, {
          id: ReferenceCustomer,
          IdCustomer: 233700 + index,
          label: `${Name} · ${Email} · ${ReferenceCustomer}`,
          ReferenceCustomer,
          Name,
          Email,
          Language,
          Status: 'Enabled',
          ReferenceSegment,
        }),
      ).reverse(),
    requests: [customersPage(1, 100)],
  },
  {
    name: 'the customer dropdown, ProAbono down',
    method: 'triggers.customer_list.operation.perform',
    bundle: { meta: { page: 0, isFillingDynamicDropdown: true } as Bundle['meta'] },
    arrange: (sandbox) =>
      sandbox.addFault({ path: '/backoffice/Distribution/Customers', status: 503 }),
    fails: serverError('listing customers', 503),
    requests: [customersPage(1, 100)],
  },
];

describe('each step through the unzipped build', () => {
  it.each(STEPS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    row.arrange?.(env.sandbox);
    const outcome = step(row.method, row.bundle);
    if (row.fails) expect(await rejectionOf(outcome)).toEqual(row.fails);
    else {
      const { returns } = row;
      expect(await outcome).toEqual(
        typeof returns === 'function' ? (returns as (s: Sandbox) => unknown)(env.sandbox) : returns,
      );
    }
    expect(requestLog(env.sandbox)).toEqual(row.requests);
  });
});

describe('Find or Create Customer through the unzipped build', () => {
  it('runs the search, then the create for the customer it did not find', async () => {
    const customer = { ReferenceCustomer: 'cust-nl-010', Name: 'Sanne de Vries' };
    const pair = (definition.searchOrCreates as Record<string, { search: string; create: string }>)
      .find_customer;
    expect(pair).toMatchObject({ search: 'find_customer', create: 'create_customer' });

    const found = await step(`searches.${pair?.search ?? ''}.operation.perform`, {
      inputData: customer,
    });
    expect(found).toEqual([]);
    const created = await step(`creates.${pair?.create ?? ''}.operation.perform`, {
      inputData: customer,
    });
    expect(created).toEqual({
      id: 'cust-nl-010',
      IdCustomer: 233706,
      ...customer,
      Email: null,
      Language: null,
      Status: 'Enabled',
      ReferenceSegment: 'sandbox-eur',
      ReferenceAffiliation: null,
      Metadata: {},
      ...NO_ADDRESS,
    });
    // Create Customer looks the reference up itself before saving: it creates, never updates.
    expect(requestLog(env.sandbox)).toEqual([
      customerLookup('cust-nl-010'),
      customerLookup('cust-nl-010'),
      customerSave(customer),
    ]);
  });
});

describe('Billing Address Updated through the unzipped build', () => {
  const { start } = useHookTrigger(env);
  /** Zapier's side of the hook, sending each call to the build. */
  const startTrigger = () =>
    start({ app: forwardingApp(definition, (method, bundle) => step(method, bundle)) });

  it('subscribes and verifies, runs the Zap once per event, drops a duplicate, unsubscribes', async () => {
    const runner = await startTrigger();
    expect(await runner.subscribe()).toEqual({
      id: '5001',
      url: runner.targetUrl,
      types: ['CustomerBillingAddressUpdated'],
    });
    await settle(env.sandbox, runner);
    const code = verificationCodeOf(env.sandbox, 5001);
    expect(env.sandbox.webhooks()).toMatchObject([{ Id: 5001, IsActive: true }]);
    expect(requestLog(env.sandbox)).toEqual([
      webhookCreate(runner.targetUrl),
      codeSend(5001),
      codeConfirm(5001, code),
    ]);

    // An address update (this build's own action), delivered twice by ProAbono.
    env.sandbox.resetRequests();
    env.sandbox.deliveryFaults.duplicate(2);
    await step('creates.update_customer_billing_address.operation.perform', {
      inputData: MUNICH_INPUT,
    });
    await settle(env.sandbox, runner);
    const event = lastEvent(env.sandbox);
    expect(
      runner.received.filter(({ body }) => (body as { Id?: string }).Id === event.Id),
    ).toHaveLength(2);
    expect(runner.records).toEqual([expectedRecord(event, MUNICH, null)]);
    expect(runner.errors).toEqual([]);
    // The duplicate cost no request.
    expect(requestLog(env.sandbox)).toEqual([
      addressSave('cust-de-002', MUNICH_BODY),
      addressRead('cust-de-002'),
    ]);
    // The first copy claimed the notification (nx) and marked it delivered; the second read that.
    const delivered = rpc.calls.filter(({ params }) => String(params[0]).endsWith(`:${event.Id}`));
    expect(delivered.map(({ method }) => method)).toEqual([
      'zcache_get',
      'zcache_set',
      'zcache_set',
      'zcache_get',
    ]);
    expect(delivered[1]?.params[4]).toBe(true);
    expect([...rpc.entries()].find(([key]) => key.endsWith(`:${event.Id}`))?.[1]).toMatchObject({
      state: 'delivered',
    });

    env.sandbox.resetRequests();
    expect(await runner.unsubscribe()).toEqual({ id: '5001', deleted: true });
    expect(env.sandbox.webhooks()).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([webhookDelete(5001)]);
  });

  it('drops a forged delivery and says why in the Zap log', async () => {
    const runner = await startTrigger();
    await runner.subscribe();
    await settle(env.sandbox, runner);
    env.sandbox.resetRequests();
    rpc.logLines.splice(0);
    env.sandbox.deliveryFaults.forgeNext(1);
    await step('creates.update_customer_billing_address.operation.perform', {
      inputData: { ReferenceCustomer: 'cust-de-002', City: 'Hamburg' },
    });
    await settle(env.sandbox, runner);

    expect(runner.records).toEqual([]);
    expect(runner.errors).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([addressSave('cust-de-002', { City: 'Hamburg' })]);
    expect(logMessages()).toContain(
      `${ignoredDelivery('Billing Address Updated', DELIVERY_REFUSALS.wrongSignature)}\n`,
    );
  });
});

describe('no notification lost or reverted, through the unzipped build and a cache that honours nx', () => {
  const { start } = useHookTrigger(env);
  const turnOn = async () => {
    const runner = await start({
      app: forwardingApp(definition, (method, bundle) => step(method, bundle)),
    });
    await runner.subscribe();
    await settle(env.sandbox, runner);
    env.sandbox.resetRequests();
    return runner;
  };
  const moveToMunich = () =>
    step('creates.update_customer_billing_address.operation.perform', { inputData: MUNICH_INPUT });
  const claimKey = (event: { Id: string }) => `proabono:v1:delivered:42:webhook:5001:${event.Id}`;

  /**
   * Zapier runs concurrent invocations in separate containers: a second process of the build,
   * each step going to one that is not busy.
   */
  const twoContainers = async () => {
    const second = await startArtifact(appDir, { env: { PATH: process.env.PATH ?? '' } });
    const busy = new Set<Artifact>();
    const container = (method: string, bundle: Partial<Bundle>) => {
      const free = [artifact, second].find((process) => !busy.has(process)) ?? artifact;
      busy.add(free);
      const bundleWithAuth = { authData: { ...env.sandbox.authData }, ...bundle };
      return execute(free.handler, rpc, method, bundleWithAuth, env.sandbox.env).finally(() =>
        busy.delete(free),
      );
    };
    return { container, close: () => second.close() };
  };

  it('a copy arriving after one that claimed the notification and died delivers it, once its lease ran out', async () => {
    const runner = await turnOn();
    const held = env.sandbox.deliveryFaults.holdAndReverse();
    await moveToMunich();
    const event = lastEvent(env.sandbox);
    // A copy claimed it a second ago, then its Lambda was stopped: it never renews its lease.
    rpc.seed(claimKey(event), { state: 'running', token: 'dead', leaseUntil: Date.now() + 9_000 });
    const arrived = Date.now();
    await held.release();
    await settle(env.sandbox, runner);
    expect(runner.errors).toEqual([]);
    expect(runner.records).toEqual([expectedRecord(event, MUNICH, null)]);
    // Within Zapier's 30 seconds, the one budget a delivery has.
    expect(Date.now() - arrived).toBeLessThan(30_000);
    expect(rpc.entries().get(claimKey(event))).toMatchObject({ state: 'delivered' });
  }, 60_000);

  it('a copy whose "delivered" write fails still delivers its change, remembered for the next update', async () => {
    const runner = await turnOn();
    rpc.failNext('zcache_set', 1, (params) => String(params[1]).includes('"delivered"'));
    await moveToMunich();
    await settle(env.sandbox, runner);
    const event = lastEvent(env.sandbox);
    expect(runner.errors).toEqual([]);
    expect(runner.records).toEqual([expectedRecord(event, MUNICH, null)]);
    // The address it delivered is what the next update is compared with.
    expect(rpc.entries().get('proabono:v1:address:42:webhook:5001:cust-de-002')).toEqual({
      address: MUNICH,
      time: Date.parse(event.DateTrigger),
    });
  });

  it('an older notification compared while a newer one is delivered never reverts it: one customer at a time', async () => {
    const { container, close } = await twoContainers();
    try {
      // With the RPC stand-in, the runner hands over every delivery at once, as Zapier does.
      const runner = await start({ app: forwardingApp(definition, container), rpc });
      await runner.subscribe();
      await settle(env.sandbox, runner);
      // The first copy stops before marking its record delivered: Munich read and compared.
      let first = true;
      const paused = rpc.hold('zcache_set', (params) => {
        const picked = first && String(params[1]).includes('"delivered"');
        if (picked) first = false;
        return picked;
      });
      await moveToMunich();
      await paused.reached;
      const older = lastEvent(env.sandbox);
      await container('creates.update_customer_billing_address.operation.perform', {
        inputData: { ReferenceCustomer: 'cust-de-002', ZipCode: '20095', City: 'Hamburg' },
      });
      // The newer notification waits for the customer's memory; were nothing holding it, it
      // would be compared, delivered and remembered before the older one is done.
      const holdWrites = () =>
        rpc.calls.filter(
          ({ method, params }) =>
            method === 'zcache_set' && String(params[0]).endsWith('cust-de-002:hold'),
        ).length;
      await until(() => runner.records.length > 0 || holdWrites() >= 2);
      paused.release();
      await settle(env.sandbox, runner);
      const newer = lastEvent(env.sandbox);
      const hamburg = { ...MUNICH, ZipCode: '20095', City: 'Hamburg' };
      expect(runner.errors).toEqual([]);
      expect(runner.records).toEqual([
        expectedRecord(older, MUNICH, null),
        expectedRecord(newer, hamburg, { ZipCode: '80802', City: 'München' }),
      ]);
      expect(rpc.entries().get('proabono:v1:address:42:webhook:5001:cust-de-002')).toEqual({
        address: hamburg,
        time: Date.parse(newer.DateTrigger),
      });
      expect(rpc.entries().has('proabono:v1:address:42:webhook:5001:cust-de-002:hold')).toBe(false);
    } finally {
      await close();
    }
  });

  it('a newer notification whose address was read before an older one read a still newer address never reports it after that one', async () => {
    const { container, close } = await twoContainers();
    const moveTo = (City: string) =>
      container('creates.update_customer_billing_address.operation.perform', {
        inputData: { ReferenceCustomer: 'cust-de-002', City },
      });
    try {
      const runner = await start({ app: forwardingApp(definition, container), rpc });
      await runner.subscribe();
      await settle(env.sandbox, runner);
      const held = env.sandbox.deliveryFaults.holdAndReverse();
      await moveTo('Hamburg');
      const older = lastEvent(env.sandbox);
      await moveTo('Dresden');
      const newer = lastEvent(env.sandbox);
      // The older notification stops at its claim, before anything; the newer one (delivered
      // first) stops at the customer's memory, where it once did so after reading Dresden.
      const olderPaused = rpc.hold('zcache_get', (params) =>
        String(params[0]).endsWith(`:${older.Id}`),
      );
      let first = true;
      const newerPaused = rpc.hold('zcache_get', (params) => {
        const picked = first && String(params[0]).endsWith('cust-de-002:hold');
        if (picked) first = false;
        return picked;
      });
      void held.release();
      await olderPaused.reached;
      await newerPaused.reached;
      // A third update, whose notification is still on its way.
      env.sandbox.customers.upsert({ ReferenceCustomer: 'cust-de-002', address: { City: 'Köln' } });
      olderPaused.release();
      await until(() => runner.records.length > 0);
      newerPaused.release();
      await settle(env.sandbox, runner);
      const cologne = { ...seedAddress('cust-de-002'), City: 'Köln' };
      expect(runner.errors).toEqual([]);
      // The newer one reads Köln too, and reports no change: never Dresden as a change from Köln.
      expect(runner.records).toEqual([expectedRecord(older, cologne, null)]);
      expect(rpc.entries().get('proabono:v1:address:42:webhook:5001:cust-de-002')).toEqual({
        address: cologne,
        time: Date.parse(newer.DateTrigger),
      });
      expect(rpc.entries().has('proabono:v1:address:42:webhook:5001:cust-de-002:hold')).toBe(false);
    } finally {
      await close();
    }
  });

  it('a cache that fails on every call still runs the Zap, with the notification unchecked', async () => {
    const runner = await turnOn();
    for (const method of ['zcache_get', 'zcache_set', 'zcache_delete']) {
      rpc.failNext(method, 1_000);
    }
    await moveToMunich();
    await settle(env.sandbox, runner);
    expect(runner.errors).toEqual([]);
    expect(runner.records).toEqual([expectedRecord(lastEvent(env.sandbox), MUNICH, null)]);
    expect(logMessages()).toContain(
      "Billing Address Updated: Zapier's cache failed while checking notification " +
        `${lastEvent(env.sandbox).Id} for copies; it runs without the check rather than be lost.\n`,
    );
  });

  it('hydrates the same placeholder twice into the same address, and stops a filtered run both times', async () => {
    await moveToMunich();
    const event = lastEvent(env.sandbox);
    const hydrate = (bundle: Record<string, unknown>) =>
      step('hydrators.billingAddress', { inputData: bundle });
    const placeholder = {
      reference: 'cust-de-002',
      notificationId: event.Id,
      dateTrigger: event.DateTrigger,
    };
    const first = await hydrate(placeholder);
    expect(await hydrate(placeholder)).toEqual(first);
    // A filtered polling Zap: the same update seen again stops its run, every time.
    const filtered = {
      ...placeholder,
      notificationId: `${event.Id}-again`,
      scope: 'polling:zap:7',
      filter: { onlyWhenChanged: true, watchFields: [] },
    };
    await hydrate({ ...filtered, notificationId: event.Id });
    const stopped = await rejectionOf(hydrate(filtered));
    expect(stopped).toMatchObject({ name: 'HaltedError' });
    expect(await rejectionOf(hydrate(filtered))).toEqual(stopped);
  });
});

describe('Billing Address Updated (Polling) through the unzipped build', () => {
  /** What Zapier puts in the event's environment to have placeholders signed. */
  const SECRET = 'one-time-secret-for-this-test';

  /**
   * Zapier resolving a placeholder of a record it is about to run: core signs the payload
   * (base64 and an HMAC-SHA1) when the event carried `_ZAPIER_ONE_TIME_SECRET`; Zapier then requestLog
   * the method it names with the dehydrated data as `bundle.inputData` (core's
   * tools/create-dehydrator.js writes `{ type, method, bundle }`, and execute.js finds `method` by
   * its path in the app, as for any step).
   */
  const placeholderOf = (value: unknown) => {
    const match = /^hydrate\|\|\|(.+):(.+)\|\|\|hydrate$/.exec(String(value));
    if (!match?.[1] || !match[2]) throw new Error(`not a signed placeholder: ${String(value)}`);
    expect(createHmac('sha1', SECRET).update(match[1]).digest('base64')).toBe(match[2]);
    return JSON.parse(Buffer.from(match[1], 'base64').toString()) as {
      type: string;
      method: string;
      bundle: Record<string, unknown>;
    };
  };

  const poll = () =>
    execute(
      artifact.handler,
      rpc,
      'triggers.billing_address_updated_polling.operation.perform',
      { authData: { ...env.sandbox.authData }, meta: { limit: 100 } as Bundle['meta'] },
      { ...env.sandbox.env, _ZAPIER_ONE_TIME_SECRET: SECRET },
    ) as Promise<Record<string, unknown>[]>;

  const rewindCall = rewindEvents(100);

  it('polls with one request, and hydrates a record with one more', async () => {
    await step('creates.update_customer_billing_address.operation.perform', {
      inputData: MUNICH_INPUT,
    });
    const event = lastEvent(env.sandbox);
    env.sandbox.resetRequests();

    const records = await poll();
    expect(records).toEqual([
      { ...expectedRecord(event, MUNICH, null), billing_address: expect.any(String) },
    ]);
    expect(requestLog(env.sandbox)).toEqual([rewindCall]);

    const placeholder = placeholderOf(records[0]?.billing_address);
    expect(placeholder).toEqual({
      type: 'method',
      method: 'hydrators.billingAddress',
      bundle: {
        reference: 'cust-de-002',
        notificationId: event.Id,
        dateTrigger: event.DateTrigger,
      },
    });
    const hydrated = await step(placeholder.method, { inputData: placeholder.bundle });
    expect(hydrated).toEqual(expectedRecord(event, MUNICH, null).billing_address);
    expect(requestLog(env.sandbox)).toEqual([rewindCall, addressRead('cust-de-002')]);
  });

  it('a poll while ProAbono is down fails with what happened and what to do', async () => {
    env.sandbox.addFault({ path: '/backoffice/Notification/WebhookNotifications', status: 503 });
    expect(await rejectionOf(poll())).toEqual(
      serverError('reading recent "Billing Address Updated" events', 503),
    );
    expect(requestLog(env.sandbox)).toEqual([rewindCall]);
  });

  it('a placeholder without its customer fails clearly, with no request', async () => {
    expect(
      await rejectionOf(
        step('hydrators.billingAddress', { inputData: { notificationId: 'trg_1' } }),
      ),
    ).toEqual(invalidHydration());
    expect(requestLog(env.sandbox)).toEqual([]);
  });
});

describe('every operation of the fault suite through the unzipped build', () => {
  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
    const result = await step(op.method, op.bundle as Partial<Bundle>);
    op.expectResult(result, env.sandbox);
    expect(requestLog(env.sandbox)).toEqual(op.requests);
  });
});

describe('every instant trigger through the unzipped build', () => {
  const { start } = useHookTrigger(env);
  const hookKeys = hookTriggerOperations().map((operation) => operation.slice('triggers.'.length));

  it.each(hookKeys)('%s: turned on, one record per notification, turned off', async (key) => {
    const trigger = definition.triggers as Record<
      string,
      { operation: { inputFields?: { key: string; choices?: { value: string }[] }[] } }
    >;
    const picker = trigger[key]?.operation.inputFields?.find(
      (field) => field.key === 'event_types',
    );
    const types = picker?.choices?.map((choice) => choice.value).slice(0, 1) ?? [];
    const runner = await start({
      app: forwardingApp(definition, (method, bundle) => step(method, bundle)),
      triggerKey: key,
      inputData: types.length > 0 ? { event_types: types } : {},
    });
    await runner.subscribe();
    await settle(env.sandbox, runner);
    expect(env.sandbox.webhooks()).toMatchObject([{ IsActive: true }]);
    const type = env.sandbox.webhooks()[0]?.Triggers[0] ?? '';
    env.sandbox.deliveryFaults.duplicate(2);
    const event = env.sandbox.emitEvent(type, 'cust-fr-001');
    await settle(env.sandbox, runner);
    expect(runner.errors).toEqual([]);
    expect(runner.records.map((record) => record.id)).toEqual([event.Id]);
    await runner.unsubscribe();
    expect(env.sandbox.webhooks()).toEqual([]);
  });
});

describe('the definition in the zip', () => {
  type Field = { key: string; choices?: unknown };
  const inputFields = (create: string) =>
    (definition.creates as Record<string, { operation: { inputFields: Field[] } }>)[create]
      ?.operation.inputFields ?? [];

  it('names the languages as the runtime does, in English alphabetical order', () => {
    // Written out in the source, so that no cold start loads the locale data to name them.
    const names = new Intl.DisplayNames(['en'], { type: 'language' });
    const expected = ['de', 'en', 'es', 'fr', 'it', 'nl', 'pt']
      .map((code) => ({ value: code, label: names.of(code), sample: code }))
      .sort((a, b) => (a.label ?? '').localeCompare(b.label ?? '', 'en'));
    for (const create of ['create_customer', 'update_customer']) {
      expect(inputFields(create).find((field) => field.key === 'Language')?.choices).toEqual(
        expected,
      );
    }
  });
});

describe('errors made by a module the build loads on first use', () => {
  /** A function of a first-use chunk of the unzipped build, run until it throws. */
  const thrownBy = (chunk: string, name: string, input: string): unknown => {
    const load = createRequire(join(appDir, 'dist', 'index.js'));
    const refuse = (load(`./lazy/${chunk}.cjs`) as Record<string, (text: string) => unknown>)[name];
    try {
      refuse?.(input);
    } catch (error) {
      return error;
    }
    throw new Error(`${name}(${JSON.stringify(input)}) did not refuse`);
  };

  it.each([
    [
      'vat',
      'normaliseVat',
      'DE 274 938 517',
      'VAT / Tax Number "DE 274 938 517" is not a valid German VAT number: its check digits do ' +
        'not match, which usually means a typo. Expected: DE followed by 9 digits; spaces, dots ' +
        'and dashes are ignored. Correct the number, or leave VAT / Tax Number blank to keep the ' +
        'current one. ProAbono also checks EU VAT numbers itself, asynchronously, after the update.',
    ],
    [
      'country',
      'normaliseCountry',
      'Atlantis',
      'Country "Atlantis" is not a country ProAbono accepts. Use a two- or three-letter ISO code ' +
        '(FR, FRA) or the country name in English, French, German or Spanish (Germany, Allemagne, ' +
        'Deutschland, Alemania).',
    ],
  ])(
    "%s.cjs: its error keeps its code and sentence for the app's other copy of errorFactories",
    (chunk, name, input, message) => {
      // The chunk carries its own copy of errorFactories.ts; this test's is another one, as the main
      // bundle's is: the code must travel on the error, not in one copy's memory.
      const error = thrownBy(chunk, name, input);
      expect(errorCodeOf(error)).toBe('invalid_input');
      expect(userMessageOf(error)).toBe(message);
    },
  );
});

describe('the zip is self-sufficient', () => {
  it('the process loaded every module from the unzipped folder, and nothing else', async () => {
    const loaded = await artifact.modules();
    const files = loaded.filter((url) => url.startsWith('file:'));
    const inside = pathToFileURL(`${appDir}/`).href;
    expect(files.filter((url) => !url.startsWith(inside))).toEqual([]);
    // The hook saw CommonJS requires too (core is CommonJS), not only ES imports.
    expect(files).toContain(`${inside}node_modules/zapier-platform-core/src/index.js`);
    expect(loaded.filter((url) => !url.startsWith('file:') && !url.startsWith('node:'))).toEqual(
      [],
    );
    // The steps above ran every normaliser and built records with an address: each module was
    // loaded on first use, not at import.
    const lazy = files.filter((url) => url.startsWith(`${inside}dist/lazy/`));
    expect(lazy.map((url) => url.slice(inside.length)).sort()).toEqual([
      'dist/lazy/country.cjs',
      'dist/lazy/countryName.cjs',
      'dist/lazy/language.cjs',
      'dist/lazy/phone.cjs',
      'dist/lazy/region.cjs',
      'dist/lazy/vat.cjs',
    ]);
    expect(importedModules.filter((url) => url.startsWith(`${inside}dist/lazy/`))).toEqual([]);
  });

  it('bundles zod once: no module loaded on first use carries its own copy', async () => {
    // One import of the schemas from a first-use module once put 195 KB of zod into vat.cjs.
    const chunks = await readdir(join(appDir, 'dist/lazy'));
    expect(chunks.length).toBe(6);
    for (const chunk of chunks) {
      const code = await readFile(join(appDir, 'dist/lazy', chunk), 'utf8');
      expect({ chunk, bundlesZod: code.includes('ZodError') }).toEqual({
        chunk,
        bundlesZod: false,
      });
    }
    const main = await readFile(join(appDir, 'dist/index.js'), 'utf8');
    expect(main.includes('ZodError')).toBe(true);
  });

  it('ships the bundle and zapier-platform-core, and none of the libraries the bundle holds', async () => {
    expect((await readdir(appDir)).sort()).toEqual([
      'definition.json',
      'dist',
      'node_modules',
      'package.json',
      'zapierwrapper.js',
    ]);
    const packages = await readdir(join(appDir, 'node_modules'));
    expect(packages).toContain('zapier-platform-core');
    for (const bundled of [
      'zod',
      'libphonenumber-js',
      'iso-3166',
      'jsvat',
      'i18n-iso-countries',
      'iso-639-1',
    ]) {
      expect(packages).not.toContain(bundled);
    }
    expect(stub.received).toEqual(['/api/platform/cli/check']);
  });
});

describe('coverage', () => {
  it('ran every operation of the app through the build', () => {
    expect(exercised.missing()).toEqual([]);
  });
});
