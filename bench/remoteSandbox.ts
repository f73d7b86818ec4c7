import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import type {
  LoggedDelivery,
  LoggedRequest,
  Notification,
  StoredWebhook,
} from '../sandbox/index.js';

/**
 * The sandbox running in a child process (bench/sandboxProcess.ts), driven through its `/_admin`
 * interface over loopback. Admin calls are never in the request log, so they cost the measured
 * operations nothing.
 */
export interface RemoteSandbox {
  url: string;
  env: { PROABONO_LIVE_URL: string; PROABONO_BACKOFFICE_URL: string };
  authData: { businessId: string; agentKey: string; apiKey: string; webhookSecret: string };
  /** Seeded data, no events, no webhooks, empty logs, no faults. */
  reset(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  deliveries(): Promise<LoggedDelivery[]>;
  /** Adds past events (nothing is delivered); answers the size of the history. */
  addEvents(count: number, references?: string[]): Promise<number>;
  events(): Promise<Notification[]>;
  /**
   * Records a notification about the customer (a billing-address update unless `typeTrigger`
   * says otherwise) and delivers it to the active webhooks.
   */
  emit(reference: string, typeTrigger?: string): Promise<Notification>;
  /** Every later delivery is sent `times` times (1 = normal). */
  duplicateDeliveries(times: number): Promise<void>;
  /** One POST to `url`, signed with the real secret unless `headers` override it. */
  deliver(url: string, body: unknown, headers?: Record<string, string>): Promise<number>;
  webhooks(): Promise<StoredWebhook[]>;
  /** Resolves when the sandbox has no delivery in flight or waiting for a retry. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Ready {
  url: string;
  env: RemoteSandbox['env'];
  authData: RemoteSandbox['authData'];
}

const firstLine = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    if (!child.stdout) {
      reject(new Error('The sandbox process has no stdout'));
      return;
    }
    const lines = createInterface({ input: child.stdout });
    const failed = (code: number | null) =>
      reject(new Error(`The sandbox process exited (code ${String(code)}) before it was ready`));
    child.once('exit', failed);
    child.once('error', reject);
    lines.once('line', (line) => {
      child.off('exit', failed);
      lines.close();
      resolve(line);
    });
  });

export const startRemoteSandbox = async (): Promise<RemoteSandbox> => {
  const entry = fileURLToPath(new URL('./sandboxProcess.js', import.meta.url));
  const child = spawn(process.execPath, [entry], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = JSON.parse(await firstLine(child)) as Ready;
  const admin = `${ready.url}/_admin`;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${admin}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Sandbox admin ${method} ${path} answered ${response.status}: ${text}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return {
    ...ready,
    reset: () => call('POST', '/reset', {}),
    requests: () => call('GET', '/requests'),
    clearRequests: () => call('DELETE', '/requests'),
    deliveries: () => call('GET', '/deliveries'),
    addEvents: async (count, references) =>
      (
        await call<{ total: number }>('POST', '/events', {
          count,
          ...(references ? { references } : {}),
        })
      ).total,
    events: () => call('GET', '/events'),
    emit: (reference, typeTrigger) =>
      call('POST', '/emit', {
        ReferenceCustomer: reference,
        ...(typeTrigger === undefined ? {} : { TypeTrigger: typeTrigger }),
      }),
    duplicateDeliveries: async (times) => {
      await call('DELETE', '/delivery-faults');
      if (times > 1) await call('POST', '/delivery-faults', { duplicate: times });
    },
    deliver: async (url, body, headers) =>
      (
        await call<{ status: number }>('POST', '/deliver', {
          url,
          body,
          ...(headers ? { headers } : {}),
        })
      ).status,
    webhooks: () => call('GET', '/webhooks'),
    idle: () => call('GET', '/idle'),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        await exited;
      }
    },
  };
};
