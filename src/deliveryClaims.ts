import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { ZObject } from 'zapier-platform-core';

import { isRecord } from './isRecord.js';

/*
 * Exactly one Zap run per notification, whatever ProAbono's at-least-once delivery does: copies
 * that arrive one after the other, at the same moment, or while another copy is still being
 * processed. Zapier runs each delivery in its own Lambda with no lock but its cache, so a copy
 * claims the notification in `z.cache` with `nx` (atomic in Zapier's cache) and marks it delivered
 * when it returns its record. The claim is a short lease that its owner renews while it works: a
 * copy that dies (Zapier stops its Lambda) stops renewing, and a later copy takes over within
 * seconds instead of waiting out Zapier's whole limit. The same lease, given back instead of
 * marked delivered, is a hold for work two runs must not do at once (`takeHold`).
 */

const DAY_SECONDS = 24 * 60 * 60;
/**
 * ProAbono redelivers until it gets a 200 and keeps 60 days of history from which a person can
 * "Retry delivery" by hand; a delivered notification is remembered that long.
 */
const CLAIM_TTL_SECONDS = 60 * DAY_SECONDS;
/**
 * How long a running claim holds without being renewed: long enough that a slow cache round trip
 * never looks like a dead owner, short enough that a copy arriving right after a dead one still
 * takes over, and delivers, well within Zapier's 30 seconds.
 */
export const LEASE_MS = 10_000;
/** How often a working owner renews its lease: four chances before it runs out. */
export const RENEW_EVERY_MS = 2_500;
/** How long a waiting copy sleeps between two looks at the running claim. */
const WAIT_STEPS_MS = [100, 250, 500, 1000];

/** What a claim holds in the cache. */
export interface Claim {
  state: 'running' | 'delivered';
  /** Tells claims apart, so that only one waiting copy takes over an abandoned one. */
  token: string;
  /** Epoch ms after which a running claim whose owner stopped renewing can be taken over. */
  leaseUntil: number;
}

/** The previous version's claims held for Zapier's whole 30 s from their copy's start. */
const PREVIOUS_VERSION_HOLD_MS = 30_000;

/**
 * The lease of a stored claim. The previous version stored `abandonedAt` (its copy's start plus
 * 30 s) and never renewed it: read as a lease from that start, as one of ours would be, so that a
 * copy arriving after a dead one of that version still delivers within Zapier's 30 s. Were that
 * copy alive and slower than the lease, the notification would run twice rather than be lost.
 */
const leaseOf = (value: Record<string, unknown>): number => {
  if (typeof value.leaseUntil === 'number') return value.leaseUntil;
  if (typeof value.abandonedAt === 'number') {
    return value.abandonedAt - PREVIOUS_VERSION_HOLD_MS + LEASE_MS;
  }
  return 0;
};

/**
 * A stored claim. Any value that is not one was written by an earlier version, which stored the
 * time of delivery once the notification was claimed: delivered.
 */
const asClaim = (stored: unknown): Claim => {
  const value = isRecord(stored) ? stored : undefined;
  const state = value?.state;
  const token = value?.token;
  if (value && (state === 'running' || state === 'delivered') && typeof token === 'string') {
    return { state, token, leaseUntil: leaseOf(value) };
  }
  return { state: 'delivered', token: 'legacy', leaseUntil: 0 };
};

const readClaim = async (z: ZObject, key: string): Promise<Claim | null> => {
  const stored: unknown = await z.cache.get(key);
  return stored === null || stored === undefined ? null : asClaim(stored);
};

/** `nx` refused answers false or null: another copy holds the key. */
const setIfAbsent = async (
  z: ZObject,
  key: string,
  value: unknown,
  ttlSeconds: number,
): Promise<boolean> => {
  const written: unknown = await z.cache.set(key, value, ttlSeconds, undefined, true);
  return written !== false && written !== null;
};

export interface OwnedClaim {
  kind: 'owner';
  /** Records that this copy returned the notification's record: later copies drop theirs. */
  delivered(): Promise<void>;
  /** Gives the claim back after a failure, so that another copy can still deliver. */
  release(): Promise<void>;
}

export type ClaimOutcome =
  | OwnedClaim
  /** Another copy returned the record already. */
  | { kind: 'delivered' }
  /** Another copy is still working, and renewing its lease, when this one must stop waiting. */
  | { kind: 'running-elsewhere' }
  /**
   * Zapier's cache failed before anything was claimed: the copy runs without the check, since
   * a duplicate run is better than a lost notification.
   */
  | { kind: 'unchecked'; cause: unknown };

interface ClaimTiming {
  /** The clock, in epoch ms. */
  now: () => number;
  /** The latest time this copy may still be waiting for another. */
  waitUntil: number;
  /** Told of every cache failure after the claim was made (they never fail the delivery). */
  onCacheFailure?: (what: string, cause: unknown) => void;
  /** How long the cache keeps the claim; a notification's by default. */
  ttlSeconds?: number;
}

/**
 * The owner's side of a claim: a lease renewed every few seconds until the copy marks the
 * notification delivered or gives it back. Renewing and the final write touch the claim only
 * while it is still this copy's: a copy so slow that another took over does not overwrite it.
 */
const ownClaim = (
  z: ZObject,
  key: string,
  mine: Claim,
  { now, onCacheFailure = () => undefined, ttlSeconds = CLAIM_TTL_SECONDS }: ClaimTiming,
): OwnedClaim => {
  let renewing: Promise<void> = Promise.resolve();
  const renew = () => {
    renewing = (async () => {
      try {
        if ((await readClaim(z, key))?.token !== mine.token) return;
        await z.cache.set(key, { ...mine, leaseUntil: now() + LEASE_MS }, ttlSeconds);
      } catch (error) {
        onCacheFailure('renewing the claim', error);
      }
    })();
  };
  const timer = setInterval(renew, RENEW_EVERY_MS);
  // A Lambda or a test process never waits on a renewal to exit.
  timer.unref();
  const stop = async () => {
    clearInterval(timer);
    await renewing;
  };
  return {
    kind: 'owner',
    delivered: async () => {
      await stop();
      try {
        await z.cache.set(key, { ...mine, state: 'delivered' }, ttlSeconds);
      } catch (error) {
        onCacheFailure('marking the notification delivered', error);
      }
    },
    release: async () => {
      await stop();
      try {
        if ((await readClaim(z, key))?.token === mine.token) await z.cache.delete(key);
      } catch (error) {
        onCacheFailure('giving the claim back', error);
      }
    },
  };
};

/**
 * Claims the notification stored under `key` for this copy, or says why not. Without `nx` in the
 * cache (core's test double ignores it) the `get` before each write still keeps copies that arrive
 * one after the other apart; `nx` is what keeps simultaneous copies apart on Zapier.
 */
export const claimNotification = async (
  z: ZObject,
  key: string,
  timing: ClaimTiming,
): Promise<ClaimOutcome> => {
  const { now, waitUntil, ttlSeconds = CLAIM_TTL_SECONDS } = timing;
  const mine: Claim = { state: 'running', token: randomUUID(), leaseUntil: now() + LEASE_MS };
  for (let look = 0; ; look += 1) {
    try {
      const current = await readClaim(z, key);
      if (current === null) {
        if (await setIfAbsent(z, key, mine, ttlSeconds)) return ownClaim(z, key, mine, timing);
        // Another copy claimed it in between: look at its claim after the pause.
      } else if (current.state === 'delivered') {
        return { kind: 'delivered' };
      } else if (current.leaseUntil <= now()) {
        // Its owner stopped renewing. One taker per abandoned claim: the takeover key is claimed
        // with `nx` too.
        if (await setIfAbsent(z, `${key}:after:${current.token}`, mine.token, ttlSeconds)) {
          const taken = { ...mine, leaseUntil: now() + LEASE_MS };
          await z.cache.set(key, taken, ttlSeconds);
          return ownClaim(z, key, taken, timing);
        }
      }
    } catch (cause) {
      return { kind: 'unchecked', cause };
    }
    const pause = WAIT_STEPS_MS[Math.min(look, WAIT_STEPS_MS.length - 1)] ?? 1000;
    if (now() + pause > waitUntil) return { kind: 'running-elsewhere' };
    await sleep(pause);
  }
};

/** How long the cache keeps a hold: longer than any holder works, so a dead one's goes soon. */
const HOLD_TTL_SECONDS = 60;

/**
 * A hold on `key` for work that two runs must not do at once (comparing a customer's address
 * with a Zap's memory, looking a subscription up then creating it): a claim's lease that is given
 * back, never marked delivered. Answers the function that gives it back; `undefined`, logged,
 * when the cache fails or another run keeps it past `deadline`: the run then goes on without it,
 * as losing the work would be worse than the rare double.
 */
export const takeHold = async (
  z: ZObject,
  key: string,
  { deadline, what, log }: { deadline: number; what: string; log: (line: string) => void },
): Promise<(() => Promise<void>) | undefined> => {
  const hold = await claimNotification(z, key, {
    now: Date.now,
    waitUntil: deadline,
    ttlSeconds: HOLD_TTL_SECONDS,
    onCacheFailure: (failed) => log(`Zapier's cache failed while ${failed} on ${what}.`),
  });
  if (hold.kind === 'owner') return () => hold.release();
  log(
    hold.kind === 'unchecked'
      ? `Zapier's cache failed while holding ${what}; this run goes on without holding it.`
      : `another run held ${what} too long; this run goes on without holding it.`,
  );
  return undefined;
};
