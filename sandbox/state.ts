import { randomBytes } from 'node:crypto';

import { BillingState, customerBlock } from './billing.js';
import { SEED_CUSTOMERS, SEGMENTS } from './seed.js';
import { ADDRESS_KEYS, BILLING_ADDRESS_UPDATED } from './types.js';
import type {
  AddressKey,
  BillingAddress,
  CustomerSeed,
  Notification,
  NotificationBlocks,
  Segment,
  StoredCustomer,
  StoredWebhook,
} from './types.js';

/*
 * What ProAbono holds for one business and the rules it applies when that changes (a reference
 * unique within a segment, partial address writes, the notification history), kept apart from
 * HTTP so the routes, the admin interface and tests all change it the same way.
 */

const FIRST_CUSTOMER_ID = 233700;
const FIRST_WEBHOOK_ID = 5001;

const emptyAddress = (): BillingAddress =>
  Object.fromEntries(ADDRESS_KEYS.map((key) => [key, null])) as BillingAddress;

/** `""` and `null` both mean "empty": ProAbono answers null for a field it has no value for. */
const stored = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value === '' ? null : value;

/**
 * A notification about a customer, shaped as ProAbono sends it; the envelope is the caller's, and
 * so are the blocks its event family adds after `Customer` (billing.ts).
 */
export const notificationAbout = (
  customer: StoredCustomer,
  envelope: Pick<Notification, 'Id' | 'IdBusiness' | 'DateTrigger' | 'TypeTrigger'>,
  blocks: NotificationBlocks = {},
): Notification => ({
  // In ProAbono's order: a receiver may see the JSON as sent.
  Id: envelope.Id,
  IdBusiness: envelope.IdBusiness,
  IdSegment: customer.IdSegment,
  ReferenceSegment: customer.ReferenceSegment,
  DateTrigger: envelope.DateTrigger,
  TypeTrigger: envelope.TypeTrigger,
  Customer: customerBlock(customer),
  ...blocks,
});

export interface AddEventsOptions {
  /** Default `CustomerBillingAddressUpdated`. */
  typeTrigger?: string;
  /** Customers the events are about, cycled; default every customer, in creation order. */
  references?: string[];
  /** Time between two generated events; default one minute. */
  spacingMs?: number;
}

/** The business's data: customers with their addresses, webhooks and the notification history. */
export class SandboxState {
  readonly segments: readonly Segment[] = SEGMENTS;
  /** In creation order. A reference is unique within a segment, not across the business. */
  private customers: StoredCustomer[] = [];
  private webhookMap = new Map<number, StoredWebhook>();
  /** Each webhook's own `x-proabono-key`, made at its creation; never shown by the API. */
  private webhookKeys = new Map<number, string>();
  /** Ids of the customers whose billing address has been written at least once. */
  private addressWritten = new Set<number>();
  private notifications: Notification[] = [];
  private nextCustomerId = FIRST_CUSTOMER_ID;
  private nextWebhookId = FIRST_WEBHOOK_ID;
  private nextNotificationId = 1;
  private lastTrigger = 0;
  /** Offers, subscriptions, invoices, balances and payment settings (billing.ts). */
  readonly billing = new BillingState(this);

  constructor(
    readonly businessId: number,
    private readonly now: () => Date,
  ) {}

  reset(seed: boolean): void {
    this.customers = [];
    this.webhookMap.clear();
    this.webhookKeys.clear();
    this.addressWritten.clear();
    this.notifications = [];
    this.nextCustomerId = FIRST_CUSTOMER_ID;
    this.nextWebhookId = FIRST_WEBHOOK_ID;
    this.nextNotificationId = 1;
    this.lastTrigger = 0;
    if (seed) for (const customer of SEED_CUSTOMERS) this.upsertCustomer(customer);
    this.billing.reset(seed);
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  get defaultSegment(): Segment {
    return this.segments[0] as Segment;
  }

  segment(reference: string): Segment | undefined {
    return this.segments.find((segment) => segment.Reference === reference);
  }

  // ── customers ─────────────────────────────────────────────────────────────

  /**
   * The customer with this reference; when several segments hold one, the oldest. Endpoints that
   * take only a reference (the API Live's customer read and billing address) see that one.
   */
  customer(reference: string): StoredCustomer | undefined {
    return this.customers.find((customer) => customer.ReferenceCustomer === reference);
  }

  /** The customer with this reference in one segment. */
  customerInSegment(reference: string, segment: string): StoredCustomer | undefined {
    return this.customers.find(
      (customer) =>
        customer.ReferenceCustomer === reference && customer.ReferenceSegment === segment,
    );
  }

  /** Every customer in creation order (ascending Id). */
  allCustomers(): StoredCustomer[] {
    return [...this.customers];
  }

  /**
   * Creates or overwrites the given fields of a customer. With `ReferenceSegment`, the customer
   * with that reference in that segment (as `POST /v1/Customer` does once the request is
   * validated, the default segment filled in); without, the existing customer with that reference
   * in any segment, else a new one in the default segment (the seed and tests). Emits nothing.
   */
  upsertCustomer(seed: CustomerSeed): { customer: StoredCustomer; created: boolean } {
    const existing =
      seed.ReferenceSegment === undefined
        ? this.customer(seed.ReferenceCustomer)
        : this.customerInSegment(seed.ReferenceCustomer, seed.ReferenceSegment);
    const at = this.timestamp();
    if (existing) {
      if (seed.Name !== undefined) existing.Name = stored(seed.Name);
      if (seed.Email !== undefined) existing.Email = stored(seed.Email);
      if (seed.Language !== undefined) existing.Language = stored(seed.Language);
      if (seed.Status !== undefined) existing.Status = seed.Status;
      if (seed.Metadata !== undefined) existing.Metadata = { ...seed.Metadata };
      if (seed.DateCreation !== undefined) existing.DateCreation = seed.DateCreation;
      if (seed.address) this.writeAddress(existing, seed.address);
      existing.DateUpdate = seed.DateUpdate ?? at;
      return { customer: existing, created: false };
    }
    const segment =
      (seed.ReferenceSegment === undefined ? undefined : this.segment(seed.ReferenceSegment)) ??
      this.defaultSegment;
    const customer: StoredCustomer = {
      Id: this.nextCustomerId++,
      IdSegment: segment.Id,
      ReferenceSegment: segment.Reference,
      Currency: segment.Currency,
      ReferenceCustomer: seed.ReferenceCustomer,
      Name: stored(seed.Name),
      Email: stored(seed.Email),
      Language: stored(seed.Language),
      Status: seed.Status ?? 'Enabled',
      ReferenceAffiliation: null,
      Metadata: { ...seed.Metadata },
      DateCreation: seed.DateCreation ?? at,
      DateUpdate: seed.DateUpdate ?? seed.DateCreation ?? at,
      address: emptyAddress(),
    };
    if (seed.address) this.writeAddress(customer, seed.address);
    this.customers.push(customer);
    return { customer, created: true };
  }

  /**
   * Partial address update: keys left out stay as they are, `""` (or null) clears. Bumps the
   * customer's `DateUpdate`, as the Backoffice shows it, unless `touch` is false.
   */
  updateAddress(
    reference: string,
    changes: Partial<Record<AddressKey, string | null>>,
    touch = true,
  ): BillingAddress | undefined {
    const customer = this.customer(reference);
    if (!customer) return undefined;
    this.writeAddress(customer, changes);
    if (touch) customer.DateUpdate = this.timestamp();
    return { ...customer.address };
  }

  /** Whether writing `changes` would alter a stored field of the customer's address. */
  addressWouldChange(
    customer: StoredCustomer,
    changes: Partial<Record<AddressKey, string | null>>,
  ): boolean {
    return ADDRESS_KEYS.some(
      (key) => key in changes && stored(changes[key]) !== customer.address[key],
    );
  }

  /** Whether the customer's address was ever written (by the seed, a test or an update). */
  addressEverWritten(customer: StoredCustomer): boolean {
    return this.addressWritten.has(customer.Id);
  }

  private writeAddress(
    customer: StoredCustomer,
    changes: Partial<Record<AddressKey, string | null>>,
  ): void {
    this.addressWritten.add(customer.Id);
    for (const key of ADDRESS_KEYS) {
      if (key in changes) customer.address[key] = stored(changes[key]);
    }
  }

  // ── webhooks ──────────────────────────────────────────────────────────────

  webhook(id: number): StoredWebhook | undefined {
    return this.webhookMap.get(id);
  }

  /** Every webhook in creation order. */
  webhooks(): StoredWebhook[] {
    return [...this.webhookMap.values()];
  }

  createWebhook(url: string, triggers: string[]): StoredWebhook {
    const webhook: StoredWebhook = {
      Id: this.nextWebhookId++,
      IdBusiness: this.businessId,
      Url: url,
      Triggers: [...triggers],
      IsActive: false,
      DateCreation: this.timestamp(),
      verificationCode: null,
    };
    this.webhookMap.set(webhook.Id, webhook);
    this.webhookKeys.set(webhook.Id, randomBytes(16).toString('hex'));
    return webhook;
  }

  /** The webhook's own `x-proabono-key` (undefined once it is deleted). */
  webhookKey(id: number): string | undefined {
    return this.webhookKeys.get(id);
  }

  deleteWebhook(id: number): boolean {
    this.webhookKeys.delete(id);
    return this.webhookMap.delete(id);
  }

  /** Active webhooks subscribed to an event type (event codes compared without regard to case). */
  subscribers(typeTrigger: string): StoredWebhook[] {
    const wanted = typeTrigger.toLowerCase();
    return this.webhooks().filter(
      (webhook) =>
        webhook.IsActive && webhook.Triggers.some((code) => code.toLowerCase() === wanted),
    );
  }

  // ── notification history ──────────────────────────────────────────────────

  /** The history, oldest first. */
  history(): readonly Notification[] {
    return this.notifications;
  }

  /** Records a notification about a customer, as ProAbono's history keeps it. */
  recordNotification(
    typeTrigger: string,
    customer: StoredCustomer,
    at?: Date,
    blocks?: NotificationBlocks,
  ): Notification {
    const notification = notificationAbout(
      customer,
      {
        Id: `trg_${this.nextNotificationId++}`,
        IdBusiness: this.businessId,
        DateTrigger: this.triggerDate(at ?? this.now()),
        TypeTrigger: typeTrigger,
      },
      blocks,
    );
    this.notifications.push(notification);
    return notification;
  }

  /** Many past notifications at once (polling tests, benchmarks); nothing is delivered. */
  addEvents(count: number, options: AddEventsOptions = {}): Notification[] {
    const references = options.references ?? this.allCustomers().map((c) => c.ReferenceCustomer);
    const customers = references.map((reference) => {
      const customer = this.customer(reference);
      if (!customer) throw new Error(`addEvents: no customer with reference "${reference}"`);
      return customer;
    });
    if (count > 0 && customers.length === 0) {
      throw new Error('addEvents: the sandbox has no customer to attach events to');
    }
    const spacing = options.spacingMs ?? 60_000;
    const end = this.now().getTime();
    const added: Notification[] = [];
    for (let index = 0; index < count; index += 1) {
      const customer = customers[index % customers.length] as StoredCustomer;
      const at = new Date(end - (count - 1 - index) * spacing);
      added.push(
        this.recordNotification(options.typeTrigger ?? BILLING_ADDRESS_UPDATED, customer, at),
      );
    }
    return added;
  }

  /** Strictly increasing, so "newest first" by date and by recording order always agree. */
  private triggerDate(at: Date): string {
    const time = Math.max(at.getTime(), this.lastTrigger + 1);
    this.lastTrigger = time;
    return new Date(time).toISOString();
  }
}
