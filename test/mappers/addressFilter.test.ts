import { addressFilterOf, filteredOutBecause } from '../../src/mappers/addressFilter.js';
import { thrownBy } from '../support/app.js';
import { invalidInput, notAnAddressField, notYesOrNo } from '../support/errors.js';

const firstSight = { changed_fields: [], previous_address_known: false };
const unchanged = { changed_fields: [], previous_address_known: true };
const zipOnly = { changed_fields: ['ZipCode' as const], previous_address_known: true };
const cityAndZip = {
  changed_fields: ['ZipCode' as const, 'City' as const],
  previous_address_known: true,
};

describe('addressFilterOf', () => {
  it('defaults to records only for changes, of any field', () => {
    expect(addressFilterOf({})).toEqual({ onlyWhenChanged: true, watchFields: [] });
  });

  it('reads the watched fields as a list or as text, by label or API name, in the address order', () => {
    expect(
      addressFilterOf({ only_when_changed: 'no', watch_fields: ['city', 'Zip / Postal Code'] }),
    ).toEqual({
      onlyWhenChanged: false,
      watchFields: ['ZipCode', 'City'],
    });
    expect(addressFilterOf({ watch_fields: 'Country, AddressLine1' })).toEqual({
      onlyWhenChanged: true,
      watchFields: ['AddressLine1', 'Country'],
    });
  });

  it('refuses a field that is not a billing-address field, naming the accepted names', async () => {
    expect(await thrownBy(() => addressFilterOf({ watch_fields: ['City', 'Email'] }))).toEqual(
      invalidInput(notAnAddressField('Only When These Fields Change', '"Email"')),
    );
  });

  it('refuses a value that is not yes or no', async () => {
    expect(await thrownBy(() => addressFilterOf({ only_when_changed: 'sometimes' }))).toEqual(
      invalidInput(notYesOrNo('Only When the Address Changed', '"sometimes"')),
    );
  });
});

describe('filteredOutBecause', () => {
  const byDefault = { onlyWhenChanged: true, watchFields: [] };
  const everything = { onlyWhenChanged: false, watchFields: [] };
  const city = { onlyWhenChanged: true, watchFields: ['City' as const] };

  it('always lets a customer seen for the first time through', () => {
    for (const filter of [byDefault, everything, city]) {
      expect(filteredOutBecause(firstSight, filter)).toBeUndefined();
    }
  });

  it('leaves out an update that changed nothing, unless asked for every update', () => {
    expect(filteredOutBecause(unchanged, byDefault)).toBe(
      'the address is the same as the last one this Zap saw',
    );
    expect(filteredOutBecause(unchanged, everything)).toBeUndefined();
    expect(filteredOutBecause(zipOnly, byDefault)).toBeUndefined();
  });

  it('gives a record only when a watched field changed, whatever the other option says', () => {
    expect(filteredOutBecause(cityAndZip, city)).toBeUndefined();
    expect(filteredOutBecause(zipOnly, city)).toBe(
      'none of the watched fields changed (watching City; changed: Zip / Postal Code)',
    );
    expect(filteredOutBecause(unchanged, { ...city, onlyWhenChanged: false })).toBe(
      'the address is the same as the last one this Zap saw (watching City)',
    );
  });
});
