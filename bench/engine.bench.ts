/**
 * Engine throughput benchmark (`npm run bench:engine`).
 *
 * An "event" is one scheduler action executed (`Scheduler.executed`): a process step after a
 * delay, a link completion check (including stale ones the link ignores), a deferred notify
 * pass, a health timer. It is not a log entry and not a request.
 *
 * 1. Engine: one Premium registry with 5 Ready replicas on five continents and 20 clients
 *    logged in to the global endpoint, each running 3 concurrent workers that push pre-built
 *    images (most on a shared base image, so base layers are shared) and pull images other
 *    regions pushed, while replication copies every push to the other 4 replicas. Images are
 *    built before the clock starts: hashing digests is `docker build`'s work, not the engine's.
 *    The timed loop does include the workers' own steps (planPush/planPull parse the reference,
 *    picking what to pull), a few percent of the total.
 * 2. Bare heap: a fresh Scheduler executing the same number of trivial actions, each scheduling
 *    the next, at the engine run's mean heap size. The ratio engine/bare is what the world model
 *    costs on top of the event queue. The action is one long-lived function, as the engine's
 *    actions are long-lived objects (a request, a replication job, a process's resume function):
 *    up to the fifth round the bare loop allocated a closure per event, which the engine had
 *    stopped doing, and that made the bare loop ~1.5x slower and the ratio ~1.5x too kind.
 *
 * Each is warmed up, then measured 3 times; the median is reported. The bare loop is short, so
 * each of its 3 figures is itself the median of 5 timings. The last line is JSON. The
 * table also shows each run's process CPU time (all threads, GC helpers included): on a shared
 * machine it is steadier than wall time for comparing two builds.
 * BENCH_PUSHES=N (default 800) scales the run, e.g. for profiling a shorter one.
 * BENCH_PROFILE=FILE.cpuprofile records a CPU profile of the measured runs' timed loops only
 * (not the setup, image builds or the bare loop); open it in Chrome DevTools.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { addClient, buildImage, login } from '../src/engine/clients';
import type { Client } from '../src/engine/client';
import { planPull, planPush, pullImage, pushImage } from '../src/engine/dataplane';
import { createRegistry, createReplica } from '../src/engine/lifecycle';
import { drain } from '../src/engine/operations';
import { delay, type Process } from '../src/engine/process';
import type { Registry } from '../src/engine/registry';
import { unwrap } from '../src/engine/result';
import { Rng } from '../src/engine/rng';
import { Scheduler } from '../src/engine/scheduler';
import { Simulation } from '../src/engine/sim';

const SEED = 20_240_611;
/** Pushes per worker in a measured run; sized so one run executes about 3 million events. */
const PUSHES_PER_WORKER = Number(process.env.BENCH_PUSHES ?? 800);
const WARMUP_PUSHES_PER_WORKER = Math.max(1, Math.round(PUSHES_PER_WORKER / 4));
const WORKERS_PER_CLIENT = 3;
const REPETITIONS = 3;
/** Bare-loop timings per engine run (odd; the median is used, see `medianBare`). */
const BARE_REPEATS = 5;
/**
 * Replication capacity into each replica. The 200 Mbit/s default cannot keep up with 20 clients
 * pushing at 100 Mbit/s: the backlog (and the engine's per-event cost) would grow without bound,
 * so the run would measure a queue explosion rather than a steady state.
 */
const REPLICATION_BANDWIDTH = 1e9;
/** Pause after each push or pull, uniform in [0, THINK_MS): CI jobs do not push back to back. */
const THINK_MS = 20_000;
/** Simulated time advanced per `runUntil` call; the stop condition is checked between chunks. */
const CHUNK_MS = 1_000;

const REPLICA_REGIONS = ['eastus', 'westeurope', 'southeastasia', 'brazilsouth', 'australiaeast'];
const CLIENT_REGIONS = [
  'eastus',
  'eastus2',
  'centralus',
  'westus2',
  'canadacentral',
  'brazilsouth',
  'chilecentral',
  'westeurope',
  'northeurope',
  'uksouth',
  'germanywestcentral',
  'swedencentral',
  'southafricanorth',
  'uaenorth',
  'centralindia',
  'southeastasia',
  'japaneast',
  'koreacentral',
  'australiaeast',
  'newzealandnorth',
];
const BASE_FLAVORS = ['debian', 'alpine', 'ubuntu'];

interface Published {
  readonly ref: string;
  readonly client: string;
  readonly at: number;
}

interface EngineRun {
  readonly events: number;
  readonly wallMs: number;
  /** CPU time of the process during the timed loop (all threads, so GC helpers count). */
  readonly cpuMs: number;
  readonly simMs: number;
  readonly setupMs: number;
  readonly pushes: number;
  readonly pushFailures: number;
  readonly pulls: number;
  readonly pullFailures: number;
  readonly meanPending: number;
  readonly maxPending: number;
  readonly logEvents: number;
  readonly replications: number;
  readonly lagMeanMs: number;
  readonly lagMaxMs: number;
  readonly failures: string;
  readonly fingerprint: string;
}

interface World {
  readonly sim: Simulation;
  readonly registry: Registry;
  readonly clients: Client[];
}

function buildWorld(): World {
  const sim = new Simulation({ seed: SEED });
  const registry = unwrap(
    createRegistry(sim, {
      name: 'benchregistry',
      location: REPLICA_REGIONS[0]!,
      sku: 'Premium',
      resourceGroup: 'bench',
      regionalEndpoints: true,
    }),
  );
  for (const location of REPLICA_REGIONS.slice(1)) unwrap(createReplica(sim, registry, { location }));
  if (!drain(sim, 3_600_000)) throw new Error('replicas did not become ready within an hour');
  // Existing links keep their capacity; set it on each replica's inbound link as well.
  unwrap(sim.config.set('replication.bandwidth', REPLICATION_BANDWIDTH));
  for (const r of registry.replicas.values()) r.inbound.setCapacity(REPLICATION_BANDWIDTH);
  const clients: Client[] = [];
  CLIENT_REGIONS.forEach((location, i) => {
    const name = `c${String(i).padStart(2, '0')}-${location}`;
    const client = unwrap(addClient(sim, { name, location }));
    unwrap(login(sim, client, registry.loginServer, 'admin'));
    clients.push(client);
  });
  return { sim, registry, clients };
}

/**
 * Builds every image the workers will push, before the clock starts. Three in four are a small
 * app layer on the client's base image (whose lower layers are shared by every client of that
 * flavour); the rest are standalone multi-layer images.
 */
function prebuild(world: World, rng: Rng, pushesPerWorker: number): string[][] {
  const { sim, registry, clients } = world;
  const queues: string[][] = [];
  clients.forEach((client, ci) => {
    const base = `${registry.loginServer}/base/${BASE_FLAVORS[ci % BASE_FLAVORS.length]}:1`;
    unwrap(buildImage(sim, client, base, { size: 90_000_000, layers: 3 }));
    for (let w = 0; w < WORKERS_PER_CLIENT; w++) {
      const queue: string[] = [];
      for (let n = 0; n < pushesPerWorker; n++) {
        const ref = `${registry.loginServer}/apps/${client.name}-w${w}:b${n}`;
        if (rng.next() < 0.75) {
          unwrap(buildImage(sim, client, ref, { base, size: 2_000_000 + rng.int(30_000_000) }));
        } else {
          const layers = 2 + rng.int(3);
          unwrap(buildImage(sim, client, ref, { size: 10_000_000 + rng.int(60_000_000), layers }));
        }
        queue.push(ref);
      }
      queues.push(queue);
    }
  });
  return queues;
}

interface Stats {
  pushes: number;
  pushFailures: number;
  pulls: number;
  pullFailures: number;
  workersDone: number;
  /** Failure codes of pushes and pulls, with counts. */
  failures: Map<string, number>;
}

function countFailure(stats: Stats, op: string, code: string | undefined): void {
  const key = `${op} ${code ?? '?'}`;
  stats.failures.set(key, (stats.failures.get(key) ?? 0) + 1);
}

/** Among images another client published at least `minAgeMs` ago, a recent one (or none). */
function pickPull(published: readonly Published[], self: string, now: number, rng: Rng): string | undefined {
  const minAgeMs = 60_000;
  // `published` is in completion order, so binary-search the newest old-enough entry.
  let lo = 0;
  let hi = published.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (published[mid]!.at <= now - minAgeMs) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const p = published[lo - 1 - rng.int(Math.min(lo, 400))]!;
    if (p.client !== self) return p.ref;
  }
  return undefined;
}

function* worker(
  sim: Simulation,
  client: Client,
  queue: readonly string[],
  published: Published[],
  rng: Rng,
  stats: Stats,
): Process<void> {
  yield delay(rng.int(5_000));
  for (const ref of queue) {
    const plan = unwrap(planPush(sim, client, ref));
    const pushed = yield* pushImage(sim, client, plan);
    stats.pushes++;
    if (pushed.ok) published.push({ ref, client: client.name, at: sim.now });
    else {
      stats.pushFailures++;
      countFailure(stats, 'push', pushed.error?.code);
    }
    yield delay(rng.int(THINK_MS));
    if (rng.next() < 0.5) {
      const target = pickPull(published, client.name, sim.now, rng);
      if (target !== undefined) {
        const pulled = yield* pullImage(sim, client, unwrap(planPull(sim, target)));
        stats.pulls++;
        if (!pulled.ok) {
          stats.pullFailures++;
          countFailure(stats, 'pull', pulled.error?.code);
        }
        yield delay(rng.int(THINK_MS));
      }
    }
  }
  stats.workersDone++;
}

/** FNV-1a over the event log, the clock and the event count: equal runs print equal values. */
function fingerprint(sim: Simulation): string {
  let h = 0x811c9dc5;
  const mix = (x: number): void => {
    h = Math.imul(h ^ (x & 0xffff), 0x01000193);
    h = Math.imul(h ^ (x >>> 16), 0x01000193);
  };
  const mixStr = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  for (const e of sim.log.events) {
    mix(Math.round(e.t * 1000));
    mixStr(e.kind);
    if (e.kind === 'request') {
      mix(e.status);
      mixStr(e.location);
    }
  }
  mix(sim.scheduler.executed);
  mix(Math.round(sim.now));
  return (h >>> 0).toString(16).padStart(8, '0');
}

const PROFILE_FILE = process.env.BENCH_PROFILE;
/** The in-process inspector; its messages are handled synchronously on this thread. */
let profiler: Session | undefined;

function profilerPost(method: string): unknown {
  let out: unknown;
  profiler!.post(method, (err, result) => {
    if (err) throw err;
    out = result;
  });
  return out;
}

function runEngine(pushesPerWorker: number, profile = false): EngineRun {
  const setupStart = performance.now();
  const world = buildWorld();
  const { sim, registry, clients } = world;
  const rng = new Rng(SEED).split('bench');
  const queues = prebuild(world, rng.split('build'), pushesPerWorker);
  const published: Published[] = [];
  const stats: Stats = {
    pushes: 0,
    pushFailures: 0,
    pulls: 0,
    pullFailures: 0,
    workersDone: 0,
    failures: new Map(),
  };
  let q = 0;
  for (const client of clients) {
    for (let w = 0; w < WORKERS_PER_CLIENT; w++) {
      const workerRng = rng.split(`${client.name}/${w}`);
      sim.spawn(worker(sim, client, queues[q++]!, published, workerRng, stats));
    }
  }
  const workers = q;
  const scheduler = sim.scheduler;
  const simStart = sim.now;
  const eventsStart = scheduler.executed;
  const setupMs = performance.now() - setupStart;

  let pendingSum = 0;
  let pendingSamples = 0;
  let maxPending = 0;
  if (profile) profilerPost('Profiler.start');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (stats.workersDone < workers || registry.pending.size > 0) {
    scheduler.runUntil(scheduler.now + CHUNK_MS);
    const p = scheduler.pending;
    pendingSum += p;
    pendingSamples++;
    if (p > maxPending) maxPending = p;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (profile) {
    const { profile: data } = profilerPost('Profiler.stop') as { profile: unknown };
    writeFileSync(PROFILE_FILE!, JSON.stringify(data));
  }

  let replications = 0;
  let lagSum = 0;
  let lagMax = 0;
  const log = sim.log;
  for (let seq = 0; seq < log.length; seq++) {
    if (log.kindAt(seq) !== 'replication.applied') continue;
    const e = log.at(seq)!;
    if (e.kind !== 'replication.applied') continue;
    replications++;
    lagSum += e.lagMs;
    if (e.lagMs > lagMax) lagMax = e.lagMs;
  }
  return {
    events: scheduler.executed - eventsStart,
    wallMs,
    cpuMs,
    simMs: sim.now - simStart,
    setupMs,
    pushes: stats.pushes,
    pushFailures: stats.pushFailures,
    pulls: stats.pulls,
    pullFailures: stats.pullFailures,
    meanPending: pendingSum / Math.max(1, pendingSamples),
    maxPending,
    logEvents: sim.log.length,
    replications,
    lagMeanMs: lagSum / Math.max(1, replications),
    lagMaxMs: lagMax,
    failures: [...stats.failures].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none',
    fingerprint: fingerprint(sim),
  };
}

interface BareRun {
  readonly events: number;
  readonly wallMs: number;
}

/**
 * A fresh Scheduler running `events` trivial actions; each schedules the next (the same
 * function, allocating nothing), so `heapSize` actions stay pending throughout.
 */
function runBare(events: number, heapSize: number): BareRun {
  const s = new Scheduler();
  const rng = new Rng(SEED).split('bare');
  // A mix like the engine's: zero-delay wake-ups, network round trips, transfers, timers.
  const delays = new Float64Array(4096);
  for (let i = 0; i < delays.length; i++) {
    const r = rng.next();
    delays[i] = r < 0.25 ? 0 : r < 0.75 ? rng.next() * 200 : r < 0.95 ? rng.next() * 10_000 : 2_000;
  }
  let scheduled = 0;
  const tick = (): void => {
    if (scheduled < events) {
      scheduled++;
      s.after(delays[scheduled & 4095]!, tick);
    }
  };
  const initial = Math.max(1, Math.min(heapSize, events));
  for (let i = 0; i < initial; i++) {
    scheduled++;
    s.after(delays[i & 4095]!, tick);
  }
  const t0 = performance.now();
  while (s.pending > 0) s.runUntil(s.now + CHUNK_MS);
  const wallMs = performance.now() - t0;
  return { events: s.executed, wallMs };
}

/**
 * The bare loop, timed BARE_REPEATS times with the median kept. One bare run lasts about a
 * tenth of an engine run, so a single pause of the machine moves it (and the ratio) far more: on
 * a shared 2-core machine single runs ranged over 2x while the engine run beside them moved 20 %.
 */
function medianBare(events: number, heapSize: number): BareRun {
  const runs: BareRun[] = [];
  for (let i = 0; i < BARE_REPEATS; i++) runs.push(runBare(events, heapSize));
  return runs.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(BARE_REPEATS / 2)]!;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmtInt = (x: number): string => Math.round(x).toLocaleString('en-US');

function main(): void {
  const totalStart = performance.now();
  console.log(
    `engine bench: node ${process.version}, ${REPLICA_REGIONS.length} replicas, ${CLIENT_REGIONS.length} clients x ${WORKERS_PER_CLIENT} workers, ${PUSHES_PER_WORKER} pushes per worker`,
  );

  // Warm-up: a quarter-size engine run and a bare loop, so both are optimised before measuring.
  const warm = runEngine(WARMUP_PUSHES_PER_WORKER);
  runBare(warm.events, Math.round(warm.meanPending));
  console.log(
    `warm-up: ${fmtInt(warm.events)} events in ${warm.wallMs.toFixed(0)} ms (${fmtInt((warm.events / warm.wallMs) * 1000)} events/s)`,
  );

  const engineRuns: EngineRun[] = [];
  const bareRuns: BareRun[] = [];
  if (PROFILE_FILE) {
    profiler = new Session();
    profiler.connect();
    profilerPost('Profiler.enable');
  }
  for (let i = 0; i < REPETITIONS; i++) {
    // Profiles the last measured run (each one overwrites the file).
    const run = runEngine(PUSHES_PER_WORKER, PROFILE_FILE !== undefined && i === REPETITIONS - 1);
    engineRuns.push(run);
    bareRuns.push(medianBare(run.events, Math.round(run.meanPending)));
  }
  const prints = new Set(engineRuns.map((r) => `${r.fingerprint}/${r.events}`));
  if (prints.size !== 1) throw new Error(`engine runs differ: ${[...prints].join(', ')} (not deterministic)`);

  const rows = engineRuns.map((r, i) => {
    const b = bareRuns[i]!;
    const engineRate = (r.events / r.wallMs) * 1000;
    const bareRate = (b.events / b.wallMs) * 1000;
    return { r, b, engineRate, bareRate, ratio: r.wallMs / r.events / (b.wallMs / b.events) };
  });
  const engineRate = median(rows.map((x) => x.engineRate));
  const bareRate = median(rows.map((x) => x.bareRate));
  const ratio = median(rows.map((x) => x.ratio));
  const run = engineRuns[0]!;

  const table: Array<[string, string]> = [
    ['simulated time', `${(run.simMs / 3_600_000).toFixed(2)} h`],
    ['scheduler events per run', fmtInt(run.events)],
    ['log entries per run', fmtInt(run.logEvents)],
    ['pushes (failed)', `${fmtInt(run.pushes)} (${fmtInt(run.pushFailures)})`],
    ['pulls (failed)', `${fmtInt(run.pulls)} (${fmtInt(run.pullFailures)})`],
    ['replications applied', fmtInt(run.replications)],
    [
      'replication lag mean / max',
      `${(run.lagMeanMs / 1000).toFixed(1)} s / ${(run.lagMaxMs / 1000).toFixed(1)} s`,
    ],
    ['failures', run.failures],
    ['events per push or pull', (run.events / (run.pushes + run.pulls)).toFixed(1)],
    ['heap size mean / max', `${fmtInt(run.meanPending)} / ${fmtInt(run.maxPending)}`],
    ['setup (world + image builds, untimed)', `${run.setupMs.toFixed(0)} ms`],
    ['run fingerprint', run.fingerprint],
  ];
  console.log('');
  for (const [k, v] of table) console.log(`  ${k.padEnd(40)} ${v}`);
  console.log('');
  console.log(
    `  ${'rep'.padEnd(5)}${'engine ms'.padStart(11)}${'engine ev/s'.padStart(14)}${'bare ms'.padStart(10)}${'bare ev/s'.padStart(14)}${'ratio'.padStart(8)}${'engine cpu ms'.padStart(15)}`,
  );
  rows.forEach((x, i) => {
    console.log(
      `  ${String(i + 1).padEnd(5)}${x.r.wallMs.toFixed(0).padStart(11)}${fmtInt(x.engineRate).padStart(14)}${x.b.wallMs.toFixed(0).padStart(10)}${fmtInt(x.bareRate).padStart(14)}${x.ratio.toFixed(2).padStart(8)}${x.r.cpuMs.toFixed(0).padStart(15)}`,
    );
  });
  console.log(
    `  ${'med'.padEnd(5)}${''.padStart(11)}${fmtInt(engineRate).padStart(14)}${''.padStart(10)}${fmtInt(bareRate).padStart(14)}${ratio.toFixed(2).padStart(8)}`,
  );
  console.log('');
  console.log(
    `engine: ${fmtInt(engineRate)} events/s (goal 1,000,000: ${engineRate >= 1e6 ? 'met' : 'NOT met'}); bare heap: ${fmtInt(bareRate)} events/s; engine costs ${ratio.toFixed(2)}x a bare heap event. Total ${((performance.now() - totalStart) / 1000).toFixed(1)} s.`,
  );
  console.log(
    JSON.stringify({
      'engine.eventsPerSecond': Math.round(engineRate),
      'engine.bareHeapRatio': Number(ratio.toFixed(3)),
      'bareHeap.eventsPerSecond': Math.round(bareRate),
    }),
  );
}

main();
