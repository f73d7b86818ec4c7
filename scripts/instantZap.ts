import { startHookRunner } from '../sandbox/zapier/hookRunner.js';
import type { HookRunner } from '../sandbox/zapier/hookRunner.js';
import type { Sandbox } from '../sandbox/index.js';
import { basicAuthorization } from '../sandbox/zapier/zapierHarness.js';
import { counted, display, flushZapLog, measured, printRequests } from './output.js';
import type { Context } from './runStart.js';

/*
 * The instant trigger's side of `npm start`: a Zap turned on and off behind the hook runner,
 * edits made in ProAbono as a person would make them, and what the deliveries they cause give
 * (records, dropped duplicates, requests), with records cut down to what changed.
 */

/** As if someone edited the address in ProAbono: a plain API Live call, outside the app. */
const editAddressInProAbono = async (
  sandbox: Sandbox,
  reference: string,
  changes: Record<string, string>,
) => {
  const { agentKey, apiKey } = sandbox.authData;
  const response = await fetch(
    `${sandbox.url}/v1/CustomerAddressBilling?ReferenceCustomer=${encodeURIComponent(reference)}`,
    {
      method: 'POST',
      headers: {
        authorization: basicAuthorization(agentKey, apiKey),
        'content-type': 'application/json',
      },
      body: JSON.stringify(changes),
    },
  );
  if (!response.ok) throw new Error(`The sandbox refused the edit (HTTP ${response.status})`);
};

/**
 * A Billing Address Updated record without the `previous_<Field>` of fields that did not change:
 * they are always empty, and eleven empty lines would hide the ones that matter.
 */
export const withChangedPreviousOnly = (
  record: Record<string, unknown>,
): Record<string, unknown> => {
  const address = record.billing_address;
  if (address === null || typeof address !== 'object' || Array.isArray(address)) return record;
  const fields = address as Record<string, unknown>;
  const changed = Array.isArray(fields.changed_fields) ? fields.changed_fields.map(String) : [];
  return {
    ...record,
    billing_address: Object.fromEntries(
      Object.entries(fields).filter(
        ([key]) =>
          !key.startsWith('previous_') ||
          key === 'previous_address_known' ||
          changed.includes(key.slice('previous_'.length)),
      ),
    ),
  };
};

/**
 * Waits for ProAbono's deliveries to reach the hook runner and for the trigger to run on them,
 * then prints what arrived, how many records the trigger made and what it cost. Returns the new
 * records.
 */
export const receiveDeliveries = async (
  context: Context,
  { hooks, settle }: HookZap,
): Promise<Record<string, unknown>[]> => {
  const [received, records] = [hooks.received.length, hooks.records.length];
  const { made } = await measured(context, settle);
  const arrived = hooks.received.slice(received);
  const ids = arrived.map((request) => display((request.body as { Id?: unknown } | null)?.Id));
  context.out.field('Deliveries received', `${arrived.length} (${ids.join(', ')})`);
  const created = hooks.records.slice(records);
  const duplicates = arrived.length - new Set(ids).size;
  context.out.field(
    'Records',
    duplicates > 0
      ? `${created.length} (${duplicates} duplicate${duplicates === 1 ? '' : 's'} dropped)`
      : String(created.length),
  );
  const extra = made.length - created.length;
  printRequests(context, made, {
    note:
      duplicates > 0
        ? `${extra} for the duplicate${duplicates === 1 ? '' : 's'}: one read per record`
        : undefined,
  });
  return created;
};

/** Someone edits a customer's address in ProAbono; prints what the Zap then received and gave. */
export const editAndReceive = async (
  context: Context,
  zap: HookZap,
  reference: string,
  changes: Record<string, string>,
): Promise<Record<string, unknown>[]> => {
  await editAddressInProAbono(context.sandbox, reference, changes);
  return receiveDeliveries(context, zap);
};

/** The part of a record an address change is about: who, what changed, and what it was. */
export const changesOnly = (record: Record<string, unknown>): Record<string, unknown> => {
  const address = (record.billing_address ?? {}) as Record<string, unknown>;
  const changed = Array.isArray(address.changed_fields) ? address.changed_fields.map(String) : [];
  return {
    id: record.id,
    ReferenceCustomer: record.ReferenceCustomer,
    billing_address: {
      ...Object.fromEntries(changed.map((key) => [key, address[key]])),
      changed_fields: address.changed_fields,
      previous_address_known: address.previous_address_known,
      ...Object.fromEntries(changed.map((key) => [`previous_${key}`, address[`previous_${key}`]])),
    },
  };
};

interface HookZap {
  hooks: HookRunner;
  /** Every delivery answered and every accepted one performed. */
  settle: () => Promise<void>;
}

/**
 * Starts a real instant trigger (Billing Address Updated unless told) behind the hook runner with
 * the Zap's input fields, and turns it on, printing what that cost (without the requests when
 * `listRequests` is false: they are the same as for the first Zap).
 */
export const turnOnZap = async (
  context: Context,
  inputData: Record<string, unknown>,
  title: string,
  {
    listRequests = true,
    triggerKey = 'billing_address_updated',
  }: { listRequests?: boolean; triggerKey?: string } = {},
): Promise<HookZap> => {
  const hooks = await startHookRunner({
    app: context.app,
    triggerKey,
    authData: context.authData,
    inputData,
  });
  const settle = async () => {
    await context.sandbox.idle();
    await hooks.idle();
  };
  const zap = { hooks, settle };
  try {
    context.out.line(`  ${title}`);
    const { made } = await measured(context, async () => {
      await hooks.subscribe();
      await settle();
    });
    if (listRequests) printRequests(context, made);
    else {
      context.out.field('ProAbono requests', `${made.length} (as for the first Zap)`);
      flushZapLog(context);
    }
    return zap;
  } catch (error) {
    await hooks.close();
    throw error;
  }
};

/** Prints the errors perform raised, if any, then unsubscribes and prints what that cost. */
export const turnOffZap = async (context: Context, { hooks }: HookZap, title: string) => {
  for (const failure of hooks.errors) context.out.field('Error', failure.message);
  context.out.line();
  context.out.line(`  ${title}`);
  await counted(context, () => hooks.unsubscribe());
  context.out.field('Webhooks left', String(context.sandbox.webhooks().length));
};
