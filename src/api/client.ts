import type {
  Bundle,
  HttpRequestOptionsWithUrl,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';
import type { z as zod } from 'zod';

import { quoted } from '../quoted.js';
import { backofficeBaseUrl, liveBaseUrl, parseBusinessId } from './config.js';
import { ADDRESS_FIELD_KEYS } from './addressFieldKeys.js';
import {
  errorForAnotherCustomer,
  errorForNetworkFailure,
  errorForRefusedBackofficeKeys,
  errorForUnexpectedBody,
  errorForUnsendableText,
  type RequestContext,
} from './responseErrors.js';
import { censorEchoesInCoreLogs, redactSecrets } from './redact.js';
import {
  backofficeCustomerSchema,
  billingAddressSchema,
  customerSchema,
  invoiceSchema,
  notificationSchema,
  offerSchema,
  pageSchema,
  segmentSchema,
  subscriptionSchema,
  webhookSchema,
  type BackofficeCustomer,
  type BillingAddress,
  type BillingAddressClear,
  type BillingAddressUpdate,
  type Customer,
  type CustomerBilling,
  type CustomerUpsert,
  type Invoice,
  type Notification,
  type Offer,
  type Page,
  type Segment,
  type Subscription,
  type SubscriptionCreation,
  type SubscriptionFlags,
  type Webhook,
} from './schemas.js';

/*
 * ProAbono's API Live and Backoffice API as typed methods: the only module that knows their URLs,
 * verbs and payload envelopes (a lint rule keeps requests here), so a change on ProAbono's side
 * is made in one place.
 */

/** ProAbono's largest page. */
export const MAX_PAGE_SIZE = 1000;

/**
 * The statuses that say the Backoffice has no segment list for these keys (ProAbono documents none:
 * a 404, a 405, any 4xx): every 4xx but the refusal of the keys (401, 403) and a throttle (429).
 */
const NO_SEGMENT_LIST = Array.from({ length: 100 }, (_, index) => 400 + index).filter(
  (status) => ![401, 403, 429].includes(status),
);

/** The address of a customer who has none: every field empty. */
const NO_ADDRESS = Object.fromEntries(
  ADDRESS_FIELD_KEYS.map((key) => [key, null]),
) as BillingAddress;

/**
 * Whether an answer to an address read says the customer has no address. ProAbono documents a 200
 * with the address, and a 403 for an unknown customer; a customer never given an address may get
 * a 204, `null`, `{}`, or an object with its links only (its empty fields left out).
 */
const isNoAddress = (response: HttpResponse): boolean => {
  if (response.status === 204) return true;
  const data: unknown = response.data;
  return (
    data === null ||
    (typeof data === 'object' &&
      !Array.isArray(data) &&
      Object.keys(data).every((key) => key === 'Links'))
  );
};

type Params = Record<string, string | number | boolean | undefined>;

/** Which page of a list (1-based), and how many items a page holds. */
interface PageRequest {
  page?: number;
  sizePage?: number;
}

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  params?: Params;
  body?: unknown;
  /** Milliseconds; the middleware's default applies when absent. */
  timeout?: number;
  context: Omit<RequestContext, 'endpoint' | 'businessId'>;
}

/** The log line for a list item that was skipped: where it was, its Id if any, and why. */
const skippedItemLine = (
  context: RequestContext,
  index: number,
  candidate: unknown,
  problem: zod.ZodError,
): string => {
  const id =
    typeof candidate === 'object' && candidate !== null && 'Id' in candidate
      ? ` (Id ${String(candidate.Id).slice(0, 40)})`
      : '';
  const why = problem.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`)
    .join('; ');
  return (
    `Skipped item ${index + 1}${id} of ProAbono's answer to ${context.endpoint} while ` +
    `${context.action}: it is not in the expected format (${why}). The other items were used.`
  );
};

const isNetworkFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'FetchError' || error.name === 'AbortError' || 'code' in error);

/**
 * The query string, encoded here. zapier-platform-core deletes `{{…}}` from the values of a
 * request's `params` (its template syntax), which once sent an update for `cust-1{{x}}` to
 * `cust-1`: user values never travel as `params`, and the request is not merged (a merge parses
 * the URL's query back into `params`). `encodeURIComponent` escapes `{`, `}`, `%`,
 * `&`, `#`, `+` and spaces, so ProAbono decodes exactly the text the user gave.
 */
const queryString = (params: Params = {}): string =>
  Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');

/**
 * JSON for a request body, with `{` and `}` inside strings written as `\u007b` and `\u007d`.
 * ProAbono reads the same text, but core never sees `{{…}}` in the body: it refuses a request
 * whose body contains `{{bundle.…}}` or `{{process.…}}`, which a user may well type or map.
 */
export const jsonBody = (body: unknown): string =>
  JSON.stringify(body).replace(/"(?:[^"\\]|\\.)*"/g, (text) =>
    text.replace(/[{}]/g, (brace) => (brace === '{' ? '\\u007b' : '\\u007d')),
  );

/** Text JavaScript can hold but UTF-8 cannot carry: a lone half of a surrogate pair. */
const hasLoneSurrogate = (value: unknown): boolean =>
  typeof value === 'string'
    ? !value.isWellFormed()
    : Array.isArray(value)
      ? value.some(hasLoneSurrogate)
      : typeof value === 'object' && value !== null
        ? Object.values(value).some(hasLoneSurrogate)
        : false;

/**
 * The only code that knows ProAbono's URLs, verbs and payload shapes. It takes `z` as its
 * transport, so Zapier logs and scrubs every call and tests stub HTTP with nock. Authentication
 * headers and the mapping of error statuses live in `middleware.ts`; this module attaches the
 * context those messages need and parses every successful answer with zod.
 */
export const createProAbonoClient = (z: ZObject, bundle: Pick<Bundle, 'authData'>) => {
  const businessId = parseBusinessId(bundle.authData.businessId);
  censorEchoesInCoreLogs(bundle.authData);
  const live = (path: string) => `${liveBaseUrl(businessId)}${path}`;
  const backoffice = (path: string) => `${backofficeBaseUrl()}${path}`;

  const send = async ({ method, url, params, body, timeout, context }: Call) => {
    const endpoint = `${method} ${new URL(url).pathname}`;
    const full: RequestContext = { ...context, endpoint, businessId };
    if (hasLoneSurrogate(params) || hasLoneSurrogate(body)) {
      // Sent, it would reach ProAbono as U+FFFD: not what the user gave.
      throw errorForUnsendableText(full, bundle.authData);
    }
    const query = queryString(params);
    const request: HttpRequestOptionsWithUrl & { merge: boolean } = {
      method,
      url: query === '' ? url : `${url}?${query}`,
      // Core's default merge moves the URL's query back into `params` (and strips `{{…}}` there);
      // this app has no request template to merge. Core's types do not list the option.
      merge: false,
      // Serialised here so core never rewrites or refuses `{{...}}` that a user typed.
      body: body === undefined ? undefined : jsonBody(body),
      // A redirect is never ProAbono's answer; it is reported, not followed (core would end a
      // redirect to a loopback host with its own developer message).
      redirect: 'manual',
      ...(timeout === undefined ? {} : { timeout }),
      skipThrowForStatus: true,
      middlewareData: { proabono: full },
    };
    try {
      const response = await z.request(request);
      return { response, context: full };
    } catch (error) {
      throw isNetworkFailure(error) ? errorForNetworkFailure(error, full, bundle.authData) : error;
    }
  };

  const parse = <S extends zod.ZodType>(
    { response, context }: { response: HttpResponse; context: RequestContext },
    schema: S,
  ): zod.infer<S> => {
    if (response.data === undefined) {
      throw errorForUnexpectedBody(response, context, undefined, bundle.authData);
    }
    const result = schema.safeParse(response.data);
    if (!result.success) {
      throw errorForUnexpectedBody(response, context, result.error, bundle.authData);
    }
    return result.data;
  };

  /**
   * An empty collection is a 204 with no body. An item that does not parse is skipped and logged,
   * not fatal: one malformed entry in ProAbono's event history (kept 60 days) would otherwise fail
   * every poll and every sample load until it ages out.
   */
  const parsePage = <S extends zod.ZodType>(
    sent: { response: HttpResponse; context: RequestContext },
    item: S,
  ): Page<zod.infer<S>> => {
    if (sent.response.status === 204) return { items: [], totalItems: 0 };
    const page = parse(sent, pageSchema());
    const items: zod.infer<S>[] = [];
    page.Items.forEach((candidate, index) => {
      const parsed = item.safeParse(candidate);
      if (parsed.success) items.push(parsed.data);
      else {
        const line = skippedItemLine(sent.context, index, candidate, parsed.error);
        z.console.log(redactSecrets(line, bundle.authData));
      }
    });
    return { items, totalItems: page.TotalItems ?? page.Items.length };
  };

  /** One page of a list, read with GET. */
  const getPage = async <S extends zod.ZodType>(
    url: string,
    params: Params,
    action: string,
    item: S,
  ): Promise<Page<zod.infer<S>>> =>
    parsePage(await send({ method: 'GET', url, params, context: { action } }), item);

  /** Every Backoffice list is per business, and its HATEOAS links would only weigh the answer. */
  const backofficePage = <S extends zod.ZodType>(
    path: string,
    params: Params,
    action: string,
    item: S,
  ): Promise<Page<zod.infer<S>>> =>
    getPage(backoffice(path), { IdBusiness: businessId, ...params, Links: false }, action, item);

  const customerLabel = (reference: string) => `customer ${quoted(reference)}`;

  /**
   * Reading and updating an address answer the same: the whole address, and a 403 that can mean
   * an unknown customer.
   */
  const billingAddressCall = (
    reference: string,
    verb: 'reading' | 'updating',
    call: Pick<Call, 'method' | 'body' | 'timeout'>,
  ) =>
    send({
      ...call,
      url: live('/v1/CustomerAddressBilling'),
      params: { ReferenceCustomer: reference },
      context: {
        action: `${verb} the billing address of ${customerLabel(reference)}`,
        reference,
        forbiddenMeansUnknownCustomer: true,
      },
    });

  /**
   * A customer answer, only when it is about the customer asked for: a 200 or 201 for another
   * reference must not be taken for this one (nor a step go on to write an address to it).
   */
  const customerAnswer = (
    sent: { response: HttpResponse; context: RequestContext },
    reference: string,
  ): Customer => {
    const customer = parse(sent, customerSchema());
    if (customer.ReferenceCustomer !== reference) {
      throw errorForAnotherCustomer(
        sent.response,
        sent.context,
        customer.ReferenceCustomer,
        bundle.authData,
      );
    }
    return customer;
  };

  return {
    businessId,

    /** `GET /v1/Customers?SizePage=1`: proves the keys work and counts the customers. */
    testConnection: async (): Promise<{ totalCustomers: number }> => {
      const page = parsePage(
        await send({
          method: 'GET',
          url: live('/v1/Customers'),
          params: { SizePage: 1 },
          context: { action: 'testing the connection', connectionTest: true },
        }),
        customerSchema(),
      );
      return { totalCustomers: page.totalItems };
    },

    /** One customer by reference, or `null` when ProAbono has none (404). */
    getCustomer: async (reference: string): Promise<Customer | null> => {
      const sent = await send({
        method: 'GET',
        url: live('/v1/Customer'),
        params: { ReferenceCustomer: reference },
        context: {
          action: `looking up ${customerLabel(reference)}`,
          reference,
          subject: `customer with reference ${quoted(reference)}`,
          accept: [404],
        },
      });
      return sent.response.status === 404 ? null : customerAnswer(sent, reference);
    },

    /**
     * One page (1-based) of the business's customers, of every segment, from the Backoffice: the
     * API Live's `GET /v1/Customers` lists one segment, the default one when none is named.
     */
    listBackofficeCustomers: async ({ page = 1, sizePage = 10 }: PageRequest = {}): Promise<
      Page<BackofficeCustomer>
    > =>
      backofficePage(
        '/Distribution/Customers',
        { Page: page, SizePage: sizePage },
        'listing customers',
        backofficeCustomerSchema(),
      ),

    /** `POST /v1/Customer`: creates (201) or updates (200) the customer with this reference. */
    upsertCustomer: async (
      body: CustomerUpsert,
    ): Promise<{ customer: Customer; created: boolean }> => {
      const sent = await send({
        method: 'POST',
        url: live('/v1/Customer'),
        body,
        context: {
          action: `saving ${customerLabel(body.ReferenceCustomer)}`,
          reference: body.ReferenceCustomer,
        },
      });
      return {
        customer: customerAnswer(sent, body.ReferenceCustomer),
        created: sent.response.status === 201,
      };
    },

    /**
     * The customer's billing address; every field `null` for a customer who has none (see
     * `isNoAddress`). `timeout` (ms) shortens the request's limit, for a caller with a time
     * budget of its own.
     */
    getBillingAddress: async (
      reference: string,
      { timeout }: { timeout?: number } = {},
    ): Promise<BillingAddress> => {
      const sent = await billingAddressCall(reference, 'reading', { method: 'GET', timeout });
      return isNoAddress(sent.response) ? { ...NO_ADDRESS } : parse(sent, billingAddressSchema());
    },

    /**
     * Partial update: only the keys present change; `""` empties a field, or `null` where ProAbono
     * ignores `""`. Answers the full address; an answer without one is an error, as the update
     * cannot be confirmed. `timeout` (ms) as for getBillingAddress.
     */
    updateBillingAddress: async (
      reference: string,
      changes: BillingAddressUpdate | BillingAddressClear,
      { timeout }: { timeout?: number } = {},
    ): Promise<BillingAddress> =>
      parse(
        await billingAddressCall(reference, 'updating', { method: 'POST', body: changes, timeout }),
        billingAddressSchema(),
      ),

    /** Backoffice customer search; unlike the API Live it filters by email and knows `DateUpdate`. */
    searchBackofficeCustomers: async ({
      Email,
    }: {
      Email: string;
    }): Promise<BackofficeCustomer[]> => {
      const page = await backofficePage(
        '/Distribution/Customers',
        { Email, SizePage: 100 },
        `searching customers by email ${quoted(Email)}`,
        backofficeCustomerSchema(),
      );
      return page.items;
    },

    /**
     * One page of the business's segments (1-based), from the Backoffice's `/Organization/Segments`,
     * which ProAbono's Backoffice documentation does not list: `{ missingStatus }` when the
     * Backoffice answers it with a 4xx other than 401, 403 and 429 (no such list for these keys).
     */
    listSegments: async ({ page = 1, sizePage = 100 }: PageRequest = {}): Promise<
      Page<Segment> | { missingStatus: number }
    > => {
      const sent = await send({
        method: 'GET',
        url: backoffice('/Organization/Segments'),
        params: { IdBusiness: businessId, Page: page, SizePage: sizePage, Links: false },
        context: { action: 'listing segments', accept: NO_SEGMENT_LIST },
      });
      const { status } = sent.response;
      return status >= 400 ? { missingStatus: status } : parsePage(sent, segmentSchema());
    },

    /**
     * The connection test's proof that the Backoffice API takes the keys too: the instant trigger,
     * the event history and the email search depend on it, and a key it refuses would otherwise
     * pass the test and fail the first Zap run. One customer of its documented customer list (the
     * one Find Customer by email reads) is the cheapest page it lists; 204 when there is none.
     * Its `TotalItems` counts the customers of every segment, when ProAbono gives it.
     */
    testBackofficeAccess: async (): Promise<{ totalCustomers: number | undefined }> => {
      const sent = await send({
        method: 'GET',
        url: backoffice('/Distribution/Customers'),
        params: { IdBusiness: businessId, Page: 1, SizePage: 1, Links: false },
        context: {
          action: 'testing the connection to the Backoffice API',
          connectionTest: true,
          accept: [401, 403],
        },
      });
      const { status } = sent.response;
      if (status === 401 || status === 403) {
        throw errorForRefusedBackofficeKeys(status, sent.context, bundle.authData);
      }
      if (status === 204) return { totalCustomers: 0 };
      return { totalCustomers: parse(sent, pageSchema()).TotalItems };
    },

    /** Registers a webhook that posts the notifications of these event types to `url`. */
    createWebhook: async (url: string, triggers: readonly string[]): Promise<Webhook> =>
      parse(
        await send({
          method: 'POST',
          url: backoffice('/Notification/Webhooks'),
          body: { Url: url, IdBusiness: businessId, Triggers: triggers },
          context: { action: 'registering a webhook for Zapier' },
        }),
        webhookSchema(),
      ),

    /**
     * The business's webhooks that post to `url`, read from its list (one page of up to 1,000: a
     * business has a handful). ProAbono documents no such list and its own clients never read
     * one: callers use it only as an optional extra and must work when it fails.
     */
    findWebhooksByUrl: async (url: string): Promise<Webhook[]> =>
      (
        await backofficePage(
          '/Notification/Webhooks',
          { SizePage: MAX_PAGE_SIZE },
          'listing webhooks',
          webhookSchema(),
        )
      ).items.filter((webhook) => webhook.Url === url),

    /** Deletes a webhook; `false` when it was already gone. */
    deleteWebhook: async (id: string | number): Promise<boolean> => {
      const sent = await send({
        method: 'DELETE',
        url: backoffice(`/Notification/Webhooks/${encodeURIComponent(id)}`),
        context: { action: `deleting webhook ${id}`, subject: `webhook ${id}`, accept: [404] },
      });
      return sent.response.status !== 404;
    },

    /** Asks ProAbono to POST a verification code to the webhook's URL. */
    requestWebhookVerificationCode: async (id: string | number): Promise<void> => {
      await send({
        method: 'GET',
        url: backoffice(`/Notification/Webhooks/${encodeURIComponent(id)}/Verification`),
        params: { sendCode: true },
        context: { action: `asking ProAbono to verify webhook ${id}`, subject: `webhook ${id}` },
      });
    },

    /** Sends back the code ProAbono delivered, which activates the webhook. */
    confirmWebhookVerificationCode: async (id: string | number, code: string): Promise<void> => {
      await send({
        method: 'POST',
        url: backoffice(`/Notification/Webhooks/${encodeURIComponent(id)}/Verification`),
        params: { code, echo: true },
        context: {
          action: `confirming the verification code of webhook ${id}`,
          subject: `webhook ${id}`,
        },
      });
    },

    /**
     * One page (1-based) of the business's past notifications of one event type, in the order
     * ProAbono keeps them, which it does not document (eventHistory.ts copes with either).
     */
    rewindEvents: async ({
      typeTrigger,
      about,
      page = 1,
      sizePage,
    }: {
      typeTrigger: string;
      /** The events as a message names them: `billing-address`, `"Invoice Paid"`. */
      about: string;
      page?: number;
      sizePage: number;
    }): Promise<Page<Notification>> =>
      backofficePage(
        '/Notification/WebhookNotifications/RewindEvents',
        { TypeTrigger: typeTrigger, Page: page, SizePage: sizePage },
        `reading recent ${about} events`,
        notificationSchema(),
      ),

    /**
     * `GET /v1/Offers`: one page of the offers the customer (of `segment`) may subscribe to.
     * Without `segment` ProAbono uses the default segment.
     */
    listOffers: async ({
      page = 1,
      sizePage = 100,
      segment,
      customer,
    }: PageRequest & { segment?: string; customer: string }): Promise<Page<Offer>> =>
      getPage(
        live('/v1/Offers'),
        {
          ReferenceCustomer: customer,
          ReferenceSegment: segment,
          IgnoreFeatures: true,
          Links: false,
          Page: page,
          SizePage: sizePage,
        },
        `listing the offers available to ${customerLabel(customer)}`,
        offerSchema(),
      ),

    /** Backoffice `GET /Sub/Offers`: one page of the offers of every segment, with their segment. */
    listAllOffers: async ({ page = 1, sizePage = 100 }: PageRequest = {}): Promise<Page<Offer>> =>
      backofficePage(
        '/Sub/Offers',
        { Page: page, SizePage: sizePage, extra: 'Segment' },
        'listing offers',
        offerSchema(),
      ),

    /**
     * `GET /v1/Subscription`: the subscription ProAbono gives for the customer (to the offer, when
     * given), or `null` when it has none (404).
     */
    getSubscription: async (
      customer: string,
      offer?: string,
      { timeout }: { timeout?: number } = {},
    ): Promise<Subscription | null> => {
      const what =
        `the subscription of ${customerLabel(customer)}` +
        (offer === undefined ? '' : ` to offer ${quoted(offer)}`);
      const sent = await send({
        method: 'GET',
        url: live('/v1/Subscription'),
        params: { ReferenceCustomer: customer, ReferenceOffer: offer, IgnoreFeatures: true },
        timeout,
        context: {
          action: `looking up ${what}`,
          reference: customer,
          subject: what,
          accept: [404],
        },
      });
      return sent.response.status === 404 ? null : parse(sent, subscriptionSchema());
    },

    /** `GET /v1/Subscriptions`: a customer's subscriptions in its segment, up to 1,000. */
    listCustomerSubscriptions: async (
      customer: string,
      segment: string,
    ): Promise<Subscription[]> => {
      const page = await getPage(
        live('/v1/Subscriptions'),
        {
          ReferenceCustomer: customer,
          ReferenceSegment: segment,
          IgnoreFeatures: true,
          Page: 1,
          SizePage: MAX_PAGE_SIZE,
        },
        `listing the subscriptions of ${customerLabel(customer)}`,
        subscriptionSchema(),
      );
      return page.items;
    },

    /** `POST /v1/Subscription`, with each of its query flags sent explicitly. */
    createSubscription: async (
      body: SubscriptionCreation,
      flags: SubscriptionFlags,
      paymentSettingsHint: string,
    ): Promise<Subscription> =>
      parse(
        await send({
          method: 'POST',
          url: live('/v1/Subscription'),
          params: { ...flags },
          body,
          context: {
            action:
              `subscribing ${customerLabel(body.ReferenceCustomer)} to offer ` +
              quoted(body.ReferenceOffer),
            reference: body.ReferenceCustomer,
            paymentSettingsHint,
          },
        }),
        subscriptionSchema(),
      ),

    /**
     * `GET /v1/Invoice`: the invoice or credit note with this full number in the segment (the
     * default segment without one), or `null` (404).
     */
    getInvoiceByNumber: async (fullNumber: string, segment?: string): Promise<Invoice | null> => {
      const what = `invoice ${quoted(fullNumber)}`;
      const sent = await send({
        method: 'GET',
        url: live('/v1/Invoice'),
        params: { FullNumber: fullNumber, ReferenceSegment: segment },
        context: {
          action:
            `looking up ${what}` + (segment === undefined ? '' : ` in segment ${quoted(segment)}`),
          subject: what,
          accept: [404],
        },
      });
      return sent.response.status === 404 ? null : parse(sent, invoiceSchema());
    },

    /**
     * `GET /v1/Invoice/{id}`: an invoice or credit note by ProAbono's number for it, or `null`
     * (404). The instant triggers read it for what a notification leaves out (currency, PDF).
     */
    getInvoiceById: async (
      id: number | string,
      { timeout }: { timeout?: number } = {},
    ): Promise<Invoice | null> => {
      const sent = await send({
        method: 'GET',
        url: live(`/v1/Invoice/${encodeURIComponent(id)}`),
        timeout,
        context: { action: `reading invoice ${id}`, subject: `invoice ${id}`, accept: [404] },
      });
      return sent.response.status === 404 ? null : parse(sent, invoiceSchema());
    },

    /**
     * `POST /v1/Billing/Customer`: the customer's pending balance billed now. `null` when ProAbono
     * billed nothing: it does not document that answer, so a 204, an empty body and a 200 without
     * an invoice (no `Id` nor `FullNumber`) all mean it.
     */
    billCustomer: async (
      body: CustomerBilling,
      paymentSettingsHint: string,
    ): Promise<Invoice | null> => {
      const sent = await send({
        method: 'POST',
        url: live('/v1/Billing/Customer'),
        body,
        context: {
          action: `billing ${customerLabel(body.ReferenceCustomer)}`,
          reference: body.ReferenceCustomer,
          // ProAbono documents this 403 as "Customer not found or inaccessible".
          forbiddenMeansUnknownCustomer: true,
          paymentSettingsHint,
        },
      });
      const { status, content } = sent.response;
      const data: unknown = sent.response.data;
      const noInvoice =
        status === 204 ||
        (content ?? '').trim() === '' ||
        data === null ||
        (typeof data === 'object' &&
          !Array.isArray(data) &&
          !('Id' in data || 'FullNumber' in data));
      return noInvoice ? null : parse(sent, invoiceSchema());
    },

    /** `GET /v1/Balance?SizePage=0`: how many lines the customer's pending balance holds. */
    countBalanceLines: async (customer: string): Promise<number> => {
      const page = await getPage(
        live('/v1/Balance'),
        { ReferenceCustomer: customer, Page: 1, SizePage: 0 },
        `reading the balance of ${customerLabel(customer)}`,
        pageSchema(),
      );
      return page.totalItems;
    },
  };
};

export type ProAbonoClient = ReturnType<typeof createProAbonoClient>;
