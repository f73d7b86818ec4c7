/*
 * Shapes the sandbox stores, logs and answers. Kept apart from src/ on purpose: the sandbox
 * stands in for ProAbono, so it must not share the connector's own assumptions.
 */

export const ADDRESS_KEYS = [
  'Company',
  'FirstName',
  'LastName',
  'AddressLine1',
  'AddressLine2',
  'ZipCode',
  'City',
  'Country',
  'Region',
  'Phone',
  'TaxInformation',
] as const;
export type AddressKey = (typeof ADDRESS_KEYS)[number];

/** The eleven fields, `null` when empty, as ProAbono answers them. */
export type BillingAddress = Record<AddressKey, string | null>;

export const BILLING_ADDRESS_UPDATED = 'CustomerBillingAddressUpdated';
export const CUSTOMER_ADDED = 'CustomerAdded';

export interface Segment {
  Id: number;
  Reference: string;
  Name: string;
  Currency: string;
}

export type CustomerStatus = 'Enabled' | 'Suspended';

export interface StoredCustomer {
  Id: number;
  IdSegment: number;
  ReferenceSegment: string;
  Currency: string;
  ReferenceCustomer: string;
  Name: string | null;
  Email: string | null;
  Language: string | null;
  Status: CustomerStatus;
  ReferenceAffiliation: string | null;
  Metadata: Record<string, string>;
  /** Backoffice-only fields: the API Live never shows them. */
  DateCreation: string;
  DateUpdate: string;
  address: BillingAddress;
}

/** What a test or the seed gives to create or overwrite a customer directly (no notification). */
export interface CustomerSeed {
  ReferenceCustomer: string;
  Name?: string | null;
  Email?: string | null;
  Language?: string | null;
  Status?: CustomerStatus;
  ReferenceSegment?: string;
  Metadata?: Record<string, string>;
  DateCreation?: string;
  DateUpdate?: string;
  address?: Partial<BillingAddress>;
}

export interface StoredWebhook {
  Id: number;
  IdBusiness: number;
  Url: string;
  Triggers: string[];
  IsActive: boolean;
  DateCreation: string;
  /** The last code sent by `sendCode=true`; never shown by the API. */
  verificationCode: string | null;
}

export interface NotificationCustomer {
  Id: number;
  ReferenceCustomer: string;
  Name: string | null;
  Email: string | null;
  Language: string | null;
  Status: CustomerStatus;
}

/**
 * The blocks a notification carries beside `Customer`, by event family (ProAbono's webhook guide):
 * subscription events the buyer, the offer and the subscription; invoice events the invoice or
 * credit note; charging and payment-method events the payment permission. Shapes in billing.ts.
 */
export interface NotificationBlocks {
  CustomerBuyer?: NotificationCustomer;
  Offer?: Record<string, unknown>;
  Subscription?: Record<string, unknown>;
  GatewayPermission?: Record<string, unknown>;
  InvoiceDebit?: Record<string, unknown>;
  InvoiceCredit?: Record<string, unknown>;
}

export interface Notification extends NotificationBlocks {
  Id: string;
  IdBusiness: number;
  IdSegment: number;
  ReferenceSegment: string;
  DateTrigger: string;
  TypeTrigger: string;
  Customer: NotificationCustomer;
}

/** One request the API Live or the Backoffice received. The Authorization header is left out. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}

export type DeliveryKind = 'notification' | 'verification' | 'raw';

/** One HTTP POST the sandbox made to a receiver (every attempt of every delivery). */
export interface LoggedDelivery {
  /** Same for every attempt and copy of one delivery. */
  delivery: number;
  kind: DeliveryKind;
  webhookId: number | null;
  url: string;
  body: unknown;
  headers: Record<string, string>;
  attempt: number;
  /** The receiver's status, or `null` when the connection failed. */
  status: number | null;
  error: string | null;
  forged: boolean;
  /** When this attempt failed and another follows: the backoff before it. */
  retryInMs: number | null;
}

/**
 * A fault injected into the next matching API requests. Without `status`, `json` or `rawBody`
 * the request is only delayed by `latencyMs`, then answered normally.
 */
export interface FaultRule {
  method?: string;
  /** A case-insensitive path prefix such as `/v1/CustomerAddressBilling`, or a RegExp. */
  path?: string | RegExp;
  /** A regular expression source matched against the path (for rules sent as JSON). */
  pathRegex?: string;
  /** How many matching requests it affects: default 1; `Infinity` or a negative number = until cleared. */
  times?: number;
  status?: number;
  /** Sent as the `Retry-After` header. */
  retryAfter?: number | string;
  latencyMs?: number;
  /** A body sent as is, with a text/html content type (a proxy's error page...). */
  rawBody?: string;
  /** A JSON body sent instead of the real answer (for example one that breaks the schema). */
  json?: unknown;
  headers?: Record<string, string>;
}
