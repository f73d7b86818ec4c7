import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';

import { backofficeBaseUrl, liveBaseUrl, parseBusinessId } from './config.js';
import {
  errorForNetworkFailure,
  errorForRefusedBackofficeKeys,
  errorForUnexpectedBody,
} from './errors.js';
import type { RequestContext } from './errors.js';
import {
  BackofficeCustomerSchema,
  BillingAddressSchema,
  CustomerSchema,
  NotificationSchema,
  SegmentSchema,
  WebhookSampleSchema,
  WebhookSchema,
  pageOf,
} from './schemas.js';
import type {
  BackofficeCustomer,
  BillingAddress,
  BillingAddressUpdate,
  Customer,
  CustomerUpsert,
  Notification,
  Page,
  Segment,
  Webhook,
} from './schemas.js';

/** ProAbono's largest page. */
export const MAX_PAGE_SIZE = 1000;
/** `listAllCustomers` stops here whatever `TotalItems` says: a runaway loop costs the user's task time. */
export const MAX_PAGES = 100;

export const BILLING_ADDRESS_UPDATED = 'CustomerBillingAddressUpdated';

type Params = Record<string, string | number | boolean | undefined>;

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  params?: Params;
  body?: unknown;
  context: Omit<RequestContext, 'endpoint' | 'businessId'>;
}

const isNetworkFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'FetchError' || error.name === 'AbortError' || 'code' in error);

/**
 * The only code that knows ProAbono's URLs, verbs and payload shapes. It takes `z` as its
 * transport, so Zapier logs and scrubs every call and tests stub HTTP with nock. Authentication
 * headers and the mapping of error statuses live in `middleware.ts`; this module attaches the
 * context those messages need and parses every successful answer with zod.
 */
export const createProAbonoClient = (z: ZObject, bundle: Pick<Bundle, 'authData'>) => {
  const businessId = parseBusinessId(bundle.authData.businessId);
  const live = (path: string) => `${liveBaseUrl(businessId)}${path}`;
  const backoffice = (path: string) => `${backofficeBaseUrl()}${path}`;

  const send = async ({ method, url, params, body, context }: Call) => {
    const endpoint = `${method} ${new URL(url).pathname}`;
    const full: RequestContext = { ...context, endpoint, businessId };
    const definedParams = Object.fromEntries(
      Object.entries(params ?? {}).filter(([, value]) => value !== undefined),
    );
    try {
      const response = await z.request({
        method,
        url,
        params: definedParams,
        // Serialised here so core never rewrites `{{...}}` that a user typed into an address.
        body: body === undefined ? undefined : JSON.stringify(body),
        skipThrowForStatus: true,
        middlewareData: { proabono: full },
      });
      return { response, context: full };
    } catch (error) {
      throw isNetworkFailure(error) ? errorForNetworkFailure(error, full) : error;
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

  /** An empty collection is a 204 with no body. */
  const parsePage = <S extends zod.ZodType>(
    sent: { response: HttpResponse; context: RequestContext },
    item: S,
  ): Page<zod.infer<S>> => {
    if (sent.response.status === 204) return { items: [], totalItems: 0 };
    const page = parse(sent, pageOf(item));
    return { items: page.Items, totalItems: page.TotalItems ?? page.Items.length };
  };

  const customerLabel = (reference: string) => `customer "${reference}"`;

  const listCustomers = async ({
    page = 1,
    sizePage = 10,
  }: { page?: number; sizePage?: number } = {}) =>
    parsePage(
      await send({
        method: 'GET',
        url: live('/v1/Customers'),
        params: { Page: page, SizePage: sizePage },
        context: { action: 'listing customers' },
      }),
      CustomerSchema,
    );

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
        CustomerSchema,
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
          subject: `customer with reference "${reference}"`,
          accept: [404],
        },
      });
      return sent.response.status === 404 ? null : parse(sent, CustomerSchema);
    },

    /** One page of customers (1-based). */
    listCustomers,

    /** Every customer, page by page, stopping after `maxPages` pages whatever the total says. */
    async *listAllCustomers({ sizePage = 200, maxPages = MAX_PAGES } = {}) {
      for (let page = 1; page <= maxPages; page += 1) {
        const { items, totalItems } = await listCustomers({ page, sizePage });
        yield* items;
        if (items.length === 0 || page * sizePage >= totalItems) return;
      }
    },

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
      return { customer: parse(sent, CustomerSchema), created: sent.response.status === 201 };
    },

    getBillingAddress: async (reference: string): Promise<BillingAddress> =>
      parse(
        await send({
          method: 'GET',
          url: live('/v1/CustomerAddressBilling'),
          params: { ReferenceCustomer: reference },
          context: {
            action: `reading the billing address of ${customerLabel(reference)}`,
            reference,
            forbiddenMeansUnknownCustomer: true,
          },
        }),
        BillingAddressSchema,
      ),

    /** Partial update: only the keys present change, `""` clears a field. Answers the full address. */
    updateBillingAddress: async (
      reference: string,
      changes: BillingAddressUpdate,
    ): Promise<BillingAddress> =>
      parse(
        await send({
          method: 'POST',
          url: live('/v1/CustomerAddressBilling'),
          params: { ReferenceCustomer: reference },
          body: changes,
          context: {
            action: `updating the billing address of ${customerLabel(reference)}`,
            reference,
            forbiddenMeansUnknownCustomer: true,
          },
        }),
        BillingAddressSchema,
      ),

    /** Backoffice customer search; unlike the API Live it filters by email and knows `DateUpdate`. */
    searchBackofficeCustomers: async (filter: {
      Email?: string;
      ReferenceCustomer?: string;
    }): Promise<BackofficeCustomer[]> => {
      const what = filter.Email
        ? `email "${filter.Email}"`
        : `reference "${filter.ReferenceCustomer ?? ''}"`;
      const page = parsePage(
        await send({
          method: 'GET',
          url: backoffice('/Distribution/Customers'),
          params: { IdBusiness: businessId, ...filter, SizePage: 100, Links: false },
          context: { action: `searching customers by ${what}` },
        }),
        BackofficeCustomerSchema,
      );
      return page.items;
    },

    /** One page of the business's segments (1-based), from the Backoffice. */
    listSegments: async ({
      page = 1,
      sizePage = 100,
    }: { page?: number; sizePage?: number } = {}): Promise<Page<Segment>> =>
      parsePage(
        await send({
          method: 'GET',
          url: backoffice('/Organization/Segments'),
          params: { IdBusiness: businessId, Page: page, SizePage: sizePage, Links: false },
          context: { action: 'listing segments' },
        }),
        SegmentSchema,
      ),

    /**
     * The connection test's proof that the Backoffice API takes the keys too: the instant trigger,
     * the event history and the email search depend on it, and a key it refuses would otherwise
     * pass the test and fail the first Zap run. One segment is the cheapest page it lists.
     */
    testBackofficeAccess: async (): Promise<void> => {
      const sent = await send({
        method: 'GET',
        url: backoffice('/Organization/Segments'),
        params: { IdBusiness: businessId, Page: 1, SizePage: 1, Links: false },
        context: {
          action: 'testing the connection to the Backoffice API',
          connectionTest: true,
          accept: [401, 403],
        },
      });
      const { status } = sent.response;
      if (status === 401 || status === 403) {
        throw errorForRefusedBackofficeKeys(status, sent.context);
      }
      parsePage(sent, SegmentSchema);
    },

    createWebhook: async (
      url: string,
      triggers: string[] = [BILLING_ADDRESS_UPDATED],
    ): Promise<Webhook> =>
      parse(
        await send({
          method: 'POST',
          url: backoffice('/Notification/Webhooks'),
          body: { Url: url, IdBusiness: businessId, Triggers: triggers },
          context: { action: 'registering a webhook for Zapier' },
        }),
        WebhookSchema,
      ),

    /** A webhook by id, or `null` when it no longer exists. */
    getWebhook: async (id: string | number): Promise<Webhook | null> => {
      const sent = await send({
        method: 'GET',
        url: backoffice(`/Notification/Webhooks/${encodeURIComponent(id)}`),
        context: { action: `reading webhook ${id}`, subject: `webhook ${id}`, accept: [404] },
      });
      return sent.response.status === 404 ? null : parse(sent, WebhookSchema);
    },

    /** The business's webhooks (one page of up to 1,000: a business has a handful). */
    listWebhooks: async (): Promise<Webhook[]> =>
      parsePage(
        await send({
          method: 'GET',
          url: backoffice('/Notification/Webhooks'),
          params: { IdBusiness: businessId, SizePage: MAX_PAGE_SIZE, Links: false },
          context: { action: 'listing webhooks' },
        }),
        WebhookSchema,
      ).items,

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

    /** Past notifications of one event type, newest first (1-based pages). */
    rewindEvents: async ({
      typeTrigger = BILLING_ADDRESS_UPDATED,
      page = 1,
      sizePage = 100,
    }: { typeTrigger?: string; page?: number; sizePage?: number } = {}): Promise<
      Page<Notification>
    > =>
      parsePage(
        await send({
          method: 'GET',
          url: backoffice('/Notification/WebhookNotifications/RewindEvents'),
          params: {
            IdBusiness: businessId,
            TypeTrigger: typeTrigger,
            Page: page,
            SizePage: sizePage,
            Links: false,
          },
          context: { action: 'reading recent billing-address events' },
        }),
        NotificationSchema,
      ),

    /** ProAbono's generated sample of an event type, or `null` when it has none. */
    sampleEvent: async (typeTrigger = BILLING_ADDRESS_UPDATED): Promise<Notification | null> => {
      const sent = await send({
        method: 'GET',
        url: backoffice('/Notification/Webhooks/Sample'),
        params: { TypeTrigger: typeTrigger },
        context: { action: 'reading a sample event', accept: [404] },
      });
      if (sent.response.status === 404 || sent.response.status === 204) return null;
      const { Data } = parse(sent, WebhookSampleSchema);
      let data: unknown;
      try {
        data = JSON.parse(Data);
      } catch {
        data = undefined;
      }
      return parse({ ...sent, response: { ...sent.response, data } }, NotificationSchema);
    },
  };
};

export type ProAbonoClient = ReturnType<typeof createProAbonoClient>;
