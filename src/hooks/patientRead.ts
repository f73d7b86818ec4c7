import { setTimeout as sleep } from 'node:timers/promises';

import { requestTimeoutMs } from '../api/config.js';
import { errorCodeOf, type ErrorCode } from '../api/errorFactories.js';

/*
 * A read an instant trigger makes for a notification it must not lose (the customer's address, an
 * invoice's PDF link): tried again after a pause when ProAbono or the network fails transiently,
 * within the delivery's time budget. When it still fails, the caller delivers the record anyway,
 * with the value left for later, rather than throwing the notification away.
 */

/** Pauses before the second and third read, when the first failed transiently. */
const READ_RETRY_PAUSES_MS = [250, 1000];
/** A read is not started with less time than this left. */
const MIN_READ_MS = 1_000;
/**
 * Failures a second read moments later may not meet: ProAbono's server or the way to it. A 429 is
 * not among them: ProAbono asks for tens of seconds, and Zapier itself schedules a throttled
 * hydration for later, which a retry here could only delay.
 */
const READ_AGAIN_AFTER: ReadonlySet<ErrorCode> = new Set([
  'server_error',
  'timeout',
  'unreachable',
]);

type PatientRead<T> = { value: T } | { failure: string };

/**
 * `read`'s value, or why it could not be had by `deadline` (epoch ms): an error code, or
 * "no time was left to read it". `read` gets the time it may take, in ms; `onRetry` hears of
 * each retry.
 */
export const readPatiently = async <T>(
  read: (timeoutMs: number) => Promise<T>,
  deadline: number,
  onRetry: (code: ErrorCode) => void,
): Promise<PatientRead<T>> => {
  for (let attempt = 0; ; attempt += 1) {
    const remaining = deadline - Date.now();
    if (remaining < MIN_READ_MS) return { failure: 'no time was left to read it' };
    try {
      return { value: await read(Math.min(requestTimeoutMs(), remaining)) };
    } catch (error) {
      const code = errorCodeOf(error);
      const pause = READ_RETRY_PAUSES_MS[attempt];
      if (code === undefined || !READ_AGAIN_AFTER.has(code) || pause === undefined) {
        return { failure: code ?? 'unexpected_error' };
      }
      onRetry(code);
      await sleep(pause);
    }
  }
};
