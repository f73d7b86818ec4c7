import { isCreatedFrom, toCustomerUpsert } from '../../src/mappers/customerInput.js';
import { withStoredMetadata } from '../../src/mappers/customerUpdate.js';
import { thrownBy } from '../support/app.js';
import {
  REFERENCE_REQUIRED,
  brokenCharacter,
  notALanguage,
  notAnEmail,
  notSingleText,
  referenceCharacters,
  referenceTooLong,
  tooManyMetadataPairs,
} from '../support/errors.js';

/*
 * The customer fields' refusals, compared with the builders of test/support/errors.ts where other
 * tests meet the same message; the refusals only this mapper's tests meet are worded here.
 */

const refusalOf = (inputData: Record<string, unknown>) =>
  thrownBy(() => toCustomerUpsert(inputData));

describe('toCustomerUpsert', () => {
  it.each([
    ['no reference', { ReferenceCustomer: ' ' }, REFERENCE_REQUIRED],
    [
      'a reference with characters ProAbono refuses',
      { ReferenceCustomer: 'a&b=c' },
      referenceCharacters('Customer Reference', 'a&b=c', '= &'),
    ],
    [
      'a reference longer than 50 UTF-16 units',
      { ReferenceCustomer: '😀'.repeat(26) },
      referenceTooLong('Customer Reference', 52),
    ],
    [
      'an email that is not one',
      { ReferenceCustomer: 'cust-42', Email: 'john@' },
      notAnEmail('Email', 'john@'),
    ],
    [
      'an email longer than mail can carry (254 characters)',
      { ReferenceCustomer: 'cust-42', Email: `${'j'.repeat(243)}@example.com` },
      `Email "${'j'.repeat(60)}…" (255 characters) is not an email address. Enter one address ` +
        'such as john@doe.com.',
    ],
    [
      'a language that is neither a code nor a name',
      { ReferenceCustomer: 'cust-42', Language: 'Klingon' },
      notALanguage('Language', 'Klingon'),
    ],
    [
      'a name two languages share',
      { ReferenceCustomer: 'cust-42', Language: 'isiNdebele' },
      notALanguage('Language', 'isiNdebele'),
    ],
    [
      'half an emoji in a name',
      { ReferenceCustomer: 'cust-42', Name: 'Zoë \uD83D' },
      brokenCharacter('Name'),
    ],
    [
      'half an emoji in the reference',
      { ReferenceCustomer: 'cust-\uDE00' },
      brokenCharacter('Customer Reference'),
    ],
    [
      'an affiliation ProAbono would refuse as a reference',
      { ReferenceCustomer: 'cust-42', ReferenceAffiliation: 'jane&co' },
      referenceCharacters('Affiliation Reference', 'jane&co', '&'),
    ],
    [
      'metadata that is not pairs',
      { ReferenceCustomer: 'cust-42', Metadata: 'crm_id=4711' },
      'Metadata must be pairs of a name and a value (such as crm_id and 4711), but it received a ' +
        'single value. Fill in one name and one value per line of Metadata.',
    ],
    [
      'metadata given as a list',
      { ReferenceCustomer: 'cust-42', Metadata: ['crm_id', '4711'] },
      'Metadata must be pairs of a name and a value (such as crm_id and 4711), but it received a ' +
        'list. Fill in one name and one value per line of Metadata.',
    ],
    [
      'six metadata pairs',
      {
        ReferenceCustomer: 'cust-42',
        Metadata: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' },
      },
      tooManyMetadataPairs(6),
    ],
    [
      'a metadata value of 451 characters',
      { ReferenceCustomer: 'cust-42', Metadata: { notes: 'n'.repeat(451) } },
      'Metadata "notes" is 451 characters long as ProAbono counts them (in UTF-16 units: an ' +
        'emoji counts as 2); ProAbono keeps at most 450 per value. Shorten it.',
    ],
    [
      'a metadata value without a name',
      { ReferenceCustomer: 'cust-42', Metadata: { ' ': '4711' } },
      'Metadata has a value without a name ("4711"). Give each value a name, such as crm_id, or ' +
        'remove it.',
    ],
    [
      'a metadata name given twice',
      { ReferenceCustomer: 'cust-42', Metadata: { crm_id: '1', ' crm_id ': '2' } },
      'Metadata names "crm_id" twice (names are compared after trimming spaces). Keep one value ' +
        'per name.',
    ],
    [
      'half an emoji in a metadata value',
      { ReferenceCustomer: 'cust-42', Metadata: { source: 'web \uD83D' } },
      brokenCharacter('Metadata "source"'),
    ],
    [
      'a metadata value that is an object',
      { ReferenceCustomer: 'cust-42', Metadata: { source: { site: 'web' } } },
      notSingleText('Metadata "source"', 'an object'),
    ],
  ])('refuses %s, naming the field and the accepted forms', async (_case, inputData, message) => {
    expect(await refusalOf(inputData)).toEqual({
      name: 'AppError',
      code: 'invalid_input',
      message,
    });
  });

  it('sends an email of 254 characters, the longest mail can carry, as typed', () => {
    const email = `${'j'.repeat(242)}@example.com`;
    expect(toCustomerUpsert({ ReferenceCustomer: 'c', Email: email })).toEqual({
      ReferenceCustomer: 'c',
      Email: email,
    });
  });
});

describe('toCustomerUpsert: language names, affiliation and metadata', () => {
  it.each([
    ['English', 'en'],
    ['Français', 'fr'],
    ['francais', 'fr'],
    ['german', 'de'],
    ['español', 'es'],
    ['DEUTSCH', 'de'],
    ['Nederlands', 'nl'],
    [' Italian ', 'it'],
    ['EN', 'en'],
    ['pt_br', 'pt-BR'],
  ])('reads Language %j as %j', (typed, code) => {
    expect(toCustomerUpsert({ ReferenceCustomer: 'c', Language: typed })).toEqual({
      ReferenceCustomer: 'c',
      Language: code,
    });
  });

  it('sends the affiliation and the metadata pairs filled in, trimmed, in order; blank values are left out', () => {
    expect(
      toCustomerUpsert({
        ReferenceCustomer: 'c',
        ReferenceAffiliation: ' partner-17 ',
        Metadata: { ' crm_id ': 4711, source: ' web ', empty: '  ', '': '' },
      }),
    ).toEqual({
      ReferenceCustomer: 'c',
      ReferenceAffiliation: 'partner-17',
      Metadata: { crm_id: '4711', source: 'web' },
    });
  });

  it('accepts five pairs of 450 characters, and sends no Metadata when every value is blank', () => {
    const five = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e'].map((name) => [name, 'v'.repeat(450)]),
    );
    expect(toCustomerUpsert({ ReferenceCustomer: 'c', Metadata: five }).Metadata).toEqual(five);
    expect(toCustomerUpsert({ ReferenceCustomer: 'c', Metadata: { a: '', b: null } })).toEqual({
      ReferenceCustomer: 'c',
    });
    expect(toCustomerUpsert({ ReferenceCustomer: 'c', Metadata: '' })).toEqual({
      ReferenceCustomer: 'c',
    });
  });
});

describe('isCreatedFrom: a replay recognises the customer its step created', () => {
  const body = {
    ReferenceCustomer: 'c',
    Name: 'John Doe',
    Email: 'john@example.com',
    Language: 'en',
    Metadata: { crm_id: '4711' },
  };
  const created = {
    ReferenceCustomer: 'c',
    Name: 'John Doe',
    Email: 'John@Example.com',
    Language: 'EN',
    ReferenceSegment: 'demo-eur',
    ReferenceAffiliation: null,
    Metadata: { crm_id: 4711, other: 'x' },
  };

  it('the same details, email and language in any case, the metadata sent among the stored', () => {
    expect(isCreatedFrom(created, body)).toBe(true);
    expect(isCreatedFrom(created, { ...body, ReferenceSegment: 'demo-eur' })).toBe(true);
  });

  it.each([
    ['a field the step left blank is filled', { ...body, Name: undefined }],
    ['another segment', { ...body, ReferenceSegment: 'demo-usd' }],
    ['an affiliation it lacks', { ...body, ReferenceAffiliation: 'p' }],
    ['a metadata value it lacks', { ...body, Metadata: { crm_id: '4712' } }],
  ])('not with %s', (_case, other) => {
    expect(isCreatedFrom(created, other)).toBe(false);
  });
});

describe('withStoredMetadata', () => {
  it("adds the customer's other pairs, the step's values winning; nothing when the step has none", () => {
    expect(withStoredMetadata({ Metadata: { a: 'new' } }, { a: 'old', b: 2 })).toEqual({
      Metadata: { b: 2, a: 'new' },
    });
    expect(withStoredMetadata({ Name: 'x' }, { a: 'old' })).toEqual({ Name: 'x' });
    expect(withStoredMetadata({ Metadata: { a: '1' } }, null)).toEqual({ Metadata: { a: '1' } });
  });
});
