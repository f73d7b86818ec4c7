// The "max" metadata checks the digits of each numbering plan, not only the length as "min" does.
// A number is rewritten only when it is certainly valid, and a typo must not come out looking like
// a real E.164 number; a plan newer than the metadata only means the number is sent as typed.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/*
 * Phone numbers come from forms and CRMs in every local format: each valid one is written in one
 * international form, read with the address's Country. Its own module because the phone metadata
 * is large: the package loads it on first use only (scripts/packaging.ts).
 */

/**
 * Converts a phone number to E.164 (`+33102030405`) when it is valid, using the step's Country
 * for numbers written without a `+` prefix. Anything else is sent as typed: ProAbono keeps free
 * text, and a number we cannot read is better stored than refused. An extension would be lost
 * in E.164, so such numbers are kept as typed too.
 */
export const normalisePhone = (text: string, country?: string): string => {
  const trimmed = text.trim();
  const defaultCountry = country && isSupportedCountry(country) ? country : undefined;
  try {
    const phone = parsePhoneNumberFromString(
      trimmed,
      defaultCountry ? { defaultCountry } : undefined,
    );
    return phone?.isValid() && !phone.ext ? phone.number : trimmed;
  } catch {
    // The parser may throw on pathological input; the number is then kept as typed.
    return trimmed;
  }
};
