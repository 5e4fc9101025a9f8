import { describe, expect, it } from 'vitest';
import { createThrottle, type ThrottleTimers } from './throttle';

/** Timers driven by hand: `tick(ms)` moves the clock and fires what is due. */
function manualTimers() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: ThrottleTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      due.set(nextId, { at: now + ms, fn });
      return nextId++;
    },
    clearTimeout: (id) => void due.delete(id as number),
  };
  const tick = (ms: number): void => {
    now += ms;
    for (const [id, t] of [...due]) {
      if (t.at <= now) {
        due.delete(id);
        t.fn();
      }
    }
  };
  return { timers, tick, pending: () => due.size };
}

describe('createThrottle', () => {
  it('runs the first trigger at once', () => {
    const { timers } = manualTimers();
    let calls = 0;
    createThrottle(() => calls++, 250, timers).trigger();
    expect(calls).toBe(1);
  });

  it('turns a burst into one leading and one trailing call', () => {
    const { timers, tick } = manualTimers();
    let calls = 0;
    const t = createThrottle(() => calls++, 250, timers);
    for (let i = 0; i < 50; i++) {
      t.trigger();
      tick(4);
    }
    // 200 ms of triggers: the leading call, then one waiting for 250 ms.
    expect(calls).toBe(1);
    tick(100);
    expect(calls).toBe(2);
  });

  it('keeps calls at least the interval apart under a steady stream (≤ 4 a second at 250 ms)', () => {
    const { timers, tick } = manualTimers();
    const times: number[] = [];
    const t = createThrottle(() => times.push(timers.now()), 250, timers);
    for (let ms = 0; ms < 2000; ms += 10) {
      t.trigger();
      tick(10);
    }
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    expect(times.length).toBeGreaterThanOrEqual(7);
  });

  it('cancel drops the trailing call', () => {
    const { timers, tick, pending } = manualTimers();
    let calls = 0;
    const t = createThrottle(() => calls++, 250, timers);
    t.trigger();
    t.trigger();
    expect(pending()).toBe(1);
    t.cancel();
    tick(1000);
    expect(calls).toBe(1);
  });
});
