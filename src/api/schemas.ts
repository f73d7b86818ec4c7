import { z as zod } from 'zod';

import { lazy } from '../lazy.js';
import { ADDRESS_FIELD_KEYS, type AddressFieldKey } from './addressFieldKeys.js';

/*
 * Minimal, loose schemas: require what the connector uses, let everything else through so users
 * can still map fields ProAbono adds later. Shapes follow ProAbono's OpenAPI contract of the API
 * Live and, for the Backoffice API, what its official n8n node reads. Each is built on first use
 * (`lazy`): building them all costs a cold start about 1 MB of allocations, and a step reads one
 * or two.
 */

const text = lazy(() => zod.string().nullish());
const id = lazy(() => zod.union([zod.number(), zod.string().min(1)]));

const ADDRESS_FIELDS: ReadonlySet<string> = new Set(ADDRESS_FIELD_KEYS);

/**
 * Every field is optional and nullable (ProAbono may leave out empty ones), but an answer must
 * carry at least one of the eleven: taken for an address, `{}` or an answer about something else
 * would make an update "succeed" and the triggers report every field as changed.
 */
export const billingAddressSchema = lazy(() =>
  zod
    .looseObject(
      Object.fromEntries(ADDRESS_FIELD_KEYS.map((key) => [key, text()])) as Record<
        AddressFieldKey,
        ReturnType<typeof text>
      >,
    )
    .refine((address) => Object.keys(address).some((key) => ADDRESS_FIELDS.has(key)), {
      message: 'the answer has none of the billing-address fields',
    }),
);
export type BillingAddress = zod.infer<ReturnType<typeof billingAddressSchema>>;

/** Body of `POST /v1/CustomerAddressBilling`: only the fields to change; `""` clears one. */
export type BillingAddressUpdate = Partial<Record<AddressFieldKey, string>>;
/** The same body clearing fields with `null`, for a ProAbono that ignores `""`. */
export type BillingAddressClear = Partial<Record<AddressFieldKey, null>>;

export const customerSchema = lazy(() =>
  zod.looseObject({
    Id: zod.number().optional(),
    ReferenceCustomer: zod.string(),
    ReferenceSegment: text(),
    IdSegment: zod.number().nullish(),
    Name: text(),
    Email: text(),
    Language: text(),
    Status: text(),
  }),
);
export type Customer = zod.infer<ReturnType<typeof customerSchema>>;

/**
 * Body of `POST /v1/Customer`: an upsert on `ReferenceCustomer` within `ReferenceSegment`, the
 * business's default segment when it is left out.
 */
export interface CustomerUpsert {
  ReferenceCustomer: string;
  Name?: string;
  Email?: string;
  Language?: string;
  ReferenceSegment?: string;
  ReferenceAffiliation?: string;
  /**
   * The customer's metadata pairs. Values the user gives are text; the pairs an update keeps from
   * ProAbono's own answer are sent back as it gave them.
   */
  Metadata?: Record<string, unknown>;
}

/** The customer's own fields Update Customer may change. */
export type CustomerChanges = Pick<
  CustomerUpsert,
  'Name' | 'Email' | 'Language' | 'ReferenceAffiliation' | 'Metadata'
>;

/**
 * ProAbono's paginated envelope, its items left unread: each is parsed on its own. An empty
 * collection is a 204 with no body, not `Items: []`.
 */
export const pageSchema = lazy(() =>
  zod.looseObject({
    Page: zod.number().optional(),
    SizePage: zod.number().optional(),
    Count: zod.number().optional(),
    TotalItems: zod.number().optional(),
    Items: zod.array(zod.unknown()),
  }),
);
export interface Page<T> {
  items: T[];
  totalItems: number;
}

/** A customer as the Backoffice API lists it: it adds `DateUpdate`, which the API Live lacks. */
export const backofficeCustomerSchema = lazy(() =>
  zod.looseObject({
    Id: zod.number().optional(),
    ReferenceCustomer: zod.string(),
    Name: text(),
    Email: text(),
    Language: text(),
    DateCreation: text(),
    DateUpdate: text(),
  }),
);
export type BackofficeCustomer = zod.infer<ReturnType<typeof backofficeCustomerSchema>>;

/**
 * A segment as the Backoffice lists it (`/Organization/Segments`). ProAbono documents no schema;
 * its n8n node reads `Id` and `Name`, and the API Live addresses a segment by `ReferenceSegment`,
 * which a segment may lack.
 */
export const segmentSchema = lazy(() =>
  zod.looseObject({
    Id: zod.number().optional(),
    ReferenceSegment: text(),
    Name: text(),
    Currency: text(),
  }),
);
export type Segment = zod.infer<ReturnType<typeof segmentSchema>>;

/** One error object; the `Code` is a string on the API Live and an integer on the Backoffice. */
const errorBodySchema = lazy(() =>
  zod.looseObject({
    Code: zod.union([zod.string(), zod.number()]).nullish(),
    Message: text(),
    Target: text(),
  }),
);
export type ErrorBody = zod.infer<ReturnType<typeof errorBodySchema>>;
/** A single object, or an array of them on 422. */
export const errorResponseSchema = lazy(() =>
  zod.union([errorBodySchema(), zod.array(errorBodySchema())]),
);

/** The customer block of a webhook notification. It never carries the address. */
const notificationCustomerSchema = lazy(() =>
  zod.looseObject({
    Id: zod.number().nullish(),
    ReferenceCustomer: zod.string(),
    Name: text(),
    Email: text(),
    Language: text(),
    Status: text(),
  }),
);

/** A webhook notification, as POSTed to a webhook and as listed by `RewindEvents`. */
export const notificationSchema = lazy(() =>
  zod.looseObject({
    Id: id(),
    IdBusiness: zod.number().nullish(),
    IdSegment: zod.number().nullish(),
    ReferenceSegment: text(),
    // Documented on every notification; one without it is still delivered (dated on receipt).
    DateTrigger: text(),
    TypeTrigger: zod.string().min(1),
    Customer: notificationCustomerSchema().nullish(),
  }),
);
export type Notification = zod.infer<ReturnType<typeof notificationSchema>>;

/** The handshake POST ProAbono sends to a new webhook: a `Code` and no `TypeTrigger`. */
export const verificationDeliverySchema = lazy(() =>
  zod.looseObject({
    Code: zod.union([zod.string().min(1), zod.number()]),
    IdWebhook: id().nullish(),
  }),
);
export type VerificationDelivery = zod.infer<ReturnType<typeof verificationDeliverySchema>>;

/** A webhook registered through the Backoffice API. */
export const webhookSchema = lazy(() =>
  zod.looseObject({
    Id: id(),
    Url: text(),
    Triggers: zod.array(zod.string()).nullish(),
  }),
);
export type Webhook = zod.infer<ReturnType<typeof webhookSchema>>;

/*
 * Billing objects (offers, subscriptions, invoices). The records read every other field
 * defensively (billingRecords.ts): they also take the blocks of webhook notifications, which are
 * never parsed here.
 */

/**
 * An offer, from the API Live (`/v1/Offers`) or the Backoffice (`/Sub/Offers`, which gives
 * `IdSegment` and, with `extra=Segment`, the segment). Its reference may be missing in the
 * Backoffice: such an offer cannot be picked, and is left out rather than refused.
 */
export const offerSchema = lazy(() =>
  zod.looseObject({
    ReferenceOffer: text(),
    Name: text(),
    StateLife: text(),
    Segment: zod.looseObject({ ReferenceSegment: text(), Name: text() }).nullish(),
  }),
);
export type Offer = zod.infer<ReturnType<typeof offerSchema>>;

/** A subscription: its number identifies the record; its state says whether it still runs. */
export const subscriptionSchema = lazy(() =>
  zod.looseObject({
    Id: zod.number(),
    ReferenceCustomer: text(),
    ReferenceOffer: text(),
    ReferenceSegment: text(),
    Status: text(),
    StateSubscription: text(),
  }),
);
export type Subscription = zod.infer<ReturnType<typeof subscriptionSchema>>;

/** An invoice or a credit note (a credit note carries `TypeCredit`). */
export const invoiceSchema = lazy(() =>
  zod.looseObject({
    Id: zod.number(),
    FullNumber: text(),
    ReferenceCustomer: text(),
  }),
);
export type Invoice = zod.infer<ReturnType<typeof invoiceSchema>>;

/** Body of `POST /v1/Subscription`: who subscribes to what, and an optional start date. */
export interface SubscriptionCreation {
  ReferenceCustomer: string;
  ReferenceOffer: string;
  /** ISO 8601, UTC. */
  DateStart?: string;
}

/** The query flags of `POST /v1/Subscription`, each sent explicitly. */
export interface SubscriptionFlags {
  TryStart: boolean;
  BillNow: boolean;
  EnsureBillable: boolean;
}

/** Body of `POST /v1/Billing/Customer`. */
export interface CustomerBilling {
  ReferenceCustomer: string;
  NoteLocalized?: string;
  EnsureBillable: boolean;
  ForceOffline: boolean;
  /** ISO 8601, UTC: balance lines before it are left out. */
  DateStart?: string;
  /** ISO 8601, UTC: balance lines after it are left out. */
  DateEnd?: string;
}
