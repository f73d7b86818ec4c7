import { textOrNull } from './textOrNull.js';

/*
 * The billing blocks as records: subscriptions, offers, invoices and credit notes, payment
 * methods. One mapper per block, shared by the searches, the creates and the instant triggers,
 * which read the same blocks from webhook notifications (fewer fields, no currency, no links):
 * every field of a block is in every record, `null` when the source lacks it, so a Zap maps the
 * same fields whichever step or event produced them. Values are read defensively, as
 * notifications are never schema-checked: a value of the wrong kind is `null`, never an error.
 */

/** How a field is read: amounts are integers in the currency's minor unit (cents), as given. */
export type FieldKind = 'text' | 'integer' | 'amount' | 'boolean' | 'date';
type FieldSpec = Readonly<Record<string, FieldKind>>;

/** The fields of a Subscription block, in record order. */
export const SUBSCRIPTION_FIELDS = {
  Id: 'integer',
  IdCustomer: 'integer',
  IdOffer: 'integer',
  IdSegment: 'integer',
  ReferenceCustomer: 'text',
  ReferenceCustomerBuyer: 'text',
  ReferenceOffer: 'text',
  ReferenceSegment: 'text',
  TitleLocalized: 'text',
  Status: 'text',
  StateSubscription: 'text',
  Currency: 'text',
  DateStart: 'date',
  DatePeriodStart: 'date',
  DatePeriodEnd: 'date',
  DateTerm: 'date',
  DateEnd: 'date',
  DateNextBilling: 'date',
  IsTrial: 'boolean',
  AmountUpFront: 'amount',
  AmountRecurrence: 'amount',
  DurationRecurrence: 'integer',
  UnitRecurrence: 'text',
  DateUpdate: 'date',
} as const satisfies FieldSpec;

/** The fields of an Offer block, in record order. */
export const OFFER_FIELDS = {
  Id: 'integer',
  IdSegment: 'integer',
  ReferenceOffer: 'text',
  ReferenceSegment: 'text',
  Name: 'text',
  TitleLocalized: 'text',
  StateLife: 'text',
  IsVisible: 'boolean',
  IsPriced: 'boolean',
  Currency: 'text',
  AmountUpFront: 'amount',
  DurationTrial: 'integer',
  UnitTrial: 'text',
  AmountRecurrence: 'amount',
  DurationRecurrence: 'integer',
  UnitRecurrence: 'text',
  AmountTermination: 'amount',
} as const satisfies FieldSpec;

/**
 * The fields of an InvoiceDebit or InvoiceCredit block, in record order. A credit note has
 * `TypeCredit` and `Reason`; on a debit invoice both are `null` (ProAbono leaves them out).
 */
export const INVOICE_FIELDS = {
  Id: 'integer',
  IdCustomer: 'integer',
  IdSegment: 'integer',
  ReferenceCustomer: 'text',
  ReferenceSegment: 'text',
  FullNumber: 'text',
  Status: 'text',
  StateInvoice: 'text',
  TypeCredit: 'text',
  Reason: 'text',
  TypePayment: 'text',
  Currency: 'text',
  AmountSubtotal: 'amount',
  AmountTotal: 'amount',
  DateIssue: 'date',
  DatePayment: 'date',
  DatePaymentScheduled: 'date',
  DatePaymentLimit: 'date',
  DateUpdate: 'date',
  NoteLocalized: 'text',
} as const satisfies FieldSpec;

/** The fields of a GatewayPermission block (a saved card or direct-debit mandate). */
export const GATEWAY_PERMISSION_FIELDS = {
  Id: 'integer',
  StatePermission: 'text',
  TypePayment: 'text',
  TypeGateway: 'text',
  NameDisplay: 'text',
  Country: 'text',
  DateExpiration: 'date',
} as const satisfies FieldSpec;

type ValueOf<K extends FieldKind> = K extends 'integer' | 'amount'
  ? number | null
  : K extends 'boolean'
    ? boolean | null
    : string | null;

/** The suffix of the text beside each amount: `AmountTotalDecimal: "69.66"`. */
export const DECIMAL_SUFFIX = 'Decimal';

type AmountKeys<S extends FieldSpec> = {
  [F in keyof S]: S[F] extends 'amount' ? F : never;
}[keyof S] &
  string;

/** A record of a block: each field of the spec, and a decimal text beside each amount. */
type BlockFields<S extends FieldSpec> = { [F in keyof S]: ValueOf<S[F]> } & {
  [F in AmountKeys<S> as `${F}${typeof DECIMAL_SUFFIX}`]: string | null;
};

export type SubscriptionFields = BlockFields<typeof SUBSCRIPTION_FIELDS>;
export type OfferFields = BlockFields<typeof OFFER_FIELDS>;
export type InvoiceFields = BlockFields<typeof INVOICE_FIELDS> & { PdfUrl: string | null };
export type GatewayPermissionFields = BlockFields<typeof GATEWAY_PERMISSION_FIELDS>;

/** A block as any source gives it: an API answer or a notification's block. */
export type Block = Readonly<Record<string, unknown>> | null | undefined;

const integerOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

const booleanOrNull = (value: unknown): boolean | null =>
  typeof value === 'boolean' ? value : null;

const READERS: Record<FieldKind, (value: unknown) => unknown> = {
  text: textOrNull,
  date: textOrNull,
  integer: integerOrNull,
  amount: integerOrNull,
  boolean: booleanOrNull,
};

/**
 * The digits after the decimal point in a currency (2 for EUR, 0 for JPY, 3 for KWD), from the
 * runtime's ISO 4217 data; `undefined` for a value that is no currency code.
 */
const minorUnitDigits = (currency: unknown): number | undefined => {
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) return undefined;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return undefined;
  }
};

/**
 * An amount in minor units as text in the currency's units, computed on the digits (no floating
 * point): 6966 EUR is `"69.66"`, -50 EUR `"-0.50"`, 500 JPY `"500"`. `null` without an amount or a
 * known currency.
 */
export const decimalAmount = (minorUnits: number | null, currency: unknown): string | null => {
  const digits = minorUnitDigits(currency);
  if (minorUnits === null || digits === undefined) return null;
  const sign = minorUnits < 0 ? '-' : '';
  const text = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  return digits === 0
    ? `${sign}${text}`
    : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

/** Options of the mappers: the currency of the amounts, when the block does not carry it. */
interface CurrencyOption {
  currency?: string | null;
}

/**
 * Every field of the spec read from the block, in order, each amount followed by its decimal
 * text in the block's own `Currency` unless the caller knows the currency better, as a trigger
 * does for a notification block, which has none.
 */
const blockFields = <S extends FieldSpec>(
  spec: S,
  block: Block,
  options: CurrencyOption = {},
): BlockFields<S> => {
  const currency = options.currency ?? block?.Currency;
  const record: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(spec)) {
    const value = READERS[kind](block?.[key]);
    record[key] = value;
    if (kind === 'amount') {
      record[`${key}${DECIMAL_SUFFIX}`] = decimalAmount(value as number | null, currency);
    }
  }
  return record as BlockFields<S>;
};

export const subscriptionFields = (
  subscription: Block,
  options: CurrencyOption = {},
): SubscriptionFields => blockFields(SUBSCRIPTION_FIELDS, subscription, options);

export const offerFields = (offer: Block, options: CurrencyOption = {}): OfferFields =>
  blockFields(OFFER_FIELDS, offer, options);

export const gatewayPermissionFields = (permission: Block): GatewayPermissionFields =>
  blockFields(GATEWAY_PERMISSION_FIELDS, permission);

/**
 * The invoice PDF's address: the `insite-related-invoice` link, or `related-invoice`, the
 * spelling a live account was seen answering (ProAbono's contract notes both).
 */
export const pdfUrl = (links: unknown): string | null => {
  const list = Array.isArray(links) ? (links as unknown[]) : [];
  const hrefOf = (rel: string): string | null => {
    const link = list.find(
      (candidate): candidate is Record<string, unknown> =>
        typeof candidate === 'object' &&
        candidate !== null &&
        (candidate as Record<string, unknown>).rel === rel,
    );
    return textOrNull(link?.href);
  };
  return hrefOf('insite-related-invoice') ?? hrefOf('related-invoice');
};

/** A debit invoice or a credit note, with its PDF link (`null` in a notification's block). */
export const invoiceFields = (invoice: Block, options: CurrencyOption = {}): InvoiceFields => ({
  ...blockFields(INVOICE_FIELDS, invoice, options),
  PdfUrl: pdfUrl(invoice?.Links),
});

/** The statuses of a subscription that is over: it no longer bills nor gives access. */
const OVER = new Set(['ended', 'deleted']);

/**
 * Whether a subscription still counts as the customer's: a draft (not started yet, or waiting for
 * its start date), an active one (a termination at the end of the term included) or a suspended
 * one. An ended or deleted one does not. Read from `Status`, else from `StateSubscription`
 * (`EndedTerminated`…); one that gives neither counts, rather than risk a second subscription.
 */
export const isRunningSubscription = (subscription: Block): boolean => {
  const status = textOrNull(subscription?.Status)?.trim().toLowerCase();
  if (status !== undefined) return !OVER.has(status);
  const state = textOrNull(subscription?.StateSubscription)?.trim().toLowerCase();
  return state === undefined || ![...OVER].some((over) => state.startsWith(over));
};

/** A subscription record: ProAbono's number for it is the record's `id`. */
export type SubscriptionRecord = { id: number } & SubscriptionFields;

export const toSubscriptionRecord = (subscription: { Id: number } & Block): SubscriptionRecord => ({
  id: subscription.Id,
  ...subscriptionFields(subscription),
});

/** Create Subscription's record, which says whether this step created it. */
export type CreatedSubscriptionRecord = SubscriptionRecord & {
  /** `false` when Skip If Already Subscribed returned the customer's running subscription. */
  created: boolean;
};

/** An invoice record: ProAbono's number for it is the record's `id`. */
export type InvoiceRecord = { id: number } & InvoiceFields;

export const toInvoiceRecord = (invoice: { Id: number } & Block): InvoiceRecord => ({
  id: invoice.Id,
  ...invoiceFields(invoice),
});

/** An entry of the offer dropdown: its value is the offer's reference. */
export type OfferChoice = { id: string; label: string } & OfferFields;

/** What a choice's label says of one offer before its reference: its name, and its segment. */
const offerTitle = (offer: Block, fields: OfferFields, withSegment: boolean): string => {
  const segmentBlock = offer?.Segment as Block;
  const segment = withSegment
    ? (textOrNull(segmentBlock?.Name) ??
      textOrNull(segmentBlock?.ReferenceSegment) ??
      fields.ReferenceSegment)
    : null;
  const name = (fields.Name ?? fields.TitleLocalized)?.trim();
  return [name === fields.ReferenceOffer?.trim() ? undefined : name, segment?.trim()]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
};

/**
 * The dropdown entries of a page of offers: `Starter (monthly) · starter-monthly`, with the
 * segment when offers of several segments are listed together (`Starter · Sandbox USD ·
 * starter-monthly`). An offer that cannot be subscribed to through the API is left out: no
 * reference, or retired (`StateLife` other than `Ok`). A reference several segments share is one
 * entry (Zapier refuses two with one value, and the customer's segment picks the offer), its
 * label naming each: `Starter · Sandbox EUR / Starter · Sandbox USD · starter-monthly`.
 */
export const toOfferChoices = (
  offers: readonly Block[],
  { withSegment }: { withSegment: boolean },
): OfferChoice[] => {
  const byReference = new Map<string, { fields: OfferFields; titles: string[] }>();
  for (const offer of offers) {
    const fields = offerFields(offer);
    const reference = fields.ReferenceOffer?.trim();
    if (!reference || (fields.StateLife !== null && fields.StateLife !== 'Ok')) continue;
    const entry = byReference.get(reference) ?? { fields, titles: [] };
    const title = offerTitle(offer, fields, withSegment);
    if (title !== '' && !entry.titles.includes(title)) entry.titles.push(title);
    byReference.set(reference, entry);
  }
  return [...byReference].map(([reference, { fields, titles }]) => ({
    id: reference,
    label: [...(titles.length > 0 ? [titles.join(' / ')] : []), reference].join(' · '),
    ...fields,
  }));
};
