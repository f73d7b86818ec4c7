import nock from 'nock';

import { perform } from '../../src/searches/find_customer.js';
import {
  BACKOFFICE,
  addressReadApi,
  backofficeApi,
  expectOnlyTheseRequests,
  liveApi,
  rejectionBeforeAnyRequest,
  rejectionOf,
  step,
} from '../support/app.js';
import { usePendingAddressTest } from '../support/pendingAddress.js';
import { EMPTY_ADDRESS, NO_ADDRESS, bareCustomerRecord } from '../support/records.js';
import {
  expiredAuth,
  firstLineOf,
  foundAddressFailed,
  foundAddressThrottled,
  invalidInput,
  notAnEmail,
  notSingleText,
  referenceCharacters,
  referenceTooLong,
  serverError,
  unknownCustomer,
} from '../support/errors.js';
import { JOHN_DOE, JOHN_DOE_RECORD, PARIS_ADDRESS, proAbonoPage } from '../support/proabono.js';

const liveCustomer = {
  ...JOHN_DOE,
  Email: 'john@doe.com',
  Links: [{ rel: 'insite-home', href: 'https://demo-eur.proabono.com/portal-auth/x' }],
};

const address = { ...PARIS_ADDRESS, AddressLine2: null, TaxInformation: null };

const older = {
  Id: 1001,
  IdBusiness: 42,
  ReferenceCustomer: 'john-2024',
  ReferenceSegment: 'demo-eur',
  Name: 'John Doe (old)',
  Email: 'john@doe.com',
  Language: 'fr',
  StateCustomer: 'Suspended',
  DateCreation: '2024-01-10T08:00:00Z',
  DateUpdate: '2024-06-01T09:30:00Z',
};
const newer = {
  Id: 1002,
  IdBusiness: 42,
  ReferenceCustomer: 'john-2025',
  ReferenceSegment: 'demo-usd',
  Name: 'John Doe',
  Email: 'John@Doe.com',
  Language: 'en',
  StateCustomer: 'Enabled',
  DateCreation: '2025-01-10T08:00:00Z',
  DateUpdate: '2025-03-01T10:00:00Z',
};
/** Updated last, but its email only contains the one searched. */
const lookalike = {
  Id: 1003,
  ReferenceCustomer: 'bigjohn',
  Name: 'Big John',
  Email: 'bigjohn@doe.com',
  Language: 'en',
  DateCreation: '2026-01-01T00:00:00Z',
  DateUpdate: '2026-01-02T00:00:00Z',
};

const find = step(perform);

const emailQuery = (email: string) => ({
  IdBusiness: '42',
  Email: email,
  SizePage: '100',
  Links: 'false',
});

/** The step refuses the input with this message, before any request to either API. */
const expectInputError = async (inputData: Record<string, unknown>, message: string) => {
  expect(await rejectionBeforeAnyRequest(() => find(inputData))).toEqual(invalidInput(message));
};

/** One scope: the customer lookup answered with `customer`, then the address read answered so. */
const customerThenAddress = (
  reference: string,
  customer: object,
  addressStatus: number,
  addressBody?: object,
) =>
  liveApi()
    .get('/v1/Customer')
    .query({ ReferenceCustomer: reference })
    .reply(200, customer)
    .get('/v1/CustomerAddressBilling')
    .query({ ReferenceCustomer: reference })
    .reply(addressStatus, addressBody);

describe('find_customer', () => {
  describe('by reference', () => {
    it('returns the customer with its billing address, in two requests', async () => {
      const live = customerThenAddress('cust-42', liveCustomer, 200, address);
      const result = await find({ ReferenceCustomer: ' cust-42 ' });
      expect(result).toEqual([
        {
          ...JOHN_DOE_RECORD,
          Email: 'john@doe.com',
          ...address,
          CountryName: 'France',
        },
      ]);
      expectOnlyTheseRequests(live);
    });

    it('uses the reference and ignores the email when both are given', async () => {
      const backoffice = nock(BACKOFFICE)
        .get(/.*/)
        .reply(200, proAbonoPage([newer]));
      const live = customerThenAddress('cust-42', liveCustomer, 200, address);
      const result = await find({ ReferenceCustomer: 'cust-42', Email: 'not an email' });
      expect(result).toMatchObject([{ ReferenceCustomer: 'cust-42' }]);
      expect(live.isDone()).toBe(true);
      expect(backoffice.isDone()).toBe(false);
    });

    it('returns [] for an unknown reference, without reading an address', async () => {
      const live = liveApi()
        .get('/v1/Customer')
        .query({ ReferenceCustomer: 'nobody' })
        .reply(404, { Code: 'Error.NotFound', Message: 'Customer not found' });
      expect(await find({ ReferenceCustomer: 'nobody' })).toEqual([]);
      expectOnlyTheseRequests(live);
    });

    it('gives a null ProAbono Customer ID when ProAbono gives no Id, and null for missing fields', async () => {
      const live = customerThenAddress('bare', { ReferenceCustomer: 'bare' }, 200, { City: null });
      expect(await find({ ReferenceCustomer: 'bare' })).toEqual([bareCustomerRecord('bare')]);
      expectOnlyTheseRequests(live);
    });

    it.each([
      ['a 204 with no body', 204, undefined],
      ['null', 200, 'null'],
      ['{}', 200, {}],
    ])(
      'returns a customer never given an address (%s) with every address field null',
      async (_answer, status, body) => {
        const live = liveApi()
          .get('/v1/Customer')
          .query({ ReferenceCustomer: 'cust-42' })
          .reply(200, liveCustomer)
          .get('/v1/CustomerAddressBilling')
          .query({ ReferenceCustomer: 'cust-42' })
          .reply(status, body, { 'Content-Type': 'application/json' });
        expect(await find({ ReferenceCustomer: 'cust-42' })).toEqual([
          { ...JOHN_DOE_RECORD, Email: 'john@doe.com', ...NO_ADDRESS },
        ]);
        expectOnlyTheseRequests(live);
      },
    );

    it('URL-encodes the reference', async () => {
      const reference = 'cust fr/001+é#%';
      const live = liveApi().get('/v1/Customer').query({ ReferenceCustomer: reference }).reply(404);
      const paths: string[] = [];
      live.on('request', (request: { path: string }) => paths.push(request.path));
      expect(await find({ ReferenceCustomer: reference })).toEqual([]);
      expect(paths).toEqual(['/v1/Customer?ReferenceCustomer=cust%20fr%2F001%2B%C3%A9%23%25']);
      expectOnlyTheseRequests(live);
    });
  });

  describe('by email', () => {
    it('returns the most recently updated exact match, with its billing address', async () => {
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('john@doe.com'))
        .reply(200, proAbonoPage([older, lookalike, newer]));
      const live = liveApi()
        .get('/v1/CustomerAddressBilling')
        .query({ ReferenceCustomer: 'john-2025' })
        .reply(200, address);
      const result = await find({ ReferenceCustomer: '  ', Email: ' john@doe.com ' });
      expect(result).toEqual([
        {
          id: 'john-2025',
          IdCustomer: 1002,
          ReferenceCustomer: 'john-2025',
          Name: 'John Doe',
          Email: 'John@Doe.com',
          Language: 'en',
          Status: 'Enabled',
          ReferenceSegment: 'demo-usd',
          // The Backoffice lists neither: the record has them empty.
          ReferenceAffiliation: null,
          Metadata: {},
          ...address,
          CountryName: 'France',
        },
      ]);
      expectOnlyTheseRequests(backoffice, live);
    });

    it('reads an invisible-only reference as blank, and the email without its invisible edges', async () => {
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('john@doe.com'))
        .reply(200, proAbonoPage([newer]));
      const live = liveApi()
        .get('/v1/CustomerAddressBilling')
        .query({ ReferenceCustomer: 'john-2025' })
        .reply(200, address);
      const result = await find({
        ReferenceCustomer: '\u200B\u0000\uFEFF',
        Email: '\u200Bjohn@doe.com\u2060\r\n',
      });
      expect(result).toMatchObject([
        { id: 'john-2025', IdCustomer: 1002, ReferenceCustomer: 'john-2025' },
      ]);
      expectOnlyTheseRequests(backoffice, live);
    });

    it('orders by update date, not by the order ProAbono lists them', async () => {
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('john@doe.com'))
        .reply(200, proAbonoPage([newer, { ...older, DateUpdate: '2025-12-24T00:00:00Z' }]));
      const live = liveApi()
        .get('/v1/CustomerAddressBilling')
        .query({ ReferenceCustomer: 'john-2024' })
        .reply(200, address);
      expect(await find({ Email: 'john@doe.com' })).toMatchObject([
        { id: 'john-2024', IdCustomer: 1001, ReferenceCustomer: 'john-2024', Status: 'Suspended' },
      ]);
      expectOnlyTheseRequests(backoffice, live);
    });

    it('keeps a match listed without an email, and drops the ones with another', async () => {
      const silent = { ...newer, Email: null };
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('john@doe.com'))
        .reply(200, proAbonoPage([lookalike, silent]));
      const live = liveApi()
        .get('/v1/CustomerAddressBilling')
        .query({ ReferenceCustomer: 'john-2025' })
        .reply(200, address);
      expect(await find({ Email: 'john@doe.com' })).toMatchObject([
        { id: 'john-2025', IdCustomer: 1002, ReferenceCustomer: 'john-2025', Email: null },
      ]);
      expectOnlyTheseRequests(backoffice, live);
    });

    it('returns [] when no customer has the email (204)', async () => {
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('nobody@doe.com'))
        .reply(204);
      expect(await find({ Email: 'nobody@doe.com' })).toEqual([]);
      expectOnlyTheseRequests(backoffice);
    });

    it('returns [] when the only matches merely contain the email', async () => {
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('john@doe.com'))
        .reply(200, proAbonoPage([lookalike]));
      expect(await find({ Email: 'john@doe.com' })).toEqual([]);
      expectOnlyTheseRequests(backoffice);
    });
  });

  describe('input errors, before any request', () => {
    it.each([
      [{}, 'Fill in Customer Reference or Email to find a customer: both are blank.'],
      [
        { ReferenceCustomer: ' ', Email: null },
        'Fill in Customer Reference or Email to find a customer: both are blank.',
      ],
      [{ Email: 'john.doe.com' }, notAnEmail('Email', 'john.doe.com')],
      [{ Email: 'john@doe' }, notAnEmail('Email', 'john@doe')],
      [{ Email: 'john @doe.com' }, notAnEmail('Email', 'john @doe.com')],
      [{ Email: ['a@b.co', 'c@d.co'] }, notSingleText('Email', 'a list')],
      [{ ReferenceCustomer: { id: 1 } }, notSingleText('Customer Reference', 'an object')],
      [
        { ReferenceCustomer: 'a&b=c/é ?' },
        referenceCharacters('Customer Reference', 'a&b=c/é ?', '= ? &'),
      ],
      [
        { ReferenceCustomer: 'cust;42', Email: 'john@doe.com' },
        referenceCharacters('Customer Reference', 'cust;42', ';'),
      ],
      [{ ReferenceCustomer: 'r'.repeat(51) }, referenceTooLong('Customer Reference', 51)],
      [{ ReferenceCustomer: '😀'.repeat(26) }, referenceTooLong('Customer Reference', 52)],
      [
        { ReferenceCustomer: '\u200B', Email: '\u2060\u0000' },
        'Fill in Customer Reference or Email to find a customer: both are blank.',
      ],
    ])('refuses %j', async (inputData, message) => {
      await expectInputError(inputData, message);
    });
  });

  describe('a 1 MB value, quoted back cut short', () => {
    const MB = 1024 * 1024;

    it.each([
      [
        'Email',
        { Email: 'e'.repeat(MB) },
        `Email "${'e'.repeat(60)}…" (1,048,576 characters) is not an email address. Enter one ` +
          'address such as john@doe.com.',
      ],
      [
        'Customer Reference',
        { ReferenceCustomer: `?${'r'.repeat(MB - 1)}` },
        `Customer Reference "?${'r'.repeat(59)}…" (1,048,576 characters) contains ?, which ` +
          'ProAbono does not allow in a reference. Use letters, digits and signs such as - _ . @ ' +
          '(at most 50 characters).',
      ],
    ])('in %s', async (_field, inputData, message) => {
      await expectInputError(inputData, message);
    });
  });

  describe('ProAbono errors, through the shared mapping', () => {
    it('asks to reconnect on 401', async () => {
      const live = liveApi().get('/v1/Customer').query({ ReferenceCustomer: 'cust-42' }).reply(401);
      const error = await rejectionOf(find({ ReferenceCustomer: 'cust-42' }));
      expect(firstLineOf(error)).toEqual(expiredAuth());
      expectOnlyTheseRequests(live);
    });

    it('says the step can be replayed on a Backoffice 5xx', async () => {
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('john@doe.com'))
        .reply(500, { Code: 500, Message: 'Internal error' });
      expect(await rejectionOf(find({ Email: 'john@doe.com' }))).toEqual(
        serverError('searching customers by email "john@doe.com"', 500),
      );
      expectOnlyTheseRequests(backoffice);
    });

    it('says no such customer when the address read is refused (403)', async () => {
      const live = customerThenAddress('cust-42', liveCustomer, 403);
      expect(await rejectionOf(find({ ReferenceCustomer: 'cust-42' }))).toEqual(
        unknownCustomer('cust-42'),
      );
      expectOnlyTheseRequests(live);
    });
  });

  describe('a customer whose Create Customer step could not save its address', () => {
    // Find or Create Customer: a replay's search finds the customer the failed run created, so its
    // create never runs again; the search finishes what that run left in Zapier's cache.
    const PENDING = { City: 'Lyon', Country: 'FR' };
    const { leavePending, pendingLeft, expectNothingLeft } = usePendingAddressTest();

    const leftPending = (customerId: number | null = 233700) => leavePending(customerId, PENDING);
    const found = () => customerThenAddress('cust-42', liveCustomer, 200, EMPTY_ADDRESS);
    const saves = (count: number) =>
      liveApi()
        .post('/v1/CustomerAddressBilling', PENDING)
        .query({ ReferenceCustomer: 'cust-42' })
        .times(count);

    it('writes the address left pending, returns the customer with it, and forgets it', async () => {
      leftPending();
      const scopes = [found(), saves(1).reply(200, { ...EMPTY_ADDRESS, ...PENDING })];
      expect(await find({ ReferenceCustomer: 'cust-42' })).toEqual([
        {
          ...JOHN_DOE_RECORD,
          Email: 'john@doe.com',
          ...NO_ADDRESS,
          ...PENDING,
          CountryName: 'France',
        },
      ]);
      expectOnlyTheseRequests(...scopes);
      expectNothingLeft();
    });

    it('by email too', async () => {
      leftPending();
      const backoffice = backofficeApi()
        .get('/Distribution/Customers')
        .query(emailQuery('john@doe.com'))
        .reply(200, proAbonoPage([{ ...newer, Id: 233700, ReferenceCustomer: 'cust-42' }]));
      const read = addressReadApi('cust-42').reply(200, EMPTY_ADDRESS);
      const save = saves(1).reply(200, { ...EMPTY_ADDRESS, ...PENDING });
      expect(await find({ Email: 'john@doe.com' })).toMatchObject([{ City: 'Lyon' }]);
      expectOnlyTheseRequests(backoffice, read, save);
    });

    it('a customer without an address and nothing pending: found as it is, nothing written', async () => {
      const live = found();
      expect(await find({ ReferenceCustomer: 'cust-42' })).toMatchObject([{ City: null }]);
      expectOnlyTheseRequests(live);
    });

    it('a customer with an address: nothing written, whatever is pending', async () => {
      leftPending();
      const live = customerThenAddress('cust-42', liveCustomer, 200, address);
      expect(await find({ ReferenceCustomer: 'cust-42' })).toMatchObject([{ City: 'Paris' }]);
      expectOnlyTheseRequests(live);
    });

    it('what is pending for another customer with this reference is not written', async () => {
      leftPending(999);
      const live = found();
      expect(await find({ ReferenceCustomer: 'cust-42' })).toMatchObject([{ City: null }]);
      expectOnlyTheseRequests(live);
      expect(pendingLeft()).toEqual({ customerId: 999, address: PENDING });
    });

    it('ProAbono still failing: the error says so, and the address stays pending for the next replay', async () => {
      leftPending();
      const scopes = [found(), saves(3).reply(500, { Code: 'Error.Api.Internal' })];
      expect(await rejectionOf(find({ ReferenceCustomer: 'cust-42' }))).toEqual(
        foundAddressFailed(
          'cust-42',
          'ProAbono answered with a server error (HTTP 500) each time it was sent (3 times)',
        ),
      );
      expectOnlyTheseRequests(...scopes);
      expect(pendingLeft()).toEqual({ customerId: 233700, address: PENDING });
    });

    it('a 429: Zapier runs the step again', async () => {
      leftPending();
      const scopes = [found(), saves(1).reply(429, '', { 'Retry-After': '20' })];
      expect(await rejectionOf(find({ ReferenceCustomer: 'cust-42' }))).toEqual(
        foundAddressThrottled('cust-42', 20),
      );
      expectOnlyTheseRequests(...scopes);
    });
  });
});
