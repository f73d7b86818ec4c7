import { randomInt } from 'node:crypto';

import { backofficeOfferItems } from './billing.js';
import type { SandboxCore } from './core.js';
import { isObject, noContent, property, reply } from './http.js';
import type { Reply } from './http.js';
import { pageReply, readPaging } from './paging.js';
import { route } from './routes.js';
import type { Route, RouteRequest } from './routes.js';
import type { Notification, StoredWebhook } from './types.js';
import { backofficeCustomer, segmentView, webhookView } from './views.js';

/*
 * The Backoffice API, under /backoffice. Its error `Code`s are integers (ProAbono's Backoffice
 * documentation types them so); the sandbox uses the HTTP status as the code.
 */

/** The event codes ProAbono notifies. */
export const EVENT_TYPES = [
  'CustomerAdded',
  'CustomerBillingAddressUpdated',
  'CustomerPaymentMethodUpdated',
  'CustomerBillingSucceeded',
  'CustomerBillingFailed',
  'CustomerChargingSucceeded',
  'CustomerChargingPending',
  'CustomerChargingFailed',
  'CustomerChargingAutoFailedNoPermission',
  'CustomerChargingAutoFailedNoRetry',
  'CustomerSuspended',
  'CustomerEnabled',
  'CustomerIsGreyListed',
  'SubscriptionStarted',
  'SubscriptionRenewed',
  'SubscriptionSuspendedAgent',
  'SubscriptionRestarted',
  'SubscriptionSuspendedPaymentInfoMissing',
  'SubscriptionSuspendedPaymentDue',
  'SubscriptionTerminatedAtRenewal',
  'SubscriptionTerminated',
  'SubscriptionHistory',
  'SubscriptionDeleted',
  'SubscriptionUpdated',
  'SubscriptionFeaturesUpdated',
  'SubscriptionUpgraded',
  'SubscriptionTerminatedForUpgrade',
  'SubscriptionDateTermUpdated',
  'InvoiceDebitIssuedPaymentAuto',
  'InvoiceDebitIssuedPaymentOffline',
  'InvoiceDebitPaid',
  'InvoiceDebitRefunded',
  'InvoiceDebitCancelled',
  'InvoiceDebitPaymentAutoFailed',
  'InvoiceDebitPaymentAutoRequestedAuth',
  'InvoiceDebitOverdue',
  'InvoiceDebitDisputed',
  'InvoiceDebitUncollectible',
  'InvoiceCreditIssued',
  'GatewayPermissionSoonExpired',
  'GatewayPermissionExpired',
  'GatewayPermissionDefective',
  'GatewayPermissionInsufficientFunds',
  'GatewayPermissionPaymentIssues',
] as const;

/** The codes ProAbono's n8n node registers where its webhook guide names the event otherwise. */
const N8N_EVENT_CODES: Readonly<Record<string, string>> = {
  invoicedebitpaymentautorequestedauto: 'InvoiceDebitPaymentAutoRequestedAuth',
};

/** The event a code names, in the guide's spelling; the n8n spellings only where `aliases`. */
const knownEventType = (code: string, aliases = false): string | undefined =>
  EVENT_TYPES.find((type) => type.toLowerCase() === code.toLowerCase()) ??
  (aliases ? N8N_EVENT_CODES[code.toLowerCase()] : undefined);

interface ErrorBody {
  Code: number;
  Message: string;
  Target?: string;
}

const error = (status: number, message: string, target?: string): Reply =>
  reply(status, { Code: status, Message: message, ...(target ? { Target: target } : {}) });

const validation = (problems: ErrorBody[]): Reply => reply(422, problems);

const VERIFICATION_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const newVerificationCode = (): string =>
  Array.from(
    { length: 8 },
    () => VERIFICATION_CODE_ALPHABET[randomInt(VERIFICATION_CODE_ALPHABET.length)],
  ).join('');

const truthy = (value: string | undefined): boolean =>
  value !== undefined && ['true', '1'].includes(value.trim().toLowerCase());

const absoluteHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

export const backofficeRoutes = (core: SandboxCore): Route[] => {
  const { state } = core;

  /**
   * `IdBusiness` from the query or the body. A value naming another business is refused with
   * 403; a missing one with 400 where the endpoint needs it.
   */
  const businessCheck = (request: RouteRequest, required: boolean): Reply | undefined => {
    const raw = request.query.get('IdBusiness') ?? property(request.body, 'IdBusiness');
    if (raw === undefined || raw === null || raw === '') {
      return required ? error(400, 'IdBusiness is required.', 'IdBusiness') : undefined;
    }
    const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
    if (value !== String(core.businessId)) {
      return error(403, 'These keys cannot access that business.', 'IdBusiness');
    }
    return undefined;
  };

  const paged = <T>(request: RouteRequest, items: readonly T[]): Reply => {
    const paging = readPaging(request.query);
    if ('problem' in paging) return error(400, paging.problem, paging.target);
    return pageReply(items, paging, state.timestamp());
  };

  /** Runs `handle` on the webhook the path names, once the business check has passed. */
  const onWebhook = (
    request: RouteRequest,
    handle: (webhook: StoredWebhook) => Reply | Promise<Reply>,
  ): Reply | Promise<Reply> => {
    const refused = businessCheck(request, false);
    if (refused) return refused;
    const raw = request.params[0] ?? '';
    const webhook = /^\d+$/.test(raw) ? state.webhook(Number(raw)) : undefined;
    return webhook ? handle(webhook) : error(404, `No webhook has the id ${raw}.`);
  };

  const createWebhook = (request: RouteRequest): Reply => {
    if (!request.bodyIsJson || !isObject(request.body)) {
      return error(400, 'The body must be a JSON object.');
    }
    const refused = businessCheck(request, true);
    if (refused) return refused;
    const url = property(request.body, 'Url');
    const triggers = property(request.body, 'Triggers');
    const problems: ErrorBody[] = [];
    if (!absoluteHttpUrl(url)) {
      problems.push({ Code: 422, Message: 'Url must be an absolute http(s) URL.', Target: 'Url' });
    }
    const codes = Array.isArray(triggers) ? triggers : [];
    const known = codes.map((code) =>
      typeof code === 'string'
        ? knownEventType(code, core.behaviour.acceptsN8nEventCodes)
        : undefined,
    );
    if (codes.length === 0 || known.some((code) => code === undefined)) {
      problems.push({
        Code: 422,
        Message: 'Triggers must be a non-empty list of ProAbono event codes.',
        Target: 'Triggers',
      });
    }
    if (problems.length > 0) return validation(problems);
    const webhook = state.createWebhook(url as string, known as string[]);
    return reply(201, webhookView(webhook));
  };

  /** What the server answers for a path no route matches: the route is absent in this profile. */
  const absent = (request: RouteRequest): Reply =>
    error(404, `No endpoint answers ${request.path}.`);

  const listWebhooks = (request: RouteRequest): Reply => {
    if (!core.behaviour.webhookList) return absent(request);
    return businessCheck(request, true) ?? paged(request, state.webhooks().map(webhookView));
  };

  const getWebhook = (request: RouteRequest) =>
    onWebhook(request, (webhook) => reply(200, webhookView(webhook)));

  const deleteWebhook = (request: RouteRequest) =>
    onWebhook(request, (webhook) => {
      state.deleteWebhook(webhook.Id);
      return noContent();
    });

  /** `sendCode=true` makes a new code and POSTs it to the webhook's URL. */
  const requestVerification = (request: RouteRequest) =>
    onWebhook(request, async (webhook) => {
      if (truthy(request.query.get('sendCode'))) {
        const code = newVerificationCode();
        webhook.verificationCode = code;
        await core.sendVerificationCode(webhook, code);
      }
      return reply(200, webhookView(webhook));
    });

  /** The code that was delivered activates the webhook; it stays valid until a new one is sent. */
  const confirmVerification = (request: RouteRequest) =>
    onWebhook(request, (webhook) => {
      const code = request.query.get('code');
      if (!code || webhook.verificationCode === null || code !== webhook.verificationCode) {
        return validation([
          {
            Code: 422,
            Message: 'The verification code is not valid for this webhook.',
            Target: 'code',
          },
        ]);
      }
      webhook.IsActive = true;
      return reply(200, webhookView(webhook));
    });

  const rewindEvents = (request: RouteRequest): Reply => {
    const refused = businessCheck(request, true);
    if (refused) return refused;
    const type = request.query.get('TypeTrigger')?.toLowerCase();
    const oldestFirst = state
      .history()
      .filter(
        (notification: Notification) =>
          type === undefined || notification.TypeTrigger.toLowerCase() === type,
      );
    return paged(request, core.behaviour.historyNewestFirst ? oldestFirst.reverse() : oldestFirst);
  };

  /** A generated notification of that type, as a JSON string; its customer does not exist. */
  const sample = (request: RouteRequest): Reply => {
    const refused = businessCheck(request, false);
    if (refused) return refused;
    const raw = request.query.get('TypeTrigger');
    if (!raw) return error(400, 'TypeTrigger is required.', 'TypeTrigger');
    const type = knownEventType(raw);
    if (!type) return error(404, `No sample exists for the event type ${raw}.`, 'TypeTrigger');
    const data: Notification = {
      Id: 'trg_sample',
      IdBusiness: core.businessId,
      IdSegment: state.defaultSegment.Id,
      ReferenceSegment: 'sample',
      DateTrigger: state.timestamp(),
      TypeTrigger: type,
      Customer: {
        Id: 42,
        ReferenceCustomer: 'customer_sample',
        Name: 'John Doe',
        Email: 'john.doe@sample.com',
        Language: 'en',
        Status: 'Enabled',
      },
    };
    return reply(200, { Data: JSON.stringify(data) });
  };

  /**
   * Newest customer first (descending Id). ProAbono does not document the order; clients that
   * need "most recently updated" must sort on DateUpdate themselves.
   */
  const searchCustomers = (request: RouteRequest): Reply => {
    const refused = businessCheck(request, true);
    if (refused) return refused;
    const email = request.query.get('Email')?.trim().toLowerCase();
    const reference = request.query.get('ReferenceCustomer');
    const updatedSince = request.query.get('DateUpdateMin');
    const since = updatedSince === undefined ? undefined : Date.parse(updatedSince);
    if (since !== undefined && Number.isNaN(since)) {
      return error(400, 'DateUpdateMin must be an ISO 8601 date.', 'DateUpdateMin');
    }
    const extra = (request.query.get('extra') ?? '').toLowerCase().split(',');
    const withAddress = extra.includes('addressbilling') || extra.includes('all');
    const customers = state
      .allCustomers()
      .filter((customer) => email === undefined || customer.Email?.toLowerCase() === email)
      .filter((customer) => reference === undefined || customer.ReferenceCustomer === reference)
      .filter((customer) => since === undefined || Date.parse(customer.DateUpdate) >= since)
      .reverse()
      .map((customer) => {
        const item = backofficeCustomer(customer, core.businessId, withAddress);
        if (core.behaviour.backofficeCustomerReferenceSegment) return item;
        const { ReferenceSegment: _left, ...withoutReference } = item;
        return withoutReference;
      });
    return paged(request, customers);
  };

  /** The business's segments, in creation order (the default one first). */
  const listSegments = (request: RouteRequest): Reply => {
    if (!core.behaviour.segmentList) return absent(request);
    return (
      businessCheck(request, true) ??
      paged(
        request,
        state.segments.map((segment) => segmentView(segment, core.businessId)),
      )
    );
  };

  return [
    route('GET', '/Organization/Segments', listSegments),
    route('POST', '/Notification/Webhooks', createWebhook),
    route('GET', '/Notification/Webhooks', listWebhooks),
    route('GET', '/Notification/Webhooks/Sample', sample),
    route('GET', '/Notification/Webhooks/([^/]+)', getWebhook),
    route('DELETE', '/Notification/Webhooks/([^/]+)', deleteWebhook),
    route('GET', '/Notification/Webhooks/([^/]+)/Verification', requestVerification),
    route('POST', '/Notification/Webhooks/([^/]+)/Verification', confirmVerification),
    route('GET', '/Notification/WebhookNotifications/RewindEvents', rewindEvents),
    route('GET', '/Distribution/Customers', searchCustomers),
    route(
      'GET',
      '/Sub/Offers',
      (request) =>
        businessCheck(request, true) ?? paged(request, backofficeOfferItems(core, request.query)),
    ),
  ];
};
