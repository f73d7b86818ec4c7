import { readFile } from 'node:fs/promises';

import nock from 'nock';

import App from '../index.js';
import packageJson from '../package.json' with { type: 'json' };
import { performOf, withEnv } from '../sandbox/zapier/zapierHarness.js';
import { testConnection } from '../src/authentication.js';
import {
  AUTH,
  LIVE,
  addressReadApi,
  appTester,
  customerLookupApi,
  liveApi,
  rejectionOf,
  rewindEventsApi,
  run,
} from './support/app.js';

/**
 * What Zapier's publishing requirements make checkable offline, applied to every operation the app
 * defines, so each new operation is held to them without touching this file.
 */

interface Field {
  key?: unknown;
  type?: unknown;
  list?: unknown;
  label?: unknown;
  helpText?: unknown;
  required?: unknown;
  dynamic?: unknown;
  search?: unknown;
  choices?: unknown;
}
interface Operation {
  key?: unknown;
  noun?: unknown;
  display?: { label?: unknown; description?: unknown; hidden?: unknown };
  operation?: { sample?: unknown; inputFields?: unknown; outputFields?: unknown };
}
type Kind = 'trigger' | 'create' | 'search' | 'searchOrCreate';

const KEY_PATTERN = /^[a-zA-Z]+[a-zA-Z0-9_]*$/;
const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

const titleCaseProblems = (label: string): string[] =>
  label
    .split(/\s+/)
    .map((word) => word.replace(/^[("'[]+|[)"'\],.:]+$/g, ''))
    .filter(
      (word, index) =>
        word !== '' &&
        /\p{L}/u.test(word) &&
        !(index > 0 && MINOR_WORDS.has(word)) &&
        !/^[\p{Lu}\d]/u.test(word),
    )
    .map((word) => `"${word}" in "${label}" is not capitalised`);

/** The integration's name: Zapier shows it beside every operation, so copy never repeats it. */
const APP_NAME = /\bProAbono\b/i;
/** "Triggers when" and a handful of words. */
const MAX_TRIGGER_DESCRIPTION_WORDS = 10;
/** Input labels never say "ID": users should pick, not type, internal identifiers. */
const ID_WORD = /\bID\b/;
/**
 * References to something ProAbono offers no list of, so no dropdown can offer them: an
 * affiliate's reference is the business's own text.
 */
const UNLISTED_REFERENCES = new Set(['ReferenceAffiliation']);
/** Inputs with a fixed set of accepted values, offered as a static dropdown. */
const FIXED_VALUE_KEYS = new Set(['Country', 'Language']);
/** The partial-update promise, said once per update action. */
const LEAVE_BLANK = 'Leave blank to keep the current value.';
const BLANK_MEANS_UNCHANGED =
  /leave (?:it |them |the field )?blank|left blank|unchanged|keep the current value/i;
/** Only reserved example domains may appear in samples, placeholders and help. */
const EXAMPLE_DOMAIN = /^example\.(?:com|org|net)$/i;
const EMAIL = /[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g;

const UPDATES = /\bor updates\b|\bupdated instead\b|\bis updated\b/i;
const TRIGGER_KEYS = new Set(Object.keys(App.triggers ?? {}));

/** What Zapier runs to load a trigger's samples: performList for a REST hook, else perform. */
const sampleLoader = (key: string) => {
  const triggers = App.triggers as Record<string, { operation: { type?: string } }>;
  const hook = triggers[key]?.operation.type === 'hook';
  return performOf(App, 'triggers', key, hook ? 'performList' : 'perform');
};

/** A trigger's samples loaded as Zapier loads them while a Zap is set up. */
const loadSamples = (key: string) =>
  appTester(sampleLoader(key), { authData: { ...AUTH }, meta: { isLoadingSample: true } });

const isField = (field: unknown): field is Field => typeof field === 'object' && field !== null;
const fieldsOf = (fields: unknown): Field[] =>
  (Array.isArray(fields) ? fields : []).filter(isField);
const helpOf = (field: Field): string => (typeof field.helpText === 'string' ? field.helpText : '');

/** Sample entries as Zapier flattens them: `parent__child`. */
const flatEntries = (value: object, prefix = ''): [string, unknown][] =>
  Object.entries(value).flatMap(([key, item]): [string, unknown][] =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? flatEntries(item as object, `${prefix}${key}__`)
      : [[`${prefix}${key}`, item]],
  );
const flatKeys = (value: object): string[] => flatEntries(value).map(([key]) => key);

/**
 * The fields only a credit note has, in the one invoice shape every invoice record shares: on an
 * invoice sample they are empty by nature, and output fields cannot carry a help text to say so.
 */
const CREDIT_NOTE_ONLY = /(?:^|[\s_])(?:TypeCredit|Reason)$/;
const isCreditNoteOnly = (name: string): boolean => CREDIT_NOTE_ONLY.test(name);

/**
 * A sample value against its output field (Zapier's check D024 compares each value's type with
 * the field's). The rule: no sample value is null, unless the field's help text says when it is
 * empty (input fields) or it is a credit note's own field on an invoice. A null where a field promises text gives the Zap's next steps nothing to map while the
 * Zap is set up, and the check may read it as the wrong type; a field that is often empty says so.
 * Every other value has the field's type (a list: an array of it; a datetime: a date string).
 */
const sampleValueProblem = (name: string, field: Field, value: unknown): string | undefined => {
  if (value === null || value === undefined) {
    return /\b(?:empty|blank)\b/i.test(helpOf(field)) || isCreditNoteOnly(name)
      ? undefined
      : `${name} is ${String(value)}, and its output field does not say when it is empty`;
  }
  const type = typeof field.type === 'string' ? field.type : 'string';
  const typed = (item: unknown) => {
    switch (type) {
      case 'integer':
        return Number.isInteger(item);
      case 'number':
        return typeof item === 'number';
      case 'boolean':
        return typeof item === 'boolean';
      case 'datetime':
        return typeof item === 'string' && !Number.isNaN(Date.parse(item));
      default:
        return typeof item === 'string';
    }
  };
  const fits = field.list === true ? Array.isArray(value) && value.every(typed) : typed(value);
  return fits ? undefined : `${name} ${JSON.stringify(value)} is not of type ${type}`;
};

/**
 * In a record that says which fields changed (`changed_fields`), `previous_<Field>` holds the old
 * value of each changed field and is empty for the others: a sample says the same.
 */
const changeProblems = (where: string, sample: object): string[] => {
  const values = new Map(flatEntries(sample));
  return [...values].flatMap(([key, changed]) => {
    if (!key.endsWith('changed_fields') || !Array.isArray(changed)) return [];
    const prefix = key.slice(0, -'changed_fields'.length);
    return [...values].flatMap(([name, previous]) => {
      const field = name.slice(`${prefix}previous_`.length);
      // Only previous_<Field> beside a <Field>: previous_address_known is no old value.
      if (!name.startsWith(`${prefix}previous_`) || !values.has(`${prefix}${field}`)) return [];
      if (!changed.includes(field)) {
        return previous === null ? [] : [`${where}: ${name} is set, but ${field} did not change`];
      }
      return previous === null || previous === values.get(`${prefix}${field}`)
        ? [`${where}: ${name} is not the old value of a changed field`]
        : [];
    });
  });
};

const fieldProblems = (where: string, fields: unknown): string[] =>
  (Array.isArray(fields) ? fields : [])
    .filter((field): field is Field => typeof field === 'object' && field !== null)
    .flatMap((field) => {
      const name = `${where} field ${String(field.key)}`;
      const problems: string[] = [];
      // A copy field is a block of help text shown in the form: it has text, not a label.
      if (field.type === 'copy') {
        return typeof field.helpText === 'string' && field.helpText.trim() !== ''
          ? []
          : [`${name} is a copy field without text`];
      }
      if (typeof field.label !== 'string' || field.label.trim() === '')
        problems.push(`${name} has no label`);
      else problems.push(...titleCaseProblems(field.label).map((p) => `${name}: ${p}`));
      if (
        typeof field.helpText === 'string' &&
        typeof field.label === 'string' &&
        field.helpText.trim().replace(/\.$/, '').toLowerCase() === field.label.trim().toLowerCase()
      ) {
        problems.push(`${name} help text only repeats its label`);
      }
      return problems;
    });

/**
 * Rules on an operation's inputs: no "ID" labels; a typed reference to an existing ProAbono object
 * has a dynamic dropdown (a search or a create of that very object takes the value as typed: a
 * search term, or the new object's own reference); fixed values have a static dropdown; an
 * update says once that blank fields stay unchanged; a search whose fields are all optional says
 * in each help text that one is required.
 */
const inputProblems = (kind: Kind, mapKey: string, op: Operation, triggers: Set<string>) => {
  const where = `${kind} ${mapKey} input`;
  const inputs = fieldsOf(op.operation?.inputFields);
  const problems: string[] = [];
  for (const field of inputs) {
    const name = `${where} field ${String(field.key)}`;
    if (typeof field.label === 'string' && ID_WORD.test(field.label)) {
      problems.push(`${name}: label "${field.label}" says ID`);
    }
    // A dropdown picks a thing: "Segment", as "Customer" beside it, not "Segment Reference".
    if (
      typeof field.dynamic === 'string' &&
      typeof field.label === 'string' &&
      /\bReference$/.test(field.label)
    ) {
      problems.push(`${name}: dropdown labelled "${field.label}", not by the thing it picks`);
    }
    const object =
      typeof field.key === 'string' ? /^(?:Reference|Id)([A-Z]\w*)$/.exec(field.key) : null;
    const ownValue = (kind === 'search' || mapKey.startsWith('create_')) && object?.[1] === op.noun;
    if (object && !ownValue && !UNLISTED_REFERENCES.has(String(field.key))) {
      const target = typeof field.dynamic === 'string' ? field.dynamic.split('.')[0] : undefined;
      if (target === undefined) problems.push(`${name}: a typed reference without a dropdown`);
      else if (!triggers.has(target))
        problems.push(`${name}: its dropdown trigger ${target} does not exist`);
    }
    if (
      typeof field.key === 'string' &&
      FIXED_VALUE_KEYS.has(field.key) &&
      !Array.isArray(field.choices)
    ) {
      problems.push(`${name}: a fixed set of values without a dropdown`);
    }
  }
  const help = inputs.map(helpOf).join('\n');
  const blankSentences = inputs
    .flatMap((field) => helpOf(field).split(/(?<=[.:;])\s+/))
    .filter((sentence) => BLANK_MEANS_UNCHANGED.test(sentence));
  if (blankSentences.length > 1) {
    problems.push(`${where}s say blank means unchanged ${blankSentences.length} times`);
  }
  if (kind === 'create' && mapKey.startsWith('update_') && !help.includes(LEAVE_BLANK)) {
    problems.push(`${where}s never say "${LEAVE_BLANK}"`);
  }
  if (kind === 'search' && inputs.length > 1 && inputs.every((field) => field.required !== true)) {
    for (const field of inputs.filter(
      (input) => !/\bOne of .+ is required\b/.test(helpOf(input)),
    )) {
      problems.push(`${where} field ${String(field.key)}: help does not say one field is required`);
    }
  }
  return problems;
};

/**
 * Rules on what an operation returns: output fields and sample match key for key (Zapier's
 * `parent__child` for nested keys); in a customer record `id` is the customer reference, and
 * ProAbono's own number is `IdCustomer`; a record of another object (a subscription, an invoice,
 * an offer) carries that object's `Id`, and its `id` is that number or the object's own reference
 * (`ReferenceOffer` for an offer: what a dropdown hands on); an event keeps its own `id`.
 */
const outputProblems = (kind: Kind, mapKey: string, op: Operation): string[] => {
  const where = `${kind} ${mapKey}`;
  const sample = op.operation?.sample as Record<string, unknown> | undefined;
  const outputs = fieldsOf(op.operation?.outputFields);
  const problems: string[] = [];
  if (sample === undefined || typeof sample !== 'object') return problems;
  if (outputs.length > 0) {
    const keys = outputs.map((field) => String(field.key)).sort();
    const sampled = flatKeys(sample).sort();
    if (JSON.stringify(keys) !== JSON.stringify(sampled)) {
      problems.push(
        `${where}: output fields ${keys.join(',')} differ from sample keys ${sampled.join(',')}`,
      );
    }
  }
  const values = new Map(flatEntries(sample));
  for (const field of outputs) {
    const problem = sampleValueProblem(
      `${where}: sample ${String(field.key)}`,
      field,
      values.get(String(field.key)),
    );
    if (problem !== undefined && values.has(String(field.key))) problems.push(problem);
  }
  problems.push(...changeProblems(where, sample));
  for (const field of outputs) {
    if (field.label === 'ProAbono Customer ID' && field.key !== 'IdCustomer') {
      problems.push(`${where}: ${String(field.key)} is labelled ProAbono Customer ID`);
    }
  }
  const ownId = 'Id' in sample;
  const ownReference = typeof op.noun === 'string' ? sample[`Reference${op.noun}`] : undefined;
  if (ownId && sample.id !== sample.Id && sample.id !== ownReference) {
    problems.push(`${where}: id is not the record's own Id`);
  }
  if (typeof sample.ReferenceCustomer === 'string' && !ownId) {
    const event = 'DateTrigger' in sample;
    if (!event && sample.id !== sample.ReferenceCustomer) {
      problems.push(`${where}: id is not the customer reference`);
    }
    if (event && sample.id === sample.ReferenceCustomer) {
      problems.push(`${where}: an event's id is the customer reference`);
    }
  }
  return problems;
};

const operationProblems = (
  kind: Kind,
  mapKey: string,
  op: Operation,
  triggers: Set<string> = TRIGGER_KEYS,
): string[] => {
  const problems: string[] = [];
  const where = `${kind} ${mapKey}`;
  if (op.key !== mapKey) problems.push(`${where}: key ${String(op.key)} differs from its map key`);
  if (!KEY_PATTERN.test(mapKey)) problems.push(`${where}: key does not match ${KEY_PATTERN}`);
  const label = op.display?.label;
  const description = op.display?.description;
  for (const text of [label, description]) {
    if (typeof text === 'string' && APP_NAME.test(text)) {
      problems.push(`${where}: "${text}" names the integration`);
    }
  }
  // Zapier rules out a Create that updates an existing record: search-or-create pairs a search
  // with a create that only creates.
  const createCopy = [description, ...fieldsOf(op.operation?.inputFields).map(helpOf)].join(' ');
  if (kind === 'create' && mapKey.startsWith('create_') && UPDATES.test(createCopy)) {
    problems.push(`${where}: a create that says it updates`);
  }
  problems.push(...inputProblems(kind, mapKey, op, triggers));
  problems.push(...outputProblems(kind, mapKey, op));
  if (op.display?.hidden === true) return problems;
  if (typeof label !== 'string' || label === '') problems.push(`${where}: no label`);
  else problems.push(...titleCaseProblems(label).map((p) => `${where}: ${p}`));
  if (typeof description !== 'string' || !description.endsWith('.')) {
    problems.push(`${where}: description must end with "."`);
  } else if (kind === 'trigger' && !description.startsWith('Triggers when ')) {
    problems.push(`${where}: trigger description must start "Triggers when"`);
  } else if (
    kind === 'trigger' &&
    description.slice('Triggers when '.length).split(/\s+/).length > MAX_TRIGGER_DESCRIPTION_WORDS
  ) {
    problems.push(`${where}: more than a handful of words after "Triggers when"`);
  } else if (kind !== 'trigger' && !/^[A-Z][a-z]+s\b/.test(description)) {
    problems.push(`${where}: description must start with a verb such as "Updates" or "Finds"`);
  }
  if (kind !== 'searchOrCreate') {
    const sample = op.operation?.sample;
    if (typeof sample !== 'object' || sample === null || Object.keys(sample).length === 0) {
      problems.push(`${where}: no sample`);
    }
    problems.push(...fieldProblems(`${where} input`, op.operation?.inputFields));
    problems.push(...fieldProblems(`${where} output`, op.operation?.outputFields));
  }
  return problems;
};

/** The problems of a made-up operation `key` on a Thing, with this display and definition. */
const thingProblems = (
  kind: Kind,
  key: string,
  display: Operation['display'],
  operation: Operation['operation'],
  triggers?: Set<string>,
): string[] => operationProblems(kind, key, { key, noun: 'Thing', display, operation }, triggers);

const FIND_THING = { label: 'Find Thing', description: 'Finds a thing.' };

const operations = (): [Kind, string, Operation][] => {
  const app = App as unknown as Record<string, Record<string, Operation> | undefined>;
  const groups: [Kind, Record<string, Operation> | undefined][] = [
    ['trigger', app.triggers],
    ['create', app.creates],
    ['search', app.searches],
    ['searchOrCreate', app.searchOrCreates],
  ];
  return groups.flatMap(([kind, group]) =>
    Object.entries(group ?? {}).map(([key, op]): [Kind, string, Operation] => [kind, key, op]),
  );
};

/** Every e-mail address in a definition whose domain is not a reserved example domain. */
const foreignEmails = (definition: unknown): string[] =>
  [...(JSON.stringify(definition) ?? '').matchAll(EMAIL)]
    .filter((match) => !EXAMPLE_DOMAIN.test(match[1] ?? ''))
    .map((match) => match[0]);

const MARKDOWN_LINK = /\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g;

/**
 * Zapier's check D008: help text and descriptions link with markdown (`[text](url)`) or show an
 * address as a code span; a URL outside both is bare.
 */
const bareUrls = (text: string): string[] =>
  [
    ...text
      .replace(/`[^`]*`/g, ' ')
      .replace(/\[[^\]]*\]\([^)]*\)/g, ' ')
      .matchAll(/\b(?:https?:\/\/|www\.)[^\s<>()[\]`]*[^\s<>()[\]`.,;:!?'"]/gi),
  ].map((match) => match[0]);

/** Every help text and description of a definition (fields, operations, authentication), by path. */
const copyTexts = (value: unknown, path = 'app'): [string, string][] => {
  if (Array.isArray(value)) return value.flatMap((item, i) => copyTexts(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]): [string, string][] =>
    (key === 'helpText' || key === 'description') && typeof item === 'string'
      ? [[`${path}.${key}`, item]]
      : copyTexts(item, `${path}.${key}`),
  );
};

const bareUrlProblems = (definition: unknown): string[] =>
  copyTexts(definition).flatMap(([where, text]) =>
    bareUrls(text).map((url) => `${where}: bare URL ${url}`),
  );
const API_KEYS_PAGE = 'https://docs.proabono.com/documentation/api-overview/how-to-get-my-api-keys';
const WEBHOOK_KEY_PAGE =
  'https://docs.proabono.com/documentation/webhooks-2/how-to-secure-a-webhook';

/** A create stopped by an existing record with an error whose code ends in `_exists`. */
const refusedAsExisting = async (run: Promise<unknown>) => {
  const error = await rejectionOf(run);
  expect(error).toMatchObject({ name: 'AppError', code: expect.stringMatching(/_exists$/) });
};

/**
 * For each create that must only create: an input, the answer that says the record exists, and
 * how the step stops there (by default an error ending in `_exists`). Every `create_` operation
 * needs an entry, so a new one cannot skip the check.
 */
const CREATE_ONLY: Record<
  string,
  {
    inputData: Record<string, unknown>;
    exists: () => nock.Scope;
    stops?: (run: Promise<unknown>) => Promise<void>;
  }
> = {
  create_customer: {
    inputData: { ReferenceCustomer: 'cust-42', Name: 'John Doe', City: 'Paris' },
    exists: () =>
      customerLookupApi('cust-42').reply(200, {
        Id: 233700,
        ReferenceCustomer: 'cust-42',
        ReferenceSegment: 'demo-eur',
      }),
  },
  // Skip If Already Subscribed (on by default) returns the running subscription, unchanged.
  create_subscription: {
    inputData: { ReferenceCustomer: 'cust-42', ReferenceOffer: 'premium-monthly' },
    exists: () =>
      liveApi()
        .get('/v1/Subscription')
        .query({
          ReferenceCustomer: 'cust-42',
          ReferenceOffer: 'premium-monthly',
          IgnoreFeatures: 'true',
        })
        .reply(200, {
          Id: 140960,
          ReferenceCustomer: 'cust-42',
          ReferenceOffer: 'premium-monthly',
          Status: 'Active',
          StateSubscription: 'ActiveRunning',
        }),
    stops: async (run) => {
      await expect(run).resolves.toMatchObject({ id: 140960, created: false });
    },
  },
};

const createKeys = () => Object.keys(App.creates ?? {}).filter((key) => key.startsWith('create_'));

describe('publishing rules', () => {
  it('hold for every operation the app defines', () => {
    expect(operations().flatMap(([kind, key, op]) => operationProblems(kind, key, op))).toEqual([]);
  });

  it('link every credential to the page where it is found (D002), and say where to click once', () => {
    const fields = App.authentication?.fields ?? [];
    expect(fieldProblems('authentication', fields)).toEqual([]);
    expect(
      Object.fromEntries(
        fields.map((field) => [
          field.key,
          [...(field.helpText ?? '').matchAll(MARKDOWN_LINK)].map((link) => link[2]),
        ]),
      ),
    ).toEqual({
      businessId: [API_KEYS_PAGE],
      agentKey: [API_KEYS_PAGE],
      apiKey: [API_KEYS_PAGE],
      webhookSecret: [WEBHOOK_KEY_PAGE],
    });
    const help = fields.map((field) => field.helpText ?? '').join('\n');
    expect(help.match(/Integration → API/g)).toHaveLength(1);
    expect(help.match(/Integration → Webhooks/g)).toHaveLength(1);
  });

  it('use only example domains in samples, placeholders and help', () => {
    expect(foreignEmails(App)).toEqual([]);
    expect(
      foreignEmails({
        sample: { Email: 'john@doe.com' },
        placeholder: 'jane.doe@example.com',
        helpText: 'Write to billing@example.org or sales@acme.example.net.',
      }),
    ).toEqual(['john@doe.com', 'sales@acme.example.net']);
  });

  it('pair each search with a create that only creates', () => {
    const pairs = Object.values(App.searchOrCreates ?? {});
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) expect(pair.create).toMatch(/^create_/);
    expect(Object.keys(CREATE_ONLY).sort()).toEqual(createKeys().sort());
  });

  it.each(createKeys())('%s stops at an existing record and writes nothing', async (key) => {
    const {
      inputData,
      exists,
      stops = refusedAsExisting,
    } = CREATE_ONLY[key] ?? { inputData: {}, exists: () => nock(LIVE) };
    const lookup = exists();
    const writes = nock(LIVE).persist().post(/.*/).query(true).reply(201, {});
    await stops(appTester(performOf(App, 'creates', key), { authData: { ...AUTH }, inputData }));
    expect(lookup.isDone()).toBe(true);
    expect(writes.isDone()).toBe(false);
  });

  it('catch a label that is not in Title Case, a bad description and a missing sample', () => {
    expect(
      operationProblems('trigger', 'new_thing', {
        key: 'new_thing',
        display: { label: 'new thing updated', description: 'Fires when a thing changes' },
        operation: {
          inputFields: [
            { key: 'x', label: 'Name', helpText: 'Name.' },
            { key: 'y' },
            { key: 'z', type: 'copy' },
            { key: 'w', type: 'copy', helpText: 'How it works.' },
          ],
        },
      }),
    ).toEqual([
      'trigger new_thing: "new" in "new thing updated" is not capitalised',
      'trigger new_thing: "thing" in "new thing updated" is not capitalised',
      'trigger new_thing: "updated" in "new thing updated" is not capitalised',
      'trigger new_thing: description must end with "."',
      'trigger new_thing: no sample',
      'trigger new_thing input field x help text only repeats its label',
      'trigger new_thing input field y has no label',
      'trigger new_thing input field z is a copy field without text',
    ]);
    expect(
      operationProblems('create', 'do-it', {
        key: 'other',
        display: { label: 'Update a Thing', description: 'Update the thing.' },
        operation: { sample: { id: 1 } },
      }),
    ).toEqual([
      'create do-it: key other differs from its map key',
      `create do-it: key does not match ${KEY_PATTERN}`,
      'create do-it: description must start with a verb such as "Updates" or "Finds"',
    ]);
    expect(
      operationProblems('trigger', 'ok', {
        key: 'ok',
        display: {
          label: 'Thing Updated (Polling)',
          description: 'Triggers when a thing changes.',
        },
        operation: {
          sample: { id: '1', a: '75008' },
          outputFields: [
            { key: 'id', label: 'ID' },
            { key: 'a', label: 'Zip / Postal Code' },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('catch the app name, a create that updates, typed references, ID and Reference labels and a wrong id', () => {
    expect(
      thingProblems(
        'create',
        'create_thing',
        {
          label: 'Create Thing',
          description: 'Creates a thing in ProAbono, or updates the one with this reference.',
        },
        {
          sample: { id: 9, ReferenceCustomer: 'c1', IdCustomer: 9 },
          inputFields: [
            { key: 'ReferenceThing', label: 'Thing Reference', helpText: 'Your own reference.' },
            { key: 'ReferenceSegment', label: 'Segment ID', helpText: 'The segment to use.' },
            {
              key: 'IdOffer',
              label: 'Offer',
              dynamic: 'offer_list.id.label',
              helpText: 'The offer to start.',
            },
            { key: 'Language', label: 'Language', helpText: 'A two-letter code.' },
            {
              key: 'ReferenceCustomer',
              label: 'Customer Reference',
              dynamic: 'customer_list.id.label',
              helpText: 'The customer to attach it to.',
            },
          ],
          outputFields: [{ key: 'id', label: 'ProAbono Customer ID' }],
        },
        new Set(['customer_list']),
      ),
    ).toEqual([
      'create create_thing: "Creates a thing in ProAbono, or updates the one with this ' +
        'reference." names the integration',
      'create create_thing: a create that says it updates',
      'create create_thing input field ReferenceSegment: label "Segment ID" says ID',
      'create create_thing input field ReferenceSegment: a typed reference without a dropdown',
      'create create_thing input field IdOffer: its dropdown trigger offer_list does not exist',
      'create create_thing input field Language: a fixed set of values without a dropdown',
      'create create_thing input field ReferenceCustomer: dropdown labelled "Customer Reference", ' +
        'not by the thing it picks',
      'create create_thing: output fields id differ from sample keys IdCustomer,ReferenceCustomer,id',
      'create create_thing: sample id 9 is not of type string',
      'create create_thing: id is labelled ProAbono Customer ID',
      'create create_thing: id is not the customer reference',
    ]);
  });

  it("catch a record of another object whose id is neither that object's Id nor its reference", () => {
    const subscriptionSearch = (sample: Record<string, unknown>) =>
      thingProblems('search', 'find_thing', FIND_THING, { sample });
    expect(subscriptionSearch({ id: 'c1', Id: 7, ReferenceCustomer: 'c1' })).toEqual([
      "search find_thing: id is not the record's own Id",
    ]);
    expect(subscriptionSearch({ id: 7, Id: 7, ReferenceCustomer: 'c1' })).toEqual([]);
    expect(subscriptionSearch({ id: 't1', Id: 7, ReferenceThing: 't1' })).toEqual([]);
  });

  it('catch blank-means-unchanged said twice or never, and a search that hides its required field', () => {
    expect(
      thingProblems(
        'create',
        'update_thing',
        { label: 'Update Thing', description: 'Updates a thing.' },
        {
          sample: { id: 't' },
          inputFields: [
            { key: 'Name', label: 'Name', helpText: 'Its name. Left blank, it stays unchanged.' },
            { key: 'Email', label: 'Email', helpText: 'Leave it blank to keep the email.' },
          ],
        },
      ),
    ).toEqual([
      'create update_thing inputs say blank means unchanged 2 times',
      'create update_thing inputs never say "Leave blank to keep the current value."',
    ]);
    expect(
      thingProblems('search', 'find_thing', FIND_THING, {
        sample: { id: '1' },
        inputFields: [
          { key: 'ReferenceThing', label: 'Thing Reference', helpText: 'The reference to find.' },
          {
            key: 'Email',
            label: 'Email',
            helpText: 'One of Thing Reference or Email is required.',
          },
        ],
      }),
    ).toEqual([
      'search find_thing input field ReferenceThing: help does not say one field is required',
    ]);
  });

  it("catch the app name and a wordy trigger description, and an event whose id is the customer's", () => {
    expect(
      thingProblems(
        'trigger',
        'thing_updated',
        {
          label: 'Thing Updated',
          description:
            'Triggers when a thing is updated in ProAbono, checking every few minutes instead of instantly.',
        },
        { sample: { id: 'c1', DateTrigger: '2026-01-01T00:00:00Z', ReferenceCustomer: 'c1' } },
      ),
    ).toEqual([
      'trigger thing_updated: "Triggers when a thing is updated in ProAbono, checking every few ' +
        'minutes instead of instantly." names the integration',
      "trigger thing_updated: an event's id is the customer reference",
      'trigger thing_updated: more than a handful of words after "Triggers when"',
    ]);
  });

  it('name two triggers for one event apart, without implementation words, each with its own description', () => {
    const visible = Object.values(App.triggers ?? {}).filter((trigger) => !trigger.display.hidden);
    const labels = visible.map((trigger) => trigger.display.label);
    const descriptions = visible.map((trigger) => trigger.display.description);
    expect(new Set(labels).size).toBe(labels.length);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    for (const label of labels) expect(label).not.toMatch(/\b(polling|hook|webhooks?)\b/i);
  });

  it('say in the note of each of two triggers for one event when to pick the other', () => {
    const visible = Object.values(App.triggers ?? {}).filter((trigger) => !trigger.display.hidden);
    const notes = visible.map((trigger) => ({
      noun: trigger.noun,
      label: trigger.display.label,
      note: fieldsOf(trigger.operation.inputFields)
        .filter((field) => field.type === 'copy')
        .map(helpOf)
        .join('\n'),
    }));
    const pairs = notes.flatMap((one) =>
      notes
        .filter((other) => other !== one && other.noun === one.noun)
        .map((other) => [one, other]),
    );
    expect(pairs.length).toBeGreaterThan(0);
    for (const [one, other] of pairs) {
      expect({
        trigger: one?.label,
        names: one?.note.includes(`**${other?.label ?? ''}**`),
      }).toEqual({ trigger: one?.label, names: true });
    }
  });

  it("describe the app for Zapier's listing: package.json's description, in docs/deploy.md", async () => {
    const listing = packageJson.description;
    expect(listing).toMatch(/^ProAbono .+\.$/);
    expect(listing).not.toMatch(/\b(?:zapier|integrations?)\b/i);
    // One sentence, short enough to read at a glance in a listing: our cap, 140 characters.
    expect(listing.length).toBeLessThanOrEqual(140);
    const deploy = await readFile(new URL('../docs/deploy.md', import.meta.url), 'utf8');
    expect(deploy.split('\n')).toContain(`> ${listing}`);
  });

  it('link or quote every URL in help text and descriptions, never a bare one (D008)', () => {
    expect(bareUrlProblems(App)).toEqual([]);
    // The walk reaches the connection's fields, every operation and every input and output field.
    const paths = copyTexts(App).map(([path]) => path);
    expect(paths).toContain('app.authentication.fields[0].helpText');
    expect(paths).toContain('app.creates.update_customer_billing_address.display.description');
    expect(paths).toContain(
      'app.triggers.billing_address_updated.operation.inputFields[0].helpText',
    );
    expect(
      bareUrlProblems({
        authentication: {
          fields: [{ helpText: 'Or paste the URL (such as https://api-42.example.com).' }],
        },
        creates: {
          a: {
            display: { description: 'Creates a thing on www.example.org.' },
            operation: {
              inputFields: [
                {
                  helpText:
                    'See [the guide](https://example.com/guide), `https://example.com/x`, ' +
                    'or http://example.net/page?x=1; thanks.',
                },
              ],
            },
          },
        },
      }),
    ).toEqual([
      'app.authentication.fields[0].helpText: bare URL https://api-42.example.com',
      'app.creates.a.display.description: bare URL www.example.org',
      'app.creates.a.operation.inputFields[0].helpText: bare URL http://example.net/page?x=1',
    ]);
  });

  it('call ProAbono over https only: no http:// in the definition, no plain-http override to another host', async () => {
    expect(JSON.stringify(App)).not.toContain('http://');
    const elsewhere = nock('http://proabono.example.com').get(/.*/).query(true).reply(200, {});
    await withEnv(
      { PROABONO_LIVE_URL: 'http://proabono.example.com', PROABONO_BACKOFFICE_URL: undefined },
      async () => {
        expect(await rejectionOf(run(testConnection))).toMatchObject({
          name: 'AppError',
          code: 'invalid_configuration',
        });
      },
    );
    expect(elsewhere.isDone()).toBe(false);
  });

  it('catch a null or mistyped sample value, and previous values that contradict changed_fields', () => {
    const address = { City: 'Paris', Country: 'FR', ZipCode: '75011' };
    expect(
      thingProblems(
        'trigger',
        'thing_moved',
        { label: 'Thing Moved', description: 'Triggers when a thing moves.' },
        {
          sample: {
            id: 'e1',
            Count: '3',
            DateTrigger: 'yesterday',
            Tags: ['a', 2],
            Note: null,
            Comment: null,
            address: {
              ...address,
              changed_fields: ['City', 'ZipCode'],
              previous_address_known: true,
              previous_City: 'Lyon',
              previous_Country: 'DE',
              previous_ZipCode: '75011',
            },
          },
          outputFields: [
            { key: 'id', label: 'ID' },
            { key: 'Count', label: 'Count', type: 'integer' },
            { key: 'DateTrigger', label: 'Moved At', type: 'datetime' },
            { key: 'Tags', label: 'Tags', type: 'string', list: true },
            { key: 'Note', label: 'Note', type: 'string' },
            { key: 'Comment', label: 'Comment', helpText: 'Empty when nobody commented.' },
            { key: 'address__City', label: 'City' },
            { key: 'address__Country', label: 'Country' },
            { key: 'address__ZipCode', label: 'Zip Code' },
            { key: 'address__changed_fields', label: 'Changed Fields', list: true },
            { key: 'address__previous_address_known', label: 'Known', type: 'boolean' },
            { key: 'address__previous_City', label: 'Previous City' },
            { key: 'address__previous_Country', label: 'Previous Country' },
            { key: 'address__previous_ZipCode', label: 'Previous Zip Code' },
          ],
        },
      ),
    ).toEqual([
      'trigger thing_moved: sample Count "3" is not of type integer',
      'trigger thing_moved: sample DateTrigger "yesterday" is not of type datetime',
      'trigger thing_moved: sample Tags ["a",2] is not of type string',
      'trigger thing_moved: sample Note is null, and its output field does not say when it is empty',
      'trigger thing_moved: address__previous_Country is set, but Country did not change',
      'trigger thing_moved: address__previous_ZipCode is not the old value of a changed field',
    ]);
  });

  it('give sample loading only real events: none when the history is empty, never the static sample', async () => {
    for (const key of ['billing_address_updated', 'billing_address_updated_polling'] as const) {
      const history = rewindEventsApi(3, []);
      await expect(loadSamples(key)).resolves.toEqual([]);
      expect(history.isDone()).toBe(true);
    }
  });

  it('give a Zap being set up records with every field the sample promises, not a placeholder', async () => {
    const event = {
      Id: 'trg_1',
      DateTrigger: '2026-09-14T15:11:43.75Z',
      TypeTrigger: 'CustomerBillingAddressUpdated',
      ReferenceSegment: 'demo-eur',
      Customer: { ReferenceCustomer: 'cust-42', Name: 'John Doe', Status: 'Enabled' },
    };
    for (const key of ['billing_address_updated', 'billing_address_updated_polling'] as const) {
      rewindEventsApi(3, [event]);
      addressReadApi('cust-42').reply(200, { City: 'Paris', Country: 'FR' });
      const operation = App.triggers?.[key]?.operation as {
        sample?: { billing_address: object };
      };
      const [record] = (await loadSamples(key)) as { billing_address: unknown }[];
      expect(typeof record?.billing_address).toBe('object');
      expect(Object.keys(record?.billing_address ?? {})).toEqual(
        Object.keys(operation.sample?.billing_address ?? {}),
      );
    }
  });
});
