import { oneWayLatencyMs } from './geo';
import { isReplicaUp } from './health';
import type { Flow } from './link';
import { blobId, type BlobRef, type Manifest } from './oci';
import { delay, until, type Process } from './process';
import type { Registry, Replica } from './registry';
import type { Simulation } from './sim';
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

/** Applies a change to one replica's store. Blobs for a manifest must already be there. */
export function applyChange(replica: Replica, change: Change): void {
  const store = replica.store;
  switch (change.kind) {
    case 'manifest':
      store.putManifest(change.repository, change.manifest, change.version);
      if (change.tag !== undefined)
        store.putTag(change.repository, change.tag, change.manifest.digest, change.version);
      return;
    case 'untag':
      store.putTag(change.repository, change.tag, null, change.version);
      return;
    case 'manifest-delete':
      store.deleteManifest(change.repository, change.manifest, change.version);
      return;
    case 'repo-delete':
      store.deleteRepository(change.repository, change.version);
      return;
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
  const job: ReplicationJob = {
    id: nextJobId++,
    change,
    origin,
    target,
    state: 'queued',
    bytes: 0,
    flow: undefined,
  };
  registry.pending.add(job);
  sim.spawn(replicationProcess(sim, registry, job), () => {
    registry.pending.delete(job);
    // A replica being deleted waits for its jobs to finish (see deleteReplica).
    sim.notify('content');
  });
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

function* replicationProcess(sim: Simulation, registry: Registry, job: ReplicationJob): Process<void> {
  yield delay(sim.config.get('replication.delay'));
  const targetGone = (): boolean => {
    const t = registry.replicas.get(job.target);
    return !t || t.phase === 'deleting';
  };
  for (;;) {
    if (targetGone()) return;
    const target = registry.replicas.get(job.target)!;
    job.state = 'waiting';
    // Replication to or from a replica in outage waits for it to recover (B-REP-6).
    let source: Replica | undefined;
    yield until(() => {
      if (targetGone()) return true;
      source = pickSource(registry, job);
      return (
        source !== undefined &&
        target.phase !== 'provisioning' &&
        isReplicaUp(sim, target) &&
        isReplicaUp(sim, source)
      );
    });
    if (targetGone() || !source) return;
    const src = source;
    const change = job.change;
    let bytes = 0;
    if (change.kind === 'manifest') {
      const claimed = claimMissingBlobs(target, change.manifest, job.id);
      for (const b of claimed) bytes += b.size;
      job.bytes = bytes;
      if (bytes > 0) {
        job.state = 'transferring';
        const sourceGone = (): boolean => registry.replicas.get(src.name) !== src;
        const completed = yield {
          type: 'flow',
          link: target.inbound,
          bytes,
          onStart: (flow) => {
            job.flow = flow;
            sim.trackTransfer({
              id: flow.id,
              kind: 'replication',
              registry: registry.name,
              from: src.location,
              to: target.location,
              bytes,
              sendTime: sim.now,
              flow,
            });
          },
          pauseWhen: () => !isReplicaUp(sim, src) || !isReplicaUp(sim, target),
          abortWhen: () => targetGone() || sourceGone(),
        };
        if (job.flow) sim.untrackTransfer(job.flow.id);
        job.flow = undefined;
        if (!completed) {
          releaseClaims(target, claimed, job.id);
          continue;
        }
        yield delay(regionLatency(sim, src, target));
        if (targetGone()) return;
        for (const b of claimed) target.store.addBlobRef(b);
        releaseClaims(target, claimed, job.id);
        recordCrossRegion(registry, src.location, target.location, bytes);
        sim.notify('content');
      } else {
        yield delay(regionLatency(sim, src, target));
      }
      // Blobs another job is bringing in must land before the manifest becomes visible (B-REP-3).
      yield until(
        () => targetGone() || (target.store.hasAllBlobs(change.manifest) && isReplicaUp(sim, target)),
      );
      if (targetGone()) return;
      if (!target.store.hasAllBlobs(change.manifest)) continue;
    } else {
      yield delay(regionLatency(sim, src, target));
      yield until(() => targetGone() || isReplicaUp(sim, target));
      if (targetGone()) return;
    }
    job.state = 'applying';
    applyChange(target, change);
    sim.emit(appliedEvent(registry.name, src.location, target.location, change, sim.now, bytes));
    fireWebhooks(sim, registry, target, change, 'replication');
    sim.notify('content');
    return;
  }
}

/**
 * The `replication.applied` entry. One literal per shape instead of conditional spreads, which
 * build and copy throw-away objects (this runs once per change per replica); the keys and their
 * order are the same as the spreads gave, so logs and JSON output are unchanged. `t` and `seq` are
 * the log's to fill in, declared last so they live inside the object (see `request` in dataplane).
 */
function appliedEvent(
  registry: string,
  from: string,
  to: string,
  change: Change,
  now: number,
  bytes: number,
): SimEvent {
  const repository = change.repository;
  const kind = 'replication.applied';
  const described = describeChange(change);
  const lagMs = now - change.version.t;
  const t = 0;
  const seq = 0;
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
 * the manifest's own references (each digest once, config first), so their sizes and store ids
 * come with them.
 */
function claimMissingBlobs(target: Replica, m: Manifest, jobId: number): BlobRef[] {
  const claimed: BlobRef[] = [];
  for (const b of target.store.missingBlobRefs(m)) {
    const id = blobId(b);
    if (target.incomingBlobs.claimant(id) !== 0) continue;
    target.incomingBlobs.claim(id, jobId);
    claimed.push(b);
  }
  return claimed;
}

function releaseClaims(target: Replica, claimed: readonly BlobRef[], jobId: number): void {
  for (const b of claimed) {
    const id = blobId(b);
    if (target.incomingBlobs.claimant(id) === jobId) target.incomingBlobs.release(id);
  }
}

/** One-way latency between two replicas' regions. */
export function regionLatency(sim: Simulation, a: Replica, b: Replica): number {
  return oneWayLatencyMs(a.region.lonLat, b.region.lonLat, {
    latencyBase: sim.config.get('net.latencyBase'),
    latencyPerKm: sim.config.get('net.latencyPerKm'),
  });
}

/** Cross-region replication traffic per source→target pair (B-COST-2). */
function recordCrossRegion(registry: Registry, from: string, to: string, bytes: number): void {
  if (from === to) return;
  const key = pairKey(from, to);
  registry.crossRegionBytes.set(key, (registry.crossRegionBytes.get(key) ?? 0) + bytes);
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
