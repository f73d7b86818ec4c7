import ISO6391 from 'iso-639-1';

import { looseKey } from './input.js';

/*
 * Forms and CRMs give a customer's language as a name ("English", "Français", "german") as often
 * as a code. ProAbono stores an ISO 639-1 code, so a name becomes its code, read from the ISO
 * 639-1 table: the English name and the language's own name, without case or accents.
 */

/** Loose name → code; `null` for a name two languages share, which is refused rather than guessed. */
let byName: Map<string, string | null> | undefined;

const namesTable = (): Map<string, string | null> => {
  if (byName) return byName;
  byName = new Map();
  for (const { code, name, nativeName } of ISO6391.getLanguages(ISO6391.getAllCodes())) {
    for (const key of new Set([looseKey(name), looseKey(nativeName)])) {
      if (key === '') continue;
      byName.set(key, byName.has(key) && byName.get(key) !== code ? null : code);
    }
  }
  return byName;
};

/** The ISO 639-1 code of a language named in English or in itself, or `undefined`. */
export const languageCodeOfName = (name: string): string | undefined =>
  namesTable().get(looseKey(name)) ?? undefined;
