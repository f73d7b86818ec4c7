import type { BillingAddress } from '../../sandbox/index.js';
import { perform as updateBillingAddress } from '../../src/creates/update_customer_billing_address.js';
import { AUTH, appTester } from '../support/app.js';
import { EVENT, deliveries, lastEvent, settle, useHookTrigger } from '../support/hookTrigger.js';
import { expectedRecord, mappableShape } from '../support/records.js';
import { addressRead, addressSave, newestEventReads, rewindEvents } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { seededAddress } from '../support/seed.js';
import { DELIVERY_REFUSALS, alreadyReceived, ignoredDelivery } from '../support/zapLogs.js';

/**
 * What a live Zap receives: the real app's Billing Address Updated trigger, turned on through the
 * hook runner, while addresses change in the sandbox. ProAbono delivers at least once, in any
 * order, sometimes forged; each notification must run the Zap once, with the address read again.
 */

// The moves below clear Address Line 2 with one write: where ProAbono ignores "", the update sends
// a second write (update_customer_billing_address.test.ts), and a second notification with it.
const env = useSandbox({ behaviour: { addressClearValue: '' } });
const { logs, start, turnOn } = useHookTrigger(env);

/** The app's own Update Customer Billing Address action, as another Zap would run it. */
const updateAddress = (ReferenceCustomer: string, changes: Record<string, unknown>) =>
  appTester(updateBillingAddress, {
    authData: { ...env.sandbox.authData },
    inputData: { ReferenceCustomer, ...changes },
  });

const BERLIN = seededAddress('cust-de-002');
const HAMBURG: BillingAddress = {
  ...BERLIN,
  AddressLine1: 'Jungfernstieg 7',
  AddressLine2: null,
  ZipCode: '20354',
  City: 'Hamburg',
  Region: 'DE-HH',
};
const MUNICH: BillingAddress = {
  ...HAMBURG,
  AddressLine1: 'Marienplatz 1',
  ZipCode: '80331',
  City: 'München',
  Region: 'DE-BY',
};
const LYON: BillingAddress = {
  Company: 'Atelier Laurent SARL',
  FirstName: 'Camille',
  LastName: 'Laurent',
  AddressLine1: '18 rue de la Roquette',
  AddressLine2: null,
  ZipCode: '69002',
  City: 'Lyon',
  Country: 'FR',
  Region: 'FR-69',
  Phone: '+33144556677',
  TaxInformation: 'FR49519287346',
};

const moveToHamburg = () =>
  updateAddress('cust-de-002', {
    AddressLine1: 'Jungfernstieg 7',
    ZipCode: '20354',
    City: 'Hamburg',
    Region: 'DE-HH',
    clear_fields: ['AddressLine2'],
  });
const moveToHamburgCall = addressSave('cust-de-002', {
  AddressLine1: 'Jungfernstieg 7',
  ZipCode: '20354',
  City: 'Hamburg',
  Region: 'DE-HH',
  AddressLine2: '',
});
const moveToMunich = () =>
  updateAddress('cust-de-002', {
    AddressLine1: 'Marienplatz 1',
    ZipCode: '80331',
    City: 'München',
    Region: 'DE-BY',
  });
const moveToLyon = () =>
  updateAddress('cust-fr-001', { ZipCode: '69002', City: 'Lyon', Region: 'FR-69' });

const duplicateLog = (id: string) => alreadyReceived('Billing Address Updated', id);

describe('one address update', () => {
  it('runs the Zap once with the new address, and then with its changed fields, when each notification arrives three times', async () => {
    const hooks = await turnOn();
    expect(env.sandbox.customers.address('cust-de-002')).toEqual(BERLIN);
    env.sandbox.deliveryFaults.duplicate(3);

    // First sight of the customer: the address is new, but nothing is known to compare with.
    await moveToHamburg();
    await settle(env.sandbox, hooks);
    const first = lastEvent(env.sandbox);
    expect(first).toMatchObject({
      TypeTrigger: EVENT,
      Customer: { ReferenceCustomer: 'cust-de-002' },
    });
    expect(env.sandbox.customers.address('cust-de-002')).toEqual(HAMBURG);
    expect(hooks.received.map(({ status, body }) => ({ status, body }))).toEqual(
      Array.from({ length: 3 }, () => ({ status: 200, body: first })),
    );
    expect(hooks.records).toEqual([expectedRecord(first, HAMBURG, null)]);
    expect(requestLog(env.sandbox)).toEqual([moveToHamburgCall, addressRead('cust-de-002')]);
    expect(logs).toEqual([duplicateLog(first.Id), duplicateLog(first.Id)]);

    // The second update is compared with the address the first one delivered.
    env.sandbox.resetRequests();
    logs.splice(0);
    await moveToMunich();
    await settle(env.sandbox, hooks);
    const second = lastEvent(env.sandbox);
    expect(second.Id).not.toBe(first.Id);
    expect(hooks.records).toEqual([
      expectedRecord(first, HAMBURG, null),
      expectedRecord(second, MUNICH, {
        AddressLine1: 'Jungfernstieg 7',
        ZipCode: '20354',
        City: 'Hamburg',
        Region: 'DE-HH',
      }),
    ]);
    expect(hooks.records[1]).toMatchObject({
      billing_address: {
        City: 'München',
        changed_fields: ['AddressLine1', 'ZipCode', 'City', 'Region'],
        previous_address_known: true,
        previous_City: 'Hamburg',
        previous_Company: null,
      },
    });
    expect(requestLog(env.sandbox)).toEqual([
      addressSave('cust-de-002', {
        AddressLine1: 'Marienplatz 1',
        ZipCode: '80331',
        City: 'München',
        Region: 'DE-BY',
      }),
      addressRead('cust-de-002'),
    ]);
    expect(logs).toEqual([duplicateLog(second.Id), duplicateLog(second.Id)]);

    // Every copy of one notification shares its delivery number and key: ProAbono sent it 3 times.
    const sent = deliveries(env.sandbox);
    expect(sent).toHaveLength(6);
    expect(new Set(sent.map(({ delivery }) => delivery)).size).toBe(2);
    expect(
      sent.every(
        ({ kind, attempt, status }) => kind === 'notification' && attempt === 1 && status === 200,
      ),
    ).toBe(true);
    expect(hooks.errors).toEqual([]);
  });

  it('runs the Zap once when a delivery failed and ProAbono redelivered it', async () => {
    const hooks = await turnOn();
    hooks.failNext(2);
    await moveToHamburg();
    await settle(env.sandbox, hooks);
    const event = lastEvent(env.sandbox);

    expect(deliveries(env.sandbox)).toEqual(
      [500, 500, 200].map((status, index) => ({
        delivery: expect.any(Number),
        kind: 'notification',
        webhookId: 5001,
        body: event,
        attempt: index + 1,
        status,
        forged: false,
      })),
    );
    expect(new Set(env.sandbox.deliveries().map(({ delivery }) => delivery)).size).toBe(1);
    expect(hooks.received.map(({ status }) => status)).toEqual([500, 500, 200]);
    expect(hooks.records).toEqual([expectedRecord(event, HAMBURG, null)]);
    expect(requestLog(env.sandbox)).toEqual([moveToHamburgCall, addressRead('cust-de-002')]);
    expect(hooks.errors).toEqual([]);
  });

  it('runs the Zap once per event when ProAbono delivers them in reverse order', async () => {
    const hooks = await turnOn();
    const held = env.sandbox.deliveryFaults.holdAndReverse();
    await moveToHamburg();
    const [hamburg] = env.sandbox.events().slice(-1);
    await moveToLyon();
    const [lyon] = env.sandbox.events().slice(-1);
    await moveToMunich();
    const [munich] = env.sandbox.events().slice(-1);
    if (!hamburg || !lyon || !munich) throw new Error('the sandbox recorded no notification');
    expect(env.sandbox.deliveries()).toEqual([]);
    env.sandbox.resetRequests();

    await held.release();
    await settle(env.sandbox, hooks);

    expect(hooks.received.map(({ body }) => body)).toEqual([munich, lyon, hamburg]);
    // Each record carries the address ProAbono holds when it runs: München for Jonas. His older
    // event, processed last, finds the address this Zap just saw, so it gives no record.
    expect(hooks.records).toEqual([
      expectedRecord(munich, MUNICH, null),
      expectedRecord(lyon, LYON, null),
    ]);
    expect(logs).toContain(
      `Billing Address Updated: no record for notification ${hamburg.Id} of customer ` +
        '"cust-de-002": the address is the same as the last one this Zap saw.',
    );
    expect(requestLog(env.sandbox)).toEqual([
      addressRead('cust-de-002'),
      addressRead('cust-fr-001'),
      addressRead('cust-de-002'),
    ]);
    expect(hooks.errors).toEqual([]);
  });
});

describe('deliveries that must not run the Zap', () => {
  it('drops a forged delivery when the connection has a Webhook Security Key, and says why', async () => {
    const hooks = await turnOn();
    env.sandbox.deliveryFaults.forgeNext(1);
    await moveToHamburg();
    await settle(env.sandbox, hooks);

    expect(deliveries(env.sandbox)).toMatchObject([
      { kind: 'notification', status: 200, forged: true },
    ]);
    expect(hooks.received.map(({ status }) => status)).toEqual([200]);
    expect(hooks.records).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([moveToHamburgCall]);
    expect(logs).toEqual([
      ignoredDelivery('Billing Address Updated', DELIVERY_REFUSALS.wrongSignature),
    ]);
    const signature = env.sandbox.deliveries()[0]?.headers['x-proabono-signature'] ?? '';
    for (const secret of [AUTH.webhookSecret, env.sandbox.authData.webhookSecret, signature]) {
      expect(logs.join('\n')).not.toContain(secret);
    }
    expect(hooks.errors).toEqual([]);
  });

  it('still runs the Zap once for the genuine copy of a notification whose other copy was forged', async () => {
    const hooks = await turnOn();
    env.sandbox.deliveryFaults.duplicate(2);
    env.sandbox.deliveryFaults.forgeNext(1);
    await moveToHamburg();
    await settle(env.sandbox, hooks);
    const event = lastEvent(env.sandbox);

    expect(
      deliveries(env.sandbox)
        .map(({ forged }) => forged)
        .sort(),
    ).toEqual([false, true]);
    expect(hooks.records).toEqual([expectedRecord(event, HAMBURG, null)]);
    expect(requestLog(env.sandbox)).toEqual([moveToHamburgCall, addressRead('cust-de-002')]);
  });

  it('ignores a notification of another event type', async () => {
    const hooks = await turnOn();
    // A CustomerAdded notification, as ProAbono would send it had someone added that event to the
    // webhook in its backoffice. The sandbox signs it with the real key.
    const added = env.sandbox.emitEvent('CustomerAdded', 'cust-fr-001');
    expect(await env.sandbox.deliverRaw(hooks.targetUrl, added)).toBe(200);
    await hooks.idle();

    expect(hooks.records).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([]);
    expect(logs).toEqual([
      'Billing Address Updated: ignored notification trg_1 (CustomerAdded): this Zap runs on ' +
        'CustomerBillingAddressUpdated.',
    ]);
    expect(hooks.errors).toEqual([]);
  });
});

describe('without a Webhook Security Key in the connection', () => {
  it('refuses to turn the Zap on, registering nothing in ProAbono', async () => {
    const { webhookSecret: _secret, ...withoutSecret } = env.sandbox.authData;
    const hooks = await start({ authData: withoutSecret });
    await expect(hooks.subscribe()).rejects.toMatchObject({
      message: expect.stringContaining('"code":"webhook_secret_missing"'),
    });
    expect(env.sandbox.webhooks()).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([]);
  });

  it('runs no Zap for a delivery, signed or not, once the key is gone from the connection', async () => {
    const hooks = await turnOn();
    const { webhookSecret: _secret, ...withoutSecret } = env.sandbox.authData;
    const keyless = await start({ authData: withoutSecret });
    const event = env.sandbox.emitBillingAddressUpdated('cust-de-002');
    await settle(env.sandbox, hooks);
    env.sandbox.resetRequests();
    expect(await env.sandbox.deliverRaw(keyless.targetUrl, event)).toBe(200);
    expect(await env.sandbox.deliverRaw(keyless.targetUrl, event, {})).toBe(200);
    await keyless.idle();
    expect(keyless.records).toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([]);
  });
});

describe('ProAbono requests per delivery', () => {
  it('costs 1 for the verification, 1 for an event and 0 for a duplicate', async () => {
    const hooks = await start();
    const perDelivery: Record<string, unknown[]> = {};

    await hooks.subscribe();
    await settle(env.sandbox, hooks);
    // performSubscribe makes the first two; the verification delivery's perform the last.
    perDelivery.verification = requestLog(env.sandbox).slice(2);

    env.sandbox.resetRequests();
    // An update made in ProAbono itself: the only request is the trigger's own.
    const event = env.sandbox.emitBillingAddressUpdated('cust-gb-004');
    await settle(env.sandbox, hooks);
    perDelivery.event = requestLog(env.sandbox);

    env.sandbox.resetRequests();
    expect(await env.sandbox.deliverRaw(hooks.targetUrl, event)).toBe(200);
    await hooks.idle();
    perDelivery.duplicate = requestLog(env.sandbox);

    const code = env.sandbox.webhooks()[0]?.verificationCode ?? '';
    expect(perDelivery).toEqual({
      verification: [
        {
          method: 'POST',
          path: '/backoffice/Notification/Webhooks/5001/Verification',
          query: { code, echo: 'true' },
          body: undefined,
        },
      ],
      event: [addressRead('cust-gb-004')],
      duplicate: [],
    });
    expect(hooks.received).toHaveLength(3);
    expect(hooks.records).toHaveLength(1);
  });
});

describe('samples (performList)', () => {
  it('lists the latest real events, hydrated, with exactly the shape of delivered records', async () => {
    const hooks = await turnOn();
    await moveToHamburg();
    await moveToLyon();
    await moveToMunich();
    const usEvent = env.sandbox.emitBillingAddressUpdated('cust-us-005');
    await settle(env.sandbox, hooks);
    expect(hooks.records).toHaveLength(4);
    const [, lyon, munich] = env.sandbox.events().slice(-4);
    if (!lyon || !munich) throw new Error('the sandbox recorded no notification');
    env.sandbox.resetRequests();

    const samples = await hooks.list();

    // At most three, newest first; samples compare with nothing and remember nothing.
    const usAddress = env.sandbox.customers.address('cust-us-005');
    if (!usAddress) throw new Error('cust-us-005 is not seeded');
    expect(samples).toEqual([
      expectedRecord(usEvent, usAddress, null),
      expectedRecord(munich, MUNICH, null),
      expectedRecord(lyon, LYON, null),
    ]);
    expect(requestLog(env.sandbox)).toEqual([
      ...newestEventReads(env.sandbox, 4, 3),
      addressRead('cust-us-005'),
      addressRead('cust-de-002'),
      addressRead('cust-fr-001'),
    ]);
    const delivered = mappableShape(hooks.records[0]);
    expect(hooks.records.map(mappableShape)).toEqual(Array.from({ length: 4 }, () => delivered));
    expect(samples.map(mappableShape)).toEqual([delivered, delivered, delivered]);

    // Outside the editor's sample loading, more events; one read per customer however many.
    env.sandbox.resetRequests();
    const listed = await hooks.list({ isLoadingSample: false });
    expect(listed.map((record) => (record as { id: string }).id)).toEqual(
      env.sandbox
        .events()
        .filter(({ TypeTrigger }) => TypeTrigger === EVENT)
        .map(({ Id }) => Id)
        .reverse(),
    );
    expect(requestLog(env.sandbox)).toEqual([
      rewindEvents(10),
      addressRead('cust-us-005'),
      addressRead('cust-de-002'),
      addressRead('cust-fr-001'),
    ]);
    expect(listed.map(mappableShape)).toEqual(listed.map(() => delivered));
  });

  it('gives no sample when the history is empty: Zapier then shows its static sample', async () => {
    const hooks = await turnOn();
    await expect(hooks.list()).resolves.toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([rewindEvents(3)]);
  });
});
