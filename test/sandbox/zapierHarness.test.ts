import zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';

import {
  ZAP_RUN_META,
  basicAuthorization,
  deliveryBundle,
  functionAt,
  hydrateRecord,
  parsePlaceholder,
  performOf,
  placeholder,
  placeholderBundle,
  setEnv,
  withEnv,
  zapierHeaderName,
} from '../../sandbox/zapier/zapierHarness.js';

/*
 * The Zapier-side harness against zapier-platform-core itself where core has the answer (its
 * placeholders, its app runtime), and against Zapier's documented forms elsewhere.
 */

/** A tiny app: a trigger whose records carry a placeholder for the `echo` hydrator. */
const makeApp = () => {
  const hydrated: Record<string, unknown>[] = [];
  const echo = (_z: ZObject, bundle: Bundle) => {
    hydrated.push(bundle.inputData);
    return { echoed: bundle.inputData, agent: bundle.authData.agentKey };
  };
  const app = {
    version: '1.0.0',
    platformVersion: zapier.version,
    hydrators: { echo },
    triggers: {
      thing: {
        key: 'thing',
        noun: 'Thing',
        display: { label: 'New Thing', description: 'Triggers when a thing appears.' },
        operation: {
          type: 'hook',
          perform: (z: ZObject) => [
            { id: 1, plain: 'text', detail: z.dehydrate(echo, { ref: 'a|||b', n: 2 }) },
          ],
          performList: () => [{ id: 0 }],
        },
      },
    },
  };
  return { app, hydrated };
};

describe('zapierHeaderName', () => {
  it.each([
    ['x-proabono-signature', 'Http-X-Proabono-Signature'],
    ['x-proabono-key', 'Http-X-Proabono-Key'],
    ['content-type', 'Http-Content-Type'],
    ['X-PROABONO-KEY', 'Http-X-Proabono-Key'],
    ['host', 'Http-Host'],
  ])('renames %s to %s', (name, renamed) => {
    expect(zapierHeaderName(name)).toBe(renamed);
  });
});

describe('deliveryBundle', () => {
  it('hands perform the parsed body, the raw request with renamed headers, and a Zap run meta', () => {
    const body = { Id: 'trg_1', Customer: { ReferenceCustomer: 'cust-1' } };
    expect(
      deliveryBundle(
        { targetUrl: 'https://hooks.example.com/1', subscribeData: { id: '7' } },
        { body, headers: { 'x-proabono-key': 'k', 'content-type': 'application/json' } },
      ),
    ).toEqual({
      targetUrl: 'https://hooks.example.com/1',
      subscribeData: { id: '7' },
      cleanedRequest: body,
      rawRequest: {
        method: 'POST',
        querystring: '',
        headers: { 'Http-X-Proabono-Key': 'k', 'Http-Content-Type': 'application/json' },
        content: '{"Id":"trg_1","Customer":{"ReferenceCustomer":"cust-1"}}',
      },
      meta: ZAP_RUN_META,
    });
  });

  it('says a Zap is running: no sample, dedupe fill, dropdown or auth test, no limit', () => {
    const { meta } = deliveryBundle({ targetUrl: 'https://hooks.example.com/1' }, { body: {} });
    const flagsSet = Object.entries(meta).filter(([key, value]) => /^is[A-Z]/.test(key) && value);
    expect(flagsSet).toEqual([]);
    expect(meta).toMatchObject({
      isLoadingSample: false,
      isPopulatingDedupe: false,
      isBulkRead: false,
    });
    expect([meta.limit, meta.page, meta.timezone, meta.inputFields]).toEqual([-1, 0, null, {}]);
    // A copy: a perform that changes its meta changes no other bundle's.
    expect(meta).not.toBe(ZAP_RUN_META);
  });

  it('keeps the raw text, the method and the query string of what arrived', () => {
    const bundle = deliveryBundle(
      { targetUrl: 'https://hooks.example.com/2' },
      { body: 'not json', content: 'not json', method: 'PUT', querystring: 'a=1' },
    );
    expect(bundle.subscribeData).toBeUndefined();
    expect(bundle.cleanedRequest).toBe('not json');
    expect(bundle.rawRequest).toEqual({
      method: 'PUT',
      querystring: 'a=1',
      headers: {},
      content: 'not json',
    });
  });
});

describe('placeholders', () => {
  it("reads core's own z.dehydrate output, and writes the same text", async () => {
    const { app } = makeApp();
    const tester = zapier.createAppTester(app);
    const [record] = (await tester(performOf(app, 'triggers', 'thing'), {})) as {
      detail: unknown;
    }[];
    expect(parsePlaceholder(record?.detail)).toEqual({
      type: 'method',
      method: 'hydrators.echo',
      bundle: { ref: 'a|||b', n: 2 },
    });
    expect(placeholder('hydrators.echo', { ref: 'a|||b', n: 2 })).toBe(record?.detail);
    expect(placeholderBundle(record?.detail)).toEqual({ ref: 'a|||b', n: 2 });
  });

  it.each([['plain text'], [null], [42], ['hydrate|||{}'], ['xhydrate|||{}|||hydrate']])(
    'finds none in %j',
    (value) => {
      expect(parsePlaceholder(value)).toBeUndefined();
      expect(() => placeholderBundle(value)).toThrow(
        `Not a hydration placeholder: ${JSON.stringify(value)}`,
      );
    },
  );

  it('hydrates a record as a Zap step sees it: each placeholder through its function, once', async () => {
    const { app, hydrated } = makeApp();
    const tester = zapier.createAppTester(app);
    const [record] = (await tester(performOf(app, 'triggers', 'thing'), {})) as Record<
      string,
      unknown
    >[];
    await expect(
      hydrateRecord(app, tester, record ?? {}, { agentKey: 'agent-1' }),
    ).resolves.toEqual({
      id: 1,
      plain: 'text',
      detail: { echoed: { ref: 'a|||b', n: 2 }, agent: 'agent-1' },
    });
    expect(hydrated).toEqual([{ ref: 'a|||b', n: 2 }]);
  });

  it('refuses a placeholder whose function the app does not have', async () => {
    const { app } = makeApp();
    const record = { detail: placeholder('hydrators.missing', {}) };
    await expect(hydrateRecord(app, zapier.createAppTester(app), record, {})).rejects.toThrow(
      'The app has no function at hydrators.missing',
    );
  });
});

describe('finding functions', () => {
  it('finds an operation function by kind, key and name, and a function by its path', () => {
    const { app } = makeApp();
    expect(performOf(app, 'triggers', 'thing')).toBe(app.triggers.thing.operation.perform);
    expect(performOf(app, 'triggers', 'thing', 'performList')).toBe(
      app.triggers.thing.operation.performList,
    );
    expect(functionAt(app, 'hydrators.echo')).toBe(app.hydrators.echo);
  });

  it('says which one is missing', () => {
    const { app } = makeApp();
    expect(() => performOf(app, 'creates', 'thing')).toThrow(
      'creates.thing has no perform function',
    );
    expect(() => performOf(app, 'triggers', 'thing', 'performSubscribe')).toThrow(
      'triggers.thing has no performSubscribe function',
    );
    expect(() => functionAt(app, 'triggers.thing.operation.type')).toThrow(
      'The app has no function at triggers.thing.operation.type',
    );
  });
});

describe('basicAuthorization', () => {
  it('is `Basic ` and the base64 of user:password, UTF-8 encoded', () => {
    expect(basicAuthorization('agent', 'key')).toBe('Basic YWdlbnQ6a2V5');
    expect(basicAuthorization('agënt', 'k:ey')).toBe('Basic YWfDq250Oms6ZXk=');
  });
});

describe('the environment', () => {
  const NAMES = ['HARNESS_TEST_SET', 'HARNESS_TEST_UNSET'] as const;
  beforeEach(() => {
    process.env.HARNESS_TEST_SET = 'before';
    delete process.env.HARNESS_TEST_UNSET;
  });
  afterAll(() => {
    for (const name of NAMES) delete process.env[name];
  });

  it('setEnv sets and removes variables, and its restore puts back what was there', () => {
    const restore = setEnv({ HARNESS_TEST_SET: undefined, HARNESS_TEST_UNSET: 'during' });
    expect([process.env.HARNESS_TEST_SET, process.env.HARNESS_TEST_UNSET]).toEqual([
      undefined,
      'during',
    ]);
    restore();
    expect(process.env.HARNESS_TEST_SET).toBe('before');
    expect('HARNESS_TEST_UNSET' in process.env).toBe(false);
  });

  it('withEnv restores the variables when its body throws, and gives back what it returns', async () => {
    await expect(
      withEnv({ HARNESS_TEST_SET: 'during' }, () => {
        throw new Error(`saw ${process.env.HARNESS_TEST_SET}`);
      }),
    ).rejects.toThrow('saw during');
    expect(process.env.HARNESS_TEST_SET).toBe('before');
    await expect(
      withEnv({ HARNESS_TEST_UNSET: 'x' }, () => Promise.resolve(process.env.HARNESS_TEST_UNSET)),
    ).resolves.toBe('x');
    expect('HARNESS_TEST_UNSET' in process.env).toBe(false);
  });
});
