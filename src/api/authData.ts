/**
 * One value of `bundle.authData` as text, or `undefined` when it is missing. The auth fields are
 * text, but a legacy connection or a value mapped in by a developer can hold a number (an all-digit
 * key), and anything else (a boolean, an object) can be no key at all. Every read of a key goes
 * through here, so no caller calls a string method on a number.
 */
export const authValue = (value: unknown): string | undefined => {
  let text = '';
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  return text === '' ? undefined : text;
};
