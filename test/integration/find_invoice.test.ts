import { perform } from '../../src/searches/find_invoice.js';
import { customerLookup, invoiceLookup, segmentsPage } from '../support/requests.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/**
 * Find Invoice, the real app against the sandbox, which (like ProAbono) looks a number up in the
 * default segment unless the request names another.
 */

const env = useSandbox({ now: () => new Date('2026-11-20T10:00:00.000Z') });
const find = env.step(perform);

const EMILY_INVOICE = 'S-70.00000001';

it("finds Camille's invoice in the default segment in one request", async () => {
  const pdf = Buffer.from('inv:3736352').toString('base64url');
  expect(await find({ FullNumber: 'S-69.00000001' })).toEqual([
    {
      id: 3736352,
      Id: 3736352,
      IdCustomer: 233700,
      IdSegment: 69,
      ReferenceCustomer: 'cust-fr-001',
      ReferenceSegment: 'sandbox-eur',
      FullNumber: 'S-69.00000001',
      Status: 'Paid',
      StateInvoice: 'Paid',
      TypeCredit: null,
      Reason: null,
      TypePayment: 'Card',
      Currency: 'EUR',
      AmountSubtotal: 1900,
      AmountSubtotalDecimal: '19.00',
      AmountTotal: 2280,
      AmountTotalDecimal: '22.80',
      DateIssue: '2026-11-18T14:05:12.000Z',
      DatePayment: '2026-11-18T14:06:40.000Z',
      DatePaymentScheduled: null,
      DatePaymentLimit: null,
      DateUpdate: '2026-11-18T14:06:40.000Z',
      NoteLocalized: null,
      PdfUrl: `${env.sandbox.url}/portal-inv-pdf/${pdf}`,
    },
  ]);
  expect(requestLog(env.sandbox)).toEqual([invoiceLookup('S-69.00000001')]);
});

it("with a customer of the non-default segment, looks in that customer's segment", async () => {
  expect(await find({ FullNumber: EMILY_INVOICE, ReferenceCustomer: 'cust-us-005' })).toMatchObject(
    [
      {
        id: 3736353,
        ReferenceCustomer: 'cust-us-005',
        Currency: 'USD',
        AmountTotalDecimal: '210.00',
      },
    ],
  );
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-us-005'),
    invoiceLookup(EMILY_INVOICE, 'sandbox-usd'),
  ]);
});

it('without a customer, finds an invoice of the non-default segment by searching each segment', async () => {
  // Each segment comes from the segment list, which ProAbono does not document.
  env.setBehaviour({ segmentList: true });
  expect(await find({ FullNumber: EMILY_INVOICE })).toMatchObject([{ id: 3736353 }]);
  expect(requestLog(env.sandbox)).toEqual([
    invoiceLookup(EMILY_INVOICE),
    segmentsPage(1, 100),
    invoiceLookup(EMILY_INVOICE, 'sandbox-eur'),
    invoiceLookup(EMILY_INVOICE, 'sandbox-usd'),
  ]);
});

it("returns [] for an invoice outside the customer's segment, or of another customer", async () => {
  expect(await find({ FullNumber: EMILY_INVOICE, ReferenceCustomer: 'cust-fr-001' })).toEqual([]);
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-fr-001'),
    invoiceLookup(EMILY_INVOICE, 'sandbox-eur'),
  ]);
  expect(await find({ FullNumber: 'S-69.00000001', ReferenceCustomer: 'cust-de-002' })).toEqual([]);
});

it('without a customer or a segment list, searches the default segment only', async () => {
  env.setBehaviour({ segmentList: false });
  expect(await find({ FullNumber: EMILY_INVOICE })).toEqual([]);
  expect(requestLog(env.sandbox)).toEqual([invoiceLookup(EMILY_INVOICE), segmentsPage(1, 100)]);
});

it('returns [] for a number no segment has', async () => {
  expect(await find({ FullNumber: 'S-69.99999999' })).toEqual([]);
  // The default segment, then the segment list; and each segment where there is one.
  expect(requestLog(env.sandbox)).toHaveLength(env.sandbox.behaviour.segmentList ? 4 : 2);
});
