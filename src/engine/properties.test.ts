/**
 * Property tests of replication (SPEC 3.4) and health (SPEC 4) over random, concurrent
 * operations on one geo-replicated Premium registry.
 *
 * Each run builds a world (2–4 Ready replicas, 2–4 clients with assorted DNS modes, some
 * settings overridden to open or close race windows), then applies a random list of operations:
 * builds and pushes (global or regional endpoint, new images, re-pushes, re-tags), untags,
 * manifest and repository deletes, pulls, region- and registry-scope outages, routing toggles,
 * time advances and, in the second property, replica creation and deletion. Data-plane
 * operations are *started* with `sim.spawn` and left running while later operations and time
 * advances happen, so they race each other. Finally every outage is healed and the world is left
 * to settle. Checked:
 *  (a) every replica has the same tag map (B-REP-4 convergence);
 *  (b) no replica ever serves a manifest whose blobs it lacks, checked after every operation and
 *      at every commit and replication (B-REP-3), and pulls never see it either;
 *  (c) every replica matches a last-writer-wins model rebuilt from the `push.committed` and
 *      `delete.committed` events alone, and every acknowledged push not deleted later survives
 *      everywhere (B-REP-5, B-REP-6);
 *  (d) the event log's times never decrease, nor does the clock between operations;
 *  plus health timing (B-HEALTH-3/5), same-region downloads (B-ROUTE-4), nothing left in flight,
 *  and a replay check (B-DET-1).
 *
 * Replaying a failure: fast-check prints `seed` and `path` with the counterexample. Put them in
 * `REPLAY` below (e.g. `{ seed: 1234, path: '56:1:0', endOnFailure: true }`) to re-run exactly
 * that case. Shrunk counterexamples worth keeping go into `REGRESSION_SCENARIOS` verbatim (a
 * scenario replays regardless of later changes to the generators, which a seed would not).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmp, fold, servedBlobViolations, type WVersion, type Write } from './model/world';
import type { Client } from './client';
import { addClient, buildImage, login, tagImage } from './clients';
import {
  deleteContent,
  planPull,
  planPush,
  pullImage,
  pushImage,
  type DeleteResult,
  type DeleteTarget,
  type PullResult,
  type PushResult,
} from './dataplane';
import type { SimEvent } from './events';
import { setRegionOutage, setRegistryOutage } from './health';
import { createRegistry, createReplica, deleteReplica, setGlobalEndpointRouting } from './lifecycle';
import { formatImageRef, parseImageRef } from './oci';
import { drain } from './operations';
import type { Process, Task } from './process';
import type { Registry, Replica } from './registry';
import { unwrap } from './result';
import { parseHost } from './routing';
import { Simulation } from './sim';
import { ReplicaStore, type Version } from './store';
import type { Digest } from './types';

/** Set to fast-check's printed `{ seed, path }` to replay one failing case. */
const REPLAY: Partial<fc.Parameters<unknown>> = {};

const RUNS = 4000;

// ---------------------------------------------------------------------------------------------
// The world and the operations

/** Replica regions: pairs that sit close together, so DNS ties (B-ROUTE-2) and scatter happen. */
const REPLICA_REGIONS = ['eastus', 'eastus2', 'westeurope', 'northeurope', 'southeastasia', 'centralus'];
const CLIENT_LOCATIONS = [
  'eastus',
  'eastus2',
  'westeurope',
  'uksouth',
  'eastasia',
  'centralus',
  '40.0,-40.0',
];
const REPOS = ['app', 'team/web'];
const TAGS = ['v1', 'latest'];
const SIZES = [1_000_000, 4_000_000, 16_000_000];
const DNS = ['cache', 'no-cache', 'pin-push', 'long-lived'] as const;

/** Indices are taken modulo the world's counts, so shrinking never produces invalid operations. */
type Op =
  | {
      kind: 'push';
      client: number;
      repo: number;
      tag: number;
      via: number;
      /** Build a new image, re-push the one built for this repo:tag, or re-tag another image of the repo. */
      image: 'build' | 'reuse' | 'retag';
      pick: number;
      size: number;
      layers: number;
    }
  | { kind: 'untag'; client: number; repo: number; tag: number; via: number }
  | { kind: 'deleteManifest'; client: number; repo: number; pick: number; via: number }
  | { kind: 'deleteRepository'; client: number; repo: number; via: number }
  | { kind: 'pull'; client: number; repo: number; tag: number; via: number }
  | { kind: 'regionOutage'; replica: number; on: boolean }
  | { kind: 'registryOutage'; replica: number; on: boolean }
  | { kind: 'routing'; replica: number; enabled: boolean }
  | { kind: 'advance'; ms: number }
  | { kind: 'createReplica'; region: number }
  | { kind: 'deleteReplica'; replica: number };

const idx = fc.nat({ max: 7 });
/** `via` 0 is the global endpoint; i > 0 is the regional endpoint of replica i - 1. */
const via = fc.oneof(fc.constant(0), fc.nat({ max: 4 }));

const dataAndHealthOps = [
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      client: idx,
      repo: idx,
      tag: idx,
      via,
      image: fc.constantFrom('build' as const, 'reuse' as const, 'retag' as const),
      pick: idx,
      size: fc.constantFrom(...SIZES),
      layers: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('untag' as const), client: idx, repo: idx, tag: idx, via }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('deleteManifest' as const),
      client: idx,
      repo: idx,
      pick: idx,
      via,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deleteRepository' as const), client: idx, repo: idx, via }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('pull' as const), client: idx, repo: idx, tag: idx, via }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('regionOutage' as const), replica: idx, on: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('registryOutage' as const), replica: idx, on: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('routing' as const), replica: idx, enabled: fc.boolean() }),
  },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      // Mostly short steps (requests take tens of milliseconds, so these make races), some long
      // enough to cross the replication delay and the health detection window.
      ms: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 300 }) },
        { weight: 3, arbitrary: fc.integer({ min: 300, max: 10_000 }) },
        { weight: 2, arbitrary: fc.integer({ min: 10_000, max: 400_000 }) },
      ),
    }),
  },
];
const opArb: fc.Arbitrary<Op> = fc.oneof(...dataAndHealthOps);

/** The same, plus replicas created and deleted while everything else happens (B-LIFE-2). */
const lifecycleOpArb: fc.Arbitrary<Op> = fc.oneof(
  ...dataAndHealthOps,
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('createReplica' as const), region: idx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteReplica' as const), replica: idx }) },
);

/** Settings that widen or close race windows; each run overrides some of them. */
const configArb = fc.record(
  {
    'replication.delay': fc.constantFrom(0, 30_000),
    'replication.bandwidth': fc.constantFrom(5e6, 1e9),
    'replica.provisioning': fc.constant(0),
    'replica.deletion': fc.constant(0),
    'health.detection': fc.constantFrom(0, 20_000),
    'health.recovery': fc.constantFrom(0, 20_000),
    'dns.ttl': fc.constant(0),
    'request.overhead': fc.constant(0),
    'throttle.writes': fc.constant(30),
  },
  { requiredKeys: [] },
);

interface Scenario {
  readonly seed: number;
  readonly config?: Readonly<Record<string, number>>;
  readonly regions: readonly string[];
  readonly clients: ReadonlyArray<{ readonly location: string; readonly dns: (typeof DNS)[number] }>;
  readonly ops: readonly Op[];
}

const scenarioArb = (ops: fc.Arbitrary<Op>): fc.Arbitrary<Scenario> =>
  fc.record({
    seed: fc.nat(),
    config: configArb,
    regions: fc.shuffledSubarray(REPLICA_REGIONS, { minLength: 2, maxLength: 4 }),
    // The first client never caches DNS, so equidistant replicas scatter its requests (B-PUSH-2).
    clients: fc
      .tuple(
        fc.record({ location: fc.constantFrom(...CLIENT_LOCATIONS), dns: fc.constant('no-cache' as const) }),
        fc.array(
          fc.record({ location: fc.constantFrom(...CLIENT_LOCATIONS), dns: fc.constantFrom(...DNS) }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
      )
      .map(([first, rest]) => [first, ...rest]),
    ops: fc.array(ops, { minLength: 1, maxLength: 60, size: 'max' }),
  });

interface PushRecord {
  readonly client: string;
  readonly repo: string;
  readonly tag: string;
  readonly result: PushResult;
}

interface PullRecord {
  readonly result: PullResult;
}

/** The running world plus everything the checks need to remember about it. */
class World {
  readonly sim: Simulation;
  readonly registry: Registry;
  readonly clients: Client[] = [];
  readonly tasks: Task<unknown>[] = [];
  readonly pushes: PushRecord[] = [];
  readonly pulls: PullRecord[] = [];
  readonly deletes: DeleteResult[] = [];
  /** Every digest built per repository, for manifest deletes to pick from. */
  readonly built = new Map<string, Digest[]>();
  readonly events: SimEvent[] = [];
  readonly violations: string[] = [];
  private lastNow = 0;

  constructor(scenario: Scenario) {
    this.sim = new Simulation({ seed: scenario.seed });
    for (const [key, value] of Object.entries(scenario.config ?? {})) unwrap(this.sim.config.set(key, value));
    // (d) Simulated time never goes backwards, as seen by anyone reading the log.
    this.sim.log.subscribe((e) => {
      const prev = this.events[this.events.length - 1];
      if (prev && e.t < prev.t) this.violations.push(`event #${e.seq} ${e.kind} at ${e.t} after ${prev.t}`);
      this.events.push(e);
      // (b) checked at every content change, not only between operations.
      if (e.kind === 'replication.applied' || e.kind === 'push.committed') this.checkServedBlobs(e.kind);
    });
    const [home, ...others] = scenario.regions;
    this.registry = unwrap(
      createRegistry(this.sim, { name: 'propreg', location: home!, sku: 'Premium', regionalEndpoints: true }),
    );
    for (const location of others) unwrap(createReplica(this.sim, this.registry, { location }));
    if (!drain(this.sim, 3_600_000)) throw new Error('replicas did not become ready');
    scenario.clients.forEach((c, i) => {
      const client = unwrap(addClient(this.sim, { name: `c${i}`, location: c.location, dns: c.dns }));
      unwrap(login(this.sim, client, this.registry.loginServer, 'admin'));
      this.clients.push(client);
    });
  }

  /** Replicas in creation order, including ones being deleted (they still answer 503s). */
  get replicas(): Replica[] {
    return [...this.registry.replicas.values()];
  }

  replica(i: number): Replica {
    const all = this.replicas;
    return all[i % all.length]!;
  }

  /**
   * The host `via` names, with the client signed in to it; undefined when that regional host
   * does not resolve (the replica is still provisioning).
   */
  host(client: Client, via: number): string | undefined {
    if (via === 0) return this.registry.loginServer;
    const host = this.registry.regionalHost(this.replica(via - 1).location);
    if (!parseHost(this.sim, host).ok) return undefined;
    if (!client.credentials.has(host)) unwrap(login(this.sim, client, host, 'admin'));
    return host;
  }

  spawn<R>(proc: Process<R>, onDone: (r: R) => void): void {
    this.tasks.push(this.sim.spawn(proc, onDone) as Task<unknown>);
  }

  apply(op: Op): void {
    const { sim, registry } = this;
    switch (op.kind) {
      case 'push': {
        const client = this.clients[op.client % this.clients.length]!;
        const repo = REPOS[op.repo % REPOS.length]!;
        const tag = TAGS[op.tag % TAGS.length]!;
        const host = this.host(client, op.via);
        if (host === undefined) return;
        const ref = `${host}/${repo}:${tag}`;
        const key = formatImageRef(unwrap(parseImageRef(ref)));
        // Re-pushing and re-tagging commit the same digest again, possibly at other replicas and
        // under other tags, which is what exercises deletes racing re-puts.
        const sameTag = [...client.images.keys()].filter((k) => k.endsWith(`/${repo}:${tag}`));
        const sameRepo = [...client.images.keys()].filter((k) => k.includes(`/${repo}:`));
        if (op.image === 'reuse' && sameTag.length > 0) {
          if (!client.images.has(key)) unwrap(tagImage(client, sameTag[op.pick % sameTag.length]!, ref));
        } else if (op.image === 'retag' && sameRepo.length > 0) {
          unwrap(tagImage(client, sameRepo[op.pick % sameRepo.length]!, ref));
        } else {
          const image = unwrap(buildImage(sim, client, ref, { size: op.size, layers: op.layers }));
          const list = this.built.get(repo) ?? [];
          list.push(image.manifest.digest);
          this.built.set(repo, list);
        }
        const plan = unwrap(planPush(sim, client, ref));
        this.spawn(pushImage(sim, client, plan), (result) =>
          this.pushes.push({ client: client.name, repo, tag, result }),
        );
        return;
      }
      case 'untag':
      case 'deleteRepository':
      case 'deleteManifest': {
        const client = this.clients[op.client % this.clients.length]!;
        const repository = REPOS[op.repo % REPOS.length]!;
        let target: DeleteTarget;
        if (op.kind === 'untag') target = { kind: 'untag', repository, tag: TAGS[op.tag % TAGS.length]! };
        else if (op.kind === 'deleteRepository') target = { kind: 'repository', repository };
        else {
          const digests = this.built.get(repository) ?? [];
          if (digests.length === 0) return;
          target = { kind: 'manifest', repository, reference: digests[op.pick % digests.length]! };
        }
        const host = this.host(client, op.via);
        if (host === undefined) return;
        const endpoint = unwrap(parseHost(sim, host));
        this.spawn(deleteContent(sim, client, endpoint, target), (result) => this.deletes.push(result));
        return;
      }
      case 'pull': {
        const client = this.clients[op.client % this.clients.length]!;
        const host = this.host(client, op.via);
        if (host === undefined) return;
        const ref = `${host}/${REPOS[op.repo % REPOS.length]!}:${TAGS[op.tag % TAGS.length]!}`;
        const plan = unwrap(planPull(sim, ref));
        this.spawn(pullImage(sim, client, plan), (result) => this.pulls.push({ result }));
        return;
      }
      case 'regionOutage':
        setRegionOutage(sim, this.replica(op.replica).location, op.on);
        return;
      case 'registryOutage':
        setRegistryOutage(sim, registry, this.replica(op.replica), op.on);
        return;
      case 'routing': {
        const replica = this.replica(op.replica);
        if (replica.phase !== 'deleting')
          unwrap(setGlobalEndpointRouting(sim, registry, replica.name, op.enabled));
        return;
      }
      case 'createReplica': {
        const location = REPLICA_REGIONS[op.region % REPLICA_REGIONS.length]!;
        if (!registry.replicaAt(location)) unwrap(createReplica(sim, registry, { location }));
        return;
      }
      case 'deleteReplica': {
        const replica = this.replica(op.replica);
        if (replica.location !== registry.home && replica.phase !== 'deleting')
          unwrap(deleteReplica(sim, registry, replica.name));
        return;
      }
      case 'advance':
        sim.advance(op.ms);
        return;
      default: {
        const never: never = op;
        throw new Error(`unknown op ${String(never)}`);
      }
    }
  }

  /** After every operation: the clock is monotonic (d) and no replica serves blob-less manifests (b). */
  checkStep(label: string): void {
    const now = this.sim.now;
    if (now < this.lastNow) this.violations.push(`${label}: clock went from ${this.lastNow} back to ${now}`);
    this.lastNow = now;
    this.checkServedBlobs(label);
  }

  /** (b) B-REP-3: every manifest a replica would serve (by digest or through a tag) has its blobs there. */
  checkServedBlobs(label: string): void {
    this.violations.push(...servedBlobViolations(label, this.registry.replicas.values()));
  }

  /** Ends every outage, then runs until every started operation and every replication is done. */
  healAndQuiesce(): boolean {
    const { sim, registry } = this;
    for (const r of this.replicas) setRegistryOutage(sim, registry, r, false);
    for (const location of [...sim.regionOutages]) setRegionOutage(sim, location, false);
    const settled = sim.runUntil(
      () => this.tasks.every((t) => t.done) && registry.pending.size === 0,
      24 * 3_600_000,
    );
    if (!settled) return false;
    if (!drain(sim, 24 * 3_600_000)) return false;
    sim.advance(15 * 60_000);
    return registry.pending.size === 0 && this.tasks.every((t) => t.done);
  }
}

// ---------------------------------------------------------------------------------------------
// The model: what every replica must hold after quiescence, from the commit events alone

interface Expected {
  /** `repo@digest` of every manifest every replica must serve. */
  readonly live: Set<string>;
  /** `repo:tag` → digest, the single LWW winner per tag. */
  readonly tags: Map<string, Digest>;
}

/**
 * Rebuilds the expected state from `push.committed` and `delete.committed` with the reference
 * last-writer-wins model (`fold` in model/world.ts): an event's time, location and sequence are
 * the write's version.
 */
function expectedState(events: readonly SimEvent[]): Expected {
  const writes: Write[] = [];
  for (const e of events) {
    if (e.kind !== 'push.committed' && e.kind !== 'delete.committed') continue;
    const v: WVersion = { t: e.t, region: e.location, seq: e.seq };
    const repo = e.repository;
    if (e.kind === 'push.committed') {
      writes.push({ kind: 'put', v, repo, digest: e.digest, ...(e.tag !== undefined ? { tag: e.tag } : {}) });
      continue;
    }
    const rest = e.target.slice(repo.length);
    if (rest === '') writes.push({ kind: 'rdelete', v, repo });
    else if (rest.startsWith(':')) writes.push({ kind: 'untag', v, repo, tag: rest.slice(1) });
    else if (rest.startsWith('@')) writes.push({ kind: 'mdelete', v, repo, digest: rest.slice(1) as Digest });
    else throw new Error(`unparsed delete target ${e.target}`);
  }
  return fold(writes);
}

function liveManifests(replica: Replica, candidates: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const key of candidates) {
    const at = key.indexOf('@');
    if (replica.store.manifest(key.slice(0, at), key.slice(at + 1) as Digest)) out.add(key);
  }
  return out;
}

type PushCommitted = Extract<SimEvent, { kind: 'push.committed' }>;

function sorted<T>(it: Iterable<T>): T[] {
  return [...it].sort();
}

// ---------------------------------------------------------------------------------------------
// Running a scenario

interface Outcome {
  readonly world: World;
  readonly settled: boolean;
}

function run(scenario: Scenario): Outcome {
  const world = new World(scenario);
  world.checkStep('setup');
  scenario.ops.forEach((op, i) => {
    world.apply(op);
    world.checkStep(`op ${i} ${op.kind}`);
  });
  const settled = world.healAndQuiesce();
  world.checkStep('quiesced');
  return { world, settled };
}

/** All the end-state checks; returns a description of the first failure, or undefined. */
function verify({ world, settled }: Outcome): string[] {
  const problems: string[] = [...world.violations];
  if (!settled) problems.push('the world did not quiesce (operations or replication still pending)');
  const replicas = [...world.registry.replicas.values()];
  // Nothing left in flight: no published transfer (renderers would draw it forever), no blob
  // claimed by a replication job that no longer exists.
  if (world.sim.transfers.size > 0)
    problems.push(
      `${world.sim.transfers.size} transfers still published: ${[...world.sim.transfers.values()].map((t) => t.kind)}`,
    );
  for (const r of replicas)
    if (r.incomingBlobs.size > 0)
      problems.push(`${r.location} still has ${r.incomingBlobs.size} claimed incoming blobs`);

  // (a) B-REP-4 / B-REP-6 convergence: one winner per tag, the same on every replica.
  const first = JSON.stringify(sorted(replicas[0]!.store.tagMap()));
  for (const r of replicas.slice(1)) {
    const mine = JSON.stringify(sorted(r.store.tagMap()));
    if (mine !== first)
      problems.push(`tag maps differ: ${replicas[0]!.location} ${first} vs ${r.location} ${mine}`);
  }

  // (c) B-REP-6 nothing acknowledged is lost unless deleted, and tags resolve by LWW.
  const committed = world.events.filter((e): e is PushCommitted => e.kind === 'push.committed');
  const acked = world.pushes.filter((p) => p.result.ok);
  if (committed.length !== acked.length)
    problems.push(`${acked.length} pushes were acknowledged but ${committed.length} commits were logged`);
  for (const p of acked) {
    const match = committed.some(
      (e) => e.repository === p.repo && e.tag === p.tag && e.digest === p.result.digest,
    );
    if (!match) problems.push(`acknowledged push ${p.repo}:${p.tag}@${p.result.digest} has no commit event`);
  }
  const okDeletes = world.deletes.filter((d) => d.ok).length;
  const loggedDeletes = world.events.filter((e) => e.kind === 'delete.committed').length;
  if (okDeletes !== loggedDeletes)
    problems.push(`${okDeletes} deletes succeeded but ${loggedDeletes} were logged`);

  const expected = expectedState(world.events);
  for (const e of committed) {
    const version = { t: e.t, region: e.location, seq: e.seq };
    const deletedLater = world.events.some(
      (d) =>
        d.kind === 'delete.committed' &&
        d.repository === e.repository &&
        (d.target === e.repository || d.target === `${e.repository}@${e.digest}`) &&
        cmp({ t: d.t, region: d.location, seq: d.seq }, version) > 0,
    );
    if (deletedLater) continue;
    for (const r of replicas)
      if (!r.store.manifest(e.repository, e.digest))
        problems.push(
          `acknowledged push ${e.repository}@${e.digest} (committed at ${e.location}, t=${e.t}) is missing at ${r.location}`,
        );
  }
  const candidates = new Set<string>();
  for (const [repo, digests] of world.built) for (const d of digests) candidates.add(`${repo}@${d}`);
  for (const e of committed) candidates.add(`${e.repository}@${e.digest}`);
  const wantLive = JSON.stringify(sorted(expected.live));
  const wantTags = JSON.stringify(sorted(expected.tags));
  for (const r of replicas) {
    const live = JSON.stringify(sorted(liveManifests(r, candidates)));
    if (live !== wantLive) problems.push(`${r.location} serves manifests ${live}, expected ${wantLive}`);
    const tags = JSON.stringify(sorted(r.store.tagMap()));
    if (tags !== wantTags) problems.push(`${r.location} resolves tags ${tags}, expected ${wantTags}`);
  }

  problems.push(...healthTimeline(world));

  // (b) at the client: a replica that served a manifest (regional endpoint: always the same
  // replica) never then answers BLOB_UNKNOWN for one of its blobs (B-REP-3, B-PULL-1).
  for (const { result } of world.pulls) {
    // B-ROUTE-4: a blob download stays in the region whose replica issued the redirect.
    result.served.forEach((s, i) => {
      const redirect = result.served[i - 1];
      if (s.endpoint === 'data' && (redirect?.status !== 307 || redirect.location !== s.location))
        problems.push(
          `${result.ref}: download from ${s.location} after a redirect from ${redirect?.location}`,
        );
    });
    const get = result.served.find(
      (s) => s.method === 'GET' && s.path.includes('/manifests/') && s.status === 200,
    );
    if (!get || get.endpoint !== 'regional') continue;
    const bad = result.served.find((s) => s.location === get.location && s.code === 'BLOB_UNKNOWN');
    if (bad) problems.push(`${get.location} served ${result.ref} but then answered BLOB_UNKNOWN`);
  }
  return problems;
}

/**
 * B-HEALTH-3 / B-HEALTH-5 / B-HEALTH-6 from the log alone: a replica leaves the routing pool
 * only after being down (region or registry outage) for the whole detection window, and rejoins
 * only after being up for the whole recovery window; throttling never counts as down.
 */
function healthTimeline(world: World): string[] {
  const problems: string[] = [];
  const detection = world.sim.config.get('health.detection');
  const recovery = world.sim.config.get('health.recovery');
  const regionDown = new Set<string>();
  const registryDown = new Set<string>();
  const since = new Map<string, { down: boolean; at: number }>();
  const update = (location: string, t: number): void => {
    const down = regionDown.has(location) || registryDown.has(location);
    const prev = since.get(location);
    if (!prev || prev.down !== down) since.set(location, { down, at: t });
  };
  const slack = 1e-6;
  for (const e of world.events) {
    if (e.kind === 'outage.start' || e.kind === 'outage.end') {
      const set = e.scope === 'region' ? regionDown : registryDown;
      if (e.kind === 'outage.start') set.add(e.location);
      else set.delete(e.location);
      update(e.location, e.t);
    } else if (e.kind === 'replica.creating') {
      // A new replica starts without a registry-scope fault (that belonged to its predecessor).
      registryDown.delete(e.location);
      since.delete(e.location);
      update(e.location, e.t);
    } else if (e.kind === 'health.detected') {
      const s = since.get(e.location);
      if (!s?.down || e.t - s.at < detection - slack)
        problems.push(`${e.location} left the pool at ${e.t} without being down for ${detection} ms`);
    } else if (e.kind === 'health.failback') {
      const s = since.get(e.location);
      if (s?.down || (s && e.t - s.at < recovery - slack))
        problems.push(`${e.location} rejoined the pool at ${e.t} without being up for ${recovery} ms`);
    }
  }
  return problems;
}

function property(scenario: Scenario): void {
  const problems = verify(run(scenario));
  if (problems.length > 0) throw new Error(problems.slice(0, 8).join('\n'));
}

// ---------------------------------------------------------------------------------------------

describe('replication properties (fast-check; replay a failure by putting its seed and path in REPLAY)', () => {
  it('B-REP-3 / B-REP-4 / B-REP-5 / B-REP-6: under concurrent pushes, overwrites, deletes, outages and routing changes, replicas converge on the LWW model, never serve a manifest without its blobs, lose no acknowledged push, and time never runs backwards', () => {
    fc.assert(fc.property(scenarioArb(opArb), property), { numRuns: RUNS, ...REPLAY });
  });

  it('B-LIFE-2 / B-REP-6: the same holds while replicas are created and deleted mid-run', () => {
    fc.assert(fc.property(scenarioArb(lifecycleOpArb), property), { numRuns: RUNS, ...REPLAY });
  });

  it('B-DET-1: replaying a scenario (same seed, same timed operations) gives a byte-identical event log', () => {
    fc.assert(
      fc.property(scenarioArb(lifecycleOpArb), (scenario) => {
        const first = JSON.stringify(run(scenario).world.events);
        const second = JSON.stringify(run(scenario).world.events);
        return first === second;
      }),
      { numRuns: Math.ceil(RUNS / 8), ...REPLAY },
    );
  });

  it.each(REGRESSION_SCENARIOS.map((r) => [r.name, r.scenario] as const))(
    'regression: %s',
    (_name, scenario) => {
      property(scenario);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Regressions: each engine bug the properties found, as a plain example

/** Shrunk counterexamples the properties found, kept verbatim. */
const REGRESSION_SCENARIOS: ReadonlyArray<{ readonly name: string; readonly scenario: Scenario }> = [
  {
    name: 'commit events dated at the client acknowledgement misordered racing tag writes',
    scenario: {
      seed: 0,
      regions: ['northeurope', 'southeastasia', 'centralus'],
      clients: [
        { location: 'westeurope', dns: 'cache' },
        { location: 'eastasia', dns: 'cache' },
      ],
      ops: [
        {
          kind: 'push',
          client: 1,
          repo: 3,
          tag: 3,
          via: 4,
          image: 'build',
          pick: 0,
          size: 1_000_000,
          layers: 3,
        },
        {
          kind: 'push',
          client: 0,
          repo: 3,
          tag: 3,
          via: 0,
          image: 'build',
          pick: 0,
          size: 16_000_000,
          layers: 3,
        },
        { kind: 'advance', ms: 300 },
      ],
    },
  },
  {
    name: 'two pushes committed at one replica in the same instant tied, and replicas diverged',
    scenario: {
      seed: 0,
      regions: ['centralus', 'eastus'],
      clients: [
        { location: 'eastus', dns: 'cache' },
        { location: 'eastus', dns: 'cache' },
      ],
      ops: [
        {
          kind: 'push',
          client: 0,
          repo: 3,
          tag: 3,
          via: 0,
          image: 'reuse',
          pick: 0,
          size: 16_000_000,
          layers: 2,
        },
        {
          kind: 'push',
          client: 0,
          repo: 3,
          tag: 3,
          via: 0,
          image: 'build',
          pick: 0,
          size: 16_000_000,
          layers: 2,
        },
        { kind: 'untag', client: 0, repo: 0, tag: 0, via: 0 },
      ],
    },
  },
  {
    name: 'a deleted replica whose successor took its name reported a failover of the successor',
    scenario: {
      seed: 0,
      config: { 'replica.deletion': 0 },
      regions: ['centralus', 'northeurope', 'westeurope', 'eastus'],
      clients: [
        { location: 'eastus', dns: 'cache' },
        { location: 'eastus', dns: 'cache' },
      ],
      ops: [
        { kind: 'deleteReplica', replica: 2 },
        { kind: 'regionOutage', replica: 6, on: true },
        { kind: 'advance', ms: 0 },
        { kind: 'createReplica', region: 2 },
        { kind: 'untag', client: 0, repo: 0, tag: 0, via: 0 },
      ],
    },
  },
  {
    name: 'a replica deleted before its push replicated stranded the push forever',
    scenario: {
      seed: 0,
      regions: ['northeurope', 'centralus', 'southeastasia'],
      clients: [
        { location: 'eastus', dns: 'cache' },
        { location: 'eastus', dns: 'cache' },
      ],
      ops: [
        {
          kind: 'push',
          client: 0,
          repo: 0,
          tag: 0,
          via: 0,
          image: 'build',
          pick: 0,
          size: 1_000_000,
          layers: 1,
        },
        { kind: 'advance', ms: 300 },
        { kind: 'deleteReplica', replica: 4 },
        { kind: 'advance', ms: 0 },
      ],
    },
  },
];

/** Two Ready replicas and a client signed in to every endpoint. */
function smallWorld(
  locations: readonly string[],
  clientAt: string,
): { sim: Simulation; registry: Registry; client: Client } {
  const sim = new Simulation({ seed: 7 });
  const registry = unwrap(
    createRegistry(sim, {
      name: 'regress',
      location: locations[0]!,
      sku: 'Premium',
      regionalEndpoints: true,
    }),
  );
  for (const location of locations.slice(1)) unwrap(createReplica(sim, registry, { location }));
  if (!drain(sim, 3_600_000)) throw new Error('replicas did not become ready');
  const client = unwrap(addClient(sim, { name: 'dev', location: clientAt }));
  unwrap(login(sim, client, registry.loginServer, 'admin'));
  for (const r of registry.replicas.values())
    unwrap(login(sim, client, registry.regionalHost(r.location), 'admin'));
  return { sim, registry, client };
}

function startPush(sim: Simulation, client: Client, ref: string, size: number): Task<PushResult> {
  unwrap(buildImage(sim, client, ref, { size, layers: 2 }));
  return sim.spawn(pushImage(sim, client, unwrap(planPush(sim, client, ref))));
}

describe('regressions found by the properties', () => {
  it('B-REP-4: push.committed is logged when the replica commits, at the version last-writer-wins uses', () => {
    const { sim, registry, client } = smallWorld(['eastus', 'westeurope'], 'australiaeast');
    const task = startPush(sim, client, `${registry.regionalHost('westeurope')}/app:v1`, 2_000_000);
    sim.runUntil(() => task.done);
    expect(task.result?.ok).toBe(true);
    const events = sim.log.events;
    const commit = events.find((e) => e.kind === 'push.committed')!;
    const put = events.find((e) => e.kind === 'request' && e.method === 'PUT')!;
    const version = registry.replicaAt('westeurope')!.store.repos.get('app')!.tags.get('v1')!.version;
    expect(commit.t).toBe(version.t);
    // The 201 reaches Sydney one long round trip later.
    expect(put.t - commit.t).toBeGreaterThan(100);
  });

  it('B-REP-4: two writes one replica commits in the same instant are ordered, so every replica converges', () => {
    const { sim, registry, client } = smallWorld(['eastus', 'centralus'], 'eastus');
    const ref = `${registry.loginServer}/app:latest`;
    // Same sizes, same start: both pushes run in lockstep and their PUTs commit together.
    const first = startPush(sim, client, ref, 16_000_000);
    const second = startPush(sim, client, ref, 16_000_000);
    sim.runUntil(() => first.done && second.done);
    expect(first.result?.ok && second.result?.ok).toBe(true);
    const commits = sim.log.events.filter((e): e is PushCommitted => e.kind === 'push.committed');
    expect(commits).toHaveLength(2);
    expect(commits[0]!.t).toBe(commits[1]!.t);
    expect(drain(sim, 3_600_000)).toBe(true);
    const winner = commits[1]!.digest;
    for (const r of registry.replicas.values()) expect(r.store.resolveTag('app', 'latest')).toBe(winner);
  });

  it('B-REP-4: versions of one instant and region order by commit sequence, whatever order they arrive in', () => {
    const build = (): { store: ReplicaStore; a: Version; b: Version } => {
      const store = new ReplicaStore();
      const origin = new ReplicaStore();
      return { store, a: origin.commitVersion(1_000, 'eastus'), b: origin.commitVersion(1_000, 'eastus') };
    };
    const d1 = `sha256:${'1'.repeat(64)}` as Digest;
    const d2 = `sha256:${'2'.repeat(64)}` as Digest;
    const x = build();
    x.store.putTag('app', 'v1', d1, x.a);
    x.store.putTag('app', 'v1', d2, x.b);
    const y = build();
    y.store.putTag('app', 'v1', d2, y.b);
    y.store.putTag('app', 'v1', d1, y.a);
    expect(x.store.repos.get('app')!.tags.get('v1')!.digest).toBe(d2);
    expect(y.store.repos.get('app')!.tags.get('v1')!.digest).toBe(d2);
  });

  it('B-REP-6: a replica deleted right after accepting a push stays until the push has replicated', () => {
    const { sim, registry, client } = smallWorld(['eastus', 'westeurope'], 'westeurope');
    const task = startPush(sim, client, `${registry.regionalHost('westeurope')}/app:v1`, 2_000_000);
    sim.runUntil(() => task.done);
    expect(task.result?.ok).toBe(true);
    unwrap(deleteReplica(sim, registry, 'westeurope'));
    expect(drain(sim, 3_600_000)).toBe(true);
    expect([...registry.replicas.keys()]).toEqual(['eastus']);
    expect(registry.replicaAt('eastus')!.store.resolveTag('app', 'v1')).toBe(task.result!.digest);
    const kinds = sim.log.events.map((e) => e.kind);
    expect(kinds.indexOf('replica.deleted')).toBeGreaterThan(kinds.indexOf('replication.applied'));
  });

  it('B-HEALTH-3: checks pending for a deleted replica do not report on a new replica of the same name', () => {
    const { sim, registry } = smallWorld(['eastus', 'westeurope'], 'eastus');
    unwrap(sim.config.set('replica.deletion', 0));
    const westeurope = registry.replicaAt('westeurope')!.location;
    setRegionOutage(sim, westeurope, true);
    unwrap(deleteReplica(sim, registry, 'westeurope'));
    sim.advance(0);
    expect(registry.replicaAt('westeurope')).toBeUndefined();
    unwrap(createReplica(sim, registry, { location: 'westeurope' }));
    setRegionOutage(sim, westeurope, false);
    sim.advance(60 * 60_000);
    expect(sim.log.events.filter((e) => e.kind === 'health.detected')).toEqual([]);
    expect(registry.replicaAt('westeurope')!.inHealthyPool).toBe(true);
  });

  it('B-REP-6: the deleted replica also waits out an outage of the replica it replicates to', () => {
    const { sim, registry, client } = smallWorld(['eastus', 'westeurope'], 'westeurope');
    const eastus = registry.replicaAt('eastus')!.location;
    setRegionOutage(sim, eastus, true);
    const task = startPush(sim, client, `${registry.regionalHost('westeurope')}/app:v1`, 2_000_000);
    sim.runUntil(() => task.done);
    unwrap(deleteReplica(sim, registry, 'westeurope'));
    sim.advance(30 * 60_000);
    expect(registry.replicaAt('westeurope')?.phase).toBe('deleting');
    setRegionOutage(sim, eastus, false);
    expect(drain(sim, 3_600_000)).toBe(true);
    expect(registry.replicaAt('westeurope')).toBeUndefined();
    expect(registry.replicaAt('eastus')!.store.resolveTag('app', 'v1')).toBe(task.result!.digest);
  });
});
