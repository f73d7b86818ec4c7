import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';

import { isLoopbackHost } from './http.js';
import type { DeliveryKind, LoggedDelivery } from './types.js';

/*
 * ProAbono's webhooks as the sandbox sends them, because the instant trigger must cope with how
 * ProAbono delivers: signed POSTs, at least once, retried until a 2xx, possibly twice, late or
 * out of order, and faults a test can switch on (duplicates, held and reversed, forged).
 */

const USER_AGENT = 'ProAbono-Sandbox-Webhooks/1.0';

/** base64 of the raw SHA-256 digest of key + secret: ProAbono's webhook signature. */
export const signature = (key: string, secret: string): string =>
  createHash('sha256')
    .update(key + secret)
    .digest('base64');

export interface DeliveryOptions {
  /** Attempts per delivery, the first included (default 5). */
  attempts?: number;
  /** Delay before the first retry; each later retry waits twice as long (default 50 ms). */
  baseDelayMs?: number;
  /** How long a receiver may take to answer one attempt (default 10 s). */
  timeoutMs?: number;
}

interface DeliverySpec {
  kind: DeliveryKind;
  webhookId: number | null;
  url: string;
  body: unknown;
  /** The `x-proabono-key` of every attempt and copy; a random one when left out. */
  key?: string;
  /** Asked before each retry: a deleted or deactivated webhook gets no more attempts. */
  stillWanted?: () => boolean;
}

interface Job extends DeliverySpec {
  delivery: number;
  key: string;
  attempt: number;
  /** Jobs from before a reset or close are dropped when their answer comes back. */
  generation: number;
}

interface PostResult {
  status: number | null;
  error: string | null;
  /** The log entry of this attempt, when it was logged. */
  entry?: LoggedDelivery;
}

/**
 * Asynchronous, at-least-once delivery, as ProAbono does it: every non-2xx answer or failed
 * connection is retried with exponential backoff, up to a bounded number of attempts; a 410
 * (Zapier's "this subscription is gone") stops at once when `stopOnGone()` says so (ProAbono's
 * documents say any non-200 is retried). Also where delivery faults happen:
 * duplicated, held and reversed, or wrongly signed deliveries.
 */
export class DeliveryEngine {
  readonly log: LoggedDelivery[] = [];
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;
  private nextDelivery = 1;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private inFlight = new Set<http.ClientRequest>();
  private held: Job[] | null = null;
  private copies = 1;
  private forgeRemaining = 0;
  private generation = 0;

  constructor(
    private readonly secret: () => string,
    options: DeliveryOptions = {},
    private readonly stopOnGone: () => boolean = () => true,
  ) {
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.baseDelayMs = Math.max(0, options.baseDelayMs ?? 50);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Queues a delivery; it is sent in the background, after `delayMs` when given. */
  enqueue(spec: DeliverySpec, delayMs = 0): void {
    for (const job of this.jobsFor(spec)) {
      if (this.held) this.held.push(job);
      else if (delayMs <= 0) void this.start(job);
      else this.startLater(job, delayMs);
    }
  }

  /** Counts as pending at once, so `idle()` waits for a delivery that has not left yet. */
  private startLater(job: Job, delayMs: number): void {
    this.pending += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (job.generation !== this.generation) return;
      void this.attempt(job);
    }, delayMs);
    this.timers.add(timer);
  }

  /**
   * Sends a delivery and resolves once its first attempt has been answered (retries, if any,
   * continue in the background). Held deliveries resolve at once.
   */
  async sendAndWait(spec: DeliverySpec): Promise<void> {
    const jobs = this.jobsFor(spec);
    if (this.held) {
      this.held.push(...jobs);
      return;
    }
    await Promise.all(jobs.map((job) => this.start(job)));
  }

  /** One POST, signed with the real secret unless `headers` say otherwise; no retry. */
  async deliverRaw(url: string, body: unknown, headers: Record<string, string> = {}) {
    const job: Job = {
      kind: 'raw',
      webhookId: null,
      url,
      body,
      delivery: this.nextDelivery++,
      key: randomBytes(16).toString('hex'),
      attempt: 1,
      generation: this.generation,
    };
    const result = await this.post(job, headers);
    return result.status ?? 0;
  }

  // ── delivery faults ───────────────────────────────────────────────────────

  /** Every later delivery is sent `times` times in total (2 = each arrives twice). */
  duplicate(times: number): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new Error(`duplicate: times must be an integer >= 1, got ${times}`);
    }
    this.copies = times;
  }

  /** Holds every later delivery until `release()`, which sends them newest first. */
  holdAndReverse(): { release(): Promise<void> } {
    const held: Job[] = this.held ?? [];
    this.held = held;
    return {
      release: async () => {
        if (this.held === held) this.held = null;
        // Deliveries held before a reset or close were cancelled with it.
        const reversed = held
          .splice(0)
          .filter((job) => job.generation === this.generation)
          .reverse();
        // One after the other, so receivers see them in exactly the reversed order.
        for (const job of reversed) await this.start(job);
      },
    };
  }

  /** The next `count` POSTs carry a signature made with the wrong secret. */
  forgeNext(count = 1): void {
    this.forgeRemaining += count;
  }

  /** Ends every delivery fault; held deliveries are sent in their original order. */
  clearFaults(): void {
    this.copies = 1;
    this.forgeRemaining = 0;
    const held = this.held;
    this.held = null;
    for (const job of held ?? []) this.start(job).catch(() => undefined);
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────

  /** Resolves when nothing is being sent or waiting for a retry (held deliveries excepted). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Forgets queued and held deliveries and every fault; the log is kept unless asked. */
  reset(clearLog: boolean): void {
    this.cancelAll();
    this.copies = 1;
    this.forgeRemaining = 0;
    if (clearLog) this.log.splice(0);
  }

  close(): void {
    this.cancelAll();
  }

  private cancelAll(): void {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
    this.held = null;
    this.pending = 0;
    this.notifyIdle();
  }

  private jobsFor(spec: DeliverySpec): Job[] {
    const delivery = this.nextDelivery++;
    const key = spec.key ?? randomBytes(16).toString('hex');
    return Array.from({ length: this.copies }, () => ({
      ...spec,
      delivery,
      key,
      attempt: 1,
      generation: this.generation,
    }));
  }

  /** Runs the first attempt; resolves when it has been answered. */
  private start(job: Job): Promise<void> {
    this.pending += 1;
    return this.attempt(job);
  }

  private async attempt(job: Job): Promise<void> {
    const result = await this.post(job);
    if (job.generation !== this.generation) return;
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const gone = result.status === 410 && this.stopOnGone();
    const refused = result.status === null && result.error?.startsWith('not sent') === true;
    if (delivered || gone || refused || job.attempt >= this.attempts) {
      this.finish();
      return;
    }
    const delay = this.baseDelayMs * 2 ** (job.attempt - 1);
    if (result.entry) result.entry.retryInMs = delay;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (job.stillWanted && !job.stillWanted()) {
        this.finish();
        return;
      }
      void this.attempt({ ...job, attempt: job.attempt + 1 });
    }, delay);
    this.timers.add(timer);
  }

  private finish(): void {
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0) this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters.splice(0);
    for (const resolve of waiters) resolve();
  }

  private async post(job: Job, override: Record<string, string> = {}): Promise<PostResult> {
    const forged = job.kind !== 'raw' && this.forgeRemaining > 0;
    if (forged) this.forgeRemaining -= 1;
    const secret = forged ? `not-${this.secret()}` : this.secret();
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': USER_AGENT,
      'x-proabono-key': job.key,
      'x-proabono-signature': signature(job.key, secret),
      ...Object.fromEntries(Object.entries(override).map(([name, v]) => [name.toLowerCase(), v])),
    };
    const payload = typeof job.body === 'string' ? job.body : JSON.stringify(job.body);
    const result = await this.send(job.url, payload, headers);
    if (job.generation !== this.generation) return result;
    const entry: LoggedDelivery = {
      delivery: job.delivery,
      kind: job.kind,
      webhookId: job.webhookId,
      url: job.url,
      body: job.body,
      headers,
      attempt: job.attempt,
      status: result.status,
      error: result.error,
      forged,
      retryInMs: null,
    };
    this.log.push(entry);
    return { ...result, entry };
  }

  private send(url: string, payload: string, headers: Record<string, string>): Promise<PostResult> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve({ status: null, error: 'not sent: the URL is not valid' });
    }
    // This emulator only ever talks to receivers on this machine.
    if (target.protocol !== 'http:' || !isLoopbackHost(target.hostname)) {
      return Promise.resolve({
        status: null,
        error: 'not sent: the sandbox delivers only to http:// loopback addresses',
      });
    }
    return new Promise((resolve) => {
      const hostname = target.hostname.replace(/^\[|\]$/g, '');
      // The two-argument form on purpose: zapier-platform-core replaces http.request in the
      // process it runs in (to log calls) with a wrapper that only understands (options, callback).
      const request = http.request(
        {
          protocol: 'http:',
          hostname,
          host: hostname,
          port: target.port || 80,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          agent: false,
          timeout: this.timeoutMs,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(payload)) },
        },
        (response) => {
          response.resume();
          const done = () => {
            this.inFlight.delete(request);
            resolve({ status: response.statusCode ?? null, error: null });
          };
          response.on('end', done);
          response.on('error', done);
        },
      );
      this.inFlight.add(request);
      request.on('timeout', () =>
        request.destroy(new Error('the receiver did not answer in time')),
      );
      request.on('error', (error) => {
        this.inFlight.delete(request);
        resolve({ status: null, error: error.message });
      });
      request.end(payload);
    });
  }
}
