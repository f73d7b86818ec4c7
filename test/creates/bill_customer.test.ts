import { perform } from '../../src/creates/bill_customer.js';
import { invoiceRecordSample } from '../../src/samples/invoice.js';
import {
  expectOnlyTheseRequests,
  liveApi,
  livePostApi,
  rejectionBeforeAnyRequest,
  rejectionOf,
  step,
} from '../support/app.js';
import {
  BILL_HINT,
  CUSTOMER_REQUIRED,
  emptyDateRange,
  expiredAuth,
  firstLineOf,
  forbidden,
  invalidData,
  invalidInput,
  notADate,
  nothingToBill,
  notSingleText,
  notYesOrNo,
  paymentSettingsMissing,
  referenceCharacters,
  throttled,
  unexpected,
  unknownCustomer,
} from '../support/errors.js';
import { JOHN_DOE_INVOICE } from '../support/proabono.js';

const bill = step(perform);

/** `POST /v1/Billing/Customer` with exactly this JSON body, once. */
const billApi = (body: Record<string, unknown>) =>
  livePostApi('/v1/Billing/Customer', body).times(1);

/** The body of a bill for cust-42 with no option set. */
const PLAIN = { ReferenceCustomer: 'cust-42', EnsureBillable: false, ForceOffline: false };

const BILLING = 'billing customer "cust-42"';

/** `GET /v1/Balance` counting cust-42's balance lines. */
const balanceApi = () =>
  liveApi()
    .get('/v1/Balance')
    .query({ ReferenceCustomer: 'cust-42', Page: '1', SizePage: '0' })
    .times(1);

describe('bill_customer', () => {
  it('sends the customer, the note, both options and the dates in UTC, and returns the invoice with its PDF link', async () => {
    const billed = billApi({
      ReferenceCustomer: 'cust-42',
      NoteLocalized: 'Purchase order PO-2026-118',
      EnsureBillable: true,
      ForceOffline: true,
      DateStart: '2026-11-01T00:00:00.000Z',
      DateEnd: '2026-11-30T23:59:59.999Z',
    }).reply(200, JOHN_DOE_INVOICE);
    const record = await bill({
      ReferenceCustomer: ' cust-42 ',
      NoteLocalized: ' Purchase order PO-2026-118\n',
      EnsureBillable: 'yes',
      ForceOffline: true,
      DateStart: '2026-11-01T01:00:00+01:00',
      DateEnd: '2026-11-30',
    });
    // The sample is this invoice: the raw answer above, mapped.
    expect(record).toEqual(invoiceRecordSample);
    expectOnlyTheseRequests(billed);
  });

  it('sends both options as false when left blank, and no note or dates', async () => {
    const billed = billApi(PLAIN).reply(200, JOHN_DOE_INVOICE);
    await bill({
      ReferenceCustomer: 'cust-42',
      NoteLocalized: '  ',
      EnsureBillable: '',
      DateEnd: null,
    });
    expectOnlyTheseRequests(billed);
  });

  it('sends a note byte for byte, {{…}}, % and & included', async () => {
    const note = 'PO {{42}} 100% & more 😀 ملاحظة';
    const billed = billApi({
      ReferenceCustomer: 'cust-42',
      NoteLocalized: note,
      EnsureBillable: false,
      ForceOffline: false,
    }).reply(200, JOHN_DOE_INVOICE);
    await bill({ ReferenceCustomer: 'cust-42', NoteLocalized: note });
    expectOnlyTheseRequests(billed);
  });

  describe("ProAbono's documented refusals, each with its own message", () => {
    it('a customer without payment settings (403): what to set in ProAbono, and Force Offline does not waive it', async () => {
      const billed = billApi({ ...PLAIN, ForceOffline: true }).reply(403, {
        Code: 'Error.Customer.PaymentSettings.Missing',
        Message: 'No payment settings.',
      });
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42', ForceOffline: true }))).toEqual(
        paymentSettingsMissing(BILLING, 'cust-42', BILL_HINT),
      );
      expectOnlyTheseRequests(billed);
    });

    it.each([
      [
        'with the code ProAbono gives unknown customers',
        { Code: 'Error.Api.Customer.Unaccessible', Message: 'Customer not found or inaccessible' },
      ],
      ['without a body, as the contract documents it', undefined],
      ['with a body without a code', { Message: 'Customer not found or inaccessible' }],
    ])('an unknown customer (403) %s', async (_how, body) => {
      const billed = billApi(PLAIN).reply(403, body);
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' }))).toEqual(
        unknownCustomer('cust-42'),
      );
      expectOnlyTheseRequests(billed);
    });

    it('a 403 for another reason is ProAbono’s own', async () => {
      const billed = billApi(PLAIN).reply(403, {
        Code: 'Error.Api.Plan.NoApi',
        Message: 'Upgrade your plan.',
      });
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' }))).toEqual(
        forbidden(BILLING, 'Upgrade your plan. (Error.Api.Plan.NoApi)'),
      );
      expectOnlyTheseRequests(billed);
    });
  });

  describe('an empty balance, whichever way ProAbono answers it (it documents none)', () => {
    it.each([
      ['204 with no body', 204, undefined],
      ['200 with an empty body', 200, ''],
      ['200 with null', 200, 'null'],
      ['200 with an empty object', 200, {}],
      ['200 with a message and no invoice', 200, { Message: 'Nothing to bill.' }],
    ])('%s: one message, in one request', async (_how, status, body) => {
      const billed = billApi(PLAIN).reply(status, body, { 'content-type': 'application/json' });
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' }))).toEqual(
        nothingToBill('cust-42'),
      );
      expectOnlyTheseRequests(billed);
    });

    it('names the dates the balance was billed between', async () => {
      const billed = billApi({
        ...PLAIN,
        DateStart: '2026-11-01T00:00:00.000Z',
        DateEnd: '2026-11-30T23:59:59.999Z',
      }).reply(204);
      expect(
        await rejectionOf(
          bill({ ReferenceCustomer: 'cust-42', DateStart: '2026-11-01', DateEnd: '2026-11-30' }),
        ),
      ).toEqual(
        nothingToBill(
          'cust-42',
          ' dated between 2026-11-01T00:00:00.000Z and 2026-11-30T23:59:59.999Z',
        ),
      );
      expectOnlyTheseRequests(billed);
      const from = billApi({ ...PLAIN, DateStart: '2026-11-01T00:00:00.000Z' }).reply(204);
      expect(
        await rejectionOf(bill({ ReferenceCustomer: 'cust-42', DateStart: '2026-11-01' })),
      ).toEqual(nothingToBill('cust-42', ' dated from 2026-11-01T00:00:00.000Z'));
      const upTo = billApi({ ...PLAIN, DateEnd: '2026-11-30T23:59:59.999Z' }).reply(204);
      expect(
        await rejectionOf(bill({ ReferenceCustomer: 'cust-42', DateEnd: '2026-11-30' })),
      ).toEqual(nothingToBill('cust-42', ' dated up to 2026-11-30T23:59:59.999Z'));
      expectOnlyTheseRequests(from, upTo);
    });

    it('a 422 when the balance, read then, is empty (204): the same message, in two requests', async () => {
      const billed = billApi(PLAIN).reply(422, [
        { Code: 'Error.Billing.Empty', Message: 'The balance is empty.' },
      ]);
      const balance = balanceApi().reply(204);
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' }))).toEqual(
        nothingToBill('cust-42'),
      );
      expectOnlyTheseRequests(billed, balance);
    });

    it('a 422 when the balance holds lines is ProAbono’s own refusal, naming the field', async () => {
      const billed = billApi({ ...PLAIN, DateStart: '2026-11-01T00:00:00.000Z' }).reply(422, [
        { Code: 'Error.Api.Field.InvalidType', Message: 'Refused.', Target: 'DateStart' },
      ]);
      const balance = balanceApi().reply(200, {
        Page: 1,
        SizePage: 0,
        Count: 0,
        TotalItems: 2,
        Items: [],
      });
      expect(
        await rejectionOf(bill({ ReferenceCustomer: 'cust-42', DateStart: '2026-11-01' })),
      ).toEqual(invalidData(BILLING, 'Start Date: Refused. (Error.Api.Field.InvalidType)'));
      expectOnlyTheseRequests(billed, balance);
    });

    it('a 422 when the balance cannot be read is ProAbono’s own refusal', async () => {
      const billed = billApi(PLAIN).reply(422, [{ Code: 'Error.X', Message: 'Refused.' }]);
      const balance = balanceApi().reply(500);
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' }))).toEqual(
        invalidData(BILLING, 'Refused. (Error.X)'),
      );
      expectOnlyTheseRequests(billed, balance);
    });
  });

  describe('input errors, before any request', () => {
    it.each([
      [{ NoteLocalized: 'x' }, CUSTOMER_REQUIRED],
      [{ ReferenceCustomer: 'a&b' }, referenceCharacters('Customer', 'a&b', '&')],
      [
        { ReferenceCustomer: 'cust-42', DateStart: 'next monday' },
        notADate('Start Date', 'next monday'),
      ],
      [{ ReferenceCustomer: 'cust-42', DateEnd: '31/12/2026' }, notADate('End Date', '31/12/2026')],
      [
        { ReferenceCustomer: 'cust-42', DateStart: '2026-12-01', DateEnd: '2026-11-30' },
        emptyDateRange('2026-12-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z'),
      ],
      [
        { ReferenceCustomer: 'cust-42', ForceOffline: 'maybe' },
        notYesOrNo('Force Offline', '"maybe"'),
      ],
      [
        { ReferenceCustomer: 'cust-42', NoteLocalized: ['a', 'b'] },
        notSingleText('Note on the Invoice', 'a list'),
      ],
    ])('refuses %j', async (inputData, message) => {
      expect(await rejectionBeforeAnyRequest(() => bill(inputData))).toEqual(invalidInput(message));
    });
  });

  describe('ProAbono errors, through the shared mapping', () => {
    it('asks to reconnect on 401', async () => {
      const billed = billApi(PLAIN).reply(401);
      expect(firstLineOf(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' })))).toEqual(
        expiredAuth(),
      );
      expectOnlyTheseRequests(billed);
    });

    it('lets Zapier retry after a 429', async () => {
      const billed = billApi(PLAIN).reply(429, '', { 'Retry-After': '7' });
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' }))).toEqual(
        throttled(BILLING, 7),
      );
      expectOnlyTheseRequests(billed);
    });

    it('names the endpoint when the answer is an invoice it cannot read', async () => {
      const billed = billApi(PLAIN).reply(200, { Id: 'S-1', FullNumber: 'S-1' });
      expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-42' }))).toEqual(
        unexpected(
          'POST /v1/Billing/Customer',
          BILLING,
          'Id: Invalid input: expected number, received string',
        ),
      );
      expectOnlyTheseRequests(billed);
    });
  });
});
