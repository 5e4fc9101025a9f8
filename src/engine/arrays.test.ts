import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeAt, truncate } from './arrays';

describe('array helpers', () => {
  it('truncate shortens to the given length, keeping the front; a longer length changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.nat(40), (items, n) => {
        const a = items.slice();
        truncate(a, n);
        expect(a).toEqual(items.slice(0, n));
      }),
    );
  });

  it('removeAt removes one element and keeps the order of the rest, like splice', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1 }), fc.nat(), (items, k) => {
        const i = k % items.length;
        const a = items.slice();
        const b = items.slice();
        removeAt(a, i);
        b.splice(i, 1);
        expect(a).toEqual(b);
      }),
    );
  });
});
