import type { BillingAddress } from '../../src/api/schemas.js';
import {
  clearedFieldsKept,
  fieldsThatWouldChange,
  isEmptyAddress,
  onlyFields,
  storedCountryOf,
} from '../../src/mappers/addressComparison.js';

const STORED: BillingAddress = {
  Company: 'Atelier Laurent SARL',
  FirstName: 'Camille',
  LastName: 'Laurent',
  AddressLine1: '12 rue de Rivoli',
  AddressLine2: null,
  ZipCode: '75004',
  City: 'Paris',
  Country: 'FR',
  Region: 'FR-75',
  Phone: '+33 1 44 55 66 77',
  TaxInformation: 'FR 49 519 287 346',
};

describe('fieldsThatWouldChange', () => {
  it('finds nothing when every value is the one stored, compared as the update writes it', () => {
    expect(
      fieldsThatWouldChange(STORED, {
        Company: 'Atelier Laurent SARL',
        City: 'Paris',
        Country: 'FR',
        Region: 'FR-75',
        Phone: '+33144556677',
        TaxInformation: 'FR49519287346',
      }),
    ).toEqual([]);
  });

  it('names each field whose value differs, in the address order, case and spacing included', () => {
    expect(
      fieldsThatWouldChange(STORED, {
        City: 'PARIS',
        Company: 'Atelier Laurent',
        Phone: '+33144556678',
      }),
    ).toEqual(['Company', 'City', 'Phone']);
  });

  it('counts a clear as a change only when the field holds something', () => {
    expect(fieldsThatWouldChange(STORED, { AddressLine2: '', Region: '' })).toEqual(['Region']);
  });

  it('treats whitespace-only or invisible stored text as empty', () => {
    expect(
      fieldsThatWouldChange({ ...STORED, AddressLine2: ' \u200B ' }, { AddressLine2: '' }),
    ).toEqual([]);
  });

  it('compares a stored value the update would refuse as it is, without failing', () => {
    const odd = { ...STORED, TaxInformation: 'FR00000000000', Country: 'Atlantis' };
    expect(fieldsThatWouldChange(odd, { TaxInformation: 'FR49519287346', Country: 'FR' })).toEqual([
      'Country',
      'TaxInformation',
    ]);
  });

  it('keeps only the changes to the fields named', () => {
    expect(onlyFields({ City: 'Lyon', ZipCode: '69002', Region: '' }, ['City', 'Region'])).toEqual({
      City: 'Lyon',
      Region: '',
    });
  });
});

describe('clearedFieldsKept', () => {
  it('names the fields sent as "" that the answer still holds, and only those', () => {
    expect(
      clearedFieldsKept(STORED, { AddressLine2: '', City: '', Phone: '', ZipCode: '75001' }),
    ).toEqual(['City', 'Phone']);
    expect(clearedFieldsKept({ ...STORED, City: '  ' }, { City: '' })).toEqual([]);
    expect(clearedFieldsKept({}, { City: '' })).toEqual([]);
  });
});

describe('isEmptyAddress and storedCountryOf', () => {
  it('an address is empty when every field is missing, null or blank', () => {
    expect(isEmptyAddress({})).toBe(true);
    expect(isEmptyAddress({ City: null, Company: ' ', Phone: '\u200B' })).toBe(true);
    expect(isEmptyAddress({ City: 'Paris' })).toBe(false);
  });

  it('the stored country as an ISO code, whatever its spelling; none when absent', () => {
    expect(storedCountryOf(STORED)).toBe('FR');
    expect(storedCountryOf({ Country: ' fr ' })).toBe('FR');
    expect(storedCountryOf({ Country: null })).toBeUndefined();
  });
});
