import type nock from 'nock';

import { perform } from '../../src/creates/create_customer.js';
import {
  addressReadApi,
  addressSaveApi,
  customerLookupApi,
  customerSaveApi,
  expectOnlyTheseRequests,
  liveApi,
  rejectionBeforeAnyRequest,
  rejectionOf,
  run,
  step,
  zcache,
} from '../support/app.js';
import { FAILING_CACHE, withZCache } from '../support/fakeZ.js';
import { usePendingAddressTest } from '../support/pendingAddress.js';
import { EMPTY_ADDRESS, NO_ADDRESS, bareCustomerRecord } from '../support/records.js';
import {
  brokenCharacter,
  createdAddressFailed,
  createdAddressNotKeptInFindOrCreate,
  createdAddressRefused,
  createdAddressRefusedInFindOrCreate,
  createdAddressThrottled,
  createdAddressUnconfirmed,
  customerExists,
  expiredAuth,
  firstLineOf,
  invalidData,
  invalidInput,
  notACountry,
  notALanguage,
  notSingleText,
  REFERENCE_REQUIRED,
  referenceCharacters,
  referenceTooLong,
  serverError,
  tooManyMetadataPairs,
} from '../support/errors.js';
import { JOHN_DOE, JOHN_DOE_RECORD, PARIS_ADDRESS } from '../support/proabono.js';

const customer = JOHN_DOE;

const create = step(perform);

const record = JOHN_DOE_RECORD;

/** The address the address tests write, and John Doe's record once he has it. */
const LYON = { City: 'Lyon', Country: 'FR' };
const LYON_RECORD = { ...record, ...NO_ADDRESS, ...LYON, CountryName: 'France' };

/**
 * Runs the step and checks its two requests: the lookup of the reference (404: it is free), then
 * the creation with exactly `body`, which ProAbono answers with `answer`.
 */
const expectCreates = async (
  inputData: Record<string, unknown>,
  body: { ReferenceCustomer: string } & Record<string, unknown>,
  answer: object = customer,
) => {
  const lookup = customerLookupApi(body.ReferenceCustomer).reply(404);
  const created = customerSaveApi(body).reply(201, answer);
  await create(inputData);
  expectOnlyTheseRequests(lookup, created);
};

describe('create_customer', () => {
  it('looks the reference up, then creates the customer with every filled field, trimmed: two requests', async () => {
    const lookup = customerLookupApi('cust-42').reply(404, { Code: 'Error.Api.Customer.NotFound' });
    const created = customerSaveApi({
      ReferenceCustomer: 'cust-42',
      Name: 'John Doe',
      Email: 'john.doe@example.com',
      Language: 'en',
      ReferenceSegment: 'demo-eur',
    }).reply(201, customer);
    const result = await create({
      ReferenceCustomer: ' cust-42 ',
      Name: 'John Doe ',
      Email: ' john.doe@example.com',
      Language: 'en',
      ReferenceSegment: 'demo-eur',
    });
    // A new customer has no billing address yet: every address field is empty, at no request.
    expect(result).toEqual({ ...record, ...NO_ADDRESS });
    expectOnlyTheseRequests(lookup, created);
  });

  it('sets the billing address in the same step, normalised as the update does: three requests', async () => {
    const lookup = customerLookupApi('cust-42').reply(404);
    const created = customerSaveApi({ ReferenceCustomer: 'cust-42', Name: 'John Doe' }).reply(
      201,
      customer,
    );
    const sent = {
      Company: 'John Doe LLC',
      AddressLine1: '123 avenue des Champs-Élysées',
      ZipCode: '75008',
      City: 'Paris',
      Country: 'FR',
      Region: 'FR-75',
      Phone: '+33102030405',
      TaxInformation: 'FR40303265045',
    };
    const stored = { ...NO_ADDRESS, ...sent, CountryName: undefined };
    const address = addressSaveApi('cust-42', sent).reply(200, stored);
    const result = await create({
      ReferenceCustomer: 'cust-42',
      Name: 'John Doe',
      Company: ' John Doe LLC ',
      FirstName: '',
      AddressLine1: '123 avenue des Champs-Élysées',
      ZipCode: 75008,
      City: 'Paris',
      Country: 'France',
      Region: 'FR-75',
      Phone: '01 02 03 04 05',
      TaxInformation: 'FR 403 032 650 45',
    });
    expect(result).toEqual({ ...record, ...NO_ADDRESS, ...sent, CountryName: 'France' });
    expectOnlyTheseRequests(lookup, created, address);
  });

  it('sends nothing for address fields that are blank, missing or null', async () => {
    const lookup = customerLookupApi('cust-42').reply(404);
    const created = customerSaveApi({ ReferenceCustomer: 'cust-42' }).reply(201, {
      ReferenceCustomer: 'cust-42',
    });
    expect(
      await create({
        ReferenceCustomer: 'cust-42',
        Name: '',
        Email: '   ',
        Language: null,
        ReferenceSegment: undefined,
        Company: '',
        City: '  ',
        Country: null,
      }),
    ).toEqual(bareCustomerRecord('cust-42'));
    expectOnlyTheseRequests(lookup, created);
  });

  it.each([
    ['EN', 'en'],
    ['fr', 'fr'],
    ['en-us', 'en-US'],
    ['fr_FR', 'fr-FR'],
    [' de-AT ', 'de-AT'],
  ])('sends Language %j as %j', async (typed, sent) => {
    await expectCreates(
      { ReferenceCustomer: 'cust-42', Language: typed },
      { ReferenceCustomer: 'cust-42', Language: sent },
    );
  });

  it('accepts a reference of exactly 50 characters, and numbers as text', async () => {
    const reference = 'r'.repeat(50);
    await expectCreates(
      { ReferenceCustomer: reference, Name: 2024 },
      { ReferenceCustomer: reference, Name: '2024' },
      { ReferenceCustomer: reference },
    );
  });

  describe('create only', () => {
    it('stops at an existing reference, naming it and its segment, and writes nothing', async () => {
      const lookup = customerLookupApi('cust-42').reply(200, customer);
      const error = await rejectionOf(
        create({ ReferenceCustomer: 'cust-42', Name: 'Someone Else', City: 'Lyon' }),
      );
      expect(error).toEqual(customerExists('cust-42', 'demo-eur'));
      expectOnlyTheseRequests(lookup);
    });

    it('stops even when the existing customer is in another segment than the one asked for', async () => {
      const lookup = customerLookupApi('cust-42').reply(200, customer);
      const error = await rejectionOf(
        create({ ReferenceCustomer: 'cust-42', ReferenceSegment: 'demo-usd' }),
      );
      expect(error).toMatchObject({
        code: 'customer_exists',
        message: expect.stringContaining('(segment "demo-eur")'),
      });
      expectOnlyTheseRequests(lookup);
    });

    it('says so when another writer created the reference between the lookup and the save (200), and writes no address', async () => {
      const lookup = customerLookupApi('cust-42').reply(404);
      const saved = customerSaveApi({ ReferenceCustomer: 'cust-42', Name: 'John Doe' }).reply(
        200,
        customer,
      );
      const error = await rejectionOf(
        create({ ReferenceCustomer: 'cust-42', Name: 'John Doe', City: 'Lyon' }),
      );
      expect(error).toEqual({
        name: 'AppError',
        code: 'customer_exists',
        message:
          'Customer "cust-42" was created by someone else while this step ran, so ProAbono ' +
          "saved this step's values onto that customer instead of creating a new one, and the " +
          'billing address of this step was not written. Check the customer in ProAbono; use ' +
          'Update Customer Billing Address to set its address.',
      });
      expectOnlyTheseRequests(lookup, saved);
    });

    it('says the customer was created without its address when ProAbono refuses the address, and how to finish it', async () => {
      const lookup = customerLookupApi('cust-42').reply(404);
      const created = customerSaveApi({ ReferenceCustomer: 'cust-42' }).reply(201, customer);
      const address = addressSaveApi('cust-42', { City: 'x'.repeat(300) }).reply(422, [
        { Code: 'Error.Api.Field.TooLong', Message: 'Too long.', Target: 'City' },
      ]);
      const error = await rejectionOf(
        create({ ReferenceCustomer: 'cust-42', City: 'x'.repeat(300) }),
      );
      expect(error).toEqual(
        createdAddressRefused(
          'cust-42',
          'ProAbono did not accept the data while updating the billing address of customer ' +
            '"cust-42": City: Too long. (Error.Api.Field.TooLong).',
        ),
      );
      // The values themselves were refused: sent again they would be, so nothing is retried.
      expectOnlyTheseRequests(lookup, created, address);
      expect(zcache()).toEqual({});
    });

    it('inside Find or Create Customer, says to set a refused address with Update Customer Billing Address', async () => {
      const lookup = customerLookupApi('cust-42').reply(404);
      const created = customerSaveApi({ ReferenceCustomer: 'cust-42' }).reply(201, customer);
      const address = addressSaveApi('cust-42', { City: 'Lyon' }).reply(422, [
        { Code: 'Error.Api.Field.Invalid', Message: 'Refused.', Target: 'City' },
      ]);
      const error = await rejectionOf(
        run(perform, {
          inputData: { ReferenceCustomer: 'cust-42', City: 'Lyon' },
          meta: { withSearch: 'find_customer' },
        }),
      );
      expect(error).toEqual(
        createdAddressRefusedInFindOrCreate(
          'cust-42',
          'ProAbono did not accept the data while updating the billing address of customer ' +
            '"cust-42": City: Refused. (Error.Api.Field.Invalid).',
        ),
      );
      expectOnlyTheseRequests(lookup, created, address);
    });
  });

  const EMOJI_REFERENCE = { ReferenceCustomer: '😀'.repeat(25) };

  it.each([
    [
      'accepts a reference of 25 emoji, 50 UTF-16 units',
      EMOJI_REFERENCE,
      EMOJI_REFERENCE,
      EMOJI_REFERENCE,
    ],
    [
      'leaves out fields made only of invisible characters, and cleans the others',
      {
        ReferenceCustomer: '\uFEFFcust-42\u200B',
        Name: '\u200B\u0000',
        Email: '\u200Bjohn@doe.com\n',
        Language: '\u2060en\u200D',
        ReferenceSegment: '\u200C',
      },
      { ReferenceCustomer: 'cust-42', Email: 'john@doe.com', Language: 'en' },
      customer,
    ],
    [
      'sends a name with control characters removed and visible characters untouched',
      { ReferenceCustomer: 'cust-42', Name: 'Zoë 👩‍💻 東京 שלום\tACME\u0007 SAS' },
      { ReferenceCustomer: 'cust-42', Name: 'Zoë 👩‍💻 東京 שלום ACME SAS' },
      customer,
    ],
  ])('%s', async (_case, inputData, body, answer) => {
    await expectCreates(inputData, body, answer);
  });

  describe('a 1 MB value, quoted back cut short', () => {
    const MB = 1024 * 1024;
    const cut = (text: string) => `"${text}…" (1,048,576 characters)`;

    it.each([
      [
        'Email',
        { Email: 'e'.repeat(MB) },
        `Email ${cut('e'.repeat(60))} is not an email address. Enter one address such as ` +
          'john@doe.com.',
      ],
      [
        'Language',
        { Language: 'l'.repeat(MB) },
        `Language ${cut('l'.repeat(60))} is neither a language code nor a language name. Use a ` +
          'name in English or in the language itself (English, Français, Deutsch), a two-letter ' +
          'ISO 639-1 code such as en or fr, or a locale such as en-US or fr-FR.',
      ],
      [
        'Segment',
        { ReferenceSegment: `=${'s'.repeat(MB - 1)}` },
        `Segment ${cut(`=${'s'.repeat(59)}`)} contains =, which ProAbono does not ` +
          'allow in a reference. Use letters, digits and signs such as - _ . @ (at most 50 ' +
          'characters).',
      ],
      [
        'Customer Reference',
        { ReferenceCustomer: `<${'r'.repeat(MB - 1)}` },
        `Customer Reference ${cut(`<${'r'.repeat(59)}`)} contains <, which ProAbono does not ` +
          'allow in a reference. Use letters, digits and signs such as - _ . @ (at most 50 ' +
          'characters).',
      ],
    ])('in %s', async (_field, fields, message) => {
      expect(
        await rejectionBeforeAnyRequest(() => create({ ReferenceCustomer: 'cust-42', ...fields })),
      ).toEqual(invalidInput(message));
    });
  });

  describe('input errors, before any request', () => {
    it.each([
      [{ ReferenceCustomer: '  ' }, REFERENCE_REQUIRED],
      [{ ReferenceCustomer: 'a&b=c' }, referenceCharacters('Customer Reference', 'a&b=c', '= &')],
      [
        { ReferenceCustomer: '<script>;"?' },
        referenceCharacters('Customer Reference', '<script>;"?', '< > ; " ?'),
      ],
      [{ ReferenceCustomer: 'r'.repeat(51) }, referenceTooLong('Customer Reference', 51)],
      [{ ReferenceCustomer: '😀'.repeat(26) }, referenceTooLong('Customer Reference', 52)],
      [
        { ReferenceCustomer: 'cust-42', ReferenceSegment: 's'.repeat(25) + '😀'.repeat(13) },
        referenceTooLong('Segment', 51),
      ],
      [{ ReferenceCustomer: '\u200B\u2060' }, REFERENCE_REQUIRED],
      [
        { ReferenceCustomer: 'cust-42', Language: 'Englisch' },
        notALanguage('Language', 'Englisch'),
      ],
      [
        { ReferenceCustomer: 'cust-42', ReferenceSegment: 'eu?' },
        referenceCharacters('Segment', 'eu?', '?'),
      ],
      [
        { ReferenceCustomer: 'cust-42', Name: { first: 'John' } },
        notSingleText('Name', 'an object'),
      ],
      [{ ReferenceCustomer: 'cust-42', Country: 'Atlantis' }, notACountry('"Atlantis"')],
      [{ ReferenceCustomer: 'cust-42', City: ['Paris', 'Lyon'] }, notSingleText('City', 'a list')],
    ])('refuses %j', async (inputData, message) => {
      expect(await rejectionBeforeAnyRequest(() => create(inputData))).toEqual(
        invalidInput(message),
      );
    });

    it('refuses an invalid EU VAT number', async () => {
      const error = await rejectionBeforeAnyRequest(() =>
        create({ ReferenceCustomer: 'cust-42', TaxInformation: 'FR00000000000' }),
      );
      expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
      expect(error.message).toMatch(/^VAT \/ Tax Number "FR00000000000"/);
    });
  });

  describe('ProAbono errors, through the shared mapping', () => {
    it('names the Zapier field label of a 422 Target', async () => {
      const lookup = customerLookupApi('cust-42').reply(404);
      const created = customerSaveApi({
        ReferenceCustomer: 'cust-42',
        Email: 'john.doe@example.com',
      }).reply(422, [
        { Code: 'Error.Customer.Email.Invalid', Message: 'Email refused', Target: 'Email' },
      ]);
      expect(
        await rejectionOf(create({ ReferenceCustomer: 'cust-42', Email: 'john.doe@example.com' })),
      ).toEqual(
        invalidData(
          'saving customer "cust-42"',
          'Email: Email refused (Error.Customer.Email.Invalid)',
        ),
      );
      expectOnlyTheseRequests(lookup, created);
    });

    it('asks to reconnect on 401', async () => {
      const lookup = customerLookupApi('cust-42').reply(401);
      const error = await rejectionOf(create({ ReferenceCustomer: 'cust-42' }));
      expect(firstLineOf(error)).toEqual(expiredAuth());
      expectOnlyTheseRequests(lookup);
    });

    it('says the step can be replayed on 5xx, before anything was written', async () => {
      const lookup = customerLookupApi('cust-42').reply(502, '<h1>Bad Gateway</h1>');
      expect(await rejectionOf(create({ ReferenceCustomer: 'cust-42' }))).toEqual(
        serverError(
          'looking up customer "cust-42"',
          502,
          ' (the answer was not JSON: "Bad Gateway")',
        ),
      );
      expectOnlyTheseRequests(lookup);
    });
  });

  describe('every field is checked before the first request', () => {
    it.each([
      ['City', { City: 'Paris \uD83D' }],
      ['Company', { Company: '\uDE00 ACME' }],
      ['Name', { Name: 'Zoë \uD83D' }],
      ['Affiliation Reference', { ReferenceAffiliation: 'p\uD83D' }],
      ['Metadata "source"', { Metadata: { source: 'web \uD83D' } }],
    ])('half an emoji in %s: refused naming the field, nothing sent', async (label, fields) => {
      expect(
        await rejectionBeforeAnyRequest(() =>
          create({ ReferenceCustomer: 'cust-42', Name: 'John', ...fields }),
        ),
      ).toEqual(invalidInput(brokenCharacter(label)));
    });

    it('refuses six metadata pairs before any request', async () => {
      const Metadata = { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' };
      expect(
        await rejectionBeforeAnyRequest(() => create({ ReferenceCustomer: 'cust-42', Metadata })),
      ).toEqual(invalidInput(tooManyMetadataPairs(6)));
    });
  });

  it('sends a language name as its code, the affiliation and the metadata pairs', async () => {
    await expectCreates(
      {
        ReferenceCustomer: 'cust-42',
        Language: 'Français',
        ReferenceAffiliation: 'partner-janesmith',
        Metadata: { crm_id: 4711, source: ' website ', notes: '' },
      },
      {
        ReferenceCustomer: 'cust-42',
        Language: 'fr',
        ReferenceAffiliation: 'partner-janesmith',
        Metadata: { crm_id: '4711', source: 'website' },
      },
    );
  });

  it('returns the affiliation and the metadata ProAbono stored', async () => {
    const lookup = customerLookupApi('cust-42').reply(404);
    const created = customerSaveApi({ ReferenceCustomer: 'cust-42' }).reply(201, {
      ...customer,
      ReferenceAffiliation: 'partner-17',
      Metadata: { crm_id: '4711', Incomes: 150000 },
    });
    expect(await create({ ReferenceCustomer: 'cust-42' })).toEqual({
      ...record,
      ReferenceAffiliation: 'partner-17',
      Metadata: { crm_id: '4711', Incomes: '150000' },
      ...NO_ADDRESS,
    });
    expectOnlyTheseRequests(lookup, created);
  });

  describe('the billing address, written after the customer exists', () => {
    const { pendingLeft, expectNothingLeft } = usePendingAddressTest();

    const ADDRESS = LYON;
    const STORED = { ...NO_ADDRESS, CountryName: undefined, ...ADDRESS };
    const input = { ReferenceCustomer: 'cust-42', Name: 'John Doe', ...ADDRESS };
    const newCustomer = () => [
      customerLookupApi('cust-42').reply(404),
      customerSaveApi({ ReferenceCustomer: 'cust-42', Name: 'John Doe' }).reply(201, customer),
    ];
    /** The step fails so after exactly `scopes`, leaving the address for a replay to finish. */
    const expectAddressLeftPending = async (scopes: nock.Scope[], error: unknown) => {
      expect(await rejectionOf(create(input))).toEqual(error);
      expectOnlyTheseRequests(...scopes);
      expect(pendingLeft()).toEqual({ customerId: 233700, address: ADDRESS });
    };
    const saves = (count: number) =>
      liveApi()
        .matchHeader('content-type', 'application/json')
        .post('/v1/CustomerAddressBilling', ADDRESS)
        .query({ ReferenceCustomer: 'cust-42' })
        .times(count);

    it('a server error, then success: the address is sent again and the step succeeds', async () => {
      const scopes = [
        ...newCustomer(),
        saves(1).reply(500, { Code: 'Error.Api.Internal', Message: 'Oops.' }),
        saves(1).reply(200, STORED),
      ];
      expect(await create(input)).toEqual(LYON_RECORD);
      expectOnlyTheseRequests(...scopes);
      expectNothingLeft();
    });

    it('a server error three times: says the customer exists without its address, and remembers it for a replay', async () => {
      const scopes = [
        ...newCustomer(),
        saves(3).reply(503, { Code: 'Error.Api.Unavailable', Message: 'Down.' }),
      ];
      await expectAddressLeftPending(
        scopes,
        createdAddressFailed(
          'cust-42',
          'ProAbono answered with a server error (HTTP 503) each time it was sent (3 times)',
        ),
      );
    });

    it('a refused connection three times: the same, in its own words', async () => {
      const refused = () =>
        Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      const scopes = [
        ...newCustomer(),
        saves(1).replyWithError(refused()),
        saves(1).replyWithError(refused()),
        saves(1).replyWithError(refused()),
      ];
      await expectAddressLeftPending(
        scopes,
        createdAddressFailed('cust-42', 'ProAbono could not be reached (tried 3 times)'),
      );
    });

    it('a 429: Zapier is asked to run the step again (a ThrottledError), and the address is remembered', async () => {
      const scopes = [
        ...newCustomer(),
        saves(1).reply(429, { Code: 'Error.Api.TooManyRequests' }, { 'retry-after': '30' }),
      ];
      await expectAddressLeftPending(scopes, createdAddressThrottled('cust-42', 30));
    });

    describe("inside Find or Create Customer, when Zapier's cache cannot keep the address", () => {
      /** The step inside Find or Create Customer, with every z.cache write failing. */
      const createInFindOrCreate = () =>
        rejectionOf(
          run(withZCache(perform, { set: FAILING_CACHE.set }), {
            inputData: input,
            meta: { withSearch: 'find_customer' },
          }),
        );

      it.each([
        [
          'a server error three times',
          () => saves(3).reply(503, { Code: 'Error.Api.Unavailable', Message: 'Down.' }),
          'Customer "cust-42" was created, but its billing address was not saved: ProAbono ' +
            'answered with a server error (HTTP 503) each time it was sent (3 times)',
          'once ProAbono has recovered',
        ],
        [
          'a 429, which is then no ThrottledError: the new run would stop at its search',
          () => saves(1).reply(429, { Code: 'Error.Api.TooManyRequests' }, { 'retry-after': '30' }),
          'Customer "cust-42" was created, but ProAbono is limiting the number of requests ' +
            '(HTTP 429), so its billing address is not saved yet',
          'in a few minutes',
        ],
      ])(
        '%s: says a replay would not finish it, and which step will',
        async (_case, addressReplies, failure, when) => {
          const scopes = [...newCustomer(), addressReplies()];
          expect(await createInFindOrCreate()).toEqual(
            createdAddressNotKeptInFindOrCreate(failure, when),
          );
          expectOnlyTheseRequests(...scopes);
          expectNothingLeft();
        },
      );
    });

    it('no answer in time: retried, then read back; still empty, it says ProAbono may yet save it', async () => {
      const scopes = [
        ...newCustomer(),
        saves(3).delay(2000).reply(200, STORED),
        addressReadApi('cust-42').reply(200, EMPTY_ADDRESS),
      ];
      await expectAddressLeftPending(
        scopes,
        createdAddressUnconfirmed('cust-42', '3 times', 'still empty'),
      );
    });

    it('no answer in time, and the read-back fails too: says it cannot tell', async () => {
      const scopes = [
        ...newCustomer(),
        saves(3).delay(2000).reply(200, STORED),
        addressReadApi('cust-42').reply(502, 'Bad Gateway'),
      ];
      expect(await rejectionOf(create(input))).toEqual(
        createdAddressUnconfirmed('cust-42', '3 times', 'unreadable'),
      );
      expectOnlyTheseRequests(...scopes);
    });

    it('an answer it cannot read: not sent again, but read back, and found saved the step succeeds', async () => {
      const scopes = [
        ...newCustomer(),
        saves(1).reply(200, '<html>OK</html>'),
        addressReadApi('cust-42').reply(200, { ...EMPTY_ADDRESS, ...ADDRESS }),
      ];
      expect(await create(input)).toMatchObject({ City: 'Lyon', Country: 'FR' });
      expectOnlyTheseRequests(...scopes);
    });

    it('a server error, then no answer in time, then a server error: says so, after the read-back', async () => {
      const scopes = [
        ...newCustomer(),
        saves(1).reply(500, { Code: 'Error.Api.Internal' }),
        saves(1).delay(2000).reply(200, STORED),
        saves(1).reply(500, { Code: 'Error.Api.Internal' }),
        addressReadApi('cust-42').reply(200, EMPTY_ADDRESS),
      ];
      expect(await rejectionOf(create(input))).toEqual(
        createdAddressUnconfirmed('cust-42', '3 times', 'still empty', true),
      );
      expectOnlyTheseRequests(...scopes);
    });

    it('no answer in time, but the read-back shows the address saved: the step succeeds', async () => {
      const scopes = [
        ...newCustomer(),
        saves(3).delay(2000).reply(200, STORED),
        addressReadApi('cust-42').reply(200, { ...EMPTY_ADDRESS, City: 'Lyon', Country: 'FR' }),
      ];
      expect(await create(input)).toEqual(LYON_RECORD);
      expectOnlyTheseRequests(...scopes);
      expectNothingLeft();
    });
  });

  describe('a replay of a step whose address was not saved', () => {
    const { leavePending, pendingLeft } = usePendingAddressTest();
    const ADDRESS = LYON;
    const input = {
      ReferenceCustomer: 'cust-42',
      Name: 'John Doe',
      Email: 'john.doe@example.com',
      Language: 'en',
      ReferenceSegment: 'demo-eur',
      ReferenceAffiliation: 'partner-janesmith',
      ...ADDRESS,
    };

    it('finds its own customer without an address and writes only the address: no second customer', async () => {
      leavePending(233700, ADDRESS);
      const lookup = customerLookupApi('cust-42').reply(200, customer);
      const read = addressReadApi('cust-42').reply(200, EMPTY_ADDRESS);
      const address = addressSaveApi('cust-42', ADDRESS).reply(200, {
        ...EMPTY_ADDRESS,
        ...ADDRESS,
      });
      expect(await create(input)).toEqual(LYON_RECORD);
      expectOnlyTheseRequests(lookup, read, address);
      // What the failed run left for a replay is done.
      expect(pendingLeft()).toBeUndefined();
    });

    it('recognises its customer whatever the case ProAbono gives the email and language in', async () => {
      const lookup = customerLookupApi('cust-42').reply(200, {
        ...customer,
        Email: 'John.Doe@Example.com',
        Language: 'EN',
      });
      const read = addressReadApi('cust-42').reply(200, EMPTY_ADDRESS);
      const address = addressSaveApi('cust-42', ADDRESS).reply(200, {
        ...EMPTY_ADDRESS,
        ...ADDRESS,
      });
      await create(input);
      expectOnlyTheseRequests(lookup, read, address);
    });

    it('finds the address saved after all (ProAbono answered too late): succeeds without writing', async () => {
      const lookup = customerLookupApi('cust-42').reply(200, customer);
      const read = addressReadApi('cust-42').reply(200, { ...EMPTY_ADDRESS, ...ADDRESS });
      expect(await create(input)).toEqual(LYON_RECORD);
      expectOnlyTheseRequests(lookup, read);
    });

    it.each([
      ['another name', { Name: 'Jane Doe' }],
      ['another email', { Email: 'jane@example.com' }],
      ['another language', { Language: 'fr' }],
      ['another segment', { ReferenceSegment: 'demo-usd' }],
      ['another affiliation', { ReferenceAffiliation: 'partner-17' }],
      ['no affiliation', { ReferenceAffiliation: null }],
    ])('stops at a customer with %s, after the lookup alone', async (_case, differences) => {
      const lookup = customerLookupApi('cust-42').reply(200, { ...customer, ...differences });
      expect(await rejectionOf(create(input))).toMatchObject({ code: 'customer_exists' });
      expectOnlyTheseRequests(lookup);
    });

    it('stops at its look-alike that has another address, and writes nothing', async () => {
      const lookup = customerLookupApi('cust-42').reply(200, customer);
      const read = addressReadApi('cust-42').reply(200, PARIS_ADDRESS);
      expect(await rejectionOf(create(input))).toEqual(customerExists('cust-42', 'demo-eur'));
      expectOnlyTheseRequests(lookup, read);
    });

    it('a step without an address still stops at an existing customer, even one it could have created', async () => {
      const { City: _city, Country: _country, ...withoutAddress } = input;
      const lookup = customerLookupApi('cust-42').reply(200, customer);
      expect(await rejectionOf(create(withoutAddress))).toEqual(
        customerExists('cust-42', 'demo-eur'),
      );
      expectOnlyTheseRequests(lookup);
    });
  });
});
