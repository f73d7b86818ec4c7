import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import { runStart } from '../../scripts/steps.js';
import { ADDRESS_KEYS } from '../../sandbox/index.js';
import { makeHookApp } from '../sandbox/hookApp.js';

/** `npm start`'s steps, run in-process against the real app and against apps with more operations. */

const run = async (app: object) => {
  const lines: string[] = [];
  const code = await runStart({ app, write: (text) => lines.push(text) });
  return { code, output: lines.join('\n') };
};

/** One run of the real app, shared by the tests that read its output. */
let real: { code: number; output: string };
beforeAll(async () => {
  real = await run(App);
});

/** The lines of one numbered section of the output, from its title to the next section. */
const section = (output: string, title: string): string[] => {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /^── \d+\. /.test(line) && line.includes(` ${title} `));
  if (start < 0) throw new Error(`No section "${title}" in the output`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('── '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
};

it('runs the connection test, shows the label and the refusal of a wrong key, and exits 0', () => {
  const { code, output } = real;
  expect(code).toBe(0);
  expect(output).toContain('── 2. Connection test');
  expect(output).toContain('  GET /v1/Customers?SizePage=1');
  expect(output).toContain('  Customers:             6');
  expect(output).toContain('  Label:                 Business 42 (6 customers)');
  expect(output).toContain('  Result:                refused, as it should be');
  expect(output).toContain(
    '  Message:               ProAbono rejected the Agent Key and API Key for business 42.',
  );
  expect(output).toContain('Done: every available step passed. The sandbox is closed.');
  expect(process.env.PROABONO_LIVE_URL).toBeUndefined();
});

it('runs the instant trigger step through the hook runner when the app has the trigger', async () => {
  const { app: hookApp } = makeHookApp('billing_address_updated');
  const app = { ...App, triggers: { ...App.triggers, ...hookApp.triggers } };
  const { code, output } = await run(app);
  expect(code).toBe(0);
  expect(output).toMatch(/── \d+\. Billing Address Updated \(instant trigger\)/);
  expect(output).toMatch(/ {2}Webhook: +5001 → http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f]+/);
  expect(output).toContain('  Verified:              yes');
  expect(output).toContain('  Records:               1');
  expect(output).toMatch(/ReferenceCustomer: +cust-de-002/);
  expect(output).toContain('  Webhooks left:         0');
});

describe('the operations on the real app', () => {
  it('shows a partial update of a full address: two fields changed, nine left as they were', () => {
    const lines = section(real.output, 'Update Customer Billing Address');
    const partial = lines.slice(0, lines.indexOf(''));
    expect(partial).toEqual([
      '  A partial update: two fields of a full address, the nine others left blank',
      '  Input:                 {"ReferenceCustomer":"cust-de-002","AddressLine2":"5. Etage","Phone":"+49 30 20847 1150"}',
      '  ProAbono requests:     1',
      '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
      '      {"AddressLine2":"5. Etage","Phone":"+4930208471150"}',
      '  Billing address (before → after):',
      '    Company:             Becker & Sohn GmbH',
      '    FirstName:           Jonas',
      '    LastName:            Becker',
      '    AddressLine1:        Friedrichstraße 68',
      '    AddressLine2:        3. Etage → 5. Etage',
      '    ZipCode:             10117',
      '    City:                Berlin',
      '    Country:             DE',
      '    Region:              DE-BE',
      '    Phone:               +4930208471122 → +4930208471150',
      '    TaxInformation:      DE274938516',
      '  Checked:               the 9 fields left blank are unchanged; the record is what ProAbono stored',
    ]);
  });

  it('shows a clear emptying exactly the listed field, then normalised input', () => {
    const lines = section(real.output, 'Update Customer Billing Address');
    const second = lines.indexOf('') + 1;
    const third = lines.indexOf('', second) + 1;
    expect(lines.slice(second, third - 1)).toEqual([
      '  A clear: Address Line 2 listed in Fields to Clear, nothing else filled in',
      '  Input:                 {"ReferenceCustomer":"cust-de-002","clear_fields":["AddressLine2"]}',
      '  ProAbono requests:     1',
      '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
      '      {"AddressLine2":""}',
      '  Billing address (before → after), fields sent:',
      '    AddressLine2:        5. Etage → (empty)',
      '  Checked:               the 10 fields left blank are unchanged; the record is what ProAbono stored',
    ]);
    expect(lines.slice(third)).toEqual([
      '  Normalised input: a country name, a bare region, a local phone number',
      '  Input:                 {"ReferenceCustomer":"cust-es-003","AddressLine1":"Calle de Alcalá 42","ZipCode":"28014","Country":"España","Region":"M","Phone":"911 23 45 67"}',
      '  ProAbono requests:     1',
      '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-es-003',
      '      {"AddressLine1":"Calle de Alcalá 42","ZipCode":"28014","Country":"ES","Region":"ES-M","Phone":"+34911234567"}',
      '  Billing address (before → after), fields sent:',
      '    AddressLine1:        (empty) → Calle de Alcalá 42',
      '    ZipCode:             (empty) → 28014',
      '    Country:             ES (sent, same as before)',
      '    Region:              (empty) → ES-M',
      '    Phone:               (empty) → +34911234567',
      '  Checked:               the 6 fields left blank are unchanged; the record is what ProAbono stored',
      '',
    ]);
  });

  it('finds a customer by reference (with the address just updated), by email, and none', () => {
    const lines = section(real.output, 'Find Customer');
    const text = lines.join('\n');
    expect(lines.slice(0, 6)).toEqual([
      '  By reference:',
      '  Input:                 {"ReferenceCustomer":"cust-de-002"}',
      '  ProAbono requests:     2',
      '    GET /v1/Customer?ReferenceCustomer=cust-de-002',
      '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
      '  Found:                 1 record(s)',
    ]);
    expect(text).toContain('    AddressLine2:        (empty)\n');
    expect(text).toContain('    Phone:               +4930208471150\n');
    expect(text).toContain(
      '  ProAbono requests:     2\n' +
        '    GET /backoffice/Distribution/Customers?IdBusiness=42&Email=billing%40northwind-analytics.com&SizePage=100&Links=false\n' +
        '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-us-005\n' +
        '  Found:                 1 record(s)\n' +
        '  Customer:              Emily Carter · billing@northwind-analytics.com · cust-us-005\n' +
        '  With this email:       cust-us-005 (updated 2026-10-28), cust-fr-006 (updated 2026-09-12)',
    );
    expect(text).toContain(
      '  Input:                 {"ReferenceCustomer":"cust-unknown"}\n' +
        '  ProAbono requests:     1\n' +
        '    GET /v1/Customer?ReferenceCustomer=cust-unknown\n' +
        '  Found:                 nothing: []',
    );
  });

  it('creates a customer, then the same reference again says created: false', () => {
    const text = section(real.output, 'Create Customer').join('\n');
    expect(text).toMatch(/ {4}created: +true\n/);
    expect(text).toContain(
      '  Input:                 {"ReferenceCustomer":"cust-it-007","Name":"Giulia Romano Srl"}\n' +
        '  ProAbono requests:     1\n' +
        '    POST /v1/Customer\n' +
        '  Customer:              Giulia Romano Srl · giulia.romano@studioromano.it · cust-it-007\n' +
        '  created:               false\n' +
        '  Customers with it:     1',
    );
  });

  it('finds or creates a customer, then sets its address: search, create, update', () => {
    expect(
      section(real.output, 'Find or Create Customer, then Update Customer Billing Address'),
    ).toEqual([
      '  Customer:              {"ReferenceCustomer":"cust-nl-010","Name":"Sanne de Vries","Email":"sanne@devries-design.nl"}',
      '  Address:               {"Company":"De Vries Design B.V.","AddressLine1":"Keizersgracht 221","ZipCode":"1016 DV","City":"Amsterdam","Country":"Netherlands"}',
      '  ProAbono requests:     3',
      '    GET /v1/Customer?ReferenceCustomer=cust-nl-010',
      '    POST /v1/Customer',
      '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-nl-010',
      '  Search:                no customer found',
      '  Create:                Sanne de Vries · sanne@devries-design.nl · cust-nl-010, created: true',
      '  Billing address:       De Vries Design B.V., Keizersgracht 221, 1016 DV, Amsterdam, NL',
      '',
    ]);
  });
});

it('fails the update step when an update wipes the fields left blank', async () => {
  // The classic bug the action exists to avoid: every field sent, blank ones as "".
  const wipingUpdate = async (z: ZObject, bundle: Bundle) => {
    const input = bundle.inputData;
    const body = Object.fromEntries(
      ADDRESS_KEYS.map((key) => [key, typeof input[key] === 'string' ? input[key] : '']),
    );
    const response = await z.request({
      method: 'POST',
      url: `${process.env.PROABONO_LIVE_URL ?? ''}/v1/CustomerAddressBilling`,
      params: { ReferenceCustomer: String(input.ReferenceCustomer) },
      body,
    });
    return { id: input.ReferenceCustomer, ...(response.data as object) };
  };
  const app = {
    ...App,
    creates: {
      ...App.creates,
      update_customer_billing_address: {
        ...App.creates.update_customer_billing_address,
        operation: {
          ...App.creates.update_customer_billing_address.operation,
          perform: wipingUpdate,
        },
      },
    },
  };
  const { code, output } = await run(app);
  expect(code).toBe(1);
  expect(section(output, 'Update Customer Billing Address')).toContain(
    '  FAILED:                Fields left blank were changed: Company, FirstName, LastName, ' +
      'AddressLine1, ZipCode, City, Country, Region, TaxInformation',
  );
});

it('reports a failing step and exits 1', async () => {
  const app = {
    ...App,
    creates: {
      update_customer_billing_address: {
        key: 'update_customer_billing_address',
        noun: 'Billing Address',
        display: { label: 'Update Customer Billing Address', description: 'Updates it.' },
        operation: {
          perform: () => {
            throw new Error('broken on purpose');
          },
        },
      },
    },
  };
  const { code, output } = await run(app);
  expect(code).toBe(1);
  expect(output).toContain('  FAILED:                broken on purpose');
  expect(output).toContain('Done with 1 failed step(s). The sandbox is closed.');
});
