import {
  DEFAULT_CREDENTIALS,
  PROFILE_ENV,
  profileFromEnv,
  PROFILES,
  readProfile,
  signature,
  startSandbox,
} from '../../sandbox/index.js';
import type { Notification } from '../../sandbox/index.js';
import { readBehaviour } from '../../sandbox/profile.js';
import { EMPTY_ADDRESS } from '../support/records.js';
import { atNow, NOW, useSandbox } from '../support/sandbox.js';
import { seededAddress, seededBackofficeCustomer, seededReferences } from '../support/seed.js';
import {
  activeWebhook,
  addMixedHistory,
  call,
  itemIds,
  itemReferences,
  startReceiver,
  useReceivers,
} from './support.js';

/*
 * The `documented` profile: every behaviour ProAbono does not document, played its least
 * convenient plausible way, over real HTTP. The `generous` answers are pinned by the other files
 * of this folder.
 */

const SECRET = DEFAULT_CREDENTIALS.webhookSecret;
const env = useSandbox({
  profile: 'documented',
  now: atNow,
  delivery: { attempts: 4, baseDelayMs: 1 },
});
const { subscribed } = useReceivers(env);

const CAMILLE_ADDRESS = seededAddress('cust-fr-001');

const address = (reference: string, path = '/v1/CustomerAddressBilling') =>
  call(env.sandbox, 'GET', path, { query: { ReferenceCustomer: reference } });

const updateAddress = (
  reference: string,
  body: Record<string, unknown>,
  path = '/v1/CustomerAddressBilling',
) => call(env.sandbox, 'POST', path, { query: { ReferenceCustomer: reference }, body });

/** `POST /v1/Customer`. */
const upsertCustomer = (body: Record<string, unknown>) =>
  call(env.sandbox, 'POST', '/v1/Customer', { body });

const backoffice = (method: string, path: string, query: Record<string, string | number> = {}) =>
  call(env.sandbox, method, `/backoffice${path}`, { query });

it('is the profile the sandbox reports, and reset() keeps it', () => {
  expect(env.sandbox.profile).toBe('documented');
  expect(env.sandbox.behaviour).toEqual(PROFILES.documented);
  env.sandbox.reset();
  expect(env.sandbox.profile).toBe('documented');
});

describe('routes ProAbono does not document are absent', () => {
  /** A Backoffice GET that no route answers: 404, and a body naming the path. */
  const expectNoEndpoint = async (path: string, query: Record<string, string | number>) => {
    const result = await backoffice('GET', path, query);
    expect(result.status).toBe(404);
    expect(result.json).toEqual({ Code: 404, Message: `No endpoint answers ${path}.` });
  };

  it('answers GET /Notification/Webhooks (the list) 404; GET and DELETE of one webhook still work', async () => {
    const created = await call(env.sandbox, 'POST', '/backoffice/Notification/Webhooks', {
      body: {
        Url: 'http://127.0.0.1:9/hook',
        IdBusiness: 42,
        Triggers: ['CustomerBillingAddressUpdated'],
      },
    });
    expect(created.status).toBe(201);
    await expectNoEndpoint('/Notification/Webhooks', {
      IdBusiness: 42,
      SizePage: 1000,
      Links: 'false',
    });

    const one = await backoffice('GET', '/Notification/Webhooks/5001', { IdBusiness: 42 });
    expect(one.status).toBe(200);
    expect(one.json).toEqual({
      Id: 5001,
      IdBusiness: 42,
      Url: 'http://127.0.0.1:9/hook',
      Triggers: ['CustomerBillingAddressUpdated'],
      IsActive: false,
      DateCreation: NOW,
    });
    expect((await backoffice('DELETE', '/Notification/Webhooks/5001')).status).toBe(204);
    expect((await backoffice('GET', '/Notification/Webhooks/5001')).status).toBe(404);
  });

  it('answers GET /Organization/Segments 404', async () => {
    await expectNoEndpoint('/Organization/Segments', {
      IdBusiness: 42,
      Page: 1,
      SizePage: 1,
      Links: 'false',
    });
  });
});

describe.each(['/v1/CustomerAddressBilling', '/v1/CustomerBillingAddress'])(
  'billing address at %s',
  (path) => {
    it('answers 204 with no body for a customer whose address was never written', async () => {
      const result = await address('cust-fr-006', path);
      expect(result.status).toBe(204);
      expect(result.text).toBe('');
      expect(result.headers.get('content-type')).toBeNull();
    });

    it('answers 204 for a customer created without an address, 200 for a seeded one', async () => {
      expect((await upsertCustomer({ ReferenceCustomer: 'cust-new-007' })).status).toBe(201);
      expect((await address('cust-new-007', path)).status).toBe(204);
      const seeded = await address('cust-fr-001', path);
      expect(seeded.status).toBe(200);
      expect(seeded.json).toEqual(CAMILLE_ADDRESS);
    });

    it('answers the usual 200 object after any write, even one that changed nothing', async () => {
      const update = await updateAddress('cust-fr-006', {}, path);
      expect(update.status).toBe(200);
      expect(update.json).toEqual(EMPTY_ADDRESS);
      const result = await address('cust-fr-006', path);
      expect(result.status).toBe(200);
      expect(result.json).toEqual(EMPTY_ADDRESS);
    });

    it('leaves a field sent as "" unchanged and clears one sent as null', async () => {
      const result = await updateAddress(
        'cust-fr-001',
        { City: 'Lyon', Phone: '', Company: null, Country: '' },
        path,
      );
      const expected = { ...CAMILLE_ADDRESS, City: 'Lyon', Company: null };
      expect(result.status).toBe(200);
      expect(result.json).toEqual(expected);
      expect(env.sandbox.customers.address('cust-fr-001')).toEqual(expected);
    });

    it('takes a value of any length', async () => {
      const long = `${'Bâtiment B, '.repeat(100)}fin`;
      const result = await updateAddress('cust-fr-001', { AddressLine2: long }, path);
      expect(result.status).toBe(200);
      expect(env.sandbox.customers.address('cust-fr-001')?.AddressLine2).toBe(long);
    });
  },
);

describe('an address write that changes nothing stored', () => {
  it('sends no notification and leaves DateUpdate; a real change does both', async () => {
    const { target } = await subscribed();
    const before = env.sandbox.customers.get('cust-fr-001')?.DateUpdate;
    for (const body of [
      {},
      { City: 'Paris', ZipCode: '75011' },
      { AddressLine2: null },
      { Company: '', Country: 'FR' },
    ]) {
      const result = await updateAddress('cust-fr-001', body);
      expect(result.status).toBe(200);
      expect(result.json).toEqual(CAMILLE_ADDRESS);
    }
    await env.sandbox.idle();
    expect(env.sandbox.events()).toEqual([]);
    expect(target.received).toEqual([]);
    expect(env.sandbox.customers.get('cust-fr-001')?.DateUpdate).toBe(before);

    await updateAddress('cust-fr-001', { City: 'Paris', ZipCode: '75012' });
    await env.sandbox.idle();
    const events = env.sandbox.events();
    expect(events.map((event) => [event.Id, event.TypeTrigger])).toEqual([
      ['trg_1', 'CustomerBillingAddressUpdated'],
    ]);
    expect(target.received.map((delivery) => delivery.body)).toEqual(events);
    expect(env.sandbox.customers.get('cust-fr-001')?.DateUpdate).toBe(NOW);
  });
});

describe('GET /v1/Customers', () => {
  it('lists the default segment only when no ReferenceSegment is given', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customers', { query: { SizePage: 100 } });
    expect(result.json).toMatchObject({ Count: 5, TotalItems: 5 });
    expect(itemReferences(result.json)).toEqual(seededReferences('sandbox-eur'));
  });

  it('lists the segment ReferenceSegment names', async () => {
    const result = await call(env.sandbox, 'GET', '/v1/Customers', {
      query: { ReferenceSegment: 'sandbox-usd' },
    });
    expect(itemReferences(result.json)).toEqual(['cust-us-005']);
  });
});

describe('GET /Notification/WebhookNotifications/RewindEvents', () => {
  const rewind = (query: Record<string, string | number>) =>
    backoffice('GET', '/Notification/WebhookNotifications/RewindEvents', query);

  it('pages the history oldest first, so the newest events are on the last page', async () => {
    const oldestFirst = addMixedHistory(env.sandbox);
    const type = { IdBusiness: 42, TypeTrigger: 'CustomerBillingAddressUpdated' };
    const first = await rewind({ ...type, SizePage: 10 });
    expect(first.json).toMatchObject({ Page: 1, SizePage: 10, Count: 10, TotalItems: 15 });
    expect(itemIds(first.json)).toEqual(oldestFirst.slice(0, 10));
    const last = await rewind({ ...type, Page: 2, SizePage: 10 });
    expect(itemIds(last.json)).toEqual(oldestFirst.slice(10));
    // What ProAbono's n8n node reads as its sample (sizepage=1, Items[0]) is the oldest event.
    expect(itemIds((await rewind({ ...type, sizepage: 1, links: 'false' })).json)).toEqual([
      'trg_1',
    ]);
    const all = await rewind({ IdBusiness: 42, SizePage: 1000 });
    const dates = (all.json as { Items: Notification[] }).Items.map((item) =>
      Date.parse(item.DateTrigger),
    );
    expect(dates).toHaveLength(18);
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
  });
});

describe('GET /Distribution/Customers', () => {
  it('lists customers with IdSegment and no ReferenceSegment', async () => {
    const result = await backoffice('GET', '/Distribution/Customers', {
      IdBusiness: 42,
      ReferenceCustomer: 'cust-us-005',
    });
    const { ReferenceSegment: _segment, ...emily } = seededBackofficeCustomer(
      'cust-us-005',
      233704,
    );
    expect((result.json as { Items: unknown[] }).Items).toEqual([emily]);
  });
});

describe('webhook deliveries', () => {
  it('POSTs the verification as {Code} only, signed with the key of the webhook', async () => {
    const { target, handshake } = await subscribed();
    expect(handshake).toHaveLength(1);
    const [verification] = handshake;
    expect(Object.keys(verification?.body as object)).toEqual(['Code']);
    expect((verification?.body as { Code: string }).Code).toMatch(/^[A-Z2-9]{8}$/);
    const key = String(verification?.headers['x-proabono-key']);
    expect(verification?.headers['x-proabono-signature']).toBe(signature(key, SECRET));

    env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    env.sandbox.emitBillingAddressUpdated('cust-de-002');
    await env.sandbox.idle();
    expect(target.received.map((delivery) => delivery.headers['x-proabono-key'])).toEqual([
      key,
      key,
    ]);
  });

  it('gives each webhook one key of its own, made at its creation', async () => {
    const { target: first } = await subscribed();
    const second = await startReceiver();
    try {
      await activeWebhook(env.sandbox, second.url);
      env.sandbox.emitBillingAddressUpdated('cust-fr-001');
      await env.sandbox.idle();
      const [one] = first.received;
      const verification = second.received[0];
      const [, notification] = second.received;
      expect(second.received).toHaveLength(2);
      expect(notification?.headers['x-proabono-key']).toBe(verification?.headers['x-proabono-key']);
      expect(one?.headers['x-proabono-key']).not.toBe(notification?.headers['x-proabono-key']);
      expect(String(one?.headers['x-proabono-key'])).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await second.close();
    }
  });

  it('retries a 410 like any other non-2xx answer, until the attempts run out', async () => {
    const { target, id } = await subscribed(() => 410);
    const notification = env.sandbox.emitBillingAddressUpdated('cust-fr-001');
    await env.sandbox.idle();
    expect(target.received.map((delivery) => delivery.body)).toEqual([
      notification,
      notification,
      notification,
      notification,
    ]);
    expect(
      env.sandbox
        .deliveries()
        .map(({ webhookId, attempt, status, retryInMs }) => [
          webhookId,
          attempt,
          status,
          retryInMs,
        ]),
    ).toEqual([
      [id, 1, 410, 1],
      [id, 2, 410, 2],
      [id, 3, 410, 4],
      [id, 4, 410, null],
    ]);
  });
});

describe('API Live errors carry documented codes only', () => {
  it('keeps Error.Api.Customer.Unaccessible on the 403 of an unknown customer', async () => {
    for (const result of [
      await address('cust-nobody'),
      await updateAddress('cust-nobody', { City: 'Lyon' }),
    ]) {
      expect(result.status).toBe(403);
      expect(result.json).toEqual({
        Code: 'Error.Api.Customer.Unaccessible',
        Message: 'No customer with this reference can be accessed with these keys.',
      });
    }
  });

  it('answers a 422 array of Message and Target', async () => {
    const country = await updateAddress('cust-fr-001', { Country: 'France', City: ['Paris'] });
    expect(country.status).toBe(422);
    expect(country.json).toEqual([
      { Message: 'City must be a text value.', Target: 'City' },
      {
        Message: 'Country must be an ISO 3166-1 alpha-2 code in upper case, such as FR or US.',
        Target: 'Country',
      },
    ]);
    const customer = await upsertCustomer({ ReferenceCustomer: 'a=b', Email: 'not an email' });
    expect(customer.status).toBe(422);
    expect(customer.json).toEqual([
      {
        Message: 'ReferenceCustomer must be a text of 1 to 50 characters without < > ; " = ? &.',
        Target: 'ReferenceCustomer',
      },
      { Message: 'Email is not a valid email address.', Target: 'Email' },
    ]);
  });

  it('answers other errors with Message (and Target) and no Code', async () => {
    const unknown = await call(env.sandbox, 'GET', '/v1/Customer', {
      query: { ReferenceCustomer: 'cust-nobody' },
    });
    expect([unknown.status, unknown.json]).toEqual([
      404,
      { Message: 'No customer has this reference.', Target: 'ReferenceCustomer' },
    ]);
    const missing = await call(env.sandbox, 'GET', '/v1/CustomerAddressBilling');
    expect([missing.status, missing.json]).toEqual([
      400,
      {
        Message: 'The query parameter ReferenceCustomer is required.',
        Target: 'ReferenceCustomer',
      },
    ]);
    const paging = await call(env.sandbox, 'GET', '/v1/Customers', { query: { Page: 0 } });
    expect([paging.status, paging.json]).toEqual([
      400,
      { Message: 'Page must be an integer >= 1, got "0".', Target: 'Page' },
    ]);
    const unauthorized = await call(env.sandbox, 'GET', '/v1/Customers', {
      auth: { agentKey: 'sandbox-agent-7Qm2', apiKey: 'wrong' },
    });
    expect([unauthorized.status, unauthorized.json]).toEqual([
      401,
      { Message: 'The Agent Key and API Key are missing or do not match.' },
    ]);
    const nowhere = await call(env.sandbox, 'GET', '/v1/Usages');
    expect([nowhere.status, nowhere.json]).toEqual([
      404,
      { Message: 'No endpoint answers /Usages.' },
    ]);
    const wrongVerb = await call(env.sandbox, 'DELETE', '/v1/Customer');
    expect([wrongVerb.status, wrongVerb.json]).toEqual([
      405,
      { Message: '/Customer does not accept DELETE requests.' },
    ]);
  });

  it('leaves the Backoffice integer codes as they are', async () => {
    const result = await backoffice('GET', '/Distribution/Customers');
    expect([result.status, result.json]).toEqual([
      400,
      { Code: 400, Message: 'IdBusiness is required.', Target: 'IdBusiness' },
    ]);
  });
});

describe('switching behaviours', () => {
  it('overrides single behaviours of a profile at start, and switches profile while running', async () => {
    const own = await startSandbox({ profile: 'documented', behaviour: { webhookList: true } });
    try {
      expect(own.profile).toBe('documented');
      expect(own.behaviour).toEqual({ ...PROFILES.documented, webhookList: true });
      const list = () =>
        call(own, 'GET', '/backoffice/Notification/Webhooks', { query: { IdBusiness: 42 } });
      // No webhook yet: the list exists and is empty.
      expect((await list()).status).toBe(204);
      expect((await call(own, 'GET', '/backoffice/Organization/Segments')).status).toBe(404);

      own.setProfile('generous');
      expect(own.profile).toBe('generous');
      expect(own.behaviour).toEqual(PROFILES.generous);
      const nulls = await call(own, 'GET', '/v1/CustomerAddressBilling', {
        query: { ReferenceCustomer: 'cust-fr-006' },
      });
      expect([nulls.status, nulls.json]).toEqual([200, EMPTY_ADDRESS]);
      own.reset();
      expect(own.profile).toBe('generous');
    } finally {
      await own.close();
    }
  });

  it('starts generous when no profile is given', async () => {
    const own = await startSandbox();
    try {
      expect(own.profile).toBe('generous');
      expect(own.behaviour).toEqual(PROFILES.generous);
    } finally {
      await own.close();
    }
  });

  it('reads and switches the profile over /_admin/settings', async () => {
    const admin = async (method: string, body?: unknown) => {
      const response = await fetch(`${env.sandbox.url}/_admin/settings`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return [response.status, text === '' ? undefined : (JSON.parse(text) as unknown)];
    };
    expect(await admin('GET')).toEqual([
      200,
      { profile: 'documented', behaviour: PROFILES.documented },
    ]);
    expect(
      await admin('POST', { profile: 'generous', behaviour: { addressFieldMaxLength: 10 } }),
    ).toEqual([204, undefined]);
    expect(env.sandbox.behaviour).toEqual({ ...PROFILES.generous, addressFieldMaxLength: 10 });
    const refused = [
      [{ profile: 'lenient' }, 'profile must be one of "generous", "documented"'],
      [{ behaviour: { webhookList: true } }, 'behaviour must be sent with profile'],
      [
        { profile: 'documented', behaviour: { webhookList: 'yes' } },
        'behaviour.webhookList cannot be "yes"',
      ],
      [{}, 'Give verificationTiming, profile or both'],
    ] as const;
    for (const [body, message] of refused) {
      expect(await admin('POST', body)).toEqual([400, { Message: message }]);
    }
    expect(env.sandbox.profile).toBe('generous');
  });
});

describe('a behaviour switched by one test', () => {
  it('applies to that test, over the profile', async () => {
    env.setBehaviour({ addressFieldMaxLength: 10 });
    expect(env.sandbox.behaviour).toEqual({ ...PROFILES.documented, addressFieldMaxLength: 10 });
    const result = await updateAddress('cust-fr-001', { City: 'Saint-Étienne' });
    expect([result.status, result.json]).toEqual([
      422,
      [{ Message: 'City must be at most 10 characters long.', Target: 'City' }],
    ]);
  });

  it('is back to the file profile in the next test', () => {
    expect(env.sandbox.behaviour).toEqual(PROFILES.documented);
  });
});

describe('reading a profile name', () => {
  it('defaults to generous and refuses an unknown name, naming where it came from', () => {
    expect(readProfile(undefined, '--profile')).toBe('generous');
    expect(readProfile(' ', '--profile')).toBe('generous');
    expect(readProfile('documented', '--profile')).toBe('documented');
    expect(() => readProfile('Documented', '--profile')).toThrow(
      '--profile must be one of "generous", "documented", got "Documented".',
    );
    expect(profileFromEnv({ [PROFILE_ENV]: 'documented' })).toBe('documented');
    expect(profileFromEnv({})).toBe('generous');
    expect(() => profileFromEnv({ [PROFILE_ENV]: 'strict' })).toThrow(
      'PROABONO_SANDBOX_PROFILE must be one of "generous", "documented", got "strict".',
    );
  });

  it('checks single switches against the ones that exist', () => {
    expect(readBehaviour({ addressClearValue: null, addressFieldMaxLength: null })).toEqual({
      addressClearValue: null,
      addressFieldMaxLength: null,
    });
    expect(() => readBehaviour({ addressClearValue: 'x' })).toThrow(
      'behaviour.addressClearValue cannot be "x"',
    );
    expect(() => readBehaviour({ addressFieldMaxLength: 0 })).toThrow(
      'behaviour.addressFieldMaxLength cannot be 0',
    );
    expect(() => readBehaviour({ strict: true })).toThrow('behaviour has no switch "strict"');
    expect(() => readBehaviour([])).toThrow('behaviour must be an object of switches');
  });
});

describe('the test fixture', () => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env[PROFILE_ENV];
    process.env[PROFILE_ENV] = 'documented';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env[PROFILE_ENV];
    else process.env[PROFILE_ENV] = saved;
  });
  const fromEnv = useSandbox();
  const explicit = useSandbox({ profile: 'generous' });

  it('takes PROABONO_SANDBOX_PROFILE unless the options name a profile', () => {
    expect(fromEnv.sandbox.profile).toBe('documented');
    expect(explicit.sandbox.profile).toBe('generous');
  });
});
