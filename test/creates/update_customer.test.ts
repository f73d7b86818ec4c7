import { perform } from '../../src/creates/update_customer.js';
import {
  customerLookupApi,
  customerSaveApi,
  expectOnlyTheseRequests,
  rejectionBeforeAnyRequest,
  rejectionOf,
  step,
} from '../support/app.js';
import {
  brokenCharacter,
  CUSTOMER_REQUIRED,
  customerSegmentUnknown,
  expiredAuth,
  firstLineOf,
  invalidData,
  invalidInput,
  noCustomerToUpdate,
  notALanguage,
  notAnEmail,
  nothingToUpdateCustomer,
  notSingleText,
  referenceCharacters,
  throttled,
  tooManyMetadataPairs,
} from '../support/errors.js';
import { JOHN_DOE } from '../support/proabono.js';

const customer = {
  ...JOHN_DOE,
  IdSegment: 70,
  ReferenceSegment: 'demo-usd',
  Currency: 'USD',
};

const update = step(perform);

/** The lookup of cust-42, which ProAbono finds in segment demo-usd. */
const foundInDemoUsd = () => customerLookupApi('cust-42').reply(200, customer);

/** The save of cust-42 with exactly these fields and the segment the lookup found. */
const saveInDemoUsd = (fields: Record<string, unknown>) =>
  customerSaveApi({ ReferenceCustomer: 'cust-42', ...fields, ReferenceSegment: 'demo-usd' });

/** That save, answered with the customer as it then stands: these fields saved. */
const savedInDemoUsd = (fields: Record<string, unknown>) =>
  saveInDemoUsd(fields).reply(200, { ...customer, ...fields });

describe('update_customer', () => {
  it("sends only the filled fields with the customer's own segment, and returns the stored customer", async () => {
    const lookup = foundInDemoUsd();
    const saved = savedInDemoUsd({ Email: 'billing@example.com', Language: 'en-US' });
    const result = await update({
      ReferenceCustomer: ' cust-42 ',
      Name: '  ',
      Email: 'billing@example.com ',
      Language: 'en_us',
    });
    expect(result).toEqual({
      id: 'cust-42',
      IdCustomer: 233700,
      ReferenceCustomer: 'cust-42',
      Name: 'John Doe',
      Email: 'billing@example.com',
      Language: 'en-US',
      Status: 'Enabled',
      ReferenceSegment: 'demo-usd',
      ReferenceAffiliation: 'partner-janesmith',
      Metadata: {},
    });
    expectOnlyTheseRequests(lookup, saved);
  });

  it.each([
    ['without ReferenceSegment', { ReferenceCustomer: 'cust-42' }],
    ['with a null ReferenceSegment', { ...customer, ReferenceSegment: null }],
    ['with an empty ReferenceSegment', { ...customer, ReferenceSegment: '' }],
    ['with a blank ReferenceSegment', { ...customer, ReferenceSegment: '  ' }],
  ])(
    'refuses to save a customer the lookup answers %s: no post without its segment, no twin',
    async (_case, answer) => {
      const lookup = customerLookupApi('cust-42').reply(200, answer);
      expect(await rejectionOf(update({ ReferenceCustomer: 'cust-42', Name: 'John Doe' }))).toEqual(
        customerSegmentUnknown('cust-42'),
      );
      expectOnlyTheseRequests(lookup);
    },
  );

  it('sends a language name as its code, and the affiliation', async () => {
    const lookup = foundInDemoUsd();
    const saved = savedInDemoUsd({ Language: 'de', ReferenceAffiliation: 'partner-17' });
    expect(
      await update({
        ReferenceCustomer: 'cust-42',
        Language: 'Deutsch',
        ReferenceAffiliation: 'partner-17',
      }),
    ).toMatchObject({ Language: 'de', ReferenceAffiliation: 'partner-17' });
    expectOnlyTheseRequests(lookup, saved);
  });

  describe('metadata', () => {
    const withMetadata = (Metadata: Record<string, unknown>) =>
      customerLookupApi('cust-42').reply(200, { ...customer, Metadata });

    it("sends the step's pairs with the customer's other pairs, so none is lost whether ProAbono merges or replaces", async () => {
      const lookup = withMetadata({ crm_id: '4711', Incomes: 150000, source: 'fair' });
      const saved = savedInDemoUsd({
        Metadata: { crm_id: '4711', Incomes: 150000, source: 'website', owner: 'Jane' },
      });
      expect(
        await update({
          ReferenceCustomer: 'cust-42',
          Metadata: { source: 'website', owner: ' Jane ', crm_id: '' },
        }),
      ).toMatchObject({
        Metadata: { crm_id: '4711', Incomes: '150000', source: 'website', owner: 'Jane' },
      });
      expectOnlyTheseRequests(lookup, saved);
    });

    it('sends no metadata when every pair is blank, and keeps the others unchanged', async () => {
      const lookup = withMetadata({ crm_id: '4711' });
      const saved = saveInDemoUsd({ Name: 'John Doe' }).reply(200, customer);
      await update({ ReferenceCustomer: 'cust-42', Name: 'John Doe', Metadata: { crm_id: ' ' } });
      expectOnlyTheseRequests(lookup, saved);
    });

    it('refuses, after the lookup and before the save, pairs that with the stored ones exceed five', async () => {
      const lookup = withMetadata({ a: '1', b: '2', c: '3', d: '4' });
      expect(
        await rejectionOf(update({ ReferenceCustomer: 'cust-42', Metadata: { e: '5', f: '6' } })),
      ).toEqual(invalidInput(tooManyMetadataPairs(6, 4)));
      expectOnlyTheseRequests(lookup);
    });

    it('replaces a stored value by name without counting it twice', async () => {
      const lookup = withMetadata({ a: '1', b: '2', c: '3', d: '4', e: '5' });
      const saved = saveInDemoUsd({
        Metadata: { a: '1', b: '2', c: '3', d: '4', e: 'five' },
      }).reply(200, customer);
      await update({ ReferenceCustomer: 'cust-42', Metadata: { e: 'five' } });
      expectOnlyTheseRequests(lookup, saved);
    });
  });

  it('never creates: an unknown reference is an error after the lookup alone', async () => {
    const lookup = customerLookupApi('cust-nobody').reply(404, {
      Code: 'Error.Api.Customer.NotFound',
    });
    expect(await rejectionOf(update({ ReferenceCustomer: 'cust-nobody', Name: 'X' }))).toEqual(
      noCustomerToUpdate('cust-nobody'),
    );
    expectOnlyTheseRequests(lookup);
  });

  it('says so when the customer vanished between the lookup and the save and ProAbono made a new one (201)', async () => {
    const lookup = foundInDemoUsd();
    const saved = saveInDemoUsd({ Name: 'John Doe' }).reply(201, customer);
    expect(await rejectionOf(update({ ReferenceCustomer: 'cust-42', Name: 'John Doe' }))).toEqual({
      name: 'AppError',
      code: 'customer_recreated',
      message:
        'Customer "cust-42" disappeared from ProAbono while this step ran, so ProAbono created ' +
        "a new customer with this reference and this step's values. Check the customer in " +
        'ProAbono.',
    });
    expectOnlyTheseRequests(lookup, saved);
  });

  describe('input errors, before any request', () => {
    it.each([
      [{ Name: 'John Doe' }, CUSTOMER_REQUIRED],
      [
        {
          ReferenceCustomer: 'cust-42',
          Name: '',
          Email: ' ',
          Language: null,
          ReferenceAffiliation: '',
          Metadata: { crm_id: '' },
        },
        nothingToUpdateCustomer('cust-42'),
      ],
      [{ ReferenceCustomer: 'cust-42', Email: 'john@' }, notAnEmail('Email', 'john@')],
      [{ ReferenceCustomer: 'cust-42', Language: 'Klingon' }, notALanguage('Language', 'Klingon')],
      [
        {
          ReferenceCustomer: 'cust-42',
          Metadata: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' },
        },
        tooManyMetadataPairs(6),
      ],
      [
        { ReferenceCustomer: 'cust-42', ReferenceAffiliation: 'p\uD83D' },
        brokenCharacter('Affiliation Reference'),
      ],
      [
        { ReferenceCustomer: 'a;b', Name: 'X' },
        referenceCharacters('Customer Reference', 'a;b', ';'),
      ],
      [{ ReferenceCustomer: 'cust-42', Name: ['John', 'Doe'] }, notSingleText('Name', 'a list')],
    ])('refuses %j', async (inputData, message) => {
      expect(await rejectionBeforeAnyRequest(() => update(inputData))).toEqual(
        invalidInput(message),
      );
    });
  });

  describe('ProAbono errors, through the shared mapping', () => {
    it('names the Zapier field label of a 422 Target', async () => {
      const lookup = foundInDemoUsd();
      const saved = saveInDemoUsd({ Email: 'john.doe@example.com' }).reply(422, [
        { Code: 'Error.Customer.Email.Invalid', Message: 'Refused', Target: 'Email' },
      ]);
      expect(
        await rejectionOf(update({ ReferenceCustomer: 'cust-42', Email: 'john.doe@example.com' })),
      ).toEqual(
        invalidData('saving customer "cust-42"', 'Email: Refused (Error.Customer.Email.Invalid)'),
      );
      expectOnlyTheseRequests(lookup, saved);
    });

    it('asks to reconnect on 401', async () => {
      const lookup = customerLookupApi('cust-42').reply(401);
      const error = await rejectionOf(update({ ReferenceCustomer: 'cust-42', Name: 'X' }));
      expect(firstLineOf(error)).toEqual(expiredAuth());
      expectOnlyTheseRequests(lookup);
    });

    it('lets Zapier retry after a 429, before anything was written', async () => {
      const lookup = customerLookupApi('cust-42').reply(429, '', { 'Retry-After': '12' });
      const error = await rejectionOf(update({ ReferenceCustomer: 'cust-42', Name: 'X' }));
      expect(error).toEqual(throttled('looking up customer "cust-42"', 12));
      expectOnlyTheseRequests(lookup);
    });
  });
});
