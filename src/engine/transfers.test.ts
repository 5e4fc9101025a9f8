import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from './link';
import type { Transfer } from './sim';
import { TransferTable } from './transfers';

const transfer = (id: number, tag = 0): Transfer => ({
  id,
  kind: 'replication',
  registry: `r${tag}`,
  from: 'eastus',
  to: 'westeurope',
  bytes: 1,
  sendTime: 0,
  flow: {} as Flow,
});

describe('TransferTable', () => {
  // Mostly the next id (flows start in id order) and removals of live ones, so holes pile up and
  // get squeezed out; sometimes an earlier id, a repeat, or the removal of an unknown id.
  const op = fc.oneof(
    { weight: 5, arbitrary: fc.constant({ kind: 'next' as const }) },
    { weight: 1, arbitrary: fc.nat(60).map((id) => ({ kind: 'add' as const, id })) },
    { weight: 1, arbitrary: fc.nat(60).map((id) => ({ kind: 'delete' as const, id })) },
    { weight: 5, arbitrary: fc.nat().map((pick) => ({ kind: 'deleteLive' as const, pick })) },
  );

  it('holds what a Map by id holds, in id order (which is start order), through removals and squeezes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const table = new TransferTable();
        const model = new Map<number, Transfer>();
        let next = 0;
        ops.forEach((o, i) => {
          if (o.kind === 'delete' || o.kind === 'deleteLive') {
            const live = [...model.keys()];
            const id = o.kind === 'delete' ? o.id : live.length > 0 ? live[o.pick % live.length]! : 0;
            expect(table.delete(id)).toBe(model.delete(id));
            return;
          }
          const t = transfer(o.kind === 'next' ? next++ : o.id, i);
          if (o.kind === 'add') next = Math.max(next, o.id + 1);
          table.add(t);
          model.set(t.id, t);
        });
        const expected = [...model.values()].sort((a, b) => a.id - b.id);
        expect([...table.values()]).toEqual(expected);
        expect([...table]).toEqual(expected);
        expect(table.size).toBe(model.size);
      }),
    );
  });

  it('in start order, as the map draws them', () => {
    const table = new TransferTable();
    for (let id = 0; id < 100; id++) table.add(transfer(id));
    // Two in three go (the holes are squeezed out on the way), then three of the rest.
    for (let id = 0; id < 100; id++) if (id % 3 !== 0) expect(table.delete(id)).toBe(true);
    for (const id of [0, 3, 99]) expect(table.delete(id)).toBe(true);
    expect(table.delete(3)).toBe(false);
    table.add(transfer(100));
    const kept = Array.from({ length: 100 }, (_, id) => id).filter((id) => id % 3 === 0 && id > 3 && id < 99);
    expect([...table.values()].map((t) => t.id)).toEqual([...kept, 100]);
    expect(table.size).toBe(kept.length + 1);
  });
});
