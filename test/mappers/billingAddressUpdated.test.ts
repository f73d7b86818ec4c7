import fc from 'fast-check';

import { ADDRESS_FIELD_KEYS } from '../../src/api/schemas.js';
import type { Notification } from '../../src/api/schemas.js';
import {
  billingAddressChange,
  billingAddressUpdatedRecord,
  changedFields,
  isoDate,
  newestFirst,
  normaliseAddress,
} from '../../src/mappers/billingAddressUpdated.js';
import { NO_PREVIOUS } from '../support/records.js';

const PARIS = {
  Company: 'John Doe LLC',
  FirstName: 'John',
  LastName: 'Doe',
  AddressLine1: '123 avenue des Champs-Élysées',
  AddressLine2: '1st Floor',
  ZipCode: '75008',
  City: 'Paris',
  Country: 'FR',
  Region: 'FR-75',
  Phone: '+33102030405',
  TaxInformation: 'FR40303265045',
};

describe('normaliseAddress', () => {
  it('keeps the eleven fields, in order, with null for empty and drops the rest', () => {
    const result = normaliseAddress({
      ...PARIS,
      AddressLine2: '',
      Phone: null,
      TaxInformation: undefined,
      Id: 991,
    } as never);
    expect(Object.keys(result)).toEqual([...ADDRESS_FIELD_KEYS]);
    expect(result).toEqual({ ...PARIS, AddressLine2: null, Phone: null, TaxInformation: null });
  });

  it('reads a missing address as all-empty', () => {
    expect(Object.values(normaliseAddress(undefined))).toEqual(Array(11).fill(null));
  });
});

describe('changedFields', () => {
  it.each([
    ['identical addresses', PARIS, PARIS, []],
    [
      'null, "" and missing are the same empty',
      { ...PARIS, AddressLine2: null, Phone: '' },
      { ...PARIS, AddressLine2: '', Phone: undefined },
      [],
    ],
    ['one field changed', PARIS, { ...PARIS, City: 'Lyon' }, ['City']],
    ['a field filled in', { ...PARIS, AddressLine2: null }, PARIS, ['AddressLine2']],
    ['a field cleared', PARIS, { ...PARIS, TaxInformation: null }, ['TaxInformation']],
    ['a change of case', PARIS, { ...PARIS, City: 'PARIS' }, ['City']],
    ['a change of spacing', PARIS, { ...PARIS, ZipCode: '75 008' }, ['ZipCode']],
    [
      'several, reported in the address order',
      PARIS,
      { ...PARIS, Phone: '+33600000000', AddressLine1: '1 rue de Rivoli', Company: 'Doe SAS' },
      ['Company', 'AddressLine1', 'Phone'],
    ],
    ['everything from nothing', {}, PARIS, [...ADDRESS_FIELD_KEYS]],
    ['nothing from nothing', null, undefined, []],
  ])('%s', (_case, previous, current, expected) => {
    expect(changedFields(previous, current)).toEqual(expected);
  });

  it('is empty exactly when the normalised addresses are equal (property)', () => {
    const value = fc.constantFrom(null, '', undefined, 'Paris', 'Lyon', 'paris');
    const address = fc.record(
      Object.fromEntries(ADDRESS_FIELD_KEYS.map((key) => [key, value])) as Record<
        (typeof ADDRESS_FIELD_KEYS)[number],
        typeof value
      >,
    );
    fc.assert(
      fc.property(address, address, (a, b) => {
        const changed = changedFields(a, b);
        const before = normaliseAddress(a);
        const after = normaliseAddress(b);
        return ADDRESS_FIELD_KEYS.every(
          (key) => changed.includes(key) === (before[key] !== after[key]),
        );
      }),
    );
  });
});

describe('billingAddressChange', () => {
  it('on first sight says no previous address is known and claims no change', () => {
    expect(billingAddressChange(PARIS, null)).toEqual({
      ...PARIS,
      CountryName: 'France',
      changed_fields: [],
      previous_address_known: false,
      ...NO_PREVIOUS,
    });
  });

  it('reports the previous value of each changed field only', () => {
    const previous = normaliseAddress({ ...PARIS, AddressLine2: null });
    const current = { ...PARIS, AddressLine1: '18 rue de la Roquette', ZipCode: '75011' };
    expect(billingAddressChange(current, previous)).toEqual({
      ...current,
      CountryName: 'France',
      changed_fields: ['AddressLine1', 'AddressLine2', 'ZipCode'],
      previous_address_known: true,
      ...NO_PREVIOUS,
      previous_AddressLine1: '123 avenue des Champs-Élysées',
      previous_ZipCode: '75008',
    });
  });

  it('reports a known, unchanged address as known with no change', () => {
    expect(billingAddressChange(PARIS, normaliseAddress(PARIS))).toEqual({
      ...PARIS,
      CountryName: 'France',
      changed_fields: [],
      previous_address_known: true,
      ...NO_PREVIOUS,
    });
  });

  it('puts the address first (the country name after the country), then the change summary, then the previous values', () => {
    expect(Object.keys(billingAddressChange(PARIS, null))).toEqual([
      ...ADDRESS_FIELD_KEYS.flatMap((key) => (key === 'Country' ? [key, 'CountryName'] : [key])),
      'changed_fields',
      'previous_address_known',
      ...ADDRESS_FIELD_KEYS.map((key) => `previous_${key}`),
    ]);
  });
});

const notification = (overrides: Partial<Notification> = {}): Notification => ({
  Id: 'trg_101',
  IdBusiness: 42,
  IdSegment: 69,
  ReferenceSegment: 'demo-eur',
  DateTrigger: '2026-09-14T15:11:43.75Z',
  TypeTrigger: 'CustomerBillingAddressUpdated',
  Customer: {
    Id: 233700,
    ReferenceCustomer: 'cust-42',
    Name: 'John Doe',
    Email: 'john@doe.com',
    Language: 'en',
    Status: 'Enabled',
  },
  ...overrides,
});

describe('billingAddressUpdatedRecord', () => {
  it('flattens the customer block and nests the address', () => {
    expect(billingAddressUpdatedRecord(notification(), { City: 'Paris' })).toEqual({
      id: 'trg_101',
      DateTrigger: '2026-09-14T15:11:43.750Z',
      ReferenceCustomer: 'cust-42',
      Name: 'John Doe',
      Email: 'john@doe.com',
      Language: 'en',
      Status: 'Enabled',
      ReferenceSegment: 'demo-eur',
      billing_address: { City: 'Paris' },
    });
  });

  it('turns a numeric Id into a string and empty customer fields into null', () => {
    const record = billingAddressUpdatedRecord(
      notification({
        Id: 90017,
        ReferenceSegment: '',
        Customer: { ReferenceCustomer: ' cust-7 ', Name: '', Email: null },
      }),
      'hydrate|||placeholder|||hydrate',
    );
    expect(record).toEqual({
      id: '90017',
      DateTrigger: '2026-09-14T15:11:43.750Z',
      ReferenceCustomer: 'cust-7',
      Name: null,
      Email: null,
      Language: null,
      Status: null,
      ReferenceSegment: null,
      billing_address: 'hydrate|||placeholder|||hydrate',
    });
  });
});

describe('isoDate', () => {
  it.each([
    ['2026-09-14T15:11:43.75Z', '2026-09-14T15:11:43.750Z'],
    ['2026-09-14T15:11:43Z', '2026-09-14T15:11:43.000Z'],
    ['2026-09-14T17:11:43+02:00', '2026-09-14T15:11:43.000Z'],
    // ProAbono dates are UTC: a date without a zone is not read in the machine's time zone.
    ['2026-09-14T15:11:43.75', '2026-09-14T15:11:43.750Z'],
    ['2026-09-14T15:11', '2026-09-14T15:11:00.000Z'],
    ['not a date', 'not a date'],
  ])('%s -> %s', (raw, expected) => {
    expect(isoDate(raw)).toBe(expected);
  });
});

describe('newestFirst', () => {
  it('sorts by DateTrigger, newest first, keeping ProAbono order for equal dates', () => {
    const at = (Id: string, DateTrigger: string) => notification({ Id, DateTrigger });
    const sorted = newestFirst([
      at('a', '2026-09-14T10:00:00Z'),
      at('b', '2026-09-15T10:00:00Z'),
      at('c', 'garbage'),
      at('d', '2026-09-14T12:00:00+01:00'),
      at('e', '2026-09-15T10:00:00.000Z'),
    ]);
    expect(sorted.map((item) => item.Id)).toEqual(['b', 'e', 'd', 'a', 'c']);
  });
});
