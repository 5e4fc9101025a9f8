import { throttleBudget } from './config';
import type { Registry, Replica, RequestCounters } from './registry';
import type { Simulation } from './sim';

export type OperationKind = 'read' | 'write';

const MINUTE = 60_000;

/** The one-minute throttling window an instant falls in (windows start on whole minutes). */
export function throttleWindow(now: number): number {
  return Math.floor(now / MINUTE);
}

/**
 * Moves the counters to `window` when the minute has changed. The window just left is kept as
 * `prev*` when it is the one right before; a longer silence leaves zeros there.
 */
function roll(c: RequestCounters, window: number): void {
  if (c.window === window) return;
  const adjacent = c.window === window - 1;
  c.prevReads = adjacent ? c.reads : 0;
  c.prevWrites = adjacent ? c.writes : 0;
  c.prevThrottledReads = adjacent ? c.throttledReads : 0;
  c.prevThrottledWrites = adjacent ? c.throttledWrites : 0;
  c.window = window;
  c.reads = 0;
  c.writes = 0;
  c.throttledReads = 0;
  c.throttledWrites = 0;
}

/**
 * Admits or throttles one request against the serving replica's own budget (B-THROT-1,
 * B-THROT-2). Budgets are per replica and per one-minute window; a throttled request is
 * counted but not served.
 */
export function admitRequest(
  sim: Simulation,
  registry: Registry,
  replica: Replica,
  op: OperationKind,
): boolean {
  return admitBulk(sim, registry, replica, op, 1) === 1;
}

/**
 * Admits `n` requests of one kind arriving at the same instant, as `n` calls of
 * {@link admitRequest} would: the first ones up to the rest of this minute's budget are served,
 * the others are counted as throttled (429). Returns how many were admitted. Used by load
 * generators, which charge a whole second of a fleet's requests at once.
 */
export function admitBulk(
  sim: Simulation,
  registry: Registry,
  replica: Replica,
  op: OperationKind,
  n: number,
): number {
  if (!(n > 0)) return 0;
  const c = replica.counters;
  roll(c, throttleWindow(sim.now));
  if (op === 'read') {
    const room = Math.max(0, throttleBudget(sim.config, registry.sku, 'reads') - c.reads);
    const admitted = Math.min(n, room);
    c.reads += admitted;
    c.totalReads += admitted;
    c.throttledReads += n - admitted;
    c.totalThrottled += n - admitted;
    return admitted;
  }
  const room = Math.max(0, throttleBudget(sim.config, registry.sku, 'writes') - c.writes);
  const admitted = Math.min(n, room);
  c.writes += admitted;
  c.totalWrites += admitted;
  c.throttledWrites += n - admitted;
  c.totalThrottled += n - admitted;
  return admitted;
}

/** How many more requests of a kind the replica accepts in the current minute. */
export function remainingBudget(
  sim: Simulation,
  registry: Registry,
  replica: Replica,
  op: OperationKind,
): number {
  const c = replica.counters;
  const window = throttleWindow(sim.now);
  const used = c.window === window ? (op === 'read' ? c.reads : c.writes) : 0;
  return Math.max(0, throttleBudget(sim.config, registry.sku, op === 'read' ? 'reads' : 'writes') - used);
}

/** One replica's requests in one minute, against its budgets. */
export interface ThrottleMinute {
  readonly reads: number;
  readonly writes: number;
  /** Requests answered 429 TOOMANYREQUESTS. */
  readonly throttled: number;
}

/** What a throttling gauge shows for one replica (SPEC 5). */
export interface ThrottleGauge {
  readonly readBudget: number;
  readonly writeBudget: number;
  /** Start of the current window, in simulated ms. */
  readonly windowStart: number;
  /** The last complete minute (the window before the current one). */
  readonly lastMinute: ThrottleMinute;
  /** The current minute so far. */
  readonly thisMinute: ThrottleMinute;
}

/** Reads a replica's counters without changing them (a gauge must not roll the window). */
export function throttleGauge(sim: Simulation, registry: Registry, replica: Replica): ThrottleGauge {
  const c = replica.counters;
  const window = throttleWindow(sim.now);
  const zero: ThrottleMinute = { reads: 0, writes: 0, throttled: 0 };
  let lastMinute = zero;
  let thisMinute = zero;
  if (c.window === window) {
    thisMinute = { reads: c.reads, writes: c.writes, throttled: c.throttledReads + c.throttledWrites };
    lastMinute = {
      reads: c.prevReads,
      writes: c.prevWrites,
      throttled: c.prevThrottledReads + c.prevThrottledWrites,
    };
  } else if (c.window === window - 1) {
    lastMinute = { reads: c.reads, writes: c.writes, throttled: c.throttledReads + c.throttledWrites };
  }
  return {
    readBudget: throttleBudget(sim.config, registry.sku, 'reads'),
    writeBudget: throttleBudget(sim.config, registry.sku, 'writes'),
    windowStart: window * MINUTE,
    lastMinute,
    thisMinute,
  };
}
