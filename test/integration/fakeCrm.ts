import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { isObject, parseBody, readBody, writeReply } from '../../sandbox/http.js';
import { ADDRESS_KEYS } from '../../sandbox/index.js';
import type { AddressKey, BillingAddress } from '../../sandbox/index.js';

/*
 * A CRM on loopback, as the other end of a two-way address sync sees one: contacts keyed by the
 * ProAbono customer reference, each with the eleven address fields, written over HTTP. Like many
 * real CRMs, it fires its "contact updated" hook on every write, even one that changes nothing:
 * that echo is what the two-way sync test is about.
 */

/** A contact's address: the eleven fields, `null` when empty. */
export type Contact = BillingAddress;

/** What the "contact updated" hook POSTs: the whole contact after the write. */
export interface ContactHook {
  id: string;
  event: 'contact.updated';
  ReferenceCustomer: string;
  contact: Contact;
}

interface CrmWrite {
  reference: string;
  /** The fields whose value differs after the write, in address order; empty for an echo. */
  changed: AddressKey[];
}

export interface FakeCrm {
  url: string;
  /** Where every "contact updated" hook goes; none are sent while it is undefined. */
  hookUrl: string | undefined;
  /** Creates or replaces a contact directly, as an import would: no write, no hook. */
  seed(reference: string, contact: Contact): void;
  contact(reference: string): Contact | undefined;
  /** Every accepted write, oldest first. */
  writes: CrmWrite[];
  /** Every hook sent, with the status its receiver answered (0 when it could not be reached). */
  hooks: { body: ContactHook; status: number }[];
  /** Resolves when every write received so far has had its hook answered. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const CONTACT_PATH = /^\/contacts\/([^/]+)$/;

const empty = (value: unknown): boolean => value === null || value === '';

/**
 * Writes the given fields of a contact over the CRM's HTTP API, as a person's edit in the CRM or a
 * Zap's "update contact" action does; answers the fields that changed.
 */
export const writeContact = async (
  crmUrl: string,
  reference: string,
  fields: Partial<Contact>,
): Promise<AddressKey[]> => {
  const response = await fetch(`${crmUrl}/contacts/${encodeURIComponent(reference)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  const answer = (await response.json()) as { changed?: AddressKey[]; message?: string };
  if (!response.ok) {
    throw new Error(`The CRM refused the write (HTTP ${response.status}): ${answer.message ?? ''}`);
  }
  return answer.changed ?? [];
};

export const startFakeCrm = async (): Promise<FakeCrm> => {
  const contacts = new Map<string, Contact>();
  const writes: CrmWrite[] = [];
  const hooks: FakeCrm['hooks'] = [];
  const pending = new Set<Promise<void>>();
  let nextHook = 1;

  const sendHook = async (url: string, body: ContactHook) => {
    const entry = { body, status: 0 };
    hooks.push(entry);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      entry.status = response.status;
    } catch {
      // An unreachable receiver is logged with status 0: this CRM does not retry.
    }
  };

  /** `PATCH /contacts/{reference}`: the fields given are written, `null` or `""` empties one. */
  const write = (reference: string, body: unknown) => {
    const contact = contacts.get(reference);
    if (!contact) return { status: 404, json: { message: `No contact "${reference}".` } };
    if (!isObject(body)) return { status: 400, json: { message: 'The body must be an object.' } };
    const unknown = Object.keys(body).filter(
      (key) => !(ADDRESS_KEYS as readonly string[]).includes(key),
    );
    const notText = ADDRESS_KEYS.filter(
      (key) => key in body && body[key] !== null && typeof body[key] !== 'string',
    );
    if (unknown.length > 0 || notText.length > 0) {
      return {
        status: 400,
        json: { message: `Unknown or non-text fields: ${[...unknown, ...notText].join(', ')}.` },
      };
    }
    const changed = ADDRESS_KEYS.filter((key) => {
      if (!(key in body)) return false;
      const value = empty(body[key]) ? null : (body[key] as string);
      if (value === contact[key]) return false;
      contact[key] = value;
      return true;
    });
    writes.push({ reference, changed });
    return {
      status: 200,
      json: { ReferenceCustomer: reference, contact: { ...contact }, changed },
    };
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const { body } = parseBody(await readBody(req));
      const match = CONTACT_PATH.exec(new URL(req.url ?? '/', 'http://crm.invalid').pathname);
      const reference = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
      if (reference === undefined) {
        writeReply(res, { status: 404, json: { message: 'Not found.' } });
        return;
      }
      if (req.method === 'GET') {
        const contact = contacts.get(reference);
        writeReply(
          res,
          contact
            ? { status: 200, json: { ReferenceCustomer: reference, contact } }
            : { status: 404, json: { message: `No contact "${reference}".` } },
        );
        return;
      }
      if (req.method !== 'PATCH') {
        writeReply(res, { status: 405, json: { message: 'Use GET or PATCH.' } });
        return;
      }
      const answer = write(reference, body);
      const contact = contacts.get(reference);
      // Registered before the answer leaves, so idle() always waits for this write's hook.
      if (answer.status === 200 && contact && crm.hookUrl !== undefined) {
        const hook: ContactHook = {
          id: `evt_${nextHook++}`,
          event: 'contact.updated',
          ReferenceCustomer: reference,
          contact: { ...contact },
        };
        const sending = sendHook(crm.hookUrl, hook);
        pending.add(sending);
        void sending.finally(() => pending.delete(sending));
      }
      writeReply(res, answer);
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const crm: FakeCrm = {
    url: `http://127.0.0.1:${port}`,
    hookUrl: undefined,
    seed: (reference, contact) => {
      contacts.set(reference, { ...contact });
    },
    contact: (reference) => {
      const contact = contacts.get(reference);
      return contact && { ...contact };
    },
    writes,
    hooks,
    idle: async () => {
      while (pending.size > 0) await Promise.all(pending);
    },
    close: async () => {
      await crm.idle();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return crm;
};
