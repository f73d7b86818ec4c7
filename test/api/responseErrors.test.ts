import nock from 'nock';

import { createProAbonoClient } from '../../src/api/client.js';
import { testConnection } from '../../src/authentication.js';
import { errors } from 'zapier-platform-core';

import { snippetOf } from '../../src/api/responseErrors.js';
import { redactSecrets } from '../../src/api/redact.js';
import { errorCodeOf, userError, userMessageOf } from '../../src/api/errorFactories.js';
import {
  AUTH,
  BASIC,
  LIVE,
  SECRETS,
  backofficeApi,
  liveApi,
  rejectionOf,
  run,
  updateToLyon,
  updateToLyonApi,
  withClient,
} from '../support/app.js';
import { withEnv } from '../../sandbox/zapier/zapierHarness.js';
import {
  expiredAuth,
  firstLineOf,
  forbidden,
  invalidData,
  notFound,
  redirected,
  requestFailed,
  serverError,
  throttled,
  timedOut,
  unexpected,
  unknownCustomer,
  unknownHost,
  unreachable,
} from '../support/errors.js';

const getCustomer = (reference = 'cust-42') =>
  withClient((client) => client.getCustomer(reference));
const upsert = () =>
  withClient((client) => client.upsertCustomer({ ReferenceCustomer: 'cust-42', Email: 'x' }));

const getAddress = () => withClient((client) => client.getBillingAddress('cust-42'));

/** The address read answered 200 with `text`: the error names the endpoint and quotes `quoted`. */
const expectNotJson = async (text: string, quoted: string) => {
  liveApi()
    .get('/v1/CustomerAddressBilling')
    .query(true)
    .reply(200, text, { 'Content-Type': 'text/plain' });
  expect(await rejectionOf(getAddress())).toEqual(
    unexpected(
      'GET /v1/CustomerAddressBilling',
      'reading the billing address of customer "cust-42"',
      `the answer was not JSON: "${quoted}"`,
    ),
  );
};

const UPDATING = 'updating the billing address of customer "cust-42"';
const LOOKING_UP = 'looking up customer "cust-42"';
const TESTING = 'testing the connection';

describe('error mapping (one row of the table per test)', () => {
  it('401 in an operation: ExpiredAuthError asking to reconnect', async () => {
    updateToLyonApi().reply(401, { Code: 'Unauthorized', Message: 'Invalid credentials' });
    // core appends a "What happened" trace after the first line; the user reads the first line.
    expect(firstLineOf(await rejectionOf(updateToLyon()))).toEqual(expiredAuth());
  });

  it('403 Error.Api.Customer.Unaccessible: no customer with that reference in the business', async () => {
    liveApi().get('/v1/Customer').query({ ReferenceCustomer: 'cust-99' }).reply(403, {
      Code: 'Error.Api.Customer.Unaccessible',
      Message: 'You cannot access that Customer',
    });
    expect(await rejectionOf(getCustomer('cust-99'))).toEqual(unknownCustomer('cust-99'));
  });

  it('403 with no body from the billing-address endpoint: the same unknown-customer message', async () => {
    updateToLyonApi('ghost').reply(403);
    expect(await rejectionOf(updateToLyon('ghost'))).toEqual(unknownCustomer('ghost'));
  });

  it('403 with another Code: the Code, the Message and what was refused', async () => {
    liveApi().post('/v1/Customer').reply(403, {
      Code: 'Error.Customer.Billing.CappingReached',
      Message: 'Billing capping reached',
    });
    expect(await rejectionOf(upsert())).toEqual(
      forbidden(
        'saving customer "cust-42"',
        'Billing capping reached (Error.Customer.Billing.CappingReached)',
      ),
    );
  });

  it('404: the thing that was not found, by reference', async () => {
    backofficeApi()
      .get('/Notification/Webhooks/77/Verification')
      .query({ sendCode: 'true' })
      .reply(404, { Code: 'NotFound', Message: 'Not found' });
    const error = await rejectionOf(
      withClient((client) => client.requestWebhookVerificationCode(77)),
    );
    expect(error).toEqual(notFound('webhook 77'));
  });

  it('422 array: every Target: Message pair, under the Zapier field label', async () => {
    updateToLyonApi().reply(422, [
      { Code: 'Error.Address.Country.Invalid', Message: 'Unknown country', Target: 'Country' },
      { Code: 'Error.Address.ZipCode.TooLong', Message: 'Too long', Target: 'zipcode' },
      { Code: 'Error.Other', Message: 'Something else' },
    ]);
    expect(await rejectionOf(updateToLyon())).toEqual(
      invalidData(
        UPDATING,
        'Country: Unknown country (Error.Address.Country.Invalid); Zip / Postal Code: Too long ' +
          '(Error.Address.ZipCode.TooLong); Something else (Error.Other)',
      ),
    );
  });

  it('429 with Retry-After: ThrottledError with that delay', async () => {
    liveApi().get('/v1/Customer').query(true).reply(429, '', { 'Retry-After': '17' });
    expect(await rejectionOf(getCustomer())).toEqual(throttled(LOOKING_UP, 17));
  });

  it('429 during the connection test: asks the person to try again, as nothing retries it', async () => {
    liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(429, '', { 'Retry-After': '5' });
    expect(await rejectionOf(run(testConnection))).toEqual(throttled(TESTING, 5));
  });

  it.each([
    ['7.5', 8],
    ['-5', 60],
    ['999999999', 3600],
    // "Now" waits the 5-second minimum: never "0 seconds", never a throttle of no delay.
    ['0', 5],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 5],
  ])('429 with Retry-After: %s: ThrottledError waiting %i seconds', async (header, delay) => {
    liveApi().get('/v1/Customer').query(true).reply(429, '', { 'Retry-After': header });
    expect(await rejectionOf(getCustomer())).toEqual(throttled(LOOKING_UP, delay));
  });

  it('429 without Retry-After: ThrottledError with the 60-second default', async () => {
    liveApi().get('/v1/Customer').query(true).reply(429, { Code: 'TooMany', Message: 'Slow down' });
    expect(await rejectionOf(getCustomer())).toMatchObject({ name: 'ThrottledError', delay: 60 });
  });

  it.each([500, 502, 503])('%i: says the step can be replayed', async (status) => {
    updateToLyonApi().reply(status, { Code: 'Error', Message: 'Oops' });
    expect(await rejectionOf(updateToLyon())).toEqual(serverError(UPDATING, status));
  });

  it('5xx with an HTML page: the status and a short, safe snippet', async () => {
    updateToLyonApi().reply(
      502,
      '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>\n</body></html>',
      {
        'Content-Type': 'text/html',
      },
    );
    expect(await rejectionOf(updateToLyon())).toEqual(
      serverError(UPDATING, 502, ' (the answer was not JSON: "502 Bad Gateway Bad Gateway")'),
    );
  });

  it('4xx with an empty body: the status, and that the answer was empty', async () => {
    liveApi().post('/v1/Customer').reply(400, '');
    expect(await rejectionOf(upsert())).toEqual(
      requestFailed('POST /v1/Customer', 'saving customer "cust-42"', 400, 'the answer was empty'),
    );
  });

  it('a timeout: the cause, and that the step can be replayed', async () => {
    await withEnv({ PROABONO_TIMEOUT_MS: '50' }, async () => {
      liveApi()
        .get('/v1/Customer')
        .query(true)
        .delay(500)
        .reply(200, { ReferenceCustomer: 'cust-42' });
      expect(await rejectionOf(getCustomer())).toEqual(timedOut(LOOKING_UP, '50 ms'));
    });
  });

  it('a refused connection: the cause, and that the step can be replayed', async () => {
    liveApi()
      .get('/v1/Customer')
      .query(true)
      .replyWithError(
        Object.assign(new Error('connect ECONNREFUSED 1.2.3.4:443'), { code: 'ECONNREFUSED' }),
      );
    expect(await rejectionOf(getCustomer())).toEqual(
      unreachable(LOOKING_UP, 'the connection was refused'),
    );
  });

  it('an unknown host points at the Business ID', async () => {
    liveApi()
      .get('/v1/Customer')
      .query(true)
      .replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    expect(await rejectionOf(getCustomer())).toEqual(unknownHost(LOOKING_UP));
  });

  it('a 200 that is not JSON names the endpoint', async () => {
    await expectNotJson('Service in maintenance', 'Service in maintenance');
  });

  it('a 200 whose body fails its schema names the endpoint and the field', async () => {
    liveApi()
      .get('/v1/CustomerAddressBilling')
      .query(true)
      .reply(200, { City: 75008, Country: 'FR' });
    const error = await rejectionOf(getAddress());
    expect(error).toMatchObject({
      code: 'unexpected_response',
      message: expect.stringContaining(
        "ProAbono's answer to GET /v1/CustomerAddressBilling (HTTP 200) was not in the expected format (City: ",
      ),
    });
  });

  it('never puts a secret in a message, even when ProAbono echoes one', async () => {
    liveApi()
      .post('/v1/Customer')
      .reply(403, {
        Code: 'Error.Keys',
        Message: `Key ${AUTH.apiKey} with agent ${AUTH.agentKey} refused`,
      });
    const error = await rejectionOf(upsert());
    for (const secret of SECRETS) expect(error.message).not.toContain(secret);
    expect(error.message).toContain('Key [redacted] with agent [redacted] refused');
  });
});

describe('the connection test, which has no step to replay', () => {
  /** The connection test's first request, `GET /v1/Customers?SizePage=1`, answered by `reply`. */
  const customersCount = () => liveApi().get('/v1/Customers').query({ SizePage: '1' });
  /** The Backoffice half of the connection test: one page of its documented customer list. */
  const backofficeCustomersPage = () =>
    backofficeApi()
      .get('/Distribution/Customers')
      .query({ IdBusiness: '42', Page: '1', SizePage: '1', Links: 'false' });
  it.each([
    [
      'a redirect',
      () => customersCount().reply(302, '', { location: 'https://portal.example.com/login' }),
      redirected(TESTING, 302, 'portal.example.com'),
    ],
    [
      'a 503 of the API Live',
      () => customersCount().reply(503, { Code: 'Error', Message: 'Oops' }),
      serverError(TESTING, 503),
    ],
    [
      'a 500 of the Backoffice API',
      () => {
        customersCount().reply(200, { Count: 0, TotalItems: 0, Items: [] });
        backofficeCustomersPage().reply(500, { Code: 500, Message: 'Oops' });
      },
      serverError(`${TESTING} to the Backoffice API`, 500),
    ],
    [
      'an unknown host',
      () =>
        customersCount().replyWithError(
          Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
        ),
      unknownHost(TESTING),
    ],
    [
      'a refused connection',
      () =>
        customersCount().replyWithError(
          Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        ),
      unreachable(TESTING, 'the connection was refused'),
    ],
    [
      'a 200 that is not JSON',
      () => customersCount().reply(200, 'Service in maintenance', { 'Content-Type': 'text/plain' }),
      unexpected('GET /v1/Customers', TESTING, 'the answer was not JSON: "Service in maintenance"'),
    ],
  ])('%s: what to check, then test again', async (_case, arrange, expected) => {
    arrange();
    expect(await rejectionOf(run(testConnection))).toEqual(expected);
  });

  it('a timeout: ProAbono or the network may be down', async () => {
    await withEnv({ PROABONO_TIMEOUT_MS: '50' }, async () => {
      customersCount().delay(500).reply(200, { Count: 0, TotalItems: 0, Items: [] });
      expect(await rejectionOf(run(testConnection))).toEqual(timedOut(TESTING, '50 ms'));
    });
  });
});

describe('credentials echoed back', () => {
  /** The Basic credentials as the middleware sends them, without the `Basic ` prefix. */
  const TOKEN = BASIC.slice('Basic '.length);

  it('a 403 message quoting the Authorization header loses the credentials', async () => {
    liveApi()
      .post('/v1/Customer')
      .reply(403, { Code: 'Error.Keys', Message: `Refused: Authorization: ${BASIC}` });
    expect(await rejectionOf(upsert())).toEqual(
      forbidden(
        'saving customer "cust-42"',
        'Refused: Authorization: Basic [redacted]= (Error.Keys)',
      ),
    );
  });

  it('a page echoing the credentials where the excerpt is cut leaves no part of them', async () => {
    // 67 characters, then the token across the 80-character cut: redacting after cutting would
    // leave its first 13 characters.
    const page = `<html><body>Upstream refused the request, see the header. Authorization: ${BASIC}</body></html>`;
    liveApi().get('/v1/Customer').query(true).reply(502, page, { 'Content-Type': 'text/html' });
    expect(await rejectionOf(getCustomer())).toEqual(
      serverError(
        LOOKING_UP,
        502,
        ' (the answer was not JSON: "Upstream refused the request, see the header. ' +
          'Authorization: Basic [redacted]=")',
      ),
    );
  });

  it('numeric keys are sent, and redacted from a page that echoes them', async () => {
    const authData = { businessId: '42', agentKey: 12345678, apiKey: 87654321 };
    const basic = Buffer.from('12345678:87654321').toString('base64');
    nock(LIVE, { reqheaders: { authorization: `Basic ${basic}` } })
      .get('/v1/Customer')
      .query(true)
      .reply(502, `<p>agent 12345678, key 87654321, header Basic ${basic}</p>`);
    const error = await rejectionOf(
      run((z, bundle) => createProAbonoClient(z, bundle).getCustomer('cust-42'), {
        authData: authData as never,
      }),
    );
    expect(error).toEqual(
      serverError(
        LOOKING_UP,
        502,
        ' (the answer was not JSON: "agent [redacted], key [redacted], header Basic [redacted]=")',
      ),
    );
  });

  it('a 200 that is not JSON and echoes the keys is redacted too', async () => {
    await expectNotJson(
      `hello ${AUTH.agentKey}, your key ${AUTH.apiKey} and ${TOKEN}`,
      'hello [redacted], your key [redacted] and [redacted]=',
    );
  });
});

describe('redaction of echoed credentials and split keys', () => {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const urlSafe = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  // Keys whose base64 forms hold `+` and `/` and need padding, so every variant differs.
  const keys = { agentKey: 'agent>>?key', apiKey: 'api~~~~key??' };

  it.each([
    ['the Basic token', base64('agent>>?key:api~~~~key??')],
    ['the Basic token without padding', base64('agent>>?key:api~~~~key??').replace(/=+$/, '')],
    ['the Basic token in base64url', urlSafe(base64('agent>>?key:api~~~~key??'))],
    ['":apiKey" (no user)', base64(':api~~~~key??')],
    ['":apiKey" without padding', base64(':api~~~~key??').replace(/=+$/, '')],
    ['":apiKey" in base64url', urlSafe(base64(':api~~~~key??'))],
    ['"agentKey:" (no password)', base64('agent>>?key:')],
    ['"agentKey:" in base64url', urlSafe(base64('agent>>?key:'))],
  ])('redacts %s', (_form, echoed) => {
    expect(/[+/]/.test(base64(':api~~~~key??') + base64('agent>>?key:'))).toBe(true);
    expect(redactSecrets(`echo: ${echoed}.`, keys)).toMatch(/^echo: \[redacted\]=*\.$/);
  });

  it.each([
    ['a tag', 'apikey-FAKE<wbr>-b81d44e2', '[redacted]'],
    ['several tags', '<b>apikey</b>-FAKE-<span class="x">b81d</span>44e2', '<b>[redacted]'],
    ['a line break', 'apikey-FAKE-b8\n1d44e2', '[redacted]'],
    ['spaces', 'apikey-FAKE- b81d 44e2', '[redacted]'],
  ])('redacts a key split by %s', (_split, text, redacted) => {
    expect(redactSecrets(`key: ${text}!`, AUTH)).toBe(`key: ${redacted}!`);
  });

  it('leaves no piece of a key split by a tag in the excerpt of an error page', async () => {
    const page =
      `<html><body><p>Key apikey-FAKE<wbr>-b81d44e2 refused for agent ` +
      `agent-FAKE-<b>7f3a9c</b></p></body></html>`;
    liveApi().get('/v1/Customer').query(true).reply(502, page, { 'Content-Type': 'text/html' });
    expect(await rejectionOf(getCustomer())).toEqual(
      serverError(
        LOOKING_UP,
        502,
        ' (the answer was not JSON: "Key [redacted] refused for agent [redacted]")',
      ),
    );
  });

  it('a key split by a control character in an error page is redacted too', async () => {
    liveApi()
      .get('/v1/Customer')
      .query(true)
      .reply(502, 'Key apikey-FAKE-\u0000b81d44e2 refused', { 'Content-Type': 'text/plain' });
    expect((await rejectionOf(getCustomer())).message).toContain(
      '(the answer was not JSON: "Key [redacted] refused")',
    );
  });

  it('the full token goes before "agentKey:", which can be its first characters', () => {
    // "agent-FAKE-7f3a9c:" is 18 bytes, so its base64 is exactly the token's start.
    const token = base64(`${AUTH.agentKey}:${AUTH.apiKey}`);
    expect(token.startsWith(base64(`${AUTH.agentKey}:`))).toBe(true);
    expect(redactSecrets(`Basic ${token}`, AUTH)).toBe('Basic [redacted]=');
  });
});

describe('error helpers', () => {
  it('keeps the sentence of an error it made, which core serialises into the message', async () => {
    updateToLyonApi().reply(500, {});
    const error: unknown = await updateToLyon().then(
      () => new Error('expected the update to fail'),
      (thrown: unknown) => thrown,
    );
    const { message: sentence } = serverError(UPDATING, 500);
    expect(JSON.parse((error as Error).message)).toMatchObject({ message: sentence });
    expect(userMessageOf(error)).toBe(sentence);
    expect(errorCodeOf(error)).toBe('server_error');
  });

  it('redacts every message it makes, whatever made it', () => {
    const error = userError(
      `Echoed: ${AUTH.apiKey} and ${BASIC.replace(/=+$/, '')}.`,
      'internal_error',
      {
        authData: AUTH,
      },
    );
    expect(userMessageOf(error)).toBe('Echoed: [redacted] and Basic [redacted].');
    expect(JSON.parse(error.message)).toEqual({
      message: 'Echoed: [redacted] and Basic [redacted].',
      code: 'internal_error',
    });
  });

  it("reads any other error's message as it is", () => {
    const foreign = new errors.Error('Something else went wrong.', 'other_code');
    expect(userMessageOf(foreign)).toBe(foreign.message);
    expect(userMessageOf(new Error('plain'))).toBe('plain');
    expect(userMessageOf('a string')).toBe('a string');
    expect(errorCodeOf(foreign)).toBeUndefined();
  });

  it('cuts snippets to one printable line of 80 characters', () => {
    expect(snippetOf(`<p>${'x'.repeat(100)}</p>\u0000`)).toBe(`"${'x'.repeat(80)}…"`);
  });

  it('redacts every secret of the connection and leaves short values alone', () => {
    expect(redactSecrets(`a ${AUTH.webhookSecret} b`, AUTH)).toBe('a [redacted] b');
    expect(redactSecrets('abc 42', { apiKey: '42' })).toBe('abc 42');
  });

  it('redacts numeric keys (a legacy or mapped connection) and the Basic credentials built from them', () => {
    const keys = { agentKey: 12345678, apiKey: 87654321, webhookSecret: 55556666 };
    const token = Buffer.from('12345678:87654321').toString('base64');
    expect(redactSecrets(`a 12345678 b 87654321 c 55556666 d ${token}`, keys)).toBe(
      'a [redacted] b [redacted] c [redacted] d [redacted]=',
    );
  });

  it.each([
    ['booleans', { agentKey: true, apiKey: false, webhookSecret: true }],
    ['objects and lists', { agentKey: { k: 1 }, apiKey: ['truefalse'], webhookSecret: null }],
    ['numbers that are not finite', { agentKey: Infinity, apiKey: -Infinity, webhookSecret: NaN }],
  ])('reads %s as no secret at all', (_kind, keys) => {
    const text = 'true false Infinity -Infinity NaN [object Object] truefalse';
    expect(redactSecrets(text, keys)).toBe(text);
  });

  it('redacts the Basic credentials built from the keys, with or without padding', () => {
    const token = Buffer.from('agent-7f3a:apikey-b81d').toString('base64');
    expect(token.endsWith('=')).toBe(true);
    const keys = { agentKey: ' agent-7f3a ', apiKey: 'apikey-b81d' };
    expect(redactSecrets(`Basic ${token}`, keys)).toBe('Basic [redacted]==');
    expect(redactSecrets(`x${token.replace(/=+$/, '')}y`, keys)).toBe('x[redacted]y');
    expect(redactSecrets(`Basic ${token}`, { agentKey: 'agent-7f3a' })).toBe(`Basic ${token}`);
  });
});
