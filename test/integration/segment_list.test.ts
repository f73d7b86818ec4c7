import { jest } from '@jest/globals';

import App from '../../index.js';
import { perform as createCustomer } from '../../src/creates/create_customer.js';
import { SEGMENT_PAGE_SIZE, perform } from '../../src/triggers/segment_list.js';
import { captureLogs } from '../support/app.js';
import { segmentsPage } from '../support/requests.js';
import { SEGMENT_CHOICES } from '../support/records.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { noSegmentList } from '../support/zapLogs.js';

/** The hidden segment_list trigger against the sandbox's Backoffice, paged by bundle.meta.page. */

const env = useSandbox();

const page = (number: number) =>
  env.perform(perform, {
    meta: { page: number, isLoadingSample: false, isFillingDynamicDropdown: true },
  }) as Promise<Record<string, unknown>[]>;

// ProAbono documents no segment list: the first two tests need a ProAbono that has one, the
// others show the connector without it.
it('lists both sandbox segments on page 0, then an empty page 1, one request each', async () => {
  env.setBehaviour({ segmentList: true });
  expect(await page(0)).toEqual(SEGMENT_CHOICES);
  expect(await page(1)).toEqual([]);
  expect(requestLog(env.sandbox)).toEqual([
    segmentsPage(1, SEGMENT_PAGE_SIZE),
    segmentsPage(2, SEGMENT_PAGE_SIZE),
  ]);
});

it('feeds the segment field of Create Customer, whose value the sandbox then accepts', async () => {
  const field = (App.creates.create_customer.operation.inputFields ?? []).find(
    (input) => input.key === 'ReferenceSegment',
  );
  expect(field).toMatchObject({ dynamic: 'segment_list.id.label' });
  env.setBehaviour({ segmentList: true });
  const [, usd] = await page(0);
  const created = (await env.perform(createCustomer, {
    inputData: { ReferenceCustomer: 'cust-us-011', ReferenceSegment: usd?.id },
  })) as Record<string, unknown>;
  expect(created).toMatchObject({ ReferenceSegment: 'sandbox-usd' });
  expect(env.sandbox.customers.get('cust-us-011')).toMatchObject({ Currency: 'USD' });
});

it.each([404, 405])(
  'offers nothing, says why in the log, and still creates with a typed segment when the Backoffice has no segment list (%i)',
  async (status) => {
    env.sandbox.addFault({ path: '/backoffice/Organization/Segments', status });
    const logs = captureLogs();
    const choices = await page(0);
    jest.restoreAllMocks();
    expect(choices).toEqual([]);
    expect(logs).toContain(noSegmentList(status));
    const created = (await env.perform(createCustomer, {
      inputData: { ReferenceCustomer: 'cust-us-012', ReferenceSegment: 'sandbox-usd' },
    })) as Record<string, unknown>;
    expect(created).toMatchObject({ ReferenceSegment: 'sandbox-usd' });
  },
);
