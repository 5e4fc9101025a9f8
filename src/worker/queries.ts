import {
  costReport,
  eventRegion,
  listWebhooks,
  registryDeliveries,
  findRegion,
  isReplicaUp,
  PRIVATE_LINK_PERMISSION,
  syncProgress,
  type Registry,
  type RegionName,
  type Replica,
  type SimEvent,
  type Simulation,
} from '../engine';
import { displayStatus, pendingWork, provisioningState } from '../commands/families/describe';
import type {
  Query,
  RegionDetail,
  RegionInfo,
  ReplicaRow,
  ThrottleResult,
  WebhooksResult,
} from '../protocol/messages';
import { assertNever, toRegionInfo } from '../protocol/messages';
import { clientRows, clusterRows } from './cluster-state';
import { throttleGauge } from '../engine/throttle';
import type { SeriesStore } from './series';
import { controlPlaneState, identityRows, networkPlan, networkRows } from './network-queries';

export function regionInfo(name: string): RegionInfo | undefined {
  const r = findRegion(name);
  return r ? toRegionInfo(r) : undefined;
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
    tagCount: r.store.liveTagCount(),
    home: r.location === registry.home,
  };
}

/** Answers one UI query from the current world. Results are plain data (structured-cloneable). */
export function answerQuery(
  sim: Simulation,
  selectedRegistry: string | undefined,
  query: Query,
  series?: SeriesStore,
  identity?: string,
): unknown {
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
      const log = sim.log;
      for (let i = log.length - 1; i >= 0 && out.length < query.limit; i--) {
        if (kinds && !kinds.has(log.kindAt(i)!)) continue;
        const e = log.at(i)!;
        if (query.region !== undefined && eventRegion(e) !== query.region) continue;
        out.push(e);
      }
      return out;
    }
    case 'eventRegions': {
      // Names only: sending the events themselves would make a large message for a short list.
      const regions = new Set<string>();
      const log = sim.log;
      for (let i = log.length - 1, n = 0; i >= 0 && n < query.scan; i--, n++) {
        const r = eventRegion(log.at(i)!);
        if (r !== undefined) regions.add(r);
      }
      return [...regions].sort();
    }
    case 'clients':
      return clientRows(sim, sim.registries.get((selectedRegistry ?? '').toLowerCase()));
    case 'clusters':
      return clusterRows(sim, sim.registries.get((selectedRegistry ?? '').toLowerCase()));
    case 'status':
      return {
        time: sim.now,
        seed: sim.seed,
        registries: sim.registries.size,
        clients: sim.clients.size,
        events: sim.log.length,
      };
    case 'throttle':
      return throttleRows(sim, query.registry ?? selectedRegistry);
    case 'series': {
      const registry = sim.registries.get((query.registry ?? selectedRegistry ?? '').toLowerCase());
      const locations = registry
        ? [...registry.replicas.values()].map((r) => ({
            location: r.location,
            displayName: r.region.displayName,
          }))
        : [];
      if (!series) return { registry: registry?.name, fromMinute: 0, minutes: 0, replicas: [] };
      return series.query(
        registry?.name,
        sim.now,
        query.minutes,
        locations,
        (l) => findRegion(l)?.displayName ?? l,
      );
    }
    case 'webhooks':
      return webhooksResult(sim, query.registry ?? selectedRegistry);
    case 'cost': {
      const registry = sim.registries.get((query.registry ?? selectedRegistry ?? '').toLowerCase());
      return registry ? costReport(registry) : undefined;
    }
    case 'network':
      return networkRows(sim, query.registry ?? selectedRegistry);
    case 'networkPlan':
      return networkPlan(sim, query.registry ?? selectedRegistry, query.addRegion, query.regionalEndpoints);
    case 'identities':
      return identityRows(sim, identity);
    case 'controlPlane':
      return controlPlaneState(sim, query.registry ?? selectedRegistry);
    default:
      return assertNever(query);
  }
}

/** Throttling gauges for every replica of a registry: last whole minute and this minute so far. */
export function throttleRows(sim: Simulation, registryName: string | undefined): ThrottleResult {
  const registry = registryName ? sim.registries.get(registryName.toLowerCase()) : undefined;
  const replicas = registry
    ? [...registry.replicas.values()].map((r) => {
        const g = throttleGauge(sim, registry, r);
        return {
          location: r.location,
          displayName: r.region.displayName,
          readBudget: g.readBudget,
          writeBudget: g.writeBudget,
          windowStart: g.windowStart,
          lastMinute: {
            readsPerMin: g.lastMinute.reads,
            writesPerMin: g.lastMinute.writes,
            throttledPerMin: g.lastMinute.throttled,
          },
          thisMinute: {
            readsPerMin: g.thisMinute.reads,
            writesPerMin: g.thisMinute.writes,
            throttledPerMin: g.thisMinute.throttled,
          },
        };
      })
    : [];
  return { registry: registry?.name, time: sim.now, replicas };
}

/** Provisioning elapsed, 0..100, rounded exactly as the map frame and its labels round it. */
function creatingPercent(sim: Simulation, replica: Replica): number {
  const p = Math.min(1, (sim.now - replica.createdAt) / Math.max(1, sim.config.get('replica.provisioning')));
  return Math.max(0, Math.min(100, Math.floor((Math.round(p * 200) / 200) * 100)));
}

/**
 * Why a replica stays in Creating for good (B-PE-3), once its provisioning time is up: until then
 * it looks like any replica being created, as it would in Azure.
 */
export function stuckReason(sim: Simulation, replica: Replica): string | undefined {
  if (replica.phase !== 'provisioning' || !replica.stuck) return undefined;
  if (sim.now - replica.createdAt < sim.config.get('replica.provisioning')) return undefined;
  return (
    `It was created by an identity without ${PRIVATE_LINK_PERMISSION} on a registry with ` +
    'private endpoints, so it stays Creating until it is deleted.'
  );
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
  const premium = registry?.sku === 'Premium';
  return {
    region,
    registry: registry?.name,
    mark,
    replica: replica && registry ? replicaRow(sim, registry, replica) : undefined,
    tags,
    pending: replica && registry ? pendingWork(sim, registry, replica) : [],
    regionOutage: sim.regionOutages.has(region.name as RegionName),
    registryOutage: replica?.degraded ?? false,
    // Geo-replicas need the Premium SKU (B-REG-1): offering one elsewhere only earns SkuNotSupported.
    createCommand:
      registry && premium && !replica && !region.accessRestricted
        ? `az acr replication create -r ${registry.name} -l ${region.name}`
        : undefined,
    sku: registry?.sku,
    regionalEndpoints: registry?.regionalEndpoints ?? false,
    upgradeCommand: registry && !premium ? `az acr update -n ${registry.name} --sku Premium` : undefined,
    creatingPercent: replica?.phase === 'provisioning' ? creatingPercent(sim, replica) : undefined,
    stuck: replica ? stuckReason(sim, replica) : undefined,
  };
}

/** Deliveries sent per `webhooks` answer: a payload is under 1 KiB, so 200 keep the message small. */
export const WEBHOOK_DELIVERIES_CAP = 200;

/** A registry's webhooks and its latest deliveries, newest first, at most WEBHOOK_DELIVERIES_CAP. */
export function webhooksResult(sim: Simulation, registryName: string | undefined): WebhooksResult {
  const registry = registryName ? sim.registries.get(registryName.toLowerCase()) : undefined;
  if (!registry) return { registry: undefined, webhooks: [], deliveries: [], total: 0 };
  const all = registryDeliveries(registry);
  const deliveries = all.slice(-WEBHOOK_DELIVERIES_CAP).reverse();
  return {
    registry: registry.name,
    webhooks: listWebhooks(registry).map((h) => ({
      name: h.name,
      location: h.location,
      uri: h.uri,
      actions: [...h.actions],
      status: h.status,
    })),
    deliveries,
    total: all.length,
  };
}
