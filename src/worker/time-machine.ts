import { Session, type CommandTree, type RunningCommand } from '../commands';
import type { SessionDoc } from '../session';
import { Checkpoints, type Spare } from './checkpoints';
import { SessionLog } from './session-log';

/** Wall time per frame given to building checkpoint worlds in the background. */
const SPARE_BUDGET_MS = 4;
/** Wall time per frame request given to replaying a long saved session (with progress shown). */
const RESTORE_SLICE_MS = 60;
/** Simulated time replayed between wall-clock checks while building a checkpoint. */
const SPARE_SLICE_MS = 60_000;

/** A world and where it stands in the log: what a checkpoint holds and the live session has. */
type WorldSlot = Pick<Spare, 'session' | 'running' | 'cursor' | 'worldStart' | 'origin'>;

export interface TimeMachineHooks {
  /** A live command replaced the world (`sim seed`, `sim preset`): views start over. */
  worldReplaced(): void;
  /** Something failed while replaying; the session goes on. */
  error(message: string): void;
}

/**
 * The session's world and its history: the console session, the timed command log, and the
 * replay machinery behind time travel — rebuilding the world at any moment from the seed and the
 * log, checkpoint worlds that make rewinding cheap, and restoring saved sessions in slices.
 * Everything that changes the world, live or replayed, goes through {@link apply}, so a replay
 * cannot differ from what the presenter saw. No views, messages or console here: that is the host.
 */
export class TimeMachine {
  /** The seed and starting world of the session: with the log, enough to rebuild it exactly. */
  seed = 1;
  preset: 'demo' | 'empty' = 'empty';
  session: Session;
  /** The timed command log and its time-travel state (see {@link SessionLog}). */
  readonly timeline = new SessionLog();
  /** Spare worlds at checkpoint times, so rewinding replays only from the nearest one. */
  readonly checkpoints = new Checkpoints();
  /** Commands started from the log (live or replayed) that may still be running, by log index. */
  private running = new Map<number, RunningCommand>();
  /** Set once the presenter rewinds: only then are checkpoints worth their memory and time. */
  private rewound = false;
  /** A saved session being replayed in slices, and where its last world starts. */
  private restoring: { spare: Spare; lastWorld: number } | undefined;

  constructor(
    private readonly tree: CommandTree,
    private readonly wallNow: () => number,
    private readonly hooks: TimeMachineHooks,
  ) {
    this.session = new Session({ seed: 1, tree });
  }

  get sim() {
    return this.session.sim;
  }

  /** Whether a saved session is still being replayed (commands and seeks wait). */
  get isRestoring(): boolean {
    return this.restoring !== undefined;
  }

  /** Starts a new session: a fresh world from `seed`, empty or the demo world. */
  start(seed: number, preset: 'demo' | 'empty'): void {
    this.restoring = undefined;
    this.seed = seed;
    this.preset = preset;
    this.timeline.reset();
    this.checkpoints.drop();
    this.rewound = false;
    this.rebuild(0);
  }

  /**
   * Applies log entry `index` to the world now: starts its command (or cancels the command it
   * names). The live console and every replay go through here, so they cannot differ. `live`
   * when the presenter typed it just now (rather than a replay of the log).
   */
  apply(index: number, sink: (line: string) => void, live = false): RunningCommand | undefined {
    const entry = this.timeline.log[index]!;
    if ('cancel' in entry) {
      this.running.get(entry.cancel)?.cancel();
      return undefined;
    }
    const simBefore = this.sim;
    const running = this.session.start(entry.line, sink);
    if (this.sim !== simBefore) {
      // `sim seed` or `sim preset` replaced the world: its timeline starts here.
      this.timeline.worldStart = index + 1;
      this.timeline.origin = this.sim.now;
      if (live) {
        this.timeline.head = this.sim.now;
        this.checkpoints.drop();
        this.hooks.worldReplaced();
      }
    }
    if (running.exitCode === undefined) this.running.set(index, running);
    if (this.running.size > 256)
      for (const [i, r] of this.running) if (r.exitCode !== undefined) this.running.delete(i);
    return running;
  }

  /** Forks before a live command when the presenter is in the past; the old future is kept. */
  forkIfInPast(): void {
    if (this.timeline.reviewing || this.sim.now < this.timeline.head) {
      this.timeline.fork(this.sim.now);
      this.checkpoints.drop(this.sim.now);
    }
  }

  /**
   * Rebuilds the world from the seed and the log up to simulated time `target` of the last world:
   * every entry of earlier worlds, then the last world's entries at or before `target`, starting
   * from the latest checkpoint world that fits. The clock's speed and play state carry over.
   */
  rebuild(target: number): void {
    const { speed, playing } = this.session;
    const lastWorld = this.timeline.worldStart;
    const head = this.timeline.head;
    this.swapWorld(this.checkpoints.take(target) ?? this.freshSpare(-Infinity));
    this.session.speed = speed;
    this.session.playing = playing;
    this.replayTo(target, lastWorld);
    this.timeline.head = Math.max(head, this.sim.now);
  }

  /**
   * Applies recorded entries as time moves on to `target`: each at its own time, so the world is
   * exactly the one the live session had. Entries of worlds before `lastWorld` are all applied.
   * With `outOfTime`, it works in slices and returns false when the wall-clock budget ran out.
   */
  replayTo(target: number, lastWorld = this.timeline.worldStart, outOfTime?: () => boolean): boolean {
    const { log } = this.timeline;
    const quiet = (): void => undefined;
    const runTo = (t: number): boolean => {
      while (t > this.sim.now) {
        this.sim.scheduler.runUntil(outOfTime ? Math.min(t, this.sim.now + SPARE_SLICE_MS) : t);
        if (outOfTime?.() && t > this.sim.now) return false;
      }
      return true;
    };
    try {
      while (this.timeline.cursor < log.length) {
        const index = this.timeline.cursor;
        const entry = log[index]!;
        if (index >= lastWorld && entry.t > target) break;
        if (!runTo(entry.t)) return false;
        this.timeline.cursor++;
        this.apply(index, quiet);
        if (outOfTime?.()) return false;
      }
      return runTo(target);
    } catch (e) {
      this.hooks.error(
        `internal error while replaying the session: ${e instanceof Error ? e.message : String(e)}`,
      );
      return true;
    }
  }

  /**
   * Moves to time `t` of the last world: forward through the recorded future, or rebuilt from the
   * log. Returns whether the world was rebuilt (its views must start over).
   */
  seek(t: number): boolean {
    this.rewound = true;
    const target = Math.max(0, Math.min(t, this.timeline.head));
    if (target >= this.sim.now) {
      this.replayTo(target);
      return false;
    }
    this.rebuild(target);
    return true;
  }

  /** Makes set-aside future `index` current and rebuilds at its fork point; false for a bad index. */
  switchBranch(index: number): boolean {
    const at = this.timeline.switchTo(index);
    if (at === undefined) return false;
    this.checkpoints.drop(at);
    this.rebuild(at);
    return true;
  }

  /**
   * Starts replaying a saved session (already validated). Small sessions finish at once; a long
   * one goes on in slices through {@link continueRestore}.
   */
  beginRestore(doc: SessionDoc): void {
    this.seed = doc.seed;
    this.preset = doc.preset;
    this.timeline.reset();
    this.checkpoints.drop();
    this.rewound = false;
    this.timeline.log = doc.log.slice();
    this.timeline.branches = doc.branches.slice();
    this.timeline.worldStart = Math.min(doc.worldStart, doc.log.length);
    this.timeline.head = doc.head;
    this.restoring = { spare: this.freshSpare(doc.now), lastWorld: this.timeline.worldStart };
  }

  /** Replays one more slice of a saved session: how far it got, or `done` once it is the live world. */
  continueRestore(): { done: true } | { done: false; fraction: number } {
    const r = this.restoring!;
    if (!this.advanceSpare(r.spare, r.lastWorld, RESTORE_SLICE_MS)) {
      const inLastWorld = r.spare.cursor >= r.lastWorld;
      const span = r.spare.time - r.spare.origin;
      const fraction = inLastWorld && span > 0 ? (r.spare.session.sim.now - r.spare.origin) / span : 0;
      return { done: false, fraction: Math.min(0.99, Math.max(0, fraction)) };
    }
    this.restoring = undefined;
    // The replayed world becomes the live one (rebuild takes it as a checkpoint at the target).
    this.checkpoints.add(r.spare);
    this.rebuild(r.spare.time);
    return { done: true };
  }

  /**
   * Spends a few milliseconds of an idle frame building the next checkpoint world, once the
   * presenter has rewound at least once.
   */
  buildCheckpoints(): void {
    if (!this.rewound) return;
    const t = this.timeline;
    if (!this.checkpoints.building) {
      const time = this.checkpoints.nextTime(t.origin, t.head);
      if (time === undefined) return;
      this.checkpoints.building = this.freshSpare(time);
    }
    const spare = this.checkpoints.building;
    if (this.advanceSpare(spare, t.worldStart, SPARE_BUDGET_MS)) {
      this.checkpoints.building = undefined;
      this.checkpoints.add(spare);
      this.checkpoints.trim(t.origin, t.head);
    }
  }

  /** A world at the session's start, to be replayed up to `time`. */
  private freshSpare(time: number): Spare {
    const session = new Session({ seed: this.seed, tree: this.tree });
    if (this.preset === 'demo') session.loadDemo();
    return { time, session, running: new Map(), cursor: 0, worldStart: 0, origin: session.sim.now };
  }

  /**
   * Replays a spare world toward its time for at most `budgetMs` of wall time; true once it is
   * there. The spare is swapped in as the world while it replays, so replay has one code path.
   */
  private advanceSpare(spare: Spare, lastWorld: number, budgetMs: number): boolean {
    const deadline = this.wallNow() + budgetMs;
    const live = this.swapWorld(spare);
    try {
      return this.replayTo(spare.time, lastWorld, () => this.wallNow() >= deadline);
    } finally {
      Object.assign(spare, this.swapWorld(live));
    }
  }

  /** Makes `world` the live one (session, running commands, log position); returns the one it replaced. */
  private swapWorld(world: WorldSlot): WorldSlot {
    const t = this.timeline;
    const previous = {
      session: this.session,
      running: this.running,
      cursor: t.cursor,
      worldStart: t.worldStart,
      origin: t.origin,
    };
    this.session = world.session;
    this.running = world.running;
    t.cursor = world.cursor;
    t.worldStart = world.worldStart;
    t.origin = world.origin;
    return previous;
  }
}
