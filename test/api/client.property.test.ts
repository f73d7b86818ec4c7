import fc from 'fast-check';
import nock from 'nock';

import { BACKOFFICE, LIVE, rejectionOf, withClient } from '../support/app.js';

/*
 * Every value a user supplies reaches ProAbono byte for byte, or is refused before any request:
 * for arbitrary text, through zapier-platform-core's real request pipeline (which once deleted
 * `{{…}}` from query values), the query and body ProAbono receives decode to exactly that text.
 */

/** Text core, URLs or JSON could rewrite, among any other text (lone surrogates included). */
const hostileText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '{{',
      '}}',
      '{',
      '}',
      '%',
      '%7B',
      '&',
      '#',
      '+',
      ' ',
      '=',
      '?',
      '/',
      '\\',
      '"',
      'bundle.authData.apiKey',
      'process.env.HOME',
      'é',
      '東京',
      '🚀',
      '\u200B',
      // Halves of 🚀: text cut in the middle of an emoji.
      '\uD83D',
      '\uDE80',
      'x',
    ),
    maxLength: 12,
  }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/*
 * Always tried first, so every property meets a refusal whatever the random draw: text cut in the
 * middle of an emoji, which no URL or JSON can carry as typed.
 */
const LONE_HALF = 'Paris\uD83D';

const ADDRESS = { City: 'Paris' };

interface Received {
  path: string;
  body: string;
}

/** Answers every request to `host` with `reply`, keeping its raw path and body. */
const receive = (host: string, status: number, reply?: object): Received[] => {
  const received: Received[] = [];
  const scope = nock(host)
    .persist()
    .get(() => true)
    .reply(status, reply)
    .post(() => true)
    .reply(status, reply);
  scope.on('request', (request: { path: string }, _interceptor: unknown, body: string) => {
    received.push({ path: request.path, body });
  });
  return received;
};

const queryOf = (path: string): URLSearchParams =>
  new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');

/**
 * Sends `text` through `call`; either ProAbono received it exactly (checked by `exact`) in one
 * request whose query has nothing a URL could misread, or the call was refused before sending.
 */
const expectExactOrRefused = async (
  text: string,
  received: Received[],
  call: () => Promise<unknown>,
  exact: (request: Received) => void,
  seen: { sent: number; refused: number },
) => {
  if (text.isWellFormed()) {
    await call();
    expect(received).toHaveLength(1);
    const [request] = received;
    if (!request) return;
    expect(request.path).not.toMatch(/[{} #]/);
    exact(request);
    seen.sent += 1;
  } else {
    const error = await rejectionOf(call());
    expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
    expect(received).toEqual([]);
    seen.refused += 1;
  }
};

afterEach(() => {
  nock.cleanAll();
});

describe('values reach ProAbono byte for byte, for any text', () => {
  it('a reference in the query of an address read', async () => {
    const seen = { sent: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(hostileText, async (reference) => {
        nock.cleanAll();
        const received = receive(LIVE, 200, ADDRESS);
        await expectExactOrRefused(
          reference,
          received,
          () => withClient((client) => client.getBillingAddress(reference)),
          ({ path }) => {
            expect(path.split('?')[0]).toBe('/v1/CustomerAddressBilling');
            expect([...queryOf(path)]).toEqual([['ReferenceCustomer', reference]]);
          },
          seen,
        );
      }),
      { numRuns: 60, examples: [[LONE_HALF]] },
    );
    expect(seen.sent).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('a reference in the query and a value in the body of an address update', async () => {
    const seen = { sent: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (reference, city) => {
        nock.cleanAll();
        const received = receive(LIVE, 200, ADDRESS);
        await expectExactOrRefused(
          reference + city,
          received,
          () => withClient((client) => client.updateBillingAddress(reference, { City: city })),
          ({ path, body }) => {
            expect([...queryOf(path)]).toEqual([['ReferenceCustomer', reference]]);
            expect(body).not.toMatch(/\{\{|\}\}/);
            expect(JSON.parse(body)).toEqual({ City: city });
          },
          seen,
        );
      }),
      { numRuns: 60, examples: [['cust-fr-001', LONE_HALF]] },
    );
    expect(seen.sent).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('an email in the query of a Backoffice search, and a reference in the query of a lookup', async () => {
    const seen = { sent: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        nock.cleanAll();
        const backoffice = receive(BACKOFFICE, 204);
        await expectExactOrRefused(
          text,
          backoffice,
          () => withClient((client) => client.searchBackofficeCustomers({ Email: text })),
          ({ path }) => {
            expect([...queryOf(path)]).toEqual([
              ['IdBusiness', '42'],
              ['Email', text],
              ['SizePage', '100'],
              ['Links', 'false'],
            ]);
          },
          seen,
        );
        const live = receive(LIVE, 404);
        await expectExactOrRefused(
          text,
          live,
          () => withClient((client) => client.getCustomer(text)),
          ({ path }) => {
            expect([...queryOf(path)]).toEqual([['ReferenceCustomer', text]]);
          },
          seen,
        );
      }),
      { numRuns: 40, examples: [[LONE_HALF]] },
    );
    expect(seen.sent).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
