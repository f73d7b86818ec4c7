import { jest } from '@jest/globals';

import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import { ADDRESS_KEYS, notificationAbout, signature } from '../../sandbox/index.js';
import type { Notification } from '../../sandbox/index.js';
import { captureLogs } from '../support/app.js';
import { startTrigger } from '../support/hookTrigger.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { DELIVERY_REFUSALS } from '../support/zapLogs.js';

/*
 * A storm of 1,000 POSTs to one Zap's hook URL: genuine notifications delivered two or three
 * times, some held and delivered newest first, some whose first copy is forged; and, injected
 * alongside, replays of genuine notifications, foreign event types, forged notifications (some
 * carrying the Ids of genuine ones before those arrive), genuine and forged verification codes.
 * Exactly the genuine distinct notifications become records, each once, for one address request
 * each; each genuine verification costs one request; everything else costs nothing.
 */

const env = useSandbox();

let runner: HookRunner;
let logs: string[];

beforeAll(async () => {
  const sandbox = env.sandbox;
  runner = await startTrigger(sandbox, {
    // Every genuine notification gives a record, changed address or not: the storm counts them.
    inputData: { only_when_changed: false },
  });
});
afterAll(async () => {
  await runner.close();
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** A deterministic shuffle (mulberry32), so a failure can be replayed exactly. */
const shuffled = <T>(items: T[], seed: number): T[] => {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
};

interface Raw {
  body: unknown;
  headers?: Record<string, string>;
}

const KEY = 'storm-delivery-key';
/** Signed with a secret that is not the connection's. */
const wronglySigned = { 'x-proabono-key': KEY, 'x-proabono-signature': signature(KEY, 'guess') };
const unsigned = { 'x-proabono-key': KEY, 'x-proabono-signature': '' };
const garbageSigned = { 'x-proabono-key': KEY, 'x-proabono-signature': 'not base64 at all!' };

const counted = (pattern: RegExp | string) =>
  logs.filter((line) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line)))
    .length;

// About 20 s alone on two cores: the suite's 30 s limit is too close on a shared machine.
it('turns 1,000 deliveries into exactly one record per genuine notification', async () => {
  const sandbox = env.sandbox;
  await runner.subscribe();
  await sandbox.idle();
  await runner.idle();
  const [webhook] = sandbox.webhooks();
  expect(webhook?.IsActive).toBe(true);
  const code = webhook?.verificationCode ?? '';
  sandbox.resetRequests();

  const references = sandbox.customers.list().map((customer) => customer.ReferenceCustomer);
  const customerAt = (index: number) => references[index % references.length] as string;
  /** A notification shaped like ProAbono's, for a seeded customer; nothing is recorded. */
  const notification = (Id: string, TypeTrigger: string, reference: string): Notification => {
    const customer = sandbox.customers.get(reference);
    if (!customer) throw new Error(`no customer ${reference}`);
    return notificationAbout(customer, {
      Id,
      IdBusiness: 42,
      DateTrigger: '2026-11-02T09:00:00.000Z',
      TypeTrigger,
    });
  };
  const send = async (raws: Raw[]) => {
    const statuses = await Promise.all(
      raws.map((raw) => sandbox.deliverRaw(runner.targetUrl, raw.body, raw.headers)),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  };
  const genuine: Notification[] = [];
  const emit = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      genuine.push(sandbox.emitBillingAddressUpdated(customerAt(genuine.length)));
    }
  };

  // Phase A: 50 forgeries carrying the Ids the next notifications will have (trg_1 to trg_50)
  // try to claim them; then 80 notifications, each delivered three times.
  const preclaims = Array.from({ length: 50 }, (_, index) =>
    notification(`trg_${index + 1}`, 'CustomerBillingAddressUpdated', customerAt(index)),
  );
  await send(preclaims.map((body) => ({ body, headers: wronglySigned })));
  await runner.idle();
  sandbox.deliveryFaults.duplicate(3);
  emit(80);
  expect(genuine.slice(0, 50).map((event) => event.Id)).toEqual(preclaims.map((body) => body.Id));
  await sandbox.idle();

  // Foreign event types and forged verification codes, in one burst with the next phase.
  const foreign = (from: number, count: number): Raw[] =>
    Array.from({ length: count }, (_, index) => ({
      body: notification(
        `evt_${from + index}`,
        ['CustomerAdded', 'SubscriptionStarted', 'InvoiceIssued'][index % 3] as string,
        customerAt(index),
      ),
    }));
  const forgedCodes = (from: number, count: number): Raw[] =>
    Array.from({ length: count }, (_, index) => ({
      body: { Code: `forged-${from + index}`, IdWebhook: webhook?.Id },
      headers: wronglySigned,
    }));

  // Phase B: 80 notifications, each delivered twice, held and then delivered newest first.
  sandbox.deliveryFaults.duplicate(2);
  const held = sandbox.deliveryFaults.holdAndReverse();
  emit(80);
  const phaseB = genuine.slice(80, 160);
  const burstB = send(shuffled([...foreign(1, 75), ...forgedCodes(1, 50)], 6));
  await held.release();
  await burstB;
  await sandbox.idle();
  const receivedByEndOfB = runner.received.length;

  // Phase C: 40 notifications delivered twice, the first copy of each forged.
  for (let index = 0; index < 40; index += 1) {
    sandbox.deliveryFaults.forgeNext(1);
    emit(1);
  }
  sandbox.deliveryFaults.clear();
  await sandbox.idle();
  expect(genuine).toHaveLength(200);

  // The rest, shuffled together: replays of genuine notifications, more foreign types, forged
  // notifications (unsigned, or signed with garbage), verification codes genuine and forged.
  await send(
    shuffled(
      [
        ...genuine.filter((_, index) => index % 2 === 0).map((event) => ({ body: event })),
        ...foreign(76, 75),
        ...Array.from({ length: 50 }, (_, index) => ({
          body: notification(
            `trg_${9001 + index}`,
            'CustomerBillingAddressUpdated',
            customerAt(index),
          ),
          headers: unsigned,
        })),
        ...genuine.slice(100, 150).map((event) => ({ body: event, headers: garbageSigned })),
        ...Array.from({ length: 19 }, () => ({ body: { Code: code, IdWebhook: webhook?.Id } })),
        ...forgedCodes(51, 50),
      ],
      42,
    ),
  );
  await sandbox.idle();
  await runner.idle();

  // 1 verification at subscribe + 480 sandbox deliveries + 519 injected.
  expect(runner.received).toHaveLength(1000);
  expect(new Set(runner.received.map((received) => received.status))).toEqual(new Set([200]));
  expect(runner.errors).toEqual([]);

  // Each genuine notification exactly once, carrying its customer's current address.
  const ids = runner.records.map((record) => record.id);
  expect(ids).toHaveLength(200);
  expect(new Set(ids)).toEqual(new Set(genuine.map((event) => event.Id)));
  const byId = new Map(genuine.map((event) => [event.Id, event]));
  for (const record of runner.records) {
    const event = byId.get(String(record.id));
    const reference = event?.Customer.ReferenceCustomer ?? '';
    expect(record.ReferenceCustomer).toBe(reference);
    const address = record.billing_address as Record<string, unknown>;
    expect(Object.fromEntries(ADDRESS_KEYS.map((key) => [key, address[key]]))).toEqual(
      sandbox.customers.address(reference),
    );
  }
  // Addresses did not move during the storm: only each customer's first record lacks a previous one.
  expect(
    runner.records.filter(
      (record) =>
        (record.billing_address as { previous_address_known: boolean }).previous_address_known ===
        false,
    ),
  ).toHaveLength(references.length);

  // Phase B really arrived newest first.
  const phaseBIds = new Set(phaseB.map((event) => event.Id));
  const arrivalB = runner.received
    .slice(0, receivedByEndOfB)
    .map((received) => (received.body as { Id?: string }).Id)
    .filter((id): id is string => id !== undefined && phaseBIds.has(id));
  expect(arrivalB.filter((_, index) => index % 2 === 0)).toEqual(
    [...phaseB].reverse().map((event) => event.Id),
  );

  // Requests: one address read per genuine notification, one confirmation per genuine code.
  const requests = requestLog(sandbox);
  expect(requests).toHaveLength(219);
  const reads = requests.filter((request) => request.path === '/v1/CustomerAddressBilling');
  expect(reads.map((request) => request.method)).toEqual(Array(200).fill('GET'));
  expect(reads.map((request) => request.query.ReferenceCustomer).sort()).toEqual(
    genuine.map((event) => event.Customer.ReferenceCustomer).sort(),
  );
  expect(requests.filter((request) => request.path !== '/v1/CustomerAddressBilling')).toEqual(
    Array(19).fill({
      method: 'POST',
      path: `/backoffice/Notification/Webhooks/${webhook?.Id}/Verification`,
      query: { code, echo: 'true' },
      body: undefined,
    }),
  );

  // Why each of the 1,000 produced what it did, as the Zap's log says.
  expect({
    records: runner.records.length,
    verified: counted(/confirmed the verification code/),
    duplicates: counted(/this Zap already received it/),
    foreign: counted(/ignored notification \S+ \(\w+\): this Zap runs on/),
    unsigned: counted(DELIVERY_REFUSALS.noSignature),
    forged: counted(DELIVERY_REFUSALS.wrongSignature),
  }).toEqual({
    records: 200,
    // The code of the subscription, then the 19 injected ones.
    verified: 1 + 19,
    duplicates: 80 * 2 + 80 + 100,
    foreign: 150,
    unsigned: 50,
    forged: 50 + 50 + 50 + 40 + 50,
  });
}, 120_000);
