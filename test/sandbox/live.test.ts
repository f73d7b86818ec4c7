import { EMPTY_ADDRESS, seededCustomerBlock } from '../support/records.js';
import { seededAddress, seededReferences } from '../support/seed.js';
import { call, itemReferences } from './support.js';
import { atNow, NOW, useSandbox } from '../support/sandbox.js';

/** The API Live emulation, over real HTTP, against the shapes of ProAbono's OpenAPI contract. */

const env = useSandbox({ profile: 'generous', now: atNow });

/** The keys of a list item in the contract's `GET /v1/Customers` example. */
const CONTRACT_ITEM_KEYS = [
  'Currency',
  'Email',
  'Id',
  'IdSegment',
  'Language',
  'Name',
  'ReferenceCustomer',
  'ReferenceSegment',
  'Status',
];

const CAMILLE_ADDRESS = seededAddress('cust-fr-001');

/** `POST /v1/Customer`, ProAbono's create-or-update, with a JSON body. */
const upsert = (body: Record<string, unknown>) =>
  call(env.sandbox, 'POST', '/v1/Customer', { body });

describe('GET /v1/Customers', () => {
  it('answers the contract envelope with the first page of 10 by default', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customers');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = result.json as Record<string, unknown> & { Items: Record<string, unknown>[] };
    expect(Object.keys(body)).toEqual([
      'Page',
      'SizePage',
      'Count',
      'TotalItems',
      'DateGenerated',
      'Items',
    ]);
    expect(body).toMatchObject({
      Page: 1,
      SizePage: 10,
      Count: 6,
      TotalItems: 6,
      DateGenerated: NOW,
    });
    expect(body.Items[0]).toEqual({
      Id: 233700,
      IdSegment: 69,
      ReferenceCustomer: 'cust-fr-001',
      ReferenceSegment: 'sandbox-eur',
      Currency: 'EUR',
      Name: 'Camille Laurent',
      Email: 'camille.laurent@atelier-laurent.fr',
      Language: 'fr',
      Status: 'Enabled',
    });
    for (const item of body.Items) expect(Object.keys(item).sort()).toEqual(CONTRACT_ITEM_KEYS);
    expect(itemReferences(body)).toEqual(seededReferences());
  });

  it('pages with Page (1-based) and SizePage', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customers', {
      query: { Page: 2, SizePage: 4 },
    });
    expect(result.json).toMatchObject({ Page: 2, SizePage: 4, Count: 2, TotalItems: 6 });
    expect(itemReferences(result.json)).toEqual(['cust-us-005', 'cust-fr-006']);
  });

  it('answers the count only for SizePage=0, and no items past the last page', async () => {
    const countOnly = await call(env.sandbox, 'GET', '/v1/Customers', { query: { SizePage: 0 } });
    expect(countOnly.json).toEqual({
      Page: 1,
      SizePage: 0,
      Count: 0,
      TotalItems: 6,
      DateGenerated: NOW,
      Items: [],
    });
    const past = await call(env.sandbox, 'GET', '/v1/Customers', { query: { Page: 9 } });
    expect(past.status).toBe(200);
    expect(past.json).toMatchObject({ Page: 9, Count: 0, TotalItems: 6, Items: [] });
  });

  it('reads parameter names and the path without regard to case, as ASP.NET does', async () => {
    const result = await call(env.sandbox, 'GET', '/V1/customers', {
      query: { sizepage: 1, PAGE: 2 },
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ Page: 2, SizePage: 1, Count: 1 });
    expect(itemReferences(result.json)).toEqual(['cust-de-002']);
  });

  it('filters on ReferenceSegment', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customers', {
      query: { ReferenceSegment: 'sandbox-usd' },
    });
    expect(itemReferences(result.json)).toEqual(['cust-us-005']);
  });

  it('answers 204 with no body when the business has no customers', async () => {
    env.sandbox.reset({ seed: false });
    const result = await call(env.sandbox, 'GET', '/v1/Customers', { query: { SizePage: 1 } });
    expect(result.status).toBe(204);
    expect(result.text).toBe('');
    expect(result.headers.get('content-type')).toBeNull();
  });

  it.each([
    [{ SizePage: 1001 }, 'SizePage'],
    [{ SizePage: -1 }, 'SizePage'],
    [{ SizePage: 'ten' }, 'SizePage'],
    [{ Page: 0 }, 'Page'],
  ])('refuses paging %j with a 400 naming %s', async (query, target) => {
    const result = await call(env.sandbox, 'GET', '/v1/Customers', { query });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({
      Code: 'Error.Api.Request.InvalidParameter',
      Target: target,
    });
  });
});

describe('authentication', () => {
  const unauthorized = {
    Code: 'Error.Api.Unauthorized',
    Message: 'The Agent Key and API Key are missing or do not match.',
  };

  it.each([
    ['no Authorization header', false as const],
    ['a wrong API Key', { agentKey: 'sandbox-agent-7Qm2', apiKey: 'wrong' }],
    ['a wrong Agent Key', { agentKey: 'someone-else', apiKey: 'sandbox-apikey-Xr93Lk' }],
    [
      'a key with a trailing newline',
      { agentKey: 'sandbox-agent-7Qm2', apiKey: 'sandbox-apikey-Xr93Lk\n' },
    ],
  ])('answers 401 with a JSON error to %s', async (_, auth) => {
    const result = await call(env.sandbox, 'GET', '/v1/Customers', { auth });
    expect(result.status).toBe(401);
    expect(result.json).toEqual(unauthorized);
    expect(result.headers.get('www-authenticate')).toBe('Basic realm="ProAbono"');
  });

  it('answers 401 on every Live endpoint, before looking at the request', async () => {
    const result = await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
      auth: false,
      query: { ReferenceCustomer: 'cust-fr-001' },
      body: { City: 'Lyon' },
    });
    expect(result.status).toBe(401);
    expect(env.sandbox.customers.address('cust-fr-001')?.City).toBe('Paris');
  });
});

describe('GET /v1/Customer', () => {
  it('answers the customer with its metadata and portal links', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customer', {
      query: { ReferenceCustomer: 'cust-us-005' },
    });
    expect(result.status).toBe(200);
    const token = Buffer.from('233704:cust-us-005').toString('base64url');
    expect(result.json).toEqual({
      Id: 233704,
      IdSegment: 70,
      ReferenceCustomer: 'cust-us-005',
      ReferenceSegment: 'sandbox-usd',
      Currency: 'USD',
      Name: 'Emily Carter',
      Email: 'billing@northwind-analytics.com',
      Language: 'en-US',
      Status: 'Enabled',
      ReferenceAffiliation: null,
      DateAffiliation: null,
      Metadata: {},
      Links: [
        { rel: 'insite-home', href: `${env.sandbox.url}/portal-auth/${token}` },
        { rel: 'insite-collection-offers', query: token },
      ],
    });
  });

  it('answers 404 with an error object for an unknown reference', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customer', {
      query: { ReferenceCustomer: 'cust-nobody' },
    });
    expect(result.status).toBe(404);
    expect(result.json).toEqual({
      Code: 'Error.Api.Customer.NotFound',
      Message: 'No customer has this reference.',
      Target: 'ReferenceCustomer',
    });
  });

  it('answers 400 when ReferenceCustomer is missing', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customer');
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ Target: 'ReferenceCustomer' });
  });
});

describe('POST /v1/Customer (upsert)', () => {
  it('creates with 201, records CustomerAdded, then updates with 200 writing only what is sent', async () => {
    const created = await upsert({
      ReferenceCustomer: 'cust-it-007',
      Name: 'Giulia Romano',
      Email: 'giulia@studioromano.it',
      Language: 'it',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      Id: 233706,
      IdSegment: 69,
      ReferenceCustomer: 'cust-it-007',
      ReferenceSegment: 'sandbox-eur',
      Currency: 'EUR',
      Name: 'Giulia Romano',
      Email: 'giulia@studioromano.it',
      Language: 'it',
      Status: 'Enabled',
    });
    expect(env.sandbox.events().map((event) => event.TypeTrigger)).toEqual(['CustomerAdded']);

    const updated = await upsert({
      ReferenceCustomer: 'cust-it-007',
      Name: 'Giulia Romano Bianchi',
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      Id: 233706,
      Name: 'Giulia Romano Bianchi',
      Email: 'giulia@studioromano.it',
    });
    expect(env.sandbox.events()).toHaveLength(1);
  });

  it('places a new customer in the segment it names', async () => {
    const created = await upsert({
      ReferenceCustomer: 'cust-us-008',
      ReferenceSegment: 'sandbox-usd',
    });
    expect(created.json).toMatchObject({ IdSegment: 70, Currency: 'USD' });
  });

  it.each([
    [{}, 'Error.Api.Customer.ReferenceCustomer.Required'],
    [{ ReferenceCustomer: '' }, 'Error.Api.Customer.ReferenceCustomer.Required'],
    [{ ReferenceCustomer: 'x'.repeat(51) }, 'Error.Api.Customer.ReferenceCustomer.Invalid'],
    [{ ReferenceCustomer: 'a&b' }, 'Error.Api.Customer.ReferenceCustomer.Invalid'],
    [{ ReferenceCustomer: 'a<b' }, 'Error.Api.Customer.ReferenceCustomer.Invalid'],
    [{ ReferenceCustomer: 'a=b' }, 'Error.Api.Customer.ReferenceCustomer.Invalid'],
    [{ ReferenceCustomer: 42 }, 'Error.Api.Customer.ReferenceCustomer.Invalid'],
  ])('refuses %j with a 422 array naming ReferenceCustomer', async (body, code) => {
    const result = await upsert(body);
    expect(result.status).toBe(422);
    expect(result.json).toEqual([
      expect.objectContaining({ Code: code, Target: 'ReferenceCustomer' }),
    ]);
    expect(env.sandbox.customers.list()).toHaveLength(6);
  });

  it('accepts a 50-character reference', async () => {
    const result = await upsert({ ReferenceCustomer: 'r'.repeat(50) });
    expect(result.status).toBe(201);
  });

  it('collects every field problem in one 422 array', async () => {
    const result = await upsert({
      ReferenceCustomer: 'cust-x',
      Name: 12,
      Email: 'not-an-email',
      ReferenceSegment: 'nope',
      Metadata: { a: 1 },
    });
    expect(result.status).toBe(422);
    expect((result.json as { Target: string }[]).map((problem) => problem.Target)).toEqual([
      'Name',
      'Email',
      'ReferenceSegment',
      'Metadata',
    ]);
  });

  describe('a reference is unique within a segment, and the upsert acts on one segment', () => {
    const twins = () =>
      env.sandbox.customers
        .list()
        .filter((customer) => customer.ReferenceCustomer === 'cust-us-005')
        .map(({ Id, ReferenceSegment, Name }) => ({ Id, ReferenceSegment, Name }));

    it('without ReferenceSegment, a customer of another segment gets a twin in the default one (201)', async () => {
      const result = await upsert({ ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter-Jones' });
      expect(result.status).toBe(201);
      expect(result.json).toMatchObject({ Id: 233706, ReferenceSegment: 'sandbox-eur' });
      expect(twins()).toEqual([
        { Id: 233704, ReferenceSegment: 'sandbox-usd', Name: 'Emily Carter' },
        { Id: 233706, ReferenceSegment: 'sandbox-eur', Name: 'Emily Carter-Jones' },
      ]);
      expect(env.sandbox.events().map((event) => event.TypeTrigger)).toEqual(['CustomerAdded']);
    });

    it("with the customer's own ReferenceSegment, it updates that customer (200)", async () => {
      const result = await upsert({
        ReferenceCustomer: 'cust-us-005',
        ReferenceSegment: 'sandbox-usd',
        Name: 'Emily Carter-Jones',
      });
      expect(result.status).toBe(200);
      expect(twins()).toEqual([
        { Id: 233704, ReferenceSegment: 'sandbox-usd', Name: 'Emily Carter-Jones' },
      ]);
    });

    it('with another segment, it creates a customer there rather than moving this one', async () => {
      const result = await upsert({
        ReferenceCustomer: 'cust-fr-001',
        ReferenceSegment: 'sandbox-usd',
      });
      expect(result.status).toBe(201);
      expect(env.sandbox.customers.get('cust-fr-001')).toMatchObject({
        ReferenceSegment: 'sandbox-eur',
        Name: 'Camille Laurent',
      });
    });

    it('the endpoints that take only a reference act on the oldest customer with it', async () => {
      await upsert({ ReferenceCustomer: 'cust-us-005', Name: 'Twin' });
      const read = await call(env.sandbox, 'GET', '/v1/Customer', {
        query: { ReferenceCustomer: 'cust-us-005' },
      });
      expect(read.json).toMatchObject({ Id: 233704, ReferenceSegment: 'sandbox-usd' });
      const address = await call(env.sandbox, 'POST', '/v1/CustomerAddressBilling', {
        query: { ReferenceCustomer: 'cust-us-005' },
        body: { City: 'Oakland' },
      });
      expect(address.json).toMatchObject({ City: 'Oakland', AddressLine1: '500 Howard Street' });
      expect(
        env.sandbox.customers
          .list()
          .filter((customer) => customer.ReferenceCustomer === 'cust-us-005')
          .map((customer) => [customer.Id, customer.address.City]),
      ).toEqual([
        [233704, 'Oakland'],
        [233706, null],
      ]);
    });
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    const result = await call(env.sandbox, 'POST', '/v1/Customer', {
      rawBody: 'ReferenceCustomer=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(result.status).toBe(400);
    expect(result.json).toEqual({
      Code: 'Error.Api.Request.InvalidBody',
      Message: 'The body must be a JSON object.',
    });
  });
});

describe.each(['/v1/CustomerAddressBilling', '/v1/CustomerBillingAddress'])(
  'billing address at %s',
  (path) => {
    it('reads the full address, null for empty fields', async () => {
      const result = await call(env.sandbox, 'GET', path, {
        query: { ReferenceCustomer: 'cust-fr-001' },
      });
      expect(result.status).toBe(200);
      expect(result.json).toEqual(CAMILLE_ADDRESS);
    });

    it('reads all eleven keys as null for a customer with no address', async () => {
      const result = await call(env.sandbox, 'GET', path, {
        query: { ReferenceCustomer: 'cust-fr-006' },
      });
      expect(result.json).toEqual(EMPTY_ADDRESS);
    });

    it.each(['GET', 'POST'])('answers %s for an unknown customer with 403', async (method) => {
      const result = await call(env.sandbox, method, path, {
        query: { ReferenceCustomer: 'cust-nobody' },
        ...(method === 'POST' ? { body: { City: 'Lyon' } } : {}),
      });
      expect(result.status).toBe(403);
      expect(result.json).toEqual({
        Code: 'Error.Api.Customer.Unaccessible',
        Message: 'No customer with this reference can be accessed with these keys.',
      });
      expect(env.sandbox.events()).toEqual([]);
    });

    it('updates only the keys sent: "" clears, null and absent keys leave a field as it is', async () => {
      const result = await call(env.sandbox, 'POST', path, {
        query: { ReferenceCustomer: 'cust-fr-001' },
        body: { City: 'Lyon', ZipCode: '69002', Phone: '', Company: null },
      });
      const expected = {
        ...CAMILLE_ADDRESS,
        City: 'Lyon',
        ZipCode: '69002',
        Phone: null,
      };
      expect(result.status).toBe(200);
      expect(result.json).toEqual(expected);
      expect(env.sandbox.customers.address('cust-fr-001')).toEqual(expected);
    });

    it('bumps DateUpdate and records a notification without the address', async () => {
      await call(env.sandbox, 'POST', path, {
        query: { ReferenceCustomer: 'cust-de-002' },
        body: { City: 'Hamburg' },
      });
      expect(env.sandbox.customers.get('cust-de-002')?.DateUpdate).toBe(NOW);
      const { ReferenceSegment, ...customer } = seededCustomerBlock('cust-de-002');
      expect(env.sandbox.events()).toEqual([
        {
          Id: 'trg_1',
          IdBusiness: 42,
          IdSegment: 69,
          ReferenceSegment,
          DateTrigger: NOW,
          TypeTrigger: 'CustomerBillingAddressUpdated',
          Customer: { Id: 233701, ...customer },
        },
      ]);
    });

    it('records a notification even for an update that changes nothing', async () => {
      const result = await call(env.sandbox, 'POST', path, {
        query: { ReferenceCustomer: 'cust-fr-001' },
        body: {},
      });
      expect(result.json).toEqual(CAMILLE_ADDRESS);
      expect(env.sandbox.events()).toHaveLength(1);
    });

    it.each(['France', 'fr', 'FRA', 'XX', 'F'])(
      'refuses Country %j with a 422 array targeting Country',
      async (Country) => {
        const result = await call(env.sandbox, 'POST', path, {
          query: { ReferenceCustomer: 'cust-fr-001' },
          body: { Country, City: 'Lyon' },
        });
        expect(result.status).toBe(422);
        expect(result.json).toEqual([
          {
            Code: 'Error.Api.Address.Country.Invalid',
            Message: 'Country must be an ISO 3166-1 alpha-2 code in upper case, such as FR or US.',
            Target: 'Country',
          },
        ]);
        expect(env.sandbox.customers.address('cust-fr-001')).toEqual(CAMILLE_ADDRESS);
        expect(env.sandbox.events()).toEqual([]);
      },
    );

    it('accepts every ISO 3166-1 alpha-2 code, and "" to clear the country', async () => {
      for (const Country of ['DE', 'GB', 'US', 'JP', 'BR', '']) {
        const result = await call(env.sandbox, 'POST', path, {
          query: { ReferenceCustomer: 'cust-es-003' },
          body: { Country },
        });
        expect(result.status).toBe(200);
        expect((result.json as { Country: string | null }).Country).toBe(Country || null);
      }
    });

    it('refuses non-text and over-long values, naming each field', async () => {
      const result = await call(env.sandbox, 'POST', path, {
        query: { ReferenceCustomer: 'cust-fr-001' },
        body: { ZipCode: 75008, City: ['Paris'], AddressLine1: 'x'.repeat(256), Phone: true },
      });
      expect(result.status).toBe(422);
      expect(result.json).toEqual([
        {
          Code: 'Error.Api.Field.TooLong',
          Message: 'AddressLine1 must be at most 255 characters long.',
          Target: 'AddressLine1',
        },
        ...['ZipCode', 'City', 'Phone'].map((field) => ({
          Code: 'Error.Api.Field.InvalidType',
          Message: `${field} must be a text value.`,
          Target: field,
        })),
      ]);
    });

    it('takes ReferenceCustomer from the body when the query has none, as older clients send it', async () => {
      const result = await call(env.sandbox, 'POST', path, {
        body: { ReferenceCustomer: 'cust-gb-004', City: 'Manchester' },
      });
      expect(result.status).toBe(200);
      expect(env.sandbox.customers.address('cust-gb-004')?.City).toBe('Manchester');
    });

    it('answers 400 when no ReferenceCustomer is given at all', async () => {
      const result = await call(env.sandbox, 'GET', path);
      expect(result.status).toBe(400);
      expect(result.json).toMatchObject({ Target: 'ReferenceCustomer' });
    });
  },
);

describe('unknown endpoints', () => {
  it('answers 404 for an unknown Live path and 405 for a known path with another verb', async () => {
    expect((await call(env.sandbox, 'GET', '/v1/Usages')).status).toBe(404);
    const wrongVerb = await call(env.sandbox, 'DELETE', '/v1/Customer');
    expect(wrongVerb.status).toBe(405);
    expect(wrongVerb.json).toMatchObject({ Code: 'Error.Api.MethodNotAllowed' });
  });
});
