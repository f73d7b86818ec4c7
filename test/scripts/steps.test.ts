import App from '../../index.js';
import { runStart } from '../../scripts/steps.js';
import { makeHookApp } from '../sandbox/hookApp.js';

/** `npm start`'s steps, run in-process against the real app and against apps with more operations. */

const run = async (app: object) => {
  const lines: string[] = [];
  const code = await runStart({ app, write: (text) => lines.push(text) });
  return { code, output: lines.join('\n') };
};

it('runs the connection test, shows the label and the refusal of a wrong key, and exits 0', async () => {
  const { code, output } = await run(App);
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
  expect(output).toContain('── 8. Billing Address Updated (instant trigger)');
  expect(output).toMatch(/ {2}Webhook: +5001 → http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f]+/);
  expect(output).toContain('  Verified:              yes');
  expect(output).toContain('  Records:               1');
  expect(output).toMatch(/ReferenceCustomer: +cust-de-002/);
  expect(output).toContain('  Webhooks left:         0');
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
