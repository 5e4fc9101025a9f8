/**
 * Plays a scenario through the console: hands a step's remaining actions to the console as one
 * batch (it runs them one after another, each once the previous has finished, as the headless
 * runner does, and holds lines typed meanwhile until the batch is over), records how each ended,
 * and keeps going step after step while auto-run is on. The rules are the pure functions of player-logic.ts; this
 * class only sequences them around the asynchronous console.
 */
import type { Scenario } from '../../scenarios/schema';
import {
  actionLine,
  afterStep,
  atEnding,
  autoStartStep,
  beginAction,
  CANCELLED_EXIT,
  createPlayer,
  finishAction,
  goTo,
  remainingActions,
  followTimeline,
  type PlayerState,
  type TimelineView,
} from './player-logic';

/**
 * How the player runs a step's lines: as one batch, in order, with nothing else in between.
 * Returns one promise per line, resolving with its exit code once it has finished (130 when it
 * was cancelled or dropped). `skip` is asked before each line starts: true drops it.
 */
export type RunLines = (lines: readonly string[], skip: () => boolean) => readonly Promise<LineEnd>[];

/** How a line the player ran ended: its exit code and, once logged, its place in the session log. */
export interface LineEnd {
  readonly exitCode: number;
  readonly logIndex?: number;
}

/** The session's timeline, followed so that rewinding shows the steps it undid as not run. */
export interface TimelineSource {
  get(): TimelineView | undefined;
  /** Calls the listener whenever the log or the shown position may have changed. */
  subscribe(listener: () => void): () => void;
}

let nextPlayerId = 1;

export class PlayerController {
  /** Distinguishes players of the same scenario started one after another. */
  readonly id = nextPlayerId++;
  private state: PlayerState;
  private readonly listeners = new Set<() => void>();
  /** Bumped by `dispose`: a run that outlives its player stops at its next step. */
  private disposed = false;

  private readonly unfollow: () => void;
  /** The timeline last followed, to skip frames that changed nothing. */
  private followed: { log: TimelineView['log']; length: number; cursor: number } | undefined;

  constructor(
    scenario: Scenario,
    private readonly run: RunLines,
    private readonly timeline?: TimelineSource,
  ) {
    this.state = createPlayer(scenario);
    this.unfollow = timeline?.subscribe(() => this.follow()) ?? (() => {});
  }

  /** Brings the results in line with the timeline shown (after a rewind, a replay or a fork). */
  private follow(): void {
    const view = this.timeline?.get();
    if (!view) return;
    const last = this.followed;
    if (last && last.log === view.log && last.length === view.log.length && last.cursor === view.cursor)
      return;
    this.followed = { log: view.log, length: view.log.length, cursor: view.cursor };
    this.set(followTimeline(this.state, view));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PlayerState => this.state;

  get scenario(): Scenario {
    return this.state.scenario;
  }

  next(): void {
    this.set(goTo(this.state, this.state.step + 1));
  }

  back(): void {
    this.set(goTo(this.state, this.state.step - 1));
  }

  show(step: number): void {
    this.set(goTo(this.state, step));
  }

  /** Auto-run on or off. Turning it on starts playing from the shown step (or the next). */
  setAuto(on: boolean): void {
    if (!on) {
      this.set({ ...this.state, auto: false });
      return;
    }
    const start = autoStartStep(this.state);
    if (start === undefined) return;
    this.set({ ...goTo(this.state, start, false), auto: true });
    if (this.state.running === undefined) void this.runStep();
  }

  /**
   * Runs the shown step's remaining actions in order. Resolves when the step (and, with
   * auto-run, the steps after it up to a pause point) has stopped.
   */
  async runStep(): Promise<void> {
    for (;;) {
      if (this.disposed || this.state.running !== undefined || atEnding(this.state)) return;
      const step = this.state.step;
      const actions = this.state.scenario.steps[step]?.actions ?? [];
      const todo = remainingActions(this.state, step);
      const exits =
        todo.length > 0
          ? this.run(
              todo.map((i) => actionLine(actions[i]!)),
              () => this.disposed,
            )
          : [];
      for (let k = 0; k < todo.length; k++) {
        const index = todo[k]!;
        this.set(beginAction(this.state, step, index));
        let end: LineEnd;
        try {
          end = await exits[k]!;
        } catch {
          end = { exitCode: 1 };
        }
        if (this.disposed) return;
        const { exitCode } = end;
        // The entry's time tells this run from a rerun of the same line on another branch.
        const entry = end.logIndex === undefined ? undefined : this.timeline?.get()?.log[end.logIndex];
        this.set(finishAction(this.state, step, index, exitCode, end.logIndex, entry?.t));
        this.followed = undefined;
        this.follow();
        if (exitCode === CANCELLED_EXIT) break;
      }
      const decision = afterStep(this.state, step);
      if (decision === 'stop') {
        if (this.state.auto) this.set({ ...this.state, auto: false });
        return;
      }
      // Auto-run moves on only if nobody moved away meanwhile.
      if (this.state.step !== step) return;
      this.set({ ...goTo(this.state, step + 1, false), auto: decision === 'next' });
      if (decision === 'end') return;
    }
  }

  /** The player is closed or replaced: in-flight runs stop; the console finishes what it has. */
  dispose(): void {
    this.disposed = true;
    this.unfollow();
    this.listeners.clear();
  }

  private set(next: PlayerState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
}
