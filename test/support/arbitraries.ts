import fc from 'fast-check';

/*
 * The values the property tests map into a step's fields, as a Zap can map them. Each test gives
 * its own texts and its own mix; the kinds of value are the same for every step.
 */

/** How often each kind of value comes, for one step's property test. */
interface ValueMix {
  /** Weight of text, against 2 for numbers and booleans and 1 for lists and objects. */
  text: number;
  /** Weight of null and undefined. */
  blank: number;
  /** How many texts a list holds at most. */
  listLength: number;
  /** Whether numbers include bigints. */
  bigInts?: boolean;
}

/** Anything a Zap can map into a field, mostly `text`: numbers, blanks, lists, objects. */
export const mappedValue = (
  text: fc.Arbitrary<string>,
  { text: textWeight, blank, listLength, bigInts = false }: ValueMix,
) =>
  fc.oneof(
    { weight: textWeight, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.double(),
        fc.boolean(),
        ...(bigInts ? [fc.bigInt()] : []),
      ),
    },
    { weight: blank, arbitrary: fc.constantFrom(null, undefined) },
    { weight: 1, arbitrary: fc.oneof(fc.array(text, { maxLength: listLength }), fc.object()) },
  );

/**
 * A field's values: any `value`, or one of the `realistic` ones a Zap usually maps,
 * `realisticWeight` times as often.
 */
export const valueOrRealistic =
  (value: fc.Arbitrary<unknown>, realisticWeight: number) =>
  (...realistic: string[]) =>
    fc.oneof(
      { weight: 1, arbitrary: value },
      { weight: realisticWeight, arbitrary: fc.constantFrom(...realistic) },
    );
