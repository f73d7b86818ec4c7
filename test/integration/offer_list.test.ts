import { perform } from '../../src/triggers/offer_list.js';
import { allOffersPage, customerLookup, customerOffersPage } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/** The offer dropdown, the real app against the sandbox. */

const env = useSandbox();

const labels = async (inputData: Record<string, unknown>) =>
  (
    (await env.perform(perform, { inputData, meta: { page: 0 } })) as {
      id: string;
      label: string;
    }[]
  ).map(({ id, label }) => ({ id, label }));

it("without a customer, lists every segment's live offers, one entry per reference", async () => {
  expect(await labels({})).toEqual([
    {
      id: 'starter-monthly',
      label:
        'Starter (monthly) · Sandbox EUR / Starter (monthly, USD) · Sandbox USD · starter-monthly',
    },
    {
      id: 'pro-yearly',
      label: 'Pro (yearly) · Sandbox EUR / Pro (yearly, USD) · Sandbox USD · pro-yearly',
    },
    { id: 'partner-monthly', label: 'Partner (monthly, unlisted) · Sandbox EUR · partner-monthly' },
  ]);
  expect(requestLog(env.sandbox)).toEqual([allOffersPage(1)]);
});

it('with a customer of the non-default segment, lists the offers available to that customer there', async () => {
  expect(await labels({ ReferenceCustomer: 'cust-us-005' })).toEqual([
    { id: 'starter-monthly', label: 'Starter (monthly, USD) · starter-monthly' },
    { id: 'pro-yearly', label: 'Pro (yearly, USD) · pro-yearly' },
  ]);
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-us-005'),
    customerOffersPage('cust-us-005', 'sandbox-usd'),
  ]);
});

it('with a customer of the default segment, its visible offers; a mapped value lists every segment', async () => {
  expect((await labels({ ReferenceCustomer: 'cust-fr-001' })).map((choice) => choice.id)).toEqual([
    'starter-monthly',
    'pro-yearly',
  ]);
  env.sandbox.resetRequests();
  expect(await labels({ ReferenceCustomer: '{{152__ReferenceCustomer}}' })).toHaveLength(3);
  expect(requestLog(env.sandbox)).toEqual([allOffersPage(1)]);
});
