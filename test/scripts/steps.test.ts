import { jest } from '@jest/globals';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import { ADDRESS_KEYS } from '../../sandbox/index.js';
import { behaviourOf, profileFromEnv } from '../../sandbox/index.js';
import type { SandboxOptions } from '../../sandbox/index.js';
import { runStart } from '../../scripts/runStart.js';
import { coverageOf, tracedApp } from '../support/coverage.js';
import { alreadyReceived } from '../support/zapLogs.js';

/* `npm start`'s steps, run in-process against the real app and against apps with a broken operation. */

const run = async (app: object, sandbox?: SandboxOptions) => {
  const lines: string[] = [];
  const code = await runStart({
    app,
    write: (text) => lines.push(text),
    ...(sandbox && { sandbox }),
  });
  return { code, output: lines.join('\n') };
};

/** Whether ProAbono notifies a write that changes nothing: later notification Ids shift by one. */
const echoNotifies = behaviourOf(profileFromEnv()).noOpWriteNotifies;
const trg = (n: number) => `trg_${echoNotifies ? n : n - 1}`;

/** Where ProAbono ignores a clear sent as "", which the update sends again as null. */
const clearSentTwice = behaviourOf(profileFromEnv()).addressClearValue === null;

/** One run of the real app, shared by the tests that read its sections. */
let real: { code: number; output: string };
let consoleLines: unknown[][];
/** The operations that run called. */
const exercised = coverageOf();
beforeAll(async () => {
  const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  real = await run(tracedApp(exercised.note));
  consoleLines = [...spy.mock.calls];
  expect(console.log).toBe(spy);
  spy.mockRestore();
});

/**
 * The lines of one numbered section of the output, from its title (excluded) to the next section,
 * with what changes from run to run (ports, codes, dates) replaced by names.
 */
const section = (output: string, title: string): string[] => {
  const lines = output
    .replace(/http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f]+/g, 'HOOK_URL')
    .replace(/\b[A-Z2-9]{8}\b/g, 'CODE')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'DATE')
    .split('\n');
  const start = lines.findIndex((line) => /^── \d+\. /.test(line) && line.includes(` ${title} ─`));
  if (start < 0) throw new Error(`No section "${title}" in the output`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('── '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
};

/** A section's paragraphs: its runs of lines between blank lines (a blank line ending it kept). */
const paragraphs = (lines: string[]): string[][] =>
  lines
    .join('\n')
    .split('\n\n')
    .map((paragraph) => paragraph.split('\n'));

it('runs every operation the app defines', () => {
  // A hydrator cannot be traced (Zapier finds it by identity): the polling section shows it ran.
  expect(exercised.missing()).toEqual(['hydrators.billingAddress']);
  expect(section(real.output, 'Billing Address Updated (Polling)')).toContain(
    '  Newest, hydrated as Zapier would before running the Zap:',
  );
});

it('runs the connection test, shows the label and the refusal of a wrong key, and exits 0', () => {
  const { code, output } = real;
  expect(code).toBe(0);
  expect(output).toContain('── 2. Connection test');
  expect(section(output, 'Connection test').slice(0, 3)).toEqual([
    '  ProAbono requests:     2',
    '    GET /v1/Customers?SizePage=1',
    '    GET /backoffice/Distribution/Customers?IdBusiness=42&Page=1&SizePage=1&Links=false',
  ]);
  expect(output).toContain('  Customers:             6');
  expect(output).toContain('  Label:                 Business 42\n');
  expect(output).toContain('  Result:                refused, as it should be');
  expect(output).toContain(
    '  Message:               ProAbono rejected the Agent Key and API Key for business 42.',
  );
  expect(output).toContain('Done: every available step passed. The sandbox is closed.');
  expect(process.env.PROABONO_LIVE_URL).toBeUndefined();
});

it('shows the instant trigger end to end: handshake, first sight, changed fields, a dropped duplicate, the filters', () => {
  expect(section(real.output, 'Billing Address Updated (instant trigger)')).toEqual([
    '  Turning the Zap on: subscribe, then the verification handshake:',
    '  ProAbono requests:     3',
    '    POST /backoffice/Notification/Webhooks',
    '    GET /backoffice/Notification/Webhooks/5001/Verification?sendCode=true',
    '    POST /backoffice/Notification/Webhooks/5001/Verification?code=CODE&echo=true',
    '  Zap log:               Billing Address Updated: confirmed the verification code of webhook 5001.',
    '  Webhook:               5001 → HOOK_URL',
    '  Handshake:             ProAbono POSTed code CODE; perform sent it back',
    '  Verified:              yes',
    '',
    '  Someone edits cust-de-002 in ProAbono (moves to Hamburg):',
    '  Deliveries received:   1 (trg_8)',
    '  Records:               1',
    '  ProAbono requests:     1',
    '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
    '  The record:',
    '    id:                  trg_8',
    '    DateTrigger:         DATE',
    '    ReferenceCustomer:   cust-de-002',
    '    Name:                Jonas Becker',
    '    Email:               jonas.becker@becker-sohn.de',
    '    Language:            de',
    '    Status:              Enabled',
    '    ReferenceSegment:    sandbox-eur',
    '    billing_address:',
    '      Company:           Becker & Sohn GmbH',
    '      FirstName:         Jonas',
    '      LastName:          Becker',
    '      AddressLine1:      Jungfernstieg 7',
    '      AddressLine2:      (empty)',
    '      ZipCode:           20354',
    '      City:              Hamburg',
    '      Country:           DE',
    '      CountryName:       Germany',
    '      Region:            DE-HH',
    '      Phone:             +4930208471150',
    '      TaxInformation:    DE274938516',
    '      changed_fields:    (none)',
    '      previous_address_known: false',
    '    (The first time a customer comes through, no previous address is known: nothing',
    '    is claimed changed. The next update of cust-de-002 is compared with this one.)',
    '',
    '  cust-de-002 moves again (to München), and ProAbono delivers the notification twice:',
    '  Deliveries received:   2 (trg_9, trg_9)',
    '  Records:               1 (1 duplicate dropped)',
    '  ProAbono requests:     1 (0 for the duplicate: one read per record)',
    '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
    `  Zap log:               ${alreadyReceived('Billing Address Updated', 'trg_9')}`,
    '  The record, showing only what changed (the rest is as above):',
    '    id:                  trg_9',
    '    ReferenceCustomer:   cust-de-002',
    '    billing_address:',
    '      AddressLine1:      Marienplatz 1',
    '      ZipCode:           80331',
    '      City:              München',
    '      Region:            DE-BY',
    '      changed_fields:    AddressLine1, ZipCode, City, Region',
    '      previous_address_known: true',
    '      previous_AddressLine1: Jungfernstieg 7',
    '      previous_ZipCode:  20354',
    '      previous_City:     Hamburg',
    '      previous_Region:   DE-HH',
    '',
    '  The same address written again, as the other Zap of a two-way sync echoes it back:',
    ...(echoNotifies
      ? [
          '  ProAbono notifies anyway; with Only When Changed (the default) the Zap gives no record:',
          '  Deliveries received:   1 (trg_10)',
          '  Records:               0',
          '  ProAbono requests:     1',
          '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
          '  Zap log:               Billing Address Updated: no record for notification trg_10 of ' +
            'customer "cust-de-002": the address is the same as the last one this Zap saw.',
        ]
      : [
          '  ProAbono sends no notification for a write that changes nothing: the Zap gets nothing:',
          '  Deliveries received:   0 ()',
          '  Records:               0',
          '  ProAbono requests:     0',
        ]),
    '',
    '  Turning the Zap off (unsubscribe):',
    '  ProAbono requests:     1',
    '    DELETE /backoffice/Notification/Webhooks/5001',
    '  Webhooks left:         0',
    '',
    '  A second Zap, with Watch Fields: City, turned on the same way:',
    '  ProAbono requests:     3 (as for the first Zap)',
    '  Zap log:               Billing Address Updated: confirmed the verification code of webhook 5002.',
    '',
    '  Its first update of cust-de-002 (a new phone number) gives a record whatever changed:',
    `  Deliveries received:   1 (${trg(11)})`,
    '  Records:               1',
    '  ProAbono requests:     1',
    '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
    '',
    '  A new ZIP code in the same city (80331 → 80333) gives no record:',
    `  Deliveries received:   1 (${trg(12)})`,
    '  Records:               0',
    '  ProAbono requests:     1',
    '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
    `  Zap log:               Billing Address Updated: no record for notification ${trg(12)} of ` +
      'customer "cust-de-002": none of the watched fields changed (watching City; changed: ' +
      'Zip / Postal Code).',
    '',
    '  A new city (München → Garching bei München) gives one:',
    `  Deliveries received:   1 (${trg(13)})`,
    '  Records:               1',
    '  ProAbono requests:     1',
    '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
    '  The record, showing only what changed:',
    `    id:                  ${trg(13)}`,
    '    ReferenceCustomer:   cust-de-002',
    '    billing_address:',
    '      AddressLine1:      Boltzmannstraße 3',
    '      ZipCode:           85748',
    '      City:              Garching bei München',
    '      changed_fields:    AddressLine1, ZipCode, City',
    '      previous_address_known: true',
    '      previous_AddressLine1: Marienplatz 1',
    '      previous_ZipCode:  80333',
    '      previous_City:     München',
    '',
    '  Turning the second Zap off:',
    '  ProAbono requests:     1',
    '    DELETE /backoffice/Notification/Webhooks/5002',
    '  Webhooks left:         0',
    '',
  ]);
});

it("keeps the app's z.console lines out of the console, and shows only changed fields' previous values", () => {
  expect(consoleLines).toEqual([]);
  expect(real.output).not.toMatch(/^Billing Address Updated:/m);
  // Only the changed fields of the two records shown by changes have a previous value on screen.
  expect(real.output.match(/previous_(?!address_known)\w+:/g)).toEqual([
    'previous_AddressLine1:',
    'previous_ZipCode:',
    'previous_City:',
    'previous_Region:',
    'previous_AddressLine1:',
    'previous_ZipCode:',
    'previous_City:',
  ]);
});

describe('the operations on the real app', () => {
  it('shows a partial update of a full address: two fields changed, nine left as they were', () => {
    const [partial] = paragraphs(section(real.output, 'Update Customer Billing Address'));
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
    const [, clear, normalised] = paragraphs(
      section(real.output, 'Update Customer Billing Address'),
    );
    expect(clear).toEqual([
      '  A clear: Address Line 2 listed in Fields to Clear, nothing else filled in',
      '  Input:                 {"ReferenceCustomer":"cust-de-002","clear_fields":["AddressLine2"]}',
      `  ProAbono requests:     ${clearSentTwice ? 2 : 1}`,
      '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
      '      {"AddressLine2":""}',
      ...(clearSentTwice
        ? [
            '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
            '      {"AddressLine2":null}',
          ]
        : []),
      '  Billing address (before → after), fields sent:',
      '    AddressLine2:        5. Etage → (empty)',
      '  Checked:               the 10 fields left blank are unchanged; the record is what ProAbono stored',
    ]);
    expect(normalised).toEqual([
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
    ]);
  });

  it('with Skip If Nothing Would Change, the same input again costs one read and writes nothing', () => {
    const [, , , again, ...after] = paragraphs(
      section(real.output, 'Update Customer Billing Address'),
    );
    // The last paragraph, with the blank line that ends the section.
    expect(again).toEqual([
      '  The same input again, with Skip If Nothing Would Change: one read, no POST, no notification',
      '  Input:                 {"ReferenceCustomer":"cust-es-003","AddressLine1":"Calle de Alcalá 42","ZipCode":"28014","Country":"España","Region":"M","Phone":"911 23 45 67","skip_if_unchanged":true}',
      '  ProAbono requests:     1',
      '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-es-003',
      '  changed:               false',
      '  changed_fields:        (none)',
      '  Checked:               the 6 fields left blank are unchanged; the record is what ProAbono stored',
      '',
    ]);
    expect(after).toEqual([]);
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

  it('creates a customer with its address in three requests, then refuses the same reference after one', () => {
    const lines = section(real.output, 'Create Customer');
    expect(lines.slice(0, 9)).toEqual([
      '  A new reference, with its billing address in the same step:',
      '  Input:                 {"ReferenceCustomer":"cust-it-007","Name":"Giulia Romano","Email":"giulia.romano@studioromano.it","Language":"it","AddressLine1":"Via Roma 12","ZipCode":"20121","City":"Milano","Country":"Italie"}',
      '  ProAbono requests:     3',
      '    GET /v1/Customer?ReferenceCustomer=cust-it-007',
      '    POST /v1/Customer',
      '      {"ReferenceCustomer":"cust-it-007","Name":"Giulia Romano","Email":"giulia.romano@studioromano.it","Language":"it"}',
      '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-it-007',
      '      {"AddressLine1":"Via Roma 12","ZipCode":"20121","City":"Milano","Country":"IT"}',
      '    id:                  cust-it-007',
    ]);
    const text = lines.join('\n');
    expect(text).toContain('    Country:             IT\n    CountryName:         Italy\n');
    expect(text).toContain(
      '  Input:                 {"ReferenceCustomer":"cust-it-007","Name":"Giulia Romano Srl"}\n' +
        '  ProAbono requests:     1\n' +
        '    GET /v1/Customer?ReferenceCustomer=cust-it-007\n' +
        '  Message:               A customer with reference "cust-it-007" already exists in ' +
        'business 42 (segment "sandbox-eur"). Create Customer never changes an existing ' +
        'customer, so nothing was written: use Update Customer to change it, or Find or Create ' +
        'Customer to reuse it.\n' +
        '  Customer:              Giulia Romano · giulia.romano@studioromano.it · cust-it-007\n' +
        '  Customers with it:     1',
    );
  });

  it('updates a customer of another segment in that segment, creating no twin', () => {
    expect(section(real.output, 'Update Customer')).toEqual([
      "  A customer of the USD segment renamed: the update sends the customer's own segment,",
      '  or ProAbono would create a second customer in the default segment:',
      '  Input:                 {"ReferenceCustomer":"cust-us-005","Name":"Emily Carter-Jones"}',
      '  ProAbono requests:     2',
      '    GET /v1/Customer?ReferenceCustomer=cust-us-005',
      '    POST /v1/Customer',
      '      {"ReferenceCustomer":"cust-us-005","Name":"Emily Carter-Jones","ReferenceSegment":"sandbox-usd"}',
      '  Customer:              Emily Carter-Jones · billing@northwind-analytics.com · cust-us-005',
      '  Segment:               sandbox-usd',
      '  Customers with it:     1',
      '',
    ]);
  });

  it('finds or creates a customer, then sets its address: search, create (its own lookup), update', () => {
    expect(
      section(real.output, 'Find or Create Customer, then Update Customer Billing Address'),
    ).toEqual([
      '  Customer:              {"ReferenceCustomer":"cust-nl-010","Name":"Sanne de Vries","Email":"sanne@devries-design.nl"}',
      '  Address:               {"Company":"De Vries Design B.V.","AddressLine1":"Keizersgracht 221","ZipCode":"1016 DV","City":"Amsterdam","Country":"Netherlands"}',
      '  ProAbono requests:     4',
      '    GET /v1/Customer?ReferenceCustomer=cust-nl-010',
      '    GET /v1/Customer?ReferenceCustomer=cust-nl-010',
      '    POST /v1/Customer',
      '    POST /v1/CustomerAddressBilling?ReferenceCustomer=cust-nl-010',
      '  Search:                no customer found',
      '  Create:                Sanne de Vries · sanne@devries-design.nl · cust-nl-010',
      '  Billing address:       De Vries Design B.V., Keizersgracht 221, 1016 DV, Amsterdam, NL',
      '',
    ]);
  });
});

/** The real app with another perform for Update Customer Billing Address. */
const withAddressUpdate = (perform: (z: ZObject, bundle: Bundle) => unknown) => ({
  ...App,
  creates: {
    ...App.creates,
    update_customer_billing_address: {
      ...App.creates.update_customer_billing_address,
      operation: { ...App.creates.update_customer_billing_address.operation, perform },
    },
  },
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
  // A ProAbono where "" clears (whether it does is undocumented), so that the bug bites.
  const { code, output } = await run(withAddressUpdate(wipingUpdate), {
    behaviour: { addressClearValue: '' },
  });
  expect(code).toBe(1);
  expect(section(output, 'Update Customer Billing Address')).toContain(
    '  FAILED:                Fields left blank were changed: Company, FirstName, LastName, ' +
      'AddressLine1, ZipCode, City, Country, Region, TaxInformation',
  );
});

it('shows a subscription started, a customer billed and the invoice paid going through Zaps', () => {
  const lines = section(
    real.output,
    'Subscriptions and invoices: Create Subscription, Bill Customer and their events',
  ).map((line) =>
    line.replace(/trg_\d+/g, 'trg_N').replace(/http:\/\/127\.0\.0\.1:\d+/g, 'SANDBOX'),
  );
  while (lines.at(-1) === '') lines.pop();
  expect(lines).toEqual([
    '  A Zap on Subscription Event (Subscription Started), turned on:',
    '  ProAbono requests:     3',
    '    POST /backoffice/Notification/Webhooks',
    '    GET /backoffice/Notification/Webhooks/5003/Verification?sendCode=true',
    '    POST /backoffice/Notification/Webhooks/5003/Verification?code=CODE&echo=true',
    '  Zap log:               Subscription Event: confirmed the verification code of webhook 5003.',
    '  A Zap on Invoice Event (Issued for Automatic Payment, Paid), turned on:',
    '  ProAbono requests:     3',
    '    POST /backoffice/Notification/Webhooks',
    '    GET /backoffice/Notification/Webhooks/5004/Verification?sendCode=true',
    '    POST /backoffice/Notification/Webhooks/5004/Verification?code=CODE&echo=true',
    '  Zap log:               Invoice Event: confirmed the verification code of webhook 5004.',
    '',
    '  Create Subscription: cust-de-002 to starter-monthly, started now (a CRM deal won):',
    '  Input:                 {"ReferenceCustomer":"cust-de-002","ReferenceOffer":"starter-monthly"}',
    '  ProAbono requests:     2',
    '    GET /v1/Subscription?ReferenceCustomer=cust-de-002&ReferenceOffer=starter-monthly&IgnoreFeatures=true',
    '    POST /v1/Subscription?TryStart=true&BillNow=false&EnsureBillable=false',
    '  Subscription:          140963 · Active · 19.00',
    '  The Subscription Event Zap:',
    '  Deliveries received:   1 (trg_N)',
    '  Records:               1',
    '  ProAbono requests:     0',
    '  Record:                Subscription Started · cust-de-002 · starter-monthly · Active · Starter (monthly)',
    '',
    '  The same step replayed: the running subscription is returned, nothing created:',
    '  ProAbono requests:     1',
    '    GET /v1/Subscription?ReferenceCustomer=cust-de-002&ReferenceOffer=starter-monthly&IgnoreFeatures=true',
    '  Subscription:          140963 (created: false)',
    '',
    "  Find Subscription: cust-de-002's subscription:",
    '  ProAbono requests:     1',
    '    GET /v1/Subscription?ReferenceCustomer=cust-de-002&IgnoreFeatures=true',
    '  Subscription:          140963 · starter-monthly · Active',
    '',
    "  Bill Customer: cust-de-002's pending balance billed now, with a note:",
    '  ProAbono requests:     1',
    '    POST /v1/Billing/Customer',
    '  Invoice:               S-69.00000002 · Due · 620.40 EUR',
    '  PDF:                   SANDBOX/portal-inv-pdf/aW52OjM3MzYzNTQ',
    '  The Invoice Event Zap (one read for the currency and the PDF link):',
    '  Deliveries received:   1 (trg_N)',
    '  Records:               1',
    '  ProAbono requests:     1',
    '    GET /v1/Invoice/3736354',
    '  Record:                Invoice Issued, Automatic Payment · cust-de-002 · S-69.00000002 · 620.40 · SANDBOX/portal-inv-pdf/aW52OjM3MzYzNTQ',
    '  Find Invoice by its number:',
    '  ProAbono requests:     1',
    '    GET /v1/Invoice?FullNumber=S-69.00000002',
    '  Invoice:               S-69.00000002 · cust-de-002',
    '',
    '  The invoice paid in ProAbono (the card charged):',
    '  Deliveries received:   1 (trg_N)',
    '  Records:               1',
    '  ProAbono requests:     1',
    '    GET /v1/Invoice/3736354',
    '  Record:                Invoice Paid · cust-de-002 · S-69.00000002 · Paid',
    '',
    '  Turning the Subscription Event Zap off:',
    '  ProAbono requests:     1',
    '    DELETE /backoffice/Notification/Webhooks/5003',
    '  Webhooks left:         1',
    '',
    '  Turning the Invoice Event Zap off:',
    '  ProAbono requests:     1',
    '    DELETE /backoffice/Notification/Webhooks/5004',
    '  Webhooks left:         0',
  ]);
});

it('reports each failing step, runs the others, and exits 1', async () => {
  const { code, output } = await run(
    withAddressUpdate(() => {
      throw new Error('broken on purpose');
    }),
  );
  expect(code).toBe(1);
  // Both steps that update an address fail (core follows the message with its "What happened"
  // trace, as for any error not made with z.errors); the steps after each still run.
  expect(section(output, 'Update Customer Billing Address').slice(0, 3)).toEqual([
    '  A partial update: two fields of a full address, the nine others left blank',
    '  Input:                 {"ReferenceCustomer":"cust-de-002","AddressLine2":"5. Etage","Phone":"+49 30 20847 1150"}',
    '  FAILED:                broken on purpose',
  ]);
  expect(
    section(output, 'Find or Create Customer, then Update Customer Billing Address'),
  ).toContain('  FAILED:                broken on purpose');
  expect(output.match(/FAILED/g)).toHaveLength(2);
  expect(section(output, 'Update Customer')).toContain('  Segment:               sandbox-usd');
  expect(section(output, 'Billing Address Updated (Polling)')[0]).toBe(
    '  ProAbono requests:     1',
  );
  expect(output).toContain('Done with 2 failed step(s). The sandbox is closed.');
});
