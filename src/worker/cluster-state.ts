import { availableReplicas, podStatus, type Cluster, type Registry, type Simulation } from '../engine';
import type { ClusterState } from '../protocol/frame';
import type { ClientRow, ClusterRow } from '../protocol/messages';
import { servingRegion } from './map-state';

/** The region serving most of a cluster's nodes through the global endpoint. */
export function clusterServedBy(
  sim: Simulation,
  cluster: Cluster,
  registry: Registry | undefined,
): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const node of cluster.nodes) {
    const r = servingRegion(sim, node.client, registry);
    if (r === undefined) continue;
    const n = (counts.get(r) ?? 0) + 1;
    counts.set(r, n);
    if (n > bestCount) {
      best = r;
      bestCount = n;
    }
  }
  return best;
}

/** Every cluster, for the map: where it is, who serves it, and a summary of its pods. */
export function clusterStates(sim: Simulation, registry: Registry | undefined): ClusterState[] {
  return [...sim.clusters.values()].map((c) => {
    const pods = { running: 0, pulling: 0, backoff: 0, failed: 0 };
    for (const p of c.pods.values()) {
      if (p.deleted) continue;
      const s = podStatus(p);
      if (s === 'Running') pods.running++;
      else if (s === 'ImagePullBackOff') pods.backoff++;
      else if (s === 'ErrImagePull') pods.failed++;
      else pods.pulling++;
    }
    return {
      name: c.name,
      lon: c.lonLat.lon,
      lat: c.lonLat.lat,
      servedBy: clusterServedBy(sim, c, registry),
      pods,
    };
  });
}

/** The 'clients' query: every client with where it is and who serves it. */
export function clientRows(sim: Simulation, registry: Registry | undefined): ClientRow[] {
  return [...sim.clients.values()].map((c) => ({
    name: c.name,
    location: c.locationLabel,
    region: c.region,
    lon: c.lonLat.lon,
    lat: c.lonLat.lat,
    dns: c.dns,
    hosts: [...c.credentials.keys()],
    servedBy: servingRegion(sim, c, registry),
  }));
}

/** The 'clusters' query: every cluster with its deployments and their pods. */
export function clusterRows(sim: Simulation, registry: Registry | undefined): ClusterRow[] {
  return [...sim.clusters.values()].map((c) => ({
    name: c.name,
    location: c.location,
    nodes: c.nodes.length,
    servedBy: clusterServedBy(sim, c, registry),
    deployments: [...c.deployments.values()].map((d) => ({
      name: d.name,
      image: d.image,
      replicas: d.replicas,
      available: availableReplicas(d),
      pods: d.pods
        .filter((p) => !p.deleted)
        .map((p) => ({ name: p.name, status: podStatus(p), node: p.node.name })),
    })),
  }));
}
