import nock from 'nock';

import { perform } from '../../src/creates/update_customer_billing_address.js';
import { updatedBillingAddressSample } from '../../src/samples/billingAddress.js';
import {
  AUTH,
  SECRETS,
  addressReadApi,
  addressSaveApi,
  expectOnlyTheseRequests,
  rejectionBeforeAnyRequest,
  rejectionOf,
  step,
} from '../support/app.js';
import {
  CUSTOMER_REQUIRED,
  expiredAuth,
  fieldsNotCleared,
  filledAndCleared,
  firstLineOf,
  FRENCH_VAT,
  invalidData,
  invalidInput,
  invalidVat,
  kosovo,
  notACountry,
  notAnAddressField,
  nothingToUpdateAddress,
  notSingleText,
  notYesOrNo,
  referenceCharacters,
  referenceTooLong,
  serverError,
  throttled,
  unexpected,
  unknownCustomer,
} from '../support/errors.js';
import { PARIS_ADDRESS } from '../support/proabono.js';
import { NO_ADDRESS } from '../support/records.js';

const PATH = '/v1/CustomerAddressBilling';

/** The full address ProAbono answers after an update; `null` for empty fields. */
const stored = PARIS_ADDRESS;

const update = step(perform);

/** Accents, emoji, CJK and right-to-left text: what must reach ProAbono byte for byte. */
const WORLD_TEXT = {
  Company: '👩‍💻 Zoë & Co ❤️',
  AddressLine1: '東京都千代田区丸の内1-1',
  AddressLine2: 'רחוב הרצל 12',
  City: 'Łódź',
};

/** cust-42's record where ProAbono answered its French address with `changes`. */
const parisRecord = (changes: object = {}) => ({
  id: 'cust-42',
  ReferenceCustomer: 'cust-42',
  ...stored,
  ...changes,
  CountryName: 'France',
});

/**
 * Runs the step for cust-42 (unless `inputData` names another reference) and checks that it sent
 * exactly `body` for cust-42 and nothing else; ProAbono answers `answer`.
 */
const expectSends = async (
  inputData: Record<string, unknown>,
  body: Record<string, string>,
  answer: object = stored,
) => {
  const scope = addressSaveApi('cust-42', body).reply(200, answer);
  await update({ ReferenceCustomer: 'cust-42', ...inputData });
  expectOnlyTheseRequests(scope);
};

/** The save of cust-42's address with exactly `body`, answered with the address so changed. */
const savedAs = (body: Record<string, string | null>, changes: object) =>
  addressSaveApi('cust-42', body).reply(200, { ...stored, ...changes });

describe('update_customer_billing_address', () => {
  it('sends only the filled fields, trimmed, and returns the stored address', async () => {
    const scope = savedAs({ ZipCode: '69002', City: 'Lyon' }, { ZipCode: '69002', City: 'Lyon' });
    const result = await update({
      ReferenceCustomer: 'cust-42',
      Company: '',
      FirstName: '   ',
      LastName: null,
      ZipCode: ' 69002 ',
      City: 'Lyon\n',
      clear_fields: [],
    });
    expect(result).toEqual({
      id: 'cust-42',
      ReferenceCustomer: 'cust-42',
      ...stored,
      ZipCode: '69002',
      City: 'Lyon',
      CountryName: 'France',
    });
    expect(Object.keys(result)).toEqual(Object.keys(updatedBillingAddressSample));
    expectOnlyTheseRequests(scope);
  });

  it('sends a field listed in Fields to Clear as ""', async () => {
    const scope = savedAs(
      { Company: 'ACME SAS', AddressLine2: '', TaxInformation: '' },
      { Company: 'ACME SAS', AddressLine2: null, TaxInformation: null },
    );
    const result = await update({
      ReferenceCustomer: 'cust-42',
      Company: 'ACME SAS',
      AddressLine2: '  ',
      clear_fields: ['AddressLine2', 'VAT / Tax Number'],
    });
    expect(result).toEqual(
      parisRecord({ Company: 'ACME SAS', AddressLine2: null, TaxInformation: null }),
    );
    expectOnlyTheseRequests(scope);
  });

  it('accepts Fields to Clear as comma-separated text', async () => {
    await expectSends(
      { clear_fields: 'phone, Region / State' },
      { Region: '', Phone: '' },
      { ...stored, Region: null, Phone: null },
    );
  });

  it('sends all eleven fields when all are filled', async () => {
    const scope = addressSaveApi('cust-42', stored).reply(200, stored);
    const result = await update({ ReferenceCustomer: 'cust-42', ...stored });
    expect(result).toEqual(parisRecord());
    expectOnlyTheseRequests(scope);
  });

  it('normalises country, region, phone and VAT number before sending', async () => {
    const body = {
      Country: 'DE',
      Region: 'DE-BY',
      Phone: '+4930123456',
      TaxInformation: 'DE136695976',
    };
    await expectSends(
      {
        Country: 'Deutschland',
        Region: 'by',
        Phone: '030 123456',
        TaxInformation: 'de 136 695 976',
      },
      body,
      { ...stored, ...body },
    );
  });

  it.each([
    ['fr', 'FR'],
    ['FRA', 'FR'],
    ['España', 'ES'],
    ['espana', 'ES'],
    ['Royaume-Uni', 'GB'],
    ['Vereinigtes Königreich', 'GB'],
    ['united states', 'US'],
  ])('sends Country %j as %j', async (typed, code) => {
    await expectSends({ Country: typed }, { Country: code }, { ...stored, Country: code });
  });

  it.each([
    ['VAT FR40303265045', 'FR40303265045'],
    ['TVA: FR 40 303 265 045;', 'FR40303265045'],
    ['FR40303265045\u200B', 'FR40303265045'],
    ['USt-IdNr.: DE136695976', 'DE136695976'],
    ['CZ 516 911 196', 'CZ516911196'],
  ])('sends the VAT number typed as %j in its compact form', async (typed, compact) => {
    await expectSends({ TaxInformation: typed }, { TaxInformation: compact });
  });

  it('sends a phone it cannot validate as typed, and non-EU tax IDs unchanged', async () => {
    const body = { Phone: '12345', TaxInformation: 'CHE-123.456.789 MWST' };
    await expectSends({ Country: '', ...body }, body, { ...stored, ...body });
  });

  it('converts numbers mapped from a spreadsheet to text', async () => {
    const scope = addressSaveApi('12345', { ZipCode: '75008' }).reply(200, stored);
    const result = await update({ ReferenceCustomer: 12345, ZipCode: 75008 });
    expect(result).toMatchObject({ id: '12345', ReferenceCustomer: '12345' });
    expectOnlyTheseRequests(scope);
  });

  it('URL-encodes the reference in the query string', async () => {
    const reference = 'cust fr/001+é#%';
    const scope = addressSaveApi(reference, { City: 'Paris' }).reply(200, stored);
    const paths: string[] = [];
    scope.on('request', (request: { path: string }) => paths.push(request.path));
    const result = await update({ ReferenceCustomer: reference, City: 'Paris' });
    expect(result).toMatchObject({ id: reference, ReferenceCustomer: reference });
    // nock decodes queries before matching, so the raw path shows the encoding itself.
    expect(paths).toEqual([`${PATH}?ReferenceCustomer=cust%20fr%2F001%2B%C3%A9%23%25`]);
    expectOnlyTheseRequests(scope);
  });

  describe('invisible and control characters', () => {
    it.each([
      [
        'leaves a field made only of invisible characters unchanged, like a blank one',
        {
          Company: 'ACME SAS',
          FirstName: '\u200B',
          LastName: '\u200C\u200D',
          AddressLine1: '\u2060',
          AddressLine2: '\uFEFF',
          ZipCode: '\u0000',
          City: ' \u200B\t\u0007 ',
          Country: '\u200E',
          Region: '\u00AD',
          Phone: '\u2028',
          TaxInformation: '\u200B\u200B',
        },
        { Company: 'ACME SAS' },
        stored,
      ],
      [
        'strips control characters, turns line breaks into a space and trims zero-width ones',
        {
          ReferenceCustomer: '\u200Bcust-42\u200B',
          Company: 'ACME\u0000 SAS',
          AddressLine1: '1 rue de Rivoli\r\nBâtiment B',
          City: '\uFEFFParis\u200B',
          TaxInformation: 'FR40303265045\u200B',
        },
        {
          Company: 'ACME SAS',
          AddressLine1: '1 rue de Rivoli Bâtiment B',
          City: 'Paris',
          TaxInformation: 'FR40303265045',
        },
        stored,
      ],
      ['sends accents, emoji, CJK and RTL text byte for byte', WORLD_TEXT, WORLD_TEXT, stored],
      [
        'reads Fields to Clear through the same cleaning',
        { City: '\u200B', clear_fields: ['\u200B', 'Ci\u0000ty', '\u2060Phone\n'] },
        { City: '', Phone: '' },
        { ...stored, City: null, Phone: null },
      ],
    ])('%s', async (_case, inputData, body, answer) => {
      await expectSends(inputData, body, answer);
    });
  });

  it('returns null for every field ProAbono leaves empty or omits', async () => {
    const scope = addressSaveApi('cust-42', { City: 'Paris' }).reply(200, {
      City: 'Paris',
      Company: '',
      Phone: null,
    });
    const result = await update({ ReferenceCustomer: 'cust-42', City: 'Paris' });
    expect(result).toEqual({
      id: 'cust-42',
      ReferenceCustomer: 'cust-42',
      ...NO_ADDRESS,
      City: 'Paris',
    });
    expectOnlyTheseRequests(scope);
  });

  /** Customer cust-42's step with `fields` (which may name another customer) is refused so. */
  const expectRefused = async (fields: Record<string, unknown>, message: string) => {
    expect(
      await rejectionBeforeAnyRequest(() => update({ ReferenceCustomer: 'cust-42', ...fields })),
    ).toEqual(invalidInput(message));
  };

  describe('input errors, before any request', () => {
    /** A French VAT number, typed as `typed`, whose check digits do not match. */
    const frenchVatTypo = (typed: string) => invalidVat(`"${typed}"`, 'French', FRENCH_VAT);

    it.each([
      ['nothing to change', { City: ' ', clear_fields: [] }, nothingToUpdateAddress('cust-42')],
      [
        'a field filled in and cleared',
        { City: 'Paris', clear_fields: 'City' },
        filledAndCleared('City'),
      ],
      ['no customer', { ReferenceCustomer: '  ', City: 'Paris' }, CUSTOMER_REQUIRED],
      ['an unknown country', { Country: 'Atlantis' }, notACountry('"Atlantis"')],
      ['Kosovo, which has no ISO 3166-1 code', { Country: 'Kosovo' }, kosovo('"Kosovo"')],
      [
        'an invalid EU VAT number',
        { TaxInformation: 'FR40303265046' },
        frenchVatTypo('FR40303265046'),
      ],
      [
        'a wrong VAT number behind a label',
        { TaxInformation: 'TVA: FR40303265046' },
        frenchVatTypo('TVA: FR40303265046'),
      ],
      [
        'a Czech VAT number with 12 digits',
        { TaxInformation: 'CZ516911196000' },
        invalidVat('"CZ516911196000"', 'Czech', 'CZ followed by 8, 9 or 10 digits', false),
      ],
      [
        'an object in a text field',
        { City: { name: 'Paris' } },
        notSingleText('City', 'an object'),
      ],
      [
        'an unknown field to clear',
        { clear_fields: ['Email'] },
        notAnAddressField('Fields to Clear', '"Email"'),
      ],
      [
        'a step whose fields hold only invisible characters',
        { City: '\u200B', Company: '\u2060\u0000' },
        nothingToUpdateAddress('cust-42'),
      ],
      [
        'a customer made only of invisible characters',
        { ReferenceCustomer: '\u200B\uFEFF', City: 'Paris' },
        CUSTOMER_REQUIRED,
      ],
      [
        'a customer reference with characters ProAbono forbids',
        { ReferenceCustomer: 'a&b=c/é ?', City: 'Paris' },
        referenceCharacters('Customer', 'a&b=c/é ?', '= ? &'),
      ],
      [
        'a customer reference of 51 characters',
        { ReferenceCustomer: 'r'.repeat(51), City: 'Paris' },
        referenceTooLong('Customer', 51),
      ],
      [
        'a customer reference of 26 emoji (52 UTF-16 units)',
        { ReferenceCustomer: '😀'.repeat(26), City: 'Paris' },
        referenceTooLong('Customer', 52),
      ],
    ])('refuses %s', async (_, fields, message) => {
      await expectRefused(fields, message);
    });
  });

  describe('a 1 MB value, quoted back cut short', () => {
    const MB = 1024 * 1024;
    const cut = (character: string) => `"${character.repeat(60)}…" (1,048,576 characters)`;

    it.each([
      ['Country', { Country: 'x'.repeat(MB) }, notACountry(cut('x'))],
      [
        'VAT / Tax Number',
        { TaxInformation: `FR${'4'.repeat(MB - 2)}` },
        invalidVat(`"FR${'4'.repeat(58)}…" (1,048,576 characters)`, 'French', FRENCH_VAT, false),
      ],
      [
        'Fields to Clear',
        { clear_fields: ['City', 'y'.repeat(MB)] },
        notAnAddressField('Fields to Clear', cut('y')),
      ],
      [
        'Customer',
        { ReferenceCustomer: `&${'z'.repeat(MB - 1)}`, City: 'Paris' },
        `Customer "&${'z'.repeat(59)}…" (1,048,576 characters) contains &, which ProAbono does ` +
          'not allow in a reference. Use letters, digits and signs such as - _ . @ (at most 50 ' +
          'characters).',
      ],
    ])('in %s', async (_field, fields, message) => {
      await expectRefused(fields, message);
    });
  });

  describe('ProAbono errors, through the shared mapping', () => {
    it.each([
      ['a bare 403', undefined],
      [
        'a 403 with Error.Api.Customer.Unaccessible',
        {
          Code: 'Error.Api.Customer.Unaccessible',
          Message: 'You cannot access that Customer',
        },
      ],
    ])('says no such customer on %s', async (_, body) => {
      const scope = addressSaveApi('nobody', { City: 'Paris' }).reply(403, body);
      expect(await rejectionOf(update({ ReferenceCustomer: 'nobody', City: 'Paris' }))).toEqual(
        unknownCustomer('nobody'),
      );
      expectOnlyTheseRequests(scope);
    });

    it('names the Zapier field label of a 422 Target', async () => {
      const scope = addressSaveApi('cust-42', { ZipCode: '7500', Country: 'FR' }).reply(422, [
        { Code: 'Error.Validation.Country', Message: 'Unsupported country', Target: 'Country' },
        { Code: 'Error.Validation.ZipCode', Message: 'Invalid postal code', Target: 'ZipCode' },
      ]);
      expect(
        await rejectionOf(update({ ReferenceCustomer: 'cust-42', Country: 'FR', ZipCode: '7500' })),
      ).toEqual(
        invalidData(
          'updating the billing address of customer "cust-42"',
          'Country: Unsupported country (Error.Validation.Country); Zip / Postal Code: Invalid postal code (Error.Validation.ZipCode)',
        ),
      );
      expectOnlyTheseRequests(scope);
    });

    it('asks to reconnect on 401, without any secret', async () => {
      const scope = addressSaveApi('cust-42', { City: 'Paris' }).reply(401, {
        Code: 'Unauthorized',
        Message: `Bad key ${AUTH.apiKey}`,
      });
      const error = await rejectionOf(update({ ReferenceCustomer: 'cust-42', City: 'Paris' }));
      expect(firstLineOf(error)).toEqual(expiredAuth());
      for (const secret of SECRETS) expect(JSON.stringify(error)).not.toContain(secret);
      expectOnlyTheseRequests(scope);
    });

    const WRITING = 'updating the billing address of customer "cust-42"';

    it.each([
      [
        'says the step can be replayed on 5xx',
        503,
        'Service Unavailable',
        {},
        serverError(WRITING, 503, ' (the answer was not JSON: "Service Unavailable")'),
      ],
      [
        'throttles on 429 with the Retry-After delay',
        429,
        '',
        { 'Retry-After': '17' },
        throttled(WRITING, 17),
      ],
      [
        'reports an answer it cannot read, naming the endpoint',
        200,
        '<html>oops</html>',
        {},
        unexpected('POST /v1/CustomerAddressBilling', WRITING, 'the answer was not JSON: "oops"'),
      ],
    ])('%s', async (_, status, body, headers, expected) => {
      const scope = addressSaveApi('cust-42', { City: 'Paris' }).reply(status, body, headers);
      expect(await rejectionOf(update({ ReferenceCustomer: 'cust-42', City: 'Paris' }))).toEqual(
        expected,
      );
      expectOnlyTheseRequests(scope);
    });
  });
});

describe('update_customer_billing_address: a clear ProAbono may ignore', () => {
  // ProAbono documents that the fields provided are updated, not what "" does; one of its own
  // clients sends null. Both behaviours must end in an emptied field or a clear failure.

  it('ProAbono empties a field sent as "": one request, nothing more', async () => {
    const scope = savedAs({ AddressLine2: '', City: 'Lyon' }, { City: 'Lyon', AddressLine2: null });
    expect(
      await update({ ReferenceCustomer: 'cust-42', City: 'Lyon', clear_fields: ['AddressLine2'] }),
    ).toMatchObject({ City: 'Lyon', AddressLine2: null });
    expectOnlyTheseRequests(scope);
  });

  it('ProAbono ignores "" but empties null: the kept field is sent once more as null', async () => {
    const first = addressSaveApi('cust-42', { AddressLine2: '', City: 'Lyon', Phone: '' }).reply(
      200,
      // It answered the address with the cleared fields still filled, the new City saved.
      { ...stored, City: 'Lyon' },
    );
    const second = savedAs(
      { AddressLine2: null, Phone: null },
      { City: 'Lyon', AddressLine2: null, Phone: null },
    );
    const result = await update({
      ReferenceCustomer: 'cust-42',
      City: 'Lyon',
      clear_fields: ['AddressLine2', 'Phone'],
    });
    expect(result).toEqual(parisRecord({ City: 'Lyon', AddressLine2: null, Phone: null }));
    expectOnlyTheseRequests(first, second);
  });

  it('only the field ProAbono kept is sent again', async () => {
    const first = savedAs({ AddressLine2: '', Phone: '' }, { Phone: null });
    const second = savedAs({ AddressLine2: null }, { AddressLine2: null, Phone: null });
    await update({ ReferenceCustomer: 'cust-42', clear_fields: ['AddressLine2', 'Phone'] });
    expectOnlyTheseRequests(first, second);
  });

  it('ProAbono keeps a field sent both ways: the step fails, naming it and what was saved', async () => {
    const first = savedAs({ AddressLine2: '', City: 'Lyon' }, { City: 'Lyon' });
    const second = savedAs({ AddressLine2: null }, { City: 'Lyon' });
    expect(
      await rejectionOf(
        update({ ReferenceCustomer: 'cust-42', City: 'Lyon', clear_fields: ['AddressLine2'] }),
      ),
    ).toEqual(fieldsNotCleared('cust-42', 'Address Line 2 ("1st Floor")', false, 'City'));
    expectOnlyTheseRequests(first, second);
  });

  it('names every field kept, and says when nothing else was to change', async () => {
    const first = addressSaveApi('cust-42', { AddressLine2: '', Phone: '' }).reply(200, stored);
    const second = addressSaveApi('cust-42', { AddressLine2: null, Phone: null }).reply(
      200,
      stored,
    );
    expect(
      await rejectionOf(
        update({ ReferenceCustomer: 'cust-42', clear_fields: ['AddressLine2', 'Phone'] }),
      ),
    ).toEqual(
      fieldsNotCleared(
        'cust-42',
        'Address Line 2 ("1st Floor") and Phone ("+33102030405")',
        true,
        null,
      ),
    );
    expectOnlyTheseRequests(first, second);
  });
});

describe('update_customer_billing_address with Skip If Nothing Would Change', () => {
  const read = (reference = 'cust-42', address: object = stored) =>
    addressReadApi(reference).reply(200, address);
  const recordOf = (address: object, changed: boolean, changedFields: string[]) => ({
    ...parisRecord(address),
    changed,
    changed_fields: changedFields,
  });

  it('reads the address and sends nothing when no field would change: one request', async () => {
    const scope = read('cust-42', { ...stored, Phone: '+33 1 02 03 04 05' });
    const result = await update({
      ReferenceCustomer: 'cust-42',
      City: ' Paris ',
      Country: 'France',
      Phone: '01 02 03 04 05',
      TaxInformation: 'FR 40 303 265 045',
      clear_fields: [],
      skip_if_unchanged: 'yes',
    });
    expect(result).toEqual(recordOf({ Phone: '+33 1 02 03 04 05' }, false, []));
    // The sample describes the step without this option; with it, two fields are added.
    expect(Object.keys(result)).toEqual([
      ...Object.keys(updatedBillingAddressSample),
      'changed',
      'changed_fields',
    ]);
    expectOnlyTheseRequests(scope);
  });

  it('sends only the fields that would change, and says which: two requests', async () => {
    const before = read();
    const after = savedAs({ ZipCode: '69002', City: 'Lyon' }, { ZipCode: '69002', City: 'Lyon' });
    const result = await update({
      ReferenceCustomer: 'cust-42',
      ZipCode: '69002',
      City: 'Lyon',
      Country: 'FR',
      skip_if_unchanged: true,
    });
    expect(result).toEqual(recordOf({ ZipCode: '69002', City: 'Lyon' }, true, ['ZipCode', 'City']));
    expect(before.isDone()).toBe(true);
    expectOnlyTheseRequests(after);
  });

  it('clears only a field that holds something', async () => {
    const scope = read('cust-42', { ...stored, AddressLine2: null });
    const result = await update({
      ReferenceCustomer: 'cust-42',
      clear_fields: ['AddressLine2'],
      skip_if_unchanged: 'true',
    });
    expect(result).toEqual(recordOf({ AddressLine2: null }, false, []));
    expectOnlyTheseRequests(scope);
  });

  it('clears with null a field ProAbono kept when sent "", after the read', async () => {
    const before = read();
    const first = addressSaveApi('cust-42', { AddressLine2: '' }).reply(200, stored);
    const second = savedAs({ AddressLine2: null }, { AddressLine2: null });
    expect(
      await update({
        ReferenceCustomer: 'cust-42',
        clear_fields: ['AddressLine2'],
        skip_if_unchanged: true,
      }),
    ).toEqual(recordOf({ AddressLine2: null }, true, ['AddressLine2']));
    expect(before.isDone()).toBe(true);
    expectOnlyTheseRequests(first, second);
  });

  describe("a step without Country reads Phone and Region in the customer's stored country", () => {
    const CAMILLE = { ...stored, Country: 'FR', Region: 'FR-69', Phone: '+33144556677' };

    it('a French number written nationally is the stored one: nothing is sent', async () => {
      const scope = read('cust-42', CAMILLE);
      const result = await update({
        ReferenceCustomer: 'cust-42',
        Phone: '01 44 55 66 77',
        Region: '69',
        skip_if_unchanged: true,
      });
      expect(result).toEqual(recordOf(CAMILLE, false, []));
      expectOnlyTheseRequests(scope);
    });

    it('a different national number is sent in the international form the country gives it', async () => {
      const before = read('cust-42', CAMILLE);
      const after = addressSaveApi('cust-42', { Region: 'FR-13', Phone: '+33478000000' }).reply(
        200,
        { ...CAMILLE, Region: 'FR-13', Phone: '+33478000000' },
      );
      const result = await update({
        ReferenceCustomer: 'cust-42',
        Phone: '04 78 00 00 00',
        Region: '13',
        skip_if_unchanged: true,
      });
      expect(result).toEqual(
        recordOf({ ...CAMILLE, Region: 'FR-13', Phone: '+33478000000' }, true, ['Region', 'Phone']),
      );
      expect(before.isDone()).toBe(true);
      expectOnlyTheseRequests(after);
    });

    it("the step's own Country still wins over the stored one", async () => {
      const before = read('cust-42', CAMILLE);
      const after = addressSaveApi('cust-42', { Country: 'BE', Phone: '+3223456789' }).reply(200, {
        ...CAMILLE,
        Country: 'BE',
        Phone: '+3223456789',
      });
      await update({
        ReferenceCustomer: 'cust-42',
        Country: 'Belgium',
        Phone: '02 345 67 89',
        skip_if_unchanged: true,
      });
      expect(before.isDone()).toBe(true);
      expectOnlyTheseRequests(after);
    });
  });

  it('refuses a value that is not yes or no, before any request', async () => {
    const error = await rejectionBeforeAnyRequest(() =>
      update({ ReferenceCustomer: 'cust-42', City: 'Lyon', skip_if_unchanged: 'sometimes' }),
    );
    expect(error).toEqual(invalidInput(notYesOrNo('Skip If Nothing Would Change', '"sometimes"')));
  });

  it('reports an unknown customer on the read, and sends nothing', async () => {
    addressReadApi('ghost').reply(403);
    const error = await rejectionOf(
      update({ ReferenceCustomer: 'ghost', City: 'Lyon', skip_if_unchanged: true }),
    );
    expect(error).toMatchObject({ name: 'AppError', code: 'customer_not_found', status: 403 });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
