/**
 * Load generators (SPEC 5, `sim load start|stop|list`): a fleet at one location, for example the
 * nodes of a cluster, pulling one image at a steady rate through the global endpoint or one
 * regional endpoint, with or without exponential-backoff retries.
 *
 * The fleet is modelled in aggregate, so 10,000 pulls a minute for hours costs one scheduler
 * event per generator per simulated second and no event per pull:
 * - Every tick (one second, on whole seconds) the pulls due that second are computed exactly:
 *   any 60 consecutive ticks issue exactly the per-minute rate, and the first tick issues at
 *   least one pull.
 * - Global endpoint: the fleet's resolvers are {@link LOAD_COHORTS} cohorts of nodes with caching
 *   resolvers. Each cohort keeps its DNS answer for `dns.ttl`; their expiries are staggered over
 *   the TTL, so after a routing change the fleet moves over gradually (B-HEALTH-4). A cohort
 *   resolving among replicas in the tie band picks one with the seeded `load` stream (B-ROUTE-2).
 *   Pulls are dealt to cohorts round-robin, so each gets its fair share to within one pull.
 * - Regional endpoint: always the named replica, healthy or not (B-ROUTE-3).
 * - A pull is one manifest GET plus one blob GET per blob (config and layers), as a node without
 *   the image makes them; each is a read against the serving replica's own per-minute budget
 *   (B-THROT-1, B-THROT-2), charged in bulk with {@link admitBulk} into the same counters docker
 *   clients use. When the budget runs out mid-second, pulls are served in order: the first ones in
 *   full, one possibly in part, and each later one gets 429 on its manifest GET (retries before
 *   first tries; fleets sharing a replica are served in the order they started). Blob downloads
 *   from the data endpoint take no bandwidth here and are not requests against the budget.
 * - A replica that is down (or being deleted, or gone) fails the pull with 503; a replica that
 *   lacks the image answers MANIFEST_UNKNOWN after charging the manifest GET; a host that does
 *   not resolve fails the pull without reaching any replica.
 * - `--retry backoff`: a pull that got 429 or failed tries again after 1 s, 2 s, 4 s … capped at
 *   60 s, each delay jittered over its upper half (spread evenly over whole seconds, so no random
 *   draw is needed), at most {@link LOAD_BACKOFF}.maxRetries times. Retries of one generation are
 *   kept as counts per due second, never as individual pulls.
 * - A 429 is only a throttled answer: it never marks a replica unhealthy, so it never causes
 *   failover (B-HEALTH-6). Nothing here touches health or the routing pool.
 *
 * Accounting, per generator and exact at every instant:
 * `issued = succeeded + throttled + failed + inFlight`, where throttled and failed are pulls that
 * ended that way (no retry left), and inFlight are pulls waiting for a retry.
 */
import { latencyModel, type ConfigSnapshot } from './config';
import type { LoadReplicaMinute } from './events';
import { oneWayLatencyMs } from './geo';
import { isReplicaUp } from './health';
import { formatImageRef, parseImageRef, type ImageRef, type Manifest } from './oci';
import { findRegion, type Region } from './regions';
import type { Registry, Replica } from './registry';
import { clip, fail, ok, type Result } from './result';
import { findRegistry, globalAnswerCandidates, parseHost } from './routing';
import type { Simulation } from './sim';
import { admitBulk, remainingBudget } from './throttle';

export const LOAD_RETRY_MODES = ['none', 'backoff'] as const;
export type LoadRetryMode = (typeof LOAD_RETRY_MODES)[number];
export const LOAD_ENDPOINTS = ['global', 'regional'] as const;
export type LoadEndpointKind = (typeof LOAD_ENDPOINTS)[number];

/** Longest `--duration`: 30 days. */
export const LOAD_DURATION_MAX_MS = 30 * 24 * 3_600_000;
/** Bounds of `--pulls-per-minute`. */
export const LOAD_RATE_MIN = 1;
export const LOAD_RATE_MAX = 1_000_000;
/** Simulated time between two batches of a generator. */
export const LOAD_TICK_MS = 1000;
/** Groups of nodes sharing one cached DNS answer (global endpoint only). */
export const LOAD_COHORTS = 60;
/** Exponential backoff: first delay, cap, and how many retries a pull gets before it gives up. */
export const LOAD_BACKOFF = { firstMs: 1000, maxMs: 60_000, maxRetries: 8 } as const;

const MINUTE = 60_000;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/;

/** Pull counts of a generator. `issued = succeeded + throttled + failed + inFlight` always. */
export interface LoadCounts {
  issued: number;
  succeeded: number;
  /** Pulls that ended with 429 TOOMANYREQUESTS and will not retry. */
  throttled: number;
  /** Pulls that ended with another error and will not retry. */
  failed: number;
  /** Pulls waiting for a retry. */
  inFlight: number;
}

/** Pull attempts a generator made at one replica, and the reads the replica accepted for them. */
export interface LoadReplicaCounts {
  ok: number;
  throttled: number;
  failed: number;
  reads: number;
}

/** Why a pull attempt failed without a 429. */
export type LoadFailure = 'unavailable' | 'manifest-unknown' | 'no-such-host';

/** A finished minute of a generator, as logged in `load.minute`. */
export interface LoadMinuteSummary {
  readonly from: number;
  readonly issued: number;
  readonly succeeded: number;
  readonly throttled: number;
  readonly failed: number;
  readonly inFlight: number;
  readonly replicas: readonly LoadReplicaMinute[];
}

interface Cohort {
  replica: Replica | undefined;
  expires: number;
}

interface RetryBatch {
  readonly attempt: number;
  after429: number;
  afterFailure: number;
}

interface Group {
  /** 0 for a first try, n for the n-th retry. */
  readonly attempt: number;
  readonly count: number;
}

interface MinuteState {
  readonly from: number;
  issued: number;
  succeeded: number;
  throttled: number;
  failed: number;
  readonly replicas: Map<string, LoadReplicaCounts>;
}

const newMinute = (from: number): MinuteState => ({
  from,
  issued: 0,
  succeeded: 0,
  throttled: 0,
  failed: 0,
  replicas: new Map(),
});

/** A fleet pulling one image at a steady rate. Create with {@link startLoad}. */
export class LoadGenerator {
  readonly counts: LoadCounts = { issued: 0, succeeded: 0, throttled: 0, failed: 0, inFlight: 0 };
  /** Every try, first or retry. */
  attempts = 0;
  /** Every 429 answer, including those later retried. */
  responses429 = 0;
  readonly failures: Record<LoadFailure, number> = {
    unavailable: 0,
    'manifest-unknown': 0,
    'no-such-host': 0,
  };
  /** Attempts per replica location since the start. */
  readonly perReplica = new Map<string, LoadReplicaCounts>();
  /** The last complete minute, once there is one. */
  lastMinute: LoadMinuteSummary | undefined;
  /** Set by {@link stopLoad}. */
  stopped = false;
  /**
   * Set when a generator with a duration has issued its last pull and every retry has ended; it
   * stays listed (with its final counts) until stopped.
   */
  finished = false;
  /** Global endpoint: each cohort's cached DNS answer. */
  readonly cohorts: Cohort[] = [];
  /** @internal */ minute: MinuteState;
  /** @internal Retries by due time (always a tick time). */
  readonly retries = new Map<number, RetryBatch[]>();
  /** @internal In-flight pulls by the answer that sent them to wait. */
  inFlight429 = 0;
  inFlightFailed = 0;
  /** @internal */ tick = 0;
  /** @internal Position of the next pull in the round-robin over cohorts. */
  cursor = 0;
  /** @internal */ primed = false;
  /** @internal */ readonly latencyCache = new Map<string, number>();
  /** @internal */ latencyConfig: ConfigSnapshot | undefined;
  /** @internal */ action: () => void = () => undefined;

  constructor(
    readonly name: string,
    readonly region: Region,
    readonly pullsPerMinute: number,
    /** The image as pulled, with the host the fleet uses. */
    readonly ref: ImageRef,
    readonly registryName: string,
    readonly endpoint: LoadEndpointKind,
    readonly retry: LoadRetryMode,
    readonly startedAt: number,
    /** When the fleet stops issuing new pulls (Infinity: until stopped). */
    readonly until: number,
  ) {
    this.minute = newMinute(Math.floor(startedAt / MINUTE) * MINUTE);
    for (let i = 0; i < LOAD_COHORTS; i++) this.cohorts.push({ replica: undefined, expires: -Infinity });
  }

  get location(): string {
    return this.region.name;
  }

  /** The host every pull goes to. */
  get host(): string {
    return this.ref.host!;
  }

  get image(): string {
    return formatImageRef(this.ref);
  }
}

export interface StartLoadOptions {
  readonly name: string;
  /** A region name: where the fleet is. */
  readonly location: string;
  readonly pullsPerMinute: number;
  /** `REGISTRY.azurecr.io/REPO[:TAG|@DIGEST]` or a regional host `REGISTRY.REGION.geo.azurecr.io/...`. */
  readonly image: string;
  /** Defaults to the kind of host in `image`. */
  readonly endpoint?: string;
  readonly retry?: string;
  /** Issue new pulls for this long only, then finish the retries and stop by itself. */
  readonly durationMs?: number;
}

const REGIONAL_HOST = /^([a-z0-9]+)\.([a-z0-9]+)\.geo\.azurecr\.io$/;
const GLOBAL_HOST = /^([a-z0-9]+)\.azurecr\.io$/;

/**
 * Starts a load generator. Everything is checked before anything changes: a bad name, location,
 * rate, mode, image reference or registry returns a typed error and leaves the world as it was.
 * With `endpoint: 'regional'` and a global host, the fleet uses the regional endpoint of the
 * replica nearest to it (chosen now, by latency, and kept).
 */
export function startLoad(sim: Simulation, options: StartLoadOptions): Result<LoadGenerator> {
  const name = String(options.name);
  if (!NAME.test(name))
    return fail(
      'InvalidLoadName',
      `The load generator name "${name.slice(0, 60)}" is invalid: letters, digits, . _ - (up to 40).`,
      name.slice(0, 60),
    );
  if (sim.loads.has(name))
    return fail('LoadExists', `A load generator named ${name} is already running; stop it first.`, name);
  const region = findRegion(options.location);
  if (!region)
    return fail(
      'UnknownRegion',
      `The location "${String(options.location).slice(0, 60)}" is not an Azure region; a fleet sits in a region such as eastus.`,
      String(options.location).slice(0, 60),
    );
  const rate = options.pullsPerMinute;
  if (!Number.isInteger(rate) || rate < LOAD_RATE_MIN || rate > LOAD_RATE_MAX)
    return fail(
      'InvalidRate',
      `The rate ${String(rate).slice(0, 30)} is not a whole number of pulls per minute from ${LOAD_RATE_MIN} to ${thousands(LOAD_RATE_MAX)}.`,
      String(rate).slice(0, 30),
    );
  const retry = LOAD_RETRY_MODES.find((m) => m === (options.retry ?? 'none'));
  if (!retry)
    return fail(
      'InvalidRetryMode',
      `The retry mode "${String(options.retry).slice(0, 30)}" is not one of ${LOAD_RETRY_MODES.join(', ')}.`,
      String(options.retry).slice(0, 30),
    );
  const wanted =
    options.endpoint === undefined ? undefined : LOAD_ENDPOINTS.find((e) => e === options.endpoint);
  if (options.endpoint !== undefined && !wanted)
    return fail(
      'InvalidEndpoint',
      `The endpoint kind "${String(options.endpoint).slice(0, 30)}" is not one of ${LOAD_ENDPOINTS.join(', ')}.`,
      String(options.endpoint).slice(0, 30),
    );
  const duration = options.durationMs;
  if (
    duration !== undefined &&
    !(Number.isInteger(duration) && duration >= LOAD_TICK_MS && duration <= LOAD_DURATION_MAX_MS)
  )
    return fail(
      'InvalidDuration',
      `The duration ${String(duration).slice(0, 30)} ms is out of range: give at least 1s and at most 30d.`,
      String(duration).slice(0, 30),
    );
  const parsed = parseImageRef(options.image);
  if (!parsed.ok) return parsed;
  const ref = parsed.value;
  if (ref.host === undefined)
    return fail(
      'NoRegistryHost',
      `The image "${options.image.slice(0, 80)}" names no registry; give REGISTRY.azurecr.io/REPO:TAG.`,
      options.image.slice(0, 80),
    );
  const host = ref.host.toLowerCase();
  const regional = REGIONAL_HOST.exec(host);
  const global = GLOBAL_HOST.exec(host);
  const registry = regional || global ? findRegistry(sim, (regional ?? global)![1]!) : undefined;
  if (!registry)
    return fail(
      'RegistryNotFound',
      `No registry answers at ${clip(host)}; create it first or check the name (az acr list).`,
      clip(host),
    );
  let endpointHost = host;
  let kind: LoadEndpointKind;
  if (regional) {
    if (wanted === 'global')
      return fail(
        'InvalidEndpoint',
        `The image names the regional host ${clip(host)}; use ${registry.loginServer} for the global endpoint, or drop --endpoint global.`,
        clip(host),
      );
    kind = 'regional';
  } else {
    kind = wanted ?? 'global';
  }
  if (kind === 'regional') {
    if (!registry.regionalEndpoints)
      return fail(
        'RegionalEndpointsDisabled',
        `Registry ${registry.name} has regional endpoints disabled; enable them with "az acr update -n ${registry.name} --regional-endpoints enabled".`,
        registry.name,
      );
    if (!regional) {
      const nearest = nearestReplica(sim, registry, region);
      if (!nearest)
        return fail(
          'NoRegionalEndpoint',
          `Registry ${registry.name} has no provisioned replica whose regional endpoint a fleet could use yet.`,
          registry.name,
        );
      endpointHost = registry.regionalHost(nearest.location);
    } else {
      const at = registry.replicaAt(regional[2]!);
      if (!at || at.phase === 'provisioning')
        return fail(
          'NoRegionalEndpoint',
          `${clip(host)} does not resolve: ${registry.name} has no ${at ? 'provisioned ' : ''}replica in ${clip(regional[2]!)}.`,
          clip(host),
        );
    }
  }
  if (!parseHost(sim, endpointHost).ok)
    return fail('NoSuchHost', `dial tcp: lookup ${clip(endpointHost)}: no such host`, clip(endpointHost));

  const gen = new LoadGenerator(
    name,
    region,
    rate,
    { ...ref, host: endpointHost },
    registry.name,
    kind,
    retry,
    sim.now,
    duration === undefined ? Infinity : sim.now + duration,
  );
  gen.action = () => runTick(sim, gen);
  sim.loads.set(name, gen);
  sim.emit({
    kind: 'load.started',
    generator: name,
    registry: registry.name,
    location: region.name,
    image: gen.image,
    pullsPerMinute: rate,
    endpoint: kind,
    retry,
  });
  sim.scheduler.at(Math.ceil(sim.now / LOAD_TICK_MS) * LOAD_TICK_MS, gen.action);
  return ok(gen);
}

/**
 * Stops a generator. Its unfinished minute is logged; pulls waiting for a retry are given up,
 * as throttled when their last answer was a 429 and as failed otherwise, so the final counts
 * still add up. The generator leaves `sim.loads`.
 */
export function stopLoad(sim: Simulation, name: string): Result<LoadGenerator> {
  const gen = sim.loads.get(name);
  if (!gen) {
    const running = [...sim.loads.keys()];
    return fail(
      'LoadNotFound',
      `No load generator named "${String(name).slice(0, 60)}" is running` +
        (running.length > 0 ? ` (running: ${running.join(', ')}).` : ' (none is).'),
      String(name).slice(0, 60),
    );
  }
  if (gen.finished) {
    gen.stopped = true;
    sim.loads.delete(name);
    return ok(gen);
  }
  gen.stopped = true;
  flushMinute(sim, gen);
  const c = gen.counts;
  c.throttled += gen.inFlight429;
  c.failed += gen.inFlightFailed;
  c.inFlight = 0;
  gen.inFlight429 = 0;
  gen.inFlightFailed = 0;
  gen.retries.clear();
  sim.loads.delete(name);
  emitStopped(sim, gen, false);
  return ok(gen);
}

/** Read requests one pull of `manifest` makes: the manifest GET and one GET per blob. */
export function readsPerPull(manifest: Manifest): number {
  return 2 + manifest.layers.length;
}

/** The manifest a replica serves for a reference, if it has it. */
export function manifestAt(replica: Replica, ref: ImageRef): Manifest | undefined {
  const digest = ref.digest ?? replica.store.resolveTag(ref.repository, ref.tag ?? 'latest');
  return digest ? replica.store.manifest(ref.repository, digest) : undefined;
}

/**
 * Where the fleet's pulls go right now: replica location → share of the fleet (0..1). For the
 * global endpoint this is the cohorts' cached DNS answers (an empty key where there is none).
 */
export function loadServing(sim: Simulation, gen: LoadGenerator): Map<string, number> {
  const shares = new Map<string, number>();
  if (gen.endpoint === 'regional') {
    const r = REGIONAL_HOST.exec(gen.host);
    shares.set(r ? r[2]! : '', 1);
    return shares;
  }
  if (!gen.primed) return shares;
  for (const c of gen.cohorts) {
    const key = c.replica?.location ?? '';
    shares.set(key, (shares.get(key) ?? 0) + 1);
  }
  for (const [key, n] of shares) shares.set(key, n / gen.cohorts.length);
  return shares;
}

/** `1000000` → `1,000,000`, without locale-dependent formatting. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The replicas the fleet's pulls can reach right now, without a random draw: the named replica
 * of a regional endpoint, or every replica the global endpoint may answer with (the tie band).
 */
export function loadCandidates(sim: Simulation, gen: LoadGenerator): Replica[] {
  const endpoint = parseHost(sim, gen.host);
  if (!endpoint.ok) return [];
  const registry = endpoint.value.registry;
  if (endpoint.value.kind === 'regional') {
    const r = registry.replicaAt(endpoint.value.location!);
    return r ? [r] : [];
  }
  return globalAnswerCandidates(sim, registry, (r) => fleetLatency(sim, gen, r));
}

function nearestReplica(sim: Simulation, registry: Registry, region: Region): Replica | undefined {
  const model = latencyModel(sim.config.snapshot());
  let best: Replica | undefined;
  let bestMs = Infinity;
  for (const r of registry.replicas.values()) {
    if (r.phase === 'provisioning' || r.phase === 'deleting') continue;
    const ms = oneWayLatencyMs(region.lonLat, r.region.lonLat, model);
    if (ms < bestMs) {
      best = r;
      bestMs = ms;
    }
  }
  return best;
}

function fleetLatency(sim: Simulation, gen: LoadGenerator, replica: Replica): number {
  const config = sim.config.snapshot();
  if (gen.latencyConfig !== config) {
    gen.latencyCache.clear();
    gen.latencyConfig = config;
  }
  let ms = gen.latencyCache.get(replica.location);
  if (ms === undefined) {
    ms = oneWayLatencyMs(gen.region.lonLat, replica.region.lonLat, latencyModel(config));
    gen.latencyCache.set(replica.location, ms);
  }
  return ms;
}

/** One second of a fleet: new pulls plus retries now due, routed and charged in bulk. */
function runTick(sim: Simulation, gen: LoadGenerator): void {
  if (gen.stopped) return;
  const now = sim.now;
  const minuteStart = Math.floor(now / MINUTE) * MINUTE;
  if (minuteStart !== gen.minute.from) {
    flushMinute(sim, gen);
    gen.minute = newMinute(minuteStart);
  }
  const k = gen.tick++ % 60;
  const rate = gen.pullsPerMinute;
  const fresh = now < gen.until ? Math.ceil((rate * (k + 1)) / 60) - Math.ceil((rate * k) / 60) : 0;
  const groups: Group[] = [];
  const due = gen.retries.get(now);
  if (due) {
    gen.retries.delete(now);
    due.sort((a, b) => b.attempt - a.attempt);
    for (const b of due) {
      const count = b.after429 + b.afterFailure;
      gen.counts.inFlight -= count;
      gen.inFlight429 -= b.after429;
      gen.inFlightFailed -= b.afterFailure;
      groups.push({ attempt: b.attempt, count });
    }
  }
  if (fresh > 0) {
    groups.push({ attempt: 0, count: fresh });
    gen.counts.issued += fresh;
    gen.minute.issued += fresh;
  }
  if (groups.length > 0) serve(sim, gen, groups);
  if (now + LOAD_TICK_MS >= gen.until && gen.counts.inFlight === 0) {
    finish(sim, gen);
    return;
  }
  sim.scheduler.at(now + LOAD_TICK_MS, gen.action);
}

/** A generator with a duration is done: nothing more to issue and no retry pending. */
function finish(sim: Simulation, gen: LoadGenerator): void {
  gen.finished = true;
  flushMinute(sim, gen);
  emitStopped(sim, gen, true);
}

function serve(sim: Simulation, gen: LoadGenerator, groups: readonly Group[]): void {
  const endpoint = parseHost(sim, gen.host);
  if (!endpoint.ok) {
    for (const g of groups) settle(sim, gen, g.attempt, g.count, 'failed', 'no-such-host', undefined);
    return;
  }
  const registry = endpoint.value.registry;
  if (endpoint.value.kind === 'regional') {
    atReplica(sim, gen, registry, registry.replicaAt(endpoint.value.location!), groups, false);
    return;
  }
  refreshCohorts(sim, gen, registry);
  const cohorts = gen.cohorts;
  const n = cohorts.length;
  const first = cohorts[0]!.replica;
  let uniform = true;
  for (const c of cohorts) if (c.replica !== first) uniform = false;
  if (uniform) {
    let total = 0;
    for (const g of groups) total += g.count;
    gen.cursor = (gen.cursor + total) % n;
    atReplica(sim, gen, registry, first, groups, true);
    return;
  }
  // Deal each group's pulls round-robin over the cohorts, then gather them by replica.
  const targets = new Map<Replica | undefined, number[]>();
  groups.forEach((g, gi) => {
    const start = gen.cursor;
    for (let i = 0; i < n; i++) {
      const share = Math.floor((start + g.count - 1 - i) / n) - Math.floor((start - 1 - i) / n);
      if (share === 0) continue;
      const replica = cohorts[i]!.replica;
      let counts = targets.get(replica);
      if (!counts) {
        counts = groups.map(() => 0);
        targets.set(replica, counts);
      }
      counts[gi]! += share;
    }
    gen.cursor = (start + g.count) % n;
  });
  for (const [replica, counts] of targets) {
    const at: Group[] = [];
    groups.forEach((g, gi) => {
      if (counts[gi]! > 0) at.push({ attempt: g.attempt, count: counts[gi]! });
    });
    atReplica(sim, gen, registry, replica, at, true);
  }
}

/** Renews the cohorts' expired DNS answers; the first time, expiries are spread over the TTL. */
function refreshCohorts(sim: Simulation, gen: LoadGenerator, registry: Registry): void {
  const now = sim.now;
  const ttl = sim.config.get('dns.ttl');
  let candidates: Replica[] | undefined;
  // Most cohorts hold the same answer: a replica found still registered is not looked up again
  // for the next cohort (this loop runs 60 times per generator per simulated second).
  let registered: Replica | undefined;
  const n = gen.cohorts.length;
  for (let i = 0; i < n; i++) {
    const c = gen.cohorts[i]!;
    const answer = c.replica;
    if (
      c.expires > now &&
      answer &&
      (answer === registered || registry.replicas.get(answer.name) === answer)
    ) {
      registered = answer;
      continue;
    }
    candidates ??= globalAnswerCandidates(sim, registry, (r) => fleetLatency(sim, gen, r));
    c.replica = candidates.length <= 1 ? candidates[0] : sim.rng.load.pick(candidates);
    c.expires = gen.primed ? now + ttl : now + (ttl * (i + 1)) / n;
  }
  gen.primed = true;
}

/** Serves a batch of pull attempts at one replica, in order (older attempts first). */
function atReplica(
  sim: Simulation,
  gen: LoadGenerator,
  registry: Registry,
  replica: Replica | undefined,
  groups: readonly Group[],
  viaGlobal: boolean,
): void {
  if (
    !replica ||
    registry.replicas.get(replica.name) !== replica ||
    replica.phase === 'deleting' ||
    !isReplicaUp(sim, replica)
  ) {
    for (const g of groups) settle(sim, gen, g.attempt, g.count, 'failed', 'unavailable', replica);
    return;
  }
  if (viaGlobal) replica.lastGlobalRequestAt = sim.now;
  let n = 0;
  for (const g of groups) n += g.count;
  const manifest = manifestAt(replica, gen.ref);
  let served: number;
  let notFound = 0;
  let reads: number;
  if (!manifest) {
    // One manifest GET each: the admitted ones are answered MANIFEST_UNKNOWN, the rest 429.
    notFound = admitBulk(sim, registry, replica, 'read', n);
    reads = notFound;
    served = 0;
  } else {
    const k = readsPerPull(manifest);
    const room = remainingBudget(sim, registry, replica, 'read');
    served = Math.min(n, Math.floor(room / k));
    // The served pulls use k reads each; one more pull may get some reads in before its 429,
    // and every later pull is refused at its manifest GET: room + (n - served) requests.
    reads = admitBulk(sim, registry, replica, 'read', served === n ? n * k : room + (n - served));
  }
  replicaCounts(gen.perReplica, replica.location).reads += reads;
  replicaCounts(gen.minute.replicas, replica.location).reads += reads;
  let okLeft = served;
  let notFoundLeft = notFound;
  for (const g of groups) {
    let left = g.count;
    const okHere = Math.min(left, okLeft);
    okLeft -= okHere;
    left -= okHere;
    const missingHere = Math.min(left, notFoundLeft);
    notFoundLeft -= missingHere;
    left -= missingHere;
    if (okHere > 0) settle(sim, gen, g.attempt, okHere, 'ok', undefined, replica);
    if (missingHere > 0) settle(sim, gen, g.attempt, missingHere, 'failed', 'manifest-unknown', replica);
    if (left > 0) settle(sim, gen, g.attempt, left, '429', undefined, replica);
  }
}

function replicaCounts(map: Map<string, LoadReplicaCounts>, location: string): LoadReplicaCounts {
  let c = map.get(location);
  if (!c) {
    c = { ok: 0, throttled: 0, failed: 0, reads: 0 };
    map.set(location, c);
  }
  return c;
}

/** Books `count` attempts of one generation with one outcome; schedules retries or ends them. */
function settle(
  sim: Simulation,
  gen: LoadGenerator,
  attempt: number,
  count: number,
  outcome: 'ok' | '429' | 'failed',
  cause: LoadFailure | undefined,
  replica: Replica | undefined,
): void {
  gen.attempts += count;
  if (replica) {
    const key = outcome === 'ok' ? 'ok' : outcome === '429' ? 'throttled' : 'failed';
    replicaCounts(gen.perReplica, replica.location)[key] += count;
    replicaCounts(gen.minute.replicas, replica.location)[key] += count;
  }
  const c = gen.counts;
  if (outcome === 'ok') {
    c.succeeded += count;
    gen.minute.succeeded += count;
    return;
  }
  if (outcome === '429') gen.responses429 += count;
  else gen.failures[cause!] += count;
  if (gen.retry === 'backoff' && attempt < LOAD_BACKOFF.maxRetries) {
    scheduleRetry(sim, gen, attempt + 1, count, outcome === '429');
    return;
  }
  if (outcome === '429') {
    c.throttled += count;
    gen.minute.throttled += count;
  } else {
    c.failed += count;
    gen.minute.failed += count;
  }
}

/**
 * Queues `count` pulls for their `attempt`-th try. The delay doubles from 1 s up to 60 s; each
 * batch is spread evenly over the whole seconds of the upper half of its delay (equal jitter),
 * starting at a slot that rotates with the tick so no second is favoured.
 */
function scheduleRetry(
  sim: Simulation,
  gen: LoadGenerator,
  attempt: number,
  count: number,
  after429: boolean,
): void {
  const delayMs = Math.min(LOAD_BACKOFF.maxMs, LOAD_BACKOFF.firstMs * 2 ** (attempt - 1));
  const hi = Math.max(1, Math.round(delayMs / LOAD_TICK_MS));
  const lo = Math.max(1, Math.ceil(hi / 2));
  const slots = hi - lo + 1;
  gen.counts.inFlight += count;
  if (after429) gen.inFlight429 += count;
  else gen.inFlightFailed += count;
  for (let j = 0; j < slots; j++) {
    const share = Math.floor((count * (j + 1)) / slots) - Math.floor((count * j) / slots);
    if (share === 0) continue;
    const due = sim.now + (lo + ((j + gen.tick) % slots)) * LOAD_TICK_MS;
    let batches = gen.retries.get(due);
    if (!batches) {
      batches = [];
      gen.retries.set(due, batches);
    }
    // A loop rather than `find`: no closure per slot (up to 31 slots per call, every tick).
    let batch: RetryBatch | undefined;
    for (const b of batches) {
      if (b.attempt === attempt) {
        batch = b;
        break;
      }
    }
    if (!batch) {
      batch = { attempt, after429: 0, afterFailure: 0 };
      batches.push(batch);
    }
    if (after429) batch.after429 += share;
    else batch.afterFailure += share;
  }
}

/** Logs the generator's current minute as `load.minute`, if anything happened in it. */
function flushMinute(sim: Simulation, gen: LoadGenerator): void {
  const m = gen.minute;
  if (m.issued + m.succeeded + m.throttled + m.failed === 0 && m.replicas.size === 0) return;
  const replicas: LoadReplicaMinute[] = [...m.replicas].map(([location, c]) => ({
    location,
    ok: c.ok,
    throttled: c.throttled,
    failed: c.failed,
    reads: c.reads,
  }));
  const summary: LoadMinuteSummary = {
    from: m.from,
    issued: m.issued,
    succeeded: m.succeeded,
    throttled: m.throttled,
    failed: m.failed,
    inFlight: gen.counts.inFlight,
    replicas,
  };
  gen.lastMinute = summary;
  gen.minute = newMinute(m.from);
  sim.emit({
    kind: 'load.minute',
    generator: gen.name,
    registry: gen.registryName,
    location: gen.location,
    from: summary.from,
    issued: summary.issued,
    succeeded: summary.succeeded,
    throttled: summary.throttled,
    failed: summary.failed,
    inFlight: summary.inFlight,
    replicas: replicas.map((r) => ({ ...r })),
  });
}

/** Logs the end of a fleet: stopped by hand, or finished after its --duration. */
function emitStopped(sim: Simulation, gen: LoadGenerator, finished: boolean): void {
  const c = gen.counts;
  sim.emit({
    kind: 'load.stopped',
    generator: gen.name,
    registry: gen.registryName,
    location: gen.location,
    issued: c.issued,
    succeeded: c.succeeded,
    throttled: c.throttled,
    failed: c.failed,
    finished,
  });
}
