import { invalidInput } from './input.js';

/*
 * A yes/no input arrives as a boolean from its dropdown but as text when mapped, where a plain
 * truthiness test would read "false" or "no" as yes; every yes/no input is read here instead.
 */

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0']);

/**
 * A boolean input as Zapier sends it: a boolean from the dropdown, or text (`true`, `false`,
 * `yes`, `no`, in any case) when the value is mapped or typed. Blank means the default.
 */
export const booleanInput = (value: unknown, label: string, byDefault: boolean): boolean => {
  if (value === undefined || value === null) return byDefault;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === '') return byDefault;
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  throw invalidInput(
    `${label} must be yes or no (true or false), but it received ` +
      `${typeof value === 'string' ? `"${value.trim().slice(0, 40)}"` : `a value of type ${Array.isArray(value) ? 'list' : typeof value}`}. ` +
      `Pick Yes or No, or map a text that says true, false, yes or no.`,
  );
};
