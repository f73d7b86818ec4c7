import nock from 'nock';

import { createProAbonoClient, jsonBody } from '../../src/api/client.js';
import {
  BACKOFFICE,
  BASIC,
  LIVE,
  backofficeApi,
  liveApi,
  rejectionOf,
  rewindEventsApi,
  run,
  updateToLyon,
  updateToLyonApi,
  withClient,
} from '../support/app.js';
import { withEnv } from '../../sandbox/zapier/zapierHarness.js';
import { PARIS_ADDRESS } from '../support/proabono.js';
import { notification } from '../support/billingAddressUpdated.js';
import {
  forbidden,
  redirected,
  serverError,
  unexpected,
  unknownCustomer,
} from '../support/errors.js';

const customer = (ref: string) => ({
  Id: 1,
  IdSegment: 69,
  ReferenceCustomer: ref,
  ReferenceSegment: 'demo-eur',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
});
const address = PARIS_ADDRESS;
/** An address with every field empty, as a customer without one reads. */
const NO_ADDRESS_ANSWER = Object.fromEntries(Object.keys(address).map((key) => [key, null]));
const page = (items: unknown[], totalItems: number, pageNumber = 1, sizePage = items.length) => ({
  Page: pageNumber,
  SizePage: sizePage,
  Count: items.length,
  TotalItems: totalItems,
  DateGenerated: '2026-11-20T10:00:00Z',
  Items: items,
});

describe('client requests', () => {
  it('sends Basic auth, JSON Accept and the user agent on both APIs, Content-Type only with a body', async () => {
    const seen: Record<string, unknown>[] = [];
    nock(LIVE)
      .post('/v1/Customer')
      .reply(function () {
        seen.push(this.req.headers);
        return [201, customer('c1')];
      });
    nock(BACKOFFICE)
      .delete('/Notification/Webhooks/5')
      .reply(function () {
        seen.push(this.req.headers);
        return [200];
      });
    await withClient(async (client) => {
      await client.upsertCustomer({ ReferenceCustomer: 'c1' });
      await client.deleteWebhook(5);
    });
    expect(seen[0]).toMatchObject({
      authorization: BASIC,
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': 'ProAbono-for-Zapier/1.0.0',
    });
    expect(seen[1]).toMatchObject({ authorization: BASIC, accept: 'application/json' });
    expect(seen[1]).not.toHaveProperty('content-type');
  });

  it('trims keys pasted with surrounding whitespace before building the Basic header', async () => {
    const scope = liveApi().get('/v1/Customers').query({ SizePage: '1' }).reply(204);
    await run((z, bundle) => createProAbonoClient(z, bundle).testConnection(), {
      authData: {
        businessId: '42',
        agentKey: ' agent-FAKE-7f3a9c\n',
        apiKey: '\tapikey-FAKE-b81d44e2 ',
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('URL-encodes a reference like "a&b=c/é ?" in the query', async () => {
    const scope = liveApi()
      .get('/v1/CustomerAddressBilling?ReferenceCustomer=a%26b%3Dc%2F%C3%A9%20%3F')
      .reply(200, address);
    expect(await withClient((client) => client.getBillingAddress('a&b=c/é ?'))).toEqual(address);
    expect(scope.isDone()).toBe(true);
  });

  it('URL-encodes webhook ids in paths', async () => {
    const scope = backofficeApi().delete('/Notification/Webhooks/a%2Fb%3F').reply(204);
    expect(await withClient((client) => client.deleteWebhook('a/b?'))).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('getCustomer: the customer, or null on 404', async () => {
    liveApi()
      .get('/v1/Customer')
      .query({ ReferenceCustomer: 'cust-42' })
      .reply(200, customer('cust-42'));
    liveApi()
      .get('/v1/Customer')
      .query({ ReferenceCustomer: 'nobody' })
      .reply(404, { Code: 'NotFound', Message: 'x' });
    expect(await withClient((client) => client.getCustomer('cust-42'))).toEqual(
      customer('cust-42'),
    );
    expect(await withClient((client) => client.getCustomer('nobody'))).toBeNull();
  });

  it('keeps fields it does not know (loose schemas)', async () => {
    const extended = { ...customer('c1'), Metadata: { Gender: 'Male' }, Currency: 'EUR' };
    liveApi().get('/v1/Customer').query(true).reply(200, extended);
    expect(await withClient((client) => client.getCustomer('c1'))).toEqual(extended);
  });

  it('listBackofficeCustomers: one page of every segment from the Backoffice; a 204 is an empty list', async () => {
    const listed = { Id: 9, IdBusiness: 42, IdSegment: 70, ReferenceCustomer: 'a' };
    const pageTwo = backofficeApi()
      .get('/Distribution/Customers')
      .query({ IdBusiness: '42', Page: '2', SizePage: '5', Links: 'false' })
      .reply(200, page([listed], 6, 2, 5));
    const none = backofficeApi()
      .get('/Distribution/Customers')
      .query({ IdBusiness: '42', Page: '1', SizePage: '10', Links: 'false' })
      .reply(204);
    expect(
      await withClient((client) => client.listBackofficeCustomers({ page: 2, sizePage: 5 })),
    ).toEqual({ items: [listed], totalItems: 6 });
    expect(await withClient((client) => client.listBackofficeCustomers())).toEqual({
      items: [],
      totalItems: 0,
    });
    expect(pageTwo.isDone() && none.isDone()).toBe(true);
  });

  it('upsertCustomer: the exact body, and created from 201 vs 200', async () => {
    const body = { ReferenceCustomer: 'c1', Name: 'Jane Roe', Email: 'jane@roe.io' };
    liveApi().post('/v1/Customer', body).reply(201, customer('c1'));
    liveApi().post('/v1/Customer', body).reply(200, customer('c1'));
    expect(await withClient((client) => client.upsertCustomer(body))).toEqual({
      customer: customer('c1'),
      created: true,
    });
    expect(await withClient((client) => client.upsertCustomer(body))).toEqual({
      customer: customer('c1'),
      created: false,
    });
  });

  it('updateBillingAddress: POST with only the given fields, the full address back', async () => {
    const scope = liveApi()
      .post(
        '/v1/CustomerAddressBilling',
        (body) => JSON.stringify(body) === '{"City":"Lyon","Phone":""}',
      )
      .query({ ReferenceCustomer: 'cust-42' })
      .reply(200, { ...address, City: 'Lyon', Phone: null });
    const result = await withClient((client) =>
      client.updateBillingAddress('cust-42', { City: 'Lyon', Phone: '' }),
    );
    expect(result).toEqual({ ...address, City: 'Lyon', Phone: null });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['other data', { Code: 'Error.Api.Maintenance', Message: 'Back in a minute.' }],
    ['only a count', { Count: 0, Links: [] }],
  ])(
    'getBillingAddress: an answer with %s and none of the eleven fields is an error, not an empty address',
    async (_label, body) => {
      liveApi()
        .get('/v1/CustomerAddressBilling')
        .query({ ReferenceCustomer: 'cust-42' })
        .reply(200, body);
      const error = await rejectionOf(withClient((client) => client.getBillingAddress('cust-42')));
      expect(error).toEqual(
        unexpected(
          'GET /v1/CustomerAddressBilling',
          'reading the billing address of customer "cust-42"',
          'body: the answer has none of the billing-address fields',
        ),
      );
    },
  );

  it.each([
    ['a 204 with no body', 204, undefined],
    ['null', 200, 'null'],
    ['{}', 200, {}],
    ['its links only', 200, { Links: [{ rel: 'self', href: '/v1/CustomerAddressBilling' }] }],
  ])(
    'getBillingAddress: a customer without an address (%s) reads as an empty address',
    async (_answer, status, body) => {
      const scope = liveApi()
        .get('/v1/CustomerAddressBilling')
        .query({ ReferenceCustomer: 'cust-42' })
        .reply(status, body, { 'Content-Type': 'application/json' });
      expect(await withClient((client) => client.getBillingAddress('cust-42'))).toEqual(
        NO_ADDRESS_ANSWER,
      );
      expect(scope.isDone()).toBe(true);
    },
  );

  it.each([
    ['a 204 with no body', 204, undefined, 'the answer was empty'],
    ['{}', 200, {}, 'body: the answer has none of the billing-address fields'],
    [
      'its links only',
      200,
      { Links: [] },
      'body: the answer has none of the billing-address fields',
    ],
  ])(
    'updateBillingAddress: an answer without an address (%s) is still an error',
    async (_answer, status, body, detail) => {
      updateToLyonApi().reply(status, body);
      expect(await rejectionOf(updateToLyon())).toEqual(
        unexpected(
          'POST /v1/CustomerAddressBilling',
          'updating the billing address of customer "cust-42"',
          detail,
          status,
        ),
      );
    },
  );

  it.each([
    ['every field empty', NO_ADDRESS_ANSWER],
    ['some fields left out', { City: 'Lyon', Links: [] }],
  ])('getBillingAddress: accepts an address with %s', async (_label, body) => {
    liveApi()
      .get('/v1/CustomerAddressBilling')
      .query({ ReferenceCustomer: 'cust-42' })
      .reply(200, body);
    await expect(withClient((client) => client.getBillingAddress('cust-42'))).resolves.toEqual(
      body,
    );
  });

  it('keeps text such as {{curly braces}} that a user typed, verbatim', async () => {
    const scope = liveApi()
      .post('/v1/CustomerAddressBilling', { AddressLine2: 'Bldg {{A}}' })
      .query(true)
      .reply(200, address);
    await withClient((client) => client.updateBillingAddress('c', { AddressLine2: 'Bldg {{A}}' }));
    expect(scope.isDone()).toBe(true);
  });

  it('searchBackofficeCustomers: by email on the Backoffice, with IdBusiness', async () => {
    const items = [
      { Id: 9, ReferenceCustomer: 'c9', Email: 'a@b.co', DateUpdate: '2026-11-01T00:00:00Z' },
    ];
    backofficeApi()
      .get('/Distribution/Customers')
      .query({ IdBusiness: '42', Email: 'a@b.co', SizePage: '100', Links: 'false' })
      .reply(200, page(items, 1));
    backofficeApi()
      .get('/Distribution/Customers')
      .query({ IdBusiness: '42', Email: 'zz@b.co', SizePage: '100', Links: 'false' })
      .reply(204);
    expect(
      await withClient((client) => client.searchBackofficeCustomers({ Email: 'a@b.co' })),
    ).toEqual(items);
    expect(
      await withClient((client) => client.searchBackofficeCustomers({ Email: 'zz@b.co' })),
    ).toEqual([]);
  });

  it('webhook calls: create, find by URL, verify, confirm, delete', async () => {
    const hook = {
      Id: 12,
      Url: 'https://hooks.zapier.com/h/1',
      Triggers: ['CustomerBillingAddressUpdated'],
    };
    const otherZap = { ...hook, Id: 14, Url: 'https://hooks.zapier.com/h/2' };
    backofficeApi()
      .post('/Notification/Webhooks', {
        Url: 'https://hooks.zapier.com/h/1',
        IdBusiness: 42,
        Triggers: ['CustomerBillingAddressUpdated'],
      })
      .reply(200, hook);
    backofficeApi()
      .get('/Notification/Webhooks')
      .query({ IdBusiness: '42', SizePage: '1000', Links: 'false' })
      .reply(200, page([otherZap, hook], 2));
    backofficeApi()
      .get('/Notification/Webhooks/12/Verification')
      .query({ sendCode: 'true' })
      .reply(200);
    backofficeApi()
      .post('/Notification/Webhooks/12/Verification', (body) => body === '' || body === undefined)
      .query({ code: 'a b&c', echo: 'true' })
      .reply(200, hook);
    backofficeApi().delete('/Notification/Webhooks/12').reply(200);
    backofficeApi().delete('/Notification/Webhooks/13').reply(404);

    await withClient(async (client) => {
      expect(
        await client.createWebhook('https://hooks.zapier.com/h/1', [
          'CustomerBillingAddressUpdated',
        ]),
      ).toEqual(hook);
      expect(await client.findWebhooksByUrl('https://hooks.zapier.com/h/1')).toEqual([hook]);
      await client.requestWebhookVerificationCode(12);
      await client.confirmWebhookVerificationCode(12, 'a b&c');
      expect(await client.deleteWebhook(12)).toBe(true);
      expect(await client.deleteWebhook(13)).toBe(false);
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('rewindEvents: past notifications of one type, paged; 204 is none', async () => {
    const event = notification({ Id: 'trg_7', TypeTrigger: 'InvoiceDebitPaid' });
    rewindEventsApi(3, [event], 9, { type: 'InvoiceDebitPaid', page: 3 });
    backofficeApi().get('/Notification/WebhookNotifications/RewindEvents').query(true).reply(204);
    const about = '"Invoice Paid"';
    await withClient(async (client) => {
      expect(
        await client.rewindEvents({ typeTrigger: 'InvoiceDebitPaid', about, page: 3, sizePage: 3 }),
      ).toEqual({ items: [event], totalItems: 9 });
      expect(
        await client.rewindEvents({ typeTrigger: 'InvoiceDebitPaid', about, sizePage: 100 }),
      ).toEqual({ items: [], totalItems: 0 });
    });
  });
});

describe('base URLs', () => {
  it('honours PROABONO_LIVE_URL and PROABONO_BACKOFFICE_URL, read at request time', async () => {
    await withEnv(
      {
        PROABONO_LIVE_URL: 'http://127.0.0.1:9/',
        PROABONO_BACKOFFICE_URL: 'http://127.0.0.1:9/backoffice',
      },
      async () => {
        const live = nock('http://127.0.0.1:9')
          .get('/v1/Customers')
          .query({ SizePage: '1' })
          .reply(204);
        const backoffice = nock('http://127.0.0.1:9')
          .delete('/backoffice/Notification/Webhooks/1')
          .reply(404);
        await withClient(async (client) => {
          await client.testConnection();
          await client.deleteWebhook(1);
        });
        expect(live.isDone() && backoffice.isDone()).toBe(true);
      },
    );
  });

  it.each(['127.0.0.1:9', 'ftp://127.0.0.1', 'not a url'])(
    'refuses PROABONO_LIVE_URL=%j with a clear error before any request',
    async (value) => {
      await withEnv({ PROABONO_LIVE_URL: value }, async () => {
        expect(await rejectionOf(withClient((client) => client.testConnection()))).toEqual({
          name: 'AppError',
          code: 'invalid_configuration',
          message:
            'The environment variable PROABONO_LIVE_URL must be an absolute http(s) URL such as ' +
            'http://127.0.0.1:8080; unset it to use ProAbono itself.',
        });
      });
    },
  );

  it('refuses a malformed PROABONO_BACKOFFICE_URL', async () => {
    await withEnv({ PROABONO_BACKOFFICE_URL: 'via.proabono.com' }, async () => {
      expect(
        await rejectionOf(
          withClient((client) => client.findWebhooksByUrl('https://hooks.zapier.com/h/1')),
        ),
      ).toMatchObject({
        code: 'invalid_configuration',
        message: expect.stringMatching(/^The environment variable PROABONO_BACKOFFICE_URL must be/),
      });
    });
  });
});

/** The raw path and body of each request nock received, as ProAbono would read them. */
const capture = () => {
  const seen: { path: string; body: string }[] = [];
  const reply =
    (status: number, answer?: object) =>
    (path: string, body: unknown): [number, object | undefined] => {
      seen.push({ path, body: typeof body === 'string' ? body : JSON.stringify(body ?? '') });
      return [status, answer];
    };
  return { seen, reply };
};

describe('values reach ProAbono byte for byte', () => {
  it.each([
    ['cust-fr-001{{x}}', 'cust-fr-001%7B%7Bx%7D%7D'],
    ['{{x}}', '%7B%7Bx%7D%7D'],
    ['acme{{1}}', 'acme%7B%7B1%7D%7D'],
    ['{{bundle.authData.apiKey}}', '%7B%7Bbundle.authData.apiKey%7D%7D'],
    ['a&b=c#d+e f%20g', 'a%26b%3Dc%23d%2Be%20f%2520g'],
    ['Zoë 東京 🚀', 'Zo%C3%AB%20%E6%9D%B1%E4%BA%AC%20%F0%9F%9A%80'],
  ])('reads the address of %j with exactly that reference in the query', async (reference, raw) => {
    const { seen, reply } = capture();
    nock(LIVE)
      .get(() => true)
      .reply(reply(200, address));
    await withClient((client) => client.getBillingAddress(reference));
    expect(seen.map(({ path }) => path)).toEqual([
      `/v1/CustomerAddressBilling?ReferenceCustomer=${raw}`,
    ]);
    expect(new URLSearchParams(seen[0]?.path.split('?')[1]).get('ReferenceCustomer')).toBe(
      reference,
    );
  });

  it('searches the email a{{b}}c@x.com as typed, not ac@x.com', async () => {
    const { seen, reply } = capture();
    nock(BACKOFFICE)
      .get(() => true)
      .reply(reply(204));
    await withClient((client) => client.searchBackofficeCustomers({ Email: 'a{{b}}c@x.com' }));
    expect(seen.map(({ path }) => path)).toEqual([
      '/Distribution/Customers?IdBusiness=42&Email=a%7B%7Bb%7D%7Dc%40x.com&SizePage=100&Links=false',
    ]);
  });

  it('sends {{bundle.…}} and {{process.…}} typed in an address as text, which core would otherwise refuse', async () => {
    const changes = {
      AddressLine1: '{{bundle.authData.apiKey}}',
      AddressLine2: 'Bldg {{A}} {{process.env.HOME}}',
      City: '{ "json": "like" }',
    };
    const { seen, reply } = capture();
    const rawBodies: string[] = [];
    const scope = nock(LIVE)
      .post(() => true)
      .reply(reply(200, address));
    scope.on('request', (_request: unknown, _interceptor: unknown, body: string) => {
      rawBodies.push(body);
    });
    await withClient((client) => client.updateBillingAddress('c', changes));
    expect(seen.map(({ path }) => path)).toEqual([
      '/v1/CustomerAddressBilling?ReferenceCustomer=c',
    ]);
    expect(rawBodies).toHaveLength(1);
    const raw = rawBodies[0] ?? '';
    expect(raw).not.toMatch(/[{}]{2}/);
    expect(JSON.parse(raw)).toEqual(changes);
  });

  it('writes braces inside JSON strings as \\u escapes, and leaves the JSON structure alone', () => {
    const json = jsonBody({ A: '{{x}}', B: 'say "{hi}" \\ {{y', C: '' });
    expect(json).toBe(
      '{"A":"\\u007b\\u007bx\\u007d\\u007d","B":"say \\"\\u007bhi\\u007d\\" \\\\ \\u007b\\u007by","C":""}',
    );
    expect(JSON.parse(json)).toEqual({ A: '{{x}}', B: 'say "{hi}" \\ {{y', C: '' });
  });

  it('refuses a value holding half of a surrogate pair, before any request', async () => {
    const scope = nock(LIVE).get(/.*/).reply(200, address).post(/.*/).reply(200, address);
    const broken = 'Caf\uD83D';
    const read = await rejectionOf(withClient((client) => client.getBillingAddress(broken)));
    const write = await rejectionOf(
      withClient((client) => client.updateBillingAddress('c', { City: broken })),
    );
    for (const error of [read, write]) {
      expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    }
    expect(read.message).toBe(
      `A value for reading the billing address of customer "${broken}" contains a broken ` +
        'character (half of an emoji or of another character outside the basic range, usually ' +
        'left by text cut at a fixed length). It cannot be sent as typed: fix the value in the ' +
        'step that produced it, then replay this step.',
    );
    expect(scope.isDone()).toBe(false);
    expect(scope.pendingMocks()).toHaveLength(2);
  });
});

describe('answers taken for what they are', () => {
  it.each([
    [301, 'http://127.0.0.1/steal', '127.0.0.1'],
    [302, 'https://portal.example.com/login?token=abc', 'portal.example.com'],
    [307, '/v1/elsewhere', 'api-42.proabono.com'],
  ])('reports a %i redirect without following it', async (status, location, host) => {
    const followed = nock('http://127.0.0.1').get(/.*/).reply(200, address);
    liveApi()
      .get('/v1/CustomerAddressBilling')
      .query({ ReferenceCustomer: 'c' })
      .reply(status, '', { location });
    const error = await rejectionOf(withClient((client) => client.getBillingAddress('c')));
    expect(error).toEqual(redirected('reading the billing address of customer "c"', status, host));
    expect(error.message).not.toContain('token=abc');
    expect(followed.isDone()).toBe(false);
    nock.cleanAll();
  });

  it.each([
    ['with no body', undefined],
    ['with an empty object', {}],
    ['with the customer code', { Code: 'Error.Api.Customer.Unaccessible', Message: 'No.' }],
  ])('calls a 403 %s on the address endpoint an unknown customer', async (_label, body) => {
    liveApi()
      .get('/v1/CustomerAddressBilling')
      .query({ ReferenceCustomer: 'ghost' })
      .reply(403, body);
    const error = await rejectionOf(withClient((client) => client.getBillingAddress('ghost')));
    expect(error).toEqual(unknownCustomer('ghost'));
  });

  it("passes on ProAbono's own reason for any other 403, even on the address endpoints", async () => {
    updateToLyonApi().reply(403, {
      Code: 'Error.Api.Forbidden',
      Message: 'Your plan does not include the API.',
    });
    expect(await rejectionOf(updateToLyon())).toEqual(
      forbidden(
        'updating the billing address of customer "cust-42"',
        'Your plan does not include the API. (Error.Api.Forbidden)',
      ),
    );
  });
});

describe('values quoted in messages', () => {
  it('cuts a long email in the action a server error names', async () => {
    const email = `${'e'.repeat(5000)}@example.com`;
    nock(BACKOFFICE).get('/Distribution/Customers').query(true).reply(500);
    const error = await rejectionOf(
      withClient((client) => client.searchBackofficeCustomers({ Email: email })),
    );
    expect(error).toEqual(
      serverError(
        `searching customers by email "${'e'.repeat(60)}…" (5,012 characters)`,
        500,
        ' (the answer was empty)',
      ),
    );
  });
});
