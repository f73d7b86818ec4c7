import { perform } from '../../src/creates/bill_customer.js';
import { rejectionOf } from '../support/app.js';
import {
  BILL_HINT,
  emptyDateRange,
  invalidInput,
  nothingToBill,
  paymentSettingsMissing,
  unknownCustomer,
} from '../support/errors.js';
import { balanceCount, customerBill } from '../support/requests.js';
import { atNow, NOW, requestLog, useSandbox } from '../support/sandbox.js';

/**
 * Bill Customer, the real app against the sandbox: the invoice it returns, the exact request, the
 * notifications ProAbono sends, and each documented refusal.
 */

const env = useSandbox({ now: atNow });

const bill = env.step(perform);

const PLAIN = { EnsureBillable: false, ForceOffline: false };

it("bills Jonas's pending balance with a note: one request, the invoice with its PDF link, ProAbono's notifications", async () => {
  const record = await bill({ ReferenceCustomer: 'cust-de-002', NoteLocalized: 'PO-2026-118' });
  const pdfToken = Buffer.from('inv:3736354').toString('base64url');
  expect(record).toEqual({
    id: 3736354,
    Id: 3736354,
    IdCustomer: 233701,
    IdSegment: 69,
    ReferenceCustomer: 'cust-de-002',
    ReferenceSegment: 'sandbox-eur',
    FullNumber: 'S-69.00000002',
    Status: 'Due',
    StateInvoice: 'DueAuto',
    TypeCredit: null,
    Reason: null,
    TypePayment: 'DirectDebit',
    Currency: 'EUR',
    AmountSubtotal: 49800,
    AmountSubtotalDecimal: '498.00',
    AmountTotal: 59760,
    AmountTotalDecimal: '597.60',
    DateIssue: NOW,
    DatePayment: null,
    DatePaymentScheduled: '2026-11-21T10:00:00.000Z',
    DatePaymentLimit: null,
    DateUpdate: NOW,
    NoteLocalized: 'PO-2026-118',
    PdfUrl: `${env.sandbox.url}/portal-inv-pdf/${pdfToken}`,
  });
  expect(requestLog(env.sandbox)).toEqual([
    customerBill({ ReferenceCustomer: 'cust-de-002', NoteLocalized: 'PO-2026-118', ...PLAIN }),
  ]);
  expect(env.sandbox.billing.balance('cust-de-002')).toEqual([]);
  expect(env.sandbox.events().map((event) => event.TypeTrigger)).toEqual([
    'InvoiceDebitIssuedPaymentAuto',
    'CustomerBillingSucceeded',
  ]);
});

it('bills a customer of the non-default segment in its own currency', async () => {
  env.sandbox.billing.addBalanceLine('cust-us-005', {
    LabelLocalized: 'Onboarding call',
    AmountSubtotal: 15000,
  });
  expect(await bill({ ReferenceCustomer: 'cust-us-005', ForceOffline: 'yes' })).toMatchObject({
    FullNumber: 'S-70.00000002',
    ReferenceSegment: 'sandbox-usd',
    Currency: 'USD',
    StateInvoice: 'DueOffline',
    AmountTotal: 15000,
    AmountTotalDecimal: '150.00',
  });
  expect(requestLog(env.sandbox)).toEqual([
    customerBill({ ReferenceCustomer: 'cust-us-005', EnsureBillable: false, ForceOffline: true }),
  ]);
});

it('bills only the lines between the dates, sent in UTC', async () => {
  expect(
    await bill({
      ReferenceCustomer: 'cust-de-002',
      DateStart: '2026-11-10T01:00:00+01:00',
      DateEnd: '2026-11-30',
    }),
  ).toMatchObject({ AmountSubtotal: 4800 });
  expect(requestLog(env.sandbox)).toEqual([
    customerBill({
      ReferenceCustomer: 'cust-de-002',
      ...PLAIN,
      DateStart: '2026-11-10T00:00:00.000Z',
      DateEnd: '2026-11-30T23:59:59.999Z',
    }),
  ]);
  expect(env.sandbox.billing.balance('cust-de-002').map((line) => line.AmountSubtotal)).toEqual([
    45000,
  ]);
});

describe("ProAbono's refusals, each with its own message", () => {
  it('a customer without payment settings, even with Force Offline: nothing billed', async () => {
    env.sandbox.billing.addBalanceLine('cust-fr-006', {
      LabelLocalized: 'Audit',
      AmountSubtotal: 90000,
    });
    const error = await rejectionOf(bill({ ReferenceCustomer: 'cust-fr-006', ForceOffline: true }));
    expect(error).toEqual(
      paymentSettingsMissing('billing customer "cust-fr-006"', 'cust-fr-006', BILL_HINT),
    );
    expect(env.sandbox.billing.invoices('cust-fr-006')).toEqual([]);
    expect(env.sandbox.events()).toEqual([]);
  });

  it('once payment settings are set in ProAbono, the replay bills', async () => {
    env.sandbox.billing.addBalanceLine('cust-fr-006', {
      LabelLocalized: 'Audit',
      AmountSubtotal: 90000,
    });
    await rejectionOf(bill({ ReferenceCustomer: 'cust-fr-006' }));
    env.sandbox.billing.setPaymentSettings('cust-fr-006', 'ExternalBank');
    expect(await bill({ ReferenceCustomer: 'cust-fr-006' })).toMatchObject({
      TypePayment: 'ExternalBank',
      AmountSubtotal: 90000,
    });
  });

  it('an unknown customer', async () => {
    expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-nobody' }))).toEqual(
      unknownCustomer('cust-nobody'),
    );
  });

  it('an empty balance (this sandbox answers 204): one request, nothing created', async () => {
    expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-fr-001' }))).toEqual(
      nothingToBill('cust-fr-001'),
    );
    expect(requestLog(env.sandbox)).toEqual([
      customerBill({ ReferenceCustomer: 'cust-fr-001', ...PLAIN }),
    ]);
    expect(env.sandbox.events()).toEqual([]);
  });

  it('an empty balance answered with a 422: the balance read says why', async () => {
    env.sandbox.addFault({
      method: 'POST',
      path: '/v1/Billing/Customer',
      status: 422,
      json: [{ Code: 'Error.Billing.Balance.Empty', Message: 'Nothing to bill.' }],
    });
    expect(await rejectionOf(bill({ ReferenceCustomer: 'cust-fr-001' }))).toEqual(
      nothingToBill('cust-fr-001'),
    );
    expect(requestLog(env.sandbox)).toEqual([
      customerBill({ ReferenceCustomer: 'cust-fr-001', ...PLAIN }),
      balanceCount('cust-fr-001'),
    ]);
  });
});

it('refuses a start date after the end date before any request', async () => {
  expect(
    await rejectionOf(
      bill({ ReferenceCustomer: 'cust-de-002', DateStart: '2026-12-01', DateEnd: '2026-11-01' }),
    ),
  ).toEqual(invalidInput(emptyDateRange('2026-12-01T00:00:00.000Z', '2026-11-01T23:59:59.999Z')));
  expect(env.sandbox.requests()).toEqual([]);
});
