import { sampleAddress } from '../../src/samples/billingAddress.js';
import { customerRecordSample } from '../../src/samples/customer.js';

/*
 * What ProAbono answers in the unit tests: the samples' customer (John Doe, `cust-42`) as the API
 * Live stores him, and his Paris billing address. Nock replies, not expected results: the
 * expectations are written out in each test.
 */

/** John Doe as the API Live answers `GET /v1/Customer`, in the euro segment. */
export const JOHN_DOE = {
  Id: 233700,
  IdSegment: 69,
  ReferenceCustomer: 'cust-42',
  ReferenceSegment: 'demo-eur',
  Currency: 'EUR',
  Name: 'John Doe',
  Email: 'john.doe@example.com',
  Language: 'en',
  Status: 'Enabled',
  ReferenceAffiliation: 'partner-janesmith',
  DateAffiliation: '2026-03-02T10:15:00.00Z',
  Metadata: {},
};

const withoutCountryName = ({ CountryName: _name, ...address }: typeof sampleAddress) => address;
type AddressField = keyof ReturnType<typeof withoutCountryName>;

/**
 * The samples' Paris billing address as the API Live answers it (the connector adds CountryName).
 * The sample fills every field, so each value is text.
 */
export const PARIS_ADDRESS = withoutCountryName(sampleAddress) as Record<AddressField, string>;

/** John Doe as the customer records give him: the samples describe the same customer. */
export const JOHN_DOE_RECORD = customerRecordSample;

/**
 * John Doe's subscription as the API Live answers it: the samples' subscription, with what the
 * records leave out (features, links, engagement).
 */
export const JOHN_DOE_SUBSCRIPTION = {
  Id: 140960,
  IdSegment: 69,
  IdOffer: 64400,
  IdCustomer: 233700,
  IdCustomerBuyer: 233700,
  ReferenceSegment: 'demo-eur',
  ReferenceOffer: 'premium-monthly',
  ReferenceCustomer: 'cust-42',
  ReferenceCustomerBuyer: 'cust-42',
  Status: 'Active',
  StateSubscription: 'ActiveRunning',
  DateStart: '2026-02-12T10:10:44Z',
  DatePeriodStart: '2026-11-12T10:10:44Z',
  DatePeriodEnd: '2026-12-12T10:10:44Z',
  DateTerm: '2026-12-12T10:10:44Z',
  DateEnd: '2027-02-12T10:10:44Z',
  StatusAfterTerm: 'Active',
  IsTrial: false,
  IsEngaged: false,
  IsCustomerBillable: true,
  DateNextBilling: '2026-12-12T10:10:44Z',
  TitleLocalized: 'Premium',
  Currency: 'EUR',
  AmountUpFront: 4900,
  AmountRecurrence: 19000,
  DurationRecurrence: 1,
  UnitRecurrence: 'Month',
  DateUpdate: '2026-11-12T10:11:02Z',
  Links: [
    { rel: 'self', href: '/v1/Subscription/140960' },
    { rel: 'insite-related-subscription', query: '<crypted-query>' },
  ],
};

/** John Doe's invoice as the API Live answers it: the samples' invoice, with its links. */
export const JOHN_DOE_INVOICE = {
  Id: 549013,
  IdSegment: 69,
  IdCustomer: 233700,
  ReferenceSegment: 'demo-eur',
  ReferenceCustomer: 'cust-42',
  FullNumber: 'S-69.00000033',
  StateInvoice: 'Paid',
  Status: 'Paid',
  DateIssue: '2026-11-18T14:43:15Z',
  DatePayment: '2026-11-18T14:45:02Z',
  DatePaymentScheduled: '2026-11-18T14:43:15Z',
  DatePaymentLimit: '2026-12-18T00:00:00Z',
  TypePayment: 'Card',
  AmountSubtotal: 109500,
  AmountTotal: 131400,
  Currency: 'EUR',
  NoteLocalized: 'Purchase order PO-2026-118',
  DateUpdate: '2026-11-18T14:43:15Z',
  Links: [
    {
      rel: 'insite-related-invoice',
      href: 'https://billing.example.com/portal-inv-pdf/aW52OjU0OTAxMw',
      type: 'application/pdf',
    },
    { rel: 'insite-charge', query: '<encrypted-query>' },
    { rel: 'insite-collection-invoice', query: '<encrypted-query>' },
  ],
};

/** One page of a ProAbono list holding `items`, all there are, as the API Live and Backoffice give it. */
export const proAbonoPage = (items: object[], sizePage = 100) => ({
  Page: 1,
  SizePage: sizePage,
  Count: items.length,
  TotalItems: items.length,
  Items: items,
});
