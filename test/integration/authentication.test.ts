import App from '../../index.js';
import { testConnection } from '../../src/authentication.js';
import { rejectionOf } from '../support/app.js';
import { CONNECTION_TEST } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { backofficeRefused, invalidCredentials } from '../support/errors.js';

/** The real app's authentication against the sandbox, over HTTP on loopback. */

const env = useSandbox();

const requestHeaders = expect.objectContaining({
  accept: 'application/json',
  'user-agent': expect.stringMatching(/^ProAbono-for-Zapier\/\d+\.\d+\.\d+$/),
});

describe('connection test against the sandbox', () => {
  it('proves the keys on the API Live and the Backoffice API, and labels the connection with the business', async () => {
    const result = await env.perform(testConnection);
    expect(result).toEqual({ businessId: 42, totalCustomers: 6, label: 'Business 42' });
    expect(App.authentication?.connectionLabel).toBe('{{label}}');
    expect(env.sandbox.requests()).toEqual(
      CONNECTION_TEST.map((request) => ({ ...request, headers: requestHeaders })),
    );
  });

  it('shows the friendly message when the sandbox refuses the keys with 401, without asking the Backoffice', async () => {
    const error = await rejectionOf(
      env.perform(testConnection, { authData: { ...env.sandbox.authData, apiKey: 'not-the-key' } }),
    );
    expect(error).toEqual(invalidCredentials());
    expect(env.sandbox.requests()).toHaveLength(1);
  });

  it.each([401, 403])(
    'says which API refused the keys when only the Backoffice does (%i)',
    async (status) => {
      env.sandbox.addFault({ path: '/backoffice/Distribution/Customers', status });
      const error = await rejectionOf(env.perform(testConnection));
      expect(error).toEqual(backofficeRefused(status));
      expect(requestLog(env.sandbox)).toEqual(CONNECTION_TEST);
    },
  );

  it('passes for an empty business, whose customer lists answer 204', async () => {
    env.sandbox.reset({ seed: false });
    const result = await env.perform(testConnection);
    expect(result).toEqual({ businessId: 42, totalCustomers: 0, label: 'Business 42' });
    expect(requestLog(env.sandbox)).toEqual(CONNECTION_TEST);
  });

  it('does not depend on the segment list, which ProAbono does not document', async () => {
    env.sandbox.addFault({ path: '/backoffice/Organization/Segments', status: 404 });
    expect(await env.perform(testConnection)).toEqual({
      businessId: 42,
      totalCustomers: 6,
      label: 'Business 42',
    });
    expect(requestLog(env.sandbox)).toEqual(CONNECTION_TEST);
  });
});
