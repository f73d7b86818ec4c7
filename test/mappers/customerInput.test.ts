import { toCustomerUpsert } from '../../src/mappers/customerInput.js';
import { rejectionOf } from '../support/app.js';

/*
 * The customer fields' refusals, worded here once: the operation tests compare their errors with
 * the builders of test/support/errors.ts, which must say exactly this.
 */

const refusalOf = (inputData: Record<string, unknown>) =>
  rejectionOf(Promise.resolve().then(() => toCustomerUpsert(inputData)));

describe('toCustomerUpsert', () => {
  it.each([
    [
      'no reference',
      { ReferenceCustomer: ' ' },
      'Customer Reference is required: enter the ID your own system uses for this customer (at ' +
        'most 50 characters), such as cust-42.',
    ],
    [
      'a reference with characters ProAbono refuses',
      { ReferenceCustomer: 'a&b=c' },
      'Customer Reference "a&b=c" contains = &, which ProAbono does not allow in a reference. ' +
        'Use letters, digits and signs such as - _ . @ (at most 50 characters).',
    ],
    [
      'a reference longer than 50 UTF-16 units',
      { ReferenceCustomer: '😀'.repeat(26) },
      'Customer Reference is 52 characters long as ProAbono counts them (in UTF-16 units: an ' +
        'emoji counts as 2); ProAbono allows at most 50. Use a shorter reference, such as your ' +
        "own system's ID for the customer.",
    ],
    [
      'an email that is not one',
      { ReferenceCustomer: 'cust-42', Email: 'john@' },
      'Email "john@" is not an email address. Enter one address such as john@doe.com.',
    ],
    [
      'a language that is not a code',
      { ReferenceCustomer: 'cust-42', Language: 'English' },
      'Language "English" is not a language code. Use a two-letter ISO 639-1 code such as en or ' +
        'fr, or a locale such as en-US or fr-FR.',
    ],
  ])('refuses %s, naming the field and the accepted forms', async (_case, inputData, message) => {
    expect(await refusalOf(inputData)).toEqual({
      name: 'AppError',
      code: 'invalid_input',
      message,
    });
  });
});
