import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairBytes } from './registry';

describe('B-COST-2 PairBytes sums bytes per region pair', () => {
  const region = fc.constantFrom('eastus', 'westeurope', 'japaneast', 'brazilsouth');
  const transfer = fc.tuple(region, region, fc.integer({ min: 0, max: 4e9 }));

  it('the sums of a Map keyed by pair, in first-transfer order, past 2^31 bytes; nothing within a region', () => {
    fc.assert(
      fc.property(fc.array(transfer, { maxLength: 100 }), (transfers) => {
        const pairs = new PairBytes();
        const model = new Map<string, { from: string; to: string; bytes: number }>();
        for (const [from, to, bytes] of transfers) {
          pairs.add(from, to, bytes);
          if (from === to) continue;
          const key = `${from}>${to}`;
          const prev = model.get(key)?.bytes ?? 0;
          model.set(key, { from, to, bytes: prev + bytes });
        }
        expect([...pairs]).toEqual([...model.values()]);
        expect(pairs.size).toBe(model.size);
        for (const { from, to, bytes } of model.values()) expect(pairs.get(from, to)).toBe(bytes);
        expect(pairs.get('eastus', 'eastus')).toBeUndefined();
      }),
    );
  });
});
