import {
  austria,
  belgium,
  bulgaria,
  checkVAT,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
  unitedKingdom,
  type Country,
} from 'jsvat';

import { ADDRESS_FIELD_LABELS } from '../fields/labels.js';
import { cleanText, invalidInput } from './input.js';
import { quoted } from '../quoted.js';

/*
 * A mistyped EU VAT number is refused before it reaches ProAbono, with the format expected, rather
 * than saved on the address invoices print; other identifiers and free text pass untouched. The
 * library's rules are corrected where they are out of date. The package loads it on first use.
 */

interface MemberState {
  /** The library's rules for this prefix. */
  rules: Country;
  /** The prefix the library expects in front of the national number. */
  checkedAs: string;
  /** The prefix of the normalised number (the EU's, which is not always the ISO code). */
  prefix: string;
  /** "French", as in "a valid French VAT number" */
  adjective: string;
  /** What follows the prefix, in words. */
  format: string;
}

const state = (
  prefix: string,
  rules: Country,
  adjective: string,
  format: string,
  checkedAs = prefix,
): MemberState => ({ rules, checkedAs, prefix, adjective, format });

/**
 * Belgium has issued enterprise numbers starting with 1 since the 0 series ran out. The library's
 * pattern predates them, and its check refuses a 0 in second position, which only the old series
 * rules out; the check digits themselves are the same for both series: 97 minus the first 8
 * digits modulo 97. The old 9-digit form is still accepted.
 */
const belgiumCurrent: Country = {
  ...belgium,
  calcFn: (national) =>
    /^1\d{9}$/.test(national)
      ? 97 - (Number(national.slice(0, 8)) % 97) === Number(national.slice(8))
      : belgium.calcFn(national),
  rules: { ...belgium.rules, regex: [/^(BE)([01]\d{9})$/, /^(BE)(\d{9})$/] },
};

/**
 * The library's Czech pattern lets 3 unchecked digits follow the 8 to 10 it checks, so CZ and 11,
 * 12 or 13 digits would pass. Czech numbers have 8, 9 or 10 digits. (Every other member state's
 * pattern fixes the length its check reads.)
 */
const czechRepublicExact: Country = {
  ...czechRepublic,
  rules: { ...czechRepublic.rules, regex: [/^(CZ)(\d{8,10})$/] },
};

/**
 * The 27 member states under their VAT prefixes, plus XI (Northern Ireland, which keeps EU VAT
 * rules for goods). XI numbers are UK numbers, so the library's UK rules check them. Greece's
 * prefix is EL; a number typed with its ISO code GR is read as EL.
 */
const MEMBER_STATES: Record<string, MemberState> = {
  AT: state('AT', austria, 'Austrian', 'U followed by 8 digits'),
  BE: state('BE', belgiumCurrent, 'Belgian', '10 digits starting with 0 or 1'),
  BG: state('BG', bulgaria, 'Bulgarian', '9 or 10 digits'),
  CY: state('CY', cyprus, 'Cypriot', '8 digits and a letter'),
  CZ: state('CZ', czechRepublicExact, 'Czech', '8, 9 or 10 digits'),
  DE: state('DE', germany, 'German', '9 digits'),
  DK: state('DK', denmark, 'Danish', '8 digits'),
  EE: state('EE', estonia, 'Estonian', '9 digits'),
  EL: state('EL', greece, 'Greek', '9 digits'),
  GR: state('EL', greece, 'Greek', '9 digits (the prefix for Greece is EL)'),
  ES: state('ES', spain, 'Spanish', '9 characters: a letter or digit, 7 digits, a letter or digit'),
  FI: state('FI', finland, 'Finnish', '8 digits'),
  FR: state('FR', france, 'French', '2 check characters and the 9-digit SIREN number'),
  HR: state('HR', croatia, 'Croatian', '11 digits'),
  HU: state('HU', hungary, 'Hungarian', '8 digits'),
  IE: state('IE', ireland, 'Irish', '7 digits and 1 or 2 letters'),
  IT: state('IT', italy, 'Italian', '11 digits'),
  LT: state('LT', lithuania, 'Lithuanian', '9 or 12 digits'),
  LU: state('LU', luxembourg, 'Luxembourg', '8 digits'),
  LV: state('LV', latvia, 'Latvian', '11 digits'),
  MT: state('MT', malta, 'Maltese', '8 digits'),
  NL: state('NL', netherlands, 'Dutch', '9 digits, the letter B and 2 digits'),
  PL: state('PL', poland, 'Polish', '10 digits'),
  PT: state('PT', portugal, 'Portuguese', '9 digits'),
  RO: state('RO', romania, 'Romanian', '2 to 10 digits'),
  SE: state('SE', sweden, 'Swedish', '12 digits ending in 01'),
  SI: state('SI', slovenia, 'Slovenian', '8 digits'),
  SK: state('SK', slovakiaRepublic, 'Slovak', '10 digits'),
  XI: state('XI', unitedKingdom, 'Northern Ireland (XI)', '9 or 12 digits', 'GB'),
};

/**
 * What is not part of a VAT number: spaces, punctuation (the library itself ignores dots, dashes and
 * slashes) and invisible characters. `+` and `*` belong to old Irish numbers; `%`, `&` and `@`
 * mark a text that is something else (`FR 20%`).
 */
const IGNORED = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}°º№]|(?![%&@*])\p{P}/gu;

/** Words of the labels people put before the number, once spaces and punctuation are gone. */
const TAX_WORDS = new Set([
  ...['VAT', 'TVA', 'BTW', 'IVA', 'PIVA', 'PARTITAIVA', 'MWST', 'UST', 'UID', 'NIF', 'NIPC'],
  ...['NIP', 'CIF', 'DIČ', 'DIC', 'IČDPH', 'ICDPH', 'DDV', 'PDV', 'OIB', 'PVN', 'PVM', 'KMKR'],
  ...['ALV', 'MOMS', 'CVR', 'ΑΦΜ', 'ΦΠΑ', 'ДДС', 'TAX'],
]);
/** Words around them: `VAT number`, `N° de TVA`, `USt-IdNr.`, `TVA intracommunautaire`. */
const LABEL_WORDS = [
  ...TAX_WORDS,
  ...['NUMBER', 'NUMMER', 'NUMERO', 'NUMÉRO', 'NÚMERO', 'NUM', 'NR', 'NO', 'N', 'DE', 'EU', 'EC'],
  ...['ID', 'IN', 'REGISTRATION', 'REG', 'INTRACOMMUNAUTAIRE', 'INTRACOM'],
];
/** Longer than any label people write: `NUMERODETVAINTRACOMMUNAUTAIRE` has 29 letters. */
const MAX_LABEL_LENGTH = 40;

/**
 * Where a label made of those words, one of them a tax word, can end at the start of `text`
 * (`VATNUMBER`, `NTVA`, `USTIDNR`); 0 stands for no label. Every ending is kept, not the longest:
 * in `VATDE136695976` the label is `VAT`, and `DE` is the prefix.
 */
const labelEnds = (text: string): number[] => {
  const reached = new Map<number, boolean>([[0, false]]);
  for (let at = 0; at < Math.min(text.length, MAX_LABEL_LENGTH); at += 1) {
    const afterTaxWord = reached.get(at);
    if (afterTaxWord === undefined) continue;
    for (const word of LABEL_WORDS) {
      const end = at + word.length;
      if (text.startsWith(word, at) && !reached.get(end)) {
        reached.set(end, afterTaxWord || TAX_WORDS.has(word));
      }
    }
  }
  // Shortest first: the prefix is read as soon as a label can end.
  const ends = [...reached].filter(([, afterTaxWord]) => afterTaxWord).map(([end]) => end);
  return [0, ...ends.sort((a, b) => a - b)];
};

/** A member-state prefix, then digits with at most two letters, as in every member state's format. */
const EU_NUMBER = new RegExp(
  `^(?<prefix>${Object.keys(MEMBER_STATES).join('|')})(?<national>[0-9+*]*(?:[A-Z][0-9+*]*){0,2})$`,
);

/** An attempt at an EU VAT number: the member state its prefix names, and what follows. */
interface Attempt {
  member: MemberState;
  national: string;
}

/**
 * What looks like an attempt at an EU VAT number, read without case, spaces, punctuation or
 * invisible characters: maybe a label (`VAT`, `TVA:`, `USt-IdNr.`...), then a member-state prefix
 * and a national number with digits. "ATTN: billing" or "DE GmbH" start with a prefix too, but are
 * free text and pass unchanged.
 */
const euAttempt = (text: string): Attempt | undefined => {
  const compact = text.toUpperCase().replace(IGNORED, '');
  for (const end of labelEnds(compact)) {
    const groups = EU_NUMBER.exec(compact.slice(end))?.groups;
    const member = MEMBER_STATES[groups?.prefix ?? ''];
    const national = groups?.national ?? '';
    if (member && /\d/.test(national)) return { member, national };
  }
  return undefined;
};

/** Where words after a number can start: a space, a bracket or a punctuation mark. */
const BEFORE_WORDS = /[\s([{,;:/-]/;

/**
 * A text that ends with words after a number: the number's part (up to the end of the last word
 * holding a digit) and the words (no digit, at least one letter): `FR40303265045 (VAT)`,
 * `IT12345678903 P.IVA`, `DE136695976 USt-IdNr.`, `FR40303265045 France`. Found by scanning, not
 * by a pattern that would backtrack through a long mapped text.
 */
const numberThenWords = (text: string): { number: string; words: string } | undefined => {
  let lastDigit = text.length - 1;
  while (lastDigit >= 0 && !/\d/.test(text.charAt(lastDigit))) lastDigit -= 1;
  if (lastDigit < 0) return undefined;
  const gap = text.slice(lastDigit + 1).search(BEFORE_WORDS);
  if (gap < 0) return undefined;
  const cut = lastDigit + 1 + gap;
  const words = text.slice(cut);
  return /\p{L}/u.test(words) ? { number: text.slice(0, cut), words } : undefined;
};

/**
 * Fewer digits than this before the words, and the text reads as free text (`FR 2 rue de la
 * Paix`): every member state's number has 8 digits or more, but Romania's (2 to 10).
 */
const MIN_DIGITS_BEFORE_WORDS = 6;

/**
 * The attempts at an EU VAT number a text makes: the whole text (see `euAttempt`), then, when
 * words follow its number, the number without them. A word after the number is read like a
 * label before it, so a mistyped number followed by a word is checked, not sent as typed.
 */
const attemptsIn = (text: string): Attempt[] => {
  const whole = euAttempt(text);
  const parts = numberThenWords(text);
  const beforeWords = parts ? euAttempt(parts.number) : undefined;
  const digits = beforeWords?.national.replace(/\D/g, '').length ?? 0;
  return [whole, digits >= MIN_DIGITS_BEFORE_WORDS ? beforeWords : undefined].filter(
    (attempt) => attempt !== undefined,
  );
};

/**
 * Checks an EU VAT number's format and check digits before ProAbono sees it, and normalises a
 * valid one to the compact upper-case form the EU's VIES service uses (`FR40303265045`), without
 * the labels and words around it. Identifiers from elsewhere (GB, CH, US EIN, ABN...) and free
 * text are sent as typed.
 */
export const normaliseVat = (text: string): string => {
  const trimmed = cleanText(text);
  const checked = attemptsIn(trimmed).map((attempt) => ({
    ...attempt,
    result: checkVAT(`${attempt.member.checkedAs}${attempt.national}`, [attempt.member.rules]),
  }));
  const valid = checked.find(({ result }) => result.isValid);
  if (valid) {
    const { member, national } = valid;
    // VIES knows Belgian numbers by their 10 digits; the old 9-digit form gets its leading 0.
    return member.prefix === 'BE' && national.length === 9
      ? `BE0${national}`
      : `${member.prefix}${national}`;
  }
  // Read whole first: in `IE 1234567 X` the letter is part of the Irish number.
  const [refused] = checked;
  if (!refused) return trimmed;
  const { member, result } = refused;
  const label = ADDRESS_FIELD_LABELS.TaxInformation;
  const problem = result.isValidFormat
    ? 'its check digits do not match, which usually means a typo'
    : 'it does not have the right format';
  throw invalidInput(
    `${label} ${quoted(trimmed)} is not a valid ${member.adjective} VAT number: ${problem}. Expected: ` +
      `${member.prefix} followed by ${member.format}; spaces, ` +
      `dots and dashes are ignored. Correct the number, or leave ${label} blank to keep the ` +
      `current one. ProAbono also checks EU VAT numbers itself, asynchronously, after the update.`,
  );
};
