import { formatClock, type SimEvent } from '../engine';
import { shown } from './parse';
import type { CommandTree } from './registry';
import { Session } from './session';

/** One command of a script as it ran. */
export interface ScriptCommand {
  readonly line: string;
  readonly lineNumber: number;
  readonly client: string;
  /** Simulated time when the command started, in ms. */
  readonly time: number;
  readonly output: string[];
  readonly exitCode: number;
}

export interface ScriptResult {
  readonly seed: number;
  readonly commands: ScriptCommand[];
  /** The transcript: `[HH:MM:SS] CLIENT$ COMMAND` then output, line by line. */
  readonly transcript: string[];
  readonly events: readonly SimEvent[];
  readonly failedExpectations: number;
  /** 0 when the script ran to the end, 1 when a `sim expect` checkpoint failed. */
  readonly exitCode: 0 | 1;
}

/** Scripts longer than this are refused; a console session is not a batch system. */
export const MAX_SCRIPT_LINES = 10_000;

/**
 * A script line as the transcript echoes it after the prompt: control characters (an ESC could
 * recolour the terminal, a carriage return overwrite the prompt) are shown as '?', as error lines
 * show them; the line is never cut. `ScriptCommand.line` keeps the line as written (JSON escapes it).
 */
export function echoedScriptLine(line: string): string {
  return shown(line, Number.POSITIVE_INFINITY);
}

/**
 * Runs a script of console commands, one per line (SPEC 9): `#` comments and blank lines are
 * skipped, ` &` runs a line in the background, `wait` waits for background jobs. Time advances
 * only by what commands take. Output of background jobs appears where it happens, prefixed `[N]`.
 */
export function runScript(text: string, options: { seed: number; tree: CommandTree }): ScriptResult {
  const session = new Session({ seed: options.seed, tree: options.tree });
  const transcript: string[] = [];
  const commands: ScriptCommand[] = [];
  let current: string[] | undefined;
  const sink = (line: string): void => {
    transcript.push(line);
    current?.push(line);
  };
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_SCRIPT_LINES) {
    transcript.push(`# the script has ${lines.length} lines; at most ${MAX_SCRIPT_LINES} are run`);
  }
  lines.slice(0, MAX_SCRIPT_LINES).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const output: string[] = [];
    const started = { line, lineNumber: index + 1, client: session.clientName, time: session.sim.now };
    transcript.push(`${session.prompt()}${echoedScriptLine(line)}`);
    current = output;
    const exitCode = session.runLine(line, sink);
    current = undefined;
    commands.push({ ...started, output, exitCode });
  });
  return {
    seed: options.seed,
    commands,
    transcript,
    events: session.sim.log.events,
    failedExpectations: session.failedExpectations,
    exitCode: session.failedExpectations > 0 ? 1 : 0,
  };
}

/** The JSON document `--json` prints: the same run as data. */
export function scriptJson(result: ScriptResult): string {
  return JSON.stringify({
    seed: result.seed,
    exitCode: result.exitCode,
    failedExpectations: result.failedExpectations,
    commands: result.commands.map((c) => ({ ...c, clock: formatClock(c.time) })),
    events: result.events,
  });
}
