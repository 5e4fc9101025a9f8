/**
 * Time travel in a two-hour session (issue 7): how long a rewind takes, first from the start of
 * the log and then from checkpoint worlds built in idle frames. Prints a table, and with --json a
 * JSON object on the last line. Run: `npm run bench:seek`.
 *
 * The session: the demo world, five more replicas, three load generators totalling 10,000 pulls
 * a minute, and sixty builds, pushes and pulls with an outage every ten minutes, over 2 hours.
 */
import { EngineHost } from '../src/worker/engine-host';

const json = process.argv.includes('--json');
const host = new EngineHost(
  () => undefined,
  () => performance.now(),
);
host.handle({ type: 'init', seed: 1, preset: 'demo' });
let id = 1;
const run = (line: string) => host.handle({ type: 'command', id: id++, line });
const advance = (ms: number) => {
  for (let done = 0; done < ms; done += 5_000) host.handle({ type: 'advance', ms: 5_000 });
};
for (const r of ['japaneast', 'australiaeast', 'brazilsouth', 'northeurope', 'southeastasia'])
  run(`az acr replication create -r myregistry -l ${r}`);
advance(600_000);
run('sim load start a --location eastus --pulls-per-minute 4000 --image myregistry.azurecr.io/web:v1');
run('sim load start b --location westeurope --pulls-per-minute 3000 --image myregistry.azurecr.io/web:v1');
run('sim load start c --location japaneast --pulls-per-minute 3000 --image myregistry.azurecr.io/web:v1');
for (let i = 0; i < 60; i++) {
  run(`docker build -t myregistry.azurecr.io/app${i % 7}:v${i} --size ${50 + i}MB .`);
  run(`docker push myregistry.azurecr.io/app${i % 7}:v${i}`);
  advance(30_000);
  if (i % 10 === 3) run('sim outage start --region westeurope');
  if (i % 10 === 6) run('sim outage stop --region westeurope');
  run(`docker pull myregistry.azurecr.io/app${i % 7}:v${i}`);
  advance(30_000);
}
advance(host.timeline.origin + 7_200_000 - host.sim.now);
const { origin, head } = host.timeline;

function seek(t: number): number {
  const start = performance.now();
  host.handle({ type: 'seek', t });
  return performance.now() - start;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Rewinds from the start of the log (no checkpoints yet): the worst case is the end.
const cold = [seek(head - 1_000), seek(origin + (head - origin) / 2)];
seek(head);
// Idle frames build the checkpoint worlds a few milliseconds at a time.
const buildStart = performance.now();
let frames = 0;
while (host.checkpoints.count < 6 && frames < 100_000) {
  host.handle({ type: 'frameRequest' });
  frames++;
}
const buildMs = performance.now() - buildStart;
// Rewinds to evenly spread points, each back from the head (checkpoints are rebuilt in between).
const warm: number[] = [];
for (let k = 1; k <= 12; k++) {
  warm.push(seek(origin + ((head - origin) * k) / 13));
  seek(head);
  for (let i = 0; i < 400 && host.checkpoints.count < 6; i++) host.handle({ type: 'frameRequest' });
}

const result = {
  'seek.sessionMinutes': Math.round((head - origin) / 60_000),
  'seek.events': host.sim.log.length,
  'seek.coldEndMs': Math.round(cold[0]!),
  'seek.coldMiddleMs': Math.round(cold[1]!),
  'seek.checkpointBuildMs': Math.round(buildMs),
  'seek.checkpointFrames': frames,
  'seek.warmMedianMs': Math.round(median(warm)),
  'seek.warmMaxMs': Math.round(Math.max(...warm)),
};
for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(26)} ${v}`);
if (json) console.log(JSON.stringify(result));
