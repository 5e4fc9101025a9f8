import { findRegion, formatClock, formatDuration, parseDuration } from '../engine';
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

/** The longest id the format allows (see `Scenario.id` in schema.ts). */
const MAX_ID = 63;
/** The word the dashboard's export ends a title with ("… (recorded)"), kept when an id is cut. */
const RECORDED = 'recorded';

/** Cuts a dashed slug to at most `max` characters at a dash, so no word is cut in half. */
function cutAtWord(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max + 1);
  const dash = cut.lastIndexOf('-');
  // A single word longer than the limit has no dash to cut at: cut it where it is.
  return (dash > 0 ? cut.slice(0, dash) : s.slice(0, max)).replace(/-+$/, '');
}

/**
 * A scenario id from a title: lower-case words joined by dashes, at most {@link MAX_ID}
 * characters, cut between words. A title ending in "(recorded)" keeps `-recorded` at the end
 * of the id and drops words before it instead.
 */
export function slug(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let s = cutAtWord(words, MAX_ID);
  if (s !== words && words.endsWith(`-${RECORDED}`)) {
    const head = cutAtWord(words.slice(0, -RECORDED.length - 1), MAX_ID - RECORDED.length - 1);
    s = head ? `${head}-${RECORDED}` : RECORDED;
  }
  return s.length >= 2 ? s : 'recorded-session';
}

/**
 * Comment lines starting with this, in the lines given to {@link sessionToScenario}, are notes
 * about the command after them (from {@link sessionScriptLines}): they go into that step's
 * narrative and raise a warning in the "try this" list, instead of being dropped like comments.
 */
export const EXPORT_NOTE = '# export note: ';

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
  /** Notes for the step of the next command, by the index its group will have. */
  const notes = new Map<number, string[]>();
  let noteCount = 0;
  for (const raw of session.lines) {
    const line = raw.trim();
    if (line.startsWith(EXPORT_NOTE.trim()) && line.length > EXPORT_NOTE.trim().length) {
      // The note belongs to the command after it, which starts a new group when a main command
      // is already pending.
      const at = groups.length + (mainSeen ? 1 : 0);
      const text = line.slice(EXPORT_NOTE.trim().length).trim();
      notes.set(at, [...(notes.get(at) ?? []), text]);
      noteCount++;
      continue;
    }
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
  const mergedNotes: string[][] = [];
  for (let i = 0; i < groups.length; i += per) {
    merged.push(groups.slice(i, i + per).flat());
    const here: string[] = [];
    for (let g = i; g < i + per; g++) here.push(...(notes.get(g) ?? []));
    mergedNotes.push(here);
  }
  const kept = merged.map((g) => g.slice(0, MAX_ACTIONS));
  const dropped = merged.reduce((n, g) => n + Math.max(0, g.length - MAX_ACTIONS), 0);

  const steps: Step[] = kept.map((actions, i) => {
    const commands = actions.flatMap((a) => ('run' in a ? [a.run] : []));
    const main = commands.at(-1) ?? 'a command';
    const regions = [...new Set(commands.flatMap(regionsOf))].slice(0, 20);
    return {
      title: clip(`Step ${i + 1}: ${main}`, 120),
      narrative: clip(
        [
          `Recorded step ${i + 1}: runs "${main}".`,
          ...mergedNotes[i]!.map((n) => `Note from the export: ${n}`),
          'Replace this text with what the audience should watch for and why it happens.',
        ].join(' '),
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
  if (noteCount > 0) {
    tryThis.push(
      `${noteCount} recorded command(s) were cut short in the session (by Ctrl+C, or by a rewind and a new command), which a script cannot do: they run to their end here, so the world may differ from the session's from there on. See the step narratives.`,
    );
  }
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

/** `sim advance DURATION` (foreground), with its duration in milliseconds. */
function advanceOf(line: string): number | undefined {
  const m = /^sim\s+advance\s+(\S+)$/.exec(line.trim());
  if (!m) return undefined;
  const d = parseDuration(m[1]!);
  return d.ok ? d.value : undefined;
}

/**
 * The session's commands as script lines that reproduce its world in the headless runner: the
 * log is replayed the way the runner runs a script (each foreground command to its end), and
 * wherever the presenter let time pass before the next command, a `sim advance` is inserted.
 * A session on the demo world starts with `sim preset demo`.
 *
 * The next entry of the log may come before a foreground command would have finished: the
 * presenter pressed Ctrl+C, or rewound into the middle of the command and typed another one (a
 * fork). A cut `sim advance D` becomes `sim advance` of the time that actually passed, which is
 * exactly what happened. Any other command cannot be cut short in a script: it runs to its end,
 * and a note ({@link EXPORT_NOTE}) before it says so, for the exported scenario to show.
 */
export function sessionScriptLines(session: TimedSession, tree: CommandTree = createCommandTree()): string[] {
  const replay = new Session({ seed: session.seed, tree });
  const lines: string[] = [];
  const run = (line: string): void => {
    lines.push(line);
    replay.runLine(line, () => undefined);
  };
  if (session.preset === 'demo') run('sim preset demo');
  session.log.forEach((entry, i) => {
    if (!('line' in entry) || entry.line.trim() === '' || entry.line.trim().startsWith('#')) return;
    const idle = Math.floor((entry.t - replay.sim.now) / 1000) * 1000;
    if (idle >= 1000) run(`sim advance ${formatDuration(idle)}`);
    // Whatever the presenter did next (typed a line, pressed Ctrl+C) happened at this time.
    const next = session.log[i + 1]?.t;
    const advance = advanceOf(entry.line);
    if (next !== undefined && advance !== undefined && next < entry.t + advance) {
      const elapsed = Math.round(next - replay.sim.now);
      if (elapsed > 0) run(`sim advance ${formatDuration(elapsed)}`);
      return;
    }
    const start = replay.sim.now;
    const at = lines.length;
    run(entry.line);
    const took = replay.sim.now - start;
    if (next !== undefined && took > 0 && next < entry.t + took) {
      const following = session.log[i + 1]!;
      const how =
        'cancel' in following && following.cancel === i
          ? `was stopped with Ctrl+C at ${formatClock(next)}`
          : `was still running at ${formatClock(next)} when the session went on (a rewind and a new command)`;
      lines.splice(
        at,
        0,
        `${EXPORT_NOTE}"${clip(entry.line.trim().replace(/\s+/g, ' '), 200)}" ${how}; a script cannot cut a command short, so here it runs to its end (${formatClock(replay.sim.now)}) and the world may differ from the session's from this step on.`,
      );
    }
  });
  return lines;
}
