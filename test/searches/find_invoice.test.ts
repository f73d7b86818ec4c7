import { perform } from '../../src/searches/find_invoice.js';
import { invoiceRecordSample } from '../../src/samples/invoice.js';
import {
  customerLookupApi,
  expectOnlyTheseRequests,
  liveApi,
  rejectionBeforeAnyRequest,
  rejectionOf,
  segmentsApi,
  step,
} from '../support/app.js';
import {
  expiredAuth,
  firstLineOf,
  forbidden,
  FULL_NUMBER_REQUIRED,
  fullNumberTooLong,
  invalidInput,
  notSingleText,
  referenceCharacters,
} from '../support/errors.js';
import { JOHN_DOE, JOHN_DOE_INVOICE, proAbonoPage } from '../support/proabono.js';

const find = step(perform);

/** `GET /v1/Invoice` for S-69.00000033, in one segment when given, once. */
const invoiceApi = (segment?: string) =>
  liveApi()
    .get('/v1/Invoice')
    .query({
      FullNumber: 'S-69.00000033',
      ...(segment === undefined ? {} : { ReferenceSegment: segment }),
    })
    .times(1);

const segments = (...references: string[]) =>
  proAbonoPage(
    references.map((ReferenceSegment, index) => ({
      Id: 69 + index,
      ReferenceSegment,
      Name: ReferenceSegment,
    })),
  );

const NOT_FOUND = { Code: 'Error.Api.NotFound', Message: 'Not found' };

describe('find_invoice', () => {
  describe('with a customer', () => {
    it("looks the customer up, then the number in the customer's own segment", async () => {
      const customer = customerLookupApi('cust-42').reply(200, {
        ...JOHN_DOE,
        ReferenceSegment: 'demo-usd',
      });
      const invoice = invoiceApi('demo-usd').reply(200, {
        ...JOHN_DOE_INVOICE,
        ReferenceSegment: 'demo-usd',
      });
      expect(await find({ FullNumber: ' S-69.00000033 ', ReferenceCustomer: 'cust-42' })).toEqual([
        { ...invoiceRecordSample, ReferenceSegment: 'demo-usd' },
      ]);
      expectOnlyTheseRequests(customer, invoice);
    });

    it.each([
      [
        'the whole record, credit note fields and PDF link included',
        200,
        {
          ...JOHN_DOE_INVOICE,
          TypeCredit: 'Refund',
          Reason: 'Duplicate payment',
          Links: [
            {
              rel: 'related-invoice',
              href: 'https://billing.example.com/pdf/7',
              type: 'application/pdf',
            },
          ],
        },
        [
          {
            ...invoiceRecordSample,
            TypeCredit: 'Refund',
            Reason: 'Duplicate payment',
            PdfUrl: 'https://billing.example.com/pdf/7',
          },
        ],
      ],
      [
        '[] for an invoice of another customer',
        200,
        { ...JOHN_DOE_INVOICE, ReferenceCustomer: 'cust-7' },
        [],
      ],
      ['[] when the segment has no such number (404)', 404, NOT_FOUND, []],
    ])('returns %s', async (_what, status, body, expected) => {
      const customer = customerLookupApi('cust-42').reply(200, JOHN_DOE);
      const invoice = invoiceApi('demo-eur').reply(status, body);
      expect(await find({ FullNumber: 'S-69.00000033', ReferenceCustomer: 'cust-42' })).toEqual(
        expected,
      );
      expectOnlyTheseRequests(customer, invoice);
    });

    it('returns [] for an unknown customer, without looking the number up', async () => {
      const customer = customerLookupApi('cust-42').reply(404, NOT_FOUND);
      expect(await find({ FullNumber: 'S-69.00000033', ReferenceCustomer: 'cust-42' })).toEqual([]);
      expectOnlyTheseRequests(customer);
    });
  });

  describe('without a customer', () => {
    it('finds the number in the default segment in one request', async () => {
      const invoice = invoiceApi().reply(200, JOHN_DOE_INVOICE);
      expect(await find({ FullNumber: 'S-69.00000033' })).toEqual([invoiceRecordSample]);
      expectOnlyTheseRequests(invoice);
    });

    it('then searches each segment of the business until found', async () => {
      const inDefault = invoiceApi().reply(404, NOT_FOUND);
      const list = segmentsApi().reply(200, segments('demo-eur', 'demo-usd', 'demo-gbp'));
      const inEur = invoiceApi('demo-eur').reply(404, NOT_FOUND);
      const inUsd = invoiceApi('demo-usd').reply(200, {
        ...JOHN_DOE_INVOICE,
        ReferenceSegment: 'demo-usd',
      });
      expect(await find({ FullNumber: 'S-69.00000033' })).toEqual([
        { ...invoiceRecordSample, ReferenceSegment: 'demo-usd' },
      ]);
      expectOnlyTheseRequests(inDefault, list, inEur, inUsd);
    });

    it('returns [] when no segment has it', async () => {
      const inDefault = invoiceApi().reply(404, NOT_FOUND);
      const list = segmentsApi().reply(200, segments('demo-eur', 'demo-usd'));
      const inEur = invoiceApi('demo-eur').reply(404, NOT_FOUND);
      const inUsd = invoiceApi('demo-usd').reply(404, NOT_FOUND);
      expect(await find({ FullNumber: 'S-69.00000033' })).toEqual([]);
      expectOnlyTheseRequests(inDefault, list, inEur, inUsd);
    });

    it.each([
      ['one segment: the default, searched already', 200, segments('demo-eur')],
      ['no segment list (204)', 204, undefined],
      ['no segment list at all (404)', 404, { Code: 404, Message: 'Unknown path.' }],
    ])('returns [] with %s', async (_what, status, body) => {
      const inDefault = invoiceApi().reply(404, NOT_FOUND);
      const list = segmentsApi().reply(status, body);
      expect(await find({ FullNumber: 'S-69.00000033' })).toEqual([]);
      expectOnlyTheseRequests(inDefault, list);
    });

    it('says so when the Backoffice refuses the segment list, rather than answer none', async () => {
      const inDefault = invoiceApi().reply(404, NOT_FOUND);
      const list = segmentsApi().reply(403, { Code: 403, Message: 'Not allowed.' });
      expect(await rejectionOf(find({ FullNumber: 'S-69.00000033' }))).toEqual(
        forbidden('listing segments', 'Not allowed. (403)'),
      );
      expectOnlyTheseRequests(inDefault, list);
    });
  });

  it('sends the number byte for byte, URL-encoded', async () => {
    const number = 'F 001/{{2}}+#%é';
    const invoice = liveApi()
      .get('/v1/Invoice')
      .query({ FullNumber: number })
      .reply(200, JOHN_DOE_INVOICE);
    const paths: string[] = [];
    invoice.on('request', (request: { path: string }) => paths.push(request.path));
    expect(await find({ FullNumber: number })).toHaveLength(1);
    expect(paths).toEqual(['/v1/Invoice?FullNumber=F%20001%2F%7B%7B2%7D%7D%2B%23%25%C3%A9']);
    expectOnlyTheseRequests(invoice);
  });

  it('sends a number of 100 characters, the longest taken', async () => {
    const number = `S-${'9'.repeat(98)}`;
    const invoice = liveApi()
      .get('/v1/Invoice')
      .query({ FullNumber: number })
      .reply(200, JOHN_DOE_INVOICE);
    expect(await find({ FullNumber: number })).toHaveLength(1);
    expectOnlyTheseRequests(invoice);
  });

  it.each([
    [{}, FULL_NUMBER_REQUIRED],
    [{ FullNumber: '\u200B ' }, FULL_NUMBER_REQUIRED],
    [{ FullNumber: 'S-1', ReferenceCustomer: 'a"b' }, referenceCharacters('Customer', 'a"b', '"')],
    [{ FullNumber: { number: 1 } }, notSingleText('Invoice Number', 'an object')],
    [{ FullNumber: 'S'.repeat(101) }, fullNumberTooLong(`"${'S'.repeat(60)}…" (101 characters)`)],
    [
      { FullNumber: 'S'.repeat(1024 * 1024) },
      fullNumberTooLong(`"${'S'.repeat(60)}…" (1,048,576 characters)`),
    ],
  ])('refuses %j before any request', async (inputData, message) => {
    expect(await rejectionBeforeAnyRequest(() => find(inputData))).toEqual(invalidInput(message));
  });

  it('asks to reconnect on 401', async () => {
    const invoice = invoiceApi().reply(401);
    expect(firstLineOf(await rejectionOf(find({ FullNumber: 'S-69.00000033' })))).toEqual(
      expiredAuth(),
    );
    expectOnlyTheseRequests(invoice);
  });
});
