import { normalisePhone } from '../../src/mappers/phone.js';

describe('normalisePhone', () => {
  it.each([
    // valid for the Country: E.164
    ['01 02 03 04 05', 'FR', '+33102030405'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['030 123456', 'DE', '+4930123456'],
    ['612 34 56 78', 'ES', '+34612345678'],
    // an international prefix needs no Country, and wins over it
    ['+33 6 12 34 56 78', undefined, '+33612345678'],
    ['+33 (0)6 12 34 56 78', undefined, '+33612345678'],
    ['+1 415-555-2671', 'FR', '+14155552671'],
    ['0033 6 12 34 56 78', 'FR', '+33612345678'],
  ])('converts %j with Country %j to %j', (text, country, expected) => {
    expect(normalisePhone(text, country)).toBe(expected);
  });

  it.each([
    // no Country and no + prefix: cannot tell the plan
    ['06 12 34 56 78', undefined, '06 12 34 56 78'],
    // invalid for the plan: too short, wrong digits, wrong country
    ['12345', 'FR', '12345'],
    ['01 02 03', 'FR', '01 02 03'],
    ['+33 9 99', undefined, '+33 9 99'],
    ['(415) 555-2671', 'FR', '(415) 555-2671'],
    ['+1 000 000 0000', undefined, '+1 000 000 0000'],
    // an extension would be lost in E.164
    ['+33 1 02 03 04 05 ext. 12', 'FR', '+33 1 02 03 04 05 ext. 12'],
    // not a phone number at all; a Country the library does not know
    ['call reception', 'FR', 'call reception'],
    ['  06 12 34 56 78  ', 'AQ', '06 12 34 56 78'],
    ['06 12 34 56 78', 'ZZ', '06 12 34 56 78'],
  ])('sends %j with Country %j as typed: %j', (text, country, expected) => {
    expect(normalisePhone(text, country)).toBe(expected);
  });
});
