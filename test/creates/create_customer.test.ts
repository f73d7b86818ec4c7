import nock from 'nock';

import { perform } from '../../src/creates/create_customer.js';
import { AUTH, LIVE, appTester, liveApi, rejectionOf } from '../helpers.js';

const customer = {
  Id: 233700,
  IdSegment: 69,
  ReferenceCustomer: 'cust-42',
  ReferenceSegment: 'demo-eur',
  Currency: 'EUR',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
};

const create = (inputData: Record<string, unknown>) =>
  appTester(perform, { authData: { ...AUTH }, inputData });

const expectUpsert = (body: Record<string, string>) =>
  liveApi()
    .matchHeader('content-type', 'application/json')
    .post('/v1/Customer', (sent) => JSON.stringify(sent) === JSON.stringify(body))
    .times(1);

const expectOnlyThisRequest = (scope: nock.Scope) => {
  expect(scope.isDone()).toBe(true);
  expect(nock.pendingMocks()).toEqual([]);
};

const record = {
  id: '233700',
  ReferenceCustomer: 'cust-42',
  Name: 'John Doe',
  Email: 'john@doe.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceSegment: 'demo-eur',
};

/** What ProAbono's 50-unit limit on references says about one of `length` UTF-16 units. */
const tooLong = (label: string, length: number) =>
  `${label} is ${length} characters long as ProAbono counts them (in UTF-16 units: an emoji ` +
  "counts as 2); ProAbono allows at most 50. Use a shorter reference, such as your own system's " +
  'ID for the customer.';

describe('create_customer', () => {
  it('creates the customer with every filled field, trimmed, and says it is new (201)', async () => {
    const scope = expectUpsert({
      ReferenceCustomer: 'cust-42',
      Name: 'John Doe',
      Email: 'john@doe.com',
      Language: 'en',
      ReferenceSegment: 'demo-eur',
    }).reply(201, customer);
    const result = await create({
      ReferenceCustomer: ' cust-42 ',
      Name: 'John Doe ',
      Email: ' john@doe.com',
      Language: 'en',
      ReferenceSegment: 'demo-eur',
    });
    expect(result).toEqual({ ...record, created: true });
    expectOnlyThisRequest(scope);
  });

  it('says the customer already existed on 200', async () => {
    const scope = expectUpsert({ ReferenceCustomer: 'cust-42', Name: 'John Doe' }).reply(
      200,
      customer,
    );
    expect(await create({ ReferenceCustomer: 'cust-42', Name: 'John Doe' })).toEqual({
      ...record,
      created: false,
    });
    expectOnlyThisRequest(scope);
  });

  it('sends only the reference when nothing else is filled', async () => {
    const scope = expectUpsert({ ReferenceCustomer: 'cust-42' }).reply(201, {
      ReferenceCustomer: 'cust-42',
    });
    expect(
      await create({
        ReferenceCustomer: 'cust-42',
        Name: '',
        Email: '   ',
        Language: null,
        ReferenceSegment: undefined,
      }),
    ).toEqual({
      id: 'cust-42',
      ReferenceCustomer: 'cust-42',
      Name: null,
      Email: null,
      Language: null,
      Status: null,
      ReferenceSegment: null,
      created: true,
    });
    expectOnlyThisRequest(scope);
  });

  it.each([
    ['EN', 'en'],
    ['fr', 'fr'],
    ['en-us', 'en-US'],
    ['fr_FR', 'fr-FR'],
    [' de-AT ', 'de-AT'],
  ])('sends Language %j as %j', async (typed, sent) => {
    const scope = expectUpsert({ ReferenceCustomer: 'cust-42', Language: sent }).reply(
      200,
      customer,
    );
    await create({ ReferenceCustomer: 'cust-42', Language: typed });
    expectOnlyThisRequest(scope);
  });

  it('accepts a reference of exactly 50 characters, and numbers as text', async () => {
    const reference = 'r'.repeat(50);
    const scope = expectUpsert({ ReferenceCustomer: reference, Name: '2024' }).reply(201, {
      ReferenceCustomer: reference,
    });
    await create({ ReferenceCustomer: reference, Name: 2024 });
    expectOnlyThisRequest(scope);
  });

  it('accepts a reference of 25 emoji, 50 UTF-16 units', async () => {
    const reference = '😀'.repeat(25);
    const scope = expectUpsert({ ReferenceCustomer: reference }).reply(201, {
      ReferenceCustomer: reference,
    });
    await create({ ReferenceCustomer: reference });
    expectOnlyThisRequest(scope);
  });

  it('leaves out fields made only of invisible characters, and cleans the others', async () => {
    const scope = expectUpsert({
      ReferenceCustomer: 'cust-42',
      Email: 'john@doe.com',
      Language: 'en',
    }).reply(201, customer);
    await create({
      ReferenceCustomer: '\uFEFFcust-42\u200B',
      Name: '\u200B\u0000',
      Email: '\u200Bjohn@doe.com\n',
      Language: '\u2060en\u200D',
      ReferenceSegment: '\u200C',
    });
    expectOnlyThisRequest(scope);
  });

  it('sends a name with control characters removed and visible characters untouched', async () => {
    const scope = expectUpsert({
      ReferenceCustomer: 'cust-42',
      Name: 'Zoë 👩‍💻 東京 שלום ACME SAS',
    }).reply(201, customer);
    await create({ ReferenceCustomer: 'cust-42', Name: 'Zoë 👩‍💻 東京 שלום\tACME\u0007 SAS' });
    expectOnlyThisRequest(scope);
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
        `Language ${cut('l'.repeat(60))} is not a language code. Use a two-letter ISO 639-1 ` +
          'code such as en or fr, or a locale such as en-US or fr-FR.',
      ],
      [
        'Segment Reference',
        { ReferenceSegment: `=${'s'.repeat(MB - 1)}` },
        `Segment Reference ${cut(`=${'s'.repeat(59)}`)} contains =, which ProAbono does not ` +
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
      const scope = nock(LIVE).persist().post(/.*/).reply(201, customer);
      expect(await rejectionOf(create({ ReferenceCustomer: 'cust-42', ...fields }))).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message,
      });
      expect(scope.isDone()).toBe(false);
    });
  });

  describe('input errors, before any request', () => {
    it.each([
      [
        { ReferenceCustomer: '  ' },
        'Customer Reference is required: enter the ID your own system uses for this customer ' +
          '(at most 50 characters), such as cust-42.',
      ],
      [
        { ReferenceCustomer: 'a&b=c' },
        'Customer Reference "a&b=c" contains = &, which ProAbono does not allow in a reference. ' +
          'Use letters, digits and signs such as - _ . @ (at most 50 characters).',
      ],
      [
        { ReferenceCustomer: '<script>;"?' },
        'Customer Reference "<script>;"?" contains < > ; " ?, which ProAbono does not allow in ' +
          'a reference. Use letters, digits and signs such as - _ . @ (at most 50 characters).',
      ],
      [{ ReferenceCustomer: 'r'.repeat(51) }, tooLong('Customer Reference', 51)],
      [{ ReferenceCustomer: '😀'.repeat(26) }, tooLong('Customer Reference', 52)],
      [
        { ReferenceCustomer: 'cust-42', ReferenceSegment: 's'.repeat(25) + '😀'.repeat(13) },
        tooLong('Segment Reference', 51),
      ],
      [
        { ReferenceCustomer: '\u200B\u2060' },
        'Customer Reference is required: enter the ID your own system uses for this customer ' +
          '(at most 50 characters), such as cust-42.',
      ],
      [
        { ReferenceCustomer: 'cust-42', Email: 'john@' },
        'Email "john@" is not an email address. Enter one address such as john@doe.com.',
      ],
      [
        { ReferenceCustomer: 'cust-42', Language: 'English' },
        'Language "English" is not a language code. Use a two-letter ISO 639-1 code such as en ' +
          'or fr, or a locale such as en-US or fr-FR.',
      ],
      [
        { ReferenceCustomer: 'cust-42', Language: 'eng' },
        'Language "eng" is not a language code. Use a two-letter ISO 639-1 code such as en or ' +
          'fr, or a locale such as en-US or fr-FR.',
      ],
      [
        { ReferenceCustomer: 'cust-42', ReferenceSegment: 'eu?' },
        'Segment Reference "eu?" contains ?, which ProAbono does not allow in a reference. Use ' +
          'letters, digits and signs such as - _ . @ (at most 50 characters).',
      ],
      [
        { ReferenceCustomer: 'cust-42', Name: { first: 'John' } },
        'Name must be a single text value, but it received an object. Map one value into Name.',
      ],
    ])('refuses %j', async (inputData, message) => {
      const scope = nock(LIVE).persist().post(/.*/).reply(201, customer);
      expect(await rejectionOf(create(inputData))).toEqual({
        name: 'AppError',
        code: 'invalid_input',
        message,
      });
      expect(scope.isDone()).toBe(false);
    });
  });

  describe('ProAbono errors, through the shared mapping', () => {
    it('names the Zapier field label of a 422 Target', async () => {
      const scope = expectUpsert({ ReferenceCustomer: 'cust-42', Email: 'john@doe.com' }).reply(
        422,
        [{ Code: 'Error.Customer.Email.Invalid', Message: 'Email refused', Target: 'Email' }],
      );
      expect(
        await rejectionOf(create({ ReferenceCustomer: 'cust-42', Email: 'john@doe.com' })),
      ).toEqual({
        name: 'AppError',
        code: 'invalid_data',
        status: 422,
        message:
          'ProAbono did not accept the data while saving customer "cust-42": Email: Email ' +
          'refused (Error.Customer.Email.Invalid).',
      });
      expectOnlyThisRequest(scope);
    });

    it('asks to reconnect on 401', async () => {
      const scope = expectUpsert({ ReferenceCustomer: 'cust-42' }).reply(401);
      const error = await rejectionOf(create({ ReferenceCustomer: 'cust-42' }));
      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message.split('\n')[0]).toBe(
        'ProAbono no longer accepts the Agent Key and API Key saved for business 42. ' +
          'Reconnect your ProAbono account in Zapier with the current keys from ProAbono → ' +
          'Integration → API.',
      );
      expectOnlyThisRequest(scope);
    });

    it('says the step can be replayed on 5xx', async () => {
      const scope = expectUpsert({ ReferenceCustomer: 'cust-42' }).reply(
        502,
        '<h1>Bad Gateway</h1>',
      );
      expect(await rejectionOf(create({ ReferenceCustomer: 'cust-42' }))).toEqual({
        name: 'AppError',
        code: 'server_error',
        status: 502,
        message:
          'ProAbono had a server error (HTTP 502) while saving customer "cust-42" (the answer ' +
          'was not JSON: "Bad Gateway"). Nothing is wrong with your data: replay this step once ' +
          'ProAbono has recovered.',
      });
      expectOnlyThisRequest(scope);
    });
  });
});
