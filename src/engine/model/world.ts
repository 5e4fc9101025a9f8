/**
 * The real system under the faulted model check (src/engine/model-check.test.ts): one
 * geo-replicated Premium registry driven through the same engine APIs the console uses, plus the
 * bookkeeping and the invariant checks.
 *
 * Checked at every step (after every command, and at every commit and replication):
 *  - time never runs backwards (events and clock);
 *  - no replica serves a manifest, by digest or through a tag, whose blobs it lacks (B-REP-3);
 *  - each replica's visible state (tag → digest map, live manifests) is exactly the
 *    last-writer-wins fold of the writes it has applied so far, computed here independently of
 *    the store: a delete never resurrects, one winner per tag (B-REP-4, B-REP-5);
 *  - accepted requests never exceed a replica's per-minute budgets (B-THROT-1, B-THROT-2), also
 *    sampled every 10 simulated seconds so no one-minute window goes unobserved.
 * Checked at the end, after every fault is healed and the world has drained:
 *  - every replica applied every committed write, and all show the same state: the fold of all
 *    writes (convergence, B-REP-4/5/6); every blob of every committed manifest is everywhere, and
 *    any other blob is one a client uploaded to that very replica (a push that never committed);
 *  - every acknowledged push is served everywhere unless a later delete covers it (B-REP-6);
 *  - health timeline (B-HEALTH-3/5/6): a replica leaves the pool only after being down for the
 *    detection window, rejoins only after being up for the recovery window, never for 429s;
 *  - no global-endpoint request from a `cache` or `no-cache` client is resolved to a replica
 *    unhealthy since u after u + detection + TTL, or excluded since x after x + TTL, unless the
 *    routing pool was empty meanwhile (then the endpoint falls back to the nearest ready replica)
 *    (B-HEALTH-2, B-HEALTH-4, B-HEALTH-7);
 *  - after healing: every replica is back in the routing pool (B-HEALTH-5).
 */
import type { Client } from '../client';
import { addClient, buildImage, login, tagImage } from '../clients';
import { throttleBudget } from '../config';
import type { DeleteResult, PullResult, PushResult } from '../dataplane';
import type { SimEvent } from '../events';
import { setRegionOutage, setRegistryOutage } from '../health';
import { createRegistry, createReplica, setGlobalEndpointRouting } from '../lifecycle';
import { stopLoad } from '../load';
import type { Manifest } from '../oci';
import { drain } from '../operations';
import { delay, type Process, type Task } from '../process';
import type { Registry, Replica } from '../registry';
import { unwrap } from '../result';
import { clientLatencyMs, parseHost } from '../routing';
import { setConfig } from '../settings';
import { Simulation } from '../sim';
import type { Digest } from '../types';

export const REPLICA_REGIONS = [
  'eastus',
  'eastus2',
  'westeurope',
  'northeurope',
  'southeastasia',
  'japaneast',
];
export const CLIENT_LOCATIONS = ['eastus', 'westeurope', 'uksouth', 'eastasia', 'centralus', '40.0,-40.0'];
export const DNS_MODES = ['cache', 'no-cache', 'pin-push', 'long-lived'] as const;
export const REPOS = ['app', 'team/web'];
export const TAGS = ['v1', 'latest'];

/** Everything a run's world is built from. */
export interface WorldSetup {
  readonly seed: number;
  readonly regions: readonly string[];
  readonly clients: ReadonlyArray<{ readonly location: string; readonly dns: (typeof DNS_MODES)[number] }>;
  /** Config keys set (with `sim config`'s API) before the registry exists; fixed for the run. */
  readonly settings: Readonly<Record<string, number>>;
}

/** A write's version, copied from the engine's commit (t, origin region, origin commit sequence). */
export interface WVersion {
  readonly t: number;
  readonly region: string;
  readonly seq: number;
}

export type Write =
  | {
      readonly kind: 'put';
      readonly v: WVersion;
      readonly repo: string;
      readonly digest: Digest;
      readonly tag?: string;
    }
  | { readonly kind: 'untag'; readonly v: WVersion; readonly repo: string; readonly tag: string }
  | { readonly kind: 'mdelete'; readonly v: WVersion; readonly repo: string; readonly digest: Digest }
  | { readonly kind: 'rdelete'; readonly v: WVersion; readonly repo: string };

/** Last-writer-wins order of versions (SPEC 3.4): time, then origin region, then origin sequence. */
export function cmp(a: WVersion, b: WVersion): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  if (a.region !== b.region) return a.region < b.region ? -1 : 1;
  return a.seq - b.seq;
}
const later = (a: WVersion | undefined, b: WVersion): WVersion => (a === undefined || cmp(a, b) < 0 ? b : a);
const after = (v: WVersion, than: WVersion | undefined): boolean => than === undefined || cmp(v, than) > 0;
const key = (v: { t: number; region: string; seq?: number }): string => `${v.t}|${v.region}|${v.seq ?? 0}`;

/** What a replica should show after applying `writes`, by the SPEC's last-writer-wins rules. */
export interface Visible {
  readonly tags: Map<string, Digest>;
  readonly live: Set<string>;
}

/**
 * B-REP-3, checked the slow way: every manifest a replica serves, by digest or through a tag, has
 * every blob there (by `missingBlobs`, not the store's remembered-complete shortcut). One line per
 * violation, prefixed with `label`. Shared by the model check and the older property tests.
 */
export function servedBlobViolations(label: string, replicas: Iterable<Replica>): string[] {
  const out: string[] = [];
  for (const r of replicas) {
    const store = r.store;
    for (const [repo, state] of store.repos) {
      for (const digest of state.manifests.keys()) {
        const m = store.manifest(repo, digest);
        if (m && store.missingBlobs(m).length > 0)
          out.push(`${label}: ${r.location} serves ${repo}@${digest} without its blobs`);
      }
      for (const [tag, d] of store.tags(repo)) {
        const m = store.manifest(repo, d);
        if (!m) out.push(`${label}: ${r.location} resolves ${repo}:${tag} to a manifest it does not serve`);
        else if (store.missingBlobs(m).length > 0)
          out.push(`${label}: ${r.location} serves ${repo}:${tag} without its blobs`);
      }
    }
  }
  return out;
}

/**
 * The reference last-writer-wins model, independent of the store: a manifest is served when its
 * newest put is newer than any delete of it and than any repository delete; a tag resolves to its
 * newest write, if that write bound a served manifest after both. The property tests use it too.
 */
export function fold(writes: Iterable<Write>): Visible {
  const repos = new Map<
    string,
    {
      deleted: WVersion | undefined;
      puts: Map<Digest, WVersion>;
      mdeletes: Map<Digest, WVersion>;
      tags: Map<string, { v: WVersion; digest: Digest | null }>;
    }
  >();
  for (const w of writes) {
    let r = repos.get(w.repo);
    if (!r) {
      r = { deleted: undefined, puts: new Map(), mdeletes: new Map(), tags: new Map() };
      repos.set(w.repo, r);
    }
    const tagWrite = (tag: string, digest: Digest | null): void => {
      const cur = r.tags.get(tag);
      if (!cur || cmp(cur.v, w.v) < 0) r.tags.set(tag, { v: w.v, digest });
    };
    if (w.kind === 'put') {
      r.puts.set(w.digest, later(r.puts.get(w.digest), w.v));
      if (w.tag !== undefined) tagWrite(w.tag, w.digest);
    } else if (w.kind === 'untag') tagWrite(w.tag, null);
    else if (w.kind === 'mdelete') r.mdeletes.set(w.digest, later(r.mdeletes.get(w.digest), w.v));
    else r.deleted = later(r.deleted, w.v);
  }
  const tags = new Map<string, Digest>();
  const live = new Set<string>();
  for (const [name, r] of repos) {
    const served = (d: Digest): boolean => {
      const put = r.puts.get(d);
      return put !== undefined && after(put, r.mdeletes.get(d)) && after(put, r.deleted);
    };
    for (const d of r.puts.keys()) if (served(d)) live.add(`${name}@${d}`);
    for (const [tag, w] of r.tags) {
      if (w.digest === null || !served(w.digest)) continue;
      if (!after(w.v, r.deleted) || !after(w.v, r.mdeletes.get(w.digest))) continue;
      tags.set(`${name}:${tag}`, w.digest);
    }
  }
  return { tags, live };
}

const show = (m: Map<string, string> | Set<string>): string =>
  JSON.stringify(m instanceof Map ? [...m].sort() : [...m].sort());

export class ModelWorld {
  readonly sim: Simulation;
  readonly registry: Registry;
  /** Replicas in creation order (the home first); the model never creates or deletes replicas. */
  readonly replicas: Replica[];
  readonly clients: Client[] = [];
  readonly tasks: Task<unknown>[] = [];
  readonly pushes: Array<{ readonly repo: string; readonly tag: string; readonly result: PushResult }> = [];
  readonly pulls: PullResult[] = [];
  readonly deletes: DeleteResult[] = [];
  /** Digests built per repository (manifest deletes pick from them). */
  readonly built = new Map<string, Digest[]>();
  readonly violations: string[] = [];
  /** Every committed write by version key, and what each replica has applied (by replica name). */
  private readonly writes = new Map<string, Write>();
  private readonly applied = new Map<string, Map<string, Write>>();
  private readonly manifests = new Map<Digest, Manifest>();
  /** Index in the log where the checked part starts (after setup). */
  readonly logStart: number;
  private lastNow = 0;
  private lastEventT = 0;
  private readonly probe: Task<void>;
  private readonly readBudget: number;
  private readonly writeBudget: number;

  constructor(readonly setup: WorldSetup) {
    const sim = new Simulation({ seed: setup.seed });
    this.sim = sim;
    for (const [k, v] of Object.entries(setup.settings)) unwrap(setConfig(sim, k, v));
    const [home, ...others] = setup.regions;
    this.registry = unwrap(
      createRegistry(sim, { name: 'modelreg', location: home!, sku: 'Premium', regionalEndpoints: true }),
    );
    for (const location of others) unwrap(createReplica(sim, this.registry, { location }));
    if (!drain(sim, 24 * 3_600_000)) throw new Error('setup: replicas did not become ready');
    this.replicas = [...this.registry.replicas.values()];
    for (const r of this.replicas) this.applied.set(r.name, new Map());
    setup.clients.forEach((c, i) => {
      const client = unwrap(addClient(sim, { name: `c${i}`, location: c.location, dns: c.dns }));
      unwrap(login(sim, client, this.registry.loginServer, 'admin'));
      for (const r of this.replicas)
        unwrap(login(sim, client, this.registry.regionalHost(r.location), 'admin'));
      this.clients.push(client);
    });
    this.readBudget = throttleBudget(sim.config, this.registry.sku, 'reads');
    this.writeBudget = throttleBudget(sim.config, this.registry.sku, 'writes');
    this.logStart = sim.log.length;
    this.lastNow = sim.now;
    this.lastEventT = sim.now;
    sim.log.subscribe((e) => this.onEvent(e));
    this.probe = sim.spawn(this.budgetProbe());
  }

  replica(i: number): Replica {
    return this.replicas[i % this.replicas.length]!;
  }

  client(i: number): Client {
    return this.clients[i % this.clients.length]!;
  }

  /** `via` 0 is the global endpoint; i > 0 the regional endpoint of replica i - 1. */
  host(via: number): string {
    return via === 0 ? this.registry.loginServer : this.registry.regionalHost(this.replica(via - 1).location);
  }

  spawn<R>(proc: Process<R>, onDone: (r: R) => void): void {
    this.tasks.push(this.sim.spawn(proc, onDone) as Task<unknown>);
  }

  /** Builds (or re-tags) an image on the client for `host/repo:tag`; returns the reference. */
  prepareImage(
    client: Client,
    host: string,
    repo: string,
    tag: string,
    image: 'build' | 'reuse' | 'retag',
    pick: number,
    size: number,
    layers: number,
  ): string {
    const ref = `${host}/${repo}:${tag}`;
    const sameRepo = [...client.images.keys()].filter((k) => k.includes(`/${repo}:`));
    const sameTag = sameRepo.filter((k) => k.endsWith(`/${repo}:${tag}`));
    const from = image === 'reuse' ? sameTag : image === 'retag' ? sameRepo : [];
    if (from.length > 0) {
      const source = from[pick % from.length]!;
      if (source !== ref) unwrap(tagImage(client, source, ref));
      return ref;
    }
    const built = unwrap(buildImage(this.sim, client, ref, { size, layers }));
    const list = this.built.get(repo) ?? [];
    list.push(built.manifest.digest);
    this.built.set(repo, list);
    return ref;
  }

  // -------------------------------------------------------------------------------------------
  // Bookkeeping from the event log

  /** Live fault state from the log, for the fleets' routing check: location → since when. */
  private readonly regionDown = new Set<string>();
  private readonly registryDown = new Set<string>();
  private readonly downSince = new Map<string, number>();
  private readonly excludedSince = new Map<string, number>();
  /** When the routing pool was last empty (Infinity while it is). */
  private lastEmptyPool = -Infinity;
  /** Fleet attempts per replica location at the previous probe, and that probe's time. */
  private readonly fleetSeen = new Map<object, Map<string, number>>();
  private lastProbe: number | undefined;

  private trackFaults(e: SimEvent): void {
    if (e.kind === 'outage.start' || e.kind === 'outage.end') {
      const set = e.scope === 'region' ? this.regionDown : this.registryDown;
      if (e.kind === 'outage.start') set.add(e.location);
      else set.delete(e.location);
      const down = this.regionDown.has(e.location) || this.registryDown.has(e.location);
      if (!down) this.downSince.delete(e.location);
      else if (!this.downSince.has(e.location)) this.downSince.set(e.location, e.t);
    } else if (e.kind === 'replica.routing') {
      if (e.enabled) this.excludedSince.delete(e.location);
      else this.excludedSince.set(e.location, e.t);
    } else if (e.kind === 'dns.updated') {
      if (e.pool.length === 0) this.lastEmptyPool = Infinity;
      else if (this.lastEmptyPool === Infinity) this.lastEmptyPool = e.t;
    }
  }

  private onEvent(e: SimEvent): void {
    this.trackFaults(e);
    if (e.t < this.lastEventT)
      this.violations.push(`event #${e.seq} ${e.kind} at ${e.t} after ${this.lastEventT}`);
    this.lastEventT = e.t;
    if (e.kind === 'push.committed' || e.kind === 'delete.committed') {
      const replica = this.registry.replicaAt(e.location)!;
      // The commit's version is {t, region, seq}; the store numbered it just before logging.
      // (`commits` is private to ReplicaStore: if it is renamed, this check says so.)
      const seq = (replica.store as unknown as { commits: unknown }).commits;
      if (typeof seq !== 'number') throw new Error('model/world.ts: ReplicaStore no longer has `commits`');
      const v: WVersion = { t: e.t, region: e.location, seq };
      let w: Write;
      if (e.kind === 'push.committed') {
        const m = replica.store.repos.get(e.repository)?.manifests.get(e.digest)?.manifest;
        if (m) this.manifests.set(e.digest, m);
        else
          this.violations.push(`push.committed ${e.repository}@${e.digest} but ${e.location} has no record`);
        w = {
          kind: 'put',
          v,
          repo: e.repository,
          digest: e.digest,
          ...(e.tag !== undefined ? { tag: e.tag } : {}),
        };
      } else {
        const rest = e.target.slice(e.repository.length);
        if (rest === '') w = { kind: 'rdelete', v, repo: e.repository };
        else if (rest.startsWith(':')) w = { kind: 'untag', v, repo: e.repository, tag: rest.slice(1) };
        else w = { kind: 'mdelete', v, repo: e.repository, digest: rest.slice(1) as Digest };
      }
      const k = key(v);
      if (this.writes.has(k)) this.violations.push(`two commits share version ${k}`);
      this.writes.set(k, w);
      this.applied.get(replica.name)!.set(k, w);
      if (e.kind === 'push.committed') this.checkServedBlobs(`commit at ${e.location}`);
    } else if (e.kind === 'replication.applied') {
      const target = this.registry.replicaAt(e.to)!;
      // The job applying right now is still pending, in state `applying` (it leaves after this event).
      const job = [...this.registry.pending].find((j) => j.state === 'applying' && j.target === target.name);
      if (!job) {
        this.violations.push(`replication.applied to ${e.to} without an applying job`);
        return;
      }
      const k = key(job.change.version);
      const w = this.writes.get(k);
      if (!w) this.violations.push(`${e.to} applied ${e.change} at version ${k}, which was never committed`);
      else {
        const mine = this.applied.get(target.name)!;
        // The race a resurrection would come from: an older put arriving after a newer delete.
        if (
          w.kind === 'put' &&
          [...mine.values()].some(
            (d) =>
              d.repo === w.repo &&
              (d.kind === 'rdelete' || (d.kind === 'mdelete' && d.digest === w.digest)) &&
              cmp(d.v, w.v) > 0,
          )
        )
          this.seen.add('stale-put-after-delete');
        mine.set(k, w);
      }
      this.checkServedBlobs(`replication to ${e.to}`);
    }
  }

  /** Samples the throttle counters every 10 s of simulated time: no window goes unobserved. */
  private *budgetProbe(): Process<void> {
    for (;;) {
      yield delay(10_000);
      this.checkBudgets('probe');
      this.checkFleetRouting();
    }
  }

  /**
   * B-HEALTH-2 / B-HEALTH-4 / B-HEALTH-7 for fleets on the global endpoint (their cohorts cache
   * answers for the TTL): between two probes, no attempt reaches a replica that had been down
   * longer than detection + TTL, or excluded longer than the TTL, before the earlier probe
   * (one load tick of slack), unless the routing pool was empty in that time.
   */
  private checkFleetRouting(): void {
    const now = this.sim.now;
    const since = this.lastProbe;
    this.lastProbe = now;
    const detection = this.sim.config.get('health.detection');
    const ttl = this.sim.config.get('dns.ttl');
    const slack = 1_000;
    for (const gen of this.sim.loads.values()) {
      if (gen.endpoint !== 'global') continue;
      const seen = this.fleetSeen.get(gen) ?? new Map<string, number>();
      const first = !this.fleetSeen.has(gen);
      this.fleetSeen.set(gen, seen);
      for (const [location, c] of gen.perReplica) {
        const attempts = c.ok + c.throttled + c.failed;
        const before = seen.get(location) ?? 0;
        seen.set(location, attempts);
        if (first || since === undefined || this.lastEmptyPool >= since - ttl - slack) continue;
        const u = this.downSince.get(location);
        if (attempts === before) {
          if (u !== undefined && u + detection + ttl + slack < since) this.seen.add('fleet-failover');
          continue;
        }
        if (u !== undefined && u + detection + ttl + slack < since)
          this.violations.push(
            `fleet ${gen.name} sent ${attempts - before} pulls to ${location} between ${since} and ${now}; it has been down since ${u}`,
          );
        const x = this.excludedSince.get(location);
        if (x !== undefined && x + ttl + slack < since)
          this.violations.push(
            `fleet ${gen.name} sent ${attempts - before} pulls to ${location} between ${since} and ${now}; it has been excluded since ${x}`,
          );
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Step checks

  /** Run after every command (and inside multi-step commands). */
  checkStep(label: string): void {
    const now = this.sim.now;
    if (now < this.lastNow) this.violations.push(`${label}: clock went from ${this.lastNow} back to ${now}`);
    this.lastNow = now;
    this.checkServedBlobs(label);
    this.checkBudgets(label);
    this.checkAppliedState(label);
  }

  /** B-REP-3: every manifest a replica serves, by digest or through a tag, has its blobs there. */
  checkServedBlobs(label: string): void {
    this.violations.push(...servedBlobViolations(label, this.replicas));
  }

  /** B-THROT-1 / B-THROT-2: accepted requests stay within each replica's own budgets. */
  checkBudgets(label: string): void {
    for (const r of this.replicas) {
      const c = r.counters;
      if (c.reads > this.readBudget || c.prevReads > this.readBudget)
        this.violations.push(
          `${label}: ${r.location} accepted ${Math.max(c.reads, c.prevReads)} reads in a minute (budget ${this.readBudget})`,
        );
      if (c.writes > this.writeBudget || c.prevWrites > this.writeBudget)
        this.violations.push(
          `${label}: ${r.location} accepted ${Math.max(c.writes, c.prevWrites)} writes in a minute (budget ${this.writeBudget})`,
        );
    }
  }

  /** Each replica shows exactly the last-writer-wins fold of the writes it has applied. */
  checkAppliedState(label: string): void {
    const maps = new Set<string>();
    for (const r of this.replicas) {
      const want = fold(this.applied.get(r.name)!.values());
      const got = this.visible(r);
      const wt = show(want.tags);
      const gt = show(got.tags);
      if (wt !== gt)
        this.violations.push(`${label}: ${r.location} resolves ${gt}, but its applied writes give ${wt}`);
      const wl = show(want.live);
      const gl = show(got.live);
      if (wl !== gl)
        this.violations.push(`${label}: ${r.location} serves ${gl}, but its applied writes give ${wl}`);
      maps.add(gt);
    }
    if (maps.size > 1) this.seen.add('diverged');
  }

  /** Situations seen during the run (see {@link coverage}). */
  private readonly seen = new Set<string>();

  /** What a run exercised, so the test can tell a vacuous pass from a real one. */
  coverage(): Set<string> {
    const seen = new Set(this.seen);
    const events = this.events();
    if (this.replicas.some((r) => r.counters.totalThrottled > 0)) seen.add('429');
    if (events.some((e) => e.kind === 'health.detected')) seen.add('failover');
    if (events.some((e) => e.kind === 'health.failback')) seen.add('failback');
    if (events.some((e) => e.kind === 'replica.routing' && !e.enabled)) seen.add('excluded');
    const writers = new Map<string, Array<{ region: string; digest: string }>>();
    for (const w of this.writes.values()) {
      if (w.kind !== 'put') seen.add('delete');
      else if (w.tag !== undefined) {
        const k = `${w.repo}:${w.tag}`;
        writers.set(k, [...(writers.get(k) ?? []), { region: w.v.region, digest: w.digest }]);
      }
    }
    for (const list of writers.values())
      if (new Set(list.map((x) => x.region)).size > 1 && new Set(list.map((x) => x.digest)).size > 1)
        seen.add('overwrite-from-regions');
    if (this.pushes.some((p) => !p.result.ok)) seen.add('failed-push');
    if (this.pushes.some((p) => p.result.ok)) seen.add('acked-push');
    return seen;
  }

  private visible(r: Replica): Visible {
    const live = new Set<string>();
    for (const [repo, state] of r.store.repos)
      for (const d of state.manifests.keys()) if (r.store.manifest(repo, d)) live.add(`${repo}@${d}`);
    return { tags: r.store.tagMap(), live };
  }

  // -------------------------------------------------------------------------------------------
  // Heal, drain, and the end-state checks

  /** Stops every fleet, ends every fault, restores settings, then runs until everything settles. */
  healAndDrain(): boolean {
    const { sim, registry } = this;
    for (const name of [...sim.loads.keys()]) unwrap(stopLoad(sim, name));
    for (const r of this.replicas) setRegistryOutage(sim, registry, r, false);
    for (const location of [...sim.regionOutages]) setRegionOutage(sim, location, false);
    for (const r of this.replicas) unwrap(setGlobalEndpointRouting(sim, registry, r.name, true));
    const bandwidth = this.setup.settings['replication.bandwidth'];
    if (sim.config.get('replication.bandwidth') !== bandwidth)
      unwrap(setConfig(sim, 'replication.bandwidth', bandwidth ?? 200e6));
    this.checkStep('healed');
    const settled = sim.runUntil(
      () => this.tasks.every((t) => t.done) && registry.pending.size === 0,
      7 * 24 * 3_600_000,
    );
    this.checkStep('drained');
    // Long enough for failback (recovery window) and for every cached DNS answer to expire.
    sim.advance(sim.config.get('health.recovery') + sim.config.get('dns.ttl') + 60_000);
    this.checkStep('settled');
    this.probe.cancel();
    return settled && registry.pending.size === 0;
  }

  /** Every end-state problem found (empty when all invariants hold). */
  verifyEnd(settled: boolean): string[] {
    const problems = [...this.violations];
    if (!settled) problems.push('the world did not drain: operations or replication still pending');
    if (this.sim.transfers.size > 0) problems.push(`${this.sim.transfers.size} transfers still published`);
    const all = [...this.writes.keys()].sort();
    const want = fold(this.writes.values());
    for (const r of this.replicas) {
      if (r.incomingBlobs.size > 0) problems.push(`${r.location} still has claimed incoming blobs`);
      const mine = [...this.applied.get(r.name)!.keys()].sort();
      if (mine.join() !== all.join())
        problems.push(`${r.location} applied ${mine.length} of ${all.length} committed writes`);
      const got = this.visible(r);
      if (show(got.tags) !== show(want.tags))
        problems.push(`${r.location} resolves ${show(got.tags)}, expected ${show(want.tags)}`);
      if (show(got.live) !== show(want.live))
        problems.push(`${r.location} serves ${show(got.live)}, expected ${show(want.live)}`);
      if (!r.inHealthyPool || !r.globalEndpointRouting)
        problems.push(`${r.location} is not back in the routing pool`);
    }
    problems.push(
      ...this.blobConvergence(),
      ...this.ackedPushes(),
      ...this.healthTimeline(),
      ...this.routingWindows(),
    );
    return problems;
  }

  /** Blobs of committed manifests are everywhere; any other blob was uploaded to that replica. */
  private blobConvergence(): string[] {
    const problems: string[] = [];
    const needed = new Set<Digest>();
    for (const m of this.manifests.values()) {
      needed.add(m.config.digest);
      for (const l of m.layers) needed.add(l.digest);
    }
    const uploaded = new Map<string, Set<string>>();
    for (const p of this.pushes)
      for (const s of p.result.served)
        if (s.method === 'PUT' && s.path.includes('/blobs/uploads/') && s.location !== undefined) {
          const set = uploaded.get(s.location) ?? new Set();
          set.add(s.path.slice(s.path.indexOf('digest=') + 7));
          uploaded.set(s.location, set);
        }
    for (const r of this.replicas) {
      for (const d of needed)
        if (!r.store.hasBlob(d)) problems.push(`${r.location} lacks blob ${d} of a committed manifest`);
      for (const d of r.store.blobs.keys())
        if (!needed.has(d) && !uploaded.get(r.location)?.has(d))
          problems.push(`${r.location} holds blob ${d} that nobody uploaded there and no manifest needs`);
    }
    return problems;
  }

  /** B-REP-6: every acknowledged (201) push is served everywhere unless a later delete covers it. */
  private ackedPushes(): string[] {
    const problems: string[] = [];
    const puts = [...this.writes.values()].filter(
      (w): w is Extract<Write, { kind: 'put' }> => w.kind === 'put',
    );
    for (const p of this.pushes) {
      if (!p.result.ok) continue;
      const commits = puts.filter(
        (w) => w.repo === p.repo && w.digest === p.result.digest && w.tag === p.tag,
      );
      if (commits.length === 0) {
        problems.push(`acknowledged push ${p.repo}:${p.tag}@${p.result.digest} has no commit`);
        continue;
      }
      const newest = commits.map((w) => w.v).reduce(later);
      const deletedLater = [...this.writes.values()].some(
        (w) =>
          w.repo === p.repo &&
          (w.kind === 'rdelete' || (w.kind === 'mdelete' && w.digest === p.result.digest)) &&
          cmp(w.v, newest) > 0,
      );
      if (deletedLater) continue;
      for (const r of this.replicas)
        if (!r.store.manifest(p.repo, p.result.digest!))
          problems.push(`acknowledged push ${p.repo}@${p.result.digest} is lost at ${r.location}`);
    }
    const okPushes = this.pushes.filter((p) => p.result.ok).length;
    if (okPushes !== puts.length)
      problems.push(`${okPushes} pushes acknowledged, ${puts.length} commits logged`);
    const okDeletes = this.deletes.filter((d) => d.ok).length;
    if (okDeletes !== this.writes.size - puts.length)
      problems.push(`${okDeletes} deletes acknowledged, ${this.writes.size - puts.length} committed`);
    // B-REP-3 at the client: a replica that served a manifest never then answers BLOB_UNKNOWN for it.
    for (const pull of this.pulls) {
      const get = pull.served.find((s) => s.path.includes('/manifests/') && s.status === 200);
      if (!get || get.endpoint !== 'regional') continue;
      if (pull.served.some((s) => s.location === get.location && s.code === 'BLOB_UNKNOWN'))
        problems.push(`${get.location} served ${pull.ref} and then answered BLOB_UNKNOWN`);
      if (pull.ok && pull.digest && !this.manifests.has(pull.digest))
        problems.push(`${pull.ref} pulled ${pull.digest}, which was never committed`);
    }
    return problems;
  }

  private events(): readonly SimEvent[] {
    return this.sim.log.slice(this.logStart);
  }

  /** B-HEALTH-3 / B-HEALTH-5 / B-HEALTH-6 from the log. */
  private healthTimeline(): string[] {
    const problems: string[] = [];
    const detection = this.sim.config.get('health.detection');
    const recovery = this.sim.config.get('health.recovery');
    const down = new Map<string, { region: boolean; registry: boolean; since: number }>();
    for (const r of this.replicas)
      down.set(r.location, { region: false, registry: false, since: this.events()[0]?.t ?? 0 });
    for (const e of this.events()) {
      if (e.kind === 'outage.start' || e.kind === 'outage.end') {
        const s = down.get(e.location);
        if (!s) continue;
        const was = s.region || s.registry;
        if (e.scope === 'region') s.region = e.kind === 'outage.start';
        else s.registry = e.kind === 'outage.start';
        if (was !== (s.region || s.registry)) s.since = e.t;
      } else if (e.kind === 'health.detected') {
        const s = down.get(e.location)!;
        if (!(s.region || s.registry) || e.t - s.since < detection - 1e-6)
          problems.push(`${e.location} left the pool at ${e.t} without being down for ${detection} ms`);
      } else if (e.kind === 'health.failback') {
        const s = down.get(e.location)!;
        if (s.region || s.registry || e.t - s.since < recovery - 1e-6)
          problems.push(`${e.location} rejoined the pool at ${e.t} without being up for ${recovery} ms`);
      }
    }
    return problems;
  }

  /**
   * B-HEALTH-2 / B-HEALTH-4 / B-HEALTH-7: when each global-endpoint request was resolved (its
   * log time less the round trip and the overhead), whether its replica had been unhealthy or
   * excluded for longer than the detection and TTL windows allow.
   */
  private routingWindows(): string[] {
    const problems: string[] = [];
    const { sim } = this;
    const detection = sim.config.get('health.detection');
    const ttl = sim.config.get('dns.ttl');
    const overhead = sim.config.get('request.overhead');
    const eps = 1e-3;
    /** Per location: intervals [from, to) of real unhealthiness, and of exclusion from routing. */
    const down = new Map<string, Array<[number, number]>>();
    const excluded = new Map<string, Array<[number, number]>>();
    const open = (m: Map<string, Array<[number, number]>>, loc: string, t: number): void => {
      const list = m.get(loc) ?? [];
      const last = list[list.length - 1];
      if (!last || last[1] !== Infinity) list.push([t, Infinity]);
      m.set(loc, list);
    };
    const close = (m: Map<string, Array<[number, number]>>, loc: string, t: number): void => {
      const last = m.get(loc)?.at(-1);
      if (last && last[1] === Infinity) last[1] = t;
    };
    const regionDown = new Set<string>();
    const registryDown = new Set<string>();
    /** Intervals [from, to] during which the routing pool was empty. */
    const empty: Array<[number, number]> = [];
    let emptyFrom: number | undefined;
    const byName = new Map(this.clients.map((c) => [c.name, c]));
    const requests: Array<{ t: number; client: Client; location: string }> = [];
    for (const e of this.events()) {
      if (e.kind === 'outage.start' || e.kind === 'outage.end') {
        const set = e.scope === 'region' ? regionDown : registryDown;
        if (e.kind === 'outage.start') set.add(e.location);
        else set.delete(e.location);
        if (regionDown.has(e.location) || registryDown.has(e.location)) open(down, e.location, e.t);
        else close(down, e.location, e.t);
      } else if (e.kind === 'replica.routing') {
        if (!e.enabled) open(excluded, e.location, e.t);
        else close(excluded, e.location, e.t);
      } else if (e.kind === 'dns.updated') {
        if (e.pool.length === 0 && emptyFrom === undefined) emptyFrom = e.t;
        if (e.pool.length > 0 && emptyFrom !== undefined) {
          empty.push([emptyFrom, e.t]);
          emptyFrom = undefined;
        }
      } else if (e.kind === 'request' && e.endpoint === 'global' && e.location !== '') {
        const client = byName.get(e.client);
        if (client && (client.dns === 'cache' || client.dns === 'no-cache'))
          requests.push({ t: e.t, client, location: e.location });
      }
    }
    if (emptyFrom !== undefined) empty.push([emptyFrom, Infinity]);
    const since = (list: Array<[number, number]> | undefined, t: number): number | undefined =>
      list?.find(([a, b]) => a <= t && t < b - eps)?.[0];
    for (const req of requests) {
      const replica = this.registry.replicaAt(req.location)!;
      const resolvedAt = req.t - 2 * clientLatencyMs(sim, req.client, replica) - overhead;
      // A cached answer may come from up to one TTL before the request.
      const from = resolvedAt - (req.client.dns === 'cache' ? ttl : 0) - eps;
      if (empty.some(([a, b]) => a <= resolvedAt + eps && b >= from)) continue;
      const u = since(down.get(req.location), resolvedAt);
      if (u !== undefined && resolvedAt > u + detection + ttl + eps)
        problems.push(
          `${req.client.name}'s request resolved at ${resolvedAt} went to ${req.location}, unhealthy since ${u} (detection ${detection}, TTL ${ttl})`,
        );
      const x = since(excluded.get(req.location), resolvedAt);
      if (x !== undefined && resolvedAt > x + ttl + eps)
        problems.push(
          `${req.client.name}'s request resolved at ${resolvedAt} went to ${req.location}, excluded since ${x} (TTL ${ttl})`,
        );
    }
    return problems;
  }

  /** Whether a host resolves (regional hosts always do here: every replica is Ready). */
  resolves(host: string): boolean {
    return parseHost(this.sim, host).ok;
  }
}
