import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairBytes } from './registry';

describe('B-COST-2 PairBytes counts like a Map of `from>to` sums', () => {
  const region = fc.constantFrom('eastus', 'westeurope', 'japaneast', 'brazilsouth');
  const transfer = fc.tuple(region, region, fc.integer({ min: 0, max: 4e9 }));

  it('same keys in first-transfer order and the same sums, past 2^31 bytes', () => {
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 100 }), (transfers) => {
        const pairs = new PairBytes();
        const model = new Map<string, number>();
        for (const [from, to, bytes] of transfers) {
          pairs.add(from, to, bytes);
          const key = `${from}>${to}`;
          model.set(key, (model.get(key) ?? 0) + bytes);
        }
        expect([...pairs]).toEqual([...model]);
        expect(pairs.size).toBe(model.size);
        for (const [key, bytes] of model) expect(pairs.get(key)).toBe(bytes);
        expect(pairs.get('nowhere>else')).toBeUndefined();
      }),
    );
  });
});
