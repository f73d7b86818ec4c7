import type { SandboxCore } from './core.js';
import { isObject, noContent, property, reply } from './http.js';
import type { Query, Reply } from './http.js';
import { pageReply, readPaging } from './paging.js';
import { route } from './routes.js';
import type { Route, RouteRequest } from './routes.js';
import type { SandboxState } from './state.js';
import type {
  Notification,
  NotificationBlocks,
  NotificationCustomer,
  Segment,
  StoredCustomer,
} from './types.js';

/*
 * What ProAbono bills: offers per segment, subscriptions, the pending balance, invoices and credit
 * notes, and each customer's payment settings, with the API Live endpoints that read and change
 * them, the Backoffice offer list, and the notification blocks each event family carries. Kept
 * apart from the customers (state.ts): a customer's billing is found by its Id, so two customers
 * sharing a reference in two segments never share a subscription.
 *
 * Undocumented behaviour, as assumed here: an endpoint that takes `ReferenceSegment` acts on the
 * default segment without it (ProAbono's MCP server says so of every such endpoint); billing an
 * empty balance answers 204 with nothing created; `GET /v1/Subscription` answers the customer's
 * newest subscription that has not ended, else its newest; starting a subscription puts its
 * first period (upfront fee and first recurrence) in the balance, billed now with `BillNow`; a
 * customer without payment settings cannot be billed (403 `Error.Customer.PaymentSettings.Missing`,
 * whatever `ForceOffline` says). Error codes other than the documented ones are the sandbox's own.
 */

export type TimeUnit = 'Day' | 'Week' | 'Month' | 'Year';
export type TypePayment =
  'Card' | 'DirectDebit' | 'ExternalCheck' | 'ExternalCash' | 'ExternalBank' | 'ExternalOther';

export interface StoredOffer {
  Id: number;
  IdSegment: number;
  ReferenceSegment: string;
  Currency: string;
  ReferenceOffer: string;
  Name: string;
  TitleLocalized: string;
  PricingLocalized: string;
  IsVisible: boolean;
  IsPriced: boolean;
  StateLife: 'Ok' | 'DisabledUser' | 'Deleted';
  AmountUpFront: number;
  AmountRecurrence: number;
  DurationRecurrence: number;
  UnitRecurrence: TimeUnit;
  DateCreation: string;
}

export interface StoredSubscription {
  Id: number;
  IdSegment: number;
  IdOffer: number;
  IdCustomer: number;
  IdCustomerBuyer: number;
  ReferenceSegment: string;
  ReferenceOffer: string;
  ReferenceCustomer: string;
  ReferenceCustomerBuyer: string;
  Status: 'Draft' | 'Active' | 'Suspended' | 'Ended' | 'Deleted';
  StateSubscription: string;
  Currency: string;
  TitleLocalized: string;
  DateStart: string | null;
  DatePeriodStart: string | null;
  DatePeriodEnd: string | null;
  DateTerm: string | null;
  DateEnd: string | null;
  DateNextBilling: string | null;
  AmountUpFront: number;
  AmountRecurrence: number;
  DurationRecurrence: number;
  UnitRecurrence: TimeUnit;
  DateUpdate: string;
}

export interface StoredInvoice {
  Id: number;
  IdSegment: number;
  IdCustomer: number;
  ReferenceSegment: string;
  ReferenceCustomer: string;
  FullNumber: string;
  Status: 'Draft' | 'Due' | 'Paid' | 'Problem' | 'Void' | 'Uncollectible';
  StateInvoice: string;
  /** Set on a credit note only: its absence makes a debit invoice. */
  TypeCredit: 'Refund' | 'Voiding' | null;
  Reason: string | null;
  DateIssue: string;
  DateUpdate: string;
  DatePayment: string | null;
  DatePaymentScheduled: string | null;
  DatePaymentLimit: string | null;
  TypePayment: TypePayment;
  AmountSubtotal: number;
  AmountTotal: number;
  Currency: string;
  NoteLocalized: string | null;
}

/** A line of a customer's pending balance; billing turns the lines into an invoice. */
export interface BalanceLine {
  IdCustomer: number;
  ReferenceCustomer: string;
  LabelLocalized: string;
  /** Before tax, in cents. */
  AmountSubtotal: number;
  Quantity: number;
  DateMove: string;
}

export interface GatewayPermission {
  Id: number;
  StatePermission: string;
  TypePayment: TypePayment;
  TypeGateway: string;
  NameDisplay: string;
  Country: string;
  DateExpiration: string;
}

export interface PaymentSettings {
  TypePayment: TypePayment;
  /** The saved card or mandate of an automatic payment method; `null` for offline ones. */
  GatewayPermission: GatewayPermission | null;
}

export interface BalanceLineSeed {
  LabelLocalized: string;
  AmountSubtotal: number;
  Quantity?: number;
  DateMove?: string;
}

/** The sandbox's controls over billing, for tests and the admin interface. */
export interface BillingControls {
  offers(): StoredOffer[];
  /** Every subscription, or those of the customer with this reference, oldest first. */
  subscriptions(reference?: string): StoredSubscription[];
  /** Every invoice and credit note, or those of one customer, oldest first. */
  invoices(reference?: string): StoredInvoice[];
  balance(reference: string): BalanceLine[];
  paymentSettings(reference: string): PaymentSettings | null;
  /** Adds a line to the customer's pending balance (no notification). */
  addBalanceLine(reference: string, line: BalanceLineSeed): BalanceLine;
  /** Gives the customer payment settings of this type (`null` removes them). */
  setPaymentSettings(reference: string, type: TypePayment | null): PaymentSettings | null;
  /** Marks a due invoice paid; records and delivers `InvoiceDebitPaid`. */
  payInvoice(id: number): Notification;
  /** Issues a credit note for an invoice; records and delivers `InvoiceCreditIssued`. */
  creditInvoice(id: number, reason: string): Notification;
}

const AUTOMATIC: ReadonlySet<TypePayment> = new Set(['Card', 'DirectDebit']);
const TYPE_PAYMENTS: readonly TypePayment[] = [
  'Card',
  'DirectDebit',
  'ExternalCheck',
  'ExternalCash',
  'ExternalBank',
  'ExternalOther',
];
/** VAT the sandbox adds per currency: the euro segment sells with 20 %, the dollar one without. */
const TAX_RATES: Record<string, number> = { EUR: 0.2 };
const PAYMENT_DAYS_OFFLINE = 30;
const FIRST_SUBSCRIPTION_ID = 140960;
const FIRST_INVOICE_ID = 3736352;
const FIRST_PERMISSION_ID = 91001;
const DAY_MS = 86_400_000;

export const addPeriod = (iso: string, duration: number, unit: TimeUnit): string => {
  const date = new Date(iso);
  if (unit === 'Day') date.setUTCDate(date.getUTCDate() + duration);
  else if (unit === 'Week') date.setUTCDate(date.getUTCDate() + 7 * duration);
  else if (unit === 'Month') date.setUTCMonth(date.getUTCMonth() + duration);
  else date.setUTCFullYear(date.getUTCFullYear() + duration);
  return date.toISOString();
};

const later = (iso: string, days: number): string =>
  new Date(Date.parse(iso) + days * DAY_MS).toISOString();

// ── seed ──────────────────────────────────────────────────────────────────────

type OfferSeed = Omit<StoredOffer, 'IdSegment' | 'Currency'>;

/** A monthly and a yearly plan per segment, one hidden and one retired; `starter-monthly` in both. */
const SEED_OFFERS: readonly OfferSeed[] = [
  {
    Id: 64400,
    ReferenceSegment: 'sandbox-eur',
    ReferenceOffer: 'starter-monthly',
    Name: 'Starter (monthly)',
    TitleLocalized: 'Starter',
    PricingLocalized: '€19.00/month',
    IsVisible: true,
    IsPriced: true,
    StateLife: 'Ok',
    AmountUpFront: 0,
    AmountRecurrence: 1900,
    DurationRecurrence: 1,
    UnitRecurrence: 'Month',
    DateCreation: '2026-01-12T09:00:00.000Z',
  },
  {
    Id: 64401,
    ReferenceSegment: 'sandbox-eur',
    ReferenceOffer: 'pro-yearly',
    Name: 'Pro (yearly)',
    TitleLocalized: 'Pro',
    PricingLocalized: '€490.00 upfront, then €190.00/year',
    IsVisible: true,
    IsPriced: true,
    StateLife: 'Ok',
    AmountUpFront: 49000,
    AmountRecurrence: 19000,
    DurationRecurrence: 1,
    UnitRecurrence: 'Year',
    DateCreation: '2026-01-12T09:05:00.000Z',
  },
  {
    Id: 64402,
    ReferenceSegment: 'sandbox-eur',
    ReferenceOffer: 'partner-monthly',
    Name: 'Partner (monthly, unlisted)',
    TitleLocalized: 'Partner',
    PricingLocalized: '€9.90/month',
    IsVisible: false,
    IsPriced: true,
    StateLife: 'Ok',
    AmountUpFront: 0,
    AmountRecurrence: 990,
    DurationRecurrence: 1,
    UnitRecurrence: 'Month',
    DateCreation: '2026-02-02T10:00:00.000Z',
  },
  {
    Id: 64403,
    ReferenceSegment: 'sandbox-eur',
    ReferenceOffer: 'legacy-monthly',
    Name: 'Legacy (monthly, retired)',
    TitleLocalized: 'Legacy',
    PricingLocalized: '€12.00/month',
    IsVisible: false,
    IsPriced: true,
    StateLife: 'DisabledUser',
    AmountUpFront: 0,
    AmountRecurrence: 1200,
    DurationRecurrence: 1,
    UnitRecurrence: 'Month',
    DateCreation: '2025-03-01T10:00:00.000Z',
  },
  {
    Id: 64410,
    ReferenceSegment: 'sandbox-usd',
    ReferenceOffer: 'starter-monthly',
    Name: 'Starter (monthly, USD)',
    TitleLocalized: 'Starter',
    PricingLocalized: '$21.00/month',
    IsVisible: true,
    IsPriced: true,
    StateLife: 'Ok',
    AmountUpFront: 0,
    AmountRecurrence: 2100,
    DurationRecurrence: 1,
    UnitRecurrence: 'Month',
    DateCreation: '2026-01-12T09:10:00.000Z',
  },
  {
    Id: 64411,
    ReferenceSegment: 'sandbox-usd',
    ReferenceOffer: 'pro-yearly',
    Name: 'Pro (yearly, USD)',
    TitleLocalized: 'Pro',
    PricingLocalized: '$210.00/year',
    IsVisible: true,
    IsPriced: true,
    StateLife: 'Ok',
    AmountUpFront: 0,
    AmountRecurrence: 21000,
    DurationRecurrence: 1,
    UnitRecurrence: 'Year',
    DateCreation: '2026-01-12T09:15:00.000Z',
  },
];

/** Payment settings by customer; `cust-fr-006` has none, so it cannot be billed. */
const SEED_PAYMENT: Record<string, TypePayment> = {
  'cust-fr-001': 'Card',
  'cust-de-002': 'DirectDebit',
  'cust-es-003': 'ExternalBank',
  'cust-gb-004': 'Card',
  'cust-us-005': 'Card',
};

/** A running subscription each for Camille (euro) and Emily (dollar); Oliver's has ended. */
const SEED_SUBSCRIPTIONS = [
  {
    reference: 'cust-fr-001',
    offer: 'starter-monthly',
    Status: 'Active',
    StateSubscription: 'ActiveRunning',
    DateStart: '2026-06-18T14:05:00.000Z',
    DatePeriodStart: '2026-11-18T14:05:00.000Z',
    DateEnd: null,
  },
  {
    reference: 'cust-us-005',
    offer: 'pro-yearly',
    Status: 'Active',
    StateSubscription: 'ActiveRunning',
    DateStart: '2026-06-01T16:00:00.000Z',
    DatePeriodStart: '2026-06-01T16:00:00.000Z',
    DateEnd: null,
  },
  {
    reference: 'cust-gb-004',
    offer: 'starter-monthly',
    Status: 'Ended',
    StateSubscription: 'EndedTerminated',
    DateStart: '2026-05-06T11:40:00.000Z',
    DatePeriodStart: '2026-08-06T11:40:00.000Z',
    DateEnd: '2026-09-06T11:40:00.000Z',
  },
] as const;

/** One paid invoice each for the two running subscriptions. */
const SEED_INVOICES = [
  {
    reference: 'cust-fr-001',
    AmountSubtotal: 1900,
    DateIssue: '2026-11-18T14:05:12.000Z',
    DatePayment: '2026-11-18T14:06:40.000Z',
  },
  {
    reference: 'cust-us-005',
    AmountSubtotal: 21000,
    DateIssue: '2026-06-01T16:00:09.000Z',
    DatePayment: '2026-06-01T16:01:02.000Z',
  },
] as const;

/** Jonas has work to bill: two lines of November. */
const SEED_BALANCE: { reference: string; line: Required<BalanceLineSeed> }[] = [
  {
    reference: 'cust-de-002',
    line: {
      LabelLocalized: 'Onboarding workshop',
      AmountSubtotal: 45000,
      Quantity: 1,
      DateMove: '2026-11-05T09:30:00.000Z',
    },
  },
  {
    reference: 'cust-de-002',
    line: {
      LabelLocalized: 'Extra seats (November)',
      AmountSubtotal: 4800,
      Quantity: 6,
      DateMove: '2026-11-15T12:00:00.000Z',
    },
  },
];

const GATEWAYS: Record<'Card' | 'DirectDebit', { TypeGateway: string; NameDisplay: string }> = {
  Card: { TypeGateway: 'Stripe', NameDisplay: 'Visa •••• 4242' },
  DirectDebit: { TypeGateway: 'GoCardless', NameDisplay: 'SEPA Direct Debit •••• 3000' },
};

// ── notification blocks (ProAbono's webhook guide) ─────────────────────────────

export const customerBlock = (customer: StoredCustomer): NotificationCustomer => ({
  Id: customer.Id,
  ReferenceCustomer: customer.ReferenceCustomer,
  Name: customer.Name,
  Email: customer.Email,
  Language: customer.Language,
  Status: customer.Status,
});

export const offerBlock = (offer: StoredOffer) => ({
  Id: offer.Id,
  IdSegment: offer.IdSegment,
  ReferenceOffer: offer.ReferenceOffer,
  StateLife: offer.StateLife,
  IsVisible: offer.IsVisible,
  IsPriced: offer.IsPriced,
  Name: offer.Name,
  AmountRecurrence: offer.AmountRecurrence,
  DurationRecurrence: offer.DurationRecurrence,
  UnitRecurrence: offer.UnitRecurrence,
});

export const subscriptionBlock = (subscription: StoredSubscription) => ({
  Id: subscription.Id,
  Status: subscription.Status,
  StateSubscription: subscription.StateSubscription,
  DateStart: subscription.DateStart,
  AmountRecurrence: subscription.AmountRecurrence,
  DurationRecurrence: subscription.DurationRecurrence,
  UnitRecurrence: subscription.UnitRecurrence,
});

export const invoiceBlock = (invoice: StoredInvoice) => ({
  Id: invoice.Id,
  FullNumber: invoice.FullNumber,
  Status: invoice.Status,
  StateInvoice: invoice.StateInvoice,
  DateIssue: invoice.DateIssue,
  DatePayment: invoice.DatePayment,
  TypePayment: invoice.TypePayment,
  AmountSubtotal: invoice.AmountSubtotal,
  AmountTotal: invoice.AmountTotal,
  ...(invoice.TypeCredit === null
    ? {}
    : { TypeCredit: invoice.TypeCredit, Reason: invoice.Reason }),
});

export const gatewayPermissionBlock = (permission: GatewayPermission) => ({ ...permission });

/** Charging events that name the permission charged; `…AutoFailedNoPermission` has none. */
const CHARGING_WITH_PERMISSION = new Set([
  'CustomerChargingSucceeded',
  'CustomerChargingPending',
  'CustomerChargingFailed',
  'CustomerChargingAutoFailedNoRetry',
]);

// ── state ─────────────────────────────────────────────────────────────────────

export class BillingState {
  private offerList: StoredOffer[] = [];
  private subscriptionList: StoredSubscription[] = [];
  private invoiceList: StoredInvoice[] = [];
  private balanceLines: BalanceLine[] = [];
  /** By customer Id. */
  private payment = new Map<number, PaymentSettings>();
  private nextSubscriptionId = FIRST_SUBSCRIPTION_ID;
  private nextInvoiceId = FIRST_INVOICE_ID;
  private nextPermissionId = FIRST_PERMISSION_ID;
  /** The last invoice number of each segment (by IdSegment). */
  private numbers = new Map<number, number>();

  constructor(private readonly state: SandboxState) {}

  /** Empties everything; with `seed`, the seed customers' offers, subscriptions and invoices. */
  reset(seed: boolean): void {
    this.offerList = [];
    this.subscriptionList = [];
    this.invoiceList = [];
    this.balanceLines = [];
    this.payment.clear();
    this.nextSubscriptionId = FIRST_SUBSCRIPTION_ID;
    this.nextInvoiceId = FIRST_INVOICE_ID;
    this.nextPermissionId = FIRST_PERMISSION_ID;
    this.numbers.clear();
    this.offerList = SEED_OFFERS.map((offer) => {
      const segment = this.segment(offer.ReferenceSegment);
      return { ...offer, IdSegment: segment.Id, Currency: segment.Currency };
    });
    if (!seed) return;
    for (const [reference, type] of Object.entries(SEED_PAYMENT)) {
      this.setPaymentSettings(this.customer(reference), type);
    }
    for (const seeded of SEED_SUBSCRIPTIONS) {
      const customer = this.customer(seeded.reference);
      const offer = this.offerFor(customer, seeded.offer) as StoredOffer;
      const subscription = this.newSubscription(customer, offer, seeded.DateStart);
      const periodEnd = addPeriod(
        seeded.DatePeriodStart,
        offer.DurationRecurrence,
        offer.UnitRecurrence,
      );
      const running = seeded.DateEnd === null;
      Object.assign(subscription, {
        Status: seeded.Status,
        StateSubscription: seeded.StateSubscription,
        DatePeriodStart: seeded.DatePeriodStart,
        DatePeriodEnd: periodEnd,
        DateTerm: running ? periodEnd : seeded.DateEnd,
        DateEnd: seeded.DateEnd,
        DateNextBilling: running ? periodEnd : null,
        DateUpdate: seeded.DateEnd ?? seeded.DatePeriodStart,
      });
    }
    for (const seeded of SEED_INVOICES) {
      const customer = this.customer(seeded.reference);
      const invoice = this.issue(customer, seeded.AmountSubtotal, {
        at: seeded.DateIssue,
        forceOffline: false,
        note: null,
      });
      Object.assign(invoice, {
        Status: 'Paid',
        StateInvoice: 'Paid',
        DatePayment: seeded.DatePayment,
        DatePaymentScheduled: null,
        DateUpdate: seeded.DatePayment,
      });
    }
    for (const { reference, line } of SEED_BALANCE) {
      this.addBalanceLine(this.customer(reference), line);
    }
  }

  private segment(reference: string): Segment {
    const segment = this.state.segment(reference);
    if (!segment) throw new Error(`The sandbox has no segment "${reference}"`);
    return segment;
  }

  /** The customer with this reference (the oldest when several segments hold one). */
  customer(reference: string): StoredCustomer {
    const customer = this.state.customer(reference);
    if (!customer) throw new Error(`The sandbox has no customer with reference "${reference}"`);
    return customer;
  }

  private customerById(id: number): StoredCustomer | undefined {
    return this.state.allCustomers().find((customer) => customer.Id === id);
  }

  // ── offers ──

  offers(): StoredOffer[] {
    return [...this.offerList];
  }

  offer(id: number): StoredOffer | undefined {
    return this.offerList.find((offer) => offer.Id === id);
  }

  /** The live offer with this reference in the customer's segment. */
  offerFor(customer: StoredCustomer, reference: string): StoredOffer | undefined {
    return this.offerList.find(
      (offer) =>
        offer.IdSegment === customer.IdSegment &&
        offer.ReferenceOffer === reference &&
        offer.StateLife === 'Ok',
    );
  }

  // ── payment settings ──

  paymentSettings(customer: StoredCustomer): PaymentSettings | null {
    return this.payment.get(customer.Id) ?? null;
  }

  setPaymentSettings(customer: StoredCustomer, type: TypePayment | null): PaymentSettings | null {
    if (type === null) {
      this.payment.delete(customer.Id);
      return null;
    }
    const gateway = type === 'Card' || type === 'DirectDebit' ? GATEWAYS[type] : undefined;
    const settings: PaymentSettings = {
      TypePayment: type,
      GatewayPermission: gateway
        ? {
            Id: this.nextPermissionId++,
            StatePermission: 'Valid',
            TypePayment: type,
            ...gateway,
            Country: customer.address.Country ?? 'FR',
            DateExpiration: '2028-09-30T23:59:59.000Z',
          }
        : null,
    };
    this.payment.set(customer.Id, settings);
    return settings;
  }

  // ── subscriptions ──

  subscriptions(customer?: StoredCustomer): StoredSubscription[] {
    return this.subscriptionList.filter(
      (subscription) => customer === undefined || subscription.IdCustomer === customer.Id,
    );
  }

  private newSubscription(
    customer: StoredCustomer,
    offer: StoredOffer,
    dateStart: string | null,
  ): StoredSubscription {
    const subscription: StoredSubscription = {
      Id: this.nextSubscriptionId++,
      IdSegment: customer.IdSegment,
      IdOffer: offer.Id,
      IdCustomer: customer.Id,
      IdCustomerBuyer: customer.Id,
      ReferenceSegment: customer.ReferenceSegment,
      ReferenceOffer: offer.ReferenceOffer,
      ReferenceCustomer: customer.ReferenceCustomer,
      ReferenceCustomerBuyer: customer.ReferenceCustomer,
      Status: 'Draft',
      StateSubscription: 'DraftAgent',
      Currency: customer.Currency,
      TitleLocalized: offer.TitleLocalized,
      DateStart: dateStart,
      DatePeriodStart: null,
      DatePeriodEnd: null,
      DateTerm: null,
      DateEnd: null,
      DateNextBilling: null,
      AmountUpFront: offer.AmountUpFront,
      AmountRecurrence: offer.AmountRecurrence,
      DurationRecurrence: offer.DurationRecurrence,
      UnitRecurrence: offer.UnitRecurrence,
      DateUpdate: this.state.timestamp(),
    };
    this.subscriptionList.push(subscription);
    return subscription;
  }

  /**
   * A subscription to the offer, a draft unless `tryStart`: then it starts at `dateStart` (now
   * when absent), or waits for a start date in the future, and its first period goes to the
   * balance.
   */
  createSubscription(
    customer: StoredCustomer,
    offer: StoredOffer,
    { dateStart, tryStart }: { dateStart: string | null; tryStart: boolean },
  ): StoredSubscription {
    const now = this.state.timestamp();
    const subscription = this.newSubscription(customer, offer, dateStart);
    if (!tryStart) return subscription;
    const start = dateStart ?? now;
    if (Date.parse(start) > Date.parse(now)) {
      subscription.StateSubscription = 'DraftDelayedStart';
      return subscription;
    }
    const periodEnd = addPeriod(start, offer.DurationRecurrence, offer.UnitRecurrence);
    Object.assign(subscription, {
      Status: 'Active',
      StateSubscription: 'ActiveRunning',
      DateStart: start,
      DatePeriodStart: start,
      DatePeriodEnd: periodEnd,
      DateTerm: periodEnd,
      DateNextBilling: periodEnd,
    });
    this.addBalanceLine(customer, {
      LabelLocalized: `${offer.TitleLocalized}: first period`,
      AmountSubtotal: offer.AmountUpFront + offer.AmountRecurrence,
      DateMove: now,
    });
    return subscription;
  }

  // ── balance and invoices ──

  balance(customer: StoredCustomer): BalanceLine[] {
    return this.balanceLines.filter((line) => line.IdCustomer === customer.Id);
  }

  addBalanceLine(customer: StoredCustomer, line: BalanceLineSeed): BalanceLine {
    const added: BalanceLine = {
      IdCustomer: customer.Id,
      ReferenceCustomer: customer.ReferenceCustomer,
      LabelLocalized: line.LabelLocalized,
      AmountSubtotal: line.AmountSubtotal,
      Quantity: line.Quantity ?? 1,
      DateMove: line.DateMove ?? this.state.timestamp(),
    };
    this.balanceLines.push(added);
    return added;
  }

  invoices(customer?: StoredCustomer): StoredInvoice[] {
    return this.invoiceList.filter(
      (invoice) => customer === undefined || invoice.IdCustomer === customer.Id,
    );
  }

  invoice(id: number): StoredInvoice | undefined {
    return this.invoiceList.find((invoice) => invoice.Id === id);
  }

  /** The invoice or credit note with this number in one segment. */
  invoiceByNumber(fullNumber: string, segment: Segment): StoredInvoice | undefined {
    return this.invoiceList.find(
      (invoice) => invoice.FullNumber === fullNumber && invoice.IdSegment === segment.Id,
    );
  }

  private nextNumber(customer: StoredCustomer, prefix: string): string {
    const next = (this.numbers.get(customer.IdSegment) ?? 0) + 1;
    this.numbers.set(customer.IdSegment, next);
    return `${prefix}-${customer.IdSegment}.${String(next).padStart(8, '0')}`;
  }

  private issue(
    customer: StoredCustomer,
    subtotal: number,
    { at, forceOffline, note }: { at: string; forceOffline: boolean; note: string | null },
  ): StoredInvoice {
    const settings = this.paymentSettings(customer);
    const automatic = !forceOffline && settings !== null && AUTOMATIC.has(settings.TypePayment);
    const invoice: StoredInvoice = {
      Id: this.nextInvoiceId++,
      IdSegment: customer.IdSegment,
      IdCustomer: customer.Id,
      ReferenceSegment: customer.ReferenceSegment,
      ReferenceCustomer: customer.ReferenceCustomer,
      FullNumber: this.nextNumber(customer, 'S'),
      Status: 'Due',
      StateInvoice: automatic ? 'DueAuto' : 'DueOffline',
      TypeCredit: null,
      Reason: null,
      DateIssue: at,
      DateUpdate: at,
      DatePayment: null,
      DatePaymentScheduled: automatic ? later(at, 1) : null,
      DatePaymentLimit: automatic ? null : later(at, PAYMENT_DAYS_OFFLINE),
      TypePayment: automatic
        ? (settings?.TypePayment ?? 'Card')
        : settings !== null && !AUTOMATIC.has(settings.TypePayment)
          ? settings.TypePayment
          : 'ExternalBank',
      AmountSubtotal: subtotal,
      AmountTotal: Math.round(subtotal * (1 + (TAX_RATES[customer.Currency] ?? 0))),
      Currency: customer.Currency,
      NoteLocalized: note,
    };
    this.invoiceList.push(invoice);
    return invoice;
  }

  /**
   * Bills the balance lines dated within the range into one invoice and removes them from the
   * balance; `undefined` when there is nothing to bill.
   */
  bill(
    customer: StoredCustomer,
    options: { dateStart?: string; dateEnd?: string; forceOffline: boolean; note: string | null },
  ): StoredInvoice | undefined {
    const from = options.dateStart === undefined ? -Infinity : Date.parse(options.dateStart);
    const to = options.dateEnd === undefined ? Infinity : Date.parse(options.dateEnd);
    const billed = this.balance(customer).filter((line) => {
      const at = Date.parse(line.DateMove);
      return at >= from && at <= to;
    });
    if (billed.length === 0) return undefined;
    this.balanceLines = this.balanceLines.filter((line) => !billed.includes(line));
    const subtotal = billed.reduce((sum, line) => sum + line.AmountSubtotal, 0);
    return this.issue(customer, subtotal, {
      at: this.state.timestamp(),
      forceOffline: options.forceOffline,
      note: options.note,
    });
  }

  pay(invoice: StoredInvoice): void {
    const at = this.state.timestamp();
    Object.assign(invoice, {
      Status: 'Paid',
      StateInvoice: 'Paid',
      DatePayment: at,
      DatePaymentScheduled: null,
      DateUpdate: at,
    });
  }

  /** A credit note cancelling the invoice: a refund of a paid one, else a voiding. */
  credit(invoice: StoredInvoice, reason: string): StoredInvoice {
    const customer = this.customerById(invoice.IdCustomer);
    if (!customer) throw new Error(`Invoice ${invoice.Id} has no customer`);
    const at = this.state.timestamp();
    const paid = invoice.Status === 'Paid';
    const note: StoredInvoice = {
      ...invoice,
      Id: this.nextInvoiceId++,
      FullNumber: this.nextNumber(customer, 'C'),
      Status: paid ? 'Paid' : 'Void',
      StateInvoice: paid ? 'Paid' : 'Void',
      TypeCredit: paid ? 'Refund' : 'Voiding',
      Reason: reason,
      DateIssue: at,
      DateUpdate: at,
      DatePayment: paid ? at : null,
      DatePaymentScheduled: null,
      DatePaymentLimit: null,
      NoteLocalized: null,
    };
    Object.assign(invoice, {
      Status: paid ? 'Paid' : 'Void',
      StateInvoice: paid ? 'PaidRefunded' : 'Void',
      DateUpdate: at,
    });
    this.invoiceList.push(note);
    return note;
  }

  // ── notifications ──

  private latest<T>(items: T[], what: string, customer: StoredCustomer): T {
    const found = items.at(-1);
    if (found === undefined) {
      throw new Error(
        `The sandbox cannot notify this event about "${customer.ReferenceCustomer}": the customer ` +
          `has no ${what}.`,
      );
    }
    return found;
  }

  /** The blocks a subscription event carries: the buyer, the offer and the subscription. */
  subscriptionBlocks(subscription: StoredSubscription): NotificationBlocks {
    const buyer = this.customerById(subscription.IdCustomerBuyer);
    const offer = this.offer(subscription.IdOffer);
    return {
      ...(buyer ? { CustomerBuyer: customerBlock(buyer) } : {}),
      ...(offer ? { Offer: offerBlock(offer) } : {}),
      Subscription: subscriptionBlock(subscription),
    };
  }

  /**
   * What a notification of this type about the customer carries beside the `Customer` block
   * (ProAbono's webhook guide): `subject` names the subscription or invoice concerned, else the
   * customer's latest one is used (an error when it has none).
   */
  blocksFor(
    typeTrigger: string,
    customer: StoredCustomer,
    subject: { subscription?: StoredSubscription; invoice?: StoredInvoice } = {},
  ): NotificationBlocks {
    if (typeTrigger === 'SubscriptionDateTermUpdated') return {};
    if (typeTrigger.startsWith('Subscription')) {
      const subscription =
        subject.subscription ?? this.latest(this.subscriptions(customer), 'subscription', customer);
      return this.subscriptionBlocks(subscription);
    }
    if (typeTrigger === 'InvoiceCreditIssued') {
      const credits = this.invoices(customer).filter((invoice) => invoice.TypeCredit !== null);
      const note = subject.invoice ?? this.latest(credits, 'credit note', customer);
      return { InvoiceCredit: invoiceBlock(note) };
    }
    if (typeTrigger.startsWith('InvoiceDebit')) {
      const debits = this.invoices(customer).filter((invoice) => invoice.TypeCredit === null);
      const invoice = subject.invoice ?? this.latest(debits, 'invoice', customer);
      return { InvoiceDebit: invoiceBlock(invoice) };
    }
    if (typeTrigger.startsWith('GatewayPermission') || CHARGING_WITH_PERMISSION.has(typeTrigger)) {
      const permission = this.paymentSettings(customer)?.GatewayPermission ?? undefined;
      const found = this.latest(permission ? [permission] : [], 'saved payment method', customer);
      return { GatewayPermission: gatewayPermissionBlock(found) };
    }
    return {};
  }
}

// ── API Live views ──────────────────────────────────────────────────────────

const token = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString('base64url');

/** An offer's price as both APIs give it: no trial, its up-front amount and its recurrence. */
const offerPricing = (offer: StoredOffer) => ({
  AmountUpFront: offer.AmountUpFront,
  AmountTrial: 0,
  DurationTrial: 0,
  UnitTrial: 'Month',
  AmountRecurrence: offer.AmountRecurrence,
  DurationRecurrence: offer.DurationRecurrence,
  UnitRecurrence: offer.UnitRecurrence,
});

export const liveOffer = (
  offer: StoredOffer,
  baseUrl: string,
  { links, features }: { links: boolean; features: boolean },
) => ({
  Id: offer.Id,
  IdSegment: offer.IdSegment,
  ReferenceOffer: offer.ReferenceOffer,
  ReferenceSegment: offer.ReferenceSegment,
  IsVisible: offer.IsVisible,
  IsPriced: offer.IsPriced,
  Name: offer.Name,
  TitleLocalized: offer.TitleLocalized,
  DescriptionLocalized: null,
  PricingLocalized: offer.PricingLocalized,
  Currency: offer.Currency,
  ...offerPricing(offer),
  CountRecurrences: null,
  CountMinRecurrences: null,
  AmountTermination: 0,
  ...(features ? { Features: [] } : {}),
  ...(links
    ? {
        Links: [
          { rel: 'insite-home', href: `${baseUrl}/portal-anon` },
          { rel: 'insite-subscribe', query: token('offer', offer.Id) },
        ],
      }
    : {}),
});

/** An offer as the Backoffice lists it: numeric ids, its state of life, no segment reference. */
export const backofficeOffer = (
  offer: StoredOffer,
  businessId: number,
  { links, segment }: { links: boolean; segment: Segment | undefined },
) => ({
  Id: offer.Id,
  IdBusiness: businessId,
  IdSegment: offer.IdSegment,
  ReferenceOffer: offer.ReferenceOffer,
  Name: offer.Name,
  IsVisible: offer.IsVisible,
  ...offerPricing(offer),
  AmountTermination: 0,
  StateLife: offer.StateLife,
  DateCreation: offer.DateCreation,
  DateUpdate: offer.DateCreation,
  ...(segment
    ? {
        Segment: {
          Id: segment.Id,
          ReferenceSegment: segment.Reference,
          Name: segment.Name,
          Currency: segment.Currency,
        },
      }
    : {}),
  ...(links ? { Links: [{ rel: 'self', href: `/Sub/Offers/${offer.Id}` }] } : {}),
});

export const liveSubscription = (
  subscription: StoredSubscription,
  baseUrl: string,
  { features, billable }: { features: boolean; billable: boolean },
) => ({
  Id: subscription.Id,
  IdSegment: subscription.IdSegment,
  IdOffer: subscription.IdOffer,
  IdCustomer: subscription.IdCustomer,
  IdCustomerBuyer: subscription.IdCustomerBuyer,
  ReferenceSegment: subscription.ReferenceSegment,
  ReferenceOffer: subscription.ReferenceOffer,
  ReferenceCustomer: subscription.ReferenceCustomer,
  ReferenceCustomerBuyer: subscription.ReferenceCustomerBuyer,
  Status: subscription.Status,
  StateSubscription: subscription.StateSubscription,
  DateStart: subscription.DateStart,
  DatePeriodStart: subscription.DatePeriodStart,
  DatePeriodEnd: subscription.DatePeriodEnd,
  DateTerm: subscription.DateTerm,
  DateEnd: subscription.DateEnd,
  IsTrial: false,
  IsEngaged: false,
  IsCustomerBillable: billable,
  IsPaymentCappingReached: false,
  DateNextBilling: subscription.DateNextBilling,
  TitleLocalized: subscription.TitleLocalized,
  Currency: subscription.Currency,
  DurationTrial: 0,
  AmountUpFront: subscription.AmountUpFront,
  AmountRecurrence: subscription.AmountRecurrence,
  DurationRecurrence: subscription.DurationRecurrence,
  UnitRecurrence: subscription.UnitRecurrence,
  ...(features ? { Features: [] } : {}),
  DateUpdate: subscription.DateUpdate,
  Links: [
    { rel: 'self', href: `/v1/Subscription/${subscription.Id}` },
    { rel: 'insite-home', href: `${baseUrl}/portal-auth/${token('sub', subscription.Id)}` },
    { rel: 'insite-related-subscription', query: token('sub', subscription.Id) },
  ],
});

/**
 * An invoice or credit note as the API Live answers it. `TypeCredit` and `Reason` appear on a
 * credit note only, and `DatePaymentScheduled` only when an automatic payment is scheduled, as
 * the contract describes them.
 */
export const liveInvoice = (invoice: StoredInvoice, baseUrl: string) => ({
  Id: invoice.Id,
  IdSegment: invoice.IdSegment,
  IdCustomer: invoice.IdCustomer,
  ReferenceSegment: invoice.ReferenceSegment,
  ReferenceCustomer: invoice.ReferenceCustomer,
  FullNumber: invoice.FullNumber,
  Status: invoice.Status,
  StateInvoice: invoice.StateInvoice,
  ...(invoice.TypeCredit === null
    ? {}
    : { TypeCredit: invoice.TypeCredit, Reason: invoice.Reason }),
  DateIssue: invoice.DateIssue,
  DateUpdate: invoice.DateUpdate,
  DatePayment: invoice.DatePayment,
  ...(invoice.DatePaymentScheduled === null
    ? {}
    : { DatePaymentScheduled: invoice.DatePaymentScheduled }),
  DatePaymentLimit: invoice.DatePaymentLimit,
  TypePayment: invoice.TypePayment,
  AmountSubtotal: invoice.AmountSubtotal,
  AmountTotal: invoice.AmountTotal,
  Currency: invoice.Currency,
  NoteLocalized: invoice.NoteLocalized,
  Links: [
    {
      rel: 'insite-related-invoice',
      href: `${baseUrl}/portal-inv-pdf/${token('inv', invoice.Id)}`,
      type: 'application/pdf',
    },
    { rel: 'insite-home', href: `${baseUrl}/portal-auth/${token('inv', invoice.Id)}` },
    { rel: 'insite-collection-invoice', query: token('inv', invoice.Id) },
  ],
});

export const liveBalanceLine = (line: BalanceLine, customer: StoredCustomer) => ({
  IdCustomer: line.IdCustomer,
  IdSegment: customer.IdSegment,
  ReferenceSegment: customer.ReferenceSegment,
  ReferenceCustomer: line.ReferenceCustomer,
  LabelLocalized: line.LabelLocalized,
  Currency: customer.Currency,
  AmountSubtotal: line.AmountSubtotal,
  AmountTotal: Math.round(line.AmountSubtotal * (1 + (TAX_RATES[customer.Currency] ?? 0))),
  DateMove: line.DateMove,
  QuantityBilled: line.Quantity,
});

// ── API Live routes ─────────────────────────────────────────────────────────

interface ErrorBody {
  Code: string;
  Message: string;
  Target?: string;
}

const error = (status: number, body: ErrorBody): Reply => reply(status, body);

const badRequest = (message: string, target?: string): Reply =>
  error(400, {
    Code: 'Error.Api.Request.InvalidParameter',
    Message: message,
    ...(target ? { Target: target } : {}),
  });

/** ProAbono's 400 for a body that is not a JSON object (both API Live route sets). */
export const badBody = (): Reply =>
  error(400, { Code: 'Error.Api.Request.InvalidBody', Message: 'The body must be a JSON object.' });

const unaccessibleCustomer = (): Reply =>
  error(403, {
    Code: 'Error.Api.Customer.Unaccessible',
    Message: 'Customer not found or inaccessible.',
  });

/** ProAbono's documented refusal to bill a customer without payment settings. */
const paymentSettingsMissing = (): Reply =>
  error(403, {
    Code: 'Error.Customer.PaymentSettings.Missing',
    Message: 'The customer has no payment settings.',
  });

const notFound = (what: string): Reply =>
  error(404, { Code: 'Error.Api.NotFound', Message: `No ${what} matches this request.` });

/** ProAbono's 422 item for a field of the wrong type (both API Live route sets). */
export const invalidType = (target: string, expected: string): ErrorBody => ({
  Code: 'Error.Api.Field.InvalidType',
  Message: `${target} must be ${expected}.`,
  Target: target,
});

/** A query flag: `true` or `1`, in any case. */
const flag = (query: Query, name: string): boolean =>
  ['true', '1'].includes((query.get(name) ?? '').trim().toLowerCase());

/** ISO 8601 with a time, as ProAbono's `date-time` fields take it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const dateProblem = (value: unknown, target: string): ErrorBody | undefined =>
  value === undefined || value === null
    ? undefined
    : typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
      ? undefined
      : invalidType(target, 'an ISO 8601 date and time');

const booleanProblem = (value: unknown, target: string): ErrorBody | undefined =>
  value === undefined || value === null || typeof value === 'boolean'
    ? undefined
    : invalidType(target, 'a boolean');

export const billingLiveRoutes = (core: SandboxCore, baseUrl: () => string): Route[] => {
  const { state } = core;
  const { billing } = state;

  const paged = <T>(request: RouteRequest, items: readonly T[]): Reply => {
    const paging = readPaging(request.query);
    if ('problem' in paging) return badRequest(paging.problem, paging.target);
    return pageReply(items, paging, state.timestamp());
  };

  /** `ReferenceSegment` from the query, the default segment when absent; `undefined` if unknown. */
  const segmentOf = (request: RouteRequest): Segment | undefined => {
    const reference = request.query.get('ReferenceSegment');
    return reference === undefined ? state.defaultSegment : state.segment(reference);
  };

  const unknownSegment = (): Reply =>
    error(422, {
      Code: 'Error.Api.Segment.Unknown',
      Message: 'No segment has this reference.',
      Target: 'ReferenceSegment',
    });

  const emitSubscription = (typeTrigger: string, subscription: StoredSubscription) => {
    const customer = state.customer(subscription.ReferenceCustomer);
    if (customer)
      core.emit(typeTrigger, customer, billing.blocksFor(typeTrigger, customer, { subscription }));
  };

  /** The notifications of an issued invoice: issued (automatic or offline), then billed. */
  const emitIssued = (customer: StoredCustomer, invoice: StoredInvoice) => {
    const type =
      invoice.StateInvoice === 'DueAuto'
        ? 'InvoiceDebitIssuedPaymentAuto'
        : 'InvoiceDebitIssuedPaymentOffline';
    core.emit(type, customer, billing.blocksFor(type, customer, { invoice }));
    core.emit('CustomerBillingSucceeded', customer);
  };

  /**
   * The offers of one segment; with `ReferenceCustomer`, those available to that customer of the
   * segment (the visible ones). Retired offers are never listed.
   */
  const listOffers = (request: RouteRequest): Reply => {
    const segment = segmentOf(request);
    if (!segment) return unknownSegment();
    const reference = request.query.get('ReferenceCustomer');
    const customer =
      reference === undefined ? undefined : state.customerInSegment(reference, segment.Reference);
    if (reference !== undefined && !customer) return unaccessibleCustomer();
    const visible = request.query.get('IsVisible');
    const options = {
      links: request.query.get('Links')?.toLowerCase() !== 'false',
      features: !flag(request.query, 'IgnoreFeatures'),
    };
    const offers = billing
      .offers()
      .filter((offer) => offer.IdSegment === segment.Id && offer.StateLife === 'Ok')
      .filter((offer) => customer === undefined || offer.IsVisible)
      .filter((offer) => visible === undefined || String(offer.IsVisible) === visible.toLowerCase())
      .map((offer) => liveOffer(offer, baseUrl(), options));
    return paged(request, offers);
  };

  /** The customer's newest subscription that has not ended (to the offer, when given), else its newest. */
  const getSubscription = (request: RouteRequest): Reply => {
    const reference = request.query.get('ReferenceCustomer');
    if (!reference) return badRequest('ReferenceCustomer is required.', 'ReferenceCustomer');
    const customer = state.customer(reference);
    const offer = request.query.get('ReferenceOffer');
    const candidates = (customer ? billing.subscriptions(customer) : [])
      .filter((subscription) => subscription.Status !== 'Deleted')
      .filter((subscription) => offer === undefined || subscription.ReferenceOffer === offer)
      .reverse();
    const found =
      candidates.find((subscription) => subscription.Status !== 'Ended') ?? candidates[0];
    if (!customer || !found) return notFound('subscription');
    return reply(
      200,
      liveSubscription(found, baseUrl(), {
        features: !flag(request.query, 'IgnoreFeatures'),
        billable: billing.paymentSettings(customer) !== null,
      }),
    );
  };

  const createSubscription = (request: RouteRequest): Reply => {
    if (!request.bodyIsJson || !isObject(request.body)) return badBody();
    const body = request.body;
    const reference = property(body, 'ReferenceCustomer');
    const offerReference = property(body, 'ReferenceOffer');
    const dateStart = property(body, 'DateStart');
    const customer = typeof reference === 'string' ? state.customer(reference) : undefined;
    const offer =
      customer && typeof offerReference === 'string'
        ? billing.offerFor(customer, offerReference)
        : undefined;
    const problems: ErrorBody[] = [];
    if (!customer) {
      problems.push({
        Code: 'Error.Api.Subscription.Customer.Unknown',
        Message: 'No customer has this reference.',
        Target: 'ReferenceCustomer',
      });
    } else if (!offer) {
      problems.push({
        Code: 'Error.Api.Subscription.Offer.Unknown',
        Message: "No offer has this reference in the customer's segment.",
        Target: 'ReferenceOffer',
      });
    }
    const dateError = dateProblem(dateStart, 'DateStart');
    if (dateError) problems.push(dateError);
    if (problems.length > 0 || !customer || !offer) return reply(422, problems);

    const tryStart = flag(request.query, 'TryStart');
    const billNow = tryStart && flag(request.query, 'BillNow');
    if ((flag(request.query, 'EnsureBillable') || billNow) && !billing.paymentSettings(customer)) {
      return paymentSettingsMissing();
    }
    const subscription = billing.createSubscription(customer, offer, {
      dateStart: typeof dateStart === 'string' ? new Date(dateStart).toISOString() : null,
      tryStart,
    });
    if (subscription.Status === 'Active') {
      emitSubscription('SubscriptionStarted', subscription);
      if (billNow) {
        const invoice = billing.bill(customer, { forceOffline: false, note: null });
        if (invoice) emitIssued(customer, invoice);
      }
    }
    return reply(
      201,
      liveSubscription(subscription, baseUrl(), {
        features: true,
        billable: billing.paymentSettings(customer) !== null,
      }),
    );
  };

  /** Within one segment (the default one without `ReferenceSegment`), newest first. */
  const listSubscriptions = (request: RouteRequest): Reply => {
    const segment = segmentOf(request);
    if (!segment) return unknownSegment();
    const customer = request.query.get('ReferenceCustomer');
    const buyer = request.query.get('ReferenceCustomerBuyer');
    const features = !flag(request.query, 'IgnoreFeatures');
    const items = billing
      .subscriptions()
      .filter((subscription) => subscription.IdSegment === segment.Id)
      .filter(
        (subscription) => customer === undefined || subscription.ReferenceCustomer === customer,
      )
      .filter(
        (subscription) => buyer === undefined || subscription.ReferenceCustomerBuyer === buyer,
      )
      .reverse()
      .map((subscription) => {
        const owner = state.customer(subscription.ReferenceCustomer);
        return liveSubscription(subscription, baseUrl(), {
          features,
          billable: owner !== undefined && billing.paymentSettings(owner) !== null,
        });
      });
    return paged(request, items);
  };

  const getInvoiceByNumber = (request: RouteRequest): Reply => {
    const fullNumber = request.query.get('FullNumber');
    if (!fullNumber) return badRequest('FullNumber is required.', 'FullNumber');
    const segment = segmentOf(request);
    if (!segment) return unknownSegment();
    const invoice = billing.invoiceByNumber(fullNumber, segment);
    return invoice ? reply(200, liveInvoice(invoice, baseUrl())) : notFound('invoice');
  };

  const getInvoiceById = (request: RouteRequest): Reply => {
    const raw = request.params[0] ?? '';
    const invoice = /^\d+$/.test(raw) ? billing.invoice(Number(raw)) : undefined;
    return invoice ? reply(200, liveInvoice(invoice, baseUrl())) : notFound('invoice');
  };

  /** Within one segment (the default one without `ReferenceSegment`), newest first. */
  const listInvoices = (request: RouteRequest): Reply => {
    const segment = segmentOf(request);
    if (!segment) return unknownSegment();
    const reference = request.query.get('ReferenceCustomer');
    const idCustomer = request.query.get('IdCustomer');
    const items = billing
      .invoices()
      .filter((invoice) => invoice.IdSegment === segment.Id)
      .filter((invoice) => reference === undefined || invoice.ReferenceCustomer === reference)
      .filter((invoice) => idCustomer === undefined || String(invoice.IdCustomer) === idCustomer)
      .reverse()
      .map((invoice) => liveInvoice(invoice, baseUrl()));
    return paged(request, items);
  };

  const listBalance = (request: RouteRequest): Reply => {
    const reference = request.query.get('ReferenceCustomer');
    if (!reference) return badRequest('ReferenceCustomer is required.', 'ReferenceCustomer');
    const customer = state.customer(reference);
    if (!customer) return unaccessibleCustomer();
    return paged(
      request,
      billing.balance(customer).map((line) => liveBalanceLine(line, customer)),
    );
  };

  /** Bills the customer's balance now: 200 with the invoice, 204 when there is nothing to bill. */
  const billCustomer = (request: RouteRequest): Reply => {
    if (!request.bodyIsJson || !isObject(request.body)) return badBody();
    const body = request.body;
    const reference = property(body, 'ReferenceCustomer');
    const note = property(body, 'NoteLocalized');
    const dateStart = property(body, 'DateStart');
    const dateEnd = property(body, 'DateEnd');
    const problems = [
      typeof reference === 'string' && reference !== ''
        ? undefined
        : {
            Code: 'Error.Api.Customer.ReferenceCustomer.Required',
            Message: 'ReferenceCustomer is required.',
            Target: 'ReferenceCustomer',
          },
      note === undefined || note === null || typeof note === 'string'
        ? undefined
        : invalidType('NoteLocalized', 'a text value'),
      booleanProblem(property(body, 'EnsureBillable'), 'EnsureBillable'),
      booleanProblem(property(body, 'ForceOffline'), 'ForceOffline'),
      dateProblem(dateStart, 'DateStart'),
      dateProblem(dateEnd, 'DateEnd'),
    ].filter((problem): problem is ErrorBody => problem !== undefined);
    if (problems.length > 0) return reply(422, problems);
    const customer = state.customer(reference as string);
    if (!customer) return unaccessibleCustomer();
    if (!billing.paymentSettings(customer)) return paymentSettingsMissing();
    const invoice = billing.bill(customer, {
      ...(typeof dateStart === 'string' ? { dateStart } : {}),
      ...(typeof dateEnd === 'string' ? { dateEnd } : {}),
      forceOffline: property(body, 'ForceOffline') === true,
      note: typeof note === 'string' && note !== '' ? note : null,
    });
    if (!invoice) return noContent();
    emitIssued(customer, invoice);
    return reply(200, liveInvoice(invoice, baseUrl()));
  };

  return [
    route('GET', '/Offers', listOffers),
    route('GET', '/Subscription', getSubscription),
    route('POST', '/Subscription', createSubscription),
    route('GET', '/Subscriptions', listSubscriptions),
    route('GET', '/Invoice', getInvoiceByNumber),
    route('GET', '/Invoice/([^/]+)', getInvoiceById),
    route('GET', '/Invoices', listInvoices),
    route('GET', '/Balance', listBalance),
    route('POST', '/Billing/Customer', billCustomer),
  ];
};

/**
 * The Backoffice's `GET /Sub/Offers` items: every segment's offers (retired ones included, with
 * their `StateLife`), filtered by `IdSegment` or `ReferenceSegment`; `extra=Segment` (or `all`)
 * embeds the segment. Paging and the business check are the caller's.
 */
export const backofficeOfferItems = (core: SandboxCore, query: Query) => {
  const { state } = core;
  const idSegment = query.get('IdSegment');
  const referenceSegment = query.get('ReferenceSegment');
  const extra = (query.get('extra') ?? '').toLowerCase().split(',');
  const withSegment = extra.includes('segment') || extra.includes('all');
  const links = query.get('Links')?.toLowerCase() !== 'false';
  return state.billing
    .offers()
    .filter((offer) => idSegment === undefined || String(offer.IdSegment) === idSegment)
    .filter(
      (offer) => referenceSegment === undefined || offer.ReferenceSegment === referenceSegment,
    )
    .map((offer) =>
      backofficeOffer(offer, core.businessId, {
        links,
        segment: withSegment ? state.segment(offer.ReferenceSegment) : undefined,
      }),
    );
};

// ── controls ───────────────────────────────────────────────────────────────

/** The sandbox object's billing controls; results are copies. */
export const billingControls = (core: SandboxCore): BillingControls => {
  const { billing } = core.state;
  const copy = <T>(value: T): T => structuredClone(value);
  const customerOf = (reference: string | undefined) =>
    reference === undefined ? undefined : billing.customer(reference);
  const invoiceOrThrow = (id: number): StoredInvoice => {
    const invoice = billing.invoice(id);
    if (!invoice) throw new Error(`The sandbox has no invoice ${id}`);
    return invoice;
  };
  return {
    offers: () => copy(billing.offers()),
    subscriptions: (reference) => copy(billing.subscriptions(customerOf(reference))),
    invoices: (reference) => copy(billing.invoices(customerOf(reference))),
    balance: (reference) => copy(billing.balance(billing.customer(reference))),
    paymentSettings: (reference) => copy(billing.paymentSettings(billing.customer(reference))),
    addBalanceLine: (reference, line) =>
      copy(billing.addBalanceLine(billing.customer(reference), line)),
    setPaymentSettings: (reference, type) => {
      if (type !== null && !TYPE_PAYMENTS.includes(type)) {
        throw new Error(`TypePayment must be one of ${TYPE_PAYMENTS.join(', ')}`);
      }
      return copy(billing.setPaymentSettings(billing.customer(reference), type));
    },
    payInvoice: (id) => {
      const invoice = invoiceOrThrow(id);
      if (invoice.Status !== 'Due' || invoice.TypeCredit !== null) {
        throw new Error(`Invoice ${id} is not a due invoice`);
      }
      billing.pay(invoice);
      const customer = billing.customer(invoice.ReferenceCustomer);
      return copy(
        core.emit(
          'InvoiceDebitPaid',
          customer,
          billing.blocksFor('InvoiceDebitPaid', customer, { invoice }),
        ),
      );
    },
    creditInvoice: (id, reason) => {
      const invoice = invoiceOrThrow(id);
      if (invoice.TypeCredit !== null) throw new Error(`Invoice ${id} is a credit note`);
      const note = billing.credit(invoice, reason);
      const customer = billing.customer(invoice.ReferenceCustomer);
      return copy(
        core.emit(
          'InvoiceCreditIssued',
          customer,
          billing.blocksFor('InvoiceCreditIssued', customer, { invoice: note }),
        ),
      );
    },
  };
};

/**
 * `/_admin` routes mirroring the billing controls; `attempt` is the admin interface's own wrapper
 * (a thrown error becomes a 400, `undefined` a 204).
 */
export const billingAdminRoutes = (
  controls: BillingControls,
  attempt: (action: () => unknown) => Promise<Reply>,
): Route[] => {
  const body = (request: RouteRequest): Record<string, unknown> =>
    isObject(request.body) ? request.body : {};
  const text = (value: unknown, name: string): string => {
    if (typeof value !== 'string' || value === '') throw new Error(`${name} is required`);
    return value;
  };
  const invoiceId = (request: RouteRequest): number => Number(request.params[0]);
  const optionalReference = (request: RouteRequest) => request.query.get('ReferenceCustomer');
  return [
    route('GET', '/offers', () => attempt(() => controls.offers())),
    route('GET', '/subscriptions', (request) =>
      attempt(() => controls.subscriptions(optionalReference(request))),
    ),
    route('GET', '/invoices', (request) =>
      attempt(() => controls.invoices(optionalReference(request))),
    ),
    route('GET', '/balance/([^/]+)', (request) =>
      attempt(() => controls.balance(decodeURIComponent(request.params[0] ?? ''))),
    ),
    route('POST', '/balance-lines', (request) =>
      attempt(() => {
        const { ReferenceCustomer, LabelLocalized, AmountSubtotal, Quantity, DateMove } =
          body(request);
        if (typeof AmountSubtotal !== 'number' || !Number.isInteger(AmountSubtotal)) {
          throw new Error('AmountSubtotal must be an integer (cents)');
        }
        return controls.addBalanceLine(text(ReferenceCustomer, 'ReferenceCustomer'), {
          LabelLocalized: text(LabelLocalized, 'LabelLocalized'),
          AmountSubtotal,
          ...(typeof Quantity === 'number' ? { Quantity } : {}),
          ...(typeof DateMove === 'string' ? { DateMove } : {}),
        });
      }),
    ),
    route('POST', '/payment-settings', (request) =>
      attempt(() => {
        const { ReferenceCustomer, TypePayment } = body(request);
        return controls.setPaymentSettings(
          text(ReferenceCustomer, 'ReferenceCustomer'),
          TypePayment === null ? null : (text(TypePayment, 'TypePayment') as TypePayment),
        );
      }),
    ),
    route('POST', '/invoices/(\\d+)/payment', (request) =>
      attempt(() => controls.payInvoice(invoiceId(request))),
    ),
    route('POST', '/invoices/(\\d+)/credit', (request) =>
      attempt(() =>
        controls.creditInvoice(invoiceId(request), text(body(request).Reason, 'Reason')),
      ),
    ),
  ];
};
