import type { RequestLogEntry } from './sandbox.js';
import type { Sandbox } from '../../sandbox/index.js';

/*
 * Requests as the sandbox's request log shows them (see requestLog), written out independently of
 * the code under test, for the integration and fault suites to compare whole requests.
 */

/** One request as the log shows it: no query and no body unless given. */
const entry = (
  method: string,
  path: string,
  query: Record<string, string> = {},
  body: unknown = undefined,
): RequestLogEntry => ({ method, path, query, body });

/** `GET /v1/Customer` for one reference. */
export const customerLookup = (reference: string): RequestLogEntry =>
  entry('GET', '/v1/Customer', { ReferenceCustomer: reference });

/** `POST /v1/Customer` with this body. */
export const customerSave = (body: Record<string, unknown>): RequestLogEntry =>
  entry('POST', '/v1/Customer', {}, body);

/** `GET /v1/CustomerAddressBilling` for one reference. */
export const addressRead = (reference: string): RequestLogEntry =>
  entry('GET', '/v1/CustomerAddressBilling', { ReferenceCustomer: reference });

/** `POST /v1/CustomerAddressBilling` with this body. */
export const addressSave = (
  reference: string,
  body: Record<string, string | null>,
): RequestLogEntry =>
  entry('POST', '/v1/CustomerAddressBilling', { ReferenceCustomer: reference }, body);

/** The Backoffice search for the customers with one email. */
export const emailSearch = (email: string): RequestLogEntry =>
  entry('GET', '/backoffice/Distribution/Customers', {
    IdBusiness: '42',
    Email: email,
    SizePage: '100',
    Links: 'false',
  });

/** The Backoffice list of the business's webhooks. */
export const webhookList: RequestLogEntry = entry('GET', '/backoffice/Notification/Webhooks', {
  IdBusiness: '42',
  SizePage: '1000',
  Links: 'false',
});

/** The Backoffice asked to send a webhook's verification code. */
export const codeSend = (id: number): RequestLogEntry =>
  entry('GET', `/backoffice/Notification/Webhooks/${id}/Verification`, { sendCode: 'true' });

/** A webhook's verification code confirmed to the Backoffice. */
export const codeConfirm = (id: number, code: string): RequestLogEntry =>
  entry('POST', `/backoffice/Notification/Webhooks/${id}/Verification`, { code, echo: 'true' });

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

/** One page of a Backoffice list of the business, without links. */
const backofficePage = (
  path: string,
  page: number,
  sizePage: number,
  more: Record<string, string> = {},
): RequestLogEntry =>
  entry('GET', `/backoffice${path}`, {
    IdBusiness: '42',
    Page: String(page),
    SizePage: String(sizePage),
    ...more,
    Links: 'false',
  });

/** The Backoffice's customers of every segment, one page: the customer dropdown's request. */
export const customersPage = (page: number, sizePage: number): RequestLogEntry =>
  backofficePage('/Distribution/Customers', page, sizePage);

/** The Backoffice's segments, one page. */
export const segmentsPage = (page: number, sizePage: number): RequestLogEntry =>
  backofficePage('/Organization/Segments', page, sizePage);

/** `GET /v1/Customers` for one customer: what the connection test reads the count from. */
export const customerCount: RequestLogEntry = entry('GET', '/v1/Customers', { SizePage: '1' });

/**
 * The connection test: the customer count on the API Live, then one customer of the Backoffice's
 * customer list.
 */
export const CONNECTION_TEST: RequestLogEntry[] = [customerCount, customersPage(1, 1)];

/** The first page of recent billing-address notifications (the polling trigger's one request). */
export const rewindEvents = (
  sizePage: number,
  { page = 1, type = 'CustomerBillingAddressUpdated' }: { page?: number; type?: string } = {},
): RequestLogEntry =>
  backofficePage('/Notification/WebhookNotifications/RewindEvents', page, sizePage, {
    TypeTrigger: type,
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
): RequestLogEntry =>
  entry(
    'POST',
    '/backoffice/Notification/Webhooks',
    {},
    { Url: url, IdBusiness: 42, Triggers: types },
  );

/** A webhook deleted from the Backoffice. */
export const webhookDelete = (id: number): RequestLogEntry =>
  entry('DELETE', `/backoffice/Notification/Webhooks/${id}`);

// ── the billing steps ────────────────────────────────────────────────────────

/** `GET /v1/Subscription` for a customer, to one offer when given. */
export const subscriptionLookup = (customer: string, offer?: string): RequestLogEntry =>
  entry('GET', '/v1/Subscription', {
    ReferenceCustomer: customer,
    ...(offer === undefined ? {} : { ReferenceOffer: offer }),
    IgnoreFeatures: 'true',
  });

/** `GET /v1/Subscriptions`: a customer's subscriptions in its segment. */
export const customerSubscriptions = (customer: string, segment: string): RequestLogEntry =>
  entry('GET', '/v1/Subscriptions', {
    ReferenceCustomer: customer,
    ReferenceSegment: segment,
    IgnoreFeatures: 'true',
    Page: '1',
    SizePage: '1000',
  });

/** `POST /v1/Subscription` with these flags (`true`/`false` as sent) and this body. */
export const subscriptionCreate = (
  body: Record<string, string>,
  flags: { TryStart: boolean; BillNow: boolean; EnsureBillable: boolean } = {
    TryStart: true,
    BillNow: false,
    EnsureBillable: false,
  },
): RequestLogEntry =>
  entry(
    'POST',
    '/v1/Subscription',
    {
      TryStart: String(flags.TryStart),
      BillNow: String(flags.BillNow),
      EnsureBillable: String(flags.EnsureBillable),
    },
    body,
  );

/** `GET /v1/Invoice` by full number, in one segment when given. */
export const invoiceLookup = (fullNumber: string, segment?: string): RequestLogEntry =>
  entry('GET', '/v1/Invoice', {
    FullNumber: fullNumber,
    ...(segment === undefined ? {} : { ReferenceSegment: segment }),
  });

/** `POST /v1/Billing/Customer` with this body. */
export const customerBill = (body: Record<string, unknown>): RequestLogEntry =>
  entry('POST', '/v1/Billing/Customer', {}, body);

/** `GET /v1/Balance`: the count of a customer's balance lines. */
export const balanceCount = (customer: string): RequestLogEntry =>
  entry('GET', '/v1/Balance', { ReferenceCustomer: customer, Page: '1', SizePage: '0' });

/** `GET /v1/Offers`: the offers available to a customer of this segment, one page. */
export const customerOffersPage = (customer: string, segment: string, page = 1): RequestLogEntry =>
  entry('GET', '/v1/Offers', {
    ReferenceCustomer: customer,
    ReferenceSegment: segment,
    IgnoreFeatures: 'true',
    Links: 'false',
    Page: String(page),
    SizePage: '100',
  });

/** The Backoffice's offers of every segment, one page. */
export const allOffersPage = (page = 1): RequestLogEntry =>
  backofficePage('/Sub/Offers', page, 100, { extra: 'Segment' });
