import {
  clientLatencyMs,
  findRegion,
  flowBytesDone,
  globalRoutingPool,
  isReplicaUp,
  REGIONS,
  syncProgress,
  type Client,
  type Registry,
  type Replica,
  type Simulation,
} from '../engine';
import { throttleGauge } from '../engine/throttle';
import {
  TRANSFER_KIND,
  TRANSFER_STRIDE,
  type ClientState,
  type RegionState,
  type ReplicaLook,
} from '../protocol/frame';

const LOOK: Record<Replica['phase'], ReplicaLook> = {
  provisioning: 'creating',
  syncing: 'syncing',
  ready: 'ready',
  deleting: 'deleting',
};

/** The map state of every region for one registry (or none). */
export function regionStates(sim: Simulation, registry: Registry | undefined): RegionState[] {
  return REGIONS.map((region) => {
    const regionOutage = sim.regionOutages.has(region.name);
    const replica = registry?.replicaAt(region.name);
    if (!registry || !replica) {
      return { name: region.name, mark: region.accessRestricted ? 'unavailable' : 'available', regionOutage };
    }
    let progress = 1;
    if (replica.phase === 'provisioning') {
      progress = Math.min(
        1,
        (sim.now - replica.createdAt) / Math.max(1, sim.config.get('replica.provisioning')),
      );
    } else if (replica.phase === 'syncing') {
      const p = syncProgress(sim, replica);
      progress = p.bytesTotal === 0 ? 0 : p.bytesDone / p.bytesTotal;
    }
    // Replication on its way here: the jobs, and the bytes of those that know what they carry
    // (a job learns it when its transfer starts), as `sim inspect` reports them.
    let pendingJobs = 0;
    let bytesTotal = 0;
    let bytesDone = 0;
    for (const job of registry.pending) {
      if (job.target !== replica.name) continue;
      pendingJobs++;
      if (job.state !== 'transferring' && job.state !== 'applying') continue;
      bytesTotal += job.bytes;
      const f = job.flow;
      // No flow while transferring: the blobs have left and are crossing the latency, or landed.
      bytesDone += f ? flowBytesDone(f, sim.now) : job.bytes;
    }
    const gauge = throttleGauge(sim, registry, replica);
    const last = gauge.lastMinute;
    // Attempted reads (served + throttled) against the budget, so a throttled replica reads > 1.
    const throttle =
      gauge.readBudget > 0 ? Math.round(((last.reads + last.throttled) / gauge.readBudget) * 100) / 100 : 0;
    return {
      name: region.name,
      mark: region.name === registry.home ? 'home' : 'replica',
      regionOutage,
      replica: {
        look: LOOK[replica.phase],
        // Rounded so that frames only carry a region when its ring visibly moves.
        progress: Math.round(progress * 200) / 200,
        // Shown once its provisioning time is up: until then it looks like any replica being created.
        ...(replica.stuck && progress >= 1 ? { stuck: true as const } : {}),
        healthy: isReplicaUp(sim, replica),
        routingEnabled: replica.globalEndpointRouting,
        inPool: replica.inHealthyPool,
        tagCount: replica.store.liveTagCount(),
        pendingJobs,
        ...(bytesTotal > 0
          ? {
              replicatingBytes: bytesTotal,
              // Floored to whole percents: a frame carries it only when the shown percentage moves,
              // and it never reads 100% before the last byte.
              replicatingPercent: Math.min(100, Math.floor((bytesDone / bytesTotal) * 100)),
            }
          : {}),
        ...(throttle > 0 ? { throttle } : {}),
      },
    };
  });
}

/**
 * Which replica the global endpoint would send this client to, for drawing its line. Uses the
 * client's cached DNS answer when it has one; otherwise the lowest-latency replica in the pool.
 * It never draws from the engine's random streams, so looking cannot change the simulation.
 */
export function servingRegion(
  sim: Simulation,
  client: Client,
  registry: Registry | undefined,
): string | undefined {
  if (!registry) return undefined;
  const cached = client.dnsCache.get(registry.loginServer);
  if (cached && cached.expires > sim.now) return registry.replicas.get(cached.replica)?.location;
  let best: Replica | undefined;
  let bestLatency = Infinity;
  for (const r of globalRoutingPool(registry)) {
    const l = clientLatencyMs(sim, client, r);
    if (l < bestLatency) {
      best = r;
      bestLatency = l;
    }
  }
  return best?.location;
}

export function clientStates(
  sim: Simulation,
  registry: Registry | undefined,
  current: string,
): ClientState[] {
  return [...sim.clients.values()].map((c) => ({
    name: c.name,
    lon: c.lonLat.lon,
    lat: c.lonLat.lat,
    servedBy: servingRegion(sim, c, registry),
    dns: c.dns,
    current: c.name === current,
  }));
}

/** Packs every transfer in flight: `[fromLon, fromLat, toLon, toLat, progress, kind]` each. */
export function packTransfers(sim: Simulation): Float64Array {
  const out = new Float64Array(sim.transfers.size * TRANSFER_STRIDE);
  let i = 0;
  for (const t of sim.transfers.values()) {
    const from = placeOf(sim, t.kind === 'upload' ? t.client : undefined, t.from);
    const to = placeOf(sim, t.kind === 'download' ? t.client : undefined, t.to);
    if (!from || !to) continue;
    const f = t.flow;
    const done = flowBytesDone(f, sim.now);
    out[i++] = from.lon;
    out[i++] = from.lat;
    out[i++] = to.lon;
    out[i++] = to.lat;
    out[i++] = f.bytes === 0 ? 1 : done / f.bytes;
    out[i++] = TRANSFER_KIND[t.kind];
  }
  return i === out.length ? out : out.slice(0, i);
}

function placeOf(
  sim: Simulation,
  clientName: string | undefined,
  region: string,
): { lon: number; lat: number } | undefined {
  if (clientName !== undefined) return sim.clients.get(clientName)?.lonLat;
  return findRegion(region)?.lonLat;
}
