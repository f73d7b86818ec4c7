import { setEnv } from '../../sandbox/zapier/zapierHarness.js';
import { clearZcache, zcache } from './app.js';

/*
 * What the unit tests of Create Customer's second write (the billing address) share with those of
 * Find Customer, which finishes it on a replay: where a failed run leaves the address in z.cache.
 */

/** The z.cache key where a run left cust-42's address it could not write. */
const PENDING_KEY = 'proabono:v1:pending-address:42:cust-42';

/**
 * Each test starts with nothing in z.cache and a short request timeout, which keeps the address
 * write's retries short: their pauses and timeouts are shares of it. Gives what the tests read and
 * write of z.cache.
 */
export const usePendingAddressTest = () => {
  let restore: () => void = () => undefined;
  beforeEach(() => {
    restore = setEnv({ PROABONO_TIMEOUT_MS: '1000' });
    clearZcache();
  });
  afterEach(() => restore());
  return {
    /** What a failed run left for a replay: the customer it created (its number), the address. */
    leavePending: (customerId: number | null, address: object): void => {
      zcache()[PENDING_KEY] = JSON.stringify({ customerId, address });
    },
    /** What is pending for cust-42 (undefined when nothing is). */
    pendingLeft: (): unknown => {
      const entry = zcache()[PENDING_KEY];
      return entry === undefined ? undefined : JSON.parse(entry);
    },
    /** Nothing at all was left in z.cache: no address pending, nothing else. */
    expectNothingLeft: (): void => {
      expect(zcache()).toEqual({});
    },
  };
};
