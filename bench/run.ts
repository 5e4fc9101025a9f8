/**
 * The benchmark suite (`npm run bench`, `npm run bench -- --json`).
 *
 * Runs each part as its own process, several times (`--runs N`, default 3), and reports the median
 * of each figure against its budget (the "must") and the aim, as described in BENCHMARKS.md:
 * - engine: `bench/engine.bench.ts`, bundled with esbuild and run by plain Node (each process
 *   measures three repetitions and reports their median);
 * - fleet day: `bench/fleet-day.bench.ts`, bundled the same way;
 * - UI, bundle and worker messages: `bench/ui.bench.ts` in headless Chromium against a
 *   `vite preview` of its own build (dist-bench/ui, port 4180); the first process builds, the
 *   others reuse that build.
 *
 * Options: `--json` (also print the figures as one JSON object on the last line), `--runs N`,
 * `--only engine,fleet,ui` (a subset; the other figures are left out of the table and the JSON).
 * Exit status 1 when a figure misses its must-budget, 2 when a part failed to run.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { printTable } from './table';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist-bench');

type Part = 'engine' | 'fleet' | 'ui';
const PARTS: readonly Part[] = ['engine', 'fleet', 'ui'];

interface Budget {
  readonly key: string;
  readonly part: Part;
  readonly unit: string;
  /** Which way is better. */
  readonly better: 'higher' | 'lower';
  readonly must: number;
  /** No separate aim when undefined (the must is the goal). */
  readonly aim: number | undefined;
}

/** The figures of the issue, in report order, with their budgets. */
const BUDGETS: readonly Budget[] = [
  {
    key: 'engine.eventsPerSecond',
    part: 'engine',
    unit: 'events/s',
    better: 'higher',
    must: 1_000_000,
    aim: 3_000_000,
  },
  { key: 'engine.bareHeapRatio', part: 'engine', unit: '×', better: 'lower', must: 5, aim: 3 },
  { key: 'fleetDay.wallSeconds', part: 'fleet', unit: 's', better: 'lower', must: 20, aim: 5 },
  { key: 'ui.startupMs', part: 'ui', unit: 'ms', better: 'lower', must: 1500, aim: 1000 },
  { key: 'ui.frameScriptP95Ms', part: 'ui', unit: 'ms', better: 'lower', must: 10, aim: 4 },
  { key: 'ui.longTasks', part: 'ui', unit: '', better: 'lower', must: 0, aim: undefined },
  { key: 'bundle.initialJsGzipKiB', part: 'ui', unit: 'KiB', better: 'lower', must: 300, aim: 200 },
  { key: 'worker.maxMessageKiB', part: 'ui', unit: 'KiB', better: 'lower', must: 100, aim: undefined },
];

interface Options {
  readonly json: boolean;
  readonly runs: number;
  readonly parts: readonly Part[];
}

function parseOptions(argv: readonly string[]): Options {
  let json = false;
  let runs = 3;
  let parts: readonly Part[] = PARTS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--only') parts = (argv[++i] ?? '').split(',') as Part[];
    else throw new Error(`unknown option ${a}; use --json, --runs N, --only engine,fleet,ui`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number ≥ 1');
  for (const p of parts)
    if (!PARTS.includes(p)) throw new Error(`unknown part ${p}; parts: ${PARTS.join(', ')}`);
  return { json, runs, parts };
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Runs a command to completion; its stdout is returned, its stderr passed through. */
function run(command: string, args: readonly string[], env: Record<string, string> = {}): string {
  const r = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
  return r.stdout;
}

/** The JSON object a benchmark prints on its last line. */
function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

function bundle(entry: string, outfile: string): string {
  run('npx', [
    'esbuild',
    entry,
    '--bundle',
    '--platform=node',
    '--format=esm',
    `--outfile=${outfile}`,
    '--log-level=warning',
  ]);
  return outfile;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs one part `runs` times; returns every run's figures. */
function runPart(part: Part, runs: number): Record<string, unknown>[] {
  const results: Record<string, unknown>[] = [];
  if (part === 'engine') {
    const file = bundle('bench/engine.bench.ts', join(OUT, 'engine.mjs'));
    for (let i = 0; i < runs; i++) {
      const r = lastJson(run('node', [file]));
      log(`engine ${i + 1}/${runs}: ${JSON.stringify(r)}`);
      results.push(r);
    }
  } else if (part === 'fleet') {
    const file = bundle('bench/fleet-day.bench.ts', join(OUT, 'fleet-day.mjs'));
    for (let i = 0; i < runs; i++) {
      const r = lastJson(run('node', [file]));
      log(`fleet day ${i + 1}/${runs}: ${JSON.stringify(r)}`);
      results.push(r);
    }
  } else {
    for (let i = 0; i < runs; i++) {
      // One busy scene per process; the build happens once, in the first.
      const env: Record<string, string> = { BENCH_RUNS: '1', ...(i > 0 ? { BENCH_SKIP_BUILD: '1' } : {}) };
      const r = lastJson(run('npx', ['tsx', 'bench/ui.bench.ts'], env));
      const keys = BUDGETS.filter((b) => b.part === 'ui').map((b) => b.key);
      log(`ui ${i + 1}/${runs}: ${JSON.stringify(Object.fromEntries(keys.map((k) => [k, r[k]])))}`);
      results.push(r);
    }
  }
  return results;
}

function passes(b: Budget, value: number, limit: number): boolean {
  return b.better === 'higher' ? value >= limit : value <= limit;
}

function format(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  log(
    `bench: ${options.runs} run(s) of ${options.parts.join(', ')}; node ${process.version}, ${cpus().length} cores, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const figures: Record<string, number> = {};
  const spreads: Record<string, number[]> = {};
  let broken = false;
  for (const part of options.parts) {
    let results: Record<string, unknown>[];
    try {
      results = runPart(part, options.runs);
    } catch (e) {
      log(`${part}: ${e instanceof Error ? e.message : String(e)}`);
      broken = true;
      continue;
    }
    for (const b of BUDGETS.filter((x) => x.part === part)) {
      const values = results.map((r) => Number(r[b.key]));
      if (values.some((v) => !Number.isFinite(v))) {
        log(`${b.key}: missing from the ${part} output`);
        broken = true;
        continue;
      }
      spreads[b.key] = values;
      figures[b.key] = median(values);
    }
  }

  const rows: string[][] = [['figure', 'median', 'runs', 'must', 'aim', 'must met', 'aim met']];
  let missed = false;
  for (const b of BUDGETS) {
    const value = figures[b.key];
    if (value === undefined) continue;
    const sign = b.better === 'higher' ? '≥' : '≤';
    const must = passes(b, value, b.must);
    if (!must) missed = true;
    rows.push([
      b.key,
      `${format(value)}${b.unit ? ` ${b.unit}` : ''}`,
      spreads[b.key]!.map(format).join(' / '),
      `${sign} ${format(b.must)}`,
      b.aim === undefined ? '' : `${sign} ${format(b.aim)}`,
      must ? 'pass' : 'FAIL',
      b.aim === undefined ? '' : passes(b, value, b.aim) ? 'yes' : 'no',
    ]);
  }
  console.log('');
  printTable(rows);
  console.log(
    `\n${options.runs} run(s) per part, medians; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, ` +
      `load ${loadavg()[0]!.toFixed(2)}; ${Math.round((Date.now() - started) / 1000)} s in all.`,
  );
  if (options.json) console.log(JSON.stringify(figures));
  process.exitCode = broken ? 2 : missed ? 1 : 0;
}

main();
