import type { LoggedRequest, Sandbox } from '../sandbox/index.js';

/*
 * How `npm start` prints: aligned `label: value` lines, records as indented blocks, the message a
 * Zapier user would read for an error, and the ProAbono requests each step made (its cost),
 * followed by what the app logged meanwhile.
 */

/** What a step prints with, and what it needs to show the cost of what it runs. */
export interface StepOutput {
  out: Printer;
  /** Its request log is what a step's requests are counted from. */
  sandbox: Pick<Sandbox, 'requests'>;
  /**
   * What the app wrote with z.console while a step ran (core writes it with console.log), held
   * back so it can be shown as indented "Zap log" lines where it belongs instead of in the middle
   * of a section.
   */
  zapLog: string[];
}

/** A value on one line: `(empty)` for nothing, `(none)` for an empty list, JSON for objects. */
export const display = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(display).join(', ');
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '(empty)');
};

/** Labels padded to one column, so that each section reads as a table. */
export class Printer {
  constructor(private readonly write: (text: string) => void) {}

  line(text = ''): void {
    this.write(text);
  }

  field(label: string, value: string, indent = 2): void {
    this.write(`${' '.repeat(indent)}${`${label}:`.padEnd(24 - indent)} ${value}`);
  }

  /** A record as indented `key: value` lines; nested objects get their own block. */
  record(record: Record<string, unknown>, indent = 2): void {
    for (const [key, value] of Object.entries(record)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        this.write(`${' '.repeat(indent)}${key}:`);
        this.record(value as Record<string, unknown>, indent + 2);
      } else {
        this.field(key, display(value), indent);
      }
    }
  }
}

/** z.errors.Error carries a JSON-encoded message; show the sentence a Zapier user would read. */
export const messageOf = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : text;
  } catch {
    return text;
  }
};

/** Prints, indented, what the app logged with z.console since the last call. */
export const flushZapLog = (context: StepOutput): void => {
  for (const line of context.zapLog.splice(0)) context.out.field('Zap log', line);
};

/** Runs `body` and returns its result with the ProAbono requests it made. */
export const measured = async <T>(context: StepOutput, body: () => Promise<T>) => {
  const before = context.sandbox.requests().length;
  const result = await body();
  return { result, made: context.sandbox.requests().slice(before) };
};

/** Prints the requests made, then what the app logged; with `bodies`, each JSON body too. */
export const printRequests = (
  context: StepOutput,
  made: LoggedRequest[],
  { note, bodies = false }: { note?: string; bodies?: boolean } = {},
): void => {
  context.out.field('ProAbono requests', `${made.length}${note ? ` (${note})` : ''}`);
  for (const request of made) {
    const query = new URLSearchParams(request.query).toString();
    context.out.line(`    ${request.method} ${request.path}${query ? `?${query}` : ''}`);
    if (bodies && request.body !== undefined) {
      context.out.line(`      ${JSON.stringify(request.body)}`);
    }
  }
  flushZapLog(context);
};

/** Runs `body` and prints the ProAbono requests it made, so the cost of each step shows. */
export const counted = async <T>(
  context: StepOutput,
  body: () => Promise<T>,
  options: { bodies?: boolean } = {},
): Promise<T> => {
  const { result, made } = await measured(context, body);
  printRequests(context, made, options);
  return result;
};
