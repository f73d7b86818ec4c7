import http from 'node:http';
import type { AddressInfo } from 'node:net';

import zapier from 'zapier-platform-core';

import App from '../../index.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import { parseBody, readBody, writeReply } from '../../sandbox/http.js';
import { SEED_CUSTOMERS } from '../../sandbox/seed.js';
import { ADDRESS_KEYS } from '../../sandbox/index.js';
import type { AddressKey, BillingAddress, Notification } from '../../sandbox/index.js';
import { perform as updateAddress } from '../../src/creates/update_customer_billing_address.js';
import { call } from '../sandbox/support.js';
import { startFakeCrm, writeContact } from './fakeCrm.js';
import type { Contact, ContactHook, FakeCrm } from './fakeCrm.js';
import { useHookTrigger } from '../support/hookTrigger.js';
import { expectedRecord } from '../support/records.js';
import { addressRead, addressSave } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/**
 * Issue 11, two-way sync without echo loops, end to end over loopback HTTP. Zap A: the fake
 * CRM's "contact updated" hook, then the real Update Customer Billing Address with the contact's
 * eleven fields. Zap B: the real Billing Address Updated trigger (hook runner), then the CRM's
 * "update contact" with the record's eleven fields. Both ends may echo: the CRM fires its hook for
 * every contact write, identical or not, and ProAbono records a notification for every address
 * write that changes the address, and for an identical one too if it notifies those (its documents
 * do not say: the sandbox's `noOpWriteNotifies`, on in the generous profile, off in the documented
 * one; the expectations below follow it).
 *
 * What is counted: a Zap run is a trigger event that reached the action (for A a CRM hook, for B
 * a record); writes are the address POSTs ProAbono received and the contact writes the CRM
 * received, the person's own edit included in both. "Settles within two Zap runs" counts the echo
 * runs: those after the run that carried the edit to the other side. The CRM's echo of an
 * identical write always runs Zap A once more: nothing on our side can stop the CRM's hook, only
 * make that run harmless (the notification it causes gives no record, or with Skip If Nothing
 * Would Change, it writes nothing at all).
 */

const env = useSandbox();
const { logs, start } = useHookTrigger(env);

const REFERENCE = 'cust-de-002';
/** The customer's seeded address, all eleven fields filled in: where both ends start. */
const BERLIN = Object.fromEntries(
  ADDRESS_KEYS.map((key) => [
    key,
    SEED_CUSTOMERS.find((customer) => customer.ReferenceCustomer === REFERENCE)?.address?.[key] ??
      null,
  ]),
) as BillingAddress;
const POTSDAM: BillingAddress = { ...BERLIN, ZipCode: '14467', City: 'Potsdam', Region: 'DE-BB' };
const TO_POTSDAM = { ZipCode: '14467', City: 'Potsdam', Region: 'DE-BB' };

/**
 * Runs of Zap A one edit may cause: more than any loop that settles needs (two); a loop still
 * running at it never settles by itself.
 */
const LAP_CAP = 5;

// ── Zap A: CRM contact updated → Update Customer Billing Address ────────────

interface ZapA {
  url: string;
  /** What the action returned, one per run. */
  runs: Record<string, unknown>[];
  /** Hooks that arrived once the lap cap was reached: acknowledged, never run. */
  overCap: ContactHook[];
  errors: string[];
  /** Starts counting laps again, for a new edit. */
  newEdit(): void;
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Acknowledges each hook at once, as Zapier does, then runs the real action through
 * zapier-platform-core (the app's own perform, which core finds in the app and runs under its
 * key) with the contact's fields mapped one to one (an empty field is blank: left unchanged) and
 * the Zap's Skip If Nothing Would Change.
 */
const startZapA = async (
  skipIfUnchanged: boolean | undefined,
  note: (line: string) => void,
): Promise<ZapA> => {
  const appTester = zapier.createAppTester(App);
  const pending = new Set<Promise<void>>();
  const zap: Pick<ZapA, 'runs' | 'overCap' | 'errors'> = { runs: [], overCap: [], errors: [] };
  let started = 0;
  let laps = 0;

  const runAction = async (hook: ContactHook) => {
    if (laps >= LAP_CAP) {
      zap.overCap.push(hook);
      note(`CRM hook ${hook.id} → Zap A: over the lap cap, not run`);
      return;
    }
    laps += 1;
    started += 1;
    const run = started;
    try {
      const record = (await appTester(updateAddress, {
        authData: { ...env.sandbox.authData },
        inputData: {
          ReferenceCustomer: hook.ReferenceCustomer,
          ...Object.fromEntries(ADDRESS_KEYS.map((key) => [key, hook.contact[key] ?? ''])),
          ...(skipIfUnchanged === undefined ? {} : { skip_if_unchanged: skipIfUnchanged }),
        },
      })) as Record<string, unknown>;
      zap.runs.push(record);
      const fields = (record.changed_fields ?? []) as string[];
      note(
        `CRM hook ${hook.id} → Zap A run ${run}: ` +
          // Without Skip If Nothing Would Change the record does not say what changed.
          (record.changed === undefined
            ? 'ProAbono write'
            : record.changed === true
              ? `ProAbono write of ${fields.join(', ')}`
              : 'nothing would change, no write'),
      );
    } catch (error) {
      zap.errors.push(error instanceof Error ? error.message : String(error));
    }
  };

  const server = http.createServer((req, res) => {
    const handling = (async () => {
      const { body } = parseBody(await readBody(req));
      writeReply(res, { status: 200, json: { status: 'success' } });
      await runAction(body as ContactHook);
    })().catch((error: unknown) => {
      zap.errors.push(error instanceof Error ? error.message : String(error));
    });
    pending.add(handling);
    void handling.finally(() => pending.delete(handling));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const idle = async () => {
    while (pending.size > 0) await Promise.all(pending);
  };
  return {
    ...zap,
    url: `http://127.0.0.1:${port}/hooks/contact-updated`,
    newEdit: () => {
      laps = 0;
    },
    idle,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await idle();
    },
  };
};

// ── the two Zaps and the CRM, per test ──────────────────────────────────────

interface Sync {
  crm: FakeCrm;
  zapA: ZapA;
  zapB: HookRunner;
  /** Every step of the loop, in the order it happened. */
  timeline: string[];
  /** Records of Zap B written to the CRM, one per run. */
  zapBRuns: Record<string, unknown>[];
  /** How many of Zap B's deliveries its action has looked at. */
  handled: number;
}

let sync: Sync | undefined;

afterEach(async () => {
  const current = sync;
  sync = undefined;
  await current?.crm.close();
  await current?.zapA.close();
});

const contactOf = (address: unknown): Contact => {
  const fields = address as Record<string, unknown>;
  return Object.fromEntries(
    ADDRESS_KEYS.map((key) => [key, typeof fields[key] === 'string' ? fields[key] : null]),
  ) as Contact;
};

/**
 * The CRM with the customer's contact as ProAbono has the address (the sync is in step), and both
 * Zaps turned on, with every log and count cleared afterwards.
 */
const turnOn = async (
  zapBInput: Record<string, unknown>,
  skipIfUnchanged?: boolean,
): Promise<Sync> => {
  const timeline: string[] = [];
  const note = (line: string) => void timeline.push(line);
  const crm = await startFakeCrm();
  const zapA = await startZapA(skipIfUnchanged, note);
  sync = {
    crm,
    zapA,
    zapB: await start({ inputData: zapBInput }),
    timeline,
    zapBRuns: [],
    handled: 0,
  };
  crm.hookUrl = zapA.url;
  expect(env.sandbox.customers.address(REFERENCE)).toEqual(BERLIN);
  crm.seed(REFERENCE, BERLIN);
  await sync.zapB.subscribe();
  await settleLoop();
  expect(env.sandbox.webhooks()).toMatchObject([{ IsActive: true }]);
  sync.zapB.received.splice(0);
  sync.handled = 0;
  env.sandbox.resetRequests();
  env.sandbox.resetDeliveries();
  logs.splice(0);
  return sync;
};

const requireSync = (): Sync => {
  if (!sync) throw new Error('The Zaps are not turned on');
  return sync;
};

/**
 * Zap B's action: the CRM's "update contact" with the eleven fields, for each record the trigger
 * produced since the last call. Each delivery it received is noted with what it gave.
 */
const runZapB = async () => {
  const current = requireSync();
  const { zapB, crm, timeline, zapBRuns } = current;
  for (const { body } of zapB.received.slice(current.handled)) {
    current.handled += 1;
    const id = (body as { Id?: unknown }).Id;
    // The verification delivery of turning the Zap on carries no notification.
    if (typeof id !== 'string') continue;
    const record = zapB.records.find((candidate) => candidate.id === id);
    if (!record) {
      timeline.push(`ProAbono ${id} → Zap B: no record`);
      continue;
    }
    zapBRuns.push(record);
    const changed = await writeContact(
      crm.url,
      String(record.ReferenceCustomer),
      contactOf(record.billing_address),
    );
    timeline.push(
      `ProAbono ${id} → Zap B run ${zapBRuns.length}: CRM write, ` +
        (changed.length === 0 ? 'changes nothing' : `changes ${changed.join(', ')}`),
    );
  }
};

/**
 * Lets the loop run until nothing moves: ProAbono's deliveries, Zap B's trigger and action, the
 * CRM's hooks, Zap A's runs, again and again. Every step registers before the one that caused it
 * is answered, so a pass in which no count moved means everything is idle. Zap A's lap cap bounds
 * the passes of a loop that never settles; the guard only turns a broken cap into a failure.
 */
const settleLoop = async () => {
  const { crm, zapA, zapB } = requireSync();
  const activity = () =>
    [
      env.sandbox.deliveries().length,
      zapB.received.length,
      crm.writes.length,
      zapA.runs.length,
      zapA.overCap.length,
    ].join();
  for (let pass = 0; pass < 4 * LAP_CAP; pass += 1) {
    const before = activity();
    await env.sandbox.idle();
    await zapB.idle();
    await runZapB();
    await crm.idle();
    await zapA.idle();
    if (activity() === before) return;
  }
  throw new Error(`The loop still moved after ${4 * LAP_CAP} passes: the lap cap did not hold`);
};

/** What one edit set off, once the loop has settled. */
const afterEdit = async (edit: () => Promise<void>) => {
  const { crm, zapA, timeline, zapBRuns } = requireSync();
  const before = {
    timeline: timeline.length,
    zapA: zapA.runs.length,
    zapB: zapBRuns.length,
    events: env.sandbox.events().length,
    crmWrites: crm.writes.length,
    crmHooks: crm.hooks.length,
  };
  env.sandbox.resetRequests();
  logs.splice(0);
  zapA.newEdit();
  await edit();
  await settleLoop();
  const steps = timeline.slice(before.timeline);
  return {
    steps,
    /** Which Zap ran, in order: the edit's own run first, then the echo runs. */
    runs: steps.flatMap((step) => /→ Zap ([AB]) run/.exec(step)?.slice(1) ?? []),
    counts: {
      zapARuns: zapA.runs.length - before.zapA,
      zapBRuns: zapBRuns.length - before.zapB,
      proAbonoWrites: env.sandbox.requests({ method: 'POST', path: '/v1/CustomerAddressBilling' })
        .length,
      notifications: env.sandbox.events().length - before.events,
      crmWrites: crm.writes.length - before.crmWrites,
      crmHooks: crm.hooks.length - before.crmHooks,
    },
    notifications: env.sandbox
      .events()
      .slice(before.events)
      .map((event) => event.Id),
  };
};

/** A person edits the contact in the CRM (its own UI saves it through the same API). */
const editInCrm = (changes: Partial<Contact>) => async () => {
  const { crm, timeline } = requireSync();
  timeline.push(`person → CRM: changes ${Object.keys(changes).join(', ')}`);
  await writeContact(crm.url, REFERENCE, changes);
};

/** A person edits the address in ProAbono: an API Live write, which records a notification. */
const editInProAbono = (changes: Partial<Record<AddressKey, string>>) => async () => {
  requireSync().timeline.push(`person → ProAbono: changes ${Object.keys(changes).join(', ')}`);
  const answer = await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
    query: { ReferenceCustomer: REFERENCE },
    body: changes,
  });
  expect(answer.status).toBe(200);
};

const addressWrite = (body: Partial<Record<AddressKey, string | null>>) =>
  addressSave(REFERENCE, body);

/** Zap A without Skip If Nothing Would Change: every filled-in contact field is sent. */
const fullWrite = (address: BillingAddress) =>
  addressWrite(Object.fromEntries(ADDRESS_KEYS.map((key) => [key, address[key]])));

const notification = (id: string | undefined): Notification => {
  const found = env.sandbox.events().find((event) => event.Id === id);
  if (!found) throw new Error(`The sandbox recorded no notification ${String(id)}`);
  return found;
};

const noRecordLog = (id: string, why: string) =>
  `Billing Address Updated: no record for notification ${id} of customer "${REFERENCE}": ${why}.`;
const SAME_ADDRESS = 'the address is the same as the last one this Zap saw';

/** Whether ProAbono notifies a write that changes nothing (the sandbox's profile decides). */
const echoNotifies = () => env.sandbox.behaviour.noOpWriteNotifies;
/** `items` when ProAbono notifies identical writes, else nothing: what such a notification causes. */
const ifEchoNotifies = <T>(...items: T[]): T[] => (echoNotifies() ? items : []);

/** Both ends hold the same address once the loop has settled. */
const expectInStep = (address: BillingAddress) => {
  expect(env.sandbox.customers.address(REFERENCE)).toEqual(address);
  expect(requireSync().crm.contact(REFERENCE)).toEqual(address);
};

const expectNoFailure = () => {
  const { zapA, zapB } = requireSync();
  expect(zapA.errors).toEqual([]);
  expect(zapB.errors).toEqual([]);
};

type Edit = Awaited<ReturnType<typeof afterEdit>>;

/** What one edit must have set off, once the loop settled. */
interface Settled {
  steps: string[];
  counts: Edit['counts'];
  /** What ProAbono received, in order. */
  requests: ReturnType<typeof requestLog>;
  /** Zap B's log lines. */
  logs: string[];
  /** The address both ends hold afterwards; none when the edit leaves them apart on purpose. */
  inStep?: BillingAddress;
}

/** Checks every trace of one edit: its steps, its counts, ProAbono's requests, the log lines. */
const expectSettled = (edit: Edit, expected: Settled) => {
  expect(edit.steps).toEqual(expected.steps);
  expect(edit.counts).toEqual(expected.counts);
  expect(requestLog(env.sandbox)).toEqual(expected.requests);
  expect(logs).toEqual(expected.logs);
  if (expected.inStep) expectInStep(expected.inStep);
};

describe('with the defaults (Only When Changed: yes, Skip If Nothing Would Change: no)', () => {
  it('a CRM edit settles: A, then two echo runs (B, then A for the CRM echo), then no record', async () => {
    await turnOn({});

    const first = await afterEdit(editInCrm(TO_POTSDAM));
    const [n1, n2] = first.notifications;
    expectSettled(first, {
      steps: [
        'person → CRM: changes ZipCode, City, Region',
        'CRM hook evt_1 → Zap A run 1: ProAbono write',
        `ProAbono ${n1} → Zap B run 1: CRM write, changes nothing`,
        // The CRM echoes Zap B's identical write: Zap A runs once more, and its identical write
        // may make ProAbono notify; Zap B's filter gives no record. Nothing runs after it.
        'CRM hook evt_2 → Zap A run 2: ProAbono write',
        ...ifEchoNotifies(`ProAbono ${n2} → Zap B: no record`),
      ],
      counts: {
        zapARuns: 2,
        zapBRuns: 1,
        proAbonoWrites: 2,
        notifications: echoNotifies() ? 2 : 1,
        crmWrites: 2,
        crmHooks: 2,
      },
      requests: [
        fullWrite(POTSDAM),
        addressRead(REFERENCE),
        fullWrite(POTSDAM),
        ...ifEchoNotifies(addressRead(REFERENCE)),
      ],
      logs: ifEchoNotifies(noRecordLog(n2 ?? '', SAME_ADDRESS)),
      inStep: POTSDAM,
    });
    // The edit's own run (A), then two echo runs (B, A): within two, and it stops by itself.
    expect(first.runs).toEqual(['A', 'B', 'A']);
    expect(first.runs.slice(1)).toHaveLength(2);

    // Zap B gave its first record on first sight of the customer; the next edit is compared with
    // the address it remembers, and the loop takes exactly the same course.
    const second = await afterEdit(editInCrm({ AddressLine1: 'Brandenburger Straße 12' }));
    const [n3, n4] = second.notifications;
    expect(second.steps).toEqual([
      'person → CRM: changes AddressLine1',
      'CRM hook evt_3 → Zap A run 3: ProAbono write',
      `ProAbono ${n3} → Zap B run 2: CRM write, changes nothing`,
      'CRM hook evt_4 → Zap A run 4: ProAbono write',
      ...ifEchoNotifies(`ProAbono ${n4} → Zap B: no record`),
    ]);
    expect(second.counts).toEqual(first.counts);
    expect(requireSync().zapBRuns[1]).toEqual(
      expectedRecord(
        notification(n3),
        { ...POTSDAM, AddressLine1: 'Brandenburger Straße 12' },
        { AddressLine1: 'Friedrichstraße 68' },
      ),
    );
    expectNoFailure();
  });

  it('a ProAbono edit settles: B, then one echo run (A), then no record', async () => {
    await turnOn({});

    const edit = await afterEdit(editInProAbono(TO_POTSDAM));
    const [n1, n2] = edit.notifications;
    expectSettled(edit, {
      steps: [
        'person → ProAbono: changes ZipCode, City, Region',
        `ProAbono ${n1} → Zap B run 1: CRM write, changes ZipCode, City, Region`,
        // The CRM's hook for that write runs Zap A, whose identical write may make ProAbono
        // notify; Zap B's filter gives no record.
        'CRM hook evt_1 → Zap A run 1: ProAbono write',
        ...ifEchoNotifies(`ProAbono ${n2} → Zap B: no record`),
      ],
      counts: {
        zapARuns: 1,
        zapBRuns: 1,
        proAbonoWrites: 2,
        notifications: echoNotifies() ? 2 : 1,
        crmWrites: 1,
        crmHooks: 1,
      },
      requests: [
        addressWrite(TO_POTSDAM),
        addressRead(REFERENCE),
        fullWrite(POTSDAM),
        ...ifEchoNotifies(addressRead(REFERENCE)),
      ],
      logs: ifEchoNotifies(noRecordLog(n2 ?? '', SAME_ADDRESS)),
      inStep: POTSDAM,
    });
    expect(edit.runs).toEqual(['B', 'A']);
    expectNoFailure();
  });
});

describe('with Skip If Nothing Would Change as well', () => {
  it("A's echo run reads the address once, sends no POST, and ProAbono records no notification", async () => {
    await turnOn({}, true);

    const crmEdit = await afterEdit(editInCrm(TO_POTSDAM));
    const [n1] = crmEdit.notifications;
    expectSettled(crmEdit, {
      steps: [
        'person → CRM: changes ZipCode, City, Region',
        'CRM hook evt_1 → Zap A run 1: ProAbono write of ZipCode, City, Region',
        `ProAbono ${n1} → Zap B run 1: CRM write, changes nothing`,
        'CRM hook evt_2 → Zap A run 2: nothing would change, no write',
      ],
      counts: {
        zapARuns: 2,
        zapBRuns: 1,
        proAbonoWrites: 1,
        notifications: 1,
        crmWrites: 2,
        crmHooks: 2,
      },
      requests: [
        addressRead(REFERENCE),
        addressWrite(TO_POTSDAM),
        addressRead(REFERENCE),
        // The echo run: one GET, no POST.
        addressRead(REFERENCE),
      ],
      logs: [],
      inStep: POTSDAM,
    });
    expect(crmEdit.runs).toEqual(['A', 'B', 'A']);
    expect(requireSync().zapA.runs.at(-1)).toMatchObject({ changed: false, changed_fields: [] });

    const proAbonoEdit = await afterEdit(
      editInProAbono({ AddressLine1: 'Brandenburger Straße 12' }),
    );
    const [n2] = proAbonoEdit.notifications;
    expectSettled(proAbonoEdit, {
      steps: [
        'person → ProAbono: changes AddressLine1',
        `ProAbono ${n2} → Zap B run 2: CRM write, changes AddressLine1`,
        'CRM hook evt_3 → Zap A run 3: nothing would change, no write',
      ],
      counts: {
        zapARuns: 1,
        zapBRuns: 1,
        proAbonoWrites: 1,
        notifications: 1,
        crmWrites: 1,
        crmHooks: 1,
      },
      requests: [
        addressWrite({ AddressLine1: 'Brandenburger Straße 12' }),
        addressRead(REFERENCE),
        addressRead(REFERENCE),
      ],
      logs: [],
      inStep: { ...POTSDAM, AddressLine1: 'Brandenburger Straße 12' },
    });
    expectNoFailure();
  });
});

describe('the counter-test: Only When Changed no, Skip If Nothing Would Change no', () => {
  it(`echoes until the lap cap (${LAP_CAP} runs of Zap A), then stops cleanly`, async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // What the two options protect against: a ProAbono that notifies identical writes.
      env.setBehaviour({ noOpWriteNotifies: true });
      await turnOn({ only_when_changed: false }, false);

      const edit = await afterEdit(editInCrm(TO_POTSDAM));
      const ids = edit.notifications;
      expect(ids).toHaveLength(LAP_CAP);
      expectSettled(edit, {
        steps: [
          'person → CRM: changes ZipCode, City, Region',
          ...ids.flatMap((id, lap) => [
            `CRM hook evt_${lap + 1} → Zap A run ${lap + 1}: ProAbono write`,
            `ProAbono ${id} → Zap B run ${lap + 1}: CRM write, changes nothing`,
          ]),
          // Without the cap, this hook would start a sixth lap, and so on forever.
          `CRM hook evt_${LAP_CAP + 1} → Zap A: over the lap cap, not run`,
        ],
        counts: {
          zapARuns: LAP_CAP,
          zapBRuns: LAP_CAP,
          proAbonoWrites: LAP_CAP,
          notifications: LAP_CAP,
          crmWrites: LAP_CAP + 1,
          crmHooks: LAP_CAP + 1,
        },
        requests: ids.flatMap(() => [fullWrite(POTSDAM), addressRead(REFERENCE)]),
        logs: [],
        inStep: POTSDAM,
      });
      expect(edit.runs).toHaveLength(2 * LAP_CAP);
      expectNoFailure();

      // Stopped, not paused: nothing is in flight and nothing moves any more.
      const { crm, zapA, zapB } = requireSync();
      expect(crm.hooks.map(({ status }) => status)).toEqual(
        Array.from({ length: LAP_CAP + 1 }, () => 200),
      );
      expect(env.sandbox.deliveries().every(({ status }) => status === 200)).toBe(true);
      await settleLoop();
      expect(zapA.runs).toHaveLength(LAP_CAP);
      expect(zapB.received).toHaveLength(LAP_CAP);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('Zap B watching City only', () => {
  it('a ZIP code edit in ProAbono gives no record; a city edit gives one', async () => {
    await turnOn({ watch_fields: ['City'] });
    const watching = `${SAME_ADDRESS} (watching City)`;

    // First sight of the customer: a record whatever changed; the echo gives none.
    const move = await afterEdit(editInProAbono(TO_POTSDAM));
    expect(move.runs).toEqual(['B', 'A']);
    expect(logs).toEqual(ifEchoNotifies(noRecordLog(move.notifications[1] ?? '', watching)));
    expectInStep(POTSDAM);

    const zip = await afterEdit(editInProAbono({ ZipCode: '14469' }));
    const [zipEvent] = zip.notifications;
    expectSettled(zip, {
      steps: ['person → ProAbono: changes ZipCode', `ProAbono ${zipEvent} → Zap B: no record`],
      counts: {
        zapARuns: 0,
        zapBRuns: 0,
        proAbonoWrites: 1,
        notifications: 1,
        crmWrites: 0,
        crmHooks: 0,
      },
      requests: [addressWrite({ ZipCode: '14469' }), addressRead(REFERENCE)],
      logs: [
        noRecordLog(
          zipEvent ?? '',
          'none of the watched fields changed (watching City; changed: Zip / Postal Code)',
        ),
      ],
    });
    // The CRM keeps the ZIP code it had: this Zap does not carry such a change.
    expect(requireSync().crm.contact(REFERENCE)?.ZipCode).toBe('14467');

    const city = await afterEdit(editInProAbono({ City: 'Potsdam-Babelsberg' }));
    const [cityEvent, echoEvent] = city.notifications;
    const babelsberg = { ...POTSDAM, ZipCode: '14469', City: 'Potsdam-Babelsberg' };
    expect(city.steps).toEqual([
      'person → ProAbono: changes City',
      // The record carries the whole current address: the ZIP code reaches the CRM with it.
      `ProAbono ${cityEvent} → Zap B run 2: CRM write, changes ZipCode, City`,
      'CRM hook evt_2 → Zap A run 2: ProAbono write',
      ...ifEchoNotifies(`ProAbono ${echoEvent} → Zap B: no record`),
    ]);
    expect(requireSync().zapBRuns.at(-1)).toEqual(
      expectedRecord(notification(cityEvent), babelsberg, { City: 'Potsdam' }),
    );
    expect(requestLog(env.sandbox)).toEqual([
      addressWrite({ City: 'Potsdam-Babelsberg' }),
      addressRead(REFERENCE),
      fullWrite(babelsberg),
      ...ifEchoNotifies(addressRead(REFERENCE)),
    ]);
    expect(logs).toEqual(ifEchoNotifies(noRecordLog(echoEvent ?? '', watching)));
    expectInStep(babelsberg);
    expectNoFailure();
  });
});
