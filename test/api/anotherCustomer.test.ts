import { perform as createCustomer } from '../../src/creates/create_customer.js';
import { perform as updateCustomer } from '../../src/creates/update_customer.js';
import { perform as findCustomer } from '../../src/searches/find_customer.js';
import {
  customerLookupApi,
  customerSaveApi,
  expectOnlyTheseRequests,
  rejectionOf,
  run,
  withClient,
} from '../support/app.js';
import { anotherCustomer } from '../support/errors.js';
import { JOHN_DOE } from '../support/proabono.js';

/*
 * An answer about another customer than the one asked for is never taken for it: the step stops
 * with an error naming both, and sends nothing further (no address read or written for the
 * wrong customer, no update of it).
 */

const LOOKUP = 'GET /v1/Customer';
const SAVE = 'POST /v1/Customer';

describe('getCustomer and upsertCustomer check whose answer it is', () => {
  it.each([
    ['another reference', 'cust-43'],
    ['the reference in another case', 'CUST-42'],
    ['the reference with a space', 'cust-42 '],
  ])('getCustomer refuses a 200 for %s', async (_kind, answered) => {
    const lookup = customerLookupApi('cust-42').reply(200, {
      ...JOHN_DOE,
      ReferenceCustomer: answered,
    });
    expect(await rejectionOf(withClient((client) => client.getCustomer('cust-42')))).toEqual(
      anotherCustomer(LOOKUP, 'looking up customer "cust-42"', 'cust-42', answered),
    );
    expectOnlyTheseRequests(lookup);
  });

  it.each([200, 201])('upsertCustomer refuses a %i for another reference', async (status) => {
    const save = customerSaveApi({ ReferenceCustomer: 'cust-42' }).reply(status, {
      ...JOHN_DOE,
      ReferenceCustomer: 'cust-99',
    });
    expect(
      await rejectionOf(
        withClient((client) => client.upsertCustomer({ ReferenceCustomer: 'cust-42' })),
      ),
    ).toEqual(anotherCustomer(SAVE, 'saving customer "cust-42"', 'cust-42', 'cust-99', status));
    expectOnlyTheseRequests(save);
  });

  it('takes the answer for the customer asked for', async () => {
    customerLookupApi('cust-42').reply(200, JOHN_DOE);
    expect(await withClient((client) => client.getCustomer('cust-42'))).toEqual(JOHN_DOE);
  });
});

describe('the operations stop at an answer for another customer', () => {
  it('Find Customer reads no address for it', async () => {
    const lookup = customerLookupApi('cust-42').reply(200, { ...JOHN_DOE, ReferenceCustomer: 'x' });
    expect(
      await rejectionOf(run(findCustomer, { inputData: { ReferenceCustomer: 'cust-42' } })),
    ).toEqual(anotherCustomer(LOOKUP, 'looking up customer "cust-42"', 'cust-42', 'x'));
    expectOnlyTheseRequests(lookup);
  });

  it('Create Customer writes no address to it after a 201 for another reference', async () => {
    const lookup = customerLookupApi('cust-42').reply(404);
    const save = customerSaveApi({ ReferenceCustomer: 'cust-42', Name: 'John Doe' }).reply(201, {
      ...JOHN_DOE,
      ReferenceCustomer: 'cust-7',
    });
    expect(
      await rejectionOf(
        run(createCustomer, {
          inputData: { ReferenceCustomer: 'cust-42', Name: 'John Doe', City: 'Paris' },
        }),
      ),
    ).toEqual(anotherCustomer(SAVE, 'saving customer "cust-42"', 'cust-42', 'cust-7', 201));
    expectOnlyTheseRequests(lookup, save);
  });

  it('Update Customer updates nothing when the lookup answers for another reference', async () => {
    const lookup = customerLookupApi('cust-42').reply(200, {
      ...JOHN_DOE,
      ReferenceCustomer: 'cust-7',
    });
    expect(
      await rejectionOf(
        run(updateCustomer, { inputData: { ReferenceCustomer: 'cust-42', Name: 'Jane' } }),
      ),
    ).toEqual(anotherCustomer(LOOKUP, 'looking up customer "cust-42"', 'cust-42', 'cust-7'));
    expectOnlyTheseRequests(lookup);
  });
});
