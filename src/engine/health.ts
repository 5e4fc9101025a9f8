import type { Registry, Replica } from './registry';
import { globalRoutingPool } from './routing';
import type { Simulation } from './sim';
import type { RegionName } from './types';

/** Whether a replica can serve requests right now (real health, not the routing view). */
export function isReplicaUp(sim: Simulation, replica: Replica): boolean {
  // Asked several times per request and per replication step; region outages are rare, so the
  // set lookup (hashing the region name) is skipped while there are none.
  const outages = sim.regionOutages;
  return !replica.degraded && (outages.size === 0 || !outages.has(replica.location));
}

/** Logs the routing pool after a DNS-visible change. */
export function announceDns(sim: Simulation, registry: Registry): void {
  sim.emit({
    kind: 'dns.updated',
    registry: registry.name,
    pool: globalRoutingPool(registry).map((r) => r.location),
  });
}

/**
 * Reacts to a replica's real health changing. Leaving the routing pool waits for the detection
 * window (so short blips never reroute, B-HEALTH-3); rejoining waits for the recovery window
 * (automatic failback, B-HEALTH-5). Each check only acts if health has not flipped since.
 */
export function healthChanged(sim: Simulation, registry: Registry, replica: Replica): void {
  const now = sim.now;
  // By identity, not name: a replica deleted and re-created in the same region is a new replica,
  // and the old one's pending checks must not report on it.
  const gone = (): boolean => registry.replicas.get(replica.name) !== replica;
  if (!isReplicaUp(sim, replica)) {
    if (replica.downSince !== undefined) return;
    replica.downSince = now;
    replica.upSince = undefined;
    sim.emit({ kind: 'health.unhealthy', registry: registry.name, location: replica.location });
    sim.scheduler.after(sim.config.get('health.detection'), () => {
      if (replica.downSince !== now || !replica.inHealthyPool || gone()) return;
      replica.inHealthyPool = false;
      sim.emit({ kind: 'health.detected', registry: registry.name, location: replica.location });
      announceDns(sim, registry);
    });
  } else {
    if (replica.downSince === undefined) return;
    // Only now is it known which request was the last one that DNS still sent to the failed replica.
    const last = replica.lastGlobalRequestAt;
    if (last !== undefined && last >= replica.downSince) {
      sim.emit({ kind: 'health.lastRequest', registry: registry.name, location: replica.location, at: last });
    }
    replica.downSince = undefined;
    replica.upSince = now;
    sim.emit({
      kind: 'health.healthy',
      registry: registry.name,
      location: replica.location,
      routed: replica.inHealthyPool,
    });
    sim.scheduler.after(sim.config.get('health.recovery'), () => {
      if (replica.upSince !== now || replica.inHealthyPool || gone()) return;
      replica.inHealthyPool = true;
      sim.emit({ kind: 'health.failback', registry: registry.name, location: replica.location });
      announceDns(sim, registry);
    });
  }
  sim.notify();
}

/**
 * Region-scope outage: every registry's replica, endpoint and storage in the region fails.
 * Returns whether anything changed (false when the region already was in that state).
 */
export function setRegionOutage(sim: Simulation, location: RegionName, on: boolean): boolean {
  if (sim.regionOutages.has(location) === on) return false;
  if (on) sim.regionOutages.add(location);
  else sim.regionOutages.delete(location);
  sim.emit({ kind: on ? 'outage.start' : 'outage.end', scope: 'region', location });
  for (const registry of sim.registries.values()) {
    const replica = registry.replicaAt(location);
    if (replica) healthChanged(sim, registry, replica);
  }
  sim.notify();
  return true;
}

/**
 * Registry-scope outage: only this registry's replica in the region degrades (B-HEALTH-1).
 * Returns whether anything changed (false when the replica already was in that state).
 */
export function setRegistryOutage(
  sim: Simulation,
  registry: Registry,
  replica: Replica,
  on: boolean,
): boolean {
  if (replica.degraded === on) return false;
  replica.degraded = on;
  sim.emit({
    kind: on ? 'outage.start' : 'outage.end',
    scope: 'registry',
    location: replica.location,
    registry: registry.name,
  });
  healthChanged(sim, registry, replica);
  sim.notify();
  return true;
}
