import fc from 'fast-check';

import { deliveryOrder, seededRandom } from '../../bench/deliveryMix.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs for another, and stays in [0, 1)', () => {
    const take = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 100 }, () => random());
    };
    expect(take(6)).toEqual(take(6));
    expect(take(7)).not.toEqual(take(6));
    expect(take(6).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('deliveryOrder', () => {
  it('answers every distinct index once in order, plus the duplicates, each after its original', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer(),
        (distinct, duplicates, seed) => {
          const order = deliveryOrder(distinct, duplicates, seed);
          expect(order).toHaveLength(distinct + duplicates);
          const firsts = order.filter((index, position) => order.indexOf(index) === position);
          expect(firsts).toEqual(Array.from({ length: distinct }, (_, index) => index));
        },
      ),
    );
  });

  it('is the same storm for the same seed', () => {
    expect(deliveryOrder(800, 200, 6)).toEqual(deliveryOrder(800, 200, 6));
    expect(deliveryOrder(800, 200, 6)).not.toEqual(deliveryOrder(800, 200, 7));
  });

  it('without duplicates is the plain order', () => {
    expect(deliveryOrder(4, 0)).toEqual([0, 1, 2, 3]);
  });

  it('refuses sizes it cannot build', () => {
    expect(() => deliveryOrder(0, 1)).toThrow('distinct must be >= 1');
    expect(() => deliveryOrder(3, -1)).toThrow('duplicates must be >= 0');
    expect(() => deliveryOrder(2.5, 0)).toThrow('distinct must be >= 1');
  });
});
