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
} from 'jsvat';
import type { Country } from 'jsvat';

import { ADDRESS_FIELD_LABELS } from '../fields/labels.js';
import { invalidInput, quoted } from './input.js';

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
 * The 27 member states under their VAT prefixes, plus XI (Northern Ireland, which keeps EU VAT
 * rules for goods). XI numbers are UK numbers, so the library's UK rules check them. Greece's
 * prefix is EL; a number typed with its ISO code GR is read as EL.
 */
const MEMBER_STATES: Record<string, MemberState> = {
  AT: state('AT', austria, 'Austrian', 'U followed by 8 digits'),
  BE: state('BE', belgiumCurrent, 'Belgian', '10 digits starting with 0 or 1'),
  BG: state('BG', bulgaria, 'Bulgarian', '9 or 10 digits'),
  CY: state('CY', cyprus, 'Cypriot', '8 digits and a letter'),
  CZ: state('CZ', czechRepublic, 'Czech', '8, 9 or 10 digits'),
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

/** The separators people type inside VAT numbers; the library ignores the same ones. */
const SEPARATORS = /[\s.\-/]+/g;

/**
 * What looks like an attempt at an EU VAT number: a member-state prefix followed by a national
 * number, which is digits with at most two letters in every member state's format. "ATTN: billing"
 * or "DE GmbH" start with a prefix too, but are free text and pass unchanged.
 */
const euAttempt = (compact: string): { member: MemberState; national: string } | undefined => {
  const member = MEMBER_STATES[compact.slice(0, 2)];
  const national = compact.slice(2);
  if (!member || !/^[0-9A-Z+*]+$/.test(national) || !/\d/.test(national)) return undefined;
  if ((national.match(/[A-Z]/g) ?? []).length > 2) return undefined;
  return { member, national };
};

/**
 * Checks an EU VAT number's format and check digits before ProAbono sees it, and normalises a
 * valid one to the compact upper-case form the EU's VIES service uses (`FR40303265045`).
 * Identifiers from elsewhere (GB, CH, US EIN, ABN...) and free text are sent as typed.
 */
export const normaliseVat = (text: string): string => {
  const trimmed = text.trim();
  const compact = trimmed.toUpperCase().replace(SEPARATORS, '');
  const attempt = euAttempt(compact);
  if (!attempt) return trimmed;
  const { member, national } = attempt;
  const result = checkVAT(`${member.checkedAs}${national}`, [member.rules]);
  if (result.isValid) {
    // VIES knows Belgian numbers by their 10 digits; the old 9-digit form gets its leading 0.
    return member.prefix === 'BE' && national.length === 9
      ? `BE0${national}`
      : `${member.prefix}${national}`;
  }
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
