import App from '../index.js';

/**
 * What Zapier's publishing requirements make checkable offline, applied to every operation the app
 * defines, so each new operation is held to them without touching this file.
 */

interface Field {
  key?: unknown;
  type?: unknown;
  label?: unknown;
  helpText?: unknown;
}
interface Operation {
  key?: unknown;
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

const operationProblems = (kind: Kind, mapKey: string, op: Operation): string[] => {
  const problems: string[] = [];
  const where = `${kind} ${mapKey}`;
  if (op.key !== mapKey) problems.push(`${where}: key ${String(op.key)} differs from its map key`);
  if (!KEY_PATTERN.test(mapKey)) problems.push(`${where}: key does not match ${KEY_PATTERN}`);
  const label = op.display?.label;
  const description = op.display?.description;
  if (op.display?.hidden === true) return problems;
  if (typeof label !== 'string' || label === '') problems.push(`${where}: no label`);
  else problems.push(...titleCaseProblems(label).map((p) => `${where}: ${p}`));
  if (typeof description !== 'string' || !description.endsWith('.')) {
    problems.push(`${where}: description must end with "."`);
  } else if (kind === 'trigger' && !description.startsWith('Triggers when ')) {
    problems.push(`${where}: trigger description must start "Triggers when"`);
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

describe('publishing rules', () => {
  it('hold for every operation the app defines', () => {
    expect(operations().flatMap(([kind, key, op]) => operationProblems(kind, key, op))).toEqual([]);
  });

  it('hold for the authentication fields', () => {
    expect(fieldProblems('authentication', App.authentication?.fields)).toEqual([]);
    for (const field of App.authentication?.fields ?? []) {
      expect(field.helpText).toMatch(/Integration → (API|Webhooks)/);
    }
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
          sample: { id: '1' },
          outputFields: [{ key: 'a', label: 'Zip / Postal Code' }],
        },
      }),
    ).toEqual([]);
  });
});
