import { useEffect, useId, useRef, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import type { Action } from '../../scenarios/schema';
import { useEngine } from '../engine/context';
import { useUiStore } from '../store/ui-store';
import type { PlayerController } from './player-controller';
import {
  actionLine,
  atEnding,
  canRunStep,
  checkpointCounts,
  highlightFor,
  isCheckpoint,
  nextAction,
  rewoundActions,
  scenarioCounts,
  skippedBefore,
  stepProgress,
  type ActionResult,
  type PlayerState,
} from './player-logic';
import { useScenarioStore } from './scenario-store';
import './scenarios.css';

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Text with `code` spans, as React nodes (never markup built from strings). */
export function inlineCode(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

function Narrative({ text }: { text: string }) {
  return (
    <div className="player__narrative">
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p, i) => (
          <p key={i}>{inlineCode(p.trim())}</p>
        ))}
    </div>
  );
}

const STATUS_ICON: Record<ActionResult['status'], string> = {
  pending: '○',
  running: '◌',
  done: '✓',
  passed: '✓',
  failed: '✗',
  cancelled: '⨯',
};

function statusWords(action: Action, result: ActionResult): string {
  switch (result.status) {
    case 'pending':
      return 'not run yet';
    case 'running':
      return 'running';
    case 'cancelled':
      return 'cancelled';
    case 'passed':
      return 'checkpoint held';
    case 'failed':
      return 'checkpoint did not hold';
    case 'done':
      return isCheckpoint(action) ? 'done' : `finished, exit code ${result.exitCode ?? 0}`;
  }
}

function ActionRow({ action, result }: { action: Action; result: ActionResult }) {
  const row = useRef<HTMLLIElement>(null);
  const checkpoint = isCheckpoint(action);
  const running = result.status === 'running';
  // The command being typed stays in view while a step runs.
  useEffect(() => {
    if (running)
      row.current?.scrollIntoView({ block: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }, [running]);
  const failedCommand = !checkpoint && result.status === 'done' && (result.exitCode ?? 0) !== 0;
  return (
    <li
      ref={row}
      className={`player-action player-action--${checkpoint ? 'check' : 'run'} is-${result.status}`}
      data-status={result.status}
    >
      <span className="player-action__icon" role="img" aria-label={statusWords(action, result)}>
        {result.status === 'running' ? <span className="player-spinner" /> : STATUS_ICON[result.status]}
      </span>
      {checkpoint ? (
        <span className="player-action__body">
          <span className="player-action__says">
            {result.status === 'failed' ? 'Did not hold: ' : ''}
            {action.says}
          </span>
          <code className="player-action__expect">{actionLine(action)}</code>
        </span>
      ) : (
        <span className="player-action__body">
          <code className="player-action__line">{action.run}</code>
          {failedCommand && <span className="player-action__exit">exit {result.exitCode}</span>}
        </span>
      )}
    </li>
  );
}

/** The guided player, docked beside the map while a scenario is open. */
export function ScenarioPlayerDock() {
  const player = useScenarioStore((s) => s.player);
  if (!player) return null;
  return <ScenarioPlayer key={player.id} player={player} />;
}

function ScenarioPlayer({ player }: { player: PlayerController }) {
  const state = useSyncExternalStore(player.subscribe, player.getSnapshot);
  const engine = useEngine();
  const playing = useUiStore((s) => s.playing);
  const titleId = useId();
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const { scenario } = state;
  const ending = atEnding(state);
  const step = scenario.steps[state.step];
  const regionsKey = highlightFor(state).join(' ');

  // The step's regions are ringed on the map while it is shown.
  useEffect(() => {
    useUiStore.getState().setHighlightedRegions(regionsKey ? regionsKey.split(' ') : []);
  }, [regionsKey]);
  useEffect(() => () => useUiStore.getState().setHighlightedRegions([]), []);

  // A new step starts at the top of its text. Focus stays on the button pressed (Next, Back,
  // Run step stay focusable when they cannot act); only the ending takes focus to its heading.
  const shown = state.step;
  const scroll = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (scroll.current) scroll.current.scrollTop = 0;
    if (ending) stepHeading.current?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the shown step changes
  }, [shown]);

  const displayName = (region: string): string =>
    engine.regions.find((r) => r.name === region)?.displayName ?? region;
  const close = (): void => useScenarioStore.getState().setPlayer(undefined);
  const total = scenario.steps.length;

  return (
    <aside className="scenario-player" aria-labelledby={titleId} data-step={ending ? 'end' : state.step + 1}>
      <header className="player__header">
        <div className="player__kicker">Scenario</div>
        <h2 id={titleId} className="player__title">
          {scenario.title}
        </h2>
        <button type="button" className="modal__close" aria-label="Close the scenario player" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </header>

      <nav className="player__progress" aria-label="Steps">
        <ol>
          {scenario.steps.map((s, i) => {
            const progress = stepProgress(state, i);
            const counts = checkpointCounts(state, i);
            return (
              <li key={i}>
                <button
                  type="button"
                  className={`player__dot is-${progress}${counts.failed > 0 ? ' has-failed' : ''}`}
                  aria-current={i === state.step ? 'step' : undefined}
                  aria-label={`Step ${i + 1}: ${s.title} (${progress === 'ran' ? 'ran' : progress === 'partial' ? 'partly run' : 'not run'})`}
                  title={`${i + 1}. ${s.title}`}
                  onClick={() => player.show(i)}
                />
              </li>
            );
          })}
          <li>
            <button
              type="button"
              className="player__dot player__dot--end"
              aria-current={ending ? 'step' : undefined}
              aria-label="The end: try this"
              title="Try this"
              onClick={() => player.show(total)}
            />
          </li>
        </ol>
        <span className="player__count" aria-hidden="true">
          {ending ? 'The end' : `Step ${state.step + 1} of ${total}`}
        </span>
      </nav>

      <p className="visually-hidden" aria-live="polite">
        {ending ? 'The end: try this.' : `Step ${state.step + 1} of ${total}: ${step?.title ?? ''}`}
      </p>
      {/* Focusable so keyboard users can scroll a long step. */}
      <div
        className="player__scroll"
        ref={scroll}
        role="region"
        aria-label={ending ? 'Try this' : 'Step text'}
        tabIndex={0}
      >
        {step && !ending ? (
          <StepView state={state} headingRef={stepHeading} displayName={displayName} />
        ) : (
          <Ending state={state} headingRef={stepHeading} />
        )}
      </div>

      <footer className="player__controls">
        <div className="player__buttons">
          <button
            type="button"
            className="btn"
            aria-disabled={state.step === 0}
            onClick={() => state.step > 0 && player.back()}
            aria-label="Back"
          >
            ‹ Back
          </button>
          {!ending && (
            <button
              type="button"
              className="btn btn--primary player__run"
              aria-disabled={!canRunStep(state)}
              onClick={() => canRunStep(state) && void player.runStep()}
            >
              {state.running?.step === state.step
                ? 'Running…'
                : nextAction(state, state.step) < 0
                  ? 'Step ran'
                  : stepProgress(state, state.step) === 'partial'
                    ? 'Run the rest'
                    : 'Run step'}
            </button>
          )}
          <button
            type="button"
            className="btn"
            aria-disabled={ending}
            onClick={() => !ending && player.next()}
            aria-label={state.step + 1 === total ? 'Finish' : 'Next'}
          >
            {state.step + 1 === total ? 'Finish ›' : 'Next ›'}
          </button>
        </div>
        {!ending && (
          <div className="player__auto">
            <label className="field field--check">
              <input
                type="checkbox"
                role="switch"
                checked={state.auto}
                aria-describedby={`${titleId}-auto`}
                onChange={(e) => player.setAuto(e.target.checked)}
              />
              Auto-run
            </label>
            <span id={`${titleId}-auto`} className="player__auto-hint">
              stops at pause points and failed checks
            </span>
          </div>
        )}
        {!playing && !ending && (
          <p className="player__clock-hint">Clock paused: time moves while commands run.</p>
        )}
      </footer>
    </aside>
  );
}

function StepView({
  state,
  headingRef,
  displayName,
}: {
  state: PlayerState;
  headingRef: RefObject<HTMLHeadingElement | null>;
  displayName: (region: string) => string;
}) {
  const step = state.scenario.steps[state.step]!;
  const results = state.results[state.step] ?? [];
  const progress = stepProgress(state, state.step);
  const skipped = skippedBefore(state);
  const counts = checkpointCounts(state, state.step);
  const rewound = rewoundActions(state, state.step);
  return (
    <section className="player__step" aria-live="off">
      <h3 ref={headingRef} tabIndex={-1} className="player__step-title">
        {step.title}
        {step.pause && (
          <span className="player__pause" title="Auto-run stops after this step">
            ❚❚ pause point
          </span>
        )}
      </h3>
      <Narrative text={step.narrative} />
      {step.regions.length > 0 && (
        <p className="player__regions">
          <span className="player__regions-label">On the map:</span>{' '}
          {step.regions.map((r) => (
            <span key={r} className="player__region" data-region={r}>
              {displayName(r)}
            </span>
          ))}
        </p>
      )}
      {step.actions.length > 0 && (
        <>
          <h4 className="player__subhead">
            <span>Commands{counts.total > 0 ? ' and checkpoints' : ''}</span>
            {counts.total > 0 && progress !== 'not-run' && (
              <span className="player__tally">
                {/* Read as "Commands and checkpoints, 1/2 held" rather than run together. */}
                <span className="visually-hidden">, </span>
                {counts.passed}/{counts.total} held
              </span>
            )}
          </h4>
          <ol className="player__actions" aria-label="Commands and checkpoints">
            {step.actions.map((a, i) => (
              <ActionRow key={i} action={a} result={results[i] ?? { status: 'pending' }} />
            ))}
          </ol>
        </>
      )}
      {progress === 'ran' && step.actions.length > 0 && (
        <p className="player__note">
          This step has run. Back shows the text again; use the timeline to rewind.
        </p>
      )}
      {rewound > 0 && (
        <p className="player__note" data-testid="player-rewound">
          The timeline is back before{' '}
          {rewound === 1 ? 'one of this step’s lines' : `${rewound} of this step’s lines`}. Play replays{' '}
          {rewound === 1 ? 'it' : 'them'} as recorded; Run step runs {rewound === 1 ? 'it' : 'them'} again and
          keeps the recorded future as a branch.
        </p>
      )}
      {progress === 'not-run' && skipped.length > 0 && rewound === 0 && (
        <p className="player__note player__note--warn">
          {skipped.length === 1 ? `Step ${skipped[0]} has` : `Steps ${skipped.join(', ')} have`} not run: the
          world may not be what this step expects.
        </p>
      )}
      <p className="visually-hidden" role="status">
        {lastOutcome(state)}
      </p>
    </section>
  );
}

/** One sentence on the latest finished checkpoint of the shown step, for screen readers. */
function lastOutcome(state: PlayerState): string {
  const step = state.scenario.steps[state.step];
  const results = state.results[state.step] ?? [];
  for (let i = results.length - 1; i >= 0; i--) {
    const a = step?.actions[i];
    const r = results[i]!;
    if (a && isCheckpoint(a) && (r.status === 'passed' || r.status === 'failed'))
      return `${r.status === 'passed' ? 'Checkpoint held' : 'Checkpoint did not hold'}: ${a.says}`;
  }
  return '';
}

/**
 * How the ending's checkpoint summary looks: `held` (green) only when every checkpoint ran and
 * held, `failed` (red) when any did not hold, `incomplete` (neutral) when some have not run.
 */
export function summaryTone(counts: {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
}): 'held' | 'failed' | 'incomplete' {
  if (counts.failed > 0) return 'failed';
  return counts.passed >= counts.total ? 'held' : 'incomplete';
}

const SUMMARY_CLASS = { held: 'is-held', failed: 'has-failed', incomplete: 'is-incomplete' } as const;

function Ending({
  state,
  headingRef,
}: {
  state: PlayerState;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const counts = scenarioCounts(state);
  return (
    <section className="player__step player__ending">
      <h3 ref={headingRef} tabIndex={-1} className="player__step-title">
        Try this
      </h3>
      {counts.total > 0 && (
        <p className={`player__summary ${SUMMARY_CLASS[summaryTone(counts)]}`}>
          {counts.passed} of {counts.total} checkpoint{counts.total === 1 ? '' : 's'} held
          {counts.failed > 0 ? `, ${counts.failed} did not` : ''}
          {counts.passed + counts.failed < counts.total ? ' (some steps have not run)' : ''}.
        </p>
      )}
      <p className="player__teaches">{inlineCode(state.scenario.teaches)}</p>
      <ul className="player__try" aria-label="Try this">
        {state.scenario.tryThis.map((t, i) => (
          <li key={i}>{inlineCode(t)}</li>
        ))}
      </ul>
      <p className="player__note">The world stays as the scenario left it: keep exploring in the console.</p>
      <div className="modal__actions">
        <button type="button" className="btn" onClick={() => useScenarioStore.getState().openPicker()}>
          Choose another scenario
        </button>
      </div>
    </section>
  );
}
