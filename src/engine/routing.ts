import type { Client } from './client';
import type { EndpointKind } from './events';
import { latencyModel } from './config';
import { oneWayLatencyMs } from './geo';
import type { Registry, Replica } from './registry';
import { clip, fail, ok, type Result } from './result';
import type { Simulation } from './sim';

/** A registry host the client talks to: the global endpoint or one replica's regional endpoint. */
export interface Endpoint {
  readonly kind: Exclude<EndpointKind, 'data'>;
  readonly host: string;
  readonly registry: Registry;
  /** For regional endpoints: the region named in the host. */
  readonly location?: string;
}

const GLOBAL = /^([a-z0-9]+)\.azurecr\.io$/;
const REGIONAL = /^([a-z0-9]+)\.([a-z0-9]+)\.geo\.azurecr\.io$/;

/** Finds a registry by name, ignoring case (names are globally unique case-insensitively). */
export function findRegistry(sim: Simulation, name: string): Registry | undefined {
  return sim.registries.get(name.toLowerCase());
}

/**
 * Maps a host name to a registry endpoint. Regional hosts exist only while the registry has
 * regional endpoints enabled and the named replica has finished provisioning; otherwise, as
 * with the real service, the name does not resolve.
 */
export function parseHost(sim: Simulation, host: string): Result<Endpoint> {
  const h = host.toLowerCase();
  const g = GLOBAL.exec(h);
  if (g) {
    const registry = findRegistry(sim, g[1]!);
    if (!registry) return fail('NoSuchHost', `dial tcp: lookup ${clip(h)}: no such host`, clip(h));
    // The registry's own copy of the same text (see `Registry.loginServer`).
    return ok({ kind: 'global', host: registry.loginServer, registry });
  }
  const r = REGIONAL.exec(h);
  if (r) {
    const registry = findRegistry(sim, r[1]!);
    const location = r[2]!;
    const replica = registry?.replicaAt(location);
    if (!registry || !registry.regionalEndpoints || !replica || replica.phase === 'provisioning') {
      return fail('NoSuchHost', `dial tcp: lookup ${clip(h)}: no such host`, clip(h));
    }
    return ok({ kind: 'regional', host: registry.regionalHost(location), registry, location });
  }
  return fail('NoSuchHost', `dial tcp: lookup ${clip(h)}: no such host`, clip(h));
}

/** One-way network latency between a client and a replica (SPEC 2.2). */
export function clientLatencyMs(sim: Simulation, client: Client, replica: Replica): number {
  // Cached per client and region: every request asks, and the great-circle maths is not free.
  // A config change yields a new snapshot object, which empties the cache.
  const config = sim.config.snapshot();
  if (client.latencyConfig !== config) {
    client.latencyCache.clear();
    client.latencyConfig = config;
  }
  let latency = client.latencyCache.get(replica.location);
  if (latency === undefined) {
    latency = oneWayLatencyMs(client.lonLat, replica.region.lonLat, latencyModel(config));
    client.latencyCache.set(replica.location, latency);
  }
  return latency;
}

/**
 * The global endpoint's routing pool: replicas that finished their initial sync, have global
 * routing enabled, and are healthy in the routing view (B-ROUTE-1). Health in the routing view
 * lags real health by the detection window (B-HEALTH-3).
 */
export function globalRoutingPool(registry: Registry): Replica[] {
  const pool: Replica[] = [];
  for (const r of registry.replicas.values()) {
    if (r.phase === 'ready' && r.globalEndpointRouting && r.inHealthyPool) pool.push(r);
  }
  return pool;
}

/**
 * The replicas the global endpoint may answer with for someone whose latency to each replica is
 * `latencyOf`: the lowest-latency replica of the routing pool and every other within the tie band
 * of it (B-ROUTE-2), in registry order. With an empty pool it falls back to the nearest ready
 * replica, whose requests then fail. Empty when the registry has no ready replica at all.
 */
export function globalAnswerCandidates(
  sim: Simulation,
  registry: Registry,
  latencyOf: (replica: Replica) => number,
): Replica[] {
  let pool = globalRoutingPool(registry);
  if (pool.length === 0) pool = [...registry.replicas.values()].filter((r) => r.phase === 'ready');
  if (pool.length === 0) return pool;
  let best = Infinity;
  const latencies = pool.map((r) => {
    const l = latencyOf(r);
    if (l < best) best = l;
    return l;
  });
  const band = best * (1 + sim.config.get('routing.tieBand') / 100);
  return pool.filter((_, i) => latencies[i]! <= band);
}

/**
 * What the global endpoint's DNS answers for this client right now: the lowest-latency replica
 * in the pool, or a seeded random pick among those within the tie band of it (B-ROUTE-2). With
 * an empty pool the answer falls back to the nearest ready replica, whose requests then fail.
 */
export function answerGlobal(sim: Simulation, client: Client, registry: Registry): Replica | undefined {
  const tied = globalAnswerCandidates(sim, registry, (r) => clientLatencyMs(sim, client, r));
  if (tied.length === 0) return undefined;
  return tied.length === 1 ? tied[0] : sim.rng.dns.pick(tied);
}

/**
 * Resolves an endpoint to the replica that will serve the next request, applying the client's
 * resolver mode (SPEC 3.2): cached answers live for the DNS TTL (`cache`), for the long-lived
 * TTL (`long-lived`), not at all (`no-cache`), or for the current push (`pin-push`).
 */
export function resolveEndpoint(sim: Simulation, client: Client, endpoint: Endpoint): Replica | undefined {
  const registry = endpoint.registry;
  if (endpoint.kind === 'regional') return registry.replicaAt(endpoint.location!);
  const now = sim.now;
  const pinned = client.pins.size > 0 ? client.pins.get(endpoint.host) : undefined;
  if (pinned !== undefined) {
    const r = registry.replicas.get(pinned);
    if (r) return r;
  }
  if (client.dns === 'cache' || client.dns === 'long-lived') {
    const cached = client.dnsCache.get(endpoint.host);
    if (cached && cached.expires > now) {
      const r = registry.replicas.get(cached.replica);
      if (r) return r;
    }
  }
  const answer = answerGlobal(sim, client, registry);
  if (!answer) return undefined;
  if (client.dns === 'cache' || client.dns === 'long-lived') {
    const ttl = client.dns === 'cache' ? sim.config.get('dns.ttl') : sim.config.get('dns.longLivedTtl');
    client.dnsCache.set(endpoint.host, { replica: answer.name, expires: now + ttl });
  }
  return answer;
}
