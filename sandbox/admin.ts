import { billingAdminRoutes } from './billing.js';
import { isObject, noContent, reply } from './http.js';
import type { Reply } from './http.js';
import type { Sandbox } from './index.js';
import { PROFILE_NAMES, isProfileName, readBehaviour } from './profile.js';
import { route } from './routes.js';
import type { Route, RouteRequest } from './routes.js';
import type { CustomerSeed } from './types.js';

/*
 * `/_admin`: the in-process controls over HTTP, for a separate process (the benchmark, a shell).
 * No authentication; the server answers it on loopback only. Bodies and answers are JSON.
 */

const bad = (message: string): Reply => reply(400, { Message: message });

const attempt = async (action: () => unknown): Promise<Reply> => {
  try {
    const result = await action();
    return result === undefined ? noContent() : reply(200, result);
  } catch (error) {
    return bad(error instanceof Error ? error.message : String(error));
  }
};

const optionalNumber = (value: unknown, name: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw new Error(`${name} must be a number`);
  return value;
};

export const adminRoutes = (sandbox: Sandbox): Route[] => {
  let held: { release(): Promise<void> } | undefined;

  const body = (request: RouteRequest): Record<string, unknown> =>
    isObject(request.body) ? request.body : {};

  const addFaults = (request: RouteRequest) =>
    attempt(() => {
      const rules: unknown[] = Array.isArray(request.body) ? request.body : [request.body];
      for (const rule of rules) {
        if (!isObject(rule)) throw new Error('A fault rule must be a JSON object');
        sandbox.addFault(rule);
      }
    });

  const setDeliveryFaults = (request: RouteRequest) =>
    attempt(() => {
      const { duplicate, forgeNext, hold } = body(request);
      const times = optionalNumber(duplicate, 'duplicate');
      const forged = optionalNumber(forgeNext, 'forgeNext');
      if (times !== undefined) sandbox.deliveryFaults.duplicate(times);
      if (forged !== undefined) sandbox.deliveryFaults.forgeNext(forged);
      if (hold === true) held = sandbox.deliveryFaults.holdAndReverse();
    });

  const release = () =>
    attempt(async () => {
      const handle = held;
      held = undefined;
      await handle?.release();
    });

  const clearDeliveryFaults = () =>
    attempt(() => {
      held = undefined;
      sandbox.deliveryFaults.clear();
    });

  const deliver = (request: RouteRequest) =>
    attempt(async () => {
      const { url, body: payload, headers } = body(request);
      if (typeof url !== 'string') throw new Error('url is required');
      const status = await sandbox.deliverRaw(
        url,
        payload,
        isObject(headers) ? (headers as Record<string, string>) : undefined,
      );
      return { status };
    });

  const customer = (request: RouteRequest) => {
    const found = sandbox.customers.get(decodeURIComponent(request.params[0] ?? ''));
    return found ? reply(200, found) : reply(404, { Message: 'No such customer.' });
  };

  const address = (request: RouteRequest) => {
    const found = sandbox.customers.address(decodeURIComponent(request.params[0] ?? ''));
    return found ? reply(200, found) : reply(404, { Message: 'No such customer.' });
  };

  const addEvents = (request: RouteRequest) =>
    attempt(() => {
      const { count, typeTrigger, references, spacingMs } = body(request);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        throw new Error('count must be an integer >= 0');
      }
      const added = sandbox.addEvents(count, {
        ...(typeof typeTrigger === 'string' ? { typeTrigger } : {}),
        ...(Array.isArray(references) ? { references: references.map(String) } : {}),
        ...(typeof spacingMs === 'number' ? { spacingMs } : {}),
      });
      return { added: added.length, total: sandbox.events().length };
    });

  const emit = (request: RouteRequest) =>
    attempt(() => {
      const { ReferenceCustomer, TypeTrigger } = body(request);
      if (typeof ReferenceCustomer !== 'string') throw new Error('ReferenceCustomer is required');
      return typeof TypeTrigger === 'string'
        ? sandbox.emitEvent(TypeTrigger, ReferenceCustomer)
        : sandbox.emitBillingAddressUpdated(ReferenceCustomer);
    });

  /** Any of `verificationTiming`, `profile` and `behaviour` (single switches, with `profile`). */
  const settings = (request: RouteRequest) =>
    attempt(() => {
      const { verificationTiming, profile, behaviour } = body(request);
      if (behaviour !== undefined && profile === undefined) {
        throw new Error('behaviour must be sent with profile');
      }
      if (verificationTiming === undefined && profile === undefined) {
        throw new Error('Give verificationTiming, profile or both');
      }
      if (
        verificationTiming !== undefined &&
        verificationTiming !== 'before-response' &&
        verificationTiming !== 'after-response'
      ) {
        throw new Error('verificationTiming must be "before-response" or "after-response"');
      }
      if (profile !== undefined && !isProfileName(profile)) {
        throw new Error(
          `profile must be one of ${PROFILE_NAMES.map((name) => `"${name}"`).join(', ')}`,
        );
      }
      const overrides = behaviour === undefined ? undefined : readBehaviour(behaviour);
      if (verificationTiming !== undefined) sandbox.setVerificationTiming(verificationTiming);
      if (profile !== undefined) sandbox.setProfile(profile, overrides);
    });

  return [
    route('GET', '', () =>
      reply(200, { url: sandbox.url, env: sandbox.env, authData: sandbox.authData }),
    ),
    route('GET', '/requests', (request) => {
      const method = request.query.get('method');
      const path = request.query.get('path');
      return reply(
        200,
        sandbox.requests({
          ...(method === undefined ? {} : { method }),
          ...(path === undefined ? {} : { path }),
        }),
      );
    }),
    route('DELETE', '/requests', () => attempt(() => sandbox.resetRequests())),
    route('GET', '/deliveries', () => reply(200, sandbox.deliveries())),
    route('DELETE', '/deliveries', () => attempt(() => sandbox.resetDeliveries())),
    route('POST', '/faults', addFaults),
    route('DELETE', '/faults', () => attempt(() => sandbox.clearFaults())),
    route('POST', '/delivery-faults', setDeliveryFaults),
    route('POST', '/delivery-faults/release', release),
    route('DELETE', '/delivery-faults', clearDeliveryFaults),
    route('POST', '/deliver', deliver),
    route('GET', '/customers', () => reply(200, sandbox.customers.list())),
    route('POST', '/customers', (request) =>
      attempt(() => {
        const seed = body(request);
        if (typeof seed.ReferenceCustomer !== 'string') {
          throw new Error('ReferenceCustomer is required');
        }
        return sandbox.customers.upsert(seed as unknown as CustomerSeed);
      }),
    ),
    route('GET', '/customers/([^/]+)', customer),
    route('GET', '/customers/([^/]+)/address', address),
    route('GET', '/webhooks', () => reply(200, sandbox.webhooks())),
    route('GET', '/events', () => reply(200, sandbox.events())),
    route('POST', '/events', addEvents),
    route('POST', '/emit', emit),
    route('GET', '/settings', () =>
      reply(200, { profile: sandbox.profile, behaviour: sandbox.behaviour }),
    ),
    route('POST', '/settings', settings),
    route('GET', '/idle', () => attempt(() => sandbox.idle())),
    ...billingAdminRoutes(sandbox.billing, attempt),
    route('POST', '/reset', (request) =>
      attempt(() => {
        const { seed } = body(request);
        sandbox.reset(typeof seed === 'boolean' ? { seed } : {});
      }),
    ),
  ];
};
