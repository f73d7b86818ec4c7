import { call } from './support.js';
import { useSandbox } from '../support/sandbox.js';

/** Faults injected into API requests, and the request log tests count on. */

const env = useSandbox({ profile: 'generous' });

const customers = () => call(env.sandbox, 'GET', '/v1/Customers', { query: { SizePage: 1 } });

describe('API faults', () => {
  it('answers 429 with Retry-After once, then normally', async () => {
    env.sandbox.addFault({ path: '/v1/Customers', status: 429, retryAfter: 30 });
    const throttled = await customers();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('30');
    expect(throttled.json).toEqual({
      Code: 'Error.Api.TooManyRequests',
      Message: 'Too many requests: slow down.',
    });
    expect((await customers()).status).toBe(200);
  });

  it('answers 429 without Retry-After when none is given', async () => {
    env.sandbox.addFault({ status: 429 });
    const throttled = await customers();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBeNull();
  });

  it.each([500, 502, 503])('answers %i as many times as asked', async (status) => {
    env.sandbox.addFault({ path: '/v1/customers', status, times: 2 });
    expect((await customers()).status).toBe(status);
    expect((await customers()).status).toBe(status);
    expect((await customers()).status).toBe(200);
  });

  it('keeps failing until cleared with times: Infinity (or a negative number over JSON)', async () => {
    env.sandbox.addFault({ status: 503, times: Infinity });
    env.sandbox.addFault({ status: 500, times: -1 });
    for (let index = 0; index < 5; index += 1) expect((await customers()).status).toBe(503);
    env.sandbox.clearFaults();
    expect((await customers()).status).toBe(200);
  });

  it('adds latency: a client with a shorter timeout gives up, and the answer is otherwise normal', async () => {
    env.sandbox.addFault({ path: '/v1/Customers', latencyMs: 5_000 });
    await expect(
      fetch(`${env.sandbox.url}/v1/Customers`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow(/aborted|timeout/i);

    env.sandbox.addFault({
      path: '/v1/Customers',
      latencyMs: 20,
      headers: { 'x-sandbox-fault': 'slow' },
    });
    const slow = await customers();
    expect(slow.status).toBe(200);
    expect(slow.headers.get('x-sandbox-fault')).toBe('slow');
    expect(slow.json).toMatchObject({ TotalItems: 6 });
  });

  it('sends a non-JSON body', async () => {
    env.sandbox.addFault({ status: 502, rawBody: '<html><body>Bad Gateway</body></html>' });
    const result = await customers();
    expect(result.status).toBe(502);
    expect(result.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(result.text).toBe('<html><body>Bad Gateway</body></html>');

    env.sandbox.addFault({ rawBody: 'OK' });
    const ok = await customers();
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('OK');
  });

  it('sends a 200 whose JSON breaks the schema', async () => {
    env.sandbox.addFault({ path: '/v1/CustomerAddressBilling', json: { Items: 'not a list' } });
    const result = await call(env.sandbox, 'GET', '/v1/CustomerAddressBilling', {
      query: { ReferenceCustomer: 'cust-fr-001' },
    });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ Items: 'not a list' });
  });

  it('matches on method, path prefix (any case), RegExp and regex source', async () => {
    env.sandbox.addFault({ method: 'POST', path: '/v1/customer', status: 500 });
    expect((await customers()).status).toBe(200);
    const post = await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
      query: { ReferenceCustomer: 'cust-fr-001' },
      body: { City: 'Lyon' },
    });
    expect(post.status).toBe(500);
    expect(env.sandbox.customers.address('cust-fr-001')?.City).toBe('Paris');

    env.sandbox.addFault({ path: /webhooks\/\d+$/i, status: 503 });
    env.sandbox.addFault({ pathRegex: '^/backoffice/distribution', status: 502 });
    const webhook = await call(env.sandbox, 'GET', '/backoffice/Notification/Webhooks/5001');
    expect(webhook.status).toBe(503);
    const search = await call(env.sandbox, 'GET', '/backoffice/Distribution/Customers', {
      query: { IdBusiness: 42 },
    });
    expect(search.status).toBe(502);
  });

  it('fails before authentication, as a proxy in front of ProAbono would', async () => {
    env.sandbox.addFault({ status: 503 });
    expect((await call(env.sandbox, 'GET', '/v1/Customers', { auth: false })).status).toBe(503);
  });

  it('refuses a malformed rule', () => {
    expect(() => env.sandbox.addFault({ status: 42 })).toThrow(
      'Invalid fault rule: status must be',
    );
    expect(() => env.sandbox.addFault({ pathRegex: '(' })).toThrow('pathRegex is not a valid');
    expect(() => env.sandbox.addFault({ times: 0 })).toThrow('times must be');
  });
});

describe('request log', () => {
  it('records every API request exactly, without the Authorization header', async () => {
    await call(env.sandbox, 'GET', '/v1/Customers', { query: { SizePage: 1, Page: 1 } });
    await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
      query: { ReferenceCustomer: 'cust fr/001&x' },
      body: { City: 'Lyon' },
    });
    await call(env.sandbox, 'POST', '/backoffice/Notification/Webhooks', {
      rawBody: 'not json',
      auth: false,
    });
    const log = env.sandbox.requests();
    expect(log).toHaveLength(3);
    expect(log[0]).toEqual({
      method: 'GET',
      path: '/v1/Customers',
      query: { SizePage: '1', Page: '1' },
      body: undefined,
      headers: expect.objectContaining({ accept: 'application/json' }),
    });
    expect(log[1]).toMatchObject({
      method: 'POST',
      path: '/v1/CustomerAddressBilling',
      query: { ReferenceCustomer: 'cust fr/001&x' },
      body: { City: 'Lyon' },
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    expect(log[2]).toMatchObject({ method: 'POST', body: 'not json' });
    for (const entry of log) {
      expect(Object.keys(entry.headers)).not.toContain('authorization');
      expect(Object.keys(entry.headers).every((name) => name === name.toLowerCase())).toBe(true);
    }
  });

  it('filters on method and whole path without regard to case, and resets', async () => {
    await customers();
    await customers();
    await call(env.sandbox, 'GET', '/v1/Customer', { query: { ReferenceCustomer: 'cust-fr-001' } });
    expect(env.sandbox.requests({ path: '/V1/CUSTOMERS' })).toHaveLength(2);
    expect(env.sandbox.requests({ path: '/v1/Customer' })).toHaveLength(1);
    expect(env.sandbox.requests({ method: 'get' })).toHaveLength(3);
    expect(env.sandbox.requests({ method: 'POST' })).toHaveLength(0);
    env.sandbox.resetRequests();
    expect(env.sandbox.requests()).toEqual([]);
    await customers();
    expect(env.sandbox.requests()).toHaveLength(1);
  });

  it('counts faulted requests too, and not admin calls', async () => {
    env.sandbox.addFault({ status: 500 });
    await customers();
    await fetch(`${env.sandbox.url}/_admin/customers`);
    expect(env.sandbox.requests()).toHaveLength(1);
  });
});
