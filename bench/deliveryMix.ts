/*
 * The order in which a webhook storm arrives: every distinct notification once, in order, plus
 * redeliveries of some of them, each arriving somewhere after its original (ProAbono delivers at
 * least once). Seeded, so every run of the benchmark replays the same storm.
 */

/** mulberry32: a small, fast, seedable PRNG; answers numbers in [0, 1). */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Indexes into `distinct` notifications, `distinct + duplicates` long: 0..distinct-1 in order,
 * with `duplicates` repeated indexes each inserted after the first occurrence of its index.
 */
export const deliveryOrder = (distinct: number, duplicates: number, seed = 1): number[] => {
  if (!Number.isInteger(distinct) || distinct < 1) throw new Error('distinct must be >= 1');
  if (!Number.isInteger(duplicates) || duplicates < 0) throw new Error('duplicates must be >= 0');
  const random = seededRandom(seed);
  const order = Array.from({ length: distinct }, (_, index) => index);
  for (let copy = 0; copy < duplicates; copy += 1) {
    const source = Math.floor(random() * distinct);
    const first = order.indexOf(source);
    // Anywhere after the original, up to the very end.
    const at = first + 1 + Math.floor(random() * (order.length - first));
    order.splice(at, 0, source);
  }
  return order;
};
