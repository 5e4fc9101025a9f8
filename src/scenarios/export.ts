import { findRegion, formatDuration } from '../engine';
import { createCommandTree, Session, type CommandTree } from '../commands';
import { SCENARIO_FORMAT, Scenario, type Action, type Step } from './schema';

export interface RecordedSession {
  /** The seed the session's world started from. */
  readonly seed: number;
  /** The console lines in the order they were run (comments and blank lines are dropped). */
  readonly lines: readonly string[];
  readonly title?: string;
}

const MAX_STEPS = 100;
const MAX_ACTIONS = 100;
const MAX_LINE = 2_000;
const MAX_EXPECT = 500;

/** Lines that only set the stage for the command after them (who acts, with which credentials). */
const SETUP =
  /^(sim\s+client\s+(use|add)|sim\s+identity\s+use|az\s+acr\s+login|docker\s+login|kubectl\s+config\s+use-context)\b/;
const EXPECT = /^sim\s+expect(?:\s+(.*))?$/;

/** Region names a command mentions (locations, outages, regional hosts), for the map highlight. */
function regionsOf(line: string): string[] {
  const found = new Set<string>();
  const candidates = [
    ...line.matchAll(/(?:^|\s)(?:-l|--location|--endpoint|-n|--name)[\s=]+([a-z0-9]{2,40})\b/g),
    ...line.matchAll(/^sim\s+(?:outage|inspect)\s+([a-z0-9]{2,40})\b/g),
    ...line.matchAll(/\.([a-z0-9]{2,40})\.(?:geo|data)\.azurecr\.io/g),
  ];
  for (const m of candidates) if (findRegion(m[1]!)) found.add(m[1]!);
  return [...found];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return s.length >= 2 ? s : 'recorded-session';
}

/**
 * Turns a console session into a scenario an author can then edit (the dashboard's "Export
 * session as scenario"). Each step is one command, together with the stage-setting commands
 * just before it (client switches, logins) and the `sim expect` checkpoints just after it. The
 * narrative is a plain description of the step for the author to replace. The result always
 * validates against the schema; lines it cannot hold (multi-line, over-long) are left out.
 */
export function sessionToScenario(session: RecordedSession): Scenario {
  const groups: Action[][] = [];
  let pending: Action[] = [];
  let mainSeen = false;
  const skipped: string[] = [];
  for (const raw of session.lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/[\r\n]/.test(line) || line.length > MAX_LINE) {
      skipped.push(line);
      continue;
    }
    const e = EXPECT.exec(line);
    if (e) {
      const wanted = (e[1] ?? '').trim();
      // A checkpoint needs a command before it and something to look for.
      if (wanted === '' || wanted.length > MAX_EXPECT || pending.length === 0) {
        skipped.push(line);
        continue;
      }
      const verb = /^\/.*\/[a-z]*$/s.test(wanted) ? 'matches' : 'contains';
      pending.push({ expect: wanted, says: clip(`Checkpoint: the output ${verb} ${wanted}`, 300) });
      continue;
    }
    if (mainSeen) {
      groups.push(pending);
      pending = [];
      mainSeen = false;
    }
    pending.push({ run: line });
    if (!SETUP.test(line)) mainSeen = true;
  }
  if (pending.length > 0) groups.push(pending);

  // Keep within the format's limits: at most 100 steps (merging neighbours when there are more)
  // of at most 100 actions each.
  const per = Math.ceil(groups.length / MAX_STEPS);
  const merged: Action[][] = [];
  for (let i = 0; i < groups.length; i += per) merged.push(groups.slice(i, i + per).flat());
  const kept = merged.map((g) => g.slice(0, MAX_ACTIONS));
  const dropped = merged.reduce((n, g) => n + Math.max(0, g.length - MAX_ACTIONS), 0);

  const steps: Step[] = kept.map((actions, i) => {
    const commands = actions.flatMap((a) => ('run' in a ? [a.run] : []));
    const main = commands.at(-1) ?? 'a command';
    const regions = [...new Set(commands.flatMap(regionsOf))].slice(0, 20);
    return {
      title: clip(`Step ${i + 1}: ${main}`, 120),
      narrative: clip(
        `Recorded step ${i + 1}: runs "${main}". Replace this text with what the audience should watch for and why it happens.`,
        4_000,
      ),
      actions,
      regions,
      pause: false,
    };
  });
  if (steps.length === 0) {
    steps.push({
      title: 'An empty session',
      narrative: 'Recorded step 1: the session ran no commands. Add the commands of your story here.',
      actions: [],
      regions: [],
      pause: false,
    });
  }

  const title = clip((session.title ?? '').trim() || 'Recorded session', 120);
  const tryThis = [
    'This scenario was exported from a console session: edit the titles, narrative, checkpoints and this list before sharing it.',
  ];
  if (skipped.length > 0 || dropped > 0) {
    tryThis.push(
      `${skipped.length + dropped} recorded line(s) did not fit the scenario format and were left out; add them back by hand if they matter.`,
    );
  }
  return Scenario.parse({
    format: SCENARIO_FORMAT,
    id: slug(title),
    title,
    teaches: `A recorded session ${commandsText(commandsCount(steps))}. Replace this with what a trainee should understand afterwards.`,
    seed: session.seed,
    steps,
    tryThis,
  });
}

/** `with no commands`, `of 1 command`, `of 12 commands`. */
function commandsText(n: number): string {
  return n === 0 ? 'with no commands' : `of ${n} command${n === 1 ? '' : 's'}`;
}

function commandsCount(steps: readonly Step[]): number {
  return steps.reduce((n, s) => n + s.actions.filter((a) => 'run' in a).length, 0);
}

/** A session's timed log, as the dashboard keeps it (see src/session). */
export interface TimedSession {
  readonly seed: number;
  readonly preset: 'demo' | 'empty';
  readonly log: ReadonlyArray<
    { readonly t: number; readonly line: string } | { readonly t: number; readonly cancel: number }
  >;
}

/**
 * The session's commands as script lines that reproduce its pacing in the headless runner: the
 * log is replayed the way the runner runs a script (each foreground command to its end), and
 * wherever the presenter let time pass before the next command, a `sim advance` is inserted.
 * A session on the demo world starts with `sim preset demo`. Ctrl+C cannot be scripted: a
 * cancelled command runs to its end in the script (the author may want to edit it).
 */
export function sessionScriptLines(session: TimedSession, tree: CommandTree = createCommandTree()): string[] {
  const replay = new Session({ seed: session.seed, tree });
  const lines: string[] = [];
  const run = (line: string): void => {
    lines.push(line);
    replay.runLine(line, () => undefined);
  };
  if (session.preset === 'demo') run('sim preset demo');
  for (const entry of session.log) {
    if (!('line' in entry) || entry.line.trim() === '' || entry.line.trim().startsWith('#')) continue;
    const idle = Math.floor((entry.t - replay.sim.now) / 1000) * 1000;
    if (idle >= 1000) run(`sim advance ${formatDuration(idle)}`);
    run(entry.line);
  }
  return lines;
}
