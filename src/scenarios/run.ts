import { formatClock } from '../engine';
import { runScript, type CommandTree, type ScriptResult } from '../commands';
import type { Scenario } from './schema';

/** One action of a scenario, flattened, with the script line it becomes. */
export interface ScenarioLine {
  /** Index of the step (0-based). */
  readonly step: number;
  /** Index of the action within its step (0-based). */
  readonly action: number;
  readonly kind: 'run' | 'expect';
  /** The console line: the command, or `sim expect …` for a checkpoint. */
  readonly line: string;
  /** For checkpoints: the sentence shown when it holds. */
  readonly says?: string;
}

/** The scenario's actions in order, as console lines. */
export function scenarioLines(s: Scenario): ScenarioLine[] {
  const lines: ScenarioLine[] = [];
  s.steps.forEach((step, si) =>
    step.actions.forEach((a, ai) => {
      if ('run' in a) lines.push({ step: si, action: ai, kind: 'run', line: a.run });
      else lines.push({ step: si, action: ai, kind: 'expect', line: `sim expect ${a.expect}`, says: a.says });
    }),
  );
  return lines;
}

/** A comment line for a script: one line, whatever the title holds. */
const comment = (text: string): string => `# ${text.replace(/[\r\n]+/g, ' ')}`;

/** The script text and which scenario action each script line (1-based) holds. */
function buildScript(s: Scenario): { text: string; actionAt: Map<number, ScenarioLine> } {
  const out = [comment(`scenario ${s.id}: ${s.title}`), comment(`seed ${s.seed}`)];
  const actionAt = new Map<number, ScenarioLine>();
  let step = -1;
  for (const l of scenarioLines(s)) {
    if (l.step !== step) {
      step = l.step;
      out.push('', comment(`step ${step + 1}: ${s.steps[step]!.title}`));
    }
    out.push(l.line);
    actionAt.set(out.length, l);
  }
  return { text: `${out.join('\n')}\n`, actionAt };
}

/**
 * The scenario as a `.sim` script for the headless runner: a comment per step, the commands, and
 * `sim expect X` for each checkpoint. Run it with `npm run sim -- FILE --seed SEED`.
 */
export function scenarioScript(s: Scenario): string {
  return buildScript(s).text;
}

/** How one checkpoint came out. */
export interface CheckpointOutcome {
  readonly step: number;
  readonly action: number;
  readonly expect: string;
  readonly says: string;
  readonly passed: boolean;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly script: ScriptResult;
  readonly checkpoints: readonly CheckpointOutcome[];
  /** Checkpoints that held. */
  readonly passed: number;
  /** True when every checkpoint held. */
  readonly ok: boolean;
  /** Where each step's first command sits in `script.transcript` (undefined for steps without one). */
  readonly stepStarts: readonly (number | undefined)[];
}

/** Runs a scenario headless in its own seeded world, checkpoint by checkpoint. */
export function runScenario(s: Scenario, tree: CommandTree, options: { seed?: number } = {}): ScenarioResult {
  const { text, actionAt } = buildScript(s);
  const script = runScript(text, { seed: options.seed ?? s.seed, tree });
  const byLine = new Map(script.commands.map((c) => [c.lineNumber, c]));

  const checkpoints: CheckpointOutcome[] = [];
  for (const [n, a] of actionAt) {
    if (a.kind !== 'expect') continue;
    const ran = byLine.get(n);
    checkpoints.push({
      step: a.step,
      action: a.action,
      expect: a.line.replace(/^sim expect /, ''),
      says: a.says ?? '',
      passed: ran !== undefined && ran.exitCode === 0,
    });
  }

  // The transcript line of each command's prompt, found in order (background output may interleave).
  const stepStarts: (number | undefined)[] = s.steps.map(() => undefined);
  let at = 0;
  for (const c of script.commands) {
    const prompt = `[${formatClock(c.time)}] ${c.client}$ ${c.line}`;
    while (at < script.transcript.length && script.transcript[at] !== prompt) at++;
    if (at >= script.transcript.length) break;
    const a = actionAt.get(c.lineNumber);
    if (a && stepStarts[a.step] === undefined) stepStarts[a.step] = at;
    at++;
  }

  const passed = checkpoints.filter((c) => c.passed).length;
  return { scenario: s, script, checkpoints, passed, ok: passed === checkpoints.length, stepStarts };
}

/** One line summing up a run, for the runner and CI logs. */
export function scenarioSummary(r: ScenarioResult): string {
  const failed = r.checkpoints.filter((c) => !c.passed);
  const head = `scenario ${r.scenario.id}: ${r.passed} of ${r.checkpoints.length} checkpoints passed`;
  if (failed.length === 0) return head;
  const first = failed[0]!;
  return `${head}; first failure in step ${first.step + 1} (${r.scenario.steps[first.step]!.title}): ${first.expect}`;
}

/** The transcript with a `# step N/M: TITLE` line before each step's first command. */
export function scenarioTranscript(r: ScenarioResult): string[] {
  const heads = new Map<number, string[]>();
  r.stepStarts.forEach((at, i) => {
    if (at === undefined) return;
    const list = heads.get(at) ?? [];
    list.push(`# step ${i + 1}/${r.scenario.steps.length}: ${r.scenario.steps[i]!.title}`);
    heads.set(at, list);
  });
  const out: string[] = [];
  r.script.transcript.forEach((line, i) => {
    for (const h of heads.get(i) ?? []) out.push(h);
    out.push(line);
  });
  return out;
}
