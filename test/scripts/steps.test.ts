import { jest } from '@jest/globals';

import App from '../../index.js';
import { runStart } from '../../scripts/steps.js';

/** `npm start`'s steps, run in-process against the real app and against apps with more operations. */

const run = async (app: object) => {
  const lines: string[] = [];
  const code = await runStart({ app, write: (text) => lines.push(text) });
  return { code, output: lines.join('\n') };
};

/** One run of the real app, shared by the tests that read its sections. */
let real: { code: number; output: string };
let consoleLines: unknown[][];
beforeAll(async () => {
  const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  real = await run(App);
  consoleLines = [...spy.mock.calls];
  expect(console.log).toBe(spy);
  spy.mockRestore();
});

/** The lines of section `number`, with what changes from run to run replaced by names. */
const section = (output: string, number: number): string[] => {
  const start = output.indexOf(`── ${number}. `);
  const end = output.indexOf(`── ${number + 1}. `);
  return output
    .slice(start, end === -1 ? undefined : end)
    .trimEnd()
    .replace(/http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f]+/g, 'HOOK_URL')
    .replace(/\b[A-Z2-9]{8}\b/g, 'CODE')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'DATE')
    .split('\n');
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

it('shows the instant trigger end to end: handshake, first sight, changed fields, a dropped duplicate', () => {
  expect(section(real.output, 8)).toEqual([
    '── 8. Billing Address Updated (instant trigger) ───────────────────',
    '  Turning the Zap on: subscribe, then the verification handshake:',
    '  ProAbono requests:     4',
    '    GET /backoffice/Notification/Webhooks?IdBusiness=42&SizePage=1000&Links=false',
    '    POST /backoffice/Notification/Webhooks',
    '    GET /backoffice/Notification/Webhooks/5001/Verification?sendCode=true',
    '    POST /backoffice/Notification/Webhooks/5001/Verification?code=CODE&echo=true',
    '  Zap log:               Billing Address Updated: confirmed the verification code of webhook 5001.',
    '  Webhook:               5001 → HOOK_URL',
    '  Handshake:             ProAbono POSTed code CODE; perform sent it back',
    '  Verified:              yes',
    '',
    '  Someone edits cust-de-002 in ProAbono (moves to Hamburg):',
    '  Deliveries received:   1 (trg_3)',
    '  Records:               1',
    '  ProAbono requests:     1',
    '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
    '  The record:',
    '    id:                  trg_3',
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
    '      Region:            DE-HH',
    '      Phone:             +4930208471122',
    '      TaxInformation:    DE274938516',
    '      changed_fields:    (none)',
    '      previous_address_known: false',
    '    (The first time a customer comes through, no previous address is known: nothing',
    '    is claimed changed. The next update of cust-de-002 is compared with this one.)',
    '',
    '  cust-de-002 moves again (to München), and ProAbono delivers the notification twice:',
    '  Deliveries received:   2 (trg_4, trg_4)',
    '  Records:               1 (1 duplicate dropped)',
    '  ProAbono requests:     1 (0 for the duplicate: the address is read once per record)',
    '    GET /v1/CustomerAddressBilling?ReferenceCustomer=cust-de-002',
    '  Zap log:               Billing Address Updated: ignored notification trg_4: this Zap already received it.',
    '  The record, showing only what changed (the rest is as above):',
    '    id:                  trg_4',
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
    '  Turning the Zap off (unsubscribe):',
    '  ProAbono requests:     1',
    '    DELETE /backoffice/Notification/Webhooks/5001',
    '  Webhooks left:         0',
  ]);
});

it("keeps the app's z.console lines out of the console, and shows only changed fields' previous values", () => {
  expect(consoleLines).toEqual([]);
  expect(real.output).not.toMatch(/^Billing Address Updated:/m);
  // Only the four changed fields of the second update have a previous value on screen.
  expect(real.output.match(/previous_(?!address_known)\w+:/g)).toEqual([
    'previous_AddressLine1:',
    'previous_ZipCode:',
    'previous_City:',
    'previous_Region:',
  ]);
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
