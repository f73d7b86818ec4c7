import type { BillingAddress } from '../../src/api/schemas.js';
import { fieldsThatWouldChange, onlyFields } from '../../src/mappers/addressComparison.js';

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
