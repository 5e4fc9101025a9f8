import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedLink, type Flow } from './link';
import { Scheduler } from './scheduler';

/** 8 Mbit/s: exactly 1,000 bytes per simulated millisecond, so expected times are easy to read. */
const CAPACITY = 8e6;

function setup(capacity = CAPACITY): {
  s: Scheduler;
  link: SharedLink;
  start: (bytes: number, label: string) => Flow;
  done: Map<string, number>;
} {
  const s = new Scheduler();
  const link = new SharedLink(s, capacity);
  const done = new Map<string, number>();
  const start = (bytes: number, label: string): Flow =>
    link.start(bytes, () => {
      expect(done.has(label)).toBe(false);
      done.set(label, s.now);
    });
  return { s, link, start, done };
}

/** Drains the queue without moving the clock past the last event. */
function drain(s: Scheduler): void {
  s.runWhile(() => false, Infinity);
}

describe('SharedLink: one flow', () => {
  it('takes bytes * 8 / capacity seconds', () => {
    const { s, start, done } = setup();
    const flow = start(1_000_000, 'a');
    expect(flow.rate).toBe(1000);
    expect(flow.expectedArrival).toBe(1000);
    drain(s);
    expect(done.get('a')).toBe(1000);
    expect(flow.finished).toBe(true);
    expect(flow.bytesDone).toBe(1_000_000);
  });

  it('takes bytes * 8 / capacity for arbitrary sizes and capacities', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1e3, max: 1e12 }),
        fc.integer({ min: 0, max: 1e6 }),
        (bytes, capacity, startAt) => {
          const { s, start, done } = setup(capacity);
          s.runUntil(startAt);
          start(bytes, 'a');
          drain(s);
          const expected = startAt + (bytes * 8 * 1000) / capacity;
          expect(done.get('a')).toBeCloseTo(expected, 6 - Math.ceil(Math.log10(expected + 1)));
        },
      ),
    );
  });

  it('completes a zero-byte flow at once (same instant), through the scheduler', () => {
    const { s, start, done } = setup();
    s.runUntil(250);
    const flow = start(0, 'empty');
    // Not re-entrant: the callback runs as an event, after start() has returned.
    expect(done.has('empty')).toBe(false);
    expect(flow.expectedArrival).toBe(250);
    s.runUntil(250);
    expect(done.get('empty')).toBe(250);
    expect(flow.finished).toBe(true);
  });

  it('publishes progress that renderers can interpolate', () => {
    const { s, start } = setup();
    const flow = start(1_000_000, 'a');
    s.runUntil(400);
    // Progress is brought up to date lazily; interpolation from the published fields is exact.
    const interpolated = flow.bytesDone + flow.rate * (s.now - flow.updatedAt);
    expect(interpolated).toBe(400_000);
  });
});

describe('SharedLink: fair sharing (SPEC 2.2: a target replica splits its replication bandwidth evenly among concurrent transfers)', () => {
  it('two equal flows started together both finish at twice the solo time', () => {
    const { s, link, start, done } = setup();
    const a = start(1_000_000, 'a');
    const b = start(1_000_000, 'b');
    expect(link.activeCount).toBe(2);
    expect(a.rate).toBe(500);
    expect(b.rate).toBe(500);
    drain(s);
    expect(done.get('a')).toBe(2000);
    expect(done.get('b')).toBe(2000);
  });

  it('n equal flows started together all finish at n times the solo time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 1e9 }), (n, bytes) => {
        const { s, start, done } = setup();
        for (let i = 0; i < n; i++) start(bytes, `f${i}`);
        drain(s);
        const solo = (bytes * 8 * 1000) / CAPACITY;
        for (let i = 0; i < n; i++) expect(done.get(`f${i}`)! / (n * solo)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('a flow joining midway halves the first flow’s rate and moves its expected arrival', () => {
    const { s, start, done } = setup();
    const a = start(1_000_000, 'a');
    s.runUntil(500); // a has moved 500,000 bytes alone
    const b = start(1_000_000, 'b');
    expect(a.bytesDone).toBe(500_000);
    expect(a.rate).toBe(500);
    expect(a.expectedArrival).toBe(1500); // 500,000 left at 500 B/ms
    expect(b.expectedArrival).toBe(2500); // as if the share stayed at half
    s.runUntil(1500);
    expect(done.get('a')).toBe(1500);
    // b now has the link to itself: 500,000 moved, 500,000 left at 1,000 B/ms.
    expect(b.rate).toBe(1000);
    expect(b.expectedArrival).toBe(2000);
    drain(s);
    expect(done.get('b')).toBe(2000);
  });

  it('shares processor-style among flows of different sizes (smallest first, work conserved)', () => {
    const { s, start, done } = setup();
    start(3_000_000, 'large');
    start(1_000_000, 'small');
    start(2_000_000, 'medium');
    drain(s);
    // Three at 1/3 until small is done (3 s), two at 1/2 until medium is done (2 s), then alone.
    expect(done.get('small')).toBeCloseTo(3000, 6);
    expect(done.get('medium')).toBeCloseTo(5000, 6);
    expect(done.get('large')).toBeCloseTo(6000, 6);
  });

  it('matches a reference processor-sharing model for random arrivals and sizes', () => {
    const flowArb = fc.record({
      at: fc.integer({ min: 0, max: 5000 }),
      bytes: fc.integer({ min: 0, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(flowArb, { minLength: 1, maxLength: 12 }), (specs) => {
        const { s, start, done } = setup();
        specs.forEach((f, i) => s.at(f.at, () => start(f.bytes, `f${i}`)));
        drain(s);
        const expected = referenceProcessorSharing(specs, CAPACITY / 8 / 1000);
        specs.forEach((_, i) => {
          expect(done.get(`f${i}`)).toBeDefined();
          expect(Math.abs(done.get(`f${i}`)! - expected[i]!)).toBeLessThan(1e-6 * (1 + expected[i]!));
        });
      }),
    );
  });

  it('applies a capacity change to the remaining bytes only', () => {
    const { s, link, start, done } = setup();
    const a = start(1_000_000, 'a');
    s.runUntil(200); // 200,000 moved
    link.setCapacity(CAPACITY / 2); // 500 B/ms from now on
    expect(a.expectedArrival).toBe(200 + 800_000 / 500);
    drain(s);
    expect(done.get('a')).toBe(1800);
  });
});

describe('SharedLink: pause, resume and cancel', () => {
  it('pause keeps the bytes already moved and resume continues from there', () => {
    const { s, link, start, done } = setup();
    const a = start(1_000_000, 'a');
    s.runUntil(300);
    link.pause(a);
    expect(a.paused).toBe(true);
    expect(a.bytesDone).toBe(300_000);
    expect(a.rate).toBe(0);
    expect(a.expectedArrival).toBe(Infinity);
    expect(link.activeCount).toBe(0);
    s.runUntil(5000);
    expect(done.has('a')).toBe(false);
    expect(a.bytesDone).toBe(300_000);
    link.resume(a);
    expect(a.expectedArrival).toBe(5700);
    drain(s);
    expect(done.get('a')).toBe(5700);
  });

  it('a paused flow gives its share to the others, and takes it back on resume', () => {
    const { s, link, start, done } = setup();
    const a = start(1_000_000, 'a');
    const b = start(1_000_000, 'b');
    s.runUntil(400); // each has 200,000
    link.pause(a);
    expect(b.rate).toBe(1000);
    expect(b.expectedArrival).toBe(1200);
    s.runUntil(600); // b has 400,000
    link.resume(a);
    expect(a.rate).toBe(500);
    expect(b.rate).toBe(500);
    drain(s);
    // b: 600,000 left at 500 B/ms -> 1800. a: 200,000 + 600,000 by 1800, then 200,000 alone -> 2000.
    expect(done.get('b')).toBe(1800);
    expect(done.get('a')).toBe(2000);
  });

  it('pausing twice or resuming a running flow changes nothing', () => {
    const { s, link, start, done } = setup();
    const a = start(1_000_000, 'a');
    link.resume(a);
    s.runUntil(100);
    link.pause(a);
    link.pause(a);
    s.runUntil(200);
    link.resume(a);
    link.resume(a);
    drain(s);
    expect(done.get('a')).toBe(1100);
  });

  it('a cancelled flow never calls back, and frees its share for the others', () => {
    const { s, link, start, done } = setup();
    const a = start(1_000_000, 'a');
    const b = start(1_000_000, 'b');
    s.runUntil(500); // each has 250,000
    link.cancel(a);
    expect(a.finished).toBe(true);
    expect(a.rate).toBe(0);
    expect(link.activeCount).toBe(1);
    expect(b.expectedArrival).toBe(1250);
    drain(s);
    expect(done.has('a')).toBe(false);
    expect(done.get('b')).toBe(1250);
  });

  it('cancelling at the instant a flow was due still never calls back', () => {
    const { s, link, start, done } = setup();
    // Scheduled before the flow starts, so it runs before the completion event at the same
    // instant; the completion event then finds itself stale.
    s.at(1000, () => link.cancel(a));
    const a = start(1_000_000, 'a');
    expect(a.expectedArrival).toBe(1000);
    s.runUntil(1000);
    drain(s);
    expect(done.has('a')).toBe(false);
    expect(s.pending).toBe(0);
  });

  it('cancelling a finished or unknown flow is a no-op', () => {
    const { s, link, start, done } = setup();
    const a = start(1000, 'a');
    drain(s);
    expect(done.get('a')).toBe(1);
    link.cancel(a);
    expect(done.get('a')).toBe(1);
    const other = setup();
    const foreign = other.start(1000, 'x');
    link.cancel(foreign);
    expect(foreign.finished).toBe(false);
  });

  it('pausing or resuming a finished flow is ignored', () => {
    const { s, link, start } = setup();
    const a = start(1000, 'a');
    drain(s);
    link.pause(a);
    expect(a.paused).toBe(false);
    expect(link.activeCount).toBe(0);
  });
});

/**
 * An independent processor-sharing model: between arrivals and departures every active flow
 * moves `rate / n` bytes per ms. Returns each flow's completion time.
 */
function referenceProcessorSharing(
  specs: ReadonlyArray<{ at: number; bytes: number }>,
  rate: number,
): number[] {
  const order = specs.map((f, i) => ({ ...f, i })).sort((x, y) => x.at - y.at || x.i - y.i);
  const finish = new Array<number>(specs.length).fill(NaN);
  const active: Array<{ i: number; left: number }> = [];
  let now = 0;
  let next = 0;
  while (next < order.length || active.length > 0) {
    const arrival = next < order.length ? order[next]!.at : Infinity;
    const share = active.length > 0 ? rate / active.length : 0;
    let minLeft = Infinity;
    for (const f of active) minLeft = Math.min(minLeft, f.left);
    const departure = active.length > 0 ? now + minLeft / share : Infinity;
    const t = Math.min(arrival, departure);
    for (const f of active) f.left -= share * (t - now);
    now = t;
    if (departure <= arrival) {
      for (let k = active.length - 1; k >= 0; k--) {
        if (active[k]!.left <= 1e-6) {
          finish[active[k]!.i] = now;
          active.splice(k, 1);
        }
      }
    } else {
      const f = order[next++]!;
      active.push({ i: f.i, left: f.bytes });
    }
  }
  return finish;
}
