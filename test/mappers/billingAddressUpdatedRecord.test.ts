import fc from 'fast-check';

import { ADDRESS_FIELD_KEYS } from '../../src/api/addressFieldKeys.js';
import type { Notification } from '../../src/api/schemas.js';
import {
  billingAddressUpdatedRecord,
  changedFields,
  trackedAddress,
} from '../../src/mappers/billingAddressUpdatedRecord.js';
import { triggerEvent, type TriggerEvent } from '../../src/api/webhooks.js';
import { addressFields } from '../../src/mappers/addressRecord.js';
import { customerBlock } from '../../src/mappers/customerRecord.js';
import { NO_PREVIOUS } from '../support/records.js';
import { PARIS_ADDRESS } from '../support/proabono.js';
import { CUSTOMER_PART, notification } from '../support/billingAddressUpdated.js';

const PARIS = PARIS_ADDRESS;

describe('addressFields', () => {
  it('keeps the eleven fields, in order, with null for empty and drops the rest', () => {
    const result = addressFields({
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
    expect(Object.values(addressFields(undefined))).toEqual(Array(11).fill(null));
  });

  it('reads text of only whitespace as empty, as Find Customer does, and keeps other text as it is', () => {
    expect(addressFields({ ...PARIS, AddressLine2: ' \t ', City: ' Paris ' })).toEqual({
      ...PARIS,
      AddressLine2: null,
      City: ' Paris ',
    });
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
    [
      'whitespace is the same empty too',
      { ...PARIS, AddressLine2: null, Phone: ' ' },
      { ...PARIS, AddressLine2: '  ', Phone: undefined },
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
        const before = addressFields(a);
        const after = addressFields(b);
        return ADDRESS_FIELD_KEYS.every(
          (key) => changed.includes(key) === (before[key] !== after[key]),
        );
      }),
    );
  });
});

describe('trackedAddress', () => {
  it('on first sight says no previous address is known and claims no change', () => {
    expect(trackedAddress(PARIS, null)).toEqual({
      ...PARIS,
      CountryName: 'France',
      changed_fields: [],
      previous_address_known: false,
      ...NO_PREVIOUS,
    });
  });

  it('reports the previous value of each changed field only', () => {
    const previous = addressFields({ ...PARIS, AddressLine2: null });
    const current = { ...PARIS, AddressLine1: '18 rue de la Roquette', ZipCode: '75011' };
    expect(trackedAddress(current, previous)).toEqual({
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
    expect(trackedAddress(PARIS, addressFields(PARIS))).toEqual({
      ...PARIS,
      CountryName: 'France',
      changed_fields: [],
      previous_address_known: true,
      ...NO_PREVIOUS,
    });
  });

  it('puts the address first (the country name after the country), then the change summary, then the previous values', () => {
    expect(Object.keys(trackedAddress(PARIS, null))).toEqual([
      ...ADDRESS_FIELD_KEYS.flatMap((key) => (key === 'Country' ? [key, 'CountryName'] : [key])),
      'changed_fields',
      'previous_address_known',
      ...ADDRESS_FIELD_KEYS.map((key) => `previous_${key}`),
    ]);
  });
});

/** The event the triggers make of one notification. */
const eventOf = (item: Notification): TriggerEvent => triggerEvent(item, 0);

describe('billingAddressUpdatedRecord', () => {
  it('flattens the customer block and nests the address', () => {
    expect(billingAddressUpdatedRecord(eventOf(notification()), { City: 'Paris' })).toEqual({
      id: 'trg_101',
      DateTrigger: '2026-09-14T15:11:43.750Z',
      ...CUSTOMER_PART,
      billing_address: { City: 'Paris' },
    });
  });

  it('reads the customer block as Find Customer does: whitespace-only is null, StateCustomer stands in for Status', () => {
    const record = billingAddressUpdatedRecord(
      eventOf(
        notification({
          ReferenceSegment: ' ',
          Customer: {
            ReferenceCustomer: 'cust-42',
            Name: '   ',
            Email: ' john@doe.com',
            Language: '\t',
            StateCustomer: 'Enabled',
          },
        }),
      ),
      { City: 'Paris' },
    );
    const sameAsFindCustomer = customerBlock({
      ReferenceCustomer: 'cust-42',
      Name: '   ',
      Email: ' john@doe.com',
      Language: '\t',
      StateCustomer: 'Enabled',
      ReferenceSegment: ' ',
    });
    expect(record).toEqual({
      id: 'trg_101',
      DateTrigger: '2026-09-14T15:11:43.750Z',
      ReferenceCustomer: 'cust-42',
      Name: null,
      Email: ' john@doe.com',
      Language: null,
      Status: 'Enabled',
      ReferenceSegment: null,
      billing_address: { City: 'Paris' },
    });
    expect(record).toEqual({ ...record, ...sameAsFindCustomer });
  });

  it('turns a numeric Id into a string and empty customer fields into null', () => {
    const record = billingAddressUpdatedRecord(
      eventOf(
        notification({
          Id: 90017,
          ReferenceSegment: '',
          Customer: { ReferenceCustomer: ' cust-7 ', Name: '', Email: null },
        }),
      ),
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
