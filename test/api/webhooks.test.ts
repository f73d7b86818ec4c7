import { createHash } from 'node:crypto';

import fc from 'fast-check';

import {
  classifyDelivery,
  isVerificationDelivery,
  signatureHeaders,
  timeOf,
  verifySignature,
} from '../../src/api/webhooks.js';
import { DELIVERY_REFUSALS } from '../support/zapLogs.js';

const SECRET = 'whsecret-FAKE-5c0e1b';
// Chosen so the signature holds both '+' and '/' and ends with padding: every encoding differs.
const KEY = 'd2f1c8e0-5b7a-4c1e-9f3d-1a2b3c4d5e02';

/** Computed here independently of the module under test: base64 of the raw sha256 digest. */
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const STANDARD = digest(KEY + SECRET).toString('base64');
const URL_SAFE = digest(KEY + SECRET).toString('base64url');
/** The signature ProAbono sends for `key`, computed here as the oracle of the property below. */
const signatureFor = (key: string, secret: string) =>
  digest(key + secret.trim()).toString('base64');

describe('verifySignature', () => {
  it('accepts base64(sha256(key + secret))', () => {
    expect(verifySignature({ key: KEY, signature: STANDARD, secret: SECRET })).toBe(true);
  });

  it.each([
    ['standard base64 with padding', STANDARD],
    ['standard base64 without padding', STANDARD.replace(/=+$/, '')],
    ['URL-safe base64 without padding', URL_SAFE],
    ['URL-safe base64 with padding', `${URL_SAFE}=`],
    ['surrounding whitespace', `  ${STANDARD}\n`],
  ])('accepts the right digest written as %s', (_form, signature) => {
    expect(verifySignature({ key: KEY, signature, secret: SECRET })).toBe(true);
  });

  it('uses a digest whose encodings all differ, so each encoding case tests something', () => {
    expect(STANDARD).toMatch(/[^=]=$/);
    expect(STANDARD).toMatch(/\+/);
    expect(STANDARD).toMatch(/\//);
    expect(URL_SAFE).not.toBe(STANDARD.replace(/=+$/, ''));
  });

  it('accepts every signature it would send, and refuses it once any byte is altered', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }).filter((secret) => secret.trim() !== ''),
        fc.nat({ max: 31 }),
        fc.integer({ min: 1, max: 255 }),
        (key, secret, index, flip) => {
          const signature = signatureFor(key, secret);
          const altered = Buffer.from(signature, 'base64');
          altered[index] = (altered[index] ?? 0) ^ flip;
          return (
            verifySignature({ key, signature, secret }) &&
            !verifySignature({ key, signature: altered.toString('base64'), secret })
          );
        },
      ),
    );
  });

  it('reads a numeric secret (a legacy or mapped connection) as its digits', () => {
    const signature = digest(`${KEY}20240521`).toString('base64');
    expect(verifySignature({ key: KEY, signature, secret: 20240521 })).toBe(true);
    expect(verifySignature({ key: KEY, signature, secret: 20240522 })).toBe(false);
  });

  it.each([
    // Each would verify if it were read as the text it prints as.
    ['a boolean', true, 'true'],
    ['a list', [SECRET], SECRET],
    ['an object', { secret: SECRET }, '[object Object]'],
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
  ])('treats %s as no secret, so nothing verifies', (_kind, secret, printed) => {
    const signature = digest(`${KEY}${printed}`).toString('base64');
    expect(verifySignature({ key: KEY, signature, secret })).toBe(false);
  });

  it('ignores whitespace around the secret pasted into the connection', () => {
    expect(verifySignature({ key: KEY, signature: STANDARD, secret: ` ${SECRET}\n` })).toBe(true);
  });

  it.each([
    ['a wrong secret', { key: KEY, signature: STANDARD, secret: `${SECRET}x` }],
    ['another key', { key: `${KEY}x`, signature: STANDARD, secret: SECRET }],
    [
      'secret + key instead of key + secret',
      { key: KEY, signature: digest(SECRET + KEY).toString('base64'), secret: SECRET },
    ],
    [
      'the hex digest instead of base64',
      { key: KEY, signature: digest(KEY + SECRET).toString('hex'), secret: SECRET },
    ],
    [
      'base64 of the hex digest',
      {
        key: KEY,
        signature: Buffer.from(digest(KEY + SECRET).toString('hex')).toString('base64'),
        secret: SECRET,
      },
    ],
    [
      'a digest one byte short',
      {
        key: KEY,
        signature: digest(KEY + SECRET)
          .subarray(0, 31)
          .toString('base64'),
        secret: SECRET,
      },
    ],
    [
      'a digest one byte long',
      {
        key: KEY,
        signature: Buffer.concat([digest(KEY + SECRET), Buffer.from([0])]).toString('base64'),
        secret: SECRET,
      },
    ],
    [
      'characters outside base64',
      { key: KEY, signature: `${STANDARD.slice(0, 20)}!!${STANDARD.slice(20)}`, secret: SECRET },
    ],
    ['an empty signature', { key: KEY, signature: '', secret: SECRET }],
    ['no signature', { key: KEY, secret: SECRET }],
    ['no key', { signature: STANDARD, secret: SECRET }],
    ['an empty key', { key: '', signature: STANDARD, secret: SECRET }],
    ['no secret', { key: KEY, signature: STANDARD }],
    ['a blank secret', { key: KEY, signature: digest(KEY).toString('base64'), secret: '   ' }],
  ])('refuses %s', (_case, input) => {
    expect(verifySignature(input)).toBe(false);
  });
});

describe('signatureHeaders', () => {
  it.each([
    [
      'Zapier rawRequest form (Http- prefix, title case)',
      { 'Http-X-Proabono-Key': KEY, 'Http-X-Proabono-Signature': STANDARD },
    ],
    [
      'plain lower case, as ProAbono sends them',
      { 'x-proabono-key': KEY, 'x-proabono-signature': STANDARD },
    ],
    ['any case', { 'X-PROABONO-KEY': KEY, 'x-ProAbono-Signature': STANDARD }],
    [
      'Zapier form in lower case',
      { 'http-x-proabono-key': KEY, 'http-x-proabono-signature': STANDARD },
    ],
    ['CGI style', { HTTP_X_PROABONO_KEY: KEY, HTTP_X_PROABONO_SIGNATURE: STANDARD }],
    [
      'array values (first one wins)',
      { 'x-proabono-key': [KEY, 'other'], 'x-proabono-signature': [STANDARD] },
    ],
  ])('reads the %s', (_form, headers) => {
    expect(
      signatureHeaders({ headers: { 'Http-Content-Type': 'application/json', ...headers } }),
    ).toEqual({ key: KEY, signature: STANDARD });
  });

  it('reports what is missing as undefined, and ignores blank values', () => {
    expect(signatureHeaders({ headers: { 'Http-X-Proabono-Key': KEY } })).toEqual({ key: KEY });
    expect(signatureHeaders({ headers: { 'Http-X-Proabono-Signature': '  ' } })).toEqual({});
    expect(signatureHeaders({ headers: { 'Http-X-Proabono-Signaturex': STANDARD } })).toEqual({});
    expect(signatureHeaders({})).toEqual({});
    expect(signatureHeaders(undefined)).toEqual({});
  });
});

describe('isVerificationDelivery', () => {
  it.each([
    [{ Code: 'K7F2Q9' }, true],
    [{ Code: 'K7F2Q9', IdWebhook: 7001 }, true],
    [{ Code: 'K7F2Q9', IdWebhook: '7001', IdBusiness: 42 }, true],
    [{ Code: 483920 }, true],
    [{ Code: 'K7F2Q9', TypeTrigger: null }, true],
    [{ Code: 'K7F2Q9', TypeTrigger: '' }, true],
    [{ Code: 'K7F2Q9', TypeTrigger: 'CustomerBillingAddressUpdated' }, false],
    [{ Id: 'trg_1', TypeTrigger: 'CustomerBillingAddressUpdated' }, false],
    [{ Code: '' }, false],
    [{ Code: null }, false],
    [{}, false],
    [[{ Code: 'K7F2Q9' }], false],
    ['Code', false],
    [null, false],
    [undefined, false],
  ])('%j -> %s', (body, expected) => {
    expect(isVerificationDelivery(body)).toBe(expected);
  });
});

describe('classifyDelivery', () => {
  const signed = { headers: { 'Http-X-Proabono-Key': KEY, 'Http-X-Proabono-Signature': STANDARD } };
  /** When the delivery arrived: the date of a notification that carries none. */
  const RECEIVED_AT = Date.UTC(2026, 8, 14, 15, 12, 0);
  const notification = {
    Id: 'trg_1',
    DateTrigger: '2026-09-14T15:11:43.75Z',
    TypeTrigger: 'CustomerBillingAddressUpdated',
    Customer: { ReferenceCustomer: ' cust-42 ', Name: 'John Doe' },
  };
  /** Signed with the connection's secret unless told otherwise (`undefined` included). */
  const classify = (body: unknown, options: { rawRequest?: unknown; secret?: unknown } = {}) =>
    classifyDelivery({
      body,
      rawRequest: ('rawRequest' in options ? options.rawRequest : signed) as Parameters<
        typeof classifyDelivery
      >[0]['rawRequest'],
      secret: 'secret' in options ? options.secret : SECRET,
      receivedAt: RECEIVED_AT,
    });
  const eventOf = (body: Record<string, unknown> & { Id: unknown; TypeTrigger: string }) => ({
    notification: body,
    id: String(body.Id),
    type: body.TypeTrigger,
    date: '2026-09-14T15:11:43.750Z',
    time: Date.UTC(2026, 8, 14, 15, 11, 43, 750),
    reference: 'cust-42',
  });

  it.each([
    ['no signature', { headers: { 'Http-X-Proabono-Key': KEY } }, DELIVERY_REFUSALS.noSignature],
    ['no key', { headers: { 'Http-X-Proabono-Signature': STANDARD } }, DELIVERY_REFUSALS.noKey],
    [
      'a signature made with another secret',
      {
        headers: {
          'Http-X-Proabono-Key': KEY,
          'Http-X-Proabono-Signature': digest(`${KEY}other`).toString('base64'),
        },
      },
      DELIVERY_REFUSALS.wrongSignature,
    ],
    ['no headers at all', undefined, DELIVERY_REFUSALS.noSignature],
  ])('calls a delivery with %s forged, whatever its body', (_case, rawRequest, reason) => {
    for (const body of [notification, { Code: 'K7F2Q9' }, 'not json']) {
      expect(classify(body, { rawRequest })).toEqual({ kind: 'forged', reason });
    }
  });

  it('refuses every delivery, handshake included, when the connection has no Webhook Security Key', () => {
    for (const secret of [undefined, '', '   ', null]) {
      for (const rawRequest of [undefined, signed]) {
        expect(classify({ Code: 'K7F2Q9' }, { rawRequest, secret })).toEqual({
          kind: 'forged',
          reason: DELIVERY_REFUSALS.noSecret,
        });
      }
    }
  });

  it('reads a signed handshake as the verification, with the webhook it names', () => {
    const body = { Code: 'K7F2Q9', IdWebhook: 7001 };
    expect(classify(body)).toEqual({ kind: 'verification', delivery: body });
  });

  it('reads a signed notification as its event: Id, type, date in UTC, reference trimmed', () => {
    expect(classify(notification)).toEqual({ kind: 'notification', event: eventOf(notification) });
  });

  it("reads a notification of any event type: which ones a Zap keeps is its trigger's call", () => {
    const body = { ...notification, TypeTrigger: 'InvoiceDebitPaid', Id: 90017 };
    expect(classify(body)).toEqual({
      kind: 'notification',
      event: { ...eventOf(body), id: '90017', type: 'InvoiceDebitPaid' },
    });
  });

  it.each([
    ['without a DateTrigger', undefined],
    ['with a null DateTrigger', null],
    ['with an unreadable DateTrigger', 'yesterday'],
  ])('dates a notification %s when it was received, rather than drop it', (_case, DateTrigger) => {
    const body = { ...notification, DateTrigger } as unknown as typeof notification;
    expect(classify(body)).toEqual({
      kind: 'notification',
      event: {
        ...eventOf(body),
        date: new Date(RECEIVED_AT).toISOString(),
        time: RECEIVED_AT,
      },
    });
  });

  it('reads a date without a zone as UTC, as ProAbono writes every date', () => {
    const body = { ...notification, DateTrigger: '2026-09-14T15:11:43.75' };
    expect(classify(body)).toMatchObject({ event: { date: '2026-09-14T15:11:43.750Z' } });
  });

  it.each([
    [7001, '7001'],
    ['7002', '7002'],
  ])('keeps the webhook a notification names itself (IdWebhook %j)', (IdWebhook, webhookId) => {
    const body = { ...notification, IdWebhook };
    expect(classify(body)).toEqual({ kind: 'notification', event: eventOf(body), webhookId });
  });

  it('reads a notification without a customer as one naming no reference', () => {
    for (const Customer of [null, { ReferenceCustomer: '  ' }]) {
      const body = { ...notification, Customer } as unknown as typeof notification;
      expect(classify(body)).toEqual({
        kind: 'notification',
        event: { ...eventOf(body), reference: '' },
      });
    }
  });

  it.each([
    ['not a notification', { Hello: 'world' }],
    ['not an object', 'Code'],
    ['an empty body', undefined],
    ['a notification without a type', { ...notification, TypeTrigger: '' }],
    ['a notification without an Id', { ...notification, Id: undefined }],
  ])('ignores %s, saying why', (_case, body) => {
    expect(classify(body)).toEqual({
      kind: 'ignored',
      reason: DELIVERY_REFUSALS.notANotification,
    });
  });
});

describe('timeOf', () => {
  it.each([
    ['2026-09-14T15:11:43.75Z', '2026-09-14T15:11:43.750Z'],
    ['2026-09-14T15:11:43Z', '2026-09-14T15:11:43.000Z'],
    ['2026-09-14T17:11:43+02:00', '2026-09-14T15:11:43.000Z'],
    // ProAbono dates are UTC: a date without a zone is not read in the machine's time zone.
    ['2026-09-14T15:11:43.75', '2026-09-14T15:11:43.750Z'],
    ['2026-09-14T15:11', '2026-09-14T15:11:00.000Z'],
    [' 2026-09-14T15:11:43Z ', '2026-09-14T15:11:43.000Z'],
  ])('%s is %s', (raw, expected) => {
    expect(new Date(timeOf(raw)).toISOString()).toBe(expected);
  });

  it.each([['not a date'], [''], [null], [undefined]])('%j is no time', (raw) => {
    expect(timeOf(raw)).toBeNaN();
  });
});
