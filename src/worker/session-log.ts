import { LIMITS, type Branch, type LogEntry } from '../session';

/**
 * The session's timed command log and its time-travel bookkeeping, without the simulation:
 * which entries the live world has applied (`cursor`), where the last world began, the furthest
 * time reached there (`head`), and the futures that forks set aside (`branches`, newest first).
 *
 * Entries before `cursor` have been applied; entries after it are a recorded future that plays
 * back as time moves forward again. Typing a command while such a future exists forks: the old
 * timeline is kept as a branch until it is discarded or switched back to.
 */
export class SessionLog {
  log: LogEntry[] = [];
  /** Index of the first entry after the last command that replaced the world. */
  worldStart = 0;
  head = 0;
  /** Simulated time at which the last world began (the demo world starts after its setup). */
  origin = 0;
  cursor = 0;
  branches: Branch[] = [];
  /** Bumped whenever the log or the branches change, so observers know to resync. */
  revision = 0;

  reset(): void {
    this.log = [];
    this.worldStart = 0;
    this.head = 0;
    this.origin = 0;
    this.cursor = 0;
    this.branches = [];
    this.revision++;
  }

  /** Whether a recorded future lies ahead of the world (the presenter scrubbed back). */
  get reviewing(): boolean {
    return this.cursor < this.log.length;
  }

  /** Whether another entry fits (the log is bounded like everything a session document holds). */
  get full(): boolean {
    return this.log.length >= LIMITS.maxEntries;
  }

  /** Sets the recorded future aside as a branch, so a new command can follow from `now`. */
  fork(now: number): void {
    this.branches.unshift({
      log: this.log.slice(),
      worldStart: this.worldStart,
      head: this.head,
      forkTime: now,
    });
    this.branches.length = Math.min(this.branches.length, LIMITS.maxBranches);
    this.log.length = this.cursor;
    this.head = now;
    this.revision++;
  }

  /** Appends an entry the live world is applying now; returns its index. */
  append(entry: LogEntry): number {
    this.log.push(entry);
    this.cursor = this.log.length;
    this.revision++;
    return this.log.length - 1;
  }

  /**
   * Makes branch `i` the current timeline and keeps the current one as a branch in its place.
   * Returns the time to rebuild the world at (the fork point), or undefined for a bad index.
   */
  switchTo(i: number): number | undefined {
    const branch = this.branches[i];
    if (!branch) return undefined;
    this.branches[i] = {
      log: this.log,
      worldStart: this.worldStart,
      head: this.head,
      forkTime: branch.forkTime,
    };
    this.log = branch.log;
    this.worldStart = branch.worldStart;
    this.head = branch.head;
    this.revision++;
    return Math.min(branch.forkTime, branch.head);
  }

  discard(i: number): boolean {
    if (i < 0 || i >= this.branches.length) return false;
    this.branches.splice(i, 1);
    this.revision++;
    return true;
  }
}
