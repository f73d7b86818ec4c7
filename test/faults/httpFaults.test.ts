import type { FaultRule } from '../../sandbox/index.js';
import { rejectionOf } from '../support/app.js';
import type { ThrownError } from '../support/app.js';
import { appOperations, hookTriggerOperations } from '../support/coverage.js';
import { LUCIA, OPERATIONS } from './operations.js';
import type { Operation } from './operations.js';
import { requestLog, useSandbox } from '../support/sandbox.js';
import { serverError, throttled, unexpected } from '../support/errors.js';

/*
 * HTTP-level faults on every operation of the real app, against the sandbox: what the user reads,
 * the exact requests made, that ProAbono's data is untouched, and that replaying the same step
 * once ProAbono has recovered succeeds with the same request.
 */

const env = useSandbox();

beforeEach(() => {
  // The polling trigger needs a history; the other operations ignore it.
  env.sandbox.addEvents(3, { references: [LUCIA.reference, 'cust-fr-001', 'cust-de-002'] });
});

/** nginx's own 502 page, as a reverse proxy in front of an API serves it. */
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A long maintenance page: the message keeps a short excerpt of it. */
const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>' +
  '<h1>We are down for maintenance</h1><p>ProAbono is being upgraded and will be back ' +
  'shortly. Thank you for your patience.</p></body></html>';

interface FaultCase {
  label: string;
  rule: FaultRule;
  expected: (op: Operation) => ThrownError;
}

const FAULTS: FaultCase[] = [
  ...[
    { label: '429 with Retry-After: 30', rule: { status: 429, retryAfter: 30 }, delay: 30 },
    { label: '429 without Retry-After (60 s by default)', rule: { status: 429 }, delay: 60 },
  ].map(({ label, rule, delay }) => ({
    label,
    rule,
    expected: (op: Operation) => throttled(op.action, delay),
  })),
  ...[500, 503].map((status) => ({
    label: `${status} with a JSON error body`,
    rule: { status },
    expected: (op: Operation) => serverError(op.action, status),
  })),
  {
    label: "502 with a proxy's HTML page",
    rule: { status: 502, rawBody: NGINX_502 },
    expected: (op) =>
      serverError(
        op.action,
        502,
        ' (the answer was not JSON: "502 Bad Gateway 502 Bad Gateway nginx")',
      ),
  },
  {
    label: '503 with a long HTML page (cut short)',
    rule: { status: 503, rawBody: MAINTENANCE_PAGE },
    expected: (op) =>
      serverError(
        op.action,
        503,
        ' (the answer was not JSON: "Maintenance We are down for maintenance ProAbono is being ' +
          'upgraded and will be b…")',
      ),
  },
  {
    label: '503 with an empty body',
    rule: { status: 503, rawBody: '' },
    expected: (op) => serverError(op.action, 503, ' (the answer was empty)'),
  },
  {
    label: '200 with a plain-text body',
    rule: { status: 200, rawBody: 'OK' },
    expected: (op) => unexpected(op.endpoint, op.action, 'the answer was not JSON: "OK"'),
  },
];

/** A rule that hits exactly the operation's first request, once. */
const onFirstRequest = (op: Operation, rule: FaultRule): FaultRule => {
  const [first] = op.requests;
  if (!first) throw new Error(`${op.name} makes no request`);
  return { method: first.method, pathRegex: `^${first.path}$`, times: 1, ...rule };
};

/** The fault, then a replay of the same step: nothing lost, the same request sent again. */
const expectFaultThenReplay = async (op: Operation, rule: FaultRule, expected: ThrownError) => {
  const sandbox = env.sandbox;
  const eventsBefore = sandbox.events();
  sandbox.addFault(onFirstRequest(op, rule));

  await expect(rejectionOf(op.run(sandbox.authData))).resolves.toEqual(expected);
  expect(requestLog(sandbox)).toEqual(op.requests.slice(0, 1));
  op.expectNothingChanged(sandbox);
  expect(sandbox.events()).toEqual(eventsBefore);

  const result = await op.run(sandbox.authData);
  op.expectResult(result, sandbox);
  expect(requestLog(sandbox)).toEqual([...op.requests.slice(0, 1), ...op.requests]);
};

it('runs every operation of the app but the instant triggers and the hydrator (triggerFaults.test.ts)', () => {
  const instant = new Set([...hookTriggerOperations(), 'hydrators.billingAddress']);
  expect([...new Set(OPERATIONS.map((op) => op.key))].sort()).toEqual(
    appOperations()
      .filter((operation) => !instant.has(operation))
      .sort(),
  );
});

describe.each(OPERATIONS)('$name', (op) => {
  it.each(FAULTS)('$label', async ({ rule, expected }) => {
    await expectFaultThenReplay(op, rule, expected(op));
  });
});

/** A body that breaks the schema at `path`, and what zod says of it. */
const broken = (json: unknown, path: string, expected: string, received: string) => ({
  json,
  detail: `${path}: Invalid input: expected ${expected}, received ${received}`,
});

/** A 200 whose JSON is not the shape the endpoint promises: named, with what is wrong. */
const SCHEMA_BREAKS: Record<string, { json: unknown; detail: string }> = {
  'connection test': broken({ Page: 1, TotalItems: 6 }, 'Items', 'array', 'undefined'),
  'update billing address': broken([{ City: 'Sevilla' }], 'body', 'object', 'array'),
  'create customer': broken(
    { Id: 9001, Name: 'Giulia Romano' },
    'ReferenceCustomer',
    'string',
    'undefined',
  ),
  'update customer': broken(
    { Id: 3, ReferenceCustomer: 3 },
    'ReferenceCustomer',
    'string',
    'number',
  ),
  'customer list': broken({ TotalItems: 1, Items: 'cust-42' }, 'Items', 'array', 'string'),
  'segment list': broken({ TotalItems: 1, Items: 7 }, 'Items', 'array', 'number'),
  'find customer by reference': broken(
    { Id: 3, ReferenceCustomer: 3 },
    'ReferenceCustomer',
    'string',
    'number',
  ),
  // A list whose envelope breaks; an item that breaks is skipped and logged instead (tested with
  // the operations).
  'find customer by email': broken(
    { TotalItems: 1, Items: { Email: LUCIA.email } },
    'Items',
    'array',
    'object',
  ),
  'polling trigger': broken({ TotalItems: 1, Items: 'trg_1' }, 'Items', 'array', 'string'),
  'bill customer': broken(
    { Id: 'S-69.00000002', FullNumber: 'S-69.00000002' },
    'Id',
    'number',
    'string',
  ),
  'create subscription': broken({ Id: '140963', Status: 'Active' }, 'Id', 'number', 'string'),
  'find subscription': broken(
    { ReferenceCustomer: 'cust-fr-001', Status: 'Active' },
    'Id',
    'number',
    'undefined',
  ),
  'find invoice': broken({ Id: null, FullNumber: 'S-69.00000001' }, 'Id', 'number', 'null'),
  'offer list': broken({ TotalItems: 1, Items: 'starter-monthly' }, 'Items', 'array', 'string'),
};

describe('a 200 whose body fails the schema', () => {
  it('covers every operation', () => {
    expect(Object.keys(SCHEMA_BREAKS).sort()).toEqual(OPERATIONS.map((op) => op.name).sort());
  });

  it.each(OPERATIONS)('$name: names the endpoint and the problem', async (op) => {
    const { json, detail } = SCHEMA_BREAKS[op.name] ?? { json: null, detail: '' };
    await expectFaultThenReplay(
      op,
      { status: 200, json },
      unexpected(op.endpoint, op.action, detail),
    );
  });
});

describe('a fault on the second request of a search', () => {
  const findBy = (name: string): Operation => {
    const op = OPERATIONS.find((candidate) => candidate.name === name);
    if (!op) throw new Error(`no operation ${name}`);
    return op;
  };
  const READING_ADDRESS = 'reading the billing address of customer "cust-es-003"';

  it.each([
    {
      name: 'find customer by reference',
      rule: { status: 503 },
      expected: serverError(READING_ADDRESS, 503),
    },
    {
      name: 'find customer by email',
      rule: { status: 429, retryAfter: 5 },
      expected: throttled(READING_ADDRESS, 5),
    },
  ])('$name: the address read fails, and a replay finds the customer', async (testCase) => {
    const sandbox = env.sandbox;
    const op = findBy(testCase.name);
    sandbox.addFault({
      method: 'GET',
      pathRegex: '^/v1/CustomerAddressBilling$',
      times: 1,
      ...testCase.rule,
    });
    await expect(rejectionOf(op.run(sandbox.authData))).resolves.toEqual(testCase.expected);
    expect(requestLog(sandbox)).toEqual(op.requests);

    op.expectResult(await op.run(sandbox.authData), sandbox);
    expect(requestLog(sandbox)).toEqual([...op.requests, ...op.requests]);
  });
});
