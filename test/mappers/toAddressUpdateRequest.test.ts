import { toAddressUpdateRequest } from '../../src/mappers/toAddressUpdateRequest.js';
import { thrownBy } from '../support/app.js';
import {
  CUSTOMER_REQUIRED,
  filledAndCleared,
  FRENCH_VAT,
  invalidInput,
  invalidVat,
  notACountry,
  notAnAddressField,
  notFieldNames,
  nothingToUpdateAddress,
  notSingleText,
} from '../support/errors.js';

const change = (inputData: Record<string, unknown>) => toAddressUpdateRequest(inputData);

/** Checks that the step's input is refused, before any request, with exactly `message`. */
const expectRefused = async (inputData: Record<string, unknown>, message: string) => {
  expect(await thrownBy(() => toAddressUpdateRequest(inputData))).toEqual(invalidInput(message));
};

describe('toAddressUpdateRequest', () => {
  it('sends only the filled fields, trimmed, in ProAbono order', () => {
    expect(
      change({
        ReferenceCustomer: '  cust-42 ',
        City: ' Lyon ',
        FirstName: 'Jane',
        LastName: '',
        Company: '   ',
        AddressLine2: null,
        AddressLine1: undefined,
      }),
    ).toEqual({ reference: 'cust-42', changes: { FirstName: 'Jane', City: 'Lyon' } });
  });

  it('keeps the key order of the eleven fields whatever the input order', () => {
    const { changes } = change({
      ReferenceCustomer: 'c',
      TaxInformation: 'n/a',
      Company: 'ACME',
      City: 'Paris',
    });
    expect(Object.keys(changes)).toEqual(['Company', 'City', 'TaxInformation']);
  });

  it('turns numbers and booleans into text (a ZIP code from a spreadsheet)', () => {
    expect(
      change({ ReferenceCustomer: 12345, ZipCode: 75008, AddressLine2: 4.5, Company: true }),
    ).toEqual({
      reference: '12345',
      changes: { Company: 'true', AddressLine2: '4.5', ZipCode: '75008' },
    });
  });

  it('normalises country, region, phone and VAT number together', () => {
    expect(
      change({
        ReferenceCustomer: 'cust-42',
        Country: 'États-Unis',
        Region: 'ca',
        Phone: '(415) 555-2671',
        TaxInformation: 'fr 40 303 265 045',
      }),
    ).toEqual({
      reference: 'cust-42',
      changes: {
        Country: 'US',
        Region: 'US-CA',
        Phone: '+14155552671',
        TaxInformation: 'FR40303265045',
      },
    });
  });

  it('completes region and phone only with a Country given in the same step', () => {
    expect(change({ ReferenceCustomer: 'c', Region: 'ca', Phone: '06 12 34 56 78' })).toEqual({
      reference: 'c',
      changes: { Region: 'ca', Phone: '06 12 34 56 78' },
    });
  });

  it('reads region and phone with the fallback country (the one stored) when the step has none', () => {
    const input = { ReferenceCustomer: 'c', Region: 'ca', Phone: '(415) 555-2671' };
    expect(toAddressUpdateRequest(input, { fallbackCountry: 'US' })).toEqual({
      reference: 'c',
      changes: { Region: 'US-CA', Phone: '+14155552671' },
    });
    // The step's own Country wins, and the fallback is never sent as a Country.
    expect(
      toAddressUpdateRequest({ ...input, Country: 'France' }, { fallbackCountry: 'US' }),
    ).toEqual({
      reference: 'c',
      changes: { Country: 'FR', Region: 'ca', Phone: '(415) 555-2671' },
    });
  });

  describe('Fields to Clear', () => {
    it.each([
      ['a list of API names', ['City', 'Phone']],
      ['a list of labels', ['City', 'Phone']],
      ['comma-separated API names', 'City, Phone'],
      ['comma-separated labels in any case', 'city,PHONE'],
      ['a list of comma-separated texts', ['City,', ' , Phone']],
      ['with blanks and duplicates', ['', 'City', null, 'city', '  ', 'Phone']],
    ])('accepts %s', (_, clear) => {
      expect(change({ ReferenceCustomer: 'c', clear_fields: clear })).toEqual({
        reference: 'c',
        changes: { City: '', Phone: '' },
      });
    });

    it('accepts every label and API name, loosely', () => {
      const { changes } = change({
        ReferenceCustomer: 'c',
        clear_fields:
          'company, first name, LASTNAME, Address Line 1, addressline2, Zip / Postal Code, ' +
          'zipcode, City, country, Region / State, phone, VAT / Tax Number, taxinformation',
      });
      expect(changes).toEqual({
        Company: '',
        FirstName: '',
        LastName: '',
        AddressLine1: '',
        AddressLine2: '',
        ZipCode: '',
        City: '',
        Country: '',
        Region: '',
        Phone: '',
        TaxInformation: '',
      });
    });

    it('clears a field whose input is blank or whitespace', () => {
      expect(
        change({ ReferenceCustomer: 'c', City: '   ', Company: 'ACME', clear_fields: ['City'] }),
      ).toEqual({ reference: 'c', changes: { Company: 'ACME', City: '' } });
    });

    it('ignores an empty list or empty text', () => {
      expect(change({ ReferenceCustomer: 'c', City: 'Paris', clear_fields: [] })).toEqual({
        reference: 'c',
        changes: { City: 'Paris' },
      });
      expect(change({ ReferenceCustomer: 'c', City: 'Paris', clear_fields: ' ' })).toEqual({
        reference: 'c',
        changes: { City: 'Paris' },
      });
    });

    it.each([
      ['Street', 'Street'],
      [['City', 'Email'], 'Email'],
      ['City; Phone', 'City; Phone'],
      [[42], '42'],
    ])('refuses %j, naming the entry and listing the accepted names', async (clear, entry) => {
      await expectRefused(
        { ReferenceCustomer: 'c', clear_fields: clear },
        notAnAddressField('Fields to Clear', `"${entry}"`),
      );
    });

    it.each([
      [{ City: true }, 'an object'],
      [[['City']], 'a nested list'],
    ])('refuses %j', async (clear, kind) => {
      await expectRefused(
        { ReferenceCustomer: 'c', clear_fields: clear },
        notFieldNames('Fields to Clear', kind),
      );
    });
  });

  describe('errors, before any request', () => {
    it.each([undefined, null, '', '   ', '\n\t'])(
      'requires the customer (%j)',
      async (reference) => {
        await expectRefused({ ReferenceCustomer: reference, City: 'Paris' }, CUSTOMER_REQUIRED);
      },
    );

    it('refuses a list or an object as the customer', async () => {
      await expectRefused(
        { ReferenceCustomer: ['a', 'b'], City: 'Paris' },
        notSingleText('Customer', 'a list'),
      );
    });

    it.each([
      ['City', ['Paris', 'Lyon'], 'City', 'a list'],
      ['ZipCode', { code: '75008' }, 'Zip / Postal Code', 'an object'],
      ['TaxInformation', Number.NaN, 'VAT / Tax Number', 'a number that is not finite'],
      ['Phone', Number.POSITIVE_INFINITY, 'Phone', 'a number that is not finite'],
    ])('refuses %s given %j, naming the field label', async (key, value, label, kind) => {
      await expectRefused({ ReferenceCustomer: 'c', [key]: value }, notSingleText(label, kind));
    });

    it.each([
      [{ City: 'Paris', clear_fields: ['City'] }, filledAndCleared('City')],
      [
        {
          City: 'Paris',
          ZipCode: '75008',
          Phone: '+33102030405',
          clear_fields: 'phone, zip code, city',
        },
        filledAndCleared('Zip / Postal Code, City and Phone', true),
      ],
    ])('refuses fields both filled in and cleared (%j), naming each', async (fields, message) => {
      await expectRefused({ ReferenceCustomer: 'c', ...fields }, message);
    });

    it.each([
      [{}],
      [{ City: '', Phone: '   ', Company: null, clear_fields: [] }],
      [{ clear_fields: ' , ' }],
    ])('refuses a step with nothing to change (%j)', async (fields) => {
      await expectRefused(
        { ReferenceCustomer: 'cust-42', ...fields },
        nothingToUpdateAddress('cust-42'),
      );
    });

    it('refuses an unknown country, naming it', async () => {
      await expectRefused({ ReferenceCustomer: 'c', Country: 'Frnace' }, notACountry('"Frnace"'));
    });

    it('refuses an invalid EU VAT number', async () => {
      await expectRefused(
        { ReferenceCustomer: 'c', TaxInformation: 'FR40303265046' },
        invalidVat('"FR40303265046"', 'French', FRENCH_VAT),
      );
    });
  });
});
