import { readFileSync, statSync } from 'node:fs';
import { createCommandTree, runScript, scriptJson } from '../commands';
import { SCENARIOS, scenarioById } from '../scenarios/library';
import { parseScenarioFile } from '../scenarios/parse';
import { runScenario, scenarioSummary, scenarioTranscript } from '../scenarios/run';
import { MAX_SCENARIO_BYTES, type Scenario } from '../scenarios/schema';

const USAGE =
  'usage: npm run sim -- FILE [--seed N] [--json] | --scenario ID|FILE.json [--seed N] [--json] | --list-scenarios';
/** Scripts are text files of commands; anything bigger is surely a mistake. */
const MAX_FILE_BYTES = 1_000_000;

type CliOptions =
  | { mode: 'script'; file: string; seed: number; json: boolean }
  | { mode: 'scenario'; scenario: string; seed: number | undefined; json: boolean }
  | { mode: 'list' }
  | { mode: 'help' };

function parseArgs(argv: readonly string[]): CliOptions | string {
  let file: string | undefined;
  let scenario: string | undefined;
  let list = false;
  let seed: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--list-scenarios') list = true;
    else if (a === '--scenario' || a.startsWith('--scenario=')) {
      const raw = a === '--scenario' ? argv[++i] : a.slice('--scenario='.length);
      if (raw === undefined || raw === '') return `--scenario needs a scenario id or a .json file. ${USAGE}`;
      if (scenario !== undefined) return `only one --scenario may be given. ${USAGE}`;
      scenario = raw;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const raw = a === '--seed' ? argv[++i] : a.slice('--seed='.length);
      if (raw === undefined || !/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff) {
        return `--seed needs a whole number from 0 to 4294967295. ${USAGE}`;
      }
      seed = Number(raw);
    } else if (a === '--help' || a === '-h') return { mode: 'help' };
    else if (a.startsWith('-')) return `unknown option ${a}. ${USAGE}`;
    else if (file === undefined) file = a;
    else return `only one FILE may be given. ${USAGE}`;
  }
  const modes = [list, scenario !== undefined, file !== undefined].filter(Boolean).length;
  if (modes > 1) return `give one of FILE, --scenario or --list-scenarios. ${USAGE}`;
  if (list) return { mode: 'list' };
  if (scenario !== undefined) return { mode: 'scenario', scenario, seed, json };
  if (file === undefined) return `no FILE given. ${USAGE}`;
  return { mode: 'script', file, seed: seed ?? 1, json };
}

/** Reads a text file with a size cap; a one-line reason when it cannot. */
function readText(file: string, maxBytes: number): { text: string } | { error: string } {
  try {
    if (statSync(file).size > maxBytes) return { error: `sim: ${file} is larger than ${maxBytes} bytes` };
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    const reason =
      e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'unreadable';
    return { error: `sim: cannot read ${file} (${reason})` };
  }
}

/** A library id, or a path to a scenario file (anything ending in .json or containing a slash). */
function loadScenario(ref: string): Scenario | string {
  const known = scenarioById(ref);
  if (known) return known;
  if (!/\.json$/i.test(ref) && !/[\\/]/.test(ref)) {
    return `sim: no scenario with id '${ref}'; list them with: npm run sim -- --list-scenarios`;
  }
  const read = readText(ref, MAX_SCENARIO_BYTES);
  if ('error' in read) return read.error;
  const parsed = parseScenarioFile(read.text);
  return parsed.ok ? parsed.scenario : `sim: ${ref}: ${parsed.error}`;
}

function runScenarioCli(ref: string, seed: number | undefined, json: boolean): number {
  const scenario = loadScenario(ref);
  if (typeof scenario === 'string') {
    process.stderr.write(`${scenario}\n`);
    return 2;
  }
  const r = runScenario(scenario, createCommandTree(), seed === undefined ? {} : { seed });
  if (json) {
    const doc = JSON.parse(scriptJson(r.script)) as Record<string, unknown>;
    const out = {
      scenario: scenario.id,
      title: scenario.title,
      ok: r.ok,
      checkpoints: r.checkpoints,
      ...doc,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write([...scenarioTranscript(r), scenarioSummary(r)].map((l) => `${l}\n`).join(''));
  }
  return r.ok ? 0 : 1;
}

function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n`);
    return 2;
  }
  if (options.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.mode === 'list') {
    process.stdout.write(SCENARIOS.map((s) => `${s.id}\t${s.title}\n`).join(''));
    return 0;
  }
  if (options.mode === 'scenario') return runScenarioCli(options.scenario, options.seed, options.json);
  const read = readText(options.file, MAX_FILE_BYTES);
  if ('error' in read) {
    process.stderr.write(`${read.error}\n`);
    return 2;
  }
  // A script is text; a NUL byte means a binary file (an image, an archive) given by mistake.
  if (read.text.includes('\0')) {
    process.stderr.write(`sim: ${options.file} is not a text script (it contains NUL bytes)\n`);
    return 2;
  }
  const result = runScript(read.text, { seed: options.seed, tree: createCommandTree() });
  if (options.json) process.stdout.write(`${scriptJson(result)}\n`);
  else process.stdout.write(result.transcript.map((l) => `${l}\n`).join(''));
  return result.exitCode;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`sim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
