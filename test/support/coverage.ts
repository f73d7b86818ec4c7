import App from '../../index.js';

/*
 * What the app defines, as the suites that must cover every operation (the fault suite, the
 * secret-hygiene scan, the artifact test, `npm start`) check it: the list comes from the
 * definition, so an operation added to the app and missed by one of them fails that suite.
 */

type Operations = Record<string, { operation?: Record<string, unknown> } | undefined>;
const KINDS = ['triggers', 'creates', 'searches'] as const;

const definition = App as unknown as Record<string, Operations | undefined> & {
  authentication?: { test?: unknown };
  hydrators?: Record<string, unknown>;
};

/** Every operation of the app as `kind.key`, the connection test and each hydrator included. */
export const appOperations = (): string[] => [
  'authentication',
  ...KINDS.flatMap((kind) => Object.keys(definition[kind] ?? {}).map((key) => `${kind}.${key}`)),
  ...Object.keys(definition.hydrators ?? {}).map((key) => `hydrators.${key}`),
];

/** The instant (hook) triggers of the app, as `triggers.key`. */
export const hookTriggerOperations = (): string[] =>
  Object.entries(definition.triggers ?? {})
    .filter(([, trigger]) => trigger?.operation?.type === 'hook')
    .map(([key]) => `triggers.${key}`);

/** The operation a function of the app belongs to, or `undefined` for another function. */
export const operationOfFunction = (fn: unknown): string | undefined => {
  if (fn === definition.authentication?.test) return 'authentication';
  for (const kind of KINDS) {
    for (const [key, entry] of Object.entries(definition[kind] ?? {})) {
      if (Object.values(entry?.operation ?? {}).includes(fn)) return `${kind}.${key}`;
    }
  }
  const hydrator = Object.entries(definition.hydrators ?? {}).find(([, value]) => value === fn);
  return hydrator && `hydrators.${hydrator[0]}`;
};

/** The operation a Zapier method path names: `creates.x.operation.perform` is `creates.x`. */
export const operationOfMethod = (method: string): string =>
  method.startsWith('authentication.') ? 'authentication' : method.split('.').slice(0, 2).join('.');

/** Notes the operations a suite exercised; `missing()` lists the app's others. */
export const coverageOf = () => {
  const seen = new Set<string>();
  return {
    note: (operation: string | undefined) => {
      if (operation !== undefined) seen.add(operation);
    },
    missing: () => appOperations().filter((operation) => !seen.has(operation)),
  };
};

type AnyFunction = (...args: never[]) => unknown;

/**
 * The app with every function of every operation wrapped to tell `note` its operation first, for
 * a suite that runs the app through a harness of its own (`npm start`'s steps). Hydrators stay as
 * they are: `z.dehydrate` finds one in the definition by its identity.
 */
export const tracedApp = (note: (operation: string) => void): object => {
  const traced = (operation: string, fn: unknown): unknown =>
    typeof fn === 'function'
      ? (...args: never[]) => {
          note(operation);
          return (fn as AnyFunction)(...args);
        }
      : fn;
  const kinds = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      Object.fromEntries(
        Object.entries(definition[kind] ?? {}).map(([key, entry]) => [
          key,
          {
            ...entry,
            operation: Object.fromEntries(
              Object.entries(entry?.operation ?? {}).map(([name, value]) => [
                name,
                traced(`${kind}.${key}`, value),
              ]),
            ),
          },
        ]),
      ),
    ]),
  );
  return {
    ...App,
    ...kinds,
    authentication: {
      ...definition.authentication,
      test: traced('authentication', definition.authentication?.test),
    },
  };
};
