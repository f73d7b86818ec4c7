import { DeliveryEngine } from './deliveries.js';
import type { DeliveryOptions } from './deliveries.js';
import { FaultList } from './faults.js';
import { behaviourOf } from './profile.js';
import type { Behaviour, ProfileName } from './profile.js';
import { SandboxState } from './state.js';
import type {
  LoggedRequest,
  Notification,
  NotificationBlocks,
  StoredCustomer,
  StoredWebhook,
} from './types.js';

/*
 * The one object the sandbox's parts share: both APIs and the admin interface act on the same
 * state, deliveries, faults and request log, so a test can arrange a case through one of them and
 * observe it through another.
 */

export type VerificationTiming = 'before-response' | 'after-response';

/**
 * "After the response" means after the client has had time to read it: a code POSTed while the
 * answer is still on the wire would race the subscriber storing it.
 */
const VERIFICATION_DELAY_MS = 100;

interface CoreOptions {
  businessId: number;
  agentKey: string;
  apiKey: string;
  webhookSecret: string;
  delivery: DeliveryOptions;
  verificationTiming: VerificationTiming;
  now: () => Date;
  profile: ProfileName;
  /** Behaviours switched apart from the profile's. */
  behaviour: Partial<Behaviour>;
}

/** Everything the routes share: state, deliveries, faults and the request log. */
export class SandboxCore {
  readonly state: SandboxState;
  readonly deliveries: DeliveryEngine;
  readonly faults = new FaultList();
  readonly requestLog: LoggedRequest[] = [];
  verificationTiming: VerificationTiming;
  /** Kept by `reset()`; changed only by `setProfile`. */
  profile: ProfileName;
  /** What the routes and deliveries read where ProAbono's behaviour is undocumented. */
  behaviour: Readonly<Behaviour>;

  constructor(readonly options: CoreOptions) {
    this.state = new SandboxState(options.businessId, options.now);
    this.deliveries = new DeliveryEngine(
      () => this.options.webhookSecret,
      options.delivery,
      () => this.behaviour.goneStopsRetries,
    );
    this.verificationTiming = options.verificationTiming;
    this.profile = options.profile;
    this.behaviour = behaviourOf(options.profile, options.behaviour);
  }

  setProfile(profile: ProfileName, overrides: Partial<Behaviour> = {}): void {
    this.profile = profile;
    this.behaviour = behaviourOf(profile, overrides);
  }

  /** The key every delivery to this webhook carries, or undefined for a new one per delivery. */
  private deliveryKey(webhook: StoredWebhook): string | undefined {
    return this.behaviour.keyPerDelivery ? undefined : this.state.webhookKey(webhook.Id);
  }

  get businessId(): number {
    return this.options.businessId;
  }

  /**
   * Records a notification in the history and delivers it to every active subscriber; `blocks`
   * are what its event family carries beside the customer.
   */
  emit(typeTrigger: string, customer: StoredCustomer, blocks?: NotificationBlocks): Notification {
    const notification = this.state.recordNotification(typeTrigger, customer, undefined, blocks);
    for (const webhook of this.state.subscribers(typeTrigger)) {
      this.deliveries.enqueue({
        kind: 'notification',
        webhookId: webhook.Id,
        url: webhook.Url,
        body: notification,
        key: this.deliveryKey(webhook),
        stillWanted: () => this.state.webhook(webhook.Id)?.IsActive === true,
      });
    }
    return notification;
  }

  /** POSTs `{Code, IdWebhook}` (or `{Code}`) to the webhook's URL, awaited or not as configured. */
  async sendVerificationCode(webhook: StoredWebhook, code: string): Promise<void> {
    const spec = {
      kind: 'verification' as const,
      webhookId: webhook.Id,
      url: webhook.Url,
      body: this.behaviour.verificationIdWebhook
        ? { Code: code, IdWebhook: webhook.Id }
        : { Code: code },
      key: this.deliveryKey(webhook),
      stillWanted: () => this.state.webhook(webhook.Id) !== undefined,
    };
    if (this.verificationTiming === 'before-response') {
      await this.deliveries.sendAndWait(spec);
    } else {
      this.deliveries.enqueue(spec, VERIFICATION_DELAY_MS);
    }
  }

  reset(seed: boolean): void {
    this.state.reset(seed);
    this.deliveries.reset(true);
    this.faults.clear();
    this.requestLog.splice(0);
    this.verificationTiming = this.options.verificationTiming;
  }
}
