/**
 * Load-generator benchmark (`npx tsx bench/load.bench.ts`).
 *
 * The requirement: a fleet pulling 10,000 images a minute must simulate for hours in seconds.
 * Load generators model a fleet in aggregate (one scheduler event per generator per simulated
 * second, no event per pull), so the cost depends on simulated time and the number of fleets,
 * not on the pull rate.
 *
 * Scenarios, each warmed up once and then measured BENCH_REPS times (median reported):
 * 1. `single`: the demo registry (eastus + westeurope), one fleet of 10,000 pulls/min through the
 *    global endpoint with backoff (over budget: 50,000 reads/min against 10,000), 6 simulated hours.
 * 2. `busy`: five replicas, ten fleets around the world (global and regional endpoints, with and
 *    without backoff, 2,000 to 100,000 pulls/min, tie-band splits), a 10-minute regional outage
 *    with failover and failback, 6 simulated hours.
 *
 * Strict bound: scenario 1 must take under BENCH_LIMIT_MS (default 3000) of wall time, or the
 * process exits with status 1. The last line is JSON.
 */
import { performance } from 'node:perf_hooks';
import { setRegionOutage } from '../src/engine/health';
import { startLoad } from '../src/engine/load';
import { drain } from '../src/engine/operations';
import { findRegion } from '../src/engine/regions';
import { unwrap } from '../src/engine/result';
import type { Simulation } from '../src/engine/sim';
import { buildAndPush, geoWorld, signedInClient } from '../src/engine/testkit';

const HOURS = 6;
const REPS = Number(process.env.BENCH_REPS ?? 3);
const LIMIT_MS = Number(process.env.BENCH_LIMIT_MS ?? 3000);
const IMAGE = 'myregistry.azurecr.io/web:v1';

function setup(locations: readonly string[]): Simulation {
  const w = geoWorld(locations);
  const dev = signedInClient(w, 'dev', locations[0]!);
  buildAndPush(w, dev, IMAGE, { size: 80_000_000, layers: 3 });
  if (!drain(w.sim, 3_600_000)) throw new Error('did not replicate');
  return w.sim;
}

interface Run {
  readonly wallMs: number;
  readonly pulls: number;
  readonly events: number;
  readonly logEvents: number;
}

function measure(sim: Simulation, during?: (sim: Simulation) => void): Run {
  const executed = sim.scheduler.executed;
  const logged = sim.log.length;
  const t0 = performance.now();
  if (during) during(sim);
  else sim.advance(HOURS * 3_600_000);
  const wallMs = performance.now() - t0;
  let pulls = 0;
  for (const g of sim.loads.values()) pulls += g.counts.issued;
  return { wallMs, pulls, events: sim.scheduler.executed - executed, logEvents: sim.log.length - logged };
}

function single(): Run {
  const sim = setup(['eastus', 'westeurope']);
  unwrap(
    startLoad(sim, {
      name: 'fleet',
      location: 'eastus',
      pullsPerMinute: 10_000,
      image: IMAGE,
      retry: 'backoff',
    }),
  );
  return measure(sim);
}

function busy(): Run {
  const sim = setup(['eastus', 'westeurope', 'northeurope', 'japaneast', 'australiaeast']);
  unwrap(sim.config.set('routing.tieBand', '25%'));
  const fleets: Array<[string, string, number, string, 'none' | 'backoff']> = [
    ['us1', 'eastus', 10_000, IMAGE, 'backoff'],
    ['us2', 'eastus2', 2_000, IMAGE, 'none'],
    ['uk', 'uksouth', 8_000, IMAGE, 'backoff'],
    ['fr', 'francecentral', 4_000, 'myregistry.westeurope.geo.azurecr.io/web:v1', 'none'],
    ['ie', 'northeurope', 3_000, 'myregistry.northeurope.geo.azurecr.io/web:v1', 'backoff'],
    ['jp', 'japaneast', 100_000, IMAGE, 'backoff'],
    ['kr', 'koreacentral', 5_000, IMAGE, 'none'],
    ['au', 'australiaeast', 2_500, IMAGE, 'backoff'],
    ['br', 'brazilsouth', 6_000, IMAGE, 'backoff'],
    ['in', 'centralindia', 7_000, IMAGE, 'none'],
  ];
  for (const [name, location, rate, image, retry] of fleets)
    unwrap(startLoad(sim, { name, location, pullsPerMinute: rate, image, retry }));
  const westeurope = findRegion('westeurope')!.name;
  return measure(sim, (s) => {
    s.advance(3_600_000);
    setRegionOutage(s, westeurope, true);
    s.advance(600_000);
    setRegionOutage(s, westeurope, false);
    s.advance(HOURS * 3_600_000 - 4_200_000);
  });
}

function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)]!;
}

function main(): void {
  const results: Record<string, Run> = {};
  for (const [name, fn] of [
    ['single', single],
    ['busy', busy],
  ] as const) {
    fn(); // warm-up
    const runs = Array.from({ length: REPS }, fn);
    const m = median(runs);
    results[name] = m;
    const simSeconds = HOURS * 3600;
    console.log(
      `${name.padEnd(7)} ${HOURS} simulated hours in ${m.wallMs.toFixed(0)} ms wall ` +
        `(${Math.round(simSeconds / (m.wallMs / 1000)).toLocaleString('en-US')}× real time), ` +
        `${m.pulls.toLocaleString('en-US')} pulls, ${m.events.toLocaleString('en-US')} scheduler events, ` +
        `${m.logEvents.toLocaleString('en-US')} log events; runs: ${runs.map((r) => r.wallMs.toFixed(0)).join(', ')} ms`,
    );
  }
  const ok = results.single!.wallMs < LIMIT_MS;
  console.log(
    `10,000 pulls/min for ${HOURS} h: ${results.single!.wallMs.toFixed(0)} ms (limit ${LIMIT_MS} ms): ${ok ? 'met' : 'NOT met'}`,
  );
  console.log(
    JSON.stringify({
      'load.single6hMs': Math.round(results.single!.wallMs),
      'load.busy6hMs': Math.round(results.busy!.wallMs),
      'load.single6hPulls': results.single!.pulls,
      'load.busy6hPulls': results.busy!.pulls,
    }),
  );
  if (!ok) process.exitCode = 1;
}

main();
