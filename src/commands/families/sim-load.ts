import {
  findRegistry,
  formatClock,
  formatDuration,
  LOAD_BACKOFF,
  LOAD_RATE_MAX,
  LOAD_RATE_MIN,
  loadCandidates,
  loadServing,
  manifestAt,
  readsPerPull,
  startLoad,
  stopLoad,
  throttleBudget,
  throttleGauge,
  type LoadGenerator,
  type Replica,
  type Simulation,
} from '../../engine';
import { printAz, type TableColumn } from '../format';
import { shown } from '../parse';
import type { CommandSpec } from '../spec';

const OUTPUT_TABLE_FLAG = {
  name: 'output',
  short: 'o',
  type: 'choice',
  choices: ['table', 'json'],
  defaultText: 'table',
  help: 'Output format.',
} as const;

const pct = (part: number, whole: number): string =>
  whole > 0 ? `${Math.round((part / whole) * 100)}%` : '-';

/** `eastus 100%`, `westeurope 52%, northeurope 48%`: where the fleet's pulls go now. */
function servingText(sim: Simulation, gen: LoadGenerator): string {
  const shares = loadServing(sim, gen);
  if (shares.size === 0) return '(not resolved yet)';
  if (gen.endpoint === 'regional') return `${[...shares.keys()][0]} (regional)`;
  return [...shares]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([loc, share]) => `${loc || '(no answer)'} ${Math.round(share * 100)}%`)
    .join(', ');
}

const start: CommandSpec = {
  path: ['sim', 'load', 'start'],
  summary: 'Start a fleet that pulls one image at a steady rate (many nodes, modelled together).',
  details:
    'Each pull is one manifest GET and one GET per blob (config and layers), every one a read against the\n' +
    "serving replica's per-minute budget; over budget the replica answers 429 TOOMANYREQUESTS.\n" +
    'Through the global endpoint the nodes resolve DNS with caching resolvers (dns.ttl) and go to the nearest\n' +
    'replica in the routing pool; through a regional endpoint they always reach that replica.\n' +
    `With --retry backoff a pull that got 429 or failed tries again after 1s, 2s, 4s ... up to 60s, at most\n` +
    `${LOAD_BACKOFF.maxRetries} times. Time moves only with commands: follow up with "sim advance 5m", "sim load list"\n` +
    'and "sim throttle".',
  flags: [
    {
      name: 'location',
      short: 'l',
      type: 'string',
      required: true,
      metavar: 'REGION',
      help: 'Where the fleet is.',
    },
    {
      name: 'pulls-per-minute',
      type: 'int',
      min: LOAD_RATE_MIN,
      max: LOAD_RATE_MAX,
      required: true,
      metavar: 'N',
      help: `Pulls the whole fleet starts per minute (${LOAD_RATE_MIN} to ${LOAD_RATE_MAX}).`,
    },
    {
      name: 'image',
      type: 'string',
      required: true,
      metavar: 'REF',
      help: 'REGISTRY.azurecr.io/REPO:TAG, or a regional host REGISTRY.REGION.geo.azurecr.io/REPO:TAG.',
    },
    {
      name: 'endpoint',
      type: 'choice',
      choices: ['global', 'regional'],
      defaultText: 'the kind of host in --image',
      help: 'regional with a global host uses the regional endpoint of the replica nearest to the fleet.',
    },
    {
      name: 'retry',
      type: 'choice',
      choices: ['none', 'backoff'],
      defaultText: 'none',
      help: 'Whether pulls that got 429 or failed try again with exponential backoff.',
    },
    {
      name: 'duration',
      type: 'duration',
      metavar: 'D',
      defaultText: 'until stopped',
      help: 'Issue new pulls for this long only (a rollout), then finish the retries and stop.',
    },
  ],
  positionals: [{ name: 'NAME', help: 'A name for the fleet.', required: true }],
  examples: [
    'sim load start fleet --location eastus --pulls-per-minute 3000 --image myregistry.azurecr.io/web:v1',
    'sim load start eu --location westeurope --pulls-per-minute 1500 --image myregistry.westeurope.geo.azurecr.io/web:v1',
    'sim load start rollout -l eastus --pulls-per-minute 6000 --duration 1m --retry backoff --image myregistry.azurecr.io/web:v1',
  ],
  run: (ctx, args) => {
    const endpoint = args.str('endpoint');
    const retry = args.str('retry');
    const durationMs = args.num('duration');
    const r = startLoad(ctx.sim, {
      name: args.positionals[0]!,
      location: args.req('location'),
      pullsPerMinute: args.num('pulls-per-minute') ?? NaN,
      image: args.req('image'),
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(retry !== undefined ? { retry } : {}),
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
    if (!r.ok) {
      ctx.out(`sim load start: ${r.error.message}`);
      return 2;
    }
    const gen = r.value;
    const sim = ctx.sim;
    const registry = findRegistry(sim, gen.registryName)!;
    const via = gen.endpoint === 'global' ? 'the global endpoint' : `the regional endpoint ${gen.host}`;
    const retryText =
      gen.retry === 'backoff'
        ? `retrying 429s and failures with backoff (1s, 2s, 4s ... 60s, at most ${LOAD_BACKOFF.maxRetries} times)`
        : 'no retries';
    const span = gen.until === Infinity ? '' : ` for ${formatDuration(gen.until - gen.startedAt)}`;
    ctx.explain(
      `load ${gen.name} started: ${gen.pullsPerMinute} pulls/min${span} of ${gen.image} from ${gen.location} via ${via}; ${retryText}`,
    );
    const targets = loadCandidates(sim, gen);
    const holder = targets.find((t) => manifestAt(t, gen.ref));
    const budget = throttleBudget(sim.config, registry.sku, 'reads');
    if (!holder) {
      ctx.explain(
        targets.length === 0
          ? `no replica of ${registry.name} can answer yet: pulls will fail until one is ready`
          : `${targets.map((t) => t.location).join(' and ')} ${targets.length === 1 ? 'does' : 'do'} not hold ${gen.ref.repository}:${gen.ref.tag ?? gen.ref.digest} yet: pulls get MANIFEST_UNKNOWN until it arrives`,
      );
    } else {
      const k = readsPerPull(manifestAt(holder, gen.ref)!);
      const reads = gen.pullsPerMinute * k;
      const where = targets.length === 1 ? targets[0]!.location : targets.map((t) => t.location).join(' or ');
      ctx.explain(
        `one pull = 1 manifest GET + ${k - 1} blob GETs = ${k} reads, so ${reads} reads/min against ${where}'s budget of ${budget} reads/min per replica`,
      );
      if (targets.length > 1)
        ctx.explain(
          `${targets.map((t) => t.location).join(' and ')} are equally close: DNS splits the fleet between them`,
        );
      else if (reads > budget)
        ctx.explain(
          `that is ${pct(reads, budget)} of the budget: each minute about ${Math.floor(budget / k)} pulls get through, then ${holder.location} answers 429 TOOMANYREQUESTS for the rest of the minute`,
        );
    }
    return 0;
  },
};

const stop: CommandSpec = {
  path: ['sim', 'load', 'stop'],
  summary: 'Stop a fleet; pulls waiting to retry are given up. Prints its final counts.',
  flags: [],
  positionals: [{ name: 'NAME', help: 'A running (or finished) load generator.', required: true }],
  examples: ['sim load stop fleet'],
  run: (ctx, args) => {
    const name = args.positionals[0]!;
    const pending = ctx.sim.loads.get(name)?.counts.inFlight ?? 0;
    const r = stopLoad(ctx.sim, name);
    if (!r.ok) {
      ctx.out(`sim load stop: ${r.error.message}`);
      return 2;
    }
    const gen = r.value;
    const c = gen.counts;
    ctx.explain(
      `load ${gen.name} ${gen.finished ? 'had finished' : 'stopped'}: ${c.issued} pulls issued, ${c.succeeded} ok, ${c.throttled} throttled (429), ${c.failed} failed`,
    );
    if (pending > 0)
      ctx.explain(`${pending} pulls waiting to retry were given up and are counted by their last answer`);
    ctx.explain(`it saw ${gen.responses429} 429 answers in ${gen.attempts} attempts`);
    return 0;
  },
};

interface LoadRow {
  readonly name: string;
  readonly location: string;
  readonly pullsPerMinute: number;
  readonly endpoint: string;
  readonly retry: string;
  readonly state: string;
  readonly issued: number;
  readonly succeeded: number;
  readonly throttled: number;
  readonly failed: number;
  readonly inFlight: number;
  readonly servedBy: string;
  readonly image: string;
  readonly responses429: number;
  readonly attempts: number;
}

const LOAD_COLUMNS: readonly TableColumn<LoadRow>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'LOCATION', value: (r) => r.location },
  { header: 'PULLS/MIN', value: (r) => r.pullsPerMinute },
  { header: 'ENDPOINT', value: (r) => r.endpoint },
  { header: 'RETRY', value: (r) => r.retry },
  { header: 'STATE', value: (r) => r.state },
  { header: 'ISSUED', value: (r) => r.issued },
  { header: 'OK', value: (r) => r.succeeded },
  { header: '429', value: (r) => r.throttled },
  { header: 'FAILED', value: (r) => r.failed },
  { header: 'IN FLIGHT', value: (r) => r.inFlight },
  { header: 'SERVED BY', value: (r) => r.servedBy },
];

const list: CommandSpec = {
  path: ['sim', 'load', 'list'],
  summary: 'List fleets: rate, endpoint, retries, pull outcomes so far, and the replicas serving them.',
  details:
    '429 counts pulls that ended with TOOMANYREQUESTS; IN FLIGHT counts pulls waiting to retry.\n' +
    'ISSUED = OK + 429 + FAILED + IN FLIGHT at every moment.',
  flags: [OUTPUT_TABLE_FLAG],
  examples: ['sim load list', 'sim load list -o json'],
  run: (ctx, args) => {
    const sim = ctx.sim;
    const rows: LoadRow[] = [...sim.loads.values()].map((g) => ({
      name: g.name,
      location: g.location,
      pullsPerMinute: g.pullsPerMinute,
      endpoint: g.endpoint,
      retry: g.retry,
      state: g.finished ? 'finished' : 'running',
      issued: g.counts.issued,
      succeeded: g.counts.succeeded,
      throttled: g.counts.throttled,
      failed: g.counts.failed,
      inFlight: g.counts.inFlight,
      servedBy: g.finished ? '-' : servingText(sim, g),
      image: g.image,
      responses429: g.responses429,
      attempts: g.attempts,
    }));
    const format = args.str('output') ?? 'table';
    if (format === 'json') {
      printAz(ctx, 'json', rows, LOAD_COLUMNS);
      return 0;
    }
    if (rows.length === 0) {
      ctx.explain('no load generators; start one with "sim load start NAME --location REGION ..."');
      return 0;
    }
    printAz(ctx, 'table', rows, LOAD_COLUMNS);
    for (const g of sim.loads.values()) {
      const m = g.lastMinute;
      const minute = m
        ? `last minute from ${formatClock(m.from)}: ` +
          (m.replicas.length === 0
            ? 'no replica answered'
            : m.replicas
                .map(
                  (r) =>
                    `${r.location} ${r.reads} reads, ${r.ok} pulls ok, ${r.throttled} answered 429` +
                    (r.failed > 0 ? `, ${r.failed} failed` : ''),
                )
                .join('; '))
        : 'no complete minute yet';
      ctx.explain(`${g.name} pulls ${g.image}; ${minute}`);
    }
    ctx.explain('429 = pulls that ended with TOOMANYREQUESTS; IN FLIGHT = pulls waiting to retry (backoff)');
    return 0;
  },
};

interface GaugeRow {
  readonly registry: string;
  readonly location: string;
  readonly readsPerMinute: number;
  readonly readBudget: number;
  readonly writesPerMinute: number;
  readonly writeBudget: number;
  readonly throttledPerMinute: number;
  readonly readsNow: number;
  readonly writesNow: number;
  readonly throttledNow: number;
  readonly globalRouting: string;
}

const GAUGE_COLUMNS: readonly TableColumn<GaugeRow>[] = [
  { header: 'LOCATION', value: (r) => r.location },
  { header: 'READS/MIN', value: (r) => `${r.readsPerMinute}/${r.readBudget}` },
  { header: 'READ %', value: (r) => pct(r.readsPerMinute, r.readBudget) },
  { header: 'WRITES/MIN', value: (r) => `${r.writesPerMinute}/${r.writeBudget}` },
  { header: 'WRITE %', value: (r) => pct(r.writesPerMinute, r.writeBudget) },
  { header: '429/MIN', value: (r) => r.throttledPerMinute },
  { header: 'READS NOW', value: (r) => r.readsNow },
  { header: 'WRITES NOW', value: (r) => r.writesNow },
  { header: '429 NOW', value: (r) => r.throttledNow },
  { header: 'GLOBAL ROUTING', value: (r) => r.globalRouting },
];

function routingState(replica: Replica): string {
  if (replica.phase !== 'ready') return `not yet (${replica.phase})`;
  if (!replica.globalEndpointRouting) return 'excluded';
  return replica.inHealthyPool ? 'in pool' : 'out (unhealthy)';
}

const throttle: CommandSpec = {
  path: ['sim', 'throttle'],
  summary: 'Throttling gauges: per replica, reads/min and writes/min against its budget, and 429s.',
  details:
    'The per-minute columns count the last whole minute; the NOW columns count the current minute so far.\n' +
    'Budgets are per replica, never per registry (sim config throttle.reads / throttle.writes).',
  flags: [{ name: 'registry', short: 'r', type: 'string', help: 'Only this registry.' }, OUTPUT_TABLE_FLAG],
  examples: ['sim throttle', 'sim throttle -r myregistry -o json'],
  run: (ctx, args) => {
    const sim = ctx.sim;
    const name = args.str('registry');
    let registries = [...sim.registries.values()];
    if (name !== undefined) {
      const one = findRegistry(sim, name);
      if (!one) {
        ctx.out(`sim throttle: no registry named '${shown(name)}'.`);
        return 2;
      }
      registries = [one];
    }
    if (registries.length === 0) {
      ctx.explain('there is no registry yet; create one with "az acr create"');
      return 0;
    }
    const rows: GaugeRow[] = [];
    let windowStart = 0;
    for (const reg of registries) {
      for (const r of reg.replicas.values()) {
        const g = throttleGauge(sim, reg, r);
        windowStart = g.windowStart;
        rows.push({
          registry: reg.name,
          location: r.location,
          readsPerMinute: g.lastMinute.reads,
          readBudget: g.readBudget,
          writesPerMinute: g.lastMinute.writes,
          writeBudget: g.writeBudget,
          throttledPerMinute: g.lastMinute.throttled,
          readsNow: g.thisMinute.reads,
          writesNow: g.thisMinute.writes,
          throttledNow: g.thisMinute.throttled,
          globalRouting: routingState(r),
        });
      }
    }
    if (args.str('output') === 'json') {
      printAz(ctx, 'json', rows, GAUGE_COLUMNS);
      return 0;
    }
    for (const reg of registries) {
      const regRows = rows.filter((r) => r.registry === reg.name);
      ctx.out(
        `registry ${reg.name} (${reg.sku}): ${regRows[0]?.readBudget ?? 0} reads/min and ${regRows[0]?.writeBudget ?? 0} writes/min per replica`,
      );
      printAz(ctx, 'table', regRows, GAUGE_COLUMNS);
    }
    const since = Math.floor((sim.now - windowStart) / 1000);
    // In the first minute there is no whole minute behind us to count (nor a negative clock to show).
    const perMinute =
      windowStart < 60_000
        ? `no whole minute yet (the first ends at ${formatClock(60_000)})`
        : `${formatClock(windowStart - 60_000)} to ${formatClock(windowStart)}`;
    ctx.explain(`per-minute columns: ${perMinute}; NOW: since ${formatClock(windowStart)} (${since}s)`);
    if (rows.some((r) => r.throttledPerMinute + r.throttledNow > 0))
      ctx.explain(
        'a 429 is not a health failure: a throttled replica stays in global routing (no failover for throttling)',
      );
    return 0;
  },
};

export const simLoadCommands: readonly CommandSpec[] = [start, stop, list, throttle];
