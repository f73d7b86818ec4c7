/*
 * A Lambda container imports the app before its first step, whichever step that is: work only some
 * steps need (such as building the zod schema of an answer one step reads) is done by the steps
 * that need it, not by every cold start.
 */

/** A value built on its first use, then kept. */
export const lazy = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
};
