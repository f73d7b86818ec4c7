import { ADDRESS_KEYS } from '../../sandbox/index.js';
import { startReceiver } from '../sandbox/support.js';
import type { Receiver } from '../sandbox/support.js';
import { startFakeCrm, writeContact } from './fakeCrm.js';
import type { Contact, FakeCrm } from './fakeCrm.js';

/**
 * The fake CRM the two-way sync test runs against: its echo (a hook for every write, identical or
 * not) is the behaviour under test there, so it is pinned here.
 */

const CONTACT = {
  ...Object.fromEntries(ADDRESS_KEYS.map((key) => [key, null])),
  LastName: 'Laurent',
  ZipCode: '75011',
  City: 'Paris',
} as Contact;

let crm: FakeCrm;
let receiver: Receiver;
beforeEach(async () => {
  crm = await startFakeCrm();
  receiver = await startReceiver();
  crm.hookUrl = receiver.url;
  crm.seed('cust-fr-001', CONTACT);
});
afterEach(async () => {
  await crm.close();
  await receiver.close();
});

it('fires its hook with the whole contact for every write, one that changes nothing included', async () => {
  expect(await writeContact(crm.url, 'cust-fr-001', { City: 'Lyon', ZipCode: '69002' })).toEqual([
    'ZipCode',
    'City',
  ]);
  expect(await writeContact(crm.url, 'cust-fr-001', { City: 'Lyon', AddressLine2: '' })).toEqual(
    [],
  );
  await crm.idle();

  const lyon = { ...CONTACT, City: 'Lyon', ZipCode: '69002' };
  expect(crm.contact('cust-fr-001')).toEqual(lyon);
  expect(crm.writes).toEqual([
    { reference: 'cust-fr-001', changed: ['ZipCode', 'City'] },
    { reference: 'cust-fr-001', changed: [] },
  ]);
  const hook = (id: string) => ({
    id,
    event: 'contact.updated',
    ReferenceCustomer: 'cust-fr-001',
    contact: lyon,
  });
  expect(receiver.received.map(({ body }) => body)).toEqual([hook('evt_1'), hook('evt_2')]);
  expect(crm.hooks).toEqual([
    { body: hook('evt_1'), status: 200 },
    { body: hook('evt_2'), status: 200 },
  ]);
});

it('refuses an unknown contact and a field it does not have, and sends no hook for them', async () => {
  await expect(writeContact(crm.url, 'cust-nobody', { City: 'Lyon' })).rejects.toThrow(
    'The CRM refused the write (HTTP 404): No contact "cust-nobody".',
  );
  await expect(
    writeContact(crm.url, 'cust-fr-001', { Town: 'Lyon' } as Partial<Contact>),
  ).rejects.toThrow('The CRM refused the write (HTTP 400): Unknown or non-text fields: Town.');
  await crm.idle();
  expect(crm.writes).toEqual([]);
  expect(crm.hooks).toEqual([]);
  expect(receiver.received).toEqual([]);
  expect(crm.contact('cust-fr-001')).toEqual(CONTACT);
});
