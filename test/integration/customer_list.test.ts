import { jest } from '@jest/globals';

import { CUSTOMER_PAGE_SIZE, perform } from '../../src/triggers/customer_list.js';
import { captureLogs } from '../support/app.js';
import { customersPage } from '../support/requests.js';
import { asListedByBackoffice } from '../support/records.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { customerNotOffered } from '../support/zapLogs.js';

/**
 * The hidden customer_list trigger, paged by Zapier's bundle.meta.page, against the sandbox's
 * Backoffice customer list (every segment; the sandbox lists the newest first).
 */

const env = useSandbox();

const page = (number: number) =>
  env.perform(perform, {
    meta: { page: number, isLoadingSample: false, isFillingDynamicDropdown: true },
  }) as Promise<{ id: string; label: string }[]>;

const listRequest = (page: number) => customersPage(page, CUSTOMER_PAGE_SIZE);

it('lists the seeded customers of both segments on page 0 with labels a person can tell apart, then an empty page 1', async () => {
  const first = await page(0);
  expect(first.map(({ id, label }) => ({ id, label }))).toEqual([
    {
      id: 'cust-fr-006',
      label: 'Northwind Analytics France · billing@northwind-analytics.com · cust-fr-006',
    },
    { id: 'cust-us-005', label: 'Emily Carter · billing@northwind-analytics.com · cust-us-005' },
    { id: 'cust-gb-004', label: 'Oliver Bennett · accounts@bennett-design.co.uk · cust-gb-004' },
    { id: 'cust-es-003', label: 'Lucía Fernández · lucia@estudio-fernandez.es · cust-es-003' },
    { id: 'cust-de-002', label: 'Jonas Becker · jonas.becker@becker-sohn.de · cust-de-002' },
    {
      id: 'cust-fr-001',
      label: 'Camille Laurent · camille.laurent@atelier-laurent.fr · cust-fr-001',
    },
  ]);
  expect(first.find((choice) => choice.id === 'cust-fr-001')).toEqual(
    asListedByBackoffice(env.sandbox, {
      id: 'cust-fr-001',
      label: 'Camille Laurent · camille.laurent@atelier-laurent.fr · cust-fr-001',
      IdCustomer: 233700,
      ReferenceCustomer: 'cust-fr-001',
      Name: 'Camille Laurent',
      Email: 'camille.laurent@atelier-laurent.fr',
      Language: 'fr',
      Status: 'Enabled',
      ReferenceSegment: 'sandbox-eur',
    }),
  );
  expect(await page(1)).toEqual([]);
  expect(requestLog(env.sandbox)).toEqual([listRequest(1), listRequest(2)]);
});

it('gives a reference held in two segments one entry: the dropdown value is the reference', async () => {
  // A twin of the USD customer in the default segment, as a POST without its segment makes one.
  env.sandbox.customers.upsert({
    ReferenceCustomer: 'cust-us-005',
    ReferenceSegment: 'sandbox-eur',
    Name: 'Emily Carter (EUR)',
  });
  const logs = captureLogs();
  const first = await page(0);
  jest.restoreAllMocks();
  expect(first.filter((choice) => choice.id === 'cust-us-005')).toEqual([
    expect.objectContaining({ label: 'Emily Carter (EUR) · cust-us-005' }),
  ]);
  expect(first).toHaveLength(6);
  expect(logs).toEqual([customerNotOffered('customer 233704', 'cust-us-005', 'customer 233706')]);
  expect(requestLog(env.sandbox)).toEqual([listRequest(1)]);
});

it('pages through 250 customers: 100, 100, 50, then none, each page one request', async () => {
  for (let n = 7; n <= 250; n += 1) {
    const reference = `cust-gen-${String(n).padStart(3, '0')}`;
    // Some without a name or email: the label still identifies them by reference.
    env.sandbox.customers.upsert(
      n % 50 === 0
        ? { ReferenceCustomer: reference }
        : { ReferenceCustomer: reference, Name: `Customer ${n}`, Email: `c${n}@example.com` },
    );
  }
  const pages = [await page(0), await page(1), await page(2), await page(3)];

  expect(pages.map((items) => items.length)).toEqual([100, 100, 50, 0]);
  const all = pages.flat();
  expect(all.map((item) => item.id)).toEqual(
    env.sandbox.customers
      .list()
      .map((customer) => customer.ReferenceCustomer)
      .reverse(),
  );
  expect(new Set(all.map((item) => item.id)).size).toBe(250);
  expect(pages[1]?.[0]?.label).toBe('cust-gen-150');
  expect(pages[1]?.[1]?.label).toBe('Customer 149 · c149@example.com · cust-gen-149');
  expect(requestLog(env.sandbox)).toEqual([1, 2, 3, 4].map(listRequest));
});

it('treats a missing bundle.meta as the first page', async () => {
  const items = (await env.perform(perform)) as { id: string }[];
  expect(items).toHaveLength(6);
  expect(requestLog(env.sandbox)).toEqual([listRequest(1)]);
});

it('an empty business (204) gives an empty list', async () => {
  env.sandbox.reset({ seed: false });
  expect(await page(0)).toEqual([]);
  expect(requestLog(env.sandbox)).toEqual([listRequest(1)]);
});
