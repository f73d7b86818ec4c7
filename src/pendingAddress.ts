import { setTimeout as sleep } from 'node:timers/promises';

import type { ZObject } from 'zapier-platform-core';

import { ADDRESS_FIELD_KEYS } from './api/addressFieldKeys.js';
import type { ProAbonoClient } from './api/client.js';
import { requestTimeoutMs } from './api/config.js';
import type { AnyCustomer } from './mappers/customerRecord.js';
import type { BillingAddress, BillingAddressUpdate } from './api/schemas.js';
import {
  errorCodeOf,
  errorStatusOf,
  retryDelayOf,
  throttledError,
  userError,
  userMessageOf,
} from './api/errorFactories.js';
import { CUSTOMER_FIELD_LABELS as labels } from './fields/labels.js';
import { fieldsThatWouldChange, isEmptyAddress } from './mappers/addressComparison.js';
import { quoted } from './quoted.js';

/*
 * The billing address of a customer Create Customer has just created: a second request, which can
 * fail after the first one succeeded. It is retried within the step's time, and when it still
 * fails the customer is left with no address and a way forward: a replay of the same step
 * finishes it, whether the step is Create Customer (which recognises its own customer) or Find or
 * Create Customer (whose search finds the customer and reads what is left to do from `z.cache`;
 * when the cache cannot keep it, the message says so and names the step that sets the address).
 */

/**
 * What the retries may spend, as shares of the request timeout (25 s; less under
 * PROABONO_TIMEOUT_MS), counted from the step's start: Zapier stops a step after 30 s, and the
 * message must be written before then. With 25 s: attempts of at most 7.5 s, pauses of 0.5 s and
 * 1 s, and 3 s kept to read the address back after a timeout.
 */
const ATTEMPTS = 3;
const ATTEMPT_SHARE = 0.3;
const MIN_ATTEMPT_SHARE = 0.08;
const READ_BACK_SHARE = 0.12;
const PAUSE_SHARES = [0.02, 0.04];

/** Failures another attempt may get past: ProAbono's 5xx, no answer in time, no connection. */
const TRANSIENT = new Set(['server_error', 'timeout', 'unreachable']);

/**
 * Who writes the address, for the messages: Create Customer (alone, or inside Find or Create
 * Customer), or Find Customer finishing what an earlier Create Customer step left undone.
 */
type AddressWriter = 'create' | 'create-in-find-or-create' | 'find';

/** Each writer's words: how its message opens, and what a new run of the step does. */
interface Wording {
  notSaved: string;
  unconfirmed: string;
  throttled: string;
  /** What a run started by Zapier after a 429 does. */
  rerun: string;
  /** What a replay does; `ifMissing` when the address may have been saved meanwhile. */
  replay: (ifMissing: boolean) => string;
  /** The way forward when ProAbono refused the address itself. */
  whenRefused: (invalidData: boolean) => string;
}

/** What a replay recognises the step's customer by (isCreatedFrom), so the user must keep it. */
const LEAVE_IDENTITY =
  `leave its ${labels.Name}, ${labels.Email}, ${labels.Language}, ${labels.ReferenceAffiliation}, ` +
  `${labels.Metadata} and ${labels.ReferenceSegment} as they are`;

const createWording = (reference: string, findOrCreate: boolean): Wording => {
  const replay = (ifMissing: boolean) =>
    `the replay finds the customer this step created and sets its address` +
    `${ifMissing ? ' if it is still missing' : ''}, without creating another customer ` +
    `(${LEAVE_IDENTITY})`;
  return {
    notSaved: `Customer ${quoted(reference)} was created, but its billing address was not saved`,
    unconfirmed: `Customer ${quoted(reference)} was created, but ProAbono did not confirm its billing address`,
    throttled:
      `Customer ${quoted(reference)} was created, but ProAbono is limiting the number of ` +
      'requests (HTTP 429), so its billing address is not saved yet',
    rerun:
      'the new run finds the customer this step created and sets its address, without creating ' +
      'another customer',
    replay,
    whenRefused: (invalidData) =>
      findOrCreate
        ? // The search of a replayed Find or Create Customer step would find the customer and stop.
          'Correct the address, then set it with an Update Customer Billing Address step.'
        : invalidData
          ? `Correct the address in this step, then replay it: ${replay(false)}.`
          : `Once that is solved, replay this step: ${replay(false)}.`,
  };
};

const findWording = (reference: string): Wording => {
  const opening =
    `Customer ${quoted(reference)} was found without the billing address an earlier Create ` +
    'Customer step could not save';
  return {
    notSaved: `${opening}, and saving it now failed`,
    unconfirmed: `${opening}, and ProAbono did not confirm it now either`,
    throttled: `${opening}, and ProAbono is limiting the number of requests (HTTP 429), so it is still not saved`,
    rerun: 'the new run sets it',
    replay: (ifMissing) => `it sets the address${ifMissing ? ' if it is still missing' : ''}`,
    whenRefused: () => 'Set the address with Update Customer Billing Address.',
  };
};

const wordingOf = (writer: AddressWriter, reference: string): Wording =>
  writer === 'find' ? findWording(reference) : createWording(reference, writer !== 'create');

interface Attempted {
  /** The last failure. */
  error: unknown;
  /** The code of each attempt's failure, in order. */
  codes: (string | undefined)[];
}

/**
 * A failure after which ProAbono may hold the address all the same: no answer in time, or a
 * success answer the connector could not read.
 */
const UNCERTAIN = new Set(['timeout', 'unexpected_response']);

/**
 * Posts the address, again after a short pause when ProAbono failed in a way another attempt may
 * get past, within the step's time. Answers the stored address, or what the attempts met.
 */
const attemptWrites = async (
  client: ProAbonoClient,
  reference: string,
  address: BillingAddressUpdate,
  deadline: number,
  limit: number,
): Promise<{ stored: BillingAddress } | Attempted> => {
  const reserve = READ_BACK_SHARE * limit;
  const codes: (string | undefined)[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const available = Math.min(ATTEMPT_SHARE * limit, deadline - Date.now() - reserve);
    // The first attempt is made whatever the clock says: the step has nothing to report yet.
    const timeout = Math.round(Math.max(available, attempt === 1 ? MIN_ATTEMPT_SHARE * limit : 0));
    try {
      return { stored: await client.updateBillingAddress(reference, address, { timeout }) };
    } catch (error) {
      const code = errorCodeOf(error);
      codes.push(code);
      const pause = (PAUSE_SHARES[attempt - 1] ?? 0) * limit;
      const next = Math.min(ATTEMPT_SHARE * limit, deadline - Date.now() - pause - reserve);
      const retry =
        TRANSIENT.has(code ?? '') && attempt < ATTEMPTS && next >= MIN_ATTEMPT_SHARE * limit;
      if (!retry) return { error, codes };
      await sleep(pause);
    }
  }
};

/** The address ProAbono holds after a timeout, or `undefined` when it cannot be read in time. */
const readBack = async (
  client: ProAbonoClient,
  reference: string,
  deadline: number,
  limit: number,
): Promise<BillingAddress | undefined> => {
  const timeout = Math.round(Math.min(READ_BACK_SHARE * limit, deadline - Date.now()));
  if (timeout < MIN_ATTEMPT_SHARE * limit) return undefined;
  try {
    return await client.getBillingAddress(reference, { timeout });
  } catch {
    return undefined;
  }
};

const times = (count: number) => (count === 1 ? 'once' : `${count} times`);

/** Why the attempts failed when none may have saved the address, as a clause. */
const failedReason = ({ error, codes }: Attempted): string => {
  const tried = times(codes.length);
  if (codes.every((code) => code === 'server_error')) {
    const status = errorStatusOf(error);
    return (
      `ProAbono answered with a server error${status === undefined ? '' : ` (HTTP ${status})`} ` +
      `each time it was sent (${tried})`
    );
  }
  if (codes.every((code) => code === 'unreachable')) {
    return `ProAbono could not be reached (tried ${tried})`;
  }
  return `ProAbono failed each time it was sent, with a server error or no connection (${tried})`;
};

/**
 * The way forward when a replay would not finish the address: Find or Create Customer's search
 * finishes it only from what `z.cache` remembers, and the cache could not keep it.
 */
const noReplay = (when: string) =>
  "Zapier's cache could not keep the address for a replay, and a replay of this step would " +
  `find the customer and stop there: ${when}, set the address with an Update Customer Billing ` +
  'Address step.';

/**
 * The error a step fails with when the address could not be confirmed saved. `replayFinishes`:
 * whether a replay (or Zapier's new run after a 429) of the step would write the address.
 */
const notSavedError = (
  writer: AddressWriter,
  reference: string,
  last: Attempted,
  current: BillingAddress | undefined,
  replayFinishes: boolean,
): Error => {
  const words = wordingOf(writer, reference);
  const code = errorCodeOf(last.error);
  if (code === 'throttled') {
    const delay = retryDelayOf(last.error) ?? 60;
    if (!replayFinishes) {
      return userError(`${words.throttled}. ${noReplay('in a few minutes')}`, 'address_not_saved');
    }
    return throttledError(
      `${words.throttled}. Zapier will run this step again in ${delay} seconds: ${words.rerun}.`,
      delay,
    );
  }
  if (!TRANSIENT.has(code ?? '')) {
    // ProAbono refused the address itself: sent again as it is, it would be refused again. (An
    // answer it gave that could not be read was checked by reading the address back.)
    return userError(
      `${words.notSaved}: ${userMessageOf(last.error)} ${words.whenRefused(code === 'invalid_data')}`,
      'address_not_saved',
    );
  }
  if (!last.codes.includes('timeout')) {
    return userError(
      `${words.notSaved}: ${failedReason(last)}. ` +
        (replayFinishes
          ? `Replay this step once ProAbono has recovered: ${words.replay(false)}.`
          : noReplay('once ProAbono has recovered')),
      'address_not_saved',
    );
  }
  const allTimedOut = last.codes.every((attempt) => attempt === 'timeout');
  const noAnswer =
    `it did not answer in time${allTimedOut ? '' : ' at least once'} ` +
    `(tried ${times(last.codes.length)})`;
  if (current !== undefined && !isEmptyAddress(current)) {
    return userError(
      `${words.unconfirmed}: ${noAnswer}, and the address read back just after holds other ` +
        "values than this step's. Check the customer's billing address in ProAbono, and set it " +
        'with Update Customer Billing Address if needed.',
      'address_not_saved',
    );
  }
  const checked =
    current === undefined
      ? 'the address could not be read back to check'
      : 'the address read back just after was still empty, though ProAbono may yet save it';
  return userError(
    `${words.unconfirmed}: ${noAnswer}, and ${checked}. ` +
      (replayFinishes
        ? `Replay this step in a few minutes: ${words.replay(true)}.`
        : noReplay('if it is still missing in a few minutes')),
    'address_not_saved',
  );
};

// ── what is left to do, remembered for a replay ─────────────────────────────

const DAY_SECONDS = 24 * 60 * 60;
/** Zapier keeps a run replayable for weeks; a half-finished creation is remembered a month. */
const PENDING_TTL_SECONDS = 30 * DAY_SECONDS;

/** The address a creation left unsaved, and ProAbono's number for the customer it created. */
interface PendingAddress {
  customerId: number | null;
  address: BillingAddressUpdate;
}

/** Every key starts with the business: Zapier's cache is shared by all users of the integration. */
const pendingKey = (businessId: number, reference: string): string =>
  `proabono:v1:pending-address:${businessId}:${reference}`;

const customerIdOf = (customer: AnyCustomer): number | null =>
  typeof customer.Id === 'number' ? customer.Id : null;

const readPending = async (z: ZObject, key: string): Promise<PendingAddress | undefined> => {
  const stored: unknown = await z.cache.get(key);
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { customerId, address } = stored as Partial<Record<keyof PendingAddress, unknown>>;
  if (typeof address !== 'object' || address === null) return undefined;
  const fields = Object.fromEntries(
    ADDRESS_FIELD_KEYS.flatMap((key) => {
      const value = (address as Record<string, unknown>)[key];
      return typeof value === 'string' ? [[key, value]] : [];
    }),
  ) as BillingAddressUpdate;
  if (Object.keys(fields).length === 0) return undefined;
  return { customerId: typeof customerId === 'number' ? customerId : null, address: fields };
};

/**
 * The cache only helps a replay: a failure to reach it must not replace the message that says
 * what happened to the customer. `undefined` when it failed.
 */
const quietly = async <T>(
  z: ZObject,
  work: () => Promise<T>,
  what: string,
): Promise<T | undefined> => {
  try {
    return await work();
  } catch (error) {
    z.console.log(`Could not ${what} in Zapier's cache: ${userMessageOf(error).slice(0, 200)}`);
    return undefined;
  }
};

interface AddressTask {
  z: ZObject;
  client: ProAbonoClient;
  customer: AnyCustomer;
  address: BillingAddressUpdate;
  /** When the step started (epoch ms): its writes end within its time. */
  startedAt: number;
  writer: AddressWriter;
  /** Whether an earlier run may have left this address pending: forgotten once written. */
  replay: boolean;
}

/**
 * Writes the billing address of a customer a Create Customer step created, retrying within the
 * step's time. When it still fails, what is left to do is remembered for a replay (unless ProAbono
 * refused the values themselves), and the error says what was saved and what to do; after a
 * timeout the address is read back first, and a read-back that shows it saved is a success.
 */
export const writeNewCustomerAddress = async ({
  z,
  client,
  customer,
  address,
  startedAt,
  writer,
  replay,
}: AddressTask): Promise<BillingAddress> => {
  const reference = customer.ReferenceCustomer;
  const key = pendingKey(client.businessId, reference);
  const limit = requestTimeoutMs();
  const deadline = startedAt + limit;
  const done = async (saved: BillingAddress) => {
    if (replay) await forgetPendingAddress(z, client, reference);
    return saved;
  };
  const failure = await attemptWrites(client, reference, address, deadline, limit);
  if ('stored' in failure) return done(failure.stored);
  const current = failure.codes.some((code) => UNCERTAIN.has(code ?? ''))
    ? await readBack(client, reference, deadline, limit)
    : undefined;
  if (current !== undefined && fieldsThatWouldChange(current, address).length === 0) {
    return done(current);
  }
  const code = errorCodeOf(failure.error) ?? '';
  let remembered = false;
  if (TRANSIENT.has(code) || code === 'throttled') {
    const pending: PendingAddress = { customerId: customerIdOf(customer), address };
    remembered =
      (await quietly(
        z,
        async () => {
          await z.cache.set(key, pending, PENDING_TTL_SECONDS);
          return true;
        },
        'remember the address',
      )) === true;
  }
  // Create Customer's replay recognises its customer by itself; Find or Create's needs the cache.
  const replayFinishes = writer !== 'create-in-find-or-create' || remembered;
  throw notSavedError(writer, reference, failure, current, replayFinishes);
};

/**
 * Find Customer's part in finishing a half-done creation: when the customer found has no address
 * and a Create Customer step left its address unsaved for this very customer, the address is
 * written now, so that a replayed Find or Create Customer step ends with it. `undefined` when
 * there is nothing to finish; a customer with an address costs no cache read and no write.
 */
export const finishPendingAddress = async (
  z: ZObject,
  client: ProAbonoClient,
  customer: AnyCustomer,
  current: BillingAddress,
  startedAt: number,
): Promise<BillingAddress | undefined> => {
  if (!isEmptyAddress(current)) return undefined;
  const pending = await quietly(
    z,
    () => readPending(z, pendingKey(client.businessId, customer.ReferenceCustomer)),
    'read what an earlier step left to do',
  );
  const id = customerIdOf(customer);
  if (pending === undefined) return undefined;
  if (pending.customerId !== null && id !== null && pending.customerId !== id) return undefined;
  return writeNewCustomerAddress({
    z,
    client,
    customer,
    address: pending.address,
    startedAt,
    writer: 'find',
    replay: true,
  });
};

/** Forgets what a creation left to do, once a replay found its address saved after all. */
export const forgetPendingAddress = async (
  z: ZObject,
  client: ProAbonoClient,
  reference: string,
): Promise<void> => {
  await quietly(
    z,
    () => z.cache.delete(pendingKey(client.businessId, reference)),
    'forget the saved address',
  );
};
