import type { Bundle, ZObject, createAppTester } from 'zapier-platform-core';

/*
 * What Zapier does around an app's functions, for everything that drives the app outside Zapier
 * (the hook runner, `npm start`, the bench and the tests): the bundle it hands a hook's `perform`
 * for a delivery, with the headers renamed its way; the `hydrate|||…|||hydrate` placeholders it
 * resolves before a Zap uses a record; how it finds an operation's functions in the definition;
 * the environment it copies into process.env. One place to fix when Zapier changes one of them.
 * It knows nothing of ProAbono and imports nothing from src/: it works for any app.
 */

export type AppFunction = (z: ZObject, bundle: Bundle) => unknown;
export type AppTester = ReturnType<typeof createAppTester>;
export type OperationKind = 'triggers' | 'creates' | 'searches';

/**
 * The function at a dotted path of an app definition, as Zapier names it in a step's `method`
 * or a placeholder: `triggers.x.operation.perform`, `hydrators.y`, `authentication.test`.
 */
export const functionAt = (app: object, path: string): AppFunction => {
  const found = path
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      app,
    );
  if (typeof found !== 'function') throw new Error(`The app has no function at ${path}`);
  return found as AppFunction;
};

/** An operation's function by kind and key (`perform` unless named otherwise). */
export const performOf = (
  app: object,
  kind: OperationKind,
  key: string,
  name = 'perform',
): AppFunction => {
  const operation = (app as Partial<Record<OperationKind, Record<string, { operation?: object }>>>)[
    kind
  ]?.[key]?.operation as Record<string, unknown> | undefined;
  const found = operation?.[name];
  if (typeof found !== 'function') throw new Error(`${kind}.${key} has no ${name} function`);
  return found as AppFunction;
};

// ── deliveries to a hook ────────────────────────────────────────────────────

/** Zapier's renaming (zapier/zapier-platform#290): `x-proabono-key` -> `Http-X-Proabono-Key`. */
export const zapierHeaderName = (name: string): string =>
  `Http-${name
    .toLowerCase()
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('-')}`;

/** The `meta` Zapier sends a Zap run's step (not a sample, a dedupe fill or a dropdown). */
export const ZAP_RUN_META: Bundle['meta'] = {
  isBulkRead: false,
  isFillingDynamicDropdown: false,
  isLoadingSample: false,
  isPopulatingDedupe: false,
  isTestingAuth: false,
  limit: -1,
  page: 0,
  timezone: null,
  inputFields: {},
};

/** One HTTP request to a Zap's hook URL, as it arrived. */
export interface Delivery {
  /** What Zapier parsed from it: the JSON body, or the text when it is not JSON. */
  body: unknown;
  /** The body as sent (default: the JSON of `body`). */
  content?: string;
  /** As sent; Zapier renames them (see zapierHeaderName). */
  headers?: Record<string, string>;
  /** Default POST. */
  method?: string;
  /** Without the `?`; default empty. */
  querystring?: string;
}

/** The subscription a delivery is for: where it was sent, and what performSubscribe returned. */
export interface HookTarget {
  targetUrl: string;
  subscribeData?: unknown;
}

/** The bundle Zapier hands a hook's `perform` for a delivery (authData and inputData aside). */
export const deliveryBundle = (
  target: HookTarget,
  delivery: Delivery,
): Partial<Bundle> & Pick<Bundle, 'meta'> => ({
  targetUrl: target.targetUrl,
  subscribeData: target.subscribeData as Bundle['subscribeData'],
  cleanedRequest: delivery.body,
  rawRequest: {
    method: (delivery.method ?? 'POST') as NonNullable<Bundle['rawRequest']>['method'],
    querystring: delivery.querystring ?? '',
    headers: Object.fromEntries(
      Object.entries(delivery.headers ?? {}).map(([name, value]) => [
        zapierHeaderName(name),
        value,
      ]),
    ),
    content: delivery.content ?? JSON.stringify(delivery.body),
  },
  meta: { ...ZAP_RUN_META },
});

// ── dehydration ─────────────────────────────────────────────────────────────

/** What a `z.dehydrate` placeholder asks Zapier to run before a Zap uses the value. */
interface Placeholder {
  type: string;
  /** The function's path in the app, such as `hydrators.billingAddress`. */
  method: string;
  /** What the function receives as `inputData`. */
  bundle: Record<string, unknown>;
}

// Unsigned, as core writes it outside Zapier's servers (no `_ZAPIER_ONE_TIME_SECRET`).
const PLACEHOLDER = /^hydrate\|\|\|(.*)\|\|\|hydrate$/s;

/** The placeholder core writes for `z.dehydrate(method, bundle)`. */
export const placeholder = (method: string, bundle: Record<string, unknown>): string =>
  `hydrate|||${JSON.stringify({ type: 'method', method, bundle })}|||hydrate`;

/** The placeholder a value holds, or undefined when it holds none. */
export const parsePlaceholder = (value: unknown): Placeholder | undefined => {
  const match = typeof value === 'string' ? PLACEHOLDER.exec(value) : null;
  return match?.[1] === undefined ? undefined : (JSON.parse(match[1]) as Placeholder);
};

/** The `inputData` a placeholder hands its function; throws when the value is no placeholder. */
export const placeholderBundle = (value: unknown): Record<string, unknown> => {
  const parsed = parsePlaceholder(value);
  if (!parsed) throw new Error(`Not a hydration placeholder: ${JSON.stringify(value)}`);
  return parsed.bundle;
};

/**
 * A record as a Zap step sees it: each placeholder replaced by what its function returns, run
 * through the app's runtime with the connection's `authData`.
 */
export const hydrateRecord = async (
  app: object,
  tester: AppTester,
  record: Record<string, unknown>,
  authData: Record<string, string>,
): Promise<Record<string, unknown>> => {
  const hydrated: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(record)) {
    const found = parsePlaceholder(value);
    if (!found) continue;
    hydrated[key] = await tester(functionAt(app, found.method), {
      authData: { ...authData },
      inputData: found.bundle,
    });
  }
  return hydrated;
};

// ── the connection and the environment ──────────────────────────────────────

/** The `authorization` header of HTTP Basic auth, as an API client builds it from two keys. */
export const basicAuthorization = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * Sets environment variables (undefined removes one), as Zapier copies an app's environment
 * into process.env before a step, and gives back a function that restores the previous values.
 */
export const setEnv = (vars: Record<string, string | undefined>): (() => void) => {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  return () => apply(saved);
};

/** Runs `body` with the variables set, and restores them whatever happens. */
export const withEnv = async <T>(
  vars: Record<string, string | undefined>,
  body: () => T | Promise<T>,
): Promise<T> => {
  const restore = setEnv(vars);
  try {
    return await body();
  } finally {
    restore();
  }
};
