/**
 * UI benchmark (`npx tsx bench/ui.bench.ts`): the production build in the system Chromium.
 *
 * It builds into dist-bench/ui (`vite build --outDir`), serves that with `vite preview --port 4180`
 * and stops the server at the end.
 *
 * 1. `ui.startupMs` — navigation start → the first map drawn with country shapes: the
 *    `map:first-draw` user-timing mark (MapController marks it once per page), read as its
 *    `startTime`, which is relative to the navigation's time origin. Every sample is a fresh
 *    browser context (empty HTTP and code caches). Median of BENCH_STARTUP_SAMPLES.
 * 2. `ui.frameScriptP95Ms`, `ui.longTasks` — a busy scene: the demo world plus 28 replicas
 *    (30 in all), 10 background pushes of 50GB images replicating to 29 targets each (290
 *    transfers in flight, replication.bandwidth lowered so they last minutes), live clock at 600×.
 *    A Chrome trace of BENCH_BUSY_S seconds is taken over CDP. On the renderer main thread
 *    (CrRendererMain of the page's process) scripting is the union of script-running events
 *    (FunctionCall, EvaluateScript, FireAnimationFrame, EventDispatch, TimerFire, RunMicrotasks,
 *    HandlePostMessage, V8.Execute, compile and GC events …): nested events are covered by their
 *    top-level ancestor and only intervals inside a RunTask count. That time is bucketed into
 *    frames cut at BeginMainThreadFrame; p50/p95/max are over those frames. A long task is a
 *    top-level main-thread RunTask over 50 ms inside the window, cross-checked with a
 *    PerformanceObserver('longtask').
 * 3. `bundle.initialJsGzipKiB` — gzip (node:zlib, default level) of the JS that index.html
 *    loads: module scripts and modulepreloads (not the worker, not lazy chunks).
 * 4. `worker.maxMessageKiB` — the largest worker→UI message during the busy scene: an init script
 *    wraps `Worker` so every worker gets a 'message' listener that sizes each message as
 *    JSON.stringify length with typed arrays and ArrayBuffers counted by byteLength. The probe is
 *    on from page load through the set-up, paused during the traced window (so its own cost is not
 *    measured as the app's), and on again for BENCH_PROBE_S seconds of the same busy scene.
 *
 * Then, as extras only, the scene is drained at 36000× until every transfer has landed: the
 * largest messages and the long tasks (observer) of that burst are reported as `*drain*`.
 *
 * Also an extra: resizing. A fresh page at the viewport (1280×720 unless BENCH_VIEWPORT) is resized
 * BENCH_RESIZES times between that and 100×60 px less (600 ms apart) under a trace. `ui.resizeScriptMs` is the median over resizes of the
 * longest script call within 300 ms of each window `resize` event: the map's resize handler, which
 * re-fits the projection and redraws at once. `ui.resizeLongTasks` counts tasks over 50 ms in that
 * window; part of each is Chromium re-laying out the page for the new viewport, not our script.
 *
 * Another extra: the fleet scene. The demo world grows to the standard fleet's 20 replicas, three
 * load generators pull 10,000 images a minute in all, and the live clock runs at 3600× (an hour a
 * second). One trace of BENCH_FLEET_S seconds (20; 0 skips it), analysed as the busy scene's:
 * `ui.fleetFrameScriptP95Ms`, `ui.fleetLongTasks`, and `ui.fleetClockSpeed`, the simulated seconds
 * the dashboard's clock moved per wall second (3600 when the worker keeps up).
 *
 * The busy scene runs BENCH_RUNS times (fresh context each); medians are reported. The last line
 * is one JSON object. Env: BENCH_RUNS (3), BENCH_STARTUP_SAMPLES (5), BENCH_BUSY_S (20),
 * BENCH_PROBE_S (5), BENCH_RESIZES (12), BENCH_FLEET_S (20), BENCH_VIEWPORT (1280x720), BENCH_DPR (1),
 * BENCH_SKIP_BUILD=1 (serve the existing build), BENCH_DIST (build directory),
 * BENCH_TRACE_OUT=FILE.json (save each busy trace as FILE.N.json, loadable in DevTools),
 * BENCH_CPU_PROFILE=FILE (a V8 CPU profile of the last run's busy scene, taken after the traced
 * window), CHROMIUM_PATH. `--analyse FILE.json` only re-analyses a saved trace.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { FLEET_REGIONS, fleetLoadLines } from './fleet';
import { printTable } from './table';

const ROOT = join(import.meta.dirname, '..');
/**
 * The build under test. Not dist/: other people's e2e runs and preview servers use that one, and
 * rebuilding it under them swaps the hashed chunk names they are loading. BENCH_DIST overrides.
 */
const OUT_DIR = process.env.BENCH_DIST ?? 'dist-bench/ui';
const DIST = join(ROOT, OUT_DIR);
const PORT = 4180;
const BASE = `http://localhost:${PORT}`;
/** The browser window (CSS pixels) and its pixel ratio: BENCH_VIEWPORT=1920x1080, BENCH_DPR=2. */
const VIEWPORT = viewportFrom(process.env.BENCH_VIEWPORT ?? '1280x720');
const DPR = Number(process.env.BENCH_DPR ?? 1);

const RUNS = envInt('BENCH_RUNS', 3);
const STARTUP_SAMPLES = envInt('BENCH_STARTUP_SAMPLES', 5);
const BUSY_MS = envInt('BENCH_BUSY_S', 20) * 1000;
const PROBE_MS = envInt('BENCH_PROBE_S', 5) * 1000;
const LONG_TASK_MS = 50;
const RESIZES = envInt('BENCH_RESIZES', 12);

const BUDGETS = {
  'ui.startupMs': 1500,
  'ui.frameScriptP95Ms': 10,
  'ui.longTasks': 0,
  'bundle.initialJsGzipKiB': 300,
  'worker.maxMessageKiB': 100,
} as const;

/** Regions that get a replica next to the demo world's eastus (home) and westeurope: 30 in all. */
const NEW_REPLICAS = [
  'eastus2',
  'southcentralus',
  'westus2',
  'westus3',
  'centralus',
  'northcentralus',
  'westus',
  'westcentralus',
  'canadacentral',
  'canadaeast',
  'brazilsouth',
  'northeurope',
  'uksouth',
  'ukwest',
  'francecentral',
  'germanywestcentral',
  'norwayeast',
  'switzerlandnorth',
  'swedencentral',
  'italynorth',
  'polandcentral',
  'spaincentral',
  'southeastasia',
  'japaneast',
  'australiaeast',
  'centralindia',
  'koreacentral',
  'southafricanorth',
];
const REPLICAS = NEW_REPLICAS.length + 2;
const PUSHES = 10;
/** Replication transfers in flight: every push copies to every other replica. */
const EXPECTED_TRANSFERS = PUSHES * (REPLICAS - 1);
const BUSY_SPEED = 600;

/** Replicas first, fast, then time jumps until all of them are Ready. */
const SETUP_REPLICAS = [
  'sim speed 36000',
  ...NEW_REPLICAS.map((r) => `az acr replication create -r myregistry -l ${r} --no-wait`),
  'sim advance 30m',
];
/**
 * Then the pushes, at the busy speed. A fast CI client uploads in seconds; replication at
 * 50Mbit/s per target split over 10 transfers copies 50GB in about 22 simulated hours (over two
 * wall minutes at 600×), so all 290 transfers stay in flight for the whole measurement.
 */
const SETUP_PUSHES = [
  `sim speed ${BUSY_SPEED}`,
  'sim config replication.bandwidth 50Mbit/s',
  'sim client add ci --location eastus --bandwidth 100Gbit/s',
  'sim client use ci',
  'az acr login -n myregistry',
  ...Array.from(
    { length: PUSHES },
    (_, i) => `docker build -t myregistry.azurecr.io/big${i}:v1 --size 50GB --layers 1 .`,
  ),
  ...Array.from({ length: PUSHES }, (_, i) => `docker push myregistry.azurecr.io/big${i}:v1 &`),
];

/**
 * The fleet scene (an extra): the standard fleet's shape in the browser — the fleet day's regions (20
 * replicas with the demo world's two), its three load generators (10,000 pulls a minute in all) —
 * with the live clock at an hour a second, as a trainer fast-forwards a day of traffic.
 */
/** The demo world already has East US (home) and West Europe. */
const FLEET_NEW_REPLICAS = FLEET_REGIONS.filter((r) => r !== 'eastus' && r !== 'westeurope');
const FLEET_SPEED = 3600;
const FLEET_MS = envInt('BENCH_FLEET_S', 20) * 1000;
const FLEET_SETUP = [
  'sim speed 36000',
  ...FLEET_NEW_REPLICAS.map((r) => `az acr replication create -r myregistry -l ${r} --no-wait`),
  'sim advance 1h',
  'sim client add ci --location eastus --bandwidth 1Gbit/s',
  'sim client use ci',
  'az acr login -n myregistry',
  ...[0, 1, 2].flatMap((i) => [
    `docker build -t myregistry.azurecr.io/svc${i}:v1 --size 50MB --layers 3 .`,
    `docker push myregistry.azurecr.io/svc${i}:v1`,
  ]),
  'sim advance 10m',
  ...fleetLoadLines('myregistry', (i) => `svc${i}:v1`),
  `sim speed ${FLEET_SPEED}`,
];

/** Script-running trace events (DevTools' "Scripting"); nested ones are merged into their parent. */
const SCRIPT_EVENTS = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.evaluateModule',
  'FireAnimationFrame',
  'EventDispatch',
  'TimerFire',
  'RunMicrotasks',
  'FireIdleCallback',
  'XHRReadyStateChange',
  'XHRLoad',
  // Deserialising a worker message into JS objects, and the onmessage call inside it.
  'HandlePostMessage',
  'V8.Execute',
  'v8.compile',
  'v8.compileModule',
  'V8.CompileCode',
  'v8.produceCache',
  'v8.produceModuleCache',
  'MinorGC',
  'MajorGC',
]);
const TRACE_CATEGORIES = [
  '-*',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'v8.execute',
  'blink.user_timing',
  '__metadata',
  ...(process.env.BENCH_TRACE_EXTRA?.split(',').filter(Boolean) ?? []),
];
/**
 * Runs in the page: how many hexagons' accessible names say home or replica, Ready, once at least
 * `min` do (0, falsy, until then, so `waitForFunction` keeps polling). A function, not a string
 * expression: Playwright evaluates a string with eval, which the app's CSP (no 'unsafe-eval') refuses.
 */
const readyCountAtLeast = (min: number): number => {
  const n = [...document.querySelectorAll('[aria-label="Regions map"] button[data-region]')].filter((b) =>
    /: (home|replica), Ready$/.test(b.getAttribute('aria-label') ?? ''),
  ).length;
  return n >= min ? n : 0;
};
const MARK_START = 'bench:busy-start';
const MARK_END = 'bench:busy-end';

// ---------------------------------------------------------------------------------------------
// Small helpers

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.round(v) : fallback;
}

function viewportFrom(text: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/.exec(text);
  if (!m) throw new Error(`BENCH_VIEWPORT must look like 1280x720, not ${text}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const median = (values: readonly number[]): number => {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Build, serve, bundle size

function build(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const r = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

async function serve(): Promise<ChildProcess> {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', OUT_DIR, '--port', String(PORT), '--strictPort'],
    {
      cwd: ROOT,
      detached: true, // its own process group, so npx and vite both stop at the end
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited: ${stderr.trim()}`);
    try {
      if ((await fetch(BASE)).ok) return server;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  stopServer(server);
  throw new Error(`vite preview did not answer on ${BASE}`);
}

function stopServer(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Gzip size of the JS that index.html loads up front: module scripts and modulepreloads. */
function initialJs(): { files: string[]; rawBytes: number; gzipBytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string): string | undefined =>
      new RegExp(`\\s${name}=["']([^"']+)["']`).exec(tag)?.[1];
    const isScript = tag.startsWith('<script') && attr('src');
    const isPreload = tag.startsWith('<link') && attr('rel') === 'modulepreload';
    const url = isScript ? attr('src') : isPreload ? attr('href') : undefined;
    if (url && /\.m?js(\?|$)/.test(url) && !/^(https?:)?\/\//.test(url)) files.push(url);
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const url of new Set(files)) {
    const body = readFileSync(join(DIST, url.replace(/^\//, '').split('?')[0]!));
    rawBytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  return { files: [...new Set(files)], rawBytes, gzipBytes };
}

// ---------------------------------------------------------------------------------------------
// In-page probes

interface ProbeState {
  on: boolean;
  count: number;
  ms: number;
  max: number;
  maxType: string;
  maxHead: string;
  maxByType: Record<string, number>;
}

declare global {
  interface Window {
    __benchProbe?: ProbeState;
    __benchLongTasks?: { start: number; duration: number }[];
  }
}

/**
 * Installed before any page script runs. Plain JavaScript in a string: tsx would otherwise add
 * helpers (`__name`) to a serialised function that do not exist in the page.
 */
const PROBE_SCRIPT = `(() => {
  const longTasks = [];
  window.__benchLongTasks = longTasks;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const state = { on: true, count: 0, ms: 0, max: 0, maxType: '', maxHead: '', maxByType: {} };
  window.__benchProbe = state;
  const sizeOf = (data) => {
    let binary = 0;
    const json = JSON.stringify(data, (key, value) => {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
        binary += value.byteLength;
        return 0;
      }
      return value;
    });
    return [(json === undefined ? 0 : json.length) + binary, json];
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (event) => {
        if (!state.on) return;
        const t0 = performance.now();
        const [size, json] = sizeOf(event.data);
        state.ms += performance.now() - t0;
        state.count++;
        const type = event.data && typeof event.data.type === 'string' ? event.data.type : '?';
        state.maxByType[type] = Math.max(state.maxByType[type] || 0, size);
        if (size > state.max) {
          state.max = size;
          state.maxType = type;
          state.maxHead = json.slice(0, 160);
        }
      });
    }
  };
})();`;

// ---------------------------------------------------------------------------------------------
// Trace analysis

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time, µs: less than `dur` when the thread was descheduled or blocked. */
  readonly tdur?: number;
  readonly tts?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { name?: string; data?: unknown };
}

interface Span {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Thread time in µs, NaN when the event has none. */
  readonly cpu: number;
  /** The event's `args.data` (a script call's function and place), read only for long tasks. */
  readonly data?: unknown;
}

/** `functionName file:line:column` of a script event's data (or the event's type), if any. */
function detailOf(span: Span): string | undefined {
  const d = span.data as
    | { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number; type?: string }
    | undefined;
  if (!d) return undefined;
  if (d.url !== undefined || d.functionName !== undefined)
    return `${d.functionName || '(anonymous)'} ${(d.url ?? '').replace(/^.*\//, '')}:${d.lineNumber ?? '?'}:${d.columnNumber ?? '?'}`;
  return d.type;
}

export interface TraceStats {
  readonly windowMs: number;
  readonly frames: number;
  readonly frameScriptP50Ms: number;
  readonly frameScriptP95Ms: number;
  readonly frameScriptMaxMs: number;
  /** The same per-frame scripting, in main-thread CPU time rather than wall time. */
  readonly frameScriptCpuP95Ms: number;
  readonly scriptMsPerSecond: number;
  readonly mainBusyPct: number;
  readonly mainCpuPct: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /** Tasks that used over 50 ms of main-thread CPU (not merely took 50 ms of wall time). */
  readonly longTasksCpu: number;
  readonly longestTaskCpuMs: number;
  readonly scriptByEvent: Record<string, number>;
  /**
   * What each task over 50 ms (wall) spent its time on: the task's wall and CPU ms, and the wall ms
   * of every event inside it by name (nested ones too, so a collection inside a script shows).
   */
  readonly longTaskParts: ReadonlyArray<{
    readonly wallMs: number;
    readonly cpuMs: number;
    readonly parts: Record<string, number>;
  }>;
  /** Main-thread CPU ms per frame by the outermost event inside each task (Commit, Paint …). */
  readonly cpuPerFrameByEvent: Record<string, number>;
}

/** Complete spans of one thread: `X` events as they are, `B`/`E` pairs matched by a stack. */
function spansOf(events: readonly TraceEvent[]): Span[] {
  const spans: Span[] = [];
  const open: TraceEvent[] = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X')
      spans.push({
        name: e.name,
        start: e.ts,
        end: e.ts + (e.dur ?? 0),
        cpu: e.tdur ?? NaN,
        data: e.args?.data,
      });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      const cpu = b?.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : NaN;
      if (b) spans.push({ name: b.name, start: b.ts, end: e.ts, cpu, data: b.args?.data });
    }
  }
  return spans;
}

/** The outermost spans, in order: a span that starts inside the previous one is nested in it. */
function outermost(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1];
    if (!last || s.start >= last.end) out.push(s);
    else if (s.end > last.end) out[out.length - 1] = { ...last, end: s.end };
  }
  return out;
}

const ms = (us: number): number => us / 1000;
const sumOf = (spans: readonly Span[], f: (s: Span) => number): number =>
  spans.reduce((sum, s) => sum + f(s), 0);

/** The task wrappers themselves, left out of what a long task is made of. */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * The page's main-thread events: the renderer main thread that received our user-timing marks, or
 * without marks the one that ran the most animation frames.
 */
function pageMainThread(events: readonly TraceEvent[]): TraceEvent[] {
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name)
      threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const isMain = (e: TraceEvent): boolean => threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain';
  const marks = events.filter((e) => isMain(e) && (e.name === MARK_START || e.name === MARK_END));
  let key: string | undefined = marks[0] && `${marks[0].pid}:${marks[0].tid}`;
  if (!key) {
    const counts = new Map<string, number>();
    for (const e of events)
      if (isMain(e) && e.name === 'FireAnimationFrame')
        counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    key = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  if (!key) throw new Error('no renderer main thread in the trace');
  return events.filter((e) => `${e.pid}:${e.tid}` === key);
}

export function analyseTrace(events: readonly TraceEvent[]): TraceStats {
  const main = pageMainThread(events);
  const markTs = (name: string): number | undefined => main.find((e) => e.name === name)?.ts;
  const all = spansOf(main);
  const t0 = markTs(MARK_START) ?? Math.min(...all.map((s) => s.start));
  const t1 = markTs(MARK_END) ?? Math.max(...all.map((s) => s.end));
  const spans = all.filter((s) => s.start >= t0 && s.start < t1);

  // Top-level tasks only (a nested run loop can start a RunTask inside another).
  const tasks = outermost(spans.filter((s) => s.name === 'RunTask'));
  const inTask = (at: number): boolean => {
    let lo = 0;
    let hi = tasks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = tasks[mid]!;
      if (at < t.start) hi = mid - 1;
      else if (at >= t.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const script = outermost(spans.filter((s) => SCRIPT_EVENTS.has(s.name) && inTask(s.start)));

  // Frames: cut at BeginMainThreadFrame (fallback: the first FireAnimationFrame after a gap).
  let cuts = main
    .filter((e) => e.name === 'BeginMainThreadFrame' && e.ts >= t0 && e.ts < t1)
    .map((e) => e.ts);
  if (cuts.length < 2) {
    cuts = [];
    for (const s of spans.filter((x) => x.name === 'FireAnimationFrame'))
      if (!cuts.length || s.start - cuts[cuts.length - 1]! > 4_000) cuts.push(s.start);
  }
  cuts = [...new Set(cuts)].sort((a, b) => a - b);
  const frames = Math.max(0, cuts.length - 1);
  const perFrame = new Array<number>(frames).fill(0);
  const perFrameCpu = new Array<number>(frames).fill(0);
  const byEvent: Record<string, number> = {};
  let frame = 0;
  for (const s of script) {
    byEvent[s.name] = (byEvent[s.name] ?? 0) + ms(s.end - s.start);
    while (frame + 1 < cuts.length && s.start >= cuts[frame + 1]!) frame++;
    if (s.start < cuts[0]! || frame >= frames) continue;
    perFrame[frame]! += ms(s.end - s.start);
    perFrameCpu[frame]! += ms(Number.isNaN(s.cpu) ? s.end - s.start : s.cpu);
  }

  // Where the main thread's CPU goes: the outermost event inside each task, by name.
  const work = outermost(spans.filter((s) => !TASK_EVENTS.has(s.name) && inTask(s.start)));
  const cpuByEvent: Record<string, number> = {};
  for (const s of work) if (!Number.isNaN(s.cpu)) cpuByEvent[s.name] = (cpuByEvent[s.name] ?? 0) + ms(s.cpu);

  const windowMs = ms(t1 - t0);
  const wall = (s: Span): number => ms(s.end - s.start);
  const cpu = (s: Span): number => (Number.isNaN(s.cpu) ? 0 : ms(s.cpu));
  const sorted = (record: Record<string, number>, scale: number, digits: number) =>
    Object.fromEntries(
      Object.entries(record)
        .sort((a, b) => b[1] - a[1])
        .filter(([, v]) => v * scale >= 0.01)
        .map(([k, v]) => [k, round(v * scale, digits)]),
    );
  return {
    windowMs,
    frames,
    frameScriptP50Ms: quantile(perFrame, 0.5),
    frameScriptP95Ms: quantile(perFrame, 0.95),
    frameScriptMaxMs: Math.max(0, ...perFrame),
    frameScriptCpuP95Ms: quantile(perFrameCpu, 0.95),
    scriptMsPerSecond: sumOf(script, wall) / (windowMs / 1000),
    mainBusyPct: (100 * sumOf(tasks, wall)) / windowMs,
    mainCpuPct: (100 * sumOf(tasks, cpu)) / windowMs,
    longTasks: tasks.filter((t) => wall(t) > LONG_TASK_MS).length,
    longestTaskMs: Math.max(0, ...tasks.map(wall)),
    longTasksCpu: tasks.filter((t) => cpu(t) > LONG_TASK_MS).length,
    longestTaskCpuMs: Math.max(0, ...tasks.map(cpu)),
    scriptByEvent: sorted(byEvent, 1, 1),
    longTaskParts: tasks
      .filter((t) => wall(t) > LONG_TASK_MS)
      .map((t) => {
        const parts: Record<string, number> = {};
        for (const x of spans)
          if (x.start >= t.start && x.end <= t.end && !TASK_EVENTS.has(x.name)) {
            const detail = detailOf(x);
            const key = detail ? `${x.name} ${detail}` : x.name;
            parts[key] = (parts[key] ?? 0) + wall(x);
          }
        return { wallMs: round(wall(t), 1), cpuMs: round(cpu(t), 1), parts: sorted(parts, 1, 1) };
      }),
    cpuPerFrameByEvent: sorted(cpuByEvent, 1 / Math.max(1, frames), 2),
  };
}

// ---------------------------------------------------------------------------------------------
// Browser runs

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

async function firstDraw(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('map:first-draw').length > 0, null, {
    timeout: 60_000,
  });
  const t = await page.evaluate(() => performance.getEntriesByName('map:first-draw')[0]?.startTime);
  if (typeof t !== 'number') throw new Error('no map:first-draw mark');
  return t;
}

async function startupSample(browser: Browser): Promise<{ firstDraw: number; fcp: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
  try {
    const page = await context.newPage();
    await page.goto(`${BASE}/?seed=1`);
    const firstDrawMs = await firstDraw(page);
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    );
    return { firstDraw: firstDrawMs, fcp };
  } finally {
    await context.close();
  }
}

const transfersOnMap = (page: Page): Promise<number> =>
  page.evaluate(() =>
    Number(document.querySelector('canvas[data-transfers]')?.getAttribute('data-transfers')),
  );

async function typeLines(page: Page, lines: readonly string[]): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Console' });
  for (const line of lines) {
    await input.fill(line);
    await input.press('Enter');
  }
}

interface TraceCapture {
  readonly events: TraceEvent[];
  stop(): Promise<TraceEvent[]>;
}

async function startTrace(context: BrowserContext, page: Page): Promise<TraceCapture> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const v of e.value) events.push(v as unknown as TraceEvent);
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: TRACE_CATEGORIES },
  });
  return {
    events,
    stop: async () => {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return events;
    },
  };
}

interface BusyResult {
  readonly trace: TraceStats;
  readonly observedLongTasks: number;
  readonly transfersStart: number;
  readonly transfersEnd: number;
  readonly replicasReady: number;
  readonly probe: ProbeState;
  readonly drainProbe: ProbeState;
  readonly drainLongTasks: readonly { start: number; duration: number }[];
  readonly setupMs: number;
  /** 1-minute load average at the end of the traced window (others share the machine). */
  readonly load: number;
}

async function busyScene(
  browser: Browser,
  saveTrace: string | undefined,
  profile: string | undefined,
): Promise<BusyResult> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const setupStart = Date.now();
    await page.goto(`${BASE}/?seed=1`);
    await firstDraw(page);

    await typeLines(page, SETUP_REPLICAS);
    const ready = await page.waitForFunction(readyCountAtLeast, REPLICAS, { timeout: 120_000, polling: 250 });
    const replicasReady = (await ready.jsonValue()) as number;

    await typeLines(page, SETUP_PUSHES);
    await page.waitForFunction(
      (n) => Number(document.querySelector('canvas[data-transfers]')?.getAttribute('data-transfers')) >= n,
      EXPECTED_TRANSFERS - 10,
      { timeout: 120_000, polling: 250 },
    );
    await sleep(2_000); // let the set-up's bursts (events, console output) settle
    const setupMs = Date.now() - setupStart;

    const transfersStart = await transfersOnMap(page);
    await page.evaluate(() => {
      if (window.__benchProbe) window.__benchProbe.on = false;
    });
    const capture = await startTrace(context, page);
    const window0 = await page.evaluate((m) => performance.mark(m).startTime, MARK_START);
    await sleep(BUSY_MS);
    const window1 = await page.evaluate((m) => performance.mark(m).startTime, MARK_END);
    const load = loadavg()[0]!;
    const events = await capture.stop();
    const transfersEnd = await transfersOnMap(page);
    if (saveTrace) writeFileSync(saveTrace, JSON.stringify({ traceEvents: events }));
    const observedLongTasks = await page.evaluate(
      ([a, b]) => (window.__benchLongTasks ?? []).filter((t) => t.start >= a! && t.start < b!).length,
      [window0, window1],
    );

    await page.evaluate(() => {
      if (window.__benchProbe) window.__benchProbe.on = true;
    });
    await sleep(PROBE_MS);
    const probe = await page.evaluate(() => ({ ...window.__benchProbe! }));

    // A separate window after the measured one: the profiler's sampling would distort the trace.
    if (profile) await profileCpu(context, page, profile);

    // Not part of the main figures: the scene's end, when all 290 replications land at once.
    const drainFrom = await page.evaluate(() => {
      const p = window.__benchProbe!;
      Object.assign(p, { max: 0, maxType: '', maxHead: '', maxByType: {} });
      return performance.now();
    });
    await typeLines(page, ['sim speed 36000']);
    await page.waitForFunction(
      () => document.querySelector('canvas[data-transfers]')?.getAttribute('data-transfers') === '0',
      null,
      { timeout: 120_000, polling: 250 },
    );
    await sleep(2_000); // the panels' queries refresh at most every 250 ms
    const drain = await page.evaluate(
      (from) => ({
        probe: { ...window.__benchProbe! },
        longTasks: (window.__benchLongTasks ?? []).filter((t) => t.start >= from),
      }),
      drainFrom,
    );

    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      trace: analyseTrace(events),
      observedLongTasks,
      transfersStart,
      transfersEnd,
      replicasReady,
      probe,
      drainProbe: drain.probe,
      drainLongTasks: drain.longTasks,
      setupMs,
      load,
    };
  } finally {
    await context.close();
  }
}

interface ResizeStats {
  /** Per resize: the longest script call within 300 ms of its window `resize` event. */
  readonly scriptMs: number[];
  readonly longTasks: number;
  readonly longestTaskMs: number;
}

export function analyseResizes(events: readonly TraceEvent[]): ResizeStats {
  const spans = spansOf(pageMainThread(events));
  const resizes = spans.filter((s) => s.name === 'EventDispatch' && detailOf(s) === 'resize');
  const script = outermost(spans.filter((s) => SCRIPT_EVENTS.has(s.name)));
  const tasks = outermost(spans.filter((s) => s.name === 'RunTask'));
  const from = resizes[0]?.start ?? 0;
  const inWindow = tasks.filter((t) => t.end >= from);
  return {
    scriptMs: resizes.map((r) =>
      Math.max(
        0,
        ...script
          .filter((s) => s.start >= r.start && s.start < r.start + 300_000)
          .map((s) => ms(s.end - s.start)),
      ),
    ),
    longTasks: inWindow.filter((t) => ms(t.end - t.start) > LONG_TASK_MS).length,
    longestTaskMs: Math.max(0, ...inWindow.map((t) => ms(t.end - t.start))),
  };
}

async function resizeSample(browser: Browser): Promise<ResizeStats> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
  try {
    const page = await context.newPage();
    await page.goto(`${BASE}/?seed=1`);
    await firstDraw(page);
    await sleep(1_000);
    const capture = await startTrace(context, page);
    for (let i = 0; i < RESIZES; i++) {
      await page.setViewportSize(
        i % 2 ? VIEWPORT : { width: VIEWPORT.width - 100, height: VIEWPORT.height - 60 },
      );
      await sleep(600);
    }
    const stats = analyseResizes(await capture.stop());
    if (stats.scriptMs.length < RESIZES)
      throw new Error(`saw ${stats.scriptMs.length} window resize events for ${RESIZES} resizes`);
    return stats;
  } finally {
    await context.close();
  }
}

interface FleetResult {
  readonly trace: TraceStats;
  /** Simulated seconds per wall second over the traced window (the clock's speed, if it keeps up). */
  readonly simSpeed: number;
}

/** Seconds on the dashboard's clock ("00:07:01", "2d 16:33:14"). */
async function clockSeconds(page: Page): Promise<number> {
  const text = await page.getByRole('timer', { name: 'Simulated time' }).textContent();
  const m = /^(?:(\d+)d )?(\d+):(\d\d):(\d\d)$/.exec(text?.trim() ?? '');
  if (!m) throw new Error(`cannot read the clock: ${text}`);
  return Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3_600 + Number(m[3]) * 60 + Number(m[4]);
}

async function fleetScene(browser: Browser): Promise<FleetResult> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${BASE}/?seed=1`);
    await firstDraw(page);
    await typeLines(page, FLEET_SETUP);
    const replicas = FLEET_NEW_REPLICAS.length + 2;
    await page.waitForFunction(readyCountAtLeast, replicas, { timeout: 120_000, polling: 250 });
    await sleep(3_000); // the set-up's output and events settle; the loads reach their pace
    const capture = await startTrace(context, page);
    const sim0 = await clockSeconds(page);
    const wall0 = Date.now();
    await page.evaluate((m) => performance.mark(m), MARK_START);
    await sleep(FLEET_MS);
    await page.evaluate((m) => performance.mark(m), MARK_END);
    const simSeconds = (await clockSeconds(page)) - sim0;
    const wallSeconds = (Date.now() - wall0) / 1000;
    const trace = analyseTrace(await capture.stop());
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { trace, simSpeed: simSeconds / wallSeconds };
  } finally {
    await context.close();
  }
}

/** A V8 CPU profile of the busy scene (for finding hot spots; not part of the figures). */
async function profileCpu(context: BrowserContext, page: Page, file: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await sleep(Math.min(BUSY_MS, 10_000));
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  await cdp.detach();
}

// ---------------------------------------------------------------------------------------------
// Report

function spread(values: readonly number[], digits = 1): string {
  if (values.length < 2) return '';
  return `${round(Math.min(...values), digits)}–${round(Math.max(...values), digits)}`;
}

async function main(): Promise<void> {
  build();
  const bundle = initialJs();
  const server = await serve();
  const stop = (): void => stopServer(server);
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  let browser: Browser | undefined;
  try {
    browser = await launch();
    const startups: number[] = [];
    const fcps: number[] = [];
    for (let i = 0; i < STARTUP_SAMPLES; i++) {
      const s = await startupSample(browser);
      startups.push(s.firstDraw);
      fcps.push(s.fcp);
      console.error(`startup ${i + 1}/${STARTUP_SAMPLES}: first map ${round(s.firstDraw)} ms`);
    }
    const resize = await resizeSample(browser);
    console.error(
      `resize: ${RESIZES} resizes, longest script call per resize median ${round(median(resize.scriptMs))} ms, ` +
        `${resize.longTasks} long tasks`,
    );
    const busy: BusyResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const last = i === RUNS - 1;
      const r = await busyScene(
        browser,
        process.env.BENCH_TRACE_OUT?.replace(/(\.json)?$/, `.${i + 1}.json`),
        last ? process.env.BENCH_CPU_PROFILE : undefined,
      );
      busy.push(r);
      console.error(
        `busy ${i + 1}/${RUNS}: ${r.transfersStart}→${r.transfersEnd} transfers, ${r.replicasReady} replicas, ` +
          `${r.trace.frames} frames, script p95 ${round(r.trace.frameScriptP95Ms, 2)} ms, ` +
          `long tasks ${r.trace.longTasks} (observer ${r.observedLongTasks}), ` +
          `max message ${round(r.probe.max / 1024)} KiB (${r.probe.maxType})`,
      );
    }

    const fleet = FLEET_MS > 0 ? await fleetScene(browser) : undefined;
    if (fleet)
      console.error(
        `fleet at ${FLEET_SPEED}×: clock ran at ${round(fleet.simSpeed)}×, ${fleet.trace.frames} frames, ` +
          `script p95 ${round(fleet.trace.frameScriptP95Ms, 2)} ms, long tasks ${fleet.trace.longTasks}`,
      );

    const col = <T>(f: (r: BusyResult) => T): T[] => busy.map(f);
    const p95s = col((r) => r.trace.frameScriptP95Ms);
    const longs = col((r) => r.trace.longTasks);
    const msgs = col((r) => r.probe.max / 1024);
    const drainMsgs = col((r) => r.drainProbe.max / 1024);
    const result = {
      'ui.startupMs': round(median(startups)),
      'ui.frameScriptP95Ms': round(median(p95s), 2),
      'ui.longTasks': median(longs),
      'bundle.initialJsGzipKiB': round(bundle.gzipBytes / 1024),
      'worker.maxMessageKiB': round(median(msgs)),
      // Extras
      runs: RUNS,
      startupSamples: STARTUP_SAMPLES,
      'ui.startupMinMs': round(Math.min(...startups)),
      'ui.startupMaxMs': round(Math.max(...startups)),
      'ui.firstContentfulPaintMs': round(median(fcps)),
      'ui.frameScriptP95RunsMs': p95s.map((v) => round(v, 2)),
      'ui.frameScriptP50Ms': round(median(col((r) => r.trace.frameScriptP50Ms)), 2),
      'ui.frameScriptMaxMs': round(median(col((r) => r.trace.frameScriptMaxMs)), 1),
      'ui.framesPerSecond': round(median(col((r) => r.trace.frames / (r.trace.windowMs / 1000)))),
      'ui.scriptMsPerSecond': round(median(col((r) => r.trace.scriptMsPerSecond))),
      'ui.mainThreadBusyPct': round(median(col((r) => r.trace.mainBusyPct))),
      'ui.longestTaskMs': round(median(col((r) => r.trace.longestTaskMs))),
      'ui.frameScriptCpuP95Ms': round(median(col((r) => r.trace.frameScriptCpuP95Ms)), 2),
      'ui.mainThreadCpuPct': round(median(col((r) => r.trace.mainCpuPct))),
      'ui.longTasksRuns': longs,
      'ui.longTasksCpu': median(col((r) => r.trace.longTasksCpu)),
      'ui.longTasksCpuRuns': col((r) => r.trace.longTasksCpu),
      'ui.longestTaskCpuMs': round(median(col((r) => r.trace.longestTaskCpuMs))),
      'ui.longTasksObserverRuns': col((r) => r.observedLongTasks),
      'ui.longTaskParts': busy.flatMap((r) => r.trace.longTaskParts),
      'ui.busyTransfers': col((r) => `${r.transfersStart}→${r.transfersEnd}`),
      'ui.busyReplicas': median(col((r) => r.replicasReady)),
      'ui.busySpeed': BUSY_SPEED,
      'ui.busyWindowS': BUSY_MS / 1000,
      'ui.busySetupS': round(median(col((r) => r.setupMs / 1000))),
      'ui.scriptByEventMs': busy[busy.length - 1]!.trace.scriptByEvent,
      'ui.mainThreadCpuMsPerFrame': busy[busy.length - 1]!.trace.cpuPerFrameByEvent,
      'bundle.initialJsFiles': bundle.files,
      'bundle.initialJsRawKiB': round(bundle.rawBytes / 1024),
      'worker.maxMessageType': busy[busy.length - 1]!.probe.maxType,
      'worker.maxMessageByTypeKiB': Object.fromEntries(
        Object.entries(busy[busy.length - 1]!.probe.maxByType).map(([k, v]) => [k, round(v / 1024, 2)]),
      ),
      'worker.maxMessageHead': busy[busy.length - 1]!.probe.maxHead,
      'worker.drainMaxMessageKiB': round(median(drainMsgs)),
      'worker.drainMaxMessageType': busy[busy.length - 1]!.drainProbe.maxType,
      'worker.drainMaxByTypeKiB': Object.fromEntries(
        Object.entries(busy[busy.length - 1]!.drainProbe.maxByType).map(([k, v]) => [k, round(v / 1024, 2)]),
      ),
      'ui.drainLongTasksRuns': col((r) => r.drainLongTasks.length),
      'ui.drainLongestTaskMs': round(
        median(col((r) => Math.max(0, ...r.drainLongTasks.map((t) => t.duration)))),
      ),
      'ui.fleetFrameScriptP95Ms': fleet ? round(fleet.trace.frameScriptP95Ms, 2) : null,
      'ui.fleetLongTasks': fleet?.trace.longTasks ?? null,
      'ui.fleetLongestTaskMs': fleet ? round(fleet.trace.longestTaskMs) : null,
      'ui.fleetMainThreadBusyPct': fleet ? round(fleet.trace.mainBusyPct) : null,
      'ui.fleetClockSpeed': fleet ? round(fleet.simSpeed) : null,
      'ui.fleetSpeed': FLEET_SPEED,
      'ui.resizeScriptMs': round(median(resize.scriptMs)),
      'ui.resizeScriptMaxMs': round(Math.max(...resize.scriptMs)),
      'ui.resizeLongTasks': resize.longTasks,
      'ui.resizeLongestTaskMs': round(resize.longestTaskMs),
      'ui.resizes': RESIZES,
      'ui.viewport': `${VIEWPORT.width}x${VIEWPORT.height}@${DPR}x`,
      'machine.cores': cpus().length,
      'machine.loadAvgRuns': col((r) => round(r.load, 2)),
      'worker.messagesProbed': median(col((r) => r.probe.count)),
      'worker.probeMsPerMessage': round(median(col((r) => r.probe.ms / Math.max(1, r.probe.count))), 3),
    };

    const status = (key: keyof typeof BUDGETS): string => (result[key] <= BUDGETS[key] ? 'ok' : 'OVER');
    console.log('');
    printTable([
      ['metric', 'median', 'spread', 'budget', ''],
      ['ui.startupMs', String(result['ui.startupMs']), spread(startups), '≤ 1500', status('ui.startupMs')],
      [
        'ui.frameScriptP95Ms',
        String(result['ui.frameScriptP95Ms']),
        spread(p95s, 2),
        '≤ 10',
        status('ui.frameScriptP95Ms'),
      ],
      ['ui.longTasks', String(result['ui.longTasks']), spread(longs, 0), '0', status('ui.longTasks')],
      [
        'bundle.initialJsGzipKiB',
        String(result['bundle.initialJsGzipKiB']),
        '',
        '≤ 300',
        status('bundle.initialJsGzipKiB'),
      ],
      [
        'worker.maxMessageKiB',
        String(result['worker.maxMessageKiB']),
        spread(msgs),
        '≤ 100',
        status('worker.maxMessageKiB'),
      ],
      ['  frame script p50 ms', String(result['ui.frameScriptP50Ms']), '', '', ''],
      ['  frame script max ms', String(result['ui.frameScriptMaxMs']), '', '', ''],
      ['  frames per second', String(result['ui.framesPerSecond']), '', '', ''],
      ['  script ms per second', String(result['ui.scriptMsPerSecond']), '', '', ''],
      ['  main thread busy %', String(result['ui.mainThreadBusyPct']), '', '', ''],
      ['  longest task ms', String(result['ui.longestTaskMs']), '', '', ''],
      ['  frame script CPU p95 ms', String(result['ui.frameScriptCpuP95Ms']), '', '', ''],
      ['  main thread CPU %', String(result['ui.mainThreadCpuPct']), '', '', ''],
      [
        '  tasks over 50 ms of CPU',
        String(result['ui.longTasksCpu']),
        spread(result['ui.longTasksCpuRuns'], 0),
        '',
        '',
      ],
      ['  longest task CPU ms', String(result['ui.longestTaskCpuMs']), '', '', ''],
      ['  drain: max message KiB', String(result['worker.drainMaxMessageKiB']), spread(drainMsgs), '', ''],
      ['  drain: long tasks (observer)', result['ui.drainLongTasksRuns'].join(' '), '', '', ''],
      ['  first contentful paint ms', String(result['ui.firstContentfulPaintMs']), spread(fcps), '', ''],
      [
        `  resize: script ms (${RESIZES} resizes)`,
        String(result['ui.resizeScriptMs']),
        `max ${result['ui.resizeScriptMaxMs']}`,
        '',
        '',
      ],
      [
        '  resize: long tasks',
        String(result['ui.resizeLongTasks']),
        `longest ${result['ui.resizeLongestTaskMs']} ms`,
        '',
        '',
      ],
      [
        `  fleet at ${FLEET_SPEED}×: frame script p95 ms`,
        String(result['ui.fleetFrameScriptP95Ms'] ?? '-'),
        `clock ${result['ui.fleetClockSpeed'] ?? '-'}×`,
        '',
        '',
      ],
      [
        `  fleet at ${FLEET_SPEED}×: long tasks`,
        String(result['ui.fleetLongTasks'] ?? '-'),
        `longest ${result['ui.fleetLongestTaskMs'] ?? '-'} ms`,
        '',
        '',
      ],
    ]);
    console.log(JSON.stringify(result));
  } finally {
    await browser?.close();
    stop();
  }
}

const analyse = process.argv.indexOf('--analyse');
if (analyse >= 0) {
  // Re-analyse a saved trace: `npx tsx bench/ui.bench.ts --analyse FILE.json`.
  const file = JSON.parse(readFileSync(process.argv[analyse + 1]!, 'utf8')) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(file) ? file : file.traceEvents;
  console.log(
    JSON.stringify(
      process.argv.includes('--resizes') ? analyseResizes(events) : analyseTrace(events),
      null,
      2,
    ),
  );
} else {
  await main();
}
