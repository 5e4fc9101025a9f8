/**
 * Starting a scenario (a new session in an empty world with the scenario's seed), running its
 * lines through the console, loading the library and scenario files lazily, and exporting the
 * session as a scenario file. The scenario code (library, zod schema, export) is only fetched
 * when the picker opens, so it stays out of the initial bundle.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Scenario } from '../../scenarios/schema';
import type { EngineApi } from '../engine/api';
import { consoleFor } from '../panels/console-controller';
import { useUiStore, type CommandRequest } from '../store/ui-store';
import { PlayerController, type LineEnd, type TimelineSource } from './player-controller';
import { useScenarioStore } from './scenario-store';
import { downloadText } from '../session/download';
import { replaceSession } from '../session/replace-session';

export const loadLibrary = () => import('../../scenarios/library');
export const loadParser = () => import('../../scenarios/parse');
const loadExport = () => import('../../scenarios/export');

/** The session as a scenario needs it: its seed, its starting world and the lines it ran. */
export interface SessionRecord {
  readonly seed: number;
  readonly preset: 'demo' | 'empty';
  readonly lines: readonly string[];
}

/**
 * The current session: the engine's own log when it reports one (restored and rewound sessions
 * included), else what this page's console ran since the session began.
 */
export function sessionRecord(engine: EngineApi): SessionRecord {
  const view = engine.sessionView();
  if (view) {
    return {
      seed: view.seed,
      preset: view.preset,
      lines: view.log.flatMap((entry) => ('line' in entry ? [entry.line] : [])),
    };
  }
  const { origin } = useScenarioStore.getState();
  return { seed: origin.seed, preset: origin.preset, lines: consoleFor(engine).sessionLines() };
}

/** How many lines the session has run. */
export function sessionLineCount(engine: EngineApi): number {
  return sessionRecord(engine).lines.length;
}

/** Whether starting a scenario would throw away commands the presenter ran. */
export function sessionHasCommands(engine: EngineApi): boolean {
  return sessionLineCount(engine) > 0;
}

/**
 * Runs lines in the console as if typed, as one batch (typed lines wait until it is over); one
 * promise per line resolves with its exit code when it has finished.
 */
export function runInConsole(lines: readonly string[], skip: () => boolean): readonly Promise<LineEnd>[] {
  const requests: CommandRequest[] = [];
  const exits = lines.map(
    (line) =>
      new Promise<LineEnd>((resolve) =>
        requests.push({
          line,
          typed: true,
          skip,
          onDone: (exitCode, logIndex) => resolve({ exitCode, logIndex }),
        }),
      ),
  );
  useUiStore.getState().runCommands(requests);
  return exits;
}

/**
 * Replaces the session with the scenario's world and shows its player. Like the headless runner
 * it starts from an empty world with the scenario's seed; the clock is paused so that simulated
 * time moves only while commands run, as in the runner, until the presenter presses Play.
 */
export async function startScenario(
  engine: EngineApi,
  scenario: Scenario,
  queries: QueryClient,
): Promise<void> {
  await replaceSession(engine, queries, {
    banner: [
      `# Scenario "${scenario.title}": a new session from an empty world (seed ${scenario.seed}).`,
      '# The clock is paused: time moves while commands run. Use the player on the left to go step by step.',
    ],
    origin: { seed: scenario.seed, preset: 'empty', scenarioTitle: scenario.title },
    load: () => engine.newSession(scenario.seed, 'empty'),
    then: () => {
      engine.pause();
      useUiStore.getState().setPlaying(false);
    },
  });
  useScenarioStore.getState().setPlayer(new PlayerController(scenario, runInConsole, timelineOf(engine)));
}

/** The session's timeline as the player follows it: the log and the shown position, per frame. */
function timelineOf(engine: EngineApi): TimelineSource {
  return {
    get: () => engine.sessionView(),
    subscribe: (listener) => {
      const offSession = engine.onSession(listener);
      const offFrame = engine.onFrame(listener);
      return () => {
        offSession();
        offFrame();
      };
    },
  };
}

/** A file name a downloaded scenario can safely have. */
export function scenarioFileName(id: string): string {
  const safe = id.replace(/[^a-z0-9-]/gi, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'scenario'}.json`;
}

/**
 * The lines of the current session as a scenario file (SPEC 10 format), downloaded as
 * `<id>.json`. A session that began on the demo world starts with `sim preset demo`, since
 * scenarios start from an empty world, and pauses the presenter took become `sim advance` lines.
 * Returns the file name, and how many recorded commands a script cannot cut short as the session
 * did (they run to their end in the file, which says so).
 */
export async function exportSessionAsScenario(
  engine: EngineApi,
): Promise<{ readonly fileName: string; readonly cutShort: number }> {
  const { sessionToScenario, sessionScriptLines, EXPORT_NOTE } = await loadExport();
  const { origin } = useScenarioStore.getState();
  const record = sessionRecord(engine);
  const view = engine.sessionView();
  // With the engine's timed log, idle time between commands becomes `sim advance` lines.
  const lines = view
    ? sessionScriptLines(view)
    : record.preset === 'demo'
      ? ['sim preset demo', ...record.lines]
      : [...record.lines];
  const title = origin.scenarioTitle ? `${origin.scenarioTitle} (recorded)` : 'Recorded session';
  const scenario = sessionToScenario({ seed: record.seed, lines, title });
  const fileName = scenarioFileName(scenario.id);
  downloadText(fileName, `${JSON.stringify(scenario, null, 2)}\n`);
  const note = EXPORT_NOTE.trim();
  return { fileName, cutShort: lines.filter((l) => l.trim().startsWith(note)).length };
}
