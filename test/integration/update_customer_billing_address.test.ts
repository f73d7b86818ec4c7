import App from '../../index.js';
import { ADDRESS_KEYS } from '../../sandbox/index.js';
import type { BillingAddress } from '../../sandbox/index.js';
import { perform } from '../../src/creates/update_customer_billing_address.js';
import { call } from '../sandbox/support.js';
import { rejectionOf } from '../support/app.js';
import { addressRead, addressSave } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { seededAddress } from '../support/seed.js';
import {
  CUSTOMER_REQUIRED,
  filledAndCleared,
  invalidData,
  invalidInput,
  notACountry,
  nothingToUpdateAddress,
  notSingleText,
  serverError,
  throttled,
  unknownCustomer,
} from '../support/errors.js';

/**
 * Update Customer Billing Address, the real app against the sandbox over loopback: what reaches
 * ProAbono, what ProAbono then stores, and what the step returns.
 */

const env = useSandbox();

/** cust-de-002 is the seed customer with all eleven fields filled in. */
const FULL = 'cust-de-002';
const FULL_ADDRESS = seededAddress(FULL);

/** The step's record for the seed customer FULL (in Germany), the address being `address`. */
const fullRecord = (address: BillingAddress) => ({
  id: FULL,
  ReferenceCustomer: FULL,
  ...address,
  CountryName: 'Germany',
});

const update = env.step(perform);

/** The address as a client reads it back from the API Live, outside the app. */
const addressOverHttp = async (reference: string) => {
  const answer = await call(env.sandbox, 'GET', '/v1/CustomerAddressBilling', {
    query: { ReferenceCustomer: reference },
  });
  expect(answer.status).toBe(200);
  return answer.json;
};

it('the seed customer used below has all eleven address fields filled in', () => {
  const stored = env.sandbox.customers.address(FULL);
  expect(stored).toEqual(FULL_ADDRESS);
  expect(ADDRESS_KEYS.filter((key) => !stored?.[key])).toEqual([]);
});

describe('a partial update', () => {
  it('changes the two fields given, keeps the other nine, and costs exactly one request', async () => {
    const record = await update({
      ReferenceCustomer: FULL,
      AddressLine1: '  Torstraße 140 ',
      ZipCode: '10119',
      // Blank and missing inputs are left unchanged: never sent.
      Company: '',
      City: '   ',
      Phone: undefined,
      clear_fields: [],
    });

    const expected: BillingAddress = {
      ...FULL_ADDRESS,
      AddressLine1: 'Torstraße 140',
      ZipCode: '10119',
    };
    expect(record).toEqual(fullRecord(expected));
    expect(requestLog(env.sandbox)).toEqual([
      addressSave(FULL, { AddressLine1: 'Torstraße 140', ZipCode: '10119' }),
    ]);

    const stored = env.sandbox.customers.address(FULL);
    expect(stored).toEqual(expected);
    const untouched = ADDRESS_KEYS.filter((key) => key !== 'AddressLine1' && key !== 'ZipCode');
    expect(untouched).toHaveLength(9);
    for (const key of untouched) expect(stored?.[key]).toBe(FULL_ADDRESS[key]);
    expect(await addressOverHttp(FULL)).toEqual(expected);
  });

  it('records one CustomerBillingAddressUpdated notification for the customer', async () => {
    const before = env.sandbox.events().length;
    await update({ ReferenceCustomer: FULL, City: 'Potsdam' });
    const added = env.sandbox.events().slice(before);
    expect(added.map((event) => [event.TypeTrigger, event.Customer.ReferenceCustomer])).toEqual([
      ['CustomerBillingAddressUpdated', FULL],
    ]);
  });

  it('sends a reference with spaces and signs encoded, and finds that customer', async () => {
    const reference = 'acme corp/ü+1';
    env.sandbox.customers.upsert({ ReferenceCustomer: reference, address: { City: 'Lyon' } });
    const record = await update({ ReferenceCustomer: reference, Company: 'ACME' });
    expect(record).toMatchObject({ id: reference, Company: 'ACME', City: 'Lyon' });
    expect(requestLog(env.sandbox)).toEqual([addressSave(reference, { Company: 'ACME' })]);
  });
});

describe('clearing fields', () => {
  /**
   * The writes of an update that clears `cleared`: one where ProAbono empties a field sent as "",
   * and where it ignores "", the same fields once more as null.
   */
  const clearingWrites = (body: Record<string, string>, cleared: string[]) =>
    env.sandbox.behaviour.addressClearValue === ''
      ? [addressSave(FULL, body)]
      : [
          addressSave(FULL, body),
          addressSave(FULL, Object.fromEntries(cleared.map((key) => [key, null]))),
        ];

  it('empties exactly the listed field: sent as "", then as null only where ProAbono kept it', async () => {
    const record = await update({ ReferenceCustomer: FULL, clear_fields: ['AddressLine2'] });

    const expected: BillingAddress = { ...FULL_ADDRESS, AddressLine2: null };
    expect(record).toEqual(fullRecord(expected));
    expect(requestLog(env.sandbox)).toEqual(clearingWrites({ AddressLine2: '' }, ['AddressLine2']));
    expect(env.sandbox.customers.address(FULL)).toEqual(expected);
    expect(await addressOverHttp(FULL)).toEqual(expected);
  });

  it('clears fields named by their labels in text while setting another one', async () => {
    const record = await update({
      ReferenceCustomer: FULL,
      City: 'Potsdam',
      clear_fields: 'phone, VAT / Tax Number',
    });

    const expected: BillingAddress = {
      ...FULL_ADDRESS,
      City: 'Potsdam',
      Phone: null,
      TaxInformation: null,
    };
    expect(record).toEqual(fullRecord(expected));
    expect(requestLog(env.sandbox)).toEqual(
      clearingWrites({ City: 'Potsdam', Phone: '', TaxInformation: '' }, [
        'Phone',
        'TaxInformation',
      ]),
    );
    expect(env.sandbox.customers.address(FULL)).toEqual(expected);
  });
});

describe('normalisation reaches ProAbono', () => {
  it('sends the country as alpha-2, the completed region, the phone in E.164 and a compact VAT number', async () => {
    const record = await update({
      ReferenceCustomer: 'cust-es-003',
      Country: 'españa',
      Region: 'm',
      Phone: '911 23 45 67',
      TaxInformation: 'es-a08017535',
    });

    expect(requestLog(env.sandbox)).toEqual([
      addressSave('cust-es-003', {
        Country: 'ES',
        Region: 'ES-M',
        Phone: '+34911234567',
        TaxInformation: 'ESA08017535',
      }),
    ]);
    expect(record).toEqual({
      id: 'cust-es-003',
      ReferenceCustomer: 'cust-es-003',
      ...seededAddress('cust-es-003'),
      CountryName: 'Spain',
      Region: 'ES-M',
      Phone: '+34911234567',
      TaxInformation: 'ESA08017535',
    });
  });

  it('turns country names in other languages into the code ProAbono accepts', async () => {
    for (const [typed, code] of [
      ['Deutschland', 'DE'],
      ['Royaume-Uni', 'GB'],
      ['FRA', 'FR'],
      ['united states', 'US'],
    ] as const) {
      env.sandbox.resetRequests();
      await update({ ReferenceCustomer: 'cust-fr-006', Country: typed });
      expect(requestLog(env.sandbox)).toEqual([addressSave('cust-fr-006', { Country: code })]);
      expect(env.sandbox.customers.address('cust-fr-006')?.Country).toBe(code);
    }
  });

  it('sends a region name and a phone it cannot read as typed', async () => {
    await update({
      ReferenceCustomer: 'cust-gb-004',
      Country: 'GB',
      Region: 'Greater London',
      Phone: 'ext. 204',
    });
    expect(requestLog(env.sandbox)).toEqual([
      addressSave('cust-gb-004', { Country: 'GB', Region: 'Greater London', Phone: 'ext. 204' }),
    ]);
  });
});

describe('Skip If Nothing Would Change', () => {
  // cust-fr-001 lives in France, with the phone +33144556677.
  const CAMILLE = 'cust-fr-001';

  it("reads a national phone written without Country in the customer's country: the same number, nothing written", async () => {
    const before = env.sandbox.customers.address(CAMILLE);
    const record = await update({
      ReferenceCustomer: CAMILLE,
      Phone: '01 44 55 66 77',
      skip_if_unchanged: true,
    });
    expect(record).toMatchObject({ Phone: '+33144556677', changed: false, changed_fields: [] });
    expect(requestLog(env.sandbox)).toEqual([addressRead(CAMILLE)]);
    expect(env.sandbox.customers.address(CAMILLE)).toEqual(before);
    expect(env.sandbox.events()).toEqual([]);
  });

  it("writes another national number in the international form of the customer's country", async () => {
    const record = await update({
      ReferenceCustomer: CAMILLE,
      Phone: '01 44 55 66 78',
      skip_if_unchanged: true,
    });
    expect(record).toMatchObject({
      Phone: '+33144556678',
      changed: true,
      changed_fields: ['Phone'],
    });
    expect(requestLog(env.sandbox)).toEqual([
      addressRead(CAMILLE),
      addressSave(CAMILLE, { Phone: '+33144556678' }),
    ]);
  });
});

describe('errors end to end', () => {
  it('an unknown customer: ProAbono answers 403, the message names the reference and the environment', async () => {
    const error = await rejectionOf(update({ ReferenceCustomer: 'cust-nobody', City: 'Paris' }));
    expect(error).toEqual(unknownCustomer('cust-nobody'));
    expect(requestLog(env.sandbox)).toEqual([addressSave('cust-nobody', { City: 'Paris' })]);
  });

  it.each([
    [
      'nothing to change',
      { ReferenceCustomer: FULL, City: ' ', clear_fields: [] },
      nothingToUpdateAddress(FULL),
    ],
    ['no customer', { City: 'Paris' }, CUSTOMER_REQUIRED],
    [
      'a field both filled in and cleared',
      { ReferenceCustomer: FULL, Phone: '+4930111', clear_fields: ['Phone'] },
      filledAndCleared('Phone'),
    ],
    [
      'an unknown country',
      { ReferenceCustomer: FULL, Country: 'Atlantis' },
      notACountry('"Atlantis"'),
    ],
    [
      'an invalid EU VAT number',
      { ReferenceCustomer: FULL, TaxInformation: 'FR40303265046' },
      expect.stringMatching(
        /^VAT \/ Tax Number "FR40303265046" is not a valid French VAT number: its check digits do not match/,
      ),
    ],
    [
      'a list in a text field',
      { ReferenceCustomer: FULL, City: ['Berlin', 'Hamburg'] },
      notSingleText('City', 'a list'),
    ],
  ])('%s: refused before any request', async (_, inputData, message) => {
    const error = await rejectionOf(update(inputData));
    expect(error).toEqual(invalidInput(message));
    expect(env.sandbox.requests()).toEqual([]);
    expect(env.sandbox.customers.address(FULL)).toEqual(FULL_ADDRESS);
  });

  it("ProAbono's own 422 names the Zapier label of its Target (a value longer than ProAbono stores)", async () => {
    // ProAbono documents no length limit nor its 422 codes: this test needs a ProAbono with both.
    env.setBehaviour({ addressFieldMaxLength: 255, inventedErrorCodes: true });
    const long = 'x'.repeat(256);
    const error = await rejectionOf(update({ ReferenceCustomer: FULL, AddressLine1: long }));
    expect(error).toEqual(
      invalidData(
        `updating the billing address of customer "${FULL}"`,
        'Address Line 1: AddressLine1 must be at most 255 characters long. (Error.Api.Field.TooLong)',
      ),
    );
    expect(requestLog(env.sandbox)).toEqual([addressSave(FULL, { AddressLine1: long })]);
    expect(env.sandbox.customers.address(FULL)).toEqual(FULL_ADDRESS);
  });

  it('a 422 listing several targets names each by its label', async () => {
    env.sandbox.addFault({
      method: 'POST',
      path: '/v1/CustomerAddressBilling',
      status: 422,
      json: [
        {
          Code: 'Error.Api.Address.ZipCode.Invalid',
          Message: 'Invalid postal code.',
          Target: 'ZipCode',
        },
        { Code: 'Error.Api.Address.Region.Invalid', Message: 'Unknown region.', Target: 'region' },
      ],
    });
    const error = await rejectionOf(
      update({ ReferenceCustomer: FULL, ZipCode: '1O117', Region: 'DE-XX' }),
    );
    expect(error).toEqual(
      invalidData(
        `updating the billing address of customer "${FULL}"`,
        'Zip / Postal Code: Invalid postal code. (Error.Api.Address.ZipCode.Invalid); Region / State: Unknown region. (Error.Api.Address.Region.Invalid)',
      ),
    );
    expect(requestLog(env.sandbox)).toEqual([
      addressSave(FULL, { ZipCode: '1O117', Region: 'DE-XX' }),
    ]);
  });

  it('a 429 with Retry-After becomes a throttle Zapier retries later; nothing is written', async () => {
    env.sandbox.addFault({ path: '/v1/CustomerAddressBilling', status: 429, retryAfter: 12 });
    expect(await rejectionOf(update({ ReferenceCustomer: FULL, City: 'Potsdam' }))).toEqual(
      throttled(`updating the billing address of customer "${FULL}"`, 12),
    );
    expect(requestLog(env.sandbox)).toEqual([addressSave(FULL, { City: 'Potsdam' })]);
    expect(env.sandbox.customers.address(FULL)).toEqual(FULL_ADDRESS);
  });

  it('a 503 says the data is fine and the step can be replayed, without retrying by itself', async () => {
    env.sandbox.addFault({ path: '/v1/CustomerAddressBilling', status: 503 });
    expect(await rejectionOf(update({ ReferenceCustomer: FULL, City: 'Potsdam' }))).toEqual(
      serverError(`updating the billing address of customer "${FULL}"`, 503),
    );
    expect(env.sandbox.requests()).toHaveLength(1);
    expect(env.sandbox.customers.address(FULL)).toEqual(FULL_ADDRESS);
  });

  it('the Zapier label of every address field is what a 422 about it says', () => {
    const fields = (
      App.creates as Record<
        string,
        { operation: { inputFields: { key: string; label: string }[] } }
      >
    ).update_customer_billing_address?.operation.inputFields;
    const labels = Object.fromEntries((fields ?? []).map((field) => [field.key, field.label]));
    expect(labels).toMatchObject({ AddressLine1: 'Address Line 1', ZipCode: 'Zip / Postal Code' });
    expect(labels.Region).toBe('Region / State');
  });
});
