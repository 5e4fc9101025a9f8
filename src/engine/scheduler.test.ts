import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler';

/** Records which labelled action ran, and at what simulated time. */
function recorder(s: Scheduler): { log: Array<[string, number]>; mark: (label: string) => () => void } {
  const log: Array<[string, number]> = [];
  return { log, mark: (label) => () => log.push([label, s.now]) };
}

describe('Scheduler ordering', () => {
  it('runs actions in time order whatever the insertion order', () => {
    const s = new Scheduler();
    const { log, mark } = recorder(s);
    s.at(30, mark('c'));
    s.at(10, mark('a'));
    s.at(20, mark('b'));
    s.at(5, mark('first'));
    s.runUntil(100);
    expect(log).toEqual([
      ['first', 5],
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ]);
  });

  it('runs actions due at the same time in insertion order (FIFO)', () => {
    const s = new Scheduler();
    const { log, mark } = recorder(s);
    for (let i = 0; i < 50; i++) s.at(7, mark(`x${i}`));
    s.runUntil(7);
    expect(log.map(([l]) => l)).toEqual(Array.from({ length: 50 }, (_, i) => `x${i}`));
    expect(log.every(([, t]) => t === 7)).toBe(true);
  });

  it('keeps FIFO order among same-time actions scheduled while running', () => {
    const s = new Scheduler();
    const { log, mark } = recorder(s);
    s.at(1, () => {
      log.push(['parent', s.now]);
      s.after(0, mark('child1'));
      s.after(0, mark('child2'));
    });
    s.at(1, mark('sibling'));
    s.runUntil(1);
    expect(log.map(([l]) => l)).toEqual(['parent', 'sibling', 'child1', 'child2']);
  });

  it('orders by time first, then by insertion', () => {
    const s = new Scheduler();
    const { log, mark } = recorder(s);
    s.at(2, mark('late-1'));
    s.at(1, mark('early-1'));
    s.at(2, mark('late-2'));
    s.at(1, mark('early-2'));
    s.runUntil(2);
    expect(log.map(([l]) => l)).toEqual(['early-1', 'early-2', 'late-1', 'late-2']);
  });

  it('after(delay) schedules relative to the current time and clamps negative delays to now', () => {
    const s = new Scheduler();
    const { log, mark } = recorder(s);
    s.runUntil(100);
    s.after(25, mark('later'));
    s.after(-5, mark('now'));
    s.runUntil(1000);
    expect(log).toEqual([
      ['now', 100],
      ['later', 125],
    ]);
  });
});

describe('Scheduler clock', () => {
  it('throws when scheduling in the past, and leaves the queue unchanged', () => {
    const s = new Scheduler();
    s.runUntil(50);
    expect(() => s.at(49, () => {})).toThrow(RangeError);
    expect(() => s.at(Number.NaN, () => {})).toThrow(RangeError);
    expect(s.pending).toBe(0);
    // Scheduling exactly at the current time is allowed.
    s.at(50, () => {});
    expect(s.pending).toBe(1);
  });

  it('throws when an action schedules before the time it runs at', () => {
    const s = new Scheduler();
    let thrown: unknown;
    s.at(10, () => {
      try {
        s.at(9, () => {});
      } catch (e) {
        thrown = e;
      }
    });
    s.runUntil(10);
    expect(thrown).toBeInstanceOf(RangeError);
  });

  it('runUntil leaves the clock at the bound, even when nothing was due', () => {
    const s = new Scheduler();
    expect(s.runUntil(500)).toBe(0);
    expect(s.now).toBe(500);
    s.at(600, () => {});
    s.at(900, () => {});
    expect(s.runUntil(700)).toBe(1);
    expect(s.now).toBe(700);
    expect(s.pending).toBe(1);
    expect(s.peekTime()).toBe(900);
  });

  it('runUntil runs actions due exactly at the bound, including ones they schedule at the bound', () => {
    const s = new Scheduler();
    const { log, mark } = recorder(s);
    s.at(10, () => {
      log.push(['a', s.now]);
      s.at(10, mark('b'));
      s.at(11, mark('c'));
    });
    expect(s.runUntil(10)).toBe(2);
    expect(log).toEqual([
      ['a', 10],
      ['b', 10],
    ]);
    expect(s.now).toBe(10);
  });

  it('runUntil with a bound in the past does not move the clock back', () => {
    const s = new Scheduler();
    s.runUntil(100);
    expect(s.runUntil(40)).toBe(0);
    expect(s.now).toBe(100);
  });

  it('counts executed actions and reports pending ones', () => {
    const s = new Scheduler();
    for (let i = 0; i < 10; i++) s.at(i, () => {});
    expect(s.pending).toBe(10);
    s.runUntil(4);
    expect(s.executed).toBe(5);
    expect(s.pending).toBe(5);
    expect(s.peekTime()).toBe(5);
    s.runUntil(Infinity);
    expect(s.executed).toBe(10);
    expect(s.peekTime()).toBe(Infinity);
  });
});

describe('Scheduler runWhile', () => {
  it('stops as soon as done() holds, with the clock at the last action run', () => {
    const s = new Scheduler();
    let count = 0;
    for (let i = 1; i <= 10; i++) s.at(i * 10, () => count++);
    expect(s.runWhile(() => count === 3, Infinity)).toBe(true);
    expect(count).toBe(3);
    expect(s.now).toBe(30);
    expect(s.pending).toBe(7);
  });

  it('returns true at once without running anything when done() already holds', () => {
    const s = new Scheduler();
    s.at(5, () => {});
    expect(s.runWhile(() => true, Infinity)).toBe(true);
    expect(s.executed).toBe(0);
    expect(s.now).toBe(0);
  });

  it('returns false and leaves the clock at the limit when the next action lies beyond it', () => {
    const s = new Scheduler();
    let ran = false;
    s.at(200, () => (ran = true));
    expect(s.runWhile(() => ran, 150)).toBe(false);
    expect(ran).toBe(false);
    expect(s.now).toBe(150);
  });

  it('returns false when the queue runs dry before done() holds', () => {
    const s = new Scheduler();
    s.at(5, () => {});
    expect(s.runWhile(() => false, Infinity)).toBe(false);
    expect(s.now).toBe(5);
  });

  it('reports done() when the last action before the limit made it true', () => {
    const s = new Scheduler();
    let flag = false;
    s.at(5, () => (flag = true));
    expect(s.runWhile(() => flag, 10)).toBe(true);
    expect(s.now).toBe(5);
  });
});

/** A node of a randomly generated schedule: when to run, and children it schedules when it runs. */
interface Node {
  readonly time: number;
  readonly children: readonly Node[];
}

const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 20 }), // small range: plenty of ties
  fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true }),
);

const leafArb: fc.Arbitrary<Node> = fc.record({ time: timeArb, children: fc.constant([]) });
const midArb: fc.Arbitrary<Node> = fc.record({
  time: timeArb,
  children: fc.array(leafArb, { maxLength: 4 }),
});
const rootArb: fc.Arbitrary<Node> = fc.record({
  time: timeArb,
  children: fc.array(midArb, { maxLength: 4 }),
});

/**
 * Executes a schedule with a naive reference queue (linear scan for the smallest (time, seq)).
 * Children are scheduled at parent time + child.time, in order, when the parent runs.
 */
function referenceOrder(roots: readonly Node[]): Array<[number, number]> {
  const pending: Array<{ time: number; seq: number; node: Node }> = [];
  let seq = 0;
  for (const node of roots) pending.push({ time: node.time, seq: seq++, node });
  const out: Array<[number, number]> = [];
  while (pending.length > 0) {
    let best = 0;
    for (let i = 1; i < pending.length; i++) {
      const a = pending[i]!;
      const b = pending[best]!;
      if (a.time < b.time || (a.time === b.time && a.seq < b.seq)) best = i;
    }
    const [item] = pending.splice(best, 1);
    out.push([item!.time, item!.seq]);
    for (const child of item!.node.children)
      pending.push({ time: item!.time + child.time, seq: seq++, node: child });
  }
  return out;
}

describe('Scheduler heap properties', () => {
  it('pops in (time, insertion) order for random schedules, including pushes made while running', () => {
    fc.assert(
      fc.property(fc.array(rootArb, { maxLength: 60 }), (roots) => {
        const s = new Scheduler();
        const out: Array<[number, number]> = [];
        let seq = 0;
        const schedule = (node: Node, at: number): void => {
          const mySeq = seq++;
          s.at(at, () => {
            out.push([s.now, mySeq]);
            for (const child of node.children) schedule(child, s.now + child.time);
          });
        };
        for (const node of roots) schedule(node, node.time);
        s.runUntil(Infinity);
        // Strictly increasing in (time, seq)...
        for (let i = 1; i < out.length; i++) {
          const [t0, s0] = out[i - 1]!;
          const [t1, s1] = out[i]!;
          expect(t0 < t1 || (t0 === t1 && s0 < s1)).toBe(true);
        }
        // ...and exactly the order of a naive reference queue.
        expect(out).toEqual(referenceOrder(roots));
        expect(s.executed).toBe(out.length);
        expect(s.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('grows beyond its initial 1024 slots and keeps the order', () => {
    const s = new Scheduler();
    const n = 5000;
    const out: number[] = [];
    // A deterministic scramble of times with many duplicates.
    for (let i = 0; i < n; i++) {
      const t = (i * 7919) % 997;
      s.at(t, () => out.push(t * 1e6 + i));
    }
    expect(s.pending).toBe(n);
    s.runUntil(Infinity);
    expect(out.length).toBe(n);
    const sorted = [...out].sort((a, b) => a - b);
    expect(out).toEqual(sorted);
    expect(s.pending).toBe(0);
    expect(s.executed).toBe(n);
  });

  it('keeps working when it grows while actions are running', () => {
    const s = new Scheduler();
    let ran = 0;
    s.at(0, () => {
      for (let i = 0; i < 3000; i++) s.at(1 + (i % 17), () => ran++);
    });
    // Drain without a bound, so the clock stays at the last action (runUntil would move it to the bound).
    expect(s.runWhile(() => false, Infinity)).toBe(false);
    expect(ran).toBe(3000);
    expect(s.now).toBe(17);
  });
});

describe('Scheduler actions with an argument', () => {
  it('passes each action the number it was scheduled with, and 0 by default', () => {
    const s = new Scheduler();
    const seen: Array<[string, number]> = [];
    s.at(10, (arg) => seen.push(['fn', arg]), 7);
    s.after(5, (arg) => seen.push(['default', arg]));
    s.runUntil(100);
    expect(seen).toEqual([
      ['default', 0],
      ['fn', 7],
    ]);
  });

  it('runs objects by their fire method, in the same (time, insertion) order as functions', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const timer = { fire: (arg: number) => seen.push(`timer ${arg} at ${s.now}`) };
    s.at(20, timer, 2);
    s.at(10, () => seen.push(`fn at ${s.now}`));
    s.at(10, timer, 1);
    s.at(20, () => seen.push(`fn at ${s.now}`));
    s.runUntil(100);
    expect(seen).toEqual(['fn at 10', 'timer 1 at 10', 'timer 2 at 20', 'fn at 20']);
  });

  it('keeps arguments with their actions through heap growth and reordering', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 3000 }), (times) => {
        const s = new Scheduler();
        const fired: Array<[number, number]> = [];
        times.forEach((t, i) => s.at(t, (arg) => fired.push([s.now, arg]), i));
        s.runUntil(Infinity);
        // Every action ran once, at its own time, with its own argument.
        expect(fired.length).toBe(times.length);
        for (const [now, i] of fired) expect(now).toBe(times[i]);
        expect(new Set(fired.map(([, i]) => i)).size).toBe(times.length);
      }),
      { numRuns: 50 },
    );
  });
});
