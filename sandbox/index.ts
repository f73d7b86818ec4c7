import { adminRoutes } from './admin.js';
import { backofficeRoutes } from './backoffice.js';
import { billingControls } from './billing.js';
import type { BillingControls } from './billing.js';
import { SandboxCore } from './core.js';
import type { VerificationTiming } from './core.js';
import { liveRoutes } from './live.js';
import type { Behaviour, ProfileName } from './profile.js';
import { SandboxServer } from './server.js';
import type { AddEventsOptions } from './state.js';
import { BILLING_ADDRESS_UPDATED } from './types.js';
import type {
  BillingAddress,
  CustomerSeed,
  FaultRule,
  LoggedDelivery,
  LoggedRequest,
  Notification,
  StoredCustomer,
  StoredWebhook,
} from './types.js';

/*
 * The sandbox's entry point: `startSandbox` gives the tests, `npm start`, the bench and the CLI a
 * seeded ProAbono on loopback, with direct access to its state, logs and faults beside the HTTP
 * APIs, so a test can arrange and check what the API alone would not show.
 */

export type * from './types.js';
export type { AddEventsOptions } from './state.js';
export type { VerificationTiming } from './core.js';
export type { Behaviour, ProfileName } from './profile.js';
export {
  PROFILES,
  PROFILE_ENV,
  PROFILE_NAMES,
  behaviourOf,
  isProfileName,
  profileFromEnv,
  readProfile,
} from './profile.js';
export type * from './billing.js';
export { signature } from './deliveries.js';
export { notificationAbout } from './state.js';
export { ADDRESS_KEYS, BILLING_ADDRESS_UPDATED, CUSTOMER_ADDED } from './types.js';

export interface SandboxOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  businessId?: number;
  agentKey?: string;
  apiKey?: string;
  webhookSecret?: string;
  /** Start with the seed customers (default true). */
  seed?: boolean;
  delivery?: { attempts?: number; baseDelayMs?: number; timeoutMs?: number };
  /**
   * When the verification code is POSTed: after answering `sendCode=true` (default), or before,
   * waiting for the receiver's answer (the race where the code reaches Zapier before the
   * subscription is stored).
   */
  verificationTiming?: VerificationTiming;
  /** The sandbox's clock (dates of notifications, updates, envelopes). */
  now?: () => Date;
  /**
   * How it plays what ProAbono does not document (default `generous`, the sandbox's long-standing
   * guesses); `documented` takes the least convenient plausible alternative of each. See
   * sandbox/profile.ts and docs/assumptions.md.
   */
  profile?: ProfileName;
  /** Single behaviours switched apart from the profile's. */
  behaviour?: Partial<Behaviour>;
}

export interface DeliveryFaults {
  /** Every later delivery is sent `times` times in total (2 = each arrives twice). */
  duplicate(times: number): void;
  /** Holds every later delivery; `release()` sends them newest first, one after the other. */
  holdAndReverse(): { release(): Promise<void> };
  /** The next `count` POSTs (default 1) are signed with the wrong secret. */
  forgeNext(count?: number): void;
  /** Ends every delivery fault; held deliveries go out in their original order. */
  clear(): void;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The profile it plays (kept by `reset()`). */
  readonly profile: ProfileName;
  /** What it does where ProAbono's behaviour is undocumented: the profile's, with any override. */
  readonly behaviour: Readonly<Behaviour>;
  /** Switches the profile (and single behaviours) from the next request on; data is kept. */
  setProfile(profile: ProfileName, behaviour?: Partial<Behaviour>): void;
  env: { PROABONO_LIVE_URL: string; PROABONO_BACKOFFICE_URL: string };
  authData: { businessId: string; agentKey: string; apiKey: string; webhookSecret: string };
  /** API Live and Backoffice requests, oldest first; `path` matches the whole path, any case. */
  requests(filter?: { method?: string; path?: string }): LoggedRequest[];
  resetRequests(): void;
  /** Every POST made to a receiver, each attempt and copy. */
  deliveries(): LoggedDelivery[];
  resetDeliveries(): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  deliveryFaults: DeliveryFaults;
  /** Resolves when no delivery or retry is pending (held deliveries excepted). */
  idle(): Promise<void>;
  customers: {
    /** Creates or overwrites a customer directly: no notification, no request logged. */
    upsert(customer: CustomerSeed): StoredCustomer;
    get(reference: string): StoredCustomer | undefined;
    address(reference: string): BillingAddress | undefined;
    list(): StoredCustomer[];
  };
  webhooks(): StoredWebhook[];
  /** The notification history, oldest first. */
  events(): Notification[];
  /** Adds past notifications (nothing is delivered), newer than every earlier one. */
  addEvents(count: number, options?: AddEventsOptions): Notification[];
  /** Records and delivers a CustomerBillingAddressUpdated notification, as an update would. */
  emitBillingAddressUpdated(reference: string): Notification;
  /**
   * Records and delivers a notification of any type about a customer, with the blocks its event
   * family carries (its latest subscription, invoice, credit note or payment method: an error when
   * the customer has none).
   */
  emitEvent(typeTrigger: string, reference: string): Notification;
  /** Offers, subscriptions, invoices, balances and payment settings (sandbox/billing.ts). */
  billing: BillingControls;
  /** One POST to any URL (signed with the real secret unless `headers` override); its status. */
  deliverRaw(url: string, body: unknown, headers?: Record<string, string>): Promise<number>;
  setVerificationTiming(timing: VerificationTiming): void;
  /**
   * Back to the starting state: data, logs, faults; queued deliveries are dropped. The profile and
   * its switches stay as they are.
   */
  reset(options?: { seed?: boolean }): void;
  /** Stops the server and every pending delivery; nothing is left running. */
  close(): Promise<void>;
}

export const DEFAULT_CREDENTIALS = {
  businessId: 42,
  agentKey: 'sandbox-agent-7Qm2',
  apiKey: 'sandbox-apikey-Xr93Lk',
  webhookSecret: 'sandbox-whsecret-4Fz8',
} as const;

const copy = <T>(value: T): T => structuredClone(value);

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const businessId = options.businessId ?? DEFAULT_CREDENTIALS.businessId;
  const seed = options.seed ?? true;
  const core = new SandboxCore({
    businessId,
    agentKey: options.agentKey ?? DEFAULT_CREDENTIALS.agentKey,
    apiKey: options.apiKey ?? DEFAULT_CREDENTIALS.apiKey,
    webhookSecret: options.webhookSecret ?? DEFAULT_CREDENTIALS.webhookSecret,
    delivery: options.delivery ?? {},
    verificationTiming: options.verificationTiming ?? 'after-response',
    now: options.now ?? (() => new Date()),
    profile: options.profile ?? 'generous',
    behaviour: options.behaviour ?? {},
  });
  core.reset(seed);

  let url = '';
  const server = new SandboxServer(
    core,
    liveRoutes(core, () => url),
    backofficeRoutes(core),
  );
  const port = await server.listen(options.port ?? 0);
  url = `http://127.0.0.1:${port}`;

  const customerOrThrow = (reference: string): StoredCustomer => {
    const customer = core.state.customer(reference);
    if (!customer) throw new Error(`The sandbox has no customer with reference "${reference}"`);
    return customer;
  };

  const sandbox: Sandbox = {
    url,
    get profile() {
      return core.profile;
    },
    get behaviour() {
      return { ...core.behaviour };
    },
    setProfile: (profile, behaviour) => core.setProfile(profile, behaviour),
    env: { PROABONO_LIVE_URL: url, PROABONO_BACKOFFICE_URL: `${url}/backoffice` },
    authData: {
      businessId: String(businessId),
      agentKey: core.options.agentKey,
      apiKey: core.options.apiKey,
      webhookSecret: core.options.webhookSecret,
    },
    requests: (filter = {}) =>
      copy(
        core.requestLog.filter(
          (request) =>
            (filter.method === undefined ||
              request.method.toUpperCase() === filter.method.toUpperCase()) &&
            (filter.path === undefined || request.path.toLowerCase() === filter.path.toLowerCase()),
        ),
      ),
    resetRequests: () => {
      core.requestLog.splice(0);
    },
    deliveries: () => copy(core.deliveries.log),
    resetDeliveries: () => {
      core.deliveries.log.splice(0);
    },
    addFault: (rule) => core.faults.add(rule),
    clearFaults: () => core.faults.clear(),
    deliveryFaults: {
      duplicate: (times) => core.deliveries.duplicate(times),
      holdAndReverse: () => core.deliveries.holdAndReverse(),
      forgeNext: (count = 1) => core.deliveries.forgeNext(count),
      clear: () => core.deliveries.clearFaults(),
    },
    idle: () => core.deliveries.idle(),
    customers: {
      upsert: (customer) => copy(core.state.upsertCustomer(customer).customer),
      get: (reference) => {
        const customer = core.state.customer(reference);
        return customer && copy(customer);
      },
      address: (reference) => {
        const customer = core.state.customer(reference);
        return customer && { ...customer.address };
      },
      list: () => copy(core.state.allCustomers()),
    },
    webhooks: () => copy(core.state.webhooks()),
    events: () => copy([...core.state.history()]),
    addEvents: (count, eventOptions) => copy(core.state.addEvents(count, eventOptions)),
    emitBillingAddressUpdated: (reference) =>
      copy(core.emit(BILLING_ADDRESS_UPDATED, customerOrThrow(reference))),
    emitEvent: (typeTrigger, reference) => {
      const customer = customerOrThrow(reference);
      return copy(
        core.emit(typeTrigger, customer, core.state.billing.blocksFor(typeTrigger, customer)),
      );
    },
    billing: billingControls(core),
    deliverRaw: (target, body, headers) => core.deliveries.deliverRaw(target, body, headers),
    setVerificationTiming: (timing) => {
      core.verificationTiming = timing;
    },
    reset: (resetOptions = {}) => core.reset(resetOptions.seed ?? seed),
    close: async () => {
      core.deliveries.close();
      await server.close();
    },
  };
  server.setAdminRoutes(adminRoutes(sandbox));
  return sandbox;
};
