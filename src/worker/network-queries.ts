import type { Simulation } from '../engine';
import { controlPlaneAvailable } from '../engine/control-plane';
import { accessOf } from '../engine/identity';
import {
  addressesPerEndpoint,
  networkOf,
  planAddresses,
  privateEndpoints,
  subnetUsage,
} from '../engine/network';
import { findRegistry } from '../engine/routing';
import type {
  ControlPlaneResult,
  IdentitiesResult,
  NetworkPlanResult,
  NetworkResult,
  PrivateEndpointRow,
} from '../protocol/network';

/** Replicas holding addresses (all but those being deleted), as the engine counts them. */
function activeReplicas(registry: { replicas: ReadonlyMap<string, { phase: string }> }): number {
  let n = 0;
  for (const r of registry.replicas.values()) if (r.phase !== 'deleting') n++;
  return n;
}

/** Subnets with their usage, and private endpoints (optionally to one registry) by endpoint kind. */
export function networkRows(sim: Simulation, registryName: string | undefined): NetworkResult {
  const registry = registryName ? findRegistry(sim, registryName) : undefined;
  const subnets = [...networkOf(sim).subnets.values()].map((s) => {
    const u = subnetUsage(sim, s);
    return { name: s.name, prefixLength: s.prefixLength, usable: u.usable, used: u.used, free: u.free };
  });
  const rows: PrivateEndpointRow[] = privateEndpoints(sim).map((pe) => {
    const r = findRegistry(sim, pe.registry);
    if (!r) return { ...pe, global: 1, data: 0, regional: 0, total: 1 };
    const n = activeReplicas(r);
    const regional = r.regionalEndpoints ? n : 0;
    return { ...pe, global: 1, data: n, regional, total: addressesPerEndpoint(r) };
  });
  return { registry: registry?.name, subnets, privateEndpoints: rows };
}

/** What adding a replica and/or enabling regional endpoints would need per connected subnet. */
export function networkPlan(
  sim: Simulation,
  registryName: string | undefined,
  addRegion: string | undefined,
  regionalEndpoints: boolean | undefined,
): NetworkPlanResult {
  const registry = registryName ? findRegistry(sim, registryName) : undefined;
  if (!registry)
    return { registry: undefined, replicas: 0, regionalEndpoints: false, perEndpoint: 0, subnets: [] };
  const addReplicas = addRegion !== undefined && !registry.replicaAt(addRegion) ? 1 : 0;
  const change = { addReplicas, ...(regionalEndpoints !== undefined ? { regionalEndpoints } : {}) };
  const replicas = activeReplicas(registry) + addReplicas;
  const regional = regionalEndpoints ?? registry.regionalEndpoints;
  return {
    registry: registry.name,
    replicas,
    regionalEndpoints: regional,
    perEndpoint: addressesPerEndpoint(registry, { replicas, regionalEndpoints: regional }),
    subnets: planAddresses(sim, registry, change).map((p) => ({
      subnet: p.subnet.name,
      free: p.free,
      extra: p.extra,
      fits: p.fits,
    })),
  };
}

/** Identities with their roles (the session's marked current), and registry tokens. */
export function identityRows(sim: Simulation, current: string | undefined): IdentitiesResult {
  const access = accessOf(sim);
  const identities = [...access.identities.values()].map((i) => ({
    name: i.name,
    role: i.role,
    current: i.name === current,
  }));
  const tokens = [];
  for (const m of access.tokens.values())
    for (const t of m.values())
      tokens.push({ name: t.name, registry: t.registry, repositories: [...t.scope.keys()] });
  return { identities, tokens };
}

/** Whether the registry's control plane answers (B-HOME-2), and why not. */
export function controlPlaneState(sim: Simulation, registryName: string | undefined): ControlPlaneResult {
  const registry = registryName ? findRegistry(sim, registryName) : undefined;
  if (!registry) return { registry: undefined, available: true, homeRegion: undefined, reason: undefined };
  const r = controlPlaneAvailable(sim, registry);
  return {
    registry: registry.name,
    available: r.ok,
    homeRegion: registry.home,
    reason: r.ok ? undefined : r.error.message,
  };
}
