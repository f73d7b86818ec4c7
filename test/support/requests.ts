import type { RequestLogEntry } from './sandbox.js';
import type { Sandbox } from '../../sandbox/index.js';

/*
 * Requests as the sandbox's request log shows them (see requestLog), written out independently of
 * the code under test, for the integration and fault suites to compare whole requests.
 */

/** `GET /v1/Customer` for one reference. */
export const customerLookup = (reference: string): RequestLogEntry => ({
  method: 'GET',
  path: '/v1/Customer',
  query: { ReferenceCustomer: reference },
  body: undefined,
});

/** `POST /v1/Customer` with this body. */
export const customerSave = (body: Record<string, unknown>): RequestLogEntry => ({
  method: 'POST',
  path: '/v1/Customer',
  query: {},
  body,
});

/** `GET /v1/CustomerAddressBilling` for one reference. */
export const addressRead = (reference: string): RequestLogEntry => ({
  method: 'GET',
  path: '/v1/CustomerAddressBilling',
  query: { ReferenceCustomer: reference },
  body: undefined,
});

/** `POST /v1/CustomerAddressBilling` with this body. */
export const addressSave = (
  reference: string,
  body: Record<string, string | null>,
): RequestLogEntry => ({
  method: 'POST',
  path: '/v1/CustomerAddressBilling',
  query: { ReferenceCustomer: reference },
  body,
});

/** The Backoffice search for the customers with one email. */
export const emailSearch = (email: string): RequestLogEntry => ({
  method: 'GET',
  path: '/backoffice/Distribution/Customers',
  query: { IdBusiness: '42', Email: email, SizePage: '100', Links: 'false' },
  body: undefined,
});

/** The Backoffice list of the business's webhooks. */
export const webhookList: RequestLogEntry = {
  method: 'GET',
  path: '/backoffice/Notification/Webhooks',
  query: { IdBusiness: '42', SizePage: '1000', Links: 'false' },
  body: undefined,
};

/** The Backoffice asked to send a webhook's verification code. */
export const codeSend = (id: number): RequestLogEntry => ({
  method: 'GET',
  path: `/backoffice/Notification/Webhooks/${id}/Verification`,
  query: { sendCode: 'true' },
  body: undefined,
});

/** A webhook's verification code confirmed to the Backoffice. */
export const codeConfirm = (id: number, code: string): RequestLogEntry => ({
  method: 'POST',
  path: `/backoffice/Notification/Webhooks/${id}/Verification`,
  query: { code, echo: 'true' },
  body: undefined,
});

/** A webhook's verification: ProAbono asked to send its code, then the code confirmed. */
const verification = (id: number, code: string): RequestLogEntry[] => [
  codeSend(id),
  codeConfirm(id, code),
];

/** Turning a Zap on: create the webhook for its events, then verify it. */
export const newSubscription = (
  url: string,
  id: number,
  code: string,
  types: string[] = ['CustomerBillingAddressUpdated'],
): RequestLogEntry[] => [webhookCreate(url, types), ...verification(id, code)];

/** The Backoffice's customers of every segment, one page: the customer dropdown's request. */
export const customersPage = (page: number, sizePage: number): RequestLogEntry => ({
  method: 'GET',
  path: '/backoffice/Distribution/Customers',
  query: { IdBusiness: '42', Page: String(page), SizePage: String(sizePage), Links: 'false' },
  body: undefined,
});

/** The Backoffice's segments, one page. */
export const segmentsPage = (page: number, sizePage: number): RequestLogEntry => ({
  method: 'GET',
  path: '/backoffice/Organization/Segments',
  query: { IdBusiness: '42', Page: String(page), SizePage: String(sizePage), Links: 'false' },
  body: undefined,
});

/** `GET /v1/Customers` for one customer: what the connection test reads the count from. */
export const customerCount: RequestLogEntry = {
  method: 'GET',
  path: '/v1/Customers',
  query: { SizePage: '1' },
  body: undefined,
};

/**
 * The connection test: the customer count on the API Live, then one customer of the Backoffice's
 * customer list.
 */
export const CONNECTION_TEST: RequestLogEntry[] = [customerCount, customersPage(1, 1)];

/** The first page of recent billing-address notifications (the polling trigger's one request). */
export const rewindEvents = (
  sizePage: number,
  { page = 1, type = 'CustomerBillingAddressUpdated' }: { page?: number; type?: string } = {},
): RequestLogEntry => ({
  method: 'GET',
  path: '/backoffice/Notification/WebhookNotifications/RewindEvents',
  query: {
    IdBusiness: '42',
    TypeTrigger: type,
    Page: String(page),
    SizePage: String(sizePage),
    Links: 'false',
  },
  body: undefined,
});

/**
 * The pages read for the newest `size` events of a history of `count`: the first page when it
 * runs newest first (or holds everything), else the first and the last, and the one before a
 * short last page.
 */
export const newestEventReads = (
  sandbox: Pick<Sandbox, 'behaviour'>,
  count: number,
  size: number,
  type?: string,
): RequestLogEntry[] => {
  const first = rewindEvents(size, { type });
  if (sandbox.behaviour.historyNewestFirst || count <= size) return [first];
  const last = Math.ceil(count / size);
  const lastPage = rewindEvents(size, { page: last, type });
  if (last === 2 || count % size === 0) return [first, lastPage];
  return [first, lastPage, rewindEvents(size, { page: last - 1, type })];
};

/** A webhook for billing-address updates created on the Backoffice, pointing at `url`. */
export const webhookCreate = (
  url: string,
  types: string[] = ['CustomerBillingAddressUpdated'],
): RequestLogEntry => ({
  method: 'POST',
  path: '/backoffice/Notification/Webhooks',
  query: {},
  body: { Url: url, IdBusiness: 42, Triggers: types },
});

/** A webhook deleted from the Backoffice. */
export const webhookDelete = (id: number): RequestLogEntry => ({
  method: 'DELETE',
  path: `/backoffice/Notification/Webhooks/${id}`,
  query: {},
  body: undefined,
});

// ── the billing steps ────────────────────────────────────────────────────────

/** `GET /v1/Subscription` for a customer, to one offer when given. */
export const subscriptionLookup = (customer: string, offer?: string): RequestLogEntry => ({
  method: 'GET',
  path: '/v1/Subscription',
  query: {
    ReferenceCustomer: customer,
    ...(offer === undefined ? {} : { ReferenceOffer: offer }),
    IgnoreFeatures: 'true',
  },
  body: undefined,
});

/** `GET /v1/Subscriptions`: a customer's subscriptions in its segment. */
export const customerSubscriptions = (customer: string, segment: string): RequestLogEntry => ({
  method: 'GET',
  path: '/v1/Subscriptions',
  query: {
    ReferenceCustomer: customer,
    ReferenceSegment: segment,
    IgnoreFeatures: 'true',
    Page: '1',
    SizePage: '1000',
  },
  body: undefined,
});

/** `POST /v1/Subscription` with these flags (`true`/`false` as sent) and this body. */
export const subscriptionCreate = (
  body: Record<string, string>,
  flags: { TryStart: boolean; BillNow: boolean; EnsureBillable: boolean } = {
    TryStart: true,
    BillNow: false,
    EnsureBillable: false,
  },
): RequestLogEntry => ({
  method: 'POST',
  path: '/v1/Subscription',
  query: {
    TryStart: String(flags.TryStart),
    BillNow: String(flags.BillNow),
    EnsureBillable: String(flags.EnsureBillable),
  },
  body,
});

/** `GET /v1/Invoice` by full number, in one segment when given. */
export const invoiceLookup = (fullNumber: string, segment?: string): RequestLogEntry => ({
  method: 'GET',
  path: '/v1/Invoice',
  query: {
    FullNumber: fullNumber,
    ...(segment === undefined ? {} : { ReferenceSegment: segment }),
  },
  body: undefined,
});

/** `POST /v1/Billing/Customer` with this body. */
export const customerBill = (body: Record<string, unknown>): RequestLogEntry => ({
  method: 'POST',
  path: '/v1/Billing/Customer',
  query: {},
  body,
});

/** `GET /v1/Balance`: the count of a customer's balance lines. */
export const balanceCount = (customer: string): RequestLogEntry => ({
  method: 'GET',
  path: '/v1/Balance',
  query: { ReferenceCustomer: customer, Page: '1', SizePage: '0' },
  body: undefined,
});

/** `GET /v1/Offers`: the offers available to a customer of this segment, one page. */
export const customerOffersPage = (
  customer: string,
  segment: string,
  page = 1,
): RequestLogEntry => ({
  method: 'GET',
  path: '/v1/Offers',
  query: {
    ReferenceCustomer: customer,
    ReferenceSegment: segment,
    IgnoreFeatures: 'true',
    Links: 'false',
    Page: String(page),
    SizePage: '100',
  },
  body: undefined,
});

/** The Backoffice's offers of every segment, one page. */
export const allOffersPage = (page = 1): RequestLogEntry => ({
  method: 'GET',
  path: '/backoffice/Sub/Offers',
  query: {
    IdBusiness: '42',
    Page: String(page),
    SizePage: '100',
    extra: 'Segment',
    Links: 'false',
  },
  body: undefined,
});
