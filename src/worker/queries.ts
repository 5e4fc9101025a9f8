import {
  eventRegion,
  findRegion,
  isReplicaUp,
  syncProgress,
  type Registry,
  type RegionName,
  type Replica,
  type SimEvent,
  type Simulation,
} from '../engine';
import { displayStatus, pendingWork, provisioningState } from '../commands/families/describe';
import type { Query, RegionDetail, RegionInfo, ReplicaRow } from '../protocol/messages';
import { assertNever } from '../protocol/messages';

export function regionInfo(name: string): RegionInfo | undefined {
  const r = findRegion(name);
  return r
    ? {
        name: r.name,
        displayName: r.displayName,
        lon: r.lonLat.lon,
        lat: r.lonLat.lat,
        geography: r.geography,
        accessRestricted: r.accessRestricted,
      }
    : undefined;
}

export function replicaRow(sim: Simulation, registry: Registry, r: Replica): ReplicaRow {
  const p = syncProgress(sim, r);
  return {
    name: r.name,
    location: r.location,
    displayName: r.region.displayName,
    provisioningState: provisioningState(r),
    status: displayStatus(sim, r),
    globalEndpointRouting: r.globalEndpointRouting,
    inPool: r.inHealthyPool,
    healthy: isReplicaUp(sim, r),
    syncPercent: p.percent,
    syncBytesDone: Math.floor(p.bytesDone),
    syncBytesTotal: p.bytesTotal,
    syncEta: p.eta,
    tagCount: r.store.tagMap().size,
    home: r.location === registry.home,
  };
}

/** Answers one UI query from the current world. Results are plain data (structured-cloneable). */
export function answerQuery(sim: Simulation, selectedRegistry: string | undefined, query: Query): unknown {
  switch (query.kind) {
    case 'registries':
      return [...sim.registries.values()].map((r) => ({
        name: r.name,
        home: r.home,
        sku: r.sku,
        loginServer: r.loginServer,
      }));
    case 'replicas': {
      const registry = sim.registries.get(query.registry.toLowerCase());
      return registry ? [...registry.replicas.values()].map((r) => replicaRow(sim, registry, r)) : [];
    }
    case 'region':
      return regionDetail(sim, query.registry ?? selectedRegistry, query.region);
    case 'events': {
      const out: SimEvent[] = [];
      const kinds = query.kinds ? new Set(query.kinds) : undefined;
      const events = sim.log.events;
      for (let i = events.length - 1; i >= 0 && out.length < query.limit; i--) {
        const e = events[i]!;
        if (kinds && !kinds.has(e.kind)) continue;
        if (query.region !== undefined && eventRegion(e) !== query.region) continue;
        out.push(e);
      }
      return out;
    }
    case 'clients':
      return [...sim.clients.values()].map((c) => ({
        name: c.name,
        location: c.locationLabel,
        dns: c.dns,
        hosts: [...c.credentials.keys()],
      }));
    case 'status':
      return {
        time: sim.now,
        seed: sim.seed,
        registries: sim.registries.size,
        clients: sim.clients.size,
        events: sim.log.length,
      };
    default:
      return assertNever(query);
  }
}

function regionDetail(
  sim: Simulation,
  registryName: string | undefined,
  regionName: string,
): RegionDetail | undefined {
  const region = regionInfo(regionName);
  if (!region) return undefined;
  const registry = registryName ? sim.registries.get(registryName.toLowerCase()) : undefined;
  const replica = registry?.replicaAt(region.name);
  const mark = replica
    ? region.name === registry!.home
      ? 'home'
      : 'replica'
    : region.accessRestricted
      ? 'unavailable'
      : 'available';
  const tags: Array<{ ref: string; digest: string }> = [];
  if (replica) for (const [ref, digest] of replica.store.tagMap()) tags.push({ ref, digest });
  return {
    region,
    registry: registry?.name,
    mark,
    replica: replica && registry ? replicaRow(sim, registry, replica) : undefined,
    tags,
    pending: replica && registry ? pendingWork(sim, registry, replica) : [],
    regionOutage: sim.regionOutages.has(region.name as RegionName),
    registryOutage: replica?.degraded ?? false,
    createCommand:
      registry && !replica && !region.accessRestricted
        ? `az acr replication create -r ${registry.name} -l ${region.name}`
        : undefined,
  };
}
