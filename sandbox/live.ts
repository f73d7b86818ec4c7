import { iso31661 } from 'iso-3166';

import { badBody, billingLiveRoutes, invalidType } from './billing.js';
import type { SandboxCore } from './core.js';
import { isObject, noContent, property, reply } from './http.js';
import type { Reply } from './http.js';
import { pageReply, readPaging } from './paging.js';
import { route } from './routes.js';
import type { Route, RouteRequest } from './routes.js';
import { ADDRESS_KEYS, BILLING_ADDRESS_UPDATED, CUSTOMER_ADDED } from './types.js';
import type { AddressKey, CustomerSeed } from './types.js';
import { addressView, liveCustomer, liveCustomerItem } from './views.js';

/*
 * The API Live, under /v1. Error `Code`s are strings, as on ProAbono's API Live. ProAbono
 * documents only `Error.Api.Customer.Unaccessible` among the codes used here; the others are the
 * sandbox's own, shaped like it, and left out under the `documented` profile.
 */

interface ErrorBody {
  Code: string;
  Message: string;
  Target?: string;
}

/** The API Live error codes ProAbono's documents and official clients name. */
const DOCUMENTED_CODES: ReadonlySet<string> = new Set([
  'Error.Api.Customer.Unaccessible',
  'Error.Api.Usage.NoneMatching',
  'Error.Customer.PaymentSettings.Missing',
  'Error.Customer.Billing.CappingReached',
  'Error.Customer.Anonymize.HasDueInvoices',
]);

const withoutInventedCode = (body: unknown): unknown => {
  if (!isObject(body) || typeof body.Code !== 'string' || DOCUMENTED_CODES.has(body.Code)) {
    return body;
  }
  const { Code: _invented, ...rest } = body;
  return rest;
};

/**
 * An error answer with the sandbox's own codes removed: the error object (or each of a 422's)
 * keeps `Message` and `Target` only, unless its code is a documented one.
 */
const documentedErrors = (answer: Reply): Reply => {
  if (answer.status < 400 || answer.json === undefined) return answer;
  const json = Array.isArray(answer.json)
    ? answer.json.map(withoutInventedCode)
    : withoutInventedCode(answer.json);
  return { ...answer, json };
};

const COUNTRY_CODES = new Set(iso31661.map((country) => country.alpha2));
const REFERENCE_MAX_LENGTH = 50;
const REFERENCE_FORBIDDEN = /[<>;"=?&]/;
const METADATA_MAX_PAIRS = 5;
const METADATA_MAX_LENGTH = 450;
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const error = (status: number, body: ErrorBody): Reply => reply(status, body);
const validation = (problems: ErrorBody[]): Reply => reply(422, problems);

const missingReference = (): Reply =>
  error(400, {
    Code: 'Error.Api.Request.MissingParameter',
    Message: 'The query parameter ReferenceCustomer is required.',
    Target: 'ReferenceCustomer',
  });

const unaccessibleCustomer = (): Reply =>
  error(403, {
    Code: 'Error.Api.Customer.Unaccessible',
    Message: 'No customer with this reference can be accessed with these keys.',
  });

/** ProAbono's rule for shared references: at most 50 characters, none of `< > ; " = ? &`. */
const referenceProblem = (value: unknown): ErrorBody | undefined => {
  if (value === undefined || value === null || value === '') {
    return {
      Code: 'Error.Api.Customer.ReferenceCustomer.Required',
      Message: 'ReferenceCustomer is required.',
      Target: 'ReferenceCustomer',
    };
  }
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > REFERENCE_MAX_LENGTH ||
    REFERENCE_FORBIDDEN.test(value)
  ) {
    return {
      Code: 'Error.Api.Customer.ReferenceCustomer.Invalid',
      Message: `ReferenceCustomer must be a text of 1 to ${REFERENCE_MAX_LENGTH} characters without < > ; " = ? &.`,
      Target: 'ReferenceCustomer',
    };
  }
  return undefined;
};

const notText = (target: string): ErrorBody => invalidType(target, 'a text value');

const CUSTOMER_TEXT_FIELDS = [
  'Name',
  'Email',
  'Language',
  'ReferenceSegment',
  'ReferenceOffer',
  'ReferenceAffiliation',
] as const;

export const liveRoutes = (core: SandboxCore, baseUrl: () => string): Route[] => {
  const { state } = core;

  const listCustomers = (request: RouteRequest): Reply => {
    const paging = readPaging(request.query);
    if ('problem' in paging) {
      return error(400, {
        Code: 'Error.Api.Request.InvalidParameter',
        Message: paging.problem,
        Target: paging.target,
      });
    }
    const segment =
      request.query.get('ReferenceSegment') ??
      (core.behaviour.customersListAllSegments ? undefined : state.defaultSegment.Reference);
    // The sandbox has no subscriptions, so no customer has an active feature.
    const feature = request.query.get('ReferenceFeature');
    const customers = state
      .allCustomers()
      .filter((customer) => segment === undefined || customer.ReferenceSegment === segment)
      .filter(() => feature === undefined);
    return pageReply(customers.map(liveCustomerItem), paging, state.timestamp());
  };

  const getCustomer = (request: RouteRequest): Reply => {
    const reference = request.query.get('ReferenceCustomer');
    if (!reference) return missingReference();
    const customer = state.customer(reference);
    if (!customer) {
      return error(404, {
        Code: 'Error.Api.Customer.NotFound',
        Message: 'No customer has this reference.',
        Target: 'ReferenceCustomer',
      });
    }
    return reply(200, liveCustomer(customer, baseUrl()));
  };

  /** Upsert on `ReferenceCustomer` within `ReferenceSegment`: only the fields sent are written. */
  const upsertCustomer = (request: RouteRequest): Reply => {
    if (!request.bodyIsJson || !isObject(request.body)) return badBody();
    const body = request.body;
    const problems: ErrorBody[] = [];
    const reference = property(body, 'ReferenceCustomer');
    const referenceError = referenceProblem(reference);
    if (referenceError) problems.push(referenceError);

    const values: Partial<Record<(typeof CUSTOMER_TEXT_FIELDS)[number], string | null>> = {};
    for (const field of CUSTOMER_TEXT_FIELDS) {
      const value = property(body, field);
      if (value === undefined) continue;
      if (value !== null && typeof value !== 'string') problems.push(notText(field));
      else values[field] = value;
    }
    if (values.Email && !EMAIL_SHAPE.test(values.Email)) {
      problems.push({
        Code: 'Error.Api.Customer.Email.Invalid',
        Message: 'Email is not a valid email address.',
        Target: 'Email',
      });
    }
    if (values.ReferenceSegment && !state.segment(values.ReferenceSegment)) {
      problems.push({
        Code: 'Error.Api.Segment.Unknown',
        Message: 'No segment has this reference.',
        Target: 'ReferenceSegment',
      });
    }
    const metadata = property(body, 'Metadata');
    const metadataOk =
      metadata === undefined ||
      metadata === null ||
      (isObject(metadata) &&
        Object.keys(metadata).length <= METADATA_MAX_PAIRS &&
        Object.values(metadata).every(
          (value) => typeof value === 'string' && value.length <= METADATA_MAX_LENGTH,
        ));
    if (!metadataOk) {
      problems.push({
        Code: 'Error.Api.Customer.Metadata.Invalid',
        Message: `Metadata holds at most ${METADATA_MAX_PAIRS} text values of at most ${METADATA_MAX_LENGTH} characters.`,
        Target: 'Metadata',
      });
    }
    if (problems.length > 0) return validation(problems);

    // The upsert acts within one segment, the default one when none is sent: a reference that
    // lives in another segment gets a second customer here, never an update of that one.
    const seed: CustomerSeed = {
      ReferenceCustomer: reference as string,
      ReferenceSegment: values.ReferenceSegment || state.defaultSegment.Reference,
    };
    if (values.Name !== undefined) seed.Name = values.Name;
    if (values.Email !== undefined) seed.Email = values.Email;
    if (values.Language !== undefined) seed.Language = values.Language;
    if (isObject(metadata)) seed.Metadata = metadata as Record<string, string>;
    const { customer, created } = state.upsertCustomer(seed);
    if (values.ReferenceAffiliation !== undefined) {
      customer.ReferenceAffiliation = values.ReferenceAffiliation || null;
    }
    if (created) core.emit(CUSTOMER_ADDED, customer);
    return reply(created ? 201 : 200, liveCustomer(customer, baseUrl()));
  };

  /** The query parameter, or (as older clients send it) the body property. */
  const addressReference = (request: RouteRequest): string | undefined => {
    const fromQuery = request.query.get('ReferenceCustomer');
    if (fromQuery) return fromQuery;
    const fromBody = property(request.body, 'ReferenceCustomer');
    return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
  };

  const getAddress = (request: RouteRequest): Reply => {
    const reference = addressReference(request);
    if (!reference) return missingReference();
    const customer = state.customer(reference);
    if (!customer) return unaccessibleCustomer();
    if (!core.behaviour.unsetAddressReadsAsNulls && !state.addressEverWritten(customer)) {
      return noContent();
    }
    return reply(200, addressView(customer.address));
  };

  /**
   * Partial update: a key left out is unchanged; one of `""` and `null` clears (the behaviour's
   * `addressClearValue`), the other is unchanged too. A successful update records a
   * CustomerBillingAddressUpdated notification and bumps `DateUpdate`; one that changes nothing
   * stored does so only when the behaviour says no-op writes notify.
   */
  const updateAddress = (request: RouteRequest): Reply => {
    const reference = addressReference(request);
    if (!reference) return missingReference();
    const customer = state.customer(reference);
    if (!customer) return unaccessibleCustomer();
    if (!request.bodyIsJson || !isObject(request.body)) return badBody();

    const { addressClearValue, addressFieldMaxLength } = core.behaviour;
    const problems: ErrorBody[] = [];
    const changes: Partial<Record<AddressKey, string | null>> = {};
    for (const key of ADDRESS_KEYS) {
      const value = property(request.body, key);
      if (value === undefined) continue;
      if (value === null || value === '') {
        if (value === addressClearValue) changes[key] = null;
        continue;
      }
      if (typeof value !== 'string') {
        problems.push(notText(key));
      } else if (addressFieldMaxLength !== null && value.length > addressFieldMaxLength) {
        problems.push({
          Code: 'Error.Api.Field.TooLong',
          Message: `${key} must be at most ${addressFieldMaxLength} characters long.`,
          Target: key,
        });
      } else if (key === 'Country' && !COUNTRY_CODES.has(value)) {
        problems.push({
          Code: 'Error.Api.Address.Country.Invalid',
          Message: 'Country must be an ISO 3166-1 alpha-2 code in upper case, such as FR or US.',
          Target: 'Country',
        });
      } else {
        changes[key] = value;
      }
    }
    if (problems.length > 0) return validation(problems);

    const notifies =
      core.behaviour.noOpWriteNotifies || state.addressWouldChange(customer, changes);
    const address = state.updateAddress(reference, changes, notifies);
    if (notifies) core.emit(BILLING_ADDRESS_UPDATED, customer);
    return reply(200, address);
  };

  const routes = [
    route('GET', '/Customers', listCustomers),
    route('GET', '/Customer', getCustomer),
    route('POST', '/Customer', upsertCustomer),
    // Both spellings are in use by ProAbono's own clients; they behave the same.
    route('GET', '/CustomerAddressBilling', getAddress),
    route('POST', '/CustomerAddressBilling', updateAddress),
    route('GET', '/CustomerBillingAddress', getAddress),
    route('POST', '/CustomerBillingAddress', updateAddress),
    ...billingLiveRoutes(core, baseUrl),
  ];
  return routes.map((entry) => ({
    ...entry,
    handler: async (request: RouteRequest) => {
      const answer = await entry.handler(request);
      return core.behaviour.inventedErrorCodes ? answer : documentedErrors(answer);
    },
  }));
};
