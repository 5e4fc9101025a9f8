/**
 * Fleet-day benchmark (`npm run bench` runs it; alone: `npx tsx bench/fleet-day.bench.ts`).
 *
 * The standard fleet, built and run through the console language exactly as the headless runner
 * (`npm run sim`) would run a script of these lines, in one Node process:
 * 1. Set-up: a Premium registry in East US with 19 more replicas (20 in all), a 1 Gbit/s CI client that
 *    builds and pushes 500 images (50 repositories x 10 tags, each a 3-layer image; the pushes
 *    replicate to the 19 other replicas), then waits until the last one has replicated.
 * 2. The day: three load generators totalling 10,000 pulls per minute (East US 5,000 through the
 *    global endpoint with backoff, West Europe 3,000 global with backoff, Southeast Asia 2,000
 *    through its regional endpoint), then `sim advance 24h`, `sim load list` and `sim throttle`.
 *
 * `fleetDay.wallSeconds` is the wall time of the whole script (set-up and day; not Node's start-up
 * or module loading). The split is printed as extras. The transcript is fingerprinted (FNV-1a) and
 * the pull counts checked, so a faster run that did something else would be noticed. The last line
 * is one JSON object. Env: BENCH_REPS (1 run per process by default; `bench/run.ts` starts several
 * processes and takes the median).
 */
import { performance } from 'node:perf_hooks';
import { createCommandTree, Session } from '../src/commands';
import { FLEET_REGIONS, fleetLoadLines } from './fleet';

const SEED = 1;
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 1));
const REGISTRY = 'fleet';
const HOST = `${REGISTRY}.azurecr.io`;
const REPOSITORIES = 50;
const TAGS = 10;
const IMAGES = REPOSITORIES * TAGS;
const imageRef = (i: number): string => `${HOST}/svc${i % REPOSITORIES}:v${Math.floor(i / REPOSITORIES)}`;

/** Lines that build the world: registry, replicas, client, 500 images pushed and replicated. */
function setupLines(): string[] {
  const lines = [
    `az acr create -n ${REGISTRY} -l ${FLEET_REGIONS[0]} --sku Premium --regional-endpoints enabled`,
    ...FLEET_REGIONS.slice(1).map((r) => `az acr replication create -r ${REGISTRY} -l ${r} --no-wait`),
    'sim advance 1h',
    'sim client add ci --location eastus --bandwidth 1Gbit/s',
    'sim client use ci',
    `az acr login -n ${REGISTRY}`,
  ];
  for (let i = 0; i < IMAGES; i++) {
    lines.push(`docker build -t ${imageRef(i)} --size ${20 + (i % 7) * 10}MB --layers 3 .`);
    lines.push(`docker push ${imageRef(i)}`);
  }
  lines.push(`sim wait replicated ${imageRef(IMAGES - 1)}`);
  return lines;
}

/** Three fleets, 10,000 pulls a minute in all, then 24 simulated hours. */
function dayLines(): string[] {
  return [
    // The first three images: svc0:v0, svc1:v0, svc2:v0.
    ...fleetLoadLines(REGISTRY, (i) => `svc${i}:v0`),
    'sim advance 24h',
    'sim load list',
    'sim throttle',
  ];
}

interface Run {
  readonly setupMs: number;
  readonly dayMs: number;
  readonly totalMs: number;
  readonly events: number;
  readonly logEvents: number;
  readonly pulls: number;
  readonly failedLines: string[];
  readonly fingerprint: string;
  readonly tail: string[];
}

function fnv(lines: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 10, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function runOnce(): Run {
  const transcript: string[] = [];
  const sink = (line: string): void => {
    transcript.push(line);
  };
  const failedLines: string[] = [];
  const t0 = performance.now();
  const session = new Session({ seed: SEED, tree: createCommandTree() });
  const run = (line: string): void => {
    const from = transcript.push(`${session.prompt()}${line}`) - 1;
    if (session.runLine(line, sink) !== 0) failedLines.push(transcript.slice(from, from + 12).join('\n'));
  };
  for (const line of setupLines()) run(line);
  const t1 = performance.now();
  for (const line of dayLines()) run(line);
  const t2 = performance.now();
  let pulls = 0;
  for (const g of session.sim.loads.values()) pulls += g.counts.issued;
  return {
    setupMs: t1 - t0,
    dayMs: t2 - t1,
    totalMs: t2 - t0,
    events: session.sim.scheduler.executed,
    logEvents: session.sim.log.length,
    pulls,
    failedLines,
    fingerprint: fnv(transcript),
    tail: transcript.slice(-12),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function main(): void {
  const runs = Array.from({ length: REPS }, runOnce);
  const prints = new Set(runs.map((r) => r.fingerprint));
  if (prints.size !== 1) throw new Error(`fleet-day runs differ: ${[...prints].join(', ')}`);
  const r = runs[0]!;
  if (r.failedLines.length > 0)
    throw new Error(
      `${r.failedLines.length} command(s) failed, first:\n${r.failedLines.slice(0, 3).join('\n')}`,
    );
  // 24 h x 10,000 pulls/min, minus at most a few pulls of rounding per generator.
  if (Math.abs(r.pulls - 24 * 60 * 10_000) > 10) throw new Error(`expected 14,400,000 pulls, got ${r.pulls}`);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(r.tail.join('\n'));
  console.log('');
  console.log(
    `fleet day: ${FLEET_REGIONS.length} replicas, ${IMAGES} images, 3 fleets at 10,000 pulls/min for 24 h: ` +
      `${fmt(r.pulls)} pulls, ${fmt(r.events)} scheduler events, ${fmt(r.logEvents)} log entries, transcript ${r.fingerprint}`,
  );
  console.log(
    `wall: total ${(median(runs.map((x) => x.totalMs)) / 1000).toFixed(2)} s ` +
      `(set-up ${(median(runs.map((x) => x.setupMs)) / 1000).toFixed(2)} s, day ${(median(runs.map((x) => x.dayMs)) / 1000).toFixed(2)} s); ` +
      `runs: ${runs.map((x) => (x.totalMs / 1000).toFixed(2)).join(', ')} s`,
  );
  console.log(
    JSON.stringify({
      'fleetDay.wallSeconds': Number((median(runs.map((x) => x.totalMs)) / 1000).toFixed(3)),
      'fleetDay.setupSeconds': Number((median(runs.map((x) => x.setupMs)) / 1000).toFixed(3)),
      'fleetDay.daySeconds': Number((median(runs.map((x) => x.dayMs)) / 1000).toFixed(3)),
      'fleetDay.pulls': r.pulls,
      'fleetDay.events': r.events,
      'fleetDay.fingerprint': r.fingerprint,
    }),
  );
}

main();
