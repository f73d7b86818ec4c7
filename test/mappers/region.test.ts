import { normaliseRegion } from '../../src/mappers/region.js';

describe('normaliseRegion', () => {
  it.each([
    // ISO 3166-2 codes pass, upper-cased, whatever the Country
    ['FR-75', undefined, 'FR-75'],
    ['fr-75', 'FR', 'FR-75'],
    ['us-ca', undefined, 'US-CA'],
    [' US-CA ', 'FR', 'US-CA'],
    ['es-md', 'ES', 'ES-MD'],
    ['GB-ENG', 'GB', 'GB-ENG'],
    ['fr-2a', 'FR', 'FR-2A'],
    // bare codes completed with the Country when the standard lists the result
    ['CA', 'US', 'US-CA'],
    ['ca', 'US', 'US-CA'],
    [' ny ', 'US', 'US-NY'],
    ['QC', 'CA', 'CA-QC'],
    ['M', 'ES', 'ES-M'],
    ['BY', 'DE', 'DE-BY'],
    ['IDF', 'FR', 'FR-IDF'],
    // bare codes left alone when the result is not a listed subdivision, or no Country
    ['CA', undefined, 'CA'],
    ['ZZ', 'US', 'ZZ'],
    ['75', 'FR', '75'],
    ['ca', 'FR', 'ca'],
    // other text passes trimmed, unchanged
    ['California', 'US', 'California'],
    ['  Île-de-France  ', 'FR', 'Île-de-France'],
    ['Région Île-de-France', undefined, 'Région Île-de-France'],
    ['New South Wales', 'AU', 'New South Wales'],
    ['FR-750', 'FR', 'FR-750'],
    ['FR-7500', 'FR', 'FR-7500'],
  ])('reads %j with Country %j as %j', (text, country, expected) => {
    expect(normaliseRegion(text, country)).toBe(expected);
  });
});
