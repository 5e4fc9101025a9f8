import { truncate } from './arrays';
import type { Scheduler, Timer } from './scheduler';
import type { BitsPerSecond, Bytes } from './types';

/** One transfer sharing a link. Exposed read-only so renderers can interpolate progress. */
export interface Flow {
  readonly id: number;
  readonly bytes: Bytes;
  /** Bytes delivered as of `updatedAt`. */
  bytesDone: number;
  /** Current share of the link in bytes per millisecond (0 while paused). */
  rate: number;
  /** Simulated time of the last progress update. */
  updatedAt: number;
  /** When the flow will finish at the current rate (Infinity while paused). */
  expectedArrival: number;
  paused: boolean;
  finished: boolean;
}

/** Bytes a flow has delivered by `now`, between its last update and its end (for progress shown). */
export function flowBytesDone(flow: Flow, now: number): number {
  return Math.min(flow.bytes, flow.bytesDone + flow.rate * (now - flow.updatedAt));
}

/** Told when its flow has delivered its last byte (an object, so owners need no closure). */
export interface FlowOwner {
  flowDone(): void;
}

interface FlowEntry extends Flow {
  onDone: (() => void) | FlowOwner;
}

/**
 * A link whose capacity is shared fairly by its active flows (processor sharing): with n flows
 * each gets capacity / n. Whenever a flow joins, leaves, pauses or resumes, every flow's progress
 * is brought up to date and the single next completion is rescheduled. Stale completion events
 * are recognised by a generation counter instead of being removed from the heap.
 */
export class SharedLink implements Timer {
  private flows: FlowEntry[] = [];
  /** The flows a completion check finds done (kept, so each check allocates nothing). */
  private readonly done: FlowEntry[] = [];
  private lastUpdate = 0;
  private generation = 0;
  private static nextId = 1;

  constructor(
    private readonly scheduler: Scheduler,
    private capacity: BitsPerSecond,
  ) {}

  /** Number of flows currently sharing the link (paused ones excluded). */
  get activeCount(): number {
    let n = 0;
    for (const f of this.flows) if (!f.paused) n++;
    return n;
  }

  setCapacity(capacity: BitsPerSecond): void {
    this.update();
    this.capacity = capacity;
    this.reschedule();
  }

  /** Starts a flow of `bytes`; `onDone` runs (or is told) when the last byte has arrived. */
  start(bytes: Bytes, onDone: (() => void) | FlowOwner): Flow {
    this.update();
    const now = this.scheduler.now;
    const flow: FlowEntry = {
      id: SharedLink.nextId++,
      bytes,
      bytesDone: 0,
      rate: 0,
      updatedAt: now,
      expectedArrival: now,
      paused: false,
      finished: false,
      onDone,
    };
    this.flows.push(flow);
    this.reschedule();
    return flow;
  }

  /** Stops a flow for good; its callback never runs. */
  cancel(flow: Flow): void {
    const i = this.flows.indexOf(flow as FlowEntry);
    if (i < 0) return;
    this.update();
    this.flows.splice(i, 1);
    flow.finished = true;
    flow.rate = 0;
    flow.expectedArrival = Infinity;
    this.reschedule();
  }

  /** Pauses a flow, keeping the bytes it has already moved. */
  pause(flow: Flow): void {
    if (flow.paused || flow.finished) return;
    this.update();
    flow.paused = true;
    this.reschedule();
  }

  resume(flow: Flow): void {
    if (!flow.paused || flow.finished) return;
    this.update();
    flow.paused = false;
    this.reschedule();
  }

  /** Brings every flow's delivered bytes up to the current time. */
  private update(): void {
    const now = this.scheduler.now;
    const elapsed = now - this.lastUpdate;
    this.lastUpdate = now;
    for (const f of this.flows) {
      if (elapsed > 0 && !f.paused) f.bytesDone = Math.min(f.bytes, f.bytesDone + f.rate * elapsed);
      f.updatedAt = now;
    }
  }

  private reschedule(): void {
    const gen = ++this.generation;
    const active = this.activeCount;
    if (active === 0) {
      for (const f of this.flows) {
        f.rate = 0;
        f.expectedArrival = Infinity;
      }
      return;
    }
    const now = this.scheduler.now;
    const rate = this.capacity / 8 / 1000 / active; // bytes per ms
    let next = Infinity;
    for (const f of this.flows) {
      if (f.paused) {
        f.rate = 0;
        f.expectedArrival = Infinity;
        continue;
      }
      f.rate = rate;
      const eta = now + (f.bytes - f.bytesDone) / rate;
      f.expectedArrival = eta;
      if (eta < next) next = eta;
    }
    // The link itself is the scheduled action, with the generation as its argument.
    this.scheduler.at(next, this, gen);
  }

  /** A scheduled completion check; stale when the flows changed since it was scheduled. */
  fire(gen: number): void {
    if (gen === this.generation) this.completeDue();
  }

  private completeDue(): void {
    this.update();
    const now = this.scheduler.now;
    const done = this.done;
    const flows = this.flows;
    // A flow whose expected arrival is now is complete even if rounding left a sliver of bytes.
    // The rest keep their order, compacted in place.
    let kept = 0;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      if (!f.paused && (f.bytes - f.bytesDone <= 1e-6 || f.expectedArrival <= now)) done.push(f);
      else flows[kept++] = f;
    }
    truncate(flows, kept);
    for (const f of done) {
      f.bytesDone = f.bytes;
      f.finished = true;
      f.rate = 0;
      f.expectedArrival = now;
    }
    this.reschedule();
    for (const f of done) {
      const owner = f.onDone;
      if (typeof owner === 'function') owner();
      else owner.flowDone();
    }
    // Owners may start or cancel flows here, never complete them: `done` is free again.
    truncate(done, 0);
  }
}
