import App from '../../index.js';
import { startSandbox } from '../../sandbox/index.js';
import type { Sandbox } from '../../sandbox/index.js';
import { testConnection } from '../../src/authentication.js';
import { appTester, rejectionOf } from '../helpers.js';

/** The real app's authentication against the sandbox, over HTTP on loopback. */

let sandbox: Sandbox;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  sandbox = await startSandbox();
  for (const [name, value] of Object.entries(sandbox.env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

describe('connection test against the sandbox', () => {
  it('connects with one request and labels the connection with the customer count', async () => {
    const result = await appTester(testConnection, { authData: { ...sandbox.authData } });
    expect(result).toEqual({
      businessId: 42,
      totalCustomers: 6,
      label: 'Business 42 (6 customers)',
    });
    expect(App.authentication?.connectionLabel).toBe('{{label}}');
    expect(sandbox.requests()).toEqual([
      {
        method: 'GET',
        path: '/v1/Customers',
        query: { SizePage: '1' },
        body: undefined,
        headers: expect.objectContaining({
          accept: 'application/json',
          'user-agent': expect.stringMatching(/^ProAbono-for-Zapier\/\d+\.\d+\.\d+$/),
        }),
      },
    ]);
  });

  it('shows the friendly message when the sandbox refuses the keys with 401', async () => {
    const error = await rejectionOf(
      appTester(testConnection, { authData: { ...sandbox.authData, apiKey: 'not-the-key' } }),
    );
    expect(error).toEqual({
      name: 'AppError',
      code: 'invalid_credentials',
      status: 401,
      message:
        'ProAbono rejected the Agent Key and API Key for business 42. Copy both keys again from ' +
        'ProAbono → Integration → API, and check that they come from the same environment as the ' +
        'Business ID: sandbox and production are separate ProAbono businesses, each with its own ' +
        'Business ID and keys.',
    });
    expect(sandbox.requests()).toHaveLength(1);
  });

  it('counts 0 customers for an empty business, which answers 204', async () => {
    sandbox.reset({ seed: false });
    const result = await appTester(testConnection, { authData: { ...sandbox.authData } });
    expect(result).toEqual({
      businessId: 42,
      totalCustomers: 0,
      label: 'Business 42 (0 customers)',
    });
  });

  it('says "1 customer", in the singular', async () => {
    sandbox.reset({ seed: false });
    sandbox.customers.upsert({ ReferenceCustomer: 'cust-solo', Name: 'Solo Customer' });
    const result = await appTester(testConnection, { authData: { ...sandbox.authData } });
    expect(result).toMatchObject({ totalCustomers: 1, label: 'Business 42 (1 customer)' });
  });
});
