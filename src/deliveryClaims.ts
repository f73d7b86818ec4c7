import { randomUUID } from 'node:crypto';

import type { ZObject } from 'zapier-platform-core';

/*
 * Exactly one Zap run per notification, whatever ProAbono's at-least-once delivery does: copies
 * that arrive one after the other, at the same moment, or while another copy is still being
 * processed. Zapier runs each delivery in its own Lambda with no lock but its cache, so a copy
 * claims the notification in `z.cache` with `nx` (atomic in Zapier's cache) and marks it delivered
 * when it returns its record. A copy that finds a claim still running waits for its outcome rather
 * than vanishing: the running copy may yet fail, or be killed by Zapier's time limit.
 */

const DAY_SECONDS = 24 * 60 * 60;
/**
 * ProAbono redelivers until it gets a 200 and keeps 60 days of history from which a person can
 * "Retry delivery" by hand; a delivered notification is remembered that long.
 */
export const CLAIM_TTL_SECONDS = 60 * DAY_SECONDS;
/** Zapier stops processing a REST-hook delivery after 30 seconds: a claim older is abandoned. */
export const ZAPIER_HOOK_LIMIT_MS = 30_000;
/** How long a waiting copy sleeps between two looks at the running claim. */
const WAIT_STEPS_MS = [100, 250, 500, 1000];

/** What a claim holds in the cache. */
export interface Claim {
  state: 'running' | 'delivered';
  /** Tells claims apart, so that only one waiting copy takes over an abandoned one. */
  token: string;
  /** Epoch ms after which a running claim's copy can no longer deliver (Zapier stopped it). */
  abandonedAt: number;
}

const isClaim = (value: unknown): value is Claim =>
  typeof value === 'object' &&
  value !== null &&
  ((value as Claim).state === 'running' || (value as Claim).state === 'delivered') &&
  typeof (value as Claim).token === 'string' &&
  typeof (value as Claim).abandonedAt === 'number';

/**
 * A stored value that is not a claim was written by an earlier version, which stored the time of
 * delivery once the notification was claimed: treat it as delivered.
 */
const readClaim = async (z: ZObject, key: string): Promise<Claim | null> => {
  const stored: unknown = await z.cache.get(key);
  if (stored === null || stored === undefined) return null;
  return isClaim(stored) ? stored : { state: 'delivered', token: 'legacy', abandonedAt: 0 };
};

/** `nx` refused answers false or null: another copy holds the key. */
const setIfAbsent = async (z: ZObject, key: string, value: unknown): Promise<boolean> => {
  const written: unknown = await z.cache.set(key, value, CLAIM_TTL_SECONDS, undefined, true);
  return written !== false && written !== null;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  /** Another copy is still running when this one must stop waiting. */
  | { kind: 'running-elsewhere' };

export interface ClaimTiming {
  /** The clock, in epoch ms. */
  now: () => number;
  /** When this copy started: its own claim is abandoned `ZAPIER_HOOK_LIMIT_MS` later. */
  startedAt: number;
  /** The latest time this copy may still be waiting for another. */
  waitUntil: number;
}

/**
 * Claims the notification stored under `key` for this copy, or says why not. Without `nx` in the
 * cache (core's test double ignores it) the `get` before each write still keeps copies that arrive
 * one after the other apart; `nx` is what keeps simultaneous copies apart on Zapier.
 */
export const claimNotification = async (
  z: ZObject,
  key: string,
  { now, startedAt, waitUntil }: ClaimTiming,
): Promise<ClaimOutcome> => {
  const mine: Claim = {
    state: 'running',
    token: randomUUID(),
    abandonedAt: startedAt + ZAPIER_HOOK_LIMIT_MS,
  };
  const owner: OwnedClaim = {
    kind: 'owner',
    delivered: async () => {
      await z.cache.set(key, { ...mine, state: 'delivered' }, CLAIM_TTL_SECONDS);
    },
    release: async () => {
      // Only this copy's own claim: one that outlived its time may have been taken over.
      if ((await readClaim(z, key))?.token === mine.token) await z.cache.delete(key);
    },
  };

  for (let look = 0; ; look += 1) {
    const current = await readClaim(z, key);
    if (current === null) {
      if (await setIfAbsent(z, key, mine)) return owner;
      // Another copy claimed it in between: look at its claim after the pause.
    } else if (current.state === 'delivered') {
      return { kind: 'delivered' };
    } else if (current.abandonedAt <= now()) {
      // One taker per abandoned claim: the takeover key is claimed with `nx` too.
      if (await setIfAbsent(z, `${key}:after:${current.token}`, mine.token)) {
        await z.cache.set(key, mine, CLAIM_TTL_SECONDS);
        return owner;
      }
    }
    const pause = WAIT_STEPS_MS[Math.min(look, WAIT_STEPS_MS.length - 1)] ?? 1000;
    if (now() + pause > waitUntil) return { kind: 'running-elsewhere' };
    await sleep(pause);
  }
};
