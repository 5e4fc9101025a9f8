import { oneWayLatencyMs } from './geo';
import { isReplicaUp } from './health';
import type { Flow, FlowOwner, SharedLink } from './link';
import { blobId, type BlobRef, type Manifest } from './oci';
import type { Registry, Replica } from './registry';
import type { ConfigSnapshot } from './config';
import type { Timer } from './scheduler';
import type { FlowWatch, Simulation, Waiter } from './sim';
import type { Version } from './store';
import type { SimEvent } from './events';
import { fireWebhooks } from './webhooks';

/** A committed write that must reach every other replica. */
export type Change =
  | {
      readonly kind: 'manifest';
      readonly repository: string;
      readonly manifest: Manifest;
      readonly tag: string | undefined;
      readonly version: Version;
    }
  | { readonly kind: 'untag'; readonly repository: string; readonly tag: string; readonly version: Version }
  | {
      readonly kind: 'manifest-delete';
      readonly repository: string;
      readonly manifest: Manifest;
      readonly version: Version;
    }
  | { readonly kind: 'repo-delete'; readonly repository: string; readonly version: Version };

/** Replication of one change from its origin replica to one target replica. */
export interface ReplicationJob {
  readonly id: number;
  readonly change: Change;
  /** Name of the replica that accepted the write. */
  readonly origin: string;
  readonly target: string;
  state: 'queued' | 'waiting' | 'transferring' | 'applying';
  /** Bytes this job moves (blobs the target lacked); known once it starts transferring. */
  bytes: number;
  flow: Flow | undefined;
}

let nextJobId = 1;

/**
 * Applies a change to one replica's store. Blobs for a manifest must already be there. Returns
 * false when a pushed manifest arrives already superseded: a newer delete of it or of its
 * repository reached this replica first, so readers there never see it (B-REP-5: a delete never
 * resurrects). Tombstones and untags always count as applied.
 */
export function applyChange(replica: Replica, change: Change): boolean {
  const store = replica.store;
  switch (change.kind) {
    case 'manifest': {
      const live = store.putManifest(change.repository, change.manifest, change.version);
      if (change.tag !== undefined)
        store.putTag(change.repository, change.tag, change.manifest, change.version);
      return live;
    }
    case 'untag':
      store.putTag(change.repository, change.tag, null, change.version);
      return true;
    case 'manifest-delete':
      store.deleteManifest(change.repository, change.manifest, change.version);
      return true;
    case 'repo-delete':
      store.deleteRepository(change.repository, change.version);
      return true;
    default: {
      const never: never = change;
      throw new Error(`unknown change ${String(never)}`);
    }
  }
}

export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'manifest':
      return change.tag === undefined ? 'manifest' : `manifest+tag`;
    case 'untag':
      return 'untag';
    case 'manifest-delete':
      return 'manifest-delete';
    case 'repo-delete':
      return 'repository-delete';
  }
}

/**
 * Records a write that `origin` has just committed and queues its replication to every other
 * replica — including ones excluded from global routing and ones still provisioning or syncing
 * (B-REP-2, B-HEALTH-7, B-LIFE-2).
 */
export function replicateChange(sim: Simulation, registry: Registry, origin: Replica, change: Change): void {
  for (const target of registry.replicas.values()) {
    if (target === origin || target.phase === 'deleting') continue;
    startJob(sim, registry, origin.name, target.name, change);
  }
}

/** Queues a change for one target replica. */
export function startJob(
  sim: Simulation,
  registry: Registry,
  origin: string,
  target: string,
  change: Change,
): void {
  const job = new Job(sim, registry, nextJobId++, change, origin, target);
  registry.pending.add(job);
  job.begin();
}

/**
 * The replica to copy from: the origin while it exists (also while it is being deleted: it stays
 * until its writes have left, B-REP-6), else any replica holding the content.
 */
function pickSource(registry: Registry, job: ReplicationJob): Replica | undefined {
  const origin = registry.replicas.get(job.origin);
  if (origin) return origin;
  const change = job.change;
  for (const r of registry.replicas.values()) {
    if (r.name === job.target || r.phase === 'deleting' || r.phase === 'provisioning') continue;
    if (change.kind !== 'manifest' || r.store.hasAllBlobs(change.manifest)) return r;
  }
  return undefined;
}

/** Where a job resumes after its current wait (see `Job.run`). */
const enum At {
  /** The top of the attempt loop (after the initial delay, or to try again). */
  Attempt,
  /** Waited for a source and both ends up. */
  SourceReady,
  /** The blobs' flow ended (completed, or aborted when resumed with false). */
  FlowEnded,
  /** The carried blobs have crossed the link's latency. */
  BlobsLanded,
  /** Nothing to carry: the latency before checking the target holds every blob. */
  NothingCarried,
  /** Waited for every blob at the target, and the target up. */
  BlobsPresent,
  /** A delete or untag crossed the latency. */
  DeleteArrived,
  /** Waited for the target up, for a delete or untag. */
  TargetUp,
  Done,
}

/** Which condition the job's current `until` wait is for. */
const enum Until {
  Source,
  Blobs,
  Target,
}

/** A flow that is never watched: the job's `watched` before its first transfer. */
const NO_FLOW: Flow = {
  id: 0,
  bytes: 0,
  bytesDone: 0,
  rate: 0,
  updatedAt: 0,
  expectedArrival: Infinity,
  paused: false,
  finished: true,
};

/**
 * One change's replication to one target, as a state machine that drives itself with scheduler
 * events (it is its own scheduled action, waiter, flow owner and flow watch): one object per job
 * where a generator needed a frame, a task and a dozen closures. Its waits, their order and times
 * are exactly those of the process it replaced, written top to bottom:
 *
 *   delay replication.delay
 *   loop:
 *     stop if the target is gone
 *     until a source exists and both ends are up (a replica in outage holds replication, B-REP-6)
 *     manifest: claim the blobs the target lacks (not already on their way); when any, move them
 *       over the target's inbound link (paused while either end is down, aborted if either end
 *       goes; an abort releases the claims and loops), then the latency, then store them; else
 *       just the latency. Then until the target holds every blob (other jobs may be bringing
 *       some, B-REP-3) and is up; loop if a blob is still missing.
 *     delete/untag: the latency, then until the target is up.
 *     apply the change, log it, fire webhooks.
 */
class Job implements ReplicationJob, Timer, Waiter, FlowOwner, FlowWatch {
  state: ReplicationJob['state'] = 'queued';
  bytes = 0;
  flow: Flow | undefined = undefined;
  readonly pausable = true;
  /** The flow being watched (for the simulation's re-checks) and its link. */
  watched: Flow = NO_FLOW;
  link!: SharedLink;
  private at = At.Attempt;
  private until = Until.Source;
  /** The target replica as of this attempt (the generator's `target`). */
  private to: Replica | undefined = undefined;
  /** Set by the source check (the generator's `source`), then fixed for the attempt (`src`). */
  private source: Replica | undefined = undefined;
  private src: Replica | undefined = undefined;
  private claimed: readonly BlobRef[] = NONE;

  constructor(
    private readonly sim: Simulation,
    private readonly registry: Registry,
    readonly id: number,
    readonly change: Change,
    readonly origin: string,
    readonly target: string,
  ) {
    // Numbered like every operation, so task ids stay what they were when jobs were tasks.
    sim.newTaskId();
  }

  begin(): void {
    this.at = At.Attempt;
    this.delay(this.sim.config.get('replication.delay'));
  }

  /** A scheduled wake-up: 1 resumes normally, 0 with "not completed" (an abort at the start). */
  fire(arg: number): void {
    this.run(arg === 1);
  }

  /** Waiter: the `until` condition now holds. */
  resume(): void {
    this.run(true);
  }

  /** FlowOwner: the blobs' last byte arrived. */
  flowDone(): void {
    this.sim.unwatch(this);
    this.run(true);
  }

  /** FlowWatch: an end went away mid-transfer. */
  abort(): void {
    this.link.cancel(this.watched);
    this.run(false);
  }

  pauseWhen(): boolean {
    return !isReplicaUp(this.sim, this.src!) || !isReplicaUp(this.sim, this.to!);
  }

  abortWhen(): boolean {
    return this.targetGone() || this.registry.replicas.get(this.src!.name) !== this.src;
  }

  check(): boolean {
    const sim = this.sim;
    const target = this.to!;
    switch (this.until) {
      case Until.Source: {
        if (this.targetGone()) return true;
        const source = pickSource(this.registry, this);
        this.source = source;
        return (
          source !== undefined &&
          target.phase !== 'provisioning' &&
          isReplicaUp(sim, target) &&
          isReplicaUp(sim, source)
        );
      }
      case Until.Blobs:
        return (
          this.targetGone() ||
          (target.store.hasAllBlobs((this.change as ManifestChange).manifest) && isReplicaUp(sim, target))
        );
      case Until.Target:
        return this.targetGone() || isReplicaUp(sim, target);
    }
  }

  private targetGone(): boolean {
    const t = this.registry.replicas.get(this.target);
    return !t || t.phase === 'deleting';
  }

  private delay(ms: number): void {
    this.sim.scheduler.after(ms, this, 1);
  }

  private wait(until: Until): void {
    this.until = until;
    if (this.check()) this.sim.scheduler.after(0, this, 1);
    else this.sim.addWaiter(this);
  }

  /** Runs from the current resume point to the next wait (or the end). */
  private run(ok: boolean): void {
    const { sim, registry, change } = this;
    for (;;) {
      switch (this.at) {
        case At.Attempt: {
          if (this.targetGone()) return this.finish();
          this.to = registry.replicas.get(this.target)!;
          this.state = 'waiting';
          this.source = undefined;
          this.at = At.SourceReady;
          return this.wait(Until.Source);
        }
        case At.SourceReady: {
          if (this.targetGone() || !this.source) return this.finish();
          const src = this.source;
          this.src = src;
          const target = this.to!;
          if (change.kind !== 'manifest') {
            this.at = At.DeleteArrived;
            return this.delay(regionLatency(sim, src, target));
          }
          const claimed = claimMissingBlobs(target, change.manifest, this.id);
          let bytes = 0;
          for (const b of claimed) bytes += b.size;
          this.claimed = claimed;
          this.bytes = bytes;
          if (bytes === 0) {
            this.at = At.NothingCarried;
            return this.delay(regionLatency(sim, src, target));
          }
          this.state = 'transferring';
          this.at = At.FlowEnded;
          return this.startFlow(src, target, bytes);
        }
        case At.FlowEnded: {
          if (this.flow) sim.untrackTransfer(this.flow.id);
          this.flow = undefined;
          if (!ok) {
            releaseClaims(this.to!, this.claimed, this.id);
            this.at = At.Attempt;
            continue;
          }
          this.at = At.BlobsLanded;
          return this.delay(regionLatency(sim, this.src!, this.to!));
        }
        case At.BlobsLanded: {
          if (this.targetGone()) return this.finish();
          const target = this.to!;
          for (const b of this.claimed) target.store.addBlobRef(b);
          releaseClaims(target, this.claimed, this.id);
          registry.crossRegionBytes.add(this.src!.location, target.location, this.bytes);
          sim.notify('content');
          this.at = At.BlobsPresent;
          return this.wait(Until.Blobs);
        }
        case At.NothingCarried:
          this.at = At.BlobsPresent;
          return this.wait(Until.Blobs);
        case At.BlobsPresent: {
          if (this.targetGone()) return this.finish();
          if (!this.to!.store.hasAllBlobs((change as ManifestChange).manifest)) {
            this.at = At.Attempt;
            continue;
          }
          return this.apply();
        }
        case At.DeleteArrived:
          this.at = At.TargetUp;
          return this.wait(Until.Target);
        case At.TargetUp:
          if (this.targetGone()) return this.finish();
          return this.apply();
        case At.Done:
          throw new Error(`invariant: replication job ${this.id} resumed after it finished`);
      }
    }
  }

  /** The flow wait: aborted at once if an end is already gone, else started and watched. */
  private startFlow(src: Replica, target: Replica, bytes: number): void {
    const sim = this.sim;
    if (this.abortWhen()) {
      sim.scheduler.after(0, this, 0);
      return;
    }
    const link = target.inbound;
    const flow = link.start(bytes, this);
    this.flow = flow;
    sim.trackTransfer({
      id: flow.id,
      kind: 'replication',
      registry: this.registry.name,
      from: src.location,
      to: target.location,
      bytes,
      sendTime: sim.now,
      flow,
    });
    this.watched = flow;
    this.link = link;
    sim.watch(this);
    if (this.pauseWhen()) link.pause(flow);
  }

  private apply(): void {
    const { sim, registry, change } = this;
    const target = this.to!;
    this.state = 'applying';
    const live = applyChange(target, change);
    const event = appliedEvent(
      registry.name,
      this.src!.location,
      target.location,
      change,
      sim.now,
      sim.log.length,
      this.bytes,
    );
    // A push overtaken by a delete changes nothing a reader sees there: no push webhook for it.
    if (live) {
      sim.log.appendFilled(event);
      fireWebhooks(sim, registry, target, change, 'replication');
    } else {
      sim.log.appendFilled({ ...event, superseded: true });
    }
    sim.notify('content');
    this.finish();
  }

  /** The job is over (applied, or its target went): it leaves the pending set. */
  private finish(): void {
    this.at = At.Done;
    this.registry.pending.delete(this);
    // A replica being deleted waits for its jobs to finish (see deleteReplica).
    this.sim.notify('content');
  }
}

type ManifestChange = Extract<Change, { kind: 'manifest' }>;
const NONE: readonly BlobRef[] = Object.freeze([]);

/**
 * The `replication.applied` entry. One literal per shape instead of conditional spreads, which
 * build and copy throw-away objects (this runs once per change per replica); the keys and their
 * order are the same as the spreads gave, so logs and JSON output are unchanged. `t` and `seq` come
 * last, filled in here (the log takes them as they are, see `EventLog.appendFilled`).
 */
function appliedEvent(
  registry: string,
  from: string,
  to: string,
  change: Change,
  now: number,
  seq: number,
  bytes: number,
): Extract<SimEvent, { kind: 'replication.applied' }> {
  const repository = change.repository;
  const kind = 'replication.applied' as const;
  const described = describeChange(change);
  const lagMs = now - change.version.t;
  const t = now;
  if (change.kind === 'manifest') {
    const digest = change.manifest.digest;
    if (change.tag === undefined)
      return { kind, registry, from, to, repository, change: described, digest, lagMs, bytes, t, seq };
    const tag = change.tag;
    return { kind, registry, from, to, repository, change: described, digest, tag, lagMs, bytes, t, seq };
  }
  if (change.kind === 'manifest-delete') {
    const digest = change.manifest.digest;
    return { kind, registry, from, to, repository, change: described, digest, lagMs, bytes, t, seq };
  }
  if (change.kind === 'untag') {
    const tag = change.tag;
    return { kind, registry, from, to, repository, change: described, tag, lagMs, bytes, t, seq };
  }
  return { kind, registry, from, to, repository, change: described, lagMs, bytes, t, seq };
}

/**
 * Claims the blobs this job will carry: missing at the target and not already on their way. As
 * the manifest's own references, config first, each digest once (a repeated digest is found
 * claimed by this job), so their sizes and store ids come with them. One pass, and no array at
 * all when nothing is missing: this runs once per change per target.
 */
function claimMissingBlobs(target: Replica, m: Manifest, jobId: number): readonly BlobRef[] {
  let claimed: BlobRef[] | undefined;
  const count = m.layers.length;
  for (let i = -1; i < count; i++) {
    const b = i < 0 ? m.config : m.layers[i]!;
    if (target.store.hasBlobRef(b)) continue;
    const id = blobId(b);
    if (target.incomingBlobs.claimant(id) !== 0) continue;
    target.incomingBlobs.claim(id, jobId);
    (claimed ??= []).push(b);
  }
  return claimed ?? NONE;
}

function releaseClaims(target: Replica, claimed: readonly BlobRef[], jobId: number): void {
  for (const b of claimed) {
    const id = blobId(b);
    if (target.incomingBlobs.claimant(id) === jobId) target.incomingBlobs.release(id);
  }
}

/**
 * Region-pair latencies per configuration snapshot (a config change makes a new snapshot, so the
 * old figures are dropped with it): every replication job asks at least once, and the
 * great-circle maths is not free.
 */
const latencies = new WeakMap<ConfigSnapshot, Map<string, number>>();

/** One-way latency between two replicas' regions. */
export function regionLatency(sim: Simulation, a: Replica, b: Replica): number {
  const config = sim.config.snapshot();
  let byPair = latencies.get(config);
  if (!byPair) {
    byPair = new Map();
    latencies.set(config, byPair);
  }
  const key = pairKey(a.location, b.location);
  let latency = byPair.get(key);
  if (latency === undefined) {
    latency = oneWayLatencyMs(a.region.lonLat, b.region.lonLat, {
      latencyBase: config['net.latencyBase'],
      latencyPerKm: config['net.latencyPerKm'],
    });
    byPair.set(key, latency);
  }
  return latency;
}

/** `from>to` keys, built once per pair: a fresh string per transfer would be hashed every time. */
const pairKeys = new Map<string, Map<string, string>>();

function pairKey(from: string, to: string): string {
  let byTarget = pairKeys.get(from);
  if (!byTarget) {
    byTarget = new Map();
    pairKeys.set(from, byTarget);
  }
  let key = byTarget.get(to);
  if (key === undefined) {
    key = `${from}>${to}`;
    byTarget.set(to, key);
  }
  return key;
}
