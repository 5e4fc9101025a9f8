/**
 * The guided player's rules as pure functions over an immutable state: which step is shown,
 * which action runs next, how an exit code becomes a result, and whether auto-run goes on after
 * a step. The controller (player-controller.ts) wires these to the console; nothing here talks to
 * the engine, the DOM or React.
 */
import type { Action, Scenario } from '../../scenarios/schema';

/** Ctrl+C (or a new session) ended the command: the same code the console session uses. */
export const CANCELLED_EXIT = 130;

export type ActionStatus =
  /** Not run yet. */
  | 'pending'
  /** Typed into the console, not finished. */
  | 'running'
  /** A command that finished (any exit code: failing commands are often the point). */
  | 'done'
  /** A checkpoint that held. */
  | 'passed'
  /** A checkpoint that did not hold. */
  | 'failed'
  /** Stopped with Ctrl+C before it finished; runs again with the rest of the step. */
  | 'cancelled';

export interface ActionResult {
  readonly status: ActionStatus;
  readonly exitCode?: number;
  /** Where the action's line sits in the session log, once it has run. */
  readonly logIndex?: number;
  /** The simulated time of that log entry: with the index, it tells this run from a rerun on another branch. */
  readonly t?: number;
}

/** The part of the session's timeline the player follows (see `followTimeline`). */
export interface TimelineView {
  /** The session log: every line run, in order. */
  readonly log: readonly (
    { readonly t: number; readonly line: string } | { readonly t: number; readonly cancel: number }
  )[];
  /** How many log entries the world shown has applied (less than the log's length after a rewind). */
  readonly cursor: number;
}

export interface PlayerState {
  readonly scenario: Scenario;
  /** The step shown; `scenario.steps.length` shows the ending ("try this"). */
  readonly step: number;
  /** One result per action of every step, as it holds at the time the timeline shows. */
  readonly results: readonly (readonly ActionResult[])[];
  /**
   * One result per action as it came out the last time it ran (or is running, or was cancelled).
   * After a rewind, an action whose line the shown world has not reached is pending in `results`
   * but keeps its result here.
   */
  readonly ran: readonly (readonly ActionResult[])[];
  /**
   * Every logged result, oldest first: when the timeline shown reaches a line again (playing on,
   * or switching back to a branch where it ran), that run's own result comes back.
   */
  readonly history: readonly {
    readonly step: number;
    readonly action: number;
    readonly result: ActionResult;
  }[];
  /**
   * Per step, how many of its actions ran on the timeline shown but lie ahead of the position
   * shown (the presenter rewound): playing on replays them.
   */
  readonly ahead: readonly number[];
  /** The action in flight, if any. */
  readonly running: { readonly step: number; readonly action: number } | undefined;
  /** Auto-run: after a step, go on with the next until a pause point. */
  readonly auto: boolean;
}

const PENDING: ActionResult = { status: 'pending' };

export function createPlayer(scenario: Scenario): PlayerState {
  const results = scenario.steps.map((s) => s.actions.map(() => PENDING));
  return {
    scenario,
    step: 0,
    results,
    ran: results,
    history: [],
    ahead: scenario.steps.map(() => 0),
    running: undefined,
    auto: false,
  };
}

/** The console line an action runs: the command, or `sim expect …` for a checkpoint. */
export function actionLine(action: Action): string {
  return 'run' in action ? action.run : `sim expect ${action.expect}`;
}

export function isCheckpoint(action: Action): action is Extract<Action, { expect: string }> {
  return 'expect' in action;
}

/** Whether the ending ("try this") is shown rather than a step. */
export function atEnding(state: PlayerState): boolean {
  return state.step >= state.scenario.steps.length;
}

/** Shows another step (clamped to the steps and the ending). Moving by hand stops auto-run. */
export function goTo(state: PlayerState, step: number, byHand = true): PlayerState {
  const clamped = Math.max(0, Math.min(state.scenario.steps.length, Math.floor(step)));
  if (clamped === state.step && !(byHand && state.auto)) return state;
  return { ...state, step: clamped, auto: byHand ? false : state.auto };
}

/** The next action of a step to run: the first not run yet (or cancelled); -1 when none. */
export function nextAction(state: PlayerState, step: number): number {
  const results = state.results[step];
  if (!results) return -1;
  return results.findIndex((r) => r.status === 'pending' || r.status === 'cancelled');
}

/** The actions of a step still to run (not run yet, or cancelled), in order. */
export function remainingActions(state: PlayerState, step: number): number[] {
  const todo: number[] = [];
  state.results[step]?.forEach((r, i) => {
    if (r.status === 'pending' || r.status === 'cancelled') todo.push(i);
  });
  return todo;
}

/** How far a step got: nothing run, some actions run, or all of them. */
export function stepProgress(state: PlayerState, step: number): 'not-run' | 'partial' | 'ran' {
  const results = state.results[step] ?? [];
  const finished = results.filter(
    (r) => r.status !== 'pending' && r.status !== 'cancelled' && r.status !== 'running',
  ).length;
  if (results.length === 0) return 'ran'; // nothing to run: reading it is the step
  if (finished === results.length) return 'ran';
  return finished === 0 && !results.some((r) => r.status === 'running') ? 'not-run' : 'partial';
}

/** Whether "Run step" can run something on the shown step now. */
export function canRunStep(state: PlayerState): boolean {
  return !atEnding(state) && state.running === undefined && nextAction(state, state.step) >= 0;
}

function withResult(state: PlayerState, step: number, action: number, result: ActionResult): PlayerState {
  const put = (all: PlayerState['results']) =>
    all.map((r, i) => (i === step ? r.map((a, j) => (j === action ? result : a)) : r));
  return { ...state, results: put(state.results), ran: put(state.ran) };
}

/** An action was handed to the console. */
export function beginAction(state: PlayerState, step: number, action: number): PlayerState {
  return { ...withResult(state, step, action, { status: 'running' }), running: { step, action } };
}

/** What an exit code means for an action. */
export function resultFor(action: Action, exitCode: number, logIndex?: number, t?: number): ActionResult {
  if (exitCode === CANCELLED_EXIT) return { status: 'cancelled', exitCode };
  const status = isCheckpoint(action) ? (exitCode === 0 ? 'passed' : 'failed') : 'done';
  if (logIndex === undefined) return { status, exitCode };
  return t === undefined ? { status, exitCode, logIndex } : { status, exitCode, logIndex, t };
}

/** An action finished with an exit code (and, when its line was logged, the log index). */
export function finishAction(
  state: PlayerState,
  step: number,
  action: number,
  exitCode: number,
  logIndex?: number,
  t?: number,
): PlayerState {
  const spec = state.scenario.steps[step]?.actions[action];
  if (!spec) return state;
  const result = resultFor(spec, exitCode, logIndex, t);
  const next = withResult(state, step, action, result);
  const history = result.logIndex === undefined ? next.history : [...next.history, { step, action, result }];
  return { ...next, history, running: undefined };
}

/**
 * The results as they hold on the timeline shown: an action shows the result of its latest run
 * whose line the shown world has reached (same place in the log, same line, same time), so
 * rewinding makes later actions pending again, playing on or switching back to a branch brings
 * each run's own result back, and a rerun on a new branch never lends its result to the old
 * one. An action running or cancelled now shows that. Returns the same state when nothing changed.
 */
export function followTimeline(state: PlayerState, timeline: TimelineView): PlayerState {
  let changed = false;
  const results = state.ran.map((ran, step) => {
    const shown = state.results[step]!;
    let stepChanged = false;
    const next = ran.map((r, i) => {
      const result = shownResult(state, timeline, step, i, r);
      if (result !== shown[i]) stepChanged = true;
      return result;
    });
    if (!stepChanged) return shown;
    changed = true;
    return next;
  });
  const ahead = state.scenario.steps.map(
    (s, step) =>
      s.actions.filter(
        (a, i) =>
          results[step]![i]!.status === 'pending' &&
          state.history.some(
            (p) => p.step === step && p.action === i && inLog(timeline, p.result, a) === 'ahead',
          ),
      ).length,
  );
  const aheadChanged = ahead.some((n, i) => n !== state.ahead[i]);
  if (!changed && !aheadChanged) return state;
  return { ...state, results: changed ? results : state.results, ahead: aheadChanged ? ahead : state.ahead };
}

function shownResult(
  state: PlayerState,
  timeline: TimelineView,
  step: number,
  action: number,
  latest: ActionResult,
): ActionResult {
  if (latest.status === 'running' || latest.logIndex === undefined) return latest;
  const spec = state.scenario.steps[step]!.actions[action]!;
  for (let h = state.history.length - 1; h >= 0; h--) {
    const past = state.history[h]!;
    if (past.step === step && past.action === action && inLog(timeline, past.result, spec) === 'reached')
      return past.result;
  }
  return PENDING;
}

/** Where a logged result's line is on the timeline shown: reached, ahead (after a rewind), or gone. */
function inLog(timeline: TimelineView, result: ActionResult, action: Action): 'reached' | 'ahead' | 'gone' {
  const index = result.logIndex;
  const entry = index === undefined ? undefined : timeline.log[index];
  if (index === undefined || entry === undefined || !('line' in entry) || entry.line !== actionLine(action))
    return 'gone';
  if (result.t !== undefined && entry.t !== result.t) return 'gone';
  return index < timeline.cursor ? 'reached' : 'ahead';
}

/** Actions of a step that ran on the timeline shown but lie ahead of the position shown. */
export function rewoundActions(state: PlayerState, step: number): number {
  return state.ahead[step] ?? 0;
}

/** Checkpoint tallies of a step. */
export function checkpointCounts(
  state: PlayerState,
  step: number,
): { total: number; passed: number; failed: number } {
  const actions = state.scenario.steps[step]?.actions ?? [];
  let total = 0;
  let passed = 0;
  let failed = 0;
  actions.forEach((a, i) => {
    if (!isCheckpoint(a)) return;
    total++;
    const s = state.results[step]?.[i]?.status;
    if (s === 'passed') passed++;
    else if (s === 'failed') failed++;
  });
  return { total, passed, failed };
}

/** Checkpoint tallies of the whole scenario (the ending shows them). */
export function scenarioCounts(state: PlayerState): { total: number; passed: number; failed: number } {
  return state.scenario.steps.reduce(
    (sum, _, i) => {
      const c = checkpointCounts(state, i);
      return { total: sum.total + c.total, passed: sum.passed + c.passed, failed: sum.failed + c.failed };
    },
    { total: 0, passed: 0, failed: 0 },
  );
}

/**
 * What auto-run does once `step` has stopped running:
 * - `stop`: stay on the step (auto-run is off, a command was cancelled, a checkpoint failed, or
 *   the step is a pause point where the presenter talks);
 * - `next`: show the next step and run it;
 * - `end`: the last step ran, show the ending.
 */
export function afterStep(state: PlayerState, step: number): 'stop' | 'next' | 'end' {
  if (!state.auto) return 'stop';
  const results = state.results[step] ?? [];
  if (results.some((r) => r.status === 'cancelled' || r.status === 'pending' || r.status === 'running'))
    return 'stop';
  if (checkpointCounts(state, step).failed > 0) return 'stop';
  if (state.scenario.steps[step]?.pause) return 'stop';
  return step + 1 >= state.scenario.steps.length ? 'end' : 'next';
}

/**
 * Turning auto-run on: where it starts. The shown step if it still has actions to run, else the
 * next one; `undefined` at the ending (nothing left to play).
 */
export function autoStartStep(state: PlayerState): number | undefined {
  if (atEnding(state)) return undefined;
  if (nextAction(state, state.step) >= 0) return state.step;
  return state.step + 1 < state.scenario.steps.length ? state.step + 1 : undefined;
}

/** Steps before the shown one that have not (fully) run: the world may not be what the text assumes. */
export function skippedBefore(state: PlayerState): number[] {
  const skipped: number[] = [];
  for (let i = 0; i < Math.min(state.step, state.scenario.steps.length); i++)
    if (nextAction(state, i) >= 0) skipped.push(i + 1);
  return skipped;
}

/** The regions to ring on the map for what is shown (none at the ending). */
export function highlightFor(state: PlayerState): readonly string[] {
  return state.scenario.steps[state.step]?.regions ?? [];
}
