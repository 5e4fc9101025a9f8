import type { SimTimeMs } from './types';

/**
 * Something to run at a simulated instant: a function, or an object whose `fire` runs (so a
 * long-lived engine object can schedule itself without allocating a closure per event). Either
 * receives the number given when it was scheduled (0 by default), e.g. a generation counter that
 * tells a stale wake-up from a current one.
 */
export type Action = ((arg: number) => void) | Timer;

export interface Timer {
  fire(arg: number): void;
}

/**
 * The virtual clock and its event queue: a flat binary min-heap keyed by (time, sequence).
 *
 * Keys and each action's argument live in parallel typed arrays and actions in a plain array, so
 * pushing and popping allocate nothing once the arrays have grown. The sequence number breaks ties in insertion
 * order, which is what makes runs with the same inputs replay identically.
 */
export class Scheduler {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private args = new Float64Array(1024);
  private actions: (Action | undefined)[] = new Array<Action | undefined>(1024);
  private size = 0;
  private nextSeq = 0;
  private current = 0;
  /** How many actions have run since creation (the engine's "events"). */
  executed = 0;

  /** The current simulated time. */
  get now(): SimTimeMs {
    return this.current as SimTimeMs;
  }

  /** Number of pending actions. */
  get pending(): number {
    return this.size;
  }

  /** Time of the next pending action, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  /**
   * Schedules `action` at absolute time `at`. Scheduling in the past is a bug in the caller,
   * so it throws instead of silently reordering history.
   */
  at(at: number, action: Action, arg = 0): void {
    if (!(at >= this.current)) {
      throw new RangeError(`cannot schedule at ${at} ms: the clock is already at ${this.current} ms`);
    }
    if (this.size === this.times.length) this.grow();
    let i = this.size++;
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const args = this.args;
    const actions = this.actions;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < at || (pt === at && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      args[i] = args[parent]!;
      actions[i] = actions[parent];
      i = parent;
    }
    times[i] = at;
    seqs[i] = seq;
    args[i] = arg;
    actions[i] = action;
  }

  /** Schedules `action` after `delay` milliseconds from now. */
  after(delay: number, action: Action, arg = 0): void {
    this.at(this.current + (delay > 0 ? delay : 0), action, arg);
  }

  /**
   * Runs every action due at or before `until`, then leaves the clock at `until`.
   * Returns the number of actions run.
   */
  runUntil(until: number): number {
    const before = this.executed;
    while (this.size > 0 && this.times[0]! <= until) this.step();
    if (until > this.current) this.current = until;
    return this.executed - before;
  }

  /**
   * Runs actions one at a time until `done()` holds, the queue empties, or the next action lies
   * beyond `limit`. The clock stops at the time of the last action run (or at `limit` when the
   * queue ran dry or the limit was reached without `done`). Returns whether `done()` held.
   */
  runWhile(done: () => boolean, limit: number): boolean {
    while (!done()) {
      if (this.size === 0 || this.times[0]! > limit) {
        if (limit !== Infinity && limit > this.current) this.current = limit;
        return done();
      }
      this.step();
    }
    return true;
  }

  /** Pops and runs the earliest action. */
  step(): void {
    const times = this.times;
    const seqs = this.seqs;
    const args = this.args;
    const actions = this.actions;
    const action = actions[0]!;
    const arg = args[0]!;
    this.current = times[0]!;
    const last = --this.size;
    if (last > 0) {
      const t = times[last]!;
      const s = seqs[last]!;
      const g = args[last]!;
      const a = actions[last];
      let i = 0;
      // Sift down.
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        let c = l;
        if (r < last && (times[r]! < times[l]! || (times[r] === times[l] && seqs[r]! < seqs[l]!))) c = r;
        const ct = times[c]!;
        if (t < ct || (t === ct && s < seqs[c]!)) break;
        times[i] = ct;
        seqs[i] = seqs[c]!;
        args[i] = args[c]!;
        actions[i] = actions[c];
        i = c;
      }
      times[i] = t;
      seqs[i] = s;
      args[i] = g;
      actions[i] = a;
    }
    actions[last] = undefined;
    this.executed++;
    if (typeof action === 'function') action(arg);
    else action.fire(arg);
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    times.set(this.times);
    const seqs = new Float64Array(n);
    seqs.set(this.seqs);
    const args = new Float64Array(n);
    args.set(this.args);
    this.times = times;
    this.seqs = seqs;
    this.args = args;
    this.actions.length = n;
  }
}
