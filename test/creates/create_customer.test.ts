import nock from 'nock';

import { perform } from '../../src/creates/create_customer.js';
import {
  LIVE,
  addressSaveApi,
  customerLookupApi,
  customerSaveApi,
  expectOnlyTheseRequests,
  rejectionOf,
  run,
} from '../support/app.js';
import { NO_ADDRESS, bareCustomerRecord } from '../support/records.js';
import {
  REFERENCE_REQUIRED,
  customerExists,
  expiredAuth,
  firstLineOf,
  invalidData,
  invalidInput,
  notACountry,
  notALanguage,
  referenceCharacters,
  referenceTooLong,
  serverError,
} from '../support/errors.js';
import { JOHN_DOE, JOHN_DOE_RECORD } from '../support/proabono.js';

const customer = JOHN_DOE;

const create = (inputData: Record<string, unknown>) => run(perform, { inputData });

const record = JOHN_DOE_RECORD;

/**
 * Runs the step and checks its two requests: the lookup of the reference (404: it is free), then
 * the creation with exactly `body`, which ProAbono answers with `answer`.
 */
const expectCreates = async (
  inputData: Record<string, unknown>,
  body: { ReferenceCustomer: string } & Record<string, string>,
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
    const lookup = customerLookupApi('cust-42').reply(404);
    const created = customerSaveApi({ ReferenceCustomer: 'cust-42', Language: sent }).reply(
      201,
      customer,
    );
    await create({ ReferenceCustomer: 'cust-42', Language: typed });
    expectOnlyTheseRequests(lookup, created);
  });

  it('accepts a reference of exactly 50 characters, and numbers as text', async () => {
    const reference = 'r'.repeat(50);
    const lookup = customerLookupApi(reference).reply(404);
    const created = customerSaveApi({ ReferenceCustomer: reference, Name: '2024' }).reply(201, {
      ReferenceCustomer: reference,
    });
    await create({ ReferenceCustomer: reference, Name: 2024 });
    expectOnlyTheseRequests(lookup, created);
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

    it('says the customer exists without its address when ProAbono refuses the address', async () => {
      const lookup = customerLookupApi('cust-42').reply(404);
      const created = customerSaveApi({ ReferenceCustomer: 'cust-42' }).reply(201, customer);
      const address = addressSaveApi('cust-42', { City: 'x'.repeat(300) }).reply(422, [
        { Code: 'Error.Api.Field.TooLong', Message: 'Too long.', Target: 'City' },
      ]);
      const error = await rejectionOf(
        create({ ReferenceCustomer: 'cust-42', City: 'x'.repeat(300) }),
      );
      expect(error).toEqual({
        name: 'AppError',
        code: 'address_not_saved',
        message:
          'Customer "cust-42" was created, but its billing address was not saved: ProAbono did ' +
          'not accept the data while updating the billing address of customer "cust-42": City: ' +
          'Too long. (Error.Api.Field.TooLong). Set the address with Update Customer Billing ' +
          'Address; replaying this step would stop at the existing customer.',
      });
      expectOnlyTheseRequests(lookup, created, address);
    });
  });

  it('accepts a reference of 25 emoji, 50 UTF-16 units', async () => {
    const reference = { ReferenceCustomer: '😀'.repeat(25) };
    await expectCreates(reference, reference, reference);
  });

  it('leaves out fields made only of invisible characters, and cleans the others', async () => {
    await expectCreates(
      {
        ReferenceCustomer: '\uFEFFcust-42\u200B',
        Name: '\u200B\u0000',
        Email: '\u200Bjohn@doe.com\n',
        Language: '\u2060en\u200D',
        ReferenceSegment: '\u200C',
      },
      { ReferenceCustomer: 'cust-42', Email: 'john@doe.com', Language: 'en' },
    );
  });

  it('sends a name with control characters removed and visible characters untouched', async () => {
    await expectCreates(
      { ReferenceCustomer: 'cust-42', Name: 'Zoë 👩‍💻 東京 שלום\tACME\u0007 SAS' },
      { ReferenceCustomer: 'cust-42', Name: 'Zoë 👩‍💻 東京 שלום ACME SAS' },
    );
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
      const scope = nock(LIVE).persist().post(/.*/).reply(201, customer);
      expect(await rejectionOf(create({ ReferenceCustomer: 'cust-42', ...fields }))).toEqual(
        invalidInput(message),
      );
      expect(scope.isDone()).toBe(false);
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
      [{ ReferenceCustomer: 'cust-42', Language: 'English' }, notALanguage('Language', 'English')],
      [
        { ReferenceCustomer: 'cust-42', ReferenceSegment: 'eu?' },
        referenceCharacters('Segment', 'eu?', '?'),
      ],
      [
        { ReferenceCustomer: 'cust-42', Name: { first: 'John' } },
        'Name must be a single text value, but it received an object. Map one value into Name.',
      ],
      [{ ReferenceCustomer: 'cust-42', Country: 'Atlantis' }, notACountry('"Atlantis"')],
      [
        { ReferenceCustomer: 'cust-42', City: ['Paris', 'Lyon'] },
        'City must be a single text value, but it received a list. Map one value into City.',
      ],
    ])('refuses %j', async (inputData, message) => {
      const scope = nock(LIVE).persist().get(/.*/).reply(404).post(/.*/).reply(201, customer);
      expect(await rejectionOf(create(inputData))).toEqual(invalidInput(message));
      expect(scope.isDone()).toBe(false);
      nock.cleanAll();
    });

    it('refuses an invalid EU VAT number', async () => {
      const scope = nock(LIVE).persist().get(/.*/).reply(404).post(/.*/).reply(201, customer);
      const error = await rejectionOf(
        create({ ReferenceCustomer: 'cust-42', TaxInformation: 'FR00000000000' }),
      );
      expect(error).toMatchObject({ name: 'AppError', code: 'invalid_input' });
      expect(error.message).toMatch(/^VAT \/ Tax Number "FR00000000000"/);
      expect(scope.isDone()).toBe(false);
      nock.cleanAll();
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
});
