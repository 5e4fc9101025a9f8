import type { RunningCommand, Session } from '../commands';

/**
 * A spare world: the session replayed to a checkpoint time and left there, so that rewinding to
 * any later moment only replays from the checkpoint instead of from the start. Engine state is
 * made of live generators and closures, which cannot be copied; replaying is the only way to get a
 * second world, so spares are built ahead of time in small slices while the lab is idle.
 */
export interface Spare {
  /** The checkpoint: simulated time of the last world the spare stands at (or will, once built). */
  readonly time: number;
  readonly session: Session;
  readonly running: Map<number, RunningCommand>;
  cursor: number;
  worldStart: number;
  origin: number;
}

/** How many spares a session keeps (each is a whole world in memory). */
export const MAX_SPARES = 6;

/**
 * Keeps spares at evenly spaced times over the last world's timeline, and hands out the best one
 * for a rewind. Spares are consumed when used (the world moves on from there) and built again.
 */
export class Checkpoints {
  private spares: Spare[] = [];
  /** The spare being built, if any. */
  building: Spare | undefined;

  get count(): number {
    return this.spares.length;
  }

  times(): number[] {
    return this.spares.map((s) => s.time);
  }

  /** Takes the spare with the latest time at or before `target`, if any. */
  take(target: number): Spare | undefined {
    let best = -1;
    for (let i = 0; i < this.spares.length; i++)
      if (this.spares[i]!.time <= target && (best < 0 || this.spares[i]!.time > this.spares[best]!.time))
        best = i;
    return best < 0 ? undefined : this.spares.splice(best, 1)[0];
  }

  add(spare: Spare): void {
    this.spares.push(spare);
    this.spares.sort((a, b) => a.time - b.time);
  }

  /** Forgets spares after `time` (the log changed there), or all of them. */
  drop(after = -Infinity): void {
    this.spares = this.spares.filter((s) => s.time <= after);
    if (this.building && this.building.time > after) this.building = undefined;
  }

  /**
   * The next checkpoint worth building for a timeline from `origin` to `head`: the first of
   * {@link MAX_SPARES} evenly spaced times with no spare near it. Undefined when all are covered
   * or the timeline is too short to be worth it.
   */
  nextTime(origin: number, head: number): number | undefined {
    const span = head - origin;
    if (span < 5 * 60_000) return undefined;
    const step = span / (MAX_SPARES + 1);
    for (let k = 1; k <= MAX_SPARES; k++) {
      const t = Math.round((origin + step * k) / 1000) * 1000;
      if (!this.spares.some((s) => Math.abs(s.time - t) < step / 2)) return t;
    }
    return undefined;
  }

  /** Keeps the spares within the limit, preferring the evenly spaced ones over stale leftovers. */
  trim(origin: number, head: number): void {
    while (this.spares.length > MAX_SPARES) {
      const step = (head - origin) / (MAX_SPARES + 1);
      // Drop the spare closest to its neighbour (the most redundant one).
      let worst = 0;
      let worstGap = Infinity;
      for (let i = 1; i < this.spares.length; i++) {
        const gap = this.spares[i]!.time - this.spares[i - 1]!.time;
        if (gap < worstGap) {
          worstGap = gap;
          worst = i;
        }
      }
      this.spares.splice(worst, 1);
      if (step <= 0) break;
    }
  }
}
