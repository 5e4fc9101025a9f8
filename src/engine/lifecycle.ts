import { flowBytesDone } from './link';
import { announceDns, healthChanged, isReplicaUp } from './health';
import { delay, until, type Process } from './process';
import { lookupRegion } from './regions';
import { Registry, Replica, SKUS, type Sku } from './registry';
import { regionLatency, startJob, type Change } from './replication';
import { clip, fail, ok, type Result } from './result';
import { findRegistry } from './routing';
import type { Simulation } from './sim';
import { ReplicaStore } from './store';

const REGISTRY_NAME = /^[a-zA-Z0-9]{5,50}$/;
const REPLICA_NAME = /^[a-zA-Z0-9]{1,50}$/;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;

export interface CreateRegistryOptions {
  readonly name: string;
  readonly location: string;
  readonly sku?: string;
  readonly resourceGroup?: string;
  readonly regionalEndpoints?: boolean;
  readonly dataEndpointEnabled?: boolean;
}

export function parseSku(text: string): Result<Sku> {
  const sku = SKUS.find((s) => s.toLowerCase() === text.toLowerCase());
  return sku
    ? ok(sku)
    : fail('InvalidSku', `The SKU "${clip(text)}" is not one of Basic, Standard, Premium.`, clip(text));
}

/**
 * Creates a registry with its home replica, which is Ready at once. The home region is fixed
 * from here on (B-HOME-1). Regional endpoints need the Premium SKU (B-REG-1).
 */
export function createRegistry(sim: Simulation, options: CreateRegistryOptions): Result<Registry> {
  const { name } = options;
  if (!REGISTRY_NAME.test(name)) {
    return fail(
      'InvalidRegistryName',
      `The registry name "${name}" is invalid: use 5 to 50 letters and digits, nothing else.`,
      name,
    );
  }
  if (findRegistry(sim, name)) {
    return fail('AlreadyInUse', `The registry name "${name}" is already in use.`, name);
  }
  const sku = parseSku(options.sku ?? 'Premium');
  if (!sku.ok) return sku;
  const region = lookupRegion(options.location);
  if (!region.ok) return region;
  const resourceGroup = options.resourceGroup ?? 'myresourcegroup';
  if (!RESOURCE_GROUP.test(resourceGroup)) {
    return fail(
      'InvalidResourceGroup',
      `The resource group name "${resourceGroup}" is invalid.`,
      resourceGroup,
    );
  }
  if (options.regionalEndpoints && sku.value !== 'Premium') {
    return skuError(sku.value, 'Regional endpoints');
  }
  const registry = new Registry(name, resourceGroup, sku.value, region.value.name, sim.now, {
    regionalEndpoints: options.regionalEndpoints ?? false,
    dataEndpointEnabled: options.dataEndpointEnabled ?? false,
  });
  const home = newReplica(sim, registry, region.value.name, region.value.name);
  home.phase = 'ready';
  home.readyAt = sim.now;
  sim.registries.set(name.toLowerCase(), registry);
  sim.emit({ kind: 'registry.created', registry: name, sku: sku.value, location: region.value.name });
  return ok(registry);
}

function skuError<T>(sku: Sku, feature: string): Result<T> {
  return fail(
    'SkuNotSupported',
    `${feature} need the Premium SKU; this registry is ${sku}. Upgrade with "az acr update --sku Premium".`,
    sku,
  );
}

function newReplica(sim: Simulation, registry: Registry, name: string, location: string): Replica {
  const region = lookupRegion(location);
  if (!region.ok) throw new Error(`invariant: ${location} was validated`);
  const replica = new Replica(
    registry.name,
    name,
    region.value,
    sim.now,
    sim.scheduler,
    sim.config.get('replication.bandwidth'),
  );
  registry.replicas.set(name, replica);
  if (!isReplicaUp(sim, replica)) healthChanged(sim, registry, replica);
  return replica;
}

export interface UpdateRegistryOptions {
  readonly sku?: string;
  readonly regionalEndpoints?: boolean;
  readonly dataEndpointEnabled?: boolean;
}

/** Changes registry properties; all checks pass before anything changes. */
export function updateRegistry(
  sim: Simulation,
  registry: Registry,
  options: UpdateRegistryOptions,
): Result<Registry> {
  let sku = registry.sku;
  if (options.sku !== undefined) {
    const parsed = parseSku(options.sku);
    if (!parsed.ok) return parsed;
    sku = parsed.value;
  }
  const regional = options.regionalEndpoints ?? registry.regionalEndpoints;
  if (sku !== 'Premium') {
    if (registry.replicas.size > 1) {
      return fail(
        'SkuNotSupported',
        `This registry has ${registry.replicas.size - 1} geo-replica(s); geo-replication needs the Premium SKU. Delete them before moving to ${sku}.`,
        sku,
      );
    }
    if (regional) return skuError(sku, 'Regional endpoints');
  }
  const changes: string[] = [];
  if (sku !== registry.sku) changes.push(`sku=${sku}`);
  if (regional !== registry.regionalEndpoints)
    changes.push(`regionalEndpoints=${regional ? 'enabled' : 'disabled'}`);
  const data = options.dataEndpointEnabled ?? registry.dataEndpointEnabled;
  if (data !== registry.dataEndpointEnabled) changes.push(`dataEndpointEnabled=${data}`);
  registry.sku = sku;
  registry.regionalEndpoints = regional;
  registry.dataEndpointEnabled = data;
  if (changes.length > 0)
    sim.emit({ kind: 'registry.updated', registry: registry.name, changes: changes.join(', ') });
  return ok(registry);
}

export interface CreateReplicaOptions {
  readonly location: string;
  readonly name?: string;
  /**
   * How provisioning ends when it cannot go ahead (private endpoints, src/engine/network.ts):
   * `'stuck'` stays Creating until deleted by hand (B-PE-3); a number of ms shows Creating that
   * long and then removes the replica (B-PE-2 rollback). Absent: provisions normally.
   */
  readonly hold?: 'stuck' | number;
}

/**
 * Starts creating a geo-replica: Creating for `replica.provisioning`, then an initial sync whose
 * length scales with the registry's size (B-LIFE-1), then Ready. Existing replicas keep serving
 * throughout (B-LIFE-2). Needs the Premium SKU (B-REG-1).
 */
export function createReplica(
  sim: Simulation,
  registry: Registry,
  options: CreateReplicaOptions,
): Result<Replica> {
  if (registry.sku !== 'Premium') return skuError(registry.sku, 'Geo-replicas');
  const region = lookupRegion(options.location);
  if (!region.ok) return region;
  const location = region.value.name;
  const name = options.name ?? location;
  if (!REPLICA_NAME.test(name)) {
    return fail(
      'InvalidReplicationName',
      `The replication name "${name}" is invalid: use letters and digits only.`,
      name,
    );
  }
  if (registry.replicaAt(location)) {
    return fail(
      'ReplicationAlreadyExists',
      `Registry ${registry.name} already has a replica in ${location}.`,
      location,
    );
  }
  if (registry.replicas.has(name)) {
    return fail(
      'ReplicationAlreadyExists',
      `Registry ${registry.name} already has a replica named ${name}.`,
      name,
    );
  }
  const replica = newReplica(sim, registry, name, location);
  sim.emit({ kind: 'replica.creating', registry: registry.name, replica: name, location });
  // Changes still on their way elsewhere must reach the newcomer too: its snapshot source may
  // not have them yet, and they were queued before it existed.
  const inFlight = new Set<Change>();
  const origins = new Map<Change, string>();
  for (const job of registry.pending) {
    inFlight.add(job.change);
    origins.set(job.change, job.origin);
  }
  for (const change of inFlight) startJob(sim, registry, origins.get(change)!, name, change);
  sim.spawn(
    options.hold === undefined
      ? provisionAndSync(sim, registry, replica)
      : holdInCreating(sim, registry, replica, options.hold),
  );
  return ok(replica);
}

/** A replica that never provisions: stuck until deleted, or rolled back after `hold` ms. */
function* holdInCreating(
  sim: Simulation,
  registry: Registry,
  replica: Replica,
  hold: 'stuck' | number,
): Process<void> {
  const gone = (): boolean => registry.replicas.get(replica.name) !== replica || replica.phase === 'deleting';
  if (hold === 'stuck') {
    replica.stuck = true;
    return;
  }
  yield delay(hold);
  if (gone()) return;
  registry.replicas.delete(replica.name);
  sim.emit({
    kind: 'replica.deleted',
    registry: registry.name,
    replica: replica.name,
    location: replica.location,
  });
  sim.notify();
}

function* provisionAndSync(sim: Simulation, registry: Registry, replica: Replica): Process<void> {
  const gone = (): boolean => registry.replicas.get(replica.name) !== replica || replica.phase === 'deleting';
  yield delay(sim.config.get('replica.provisioning'));
  if (gone()) return;
  replica.phase = 'syncing';
  for (;;) {
    // Copy from a Ready, healthy replica: the home one when it can serve, else the nearest.
    let source: Replica | undefined;
    yield until(() => {
      if (gone()) return true;
      source = pickSyncSource(sim, registry, replica);
      return source !== undefined && isReplicaUp(sim, replica);
    });
    if (gone() || !source) return;
    const src = source;
    const snapshot = new ReplicaStore();
    snapshot.mergeFrom(src.store);
    let bytes = 0;
    for (const [d, size] of snapshot.blobs) if (!replica.store.hasBlob(d)) bytes += size;
    replica.sync = { bytesTotal: bytes, startedAt: sim.now, source: src.name, flow: undefined };
    sim.emit({
      kind: 'replica.provisioned',
      registry: registry.name,
      replica: replica.name,
      location: replica.location,
      syncBytes: bytes,
    });
    const sourceGone = (): boolean => registry.replicas.get(src.name) !== src || src.phase === 'deleting';
    const completed = yield {
      type: 'flow',
      link: replica.inbound,
      bytes,
      onStart: (flow) => {
        replica.sync!.flow = flow;
        sim.trackTransfer({
          id: flow.id,
          kind: 'sync',
          registry: registry.name,
          from: src.location,
          to: replica.location,
          bytes,
          sendTime: sim.now,
          flow,
        });
      },
      pauseWhen: () => !isReplicaUp(sim, src) || !isReplicaUp(sim, replica),
      abortWhen: () => gone() || sourceGone(),
    };
    if (replica.sync.flow) sim.untrackTransfer(replica.sync.flow.id);
    if (gone()) return;
    if (!completed) continue;
    yield delay(regionLatency(sim, src, replica));
    if (gone()) return;
    replica.store.mergeFrom(snapshot);
    if (bytes > 0) registry.crossRegionBytes.add(src.location, replica.location, bytes);
    replica.phase = 'ready';
    replica.readyAt = sim.now;
    sim.emit({
      kind: 'replica.ready',
      registry: registry.name,
      replica: replica.name,
      location: replica.location,
    });
    if (replica.globalEndpointRouting && replica.inHealthyPool) announceDns(sim, registry);
    sim.notify();
    return;
  }
}

function pickSyncSource(sim: Simulation, registry: Registry, replica: Replica): Replica | undefined {
  const home = registry.replicaAt(registry.home);
  if (home && home !== replica && home.phase === 'ready' && isReplicaUp(sim, home)) return home;
  let best: Replica | undefined;
  let bestLatency = Infinity;
  for (const r of registry.replicas.values()) {
    if (r === replica || r.phase !== 'ready' || !isReplicaUp(sim, r)) continue;
    const l = regionLatency(sim, r, replica);
    if (l < bestLatency) {
      best = r;
      bestLatency = l;
    }
  }
  return best;
}

/**
 * The bytes a new replica's initial sync would copy if it started now: the blobs of the replica
 * it would copy from that it does not hold yet (as `provisionAndSync` counts them). Only asked
 * for replicas that have not started their sync, for display.
 */
function bytesToSync(sim: Simulation, replica: Replica): number {
  const registry = sim.registries.get(replica.registry.toLowerCase());
  if (!registry) return 0;
  const source =
    pickSyncSource(sim, registry, replica) ??
    (registry.homeReplica !== replica ? registry.homeReplica : undefined);
  if (!source) return 0;
  let bytes = 0;
  for (const [d, size] of source.store.blobs) if (!replica.store.hasBlob(d)) bytes += size;
  return bytes;
}

/**
 * Progress of a replica's initial sync: bytes copied, percent and estimated finish. Before the
 * copy begins (while Creating) the total is what it would copy from the registry as it is now.
 */
export function syncProgress(
  sim: Simulation,
  replica: Replica,
): { bytesDone: number; bytesTotal: number; percent: number; eta: number | undefined } {
  if (replica.phase === 'ready') {
    const total = replica.sync?.bytesTotal ?? 0;
    return { bytesDone: total, bytesTotal: total, percent: 100, eta: undefined };
  }
  const sync = replica.sync;
  // Still Creating (or the copy has not begun): what it would copy if the sync started now.
  if (!sync) return { bytesDone: 0, bytesTotal: bytesToSync(sim, replica), percent: 0, eta: undefined };
  const flow = sync.flow;
  let done = 0;
  let eta: number | undefined;
  if (flow) {
    done = flowBytesDone(flow, sim.now);
    eta = Number.isFinite(flow.expectedArrival) ? flow.expectedArrival : undefined;
  }
  const percent = sync.bytesTotal === 0 ? 100 : Math.floor((done / sync.bytesTotal) * 100);
  return { bytesDone: done, bytesTotal: sync.bytesTotal, percent, eta };
}

/** Finds a replica by name or location. */
export function findReplica(registry: Registry, nameOrLocation: string): Replica | undefined {
  return registry.replicas.get(nameOrLocation) ?? registry.replicaAt(nameOrLocation.toLowerCase());
}

/** Deletes a geo-replica: Deleting for `replica.deletion`, then gone. The home replica stays. */
export function deleteReplica(sim: Simulation, registry: Registry, nameOrLocation: string): Result<Replica> {
  const replica = findReplica(registry, nameOrLocation);
  if (!replica) {
    return fail(
      'ResourceNotFound',
      `Registry ${registry.name} has no replication named ${nameOrLocation}.`,
      nameOrLocation,
    );
  }
  if (replica.location === registry.home) {
    return fail(
      'HomeReplicationCannotBeDeleted',
      `The replica in ${registry.home} is the registry's home replica and cannot be deleted.`,
      replica.name,
    );
  }
  if (replica.phase === 'deleting') {
    return fail('OperationInProgress', `The replica ${replica.name} is already being deleted.`, replica.name);
  }
  const wasRouted = replica.phase === 'ready' && replica.globalEndpointRouting && replica.inHealthyPool;
  replica.phase = 'deleting';
  sim.emit({
    kind: 'replica.deleting',
    registry: registry.name,
    replica: replica.name,
    location: replica.location,
  });
  if (wasRouted) announceDns(sim, registry);
  sim.notify();
  sim.spawn(removeReplica(sim, registry, replica));
  return ok(replica);
}

/**
 * Removes a replica after `replica.deletion`, but never before the writes it accepted have
 * reached the other replicas: nothing acknowledged is lost (B-REP-6).
 */
function* removeReplica(sim: Simulation, registry: Registry, replica: Replica): Process<void> {
  yield delay(sim.config.get('replica.deletion'));
  yield until(() => {
    for (const job of registry.pending) if (job.origin === replica.name) return false;
    return true;
  });
  registry.replicas.delete(replica.name);
  sim.emit({
    kind: 'replica.deleted',
    registry: registry.name,
    replica: replica.name,
    location: replica.location,
  });
  sim.notify();
}

/** Excludes a replica from, or re-admits it to, global-endpoint routing (B-HEALTH-7). */
export function setGlobalEndpointRouting(
  sim: Simulation,
  registry: Registry,
  nameOrLocation: string,
  enabled: boolean,
): Result<Replica> {
  const replica = findReplica(registry, nameOrLocation);
  if (!replica || replica.phase === 'deleting') {
    return fail(
      'ResourceNotFound',
      `Registry ${registry.name} has no replication named ${nameOrLocation}.`,
      nameOrLocation,
    );
  }
  if (replica.globalEndpointRouting === enabled) return ok(replica);
  replica.globalEndpointRouting = enabled;
  sim.emit({
    kind: 'replica.routing',
    registry: registry.name,
    replica: replica.name,
    location: replica.location,
    enabled,
  });
  // The service purges its DNS records at once; clients' caches still hold old answers.
  announceDns(sim, registry);
  return ok(replica);
}

/** Whether the operation a caller is waiting for has finished: the replica is Ready or gone. */
export function replicaSettled(registry: Registry, replica: Replica): boolean {
  return replica.phase === 'ready' || registry.replicas.get(replica.name) !== replica;
}
