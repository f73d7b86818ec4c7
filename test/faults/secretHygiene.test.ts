import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { format } from 'node:util';

import { jest } from '@jest/globals';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index.js';
import type { HookRunner } from '../../sandbox/zapier/hookRunner.js';
import { signature } from '../../sandbox/index.js';
import type { FaultRule, Sandbox } from '../../sandbox/index.js';
import {
  basicAuthorization,
  placeholderBundle,
  setEnv,
  withEnv,
} from '../../sandbox/zapier/zapierHarness.js';
import { testConnection } from '../../src/authentication.js';
import { perform as billCustomer } from '../../src/creates/bill_customer.js';
import { perform as createCustomer } from '../../src/creates/create_customer.js';
import { perform as createSubscription } from '../../src/creates/create_subscription.js';
import { perform as updateCustomer } from '../../src/creates/update_customer.js';
import { perform as updateBillingAddress } from '../../src/creates/update_customer_billing_address.js';
import { hydrateBillingAddress } from '../../src/hydrators.js';
import { perform as findCustomer } from '../../src/searches/find_customer.js';
import { perform as findInvoice } from '../../src/searches/find_invoice.js';
import { perform as findSubscription } from '../../src/searches/find_subscription.js';
import { perform as pollBillingAddressUpdated } from '../../src/triggers/billing_address_updated_polling.js';
import { perform as listCustomers } from '../../src/triggers/customer_list.js';
import { perform as listOffers } from '../../src/triggers/offer_list.js';
import { perform as listSegments } from '../../src/triggers/segment_list.js';
import { startHookRunner } from '../../sandbox/zapier/hookRunner.js';
import { appTester } from '../support/app.js';
import { coverageOf, hookTriggerOperations, operationOfFunction } from '../support/coverage.js';
import { startTrigger } from '../support/hookTrigger.js';
import { closedPort, useSandbox } from '../support/sandbox.js';
import { DELIVERY_REFUSALS } from '../support/zapLogs.js';

/*
 * Secret hygiene: every operation, on its success and failure paths, run with recognisable fake
 * secrets, while every place a secret could surface is captured and scanned:
 *
 * - error messages (thrown by appTester, or collected by the hook runner);
 * - output records;
 * - console.* calls. zapier-platform-core's z.console writes each line to the invocation's logger
 *   AND, unscrubbed, to the global console (create-logger-console.js);
 * - process.stdout / process.stderr writes;
 * - with LOG_TO_STDOUT and DETAILED_LOG_TO_STDOUT (set here, as `zapier invoke` does) core also
 *   prints, through console.log, every log message and the details of every HTTP call;
 * - the log stream core sends to Zapier's log service: every z.console line and every HTTP log
 *   (request and response headers and bodies, after core's own scrubbing). appTester streams it
 *   to LOGGING_ENDPOINT when LOGGING_TOKEN is set: here, a capture server on loopback;
 * - what the app sends to ProAbono outside the Authorization header (the sandbox's request log):
 *   a secret in a URL or a body would end up in logs on both sides.
 *
 * Needles: the three secrets (and a wrong key a user typed), the base64 Basic credentials, and
 * every webhook `x-proabono-key` and `x-proabono-signature` header value delivered: the signature
 * does not cover the body and may repeat on every delivery, so the pair is a bearer credential.
 */

const AGENT_KEY = 'agent-SECRET-Qw3rTy81';
const API_KEY = 'apikey-SECRET-Zx9cVb44';
const WEBHOOK_SECRET = 'whsecret-SECRET-Mn7bLk20';
/** A key the user typed wrong is a secret too (and shares no 12-character run with the right one). */
const WRONG_API_KEY = 'wrongkey-SECRET-Pp05Hh';
/** The credentials of the Basic header, without the `Basic ` prefix. */
const basic = (agentKey: string, apiKey: string) =>
  basicAuthorization(agentKey, apiKey).slice('Basic '.length);

let sandbox: Sandbox;
let authData: Sandbox['authData'];

// ── capture ─────────────────────────────────────────────────────────────────

type Channel = 'error' | 'record' | 'console' | 'stdout' | 'stderr' | 'log service' | 'request';

const captured: { channel: Channel; text: string }[] = [];
const capture = (channel: Channel, text: string) => {
  captured.push({ channel, text });
};

const stringify = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return JSON.stringify(value) ?? String(value);
};

/** Zapier's log service, as appTester reaches it: newline-delimited JSON, one line per log. */
let logService: http.Server;
const logLines: { message: string; data: Record<string, unknown> }[] = [];

const startLogService = async (): Promise<string> => {
  logService = http.createServer((req, res) => {
    // Lines are kept as they arrive: core aborts a stream it has waited on for 200 ms.
    let pending = '';
    const decoder = new StringDecoder('utf8');
    const take = (text: string) => {
      if (text.trim() === '') return;
      capture('log service', text);
      logLines.push(JSON.parse(text) as (typeof logLines)[number]);
    };
    req.on('data', (chunk: Buffer) => {
      const lines = (pending + decoder.write(chunk)).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(take);
    });
    req.on('end', () => {
      take(pending + decoder.end());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => logService.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(logService.address() as AddressInfo).port}/input`;
};

const originalWrites = { stdout: process.stdout.write, stderr: process.stderr.write };
const interceptWrites = () => {
  for (const stream of ['stdout', 'stderr'] as const) {
    const write: typeof process.stdout.write = (chunk: unknown) => {
      capture(stream, stringify(chunk));
      return true;
    };
    process[stream].write = write;
  }
};
const restoreWrites = () => {
  process.stdout.write = originalWrites.stdout;
  process.stderr.write = originalWrites.stderr;
};

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const interceptConsole = () => {
  for (const method of CONSOLE_METHODS) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      capture('console', format(...args));
    });
  }
};

// ── scanning ────────────────────────────────────────────────────────────────

/** Every key and signature header value the sandbox delivered, plus the forged ones sent here. */
const forgedSignatures: string[] = [];
const needles = (): Record<string, string> => {
  const signatures = [
    ...sandbox.deliveries().map((delivery) => delivery.headers['x-proabono-signature'] ?? ''),
    ...forgedSignatures,
  ].filter((value) => value !== '');
  const keys = sandbox
    .deliveries()
    .map((delivery) => delivery.headers['x-proabono-key'] ?? '')
    .filter((value) => value !== '');
  return {
    agentKey: AGENT_KEY,
    apiKey: API_KEY,
    webhookSecret: WEBHOOK_SECRET,
    'wrong API key': WRONG_API_KEY,
    'Basic credentials': basic(AGENT_KEY, API_KEY),
    'Basic credentials with the wrong key': basic(AGENT_KEY, WRONG_API_KEY),
    ...Object.fromEntries(signatures.map((value, index) => [`signature #${index + 1}`, value])),
    ...Object.fromEntries(keys.map((value, index) => [`webhook key #${index + 1}`, value])),
  };
};

interface Leak {
  channel: Channel;
  secret: string;
  /** Where it was found, the secret itself masked. */
  context: string;
}

/**
 * A cut-off excerpt leaks too: a needle counts as found when any run of WINDOW of its characters
 * appears (the whole needle when shorter). None of these runs occurs by chance in normal text.
 */
const WINDOW = 12;

/** Every needle found in the captured texts, whole or in part. */
const findLeaks = (
  texts: readonly { channel: Channel; text: string }[],
  secrets: Record<string, string>,
): Leak[] =>
  texts.flatMap(({ channel, text }) =>
    Object.entries(secrets).flatMap(([name, value]) => {
      const size = Math.min(WINDOW, value.length);
      const runs = Array.from({ length: value.length - size + 1 }, (_, at) =>
        value.slice(at, at + size),
      );
      const run = runs.find((candidate) => text.includes(candidate));
      if (run === undefined) return [];
      const whole = text.includes(value);
      const at = text.indexOf(whole ? value : run);
      const context = text
        .slice(Math.max(0, at - 40), at + (whole ? value : run).length + 40)
        .split(whole ? value : run)
        .join('[…]');
      return [{ channel, secret: name, context }];
    }),
  );

/** What the app sent to ProAbono, without the Authorization header (the sandbox never logs it). */
const captureRequests = () => {
  for (const request of sandbox.requests()) capture('request', stringify(request));
  sandbox.resetRequests();
};

const leaks = (): Leak[] => {
  captureRequests();
  return findLeaks(captured, needles());
};

// ── running operations ──────────────────────────────────────────────────────

type Expected = 'ok' | { name: string; code?: string };

/** Runs one scenario, keeps its output or error for the scan, and checks it ended as intended. */
const attempt = async (label: string, expected: Expected, run: () => Promise<unknown>) => {
  let outcome: Expected;
  try {
    capture('record', stringify(await run()));
    outcome = 'ok';
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    capture('error', `${error.name}: ${error.message}`);
    let code: string | undefined;
    try {
      code = (JSON.parse(error.message) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    outcome = code === undefined ? { name: error.name } : { name: error.name, code };
  }
  expect({ label, outcome }).toEqual({ label, outcome: expected });
};

const withFault = async <T>(rule: FaultRule, run: () => Promise<T>): Promise<T> => {
  sandbox.addFault(rule);
  try {
    return await run();
  } finally {
    sandbox.clearFaults();
  }
};

/** Text in base64url, without padding. */
const base64url = (text: string) => Buffer.from(text).toString('base64url');
/**
 * Other forms of the Basic credentials a server may echo: one key alone, the URL-safe alphabet.
 * Where their bytes align with the token's, they share runs with it.
 */
const ECHOED_FORMS: Record<string, string> = {
  'Basic credentials in base64url': base64url(`${AGENT_KEY}:${API_KEY}`),
  'base64 of ":apiKey"': Buffer.from(`:${API_KEY}`).toString('base64'),
  'base64url of ":apiKey"': base64url(`:${API_KEY}`),
  'base64 of "agentKey:"': Buffer.from(`${AGENT_KEY}:`).toString('base64'),
  'base64url of "agentKey:"': base64url(`${AGENT_KEY}:`),
};

/** Pages that echo what they received, as some proxies and debug pages do. */
const ECHO_PAGE =
  `<html><body><h1>Bad Request</h1><pre>Authorization: Basic ${basic(AGENT_KEY, API_KEY)}\n` +
  `user=${AGENT_KEY} password=${API_KEY}</pre></body></html>`;
const ECHO_JSON = {
  Code: 'Error.Api.Forbidden',
  Message: `Key ${API_KEY} of agent ${AGENT_KEY} may not do this (Basic ${basic(AGENT_KEY, API_KEY)}).`,
};

/** The operations the scan exercised: every one of the app's must be. */
const coverage = coverageOf();

const run = (
  fn: (z: ZObject, bundle: Bundle) => unknown,
  bundle: Partial<Bundle> = {},
  auth: Record<string, string> = authData,
) => {
  coverage.note(operationOfFunction(fn));
  return appTester(fn, { authData: { ...auth }, ...bundle });
};

const wrongKey = () => ({ ...authData, apiKey: WRONG_API_KEY });

/** An action or search as a Zap step runs it: this input, on the good connection unless given. */
const stepOf =
  (fn: (z: ZObject, bundle: Bundle) => unknown) =>
  (inputData: Record<string, unknown>, auth: Record<string, string> = authData) =>
    run(fn, { inputData }, auth);

/**
 * What both Update steps meet alike: an update that succeeds (`ok`, an input the step accepts for
 * cust-es-003), a customer ProAbono does not know, keys it refuses (401), an input with nothing to
 * update.
 */
const attemptUpdateBasics = async (
  update: ReturnType<typeof stepOf>,
  ok: Record<string, string>,
) => {
  await attempt('update', 'ok', () => update(ok));
  await attempt('unknown customer', { name: 'AppError', code: 'customer_not_found' }, () =>
    update({ ...ok, ReferenceCustomer: 'cust-nobody' }),
  );
  await attempt('401', { name: 'ExpiredAuthError' }, () => update(ok, wrongKey()));
  await attempt('bad input', { name: 'AppError', code: 'invalid_input' }, () =>
    update({ ReferenceCustomer: 'cust-es-003' }),
  );
};

// ── set-up ──────────────────────────────────────────────────────────────────

const env = useSandbox({ agentKey: AGENT_KEY, apiKey: API_KEY, webhookSecret: WEBHOOK_SECRET });
let restoreEnv: () => void = () => undefined;

beforeAll(async () => {
  sandbox = env.sandbox;
  authData = sandbox.authData;
  restoreEnv = setEnv({
    LOGGING_ENDPOINT: await startLogService(),
    LOGGING_TOKEN: 'secret-hygiene-test',
    LOG_TO_STDOUT: '1',
    DETAILED_LOG_TO_STDOUT: '1',
  });
});
afterAll(async () => {
  restoreEnv();
  await new Promise<void>((resolve) => logService.close(() => resolve()));
});
beforeEach(() => {
  captured.splice(0);
  logLines.splice(0);
  forgedSignatures.splice(0);
  interceptConsole();
  interceptWrites();
});
afterEach(() => {
  restoreWrites();
  jest.restoreAllMocks();
});

/** Ends each scenario test: the channels saw traffic, and no needle is anywhere in it. */
const expectCapturedAndClean = () => {
  captureRequests();
  const channels = new Set(captured.map((entry) => entry.channel));
  for (const channel of ['log service', 'console', 'request'] as const) {
    expect({ channel, seen: channels.has(channel) }).toEqual({ channel, seen: true });
  }
  // Core logged each HTTP call to the log service, headers included.
  expect(logLines.filter((line) => line.data.log_type === 'http').length).toBeGreaterThan(0);
  expect(leaks()).toEqual([]);
};

// ── the scanner itself ──────────────────────────────────────────────────────

describe('the scanner', () => {
  it('finds a planted secret in every channel it watches', async () => {
    await attempt('a perform that leaks on purpose', { name: 'AppError', code: 'planted' }, () =>
      run((z) => {
        z.console.log(`planted in z.console: ${API_KEY}`);
        throw new z.errors.Error(`planted in an error: ${AGENT_KEY}`, 'planted');
      }),
    );
    await attempt('a record that leaks on purpose', 'ok', () =>
      run(() => ({ id: 'x', note: `planted in a record: ${WEBHOOK_SECRET}` })),
    );
    process.stderr.write(`planted on stderr: ${basic(AGENT_KEY, API_KEY)}\n`);
    console.warn('planted in console.warn: %s', WRONG_API_KEY);
    forgedSignatures.push(signature('key', 'guess'));
    process.stdout.write(Buffer.from(`planted on stdout: ${signature('key', 'guess')}\n`));
    await run((z) =>
      z.request({ url: `${sandbox.url}/v1/Customers`, params: { leaked: API_KEY } }),
    ).catch(() => undefined);

    const found = leaks().map(({ channel, secret }) => `${channel}: ${secret}`);
    expect(new Set(found)).toEqual(
      new Set([
        // z.console writes to the global console unscrubbed, and LOG_TO_STDOUT prints it again.
        'console: apiKey',
        'error: agentKey',
        // With LOG_TO_STDOUT, core prints the unhandled error through console.log.
        'console: agentKey',
        'record: webhookSecret',
        'stderr: Basic credentials',
        // Both Basic tokens start with the base64 of the same Agent Key.
        'stderr: Basic credentials with the wrong key',
        'console: wrong API key',
        'stdout: signature #1',
        // A secret in a URL reaches ProAbono (and every log in between).
        'request: apiKey',
      ]),
    );
    // Core's log stream scrubs authData values itself; the planted lines arrive censored.
    expect(logLines.some((line) => line.message.startsWith('planted in z.console:'))).toBe(true);
    captured.splice(0);
  });

  it('reports where, with the secret masked', () => {
    expect(
      findLeaks([{ channel: 'error', text: `a "${API_KEY}" b` }], { apiKey: API_KEY }),
    ).toEqual([{ channel: 'error', secret: 'apiKey', context: 'a "[…]" b' }]);
  });

  it('finds a secret cut short, and nothing in a text without one', () => {
    const token = basic(AGENT_KEY, API_KEY);
    const texts = [
      {
        channel: 'error' as const,
        text: `(the answer was not JSON: "Basic ${token.slice(0, 12)}…")`,
      },
      {
        channel: 'console' as const,
        text: 'ProAbono rejected the Agent Key and API Key for business 42.',
      },
    ];
    expect(findLeaks(texts, needles()).map((leak) => [leak.channel, leak.secret])).toEqual([
      ['error', 'Basic credentials'],
      ['error', 'Basic credentials with the wrong key'],
    ]);
  });
});

// ── every operation ─────────────────────────────────────────────────────────

describe('no secret in any message, log line, record or request', () => {
  it('authentication: test and label, on success and failure', async () => {
    await attempt('test', 'ok', () => run(testConnection));
    await attempt('401', { name: 'AppError', code: 'invalid_credentials' }, () =>
      run(testConnection, {}, wrongKey()),
    );
    // Someone pasted the API Key into the Business ID field: it is never echoed.
    await attempt('key in the Business ID', { name: 'AppError', code: 'invalid_business_id' }, () =>
      run(testConnection, {}, { ...authData, businessId: API_KEY }),
    );
    await attempt('timeout', { name: 'AppError', code: 'timeout' }, () =>
      withEnv({ PROABONO_TIMEOUT_MS: '100' }, () =>
        withFault({ latencyMs: 400 }, () => run(testConnection)),
      ),
    );
    await attempt('refused', { name: 'AppError', code: 'unreachable' }, async () => {
      const port = await closedPort();
      return withEnv({ PROABONO_LIVE_URL: `http://127.0.0.1:${port}` }, () => run(testConnection));
    });
    await attempt(
      '200 echoing the credentials',
      { name: 'AppError', code: 'unexpected_response' },
      () => withFault({ status: 200, rawBody: ECHO_PAGE }, () => run(testConnection)),
    );
    await attempt(
      'Backoffice 403 echoing the keys',
      { name: 'AppError', code: 'backoffice_access_refused' },
      () =>
        withFault(
          { path: '/backoffice/Distribution/Customers', status: 403, json: ECHO_JSON },
          () => run(testConnection),
        ),
    );
    expect(App.authentication?.connectionLabel).toBe('{{label}}');
    expectCapturedAndClean();
  });

  it("echoes of the credentials in other forms, in core's logs and in messages", async () => {
    const find = stepOf(findCustomer);
    const echoes = Object.values(ECHOED_FORMS);
    // A debug page listing every form, with and without padding; the API Key split by a tag.
    const page =
      `<html><body><pre>${echoes.join('\n')}\n${echoes.map((form) => `${form}==`).join(' ')}` +
      `</pre><p>key ${API_KEY.slice(0, 11)}<wbr>${API_KEY.slice(11)}</p></body></html>`;
    await attempt('200 page', { name: 'AppError', code: 'unexpected_response' }, () =>
      withFault({ status: 200, rawBody: page }, () => find({ ReferenceCustomer: 'cust-es-003' })),
    );
    await attempt('500 page', { name: 'AppError', code: 'server_error' }, () =>
      withFault({ status: 500, rawBody: page }, () => find({ ReferenceCustomer: 'cust-es-003' })),
    );
    await attempt('403 message', { name: 'AppError', code: 'forbidden' }, () =>
      withFault(
        { status: 403, json: { Code: 'Error.Api.Forbidden', Message: echoes.join(', ') } },
        () => find({ Email: 'x@example.com' }),
      ),
    );
    // Core logged each of these responses, the echoes in them.
    const logged = logLines.filter((line) => line.data.log_type === 'http');
    expect(logged.map((line) => line.data.response_status_code)).toEqual([200, 500, 403]);
    expectCapturedAndClean();
    // These forms overlap the Basic token where their bytes align, so they are looked for here
    // only, where the token never appears whole.
    expect(findLeaks(captured, ECHOED_FORMS)).toEqual([]);
  });

  it('Update Customer Billing Address', async () => {
    const update = stepOf(updateBillingAddress);
    const ok = { ReferenceCustomer: 'cust-es-003', City: 'Sevilla' };
    await attemptUpdateBasics(update, ok);
    // ProAbono documents no length limit; this row needs a ProAbono that has one.
    env.setBehaviour({ addressFieldMaxLength: 255 });
    await attempt('422', { name: 'AppError', code: 'invalid_data' }, () =>
      update({ ReferenceCustomer: 'cust-es-003', AddressLine1: 'x'.repeat(300) }),
    );
    // A 403 with its own reason (here one echoing the keys) is passed on, redacted.
    await attempt('403 echoing the keys', { name: 'AppError', code: 'forbidden' }, () =>
      withFault({ status: 403, json: ECHO_JSON }, () => update(ok)),
    );
    await attempt('429', { name: 'ThrottledError' }, () =>
      withFault({ status: 429, retryAfter: 10 }, () => update(ok)),
    );
    await attempt('500 page echoing the keys', { name: 'AppError', code: 'server_error' }, () =>
      withFault({ status: 500, rawBody: ECHO_PAGE }, () => update(ok)),
    );
    await attempt('schema failure', { name: 'AppError', code: 'unexpected_response' }, () =>
      withFault({ status: 200, json: [API_KEY] }, () => update(ok)),
    );
    expectCapturedAndClean();
  });

  it('Create Customer', async () => {
    const create = () =>
      run(createCustomer, { inputData: { ReferenceCustomer: 'cust-it-007', Name: 'Giulia' } });
    await attempt('create', 'ok', create);
    await attempt('422 echoing the keys', { name: 'AppError', code: 'invalid_data' }, () =>
      withFault({ status: 422, json: [{ ...ECHO_JSON, Target: 'Email' }] }, create),
    );
    await attempt('502', { name: 'AppError', code: 'server_error' }, () =>
      withFault({ status: 502 }, create),
    );
    await attempt('bad input', { name: 'AppError', code: 'invalid_input' }, () =>
      run(createCustomer, { inputData: { ReferenceCustomer: 'a&b' } }),
    );
    await attempt('existing reference', { name: 'AppError', code: 'customer_exists' }, create);
    // The address is sent again after a server error: every attempt meets the page.
    const addressFault = (rule: FaultRule): FaultRule => ({
      method: 'POST',
      path: '/v1/CustomerAddressBilling',
      times: 3,
      ...rule,
    });
    await attempt(
      'address failing with a page echoing the keys',
      { name: 'AppError', code: 'address_not_saved' },
      () =>
        withFault(addressFault({ status: 500, rawBody: ECHO_PAGE }), () =>
          run(createCustomer, { inputData: { ReferenceCustomer: 'cust-x-9', City: 'Roma' } }),
        ),
    );
    // Find Customer finishes what the failed creation left, and meets the same page.
    const find = stepOf(findCustomer);
    await attempt(
      'pending address failing again with a page echoing the keys',
      { name: 'AppError', code: 'address_not_saved' },
      () =>
        withFault(addressFault({ status: 502, rawBody: ECHO_PAGE }), () =>
          find({ ReferenceCustomer: 'cust-x-9' }),
        ),
    );
    await attempt('pending address finished by Find Customer', 'ok', () =>
      find({ ReferenceCustomer: 'cust-x-9' }),
    );
    await attempt(
      'address refused with reasons echoing the keys',
      { name: 'AppError', code: 'address_not_saved' },
      () =>
        withFault(addressFault({ status: 422, json: [{ ...ECHO_JSON, Target: 'City' }] }), () =>
          run(createCustomer, { inputData: { ReferenceCustomer: 'cust-x-10', City: 'Roma' } }),
        ),
    );
    await attempt('address throttled', { name: 'ThrottledError' }, () =>
      withFault(addressFault({ status: 429, retryAfter: 10 }), () =>
        run(createCustomer, { inputData: { ReferenceCustomer: 'cust-x-11', City: 'Roma' } }),
      ),
    );
    expectCapturedAndClean();
  });

  it('Update Customer', async () => {
    const update = stepOf(updateCustomer);
    const ok = { ReferenceCustomer: 'cust-es-003', Name: 'Lucía' };
    await attemptUpdateBasics(update, ok);
    await attempt('422 echoing the keys', { name: 'AppError', code: 'invalid_data' }, () =>
      withFault(
        {
          method: 'POST',
          path: '/v1/Customer',
          status: 422,
          json: [{ ...ECHO_JSON, Target: 'Name' }],
        },
        () => update(ok),
      ),
    );
    expectCapturedAndClean();
  });

  it('Find Customer, by reference and by email', async () => {
    const find = stepOf(findCustomer);
    await attempt('by reference', 'ok', () => find({ ReferenceCustomer: 'cust-es-003' }));
    await attempt('none', 'ok', () => find({ ReferenceCustomer: 'cust-nobody' }));
    await attempt('by email', 'ok', () => find({ Email: 'billing@northwind-analytics.com' }));
    await attempt('403 echoing the keys', { name: 'AppError', code: 'forbidden' }, () =>
      withFault({ status: 403, json: ECHO_JSON }, () => find({ Email: 'x@example.com' })),
    );
    await attempt('401', { name: 'ExpiredAuthError' }, () =>
      find({ ReferenceCustomer: 'cust-es-003' }, wrongKey()),
    );
    await attempt('bad input', { name: 'AppError', code: 'invalid_input' }, () => find({}));
    expectCapturedAndClean();
  });

  it('Bill Customer', async () => {
    const bill = stepOf(billCustomer);
    const jonas = { ReferenceCustomer: 'cust-de-002', NoteLocalized: 'PO-7' };
    await attempt('bill', 'ok', () => bill(jonas));
    await attempt('nothing to bill', { name: 'AppError', code: 'nothing_to_bill' }, () =>
      bill(jonas),
    );
    await attempt(
      'no payment settings',
      { name: 'AppError', code: 'payment_settings_missing' },
      () => bill({ ReferenceCustomer: 'cust-fr-006', ForceOffline: true }),
    );
    await attempt('unknown customer', { name: 'AppError', code: 'customer_not_found' }, () =>
      bill({ ReferenceCustomer: 'cust-nobody' }),
    );
    await attempt('401', { name: 'ExpiredAuthError' }, () => bill(jonas, wrongKey()));
    sandbox.billing.addBalanceLine('cust-fr-001', { LabelLocalized: 'Seats', AmountSubtotal: 900 });
    await attempt('422 echoing the keys', { name: 'AppError', code: 'invalid_data' }, () =>
      withFault(
        { method: 'POST', status: 422, json: [{ ...ECHO_JSON, Target: 'DateStart' }] },
        () => bill({ ReferenceCustomer: 'cust-fr-001' }),
      ),
    );
    await attempt('500 page echoing the keys', { name: 'AppError', code: 'server_error' }, () =>
      withFault({ status: 500, rawBody: ECHO_PAGE }, () =>
        bill({ ReferenceCustomer: 'cust-fr-001' }),
      ),
    );
    await attempt('bad input', { name: 'AppError', code: 'invalid_input' }, () =>
      bill({ ReferenceCustomer: 'cust-fr-001', DateStart: 'next week' }),
    );
    expectCapturedAndClean();
  });

  it('Create Subscription', async () => {
    const subscribe = stepOf(createSubscription);
    const ok = { ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'pro-yearly' };
    await attempt('create', 'ok', () => subscribe(ok));
    await attempt('replay, skipped', 'ok', () => subscribe(ok));
    await attempt(
      'no payment settings',
      { name: 'AppError', code: 'payment_settings_missing' },
      () =>
        subscribe({
          ReferenceCustomer: 'cust-fr-006',
          ReferenceOffer: 'pro-yearly',
          EnsureBillable: true,
        }),
    );
    await attempt('unknown offer', { name: 'AppError', code: 'invalid_data' }, () =>
      subscribe({ ReferenceCustomer: 'cust-es-003', ReferenceOffer: 'gold-monthly' }),
    );
    await attempt('401', { name: 'ExpiredAuthError' }, () => subscribe(ok, wrongKey()));
    await attempt('429', { name: 'ThrottledError' }, () =>
      withFault({ status: 429, retryAfter: 10 }, () => subscribe(ok)),
    );
    await attempt('schema failure', { name: 'AppError', code: 'unexpected_response' }, () =>
      withFault({ status: 200, json: { Id: API_KEY } }, () => subscribe(ok)),
    );
    await attempt('bad input', { name: 'AppError', code: 'invalid_input' }, () =>
      subscribe({ ReferenceCustomer: 'cust-de-002', ReferenceOffer: 'a&b' }),
    );
    expectCapturedAndClean();
  });

  it('Find Subscription and Find Invoice', async () => {
    const findOne = stepOf(findSubscription);
    const findBill = stepOf(findInvoice);
    await attempt('subscription', 'ok', () => findOne({ ReferenceCustomer: 'cust-fr-001' }));
    await attempt('no subscription', 'ok', () => findOne({ ReferenceCustomer: 'cust-de-002' }));
    await attempt('401', { name: 'ExpiredAuthError' }, () =>
      findOne({ ReferenceCustomer: 'cust-fr-001' }, wrongKey()),
    );
    await attempt('invoice', 'ok', () => findBill({ FullNumber: 'S-69.00000001' }));
    await attempt('invoice of another segment', 'ok', () =>
      findBill({ FullNumber: 'S-70.00000001' }),
    );
    await attempt('invoice of a customer', 'ok', () =>
      findBill({ FullNumber: 'S-70.00000001', ReferenceCustomer: 'cust-us-005' }),
    );
    await attempt(
      'segment list refused, echoing the keys',
      { name: 'AppError', code: 'forbidden' },
      () =>
        withFault({ path: '/backoffice/Organization/Segments', status: 403, json: ECHO_JSON }, () =>
          findBill({ FullNumber: 'S-70.00000001' }),
        ),
    );
    await attempt('bad input', { name: 'AppError', code: 'invalid_input' }, () => findBill({}));
    expectCapturedAndClean();
  });

  it('offer dropdown (offer_list)', async () => {
    const list = (inputData: Record<string, unknown>, auth?: Record<string, string>) =>
      run(listOffers, { inputData, meta: { page: 0 } as Bundle['meta'] }, auth);
    await attempt('every segment', 'ok', () => list({}));
    await attempt("the step's customer", 'ok', () => list({ ReferenceCustomer: 'cust-us-005' }));
    await attempt('401', { name: 'ExpiredAuthError' }, () => list({}, wrongKey()));
    await attempt('403 echoing the keys', { name: 'AppError', code: 'forbidden' }, () =>
      withFault({ status: 403, json: ECHO_JSON }, () => list({})),
    );
    expectCapturedAndClean();
  });

  it('customer dropdown (customer_list)', async () => {
    await attempt('page', 'ok', () => run(listCustomers, { meta: { page: 0 } as Bundle['meta'] }));
    await attempt('401', { name: 'ExpiredAuthError' }, () =>
      run(listCustomers, { meta: { page: 0 } as Bundle['meta'] }, wrongKey()),
    );
    expectCapturedAndClean();
  });

  it('segment dropdown (segment_list)', async () => {
    await attempt('page', 'ok', () => run(listSegments, { meta: { page: 0 } as Bundle['meta'] }));
    await attempt('401', { name: 'ExpiredAuthError' }, () =>
      run(listSegments, { meta: { page: 0 } as Bundle['meta'] }, wrongKey()),
    );
    await attempt('403 echoing the keys', { name: 'AppError', code: 'forbidden' }, () =>
      withFault({ status: 403, json: ECHO_JSON }, () =>
        run(listSegments, { meta: { page: 0 } as Bundle['meta'] }),
      ),
    );
    expectCapturedAndClean();
  });

  it('Billing Address Updated (Every Few Minutes): perform and hydration', async () => {
    sandbox.addEvents(3);
    const poll = () =>
      run(pollBillingAddressUpdated, { meta: { limit: 100, page: 0 } as Bundle['meta'] });
    // Each placeholder once: hydrating one again gives what its first hydration gave.
    const hydrate = (notificationId: string) => () =>
      run(hydrateBillingAddress, { inputData: { reference: 'cust-fr-001', notificationId } });
    await attempt('poll', 'ok', poll);
    await attempt('hydrate', 'ok', hydrate('trg_1'));
    await attempt('hydrate, 429', { name: 'ThrottledError' }, () =>
      withFault({ status: 429 }, hydrate('trg_2')),
    );
    await attempt('poll, 503', { name: 'AppError', code: 'server_error' }, () =>
      withFault({ status: 503, rawBody: ECHO_PAGE }, poll),
    );
    // An event that does not parse is skipped, and the log line saying so is redacted.
    await attempt('poll, an event that does not parse', 'ok', () =>
      withFault({ status: 200, json: { Items: [{ Id: API_KEY }] } }, poll),
    );
    await attempt('poll, schema failure', { name: 'AppError', code: 'unexpected_response' }, () =>
      withFault({ status: 200, json: { Items: API_KEY } }, poll),
    );
    await attempt('hydrate, bad input', { name: 'AppError', code: 'invalid_hydration' }, () =>
      run(hydrateBillingAddress, { inputData: { reference: '' } }),
    );
    expectCapturedAndClean();
  });

  describe('Billing Address Updated (instant)', () => {
    let runner: HookRunner;

    afterEach(async () => {
      await runner.close();
    });

    const settle = async () => {
      await sandbox.idle();
      await runner.idle();
    };

    it('subscribe, verification, deliveries genuine and forged, list, unsubscribe', async () => {
      runner = await startTrigger(sandbox, { authData });
      coverage.note('triggers.billing_address_updated');
      await attempt('subscribe', 'ok', () => runner.subscribe());
      await settle();
      expect(sandbox.webhooks()).toMatchObject([{ IsActive: true }]);

      const event = sandbox.emitBillingAddressUpdated('cust-de-002');
      await settle();
      sandbox.deliveryFaults.duplicate(2);
      sandbox.emitBillingAddressUpdated('cust-fr-001');
      await settle();
      sandbox.deliveryFaults.clear();
      sandbox.deliveryFaults.forgeNext(1);
      sandbox.emitBillingAddressUpdated('cust-gb-004');
      await settle();
      const forged = signature('key-1', `${WEBHOOK_SECRET}-guess`);
      forgedSignatures.push(forged);
      await sandbox.deliverRaw(runner.targetUrl, event, {
        'x-proabono-key': 'key-1',
        'x-proabono-signature': forged,
      });
      await sandbox.deliverRaw(runner.targetUrl, { ...event, Id: 'evt_x', TypeTrigger: 'X' });
      // The address cannot be read (a lasting 503, then a 200 page echoing the keys): each record
      // goes out with its address left to read, and reading it later fails the same way.
      await withFault({ status: 503, rawBody: ECHO_PAGE, times: 3 }, async () => {
        sandbox.emitBillingAddressUpdated('cust-us-005');
        await settle();
      });
      await withFault({ status: 200, rawBody: ECHO_PAGE }, async () => {
        sandbox.emitBillingAddressUpdated('cust-us-005');
        await settle();
      });
      await settle();
      expect(runner.records.map((record) => record.ReferenceCustomer)).toEqual([
        'cust-de-002',
        'cust-fr-001',
        'cust-us-005',
        'cust-us-005',
      ]);
      expect(runner.errors).toEqual([]);
      for (const record of runner.records) capture('record', stringify(record));
      const [first, second] = runner.records
        .slice(2)
        .map((record) => placeholderBundle(record.billing_address));
      await attempt('hydrate, 500 page', { name: 'AppError', code: 'server_error' }, () =>
        withFault({ status: 500, rawBody: ECHO_PAGE }, () =>
          run(hydrateBillingAddress, { inputData: first }),
        ),
      );
      await attempt('hydrate, rotated keys', { name: 'ExpiredAuthError' }, () =>
        run(hydrateBillingAddress, { inputData: second }, wrongKey()),
      );
      // The refusals were logged (once each in the Zap's log), without the secret or the signature.
      expect(
        logLines.filter(
          (line) =>
            line.data.log_type === 'console' &&
            line.message.includes(`ignored a delivery because ${DELIVERY_REFUSALS.wrongSignature}`),
        ),
      ).toHaveLength(2);

      await attempt('list', 'ok', () => runner.list());
      await attempt('unsubscribe', 'ok', () => runner.unsubscribe());
      expect(sandbox.webhooks()).toEqual([]);
      expectCapturedAndClean();
    });

    it('every failure of a delivery while the keys are rotated: verification, notification, list', async () => {
      runner = await startTrigger(sandbox, { authData });
      await attempt('subscribe', 'ok', () => runner.subscribe());
      await settle();
      const webhookId = sandbox.webhooks()[0]?.Id ?? 0;
      const event = sandbox.emitBillingAddressUpdated('cust-de-002');
      await settle();
      await runner.close();

      // The same Zap after its keys were rotated in ProAbono: each delivery, signed as ProAbono
      // signs it, meets a 401. Before, core appended the bundle (with both webhook headers) to the
      // error it threw for the verification code.
      runner = await startTrigger(sandbox, { authData: wrongKey() });
      await sandbox.deliverRaw(runner.targetUrl, { Code: 'K7F2Q9', IdWebhook: webhookId });
      await sandbox.deliverRaw(runner.targetUrl, { ...event, Id: 'trg_rotated' });
      await settle();
      expect(runner.errors.map((failure) => (failure.error as Error).name)).toEqual([
        'ExpiredAuthError',
      ]);
      for (const failure of runner.errors) capture('error', failure.message);
      for (const record of runner.records) capture('record', stringify(record));
      expect(runner.records).toHaveLength(1);
      await attempt('list', { name: 'ExpiredAuthError' }, () => runner.list());
      // Without subscribe data, only ProAbono's list could name the webhook: an optional extra
      // whose refusal fails nothing.
      await attempt('unsubscribe', 'ok', () => runner.unsubscribe());
      expect(sandbox.deliveries().filter((delivery) => delivery.kind === 'raw')).toHaveLength(2);
      expectCapturedAndClean();
    });

    it('subscribe with rejected keys, and a verification ProAbono answers with a page echoing the keys', async () => {
      runner = await startTrigger(sandbox, { authData: wrongKey() });
      await attempt('subscribe, 401', { name: 'ExpiredAuthError' }, () => runner.subscribe());
      await runner.close();

      runner = await startTrigger(sandbox, { authData });
      await withFault(
        { method: 'POST', pathRegex: '/Verification$', status: 500, rawBody: ECHO_PAGE },
        async () => {
          await attempt('subscribe', 'ok', () => runner.subscribe());
          await settle();
        },
      );
      expect(runner.errors.map((failure) => failure.message)).toHaveLength(1);
      for (const failure of runner.errors) capture('error', failure.message);
      expectCapturedAndClean();
    });
  });

  // Every other instant trigger, found in the app's definition: the same machinery, its own read.
  const otherHookTriggers = hookTriggerOperations()
    .map((operation) => operation.slice('triggers.'.length))
    .filter((key) => key !== 'billing_address_updated');

  describe.each(otherHookTriggers)('%s', (triggerKey) => {
    let runner: HookRunner | undefined;
    afterEach(async () => {
      await runner?.close();
      runner = undefined;
    });

    it('subscribe, verification, genuine, forged and foreign deliveries, a failing read, list, unsubscribe', async () => {
      coverage.note(`triggers.${triggerKey}`);
      const choices = (
        App.triggers[triggerKey as keyof typeof App.triggers]?.operation.inputFields ?? []
      ).find((field) => 'key' in field && field.key === 'event_types') as
        { choices?: { value: string }[] } | undefined;
      const types = choices?.choices?.map((choice) => choice.value) ?? [];
      runner = await startHookRunner({
        app: App,
        triggerKey,
        authData,
        inputData: types.length > 0 ? { event_types: types } : {},
      });
      await attempt('subscribe', 'ok', () => runner?.subscribe() ?? Promise.resolve());
      await sandbox.idle();
      await runner.idle();
      const type = types[0] ?? sandbox.webhooks()[0]?.Triggers[0] ?? '';
      const event = sandbox.emitEvent(type, 'cust-fr-001');
      sandbox.deliveryFaults.forgeNext(1);
      sandbox.emitEvent(type, 'cust-us-005');
      await sandbox.deliverRaw(runner.targetUrl, { ...event, Id: 'evt_x', TypeTrigger: 'X' });
      // Every read a record may need fails with a page echoing the keys: the record still goes out.
      await withFault({ status: 503, rawBody: ECHO_PAGE, times: 3 }, async () => {
        sandbox.emitEvent(type, 'cust-fr-001');
        await sandbox.idle();
        await runner?.idle();
      });
      await sandbox.idle();
      await runner.idle();
      expect(runner.errors).toEqual([]);
      expect(runner.records).toHaveLength(2);
      for (const record of runner.records) capture('record', stringify(record));
      await attempt('list', 'ok', () => runner?.list() ?? Promise.resolve([]));
      await attempt('list, rotated keys', { name: 'ExpiredAuthError' }, async () => {
        const rotated = await startHookRunner({ app: App, triggerKey, authData: wrongKey() });
        try {
          return await rotated.list();
        } finally {
          await rotated.close();
        }
      });
      await attempt('unsubscribe', 'ok', () => runner?.unsubscribe() ?? Promise.resolve());
      expectCapturedAndClean();
    });
  });

  it('exercised every operation of the app', () => {
    expect(coverage.missing()).toEqual([]);
  });
});
