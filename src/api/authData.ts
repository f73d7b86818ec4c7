/*
 * Every read of a connection's key goes through here. The auth fields are text, but a legacy
 * connection or a value mapped in by a developer can hold a number (an all-digit key), and anything
 * else (a boolean, an object) can be no key at all: a string method called on a number would crash
 * the Basic header, the redaction or the signature check.
 */

/** One value of `bundle.authData` as trimmed text, or `undefined` when it is blank or no key. */
export const authValue = (value: unknown): string | undefined => {
  let text = '';
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  return text === '' ? undefined : text;
};
