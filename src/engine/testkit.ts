import type { Client } from './client';
import { addClient, buildImage, login, type BuildOptions } from './clients';
import {
  deleteContent,
  planPull,
  planPush,
  pullImage,
  pushImage,
  type DeleteTarget,
  type PullResult,
  type PushResult,
} from './dataplane';
import { createRegistry, createReplica } from './lifecycle';
import { drain, runToCompletion } from './operations';
import type { Registry } from './registry';
import { unwrap } from './result';
import { parseHost } from './routing';
import { Simulation } from './sim';

/**
 * Small helpers that set up worlds for tests and scripts. They fail loudly (throw) on setup
 * mistakes, which is what a test wants; product code uses the Result-returning APIs directly.
 */
export interface GeoWorld {
  readonly sim: Simulation;
  readonly registry: Registry;
}

/** A Premium registry with Ready replicas in `locations` (the first is home). */
export function geoWorld(
  locations: readonly string[],
  options: { seed?: number; regionalEndpoints?: boolean } = {},
): GeoWorld {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  const registry = unwrap(
    createRegistry(sim, {
      name: 'myregistry',
      location: locations[0]!,
      sku: 'Premium',
      regionalEndpoints: options.regionalEndpoints ?? true,
    }),
  );
  for (const location of locations.slice(1)) unwrap(createReplica(sim, registry, { location }));
  if (!drain(sim, 3_600_000)) throw new Error('replicas did not become ready');
  return { sim, registry };
}

/** Adds a client signed in to the global endpoint and every regional endpoint. */
export function signedInClient(world: GeoWorld, name: string, location: string, dns = 'cache'): Client {
  const { sim, registry } = world;
  const client = unwrap(addClient(sim, { name, location, dns }));
  unwrap(login(sim, client, registry.loginServer, 'admin'));
  if (registry.regionalEndpoints) {
    for (const r of registry.replicas.values()) {
      if (parseHost(sim, registry.regionalHost(r.location)).ok)
        unwrap(login(sim, client, registry.regionalHost(r.location), 'admin'));
    }
  }
  return client;
}

/** Builds `ref` on the client and pushes it, waiting for the push to finish. */
export function buildAndPush(
  world: GeoWorld,
  client: Client,
  ref: string,
  build: BuildOptions = { size: 10_000_000, layers: 2 },
): PushResult {
  unwrap(buildImage(world.sim, client, ref, build));
  return push(world, client, ref);
}

export function push(world: GeoWorld, client: Client, ref: string): PushResult {
  const plan = unwrap(planPush(world.sim, client, ref));
  return unwrap(runToCompletion(world.sim, pushImage(world.sim, client, plan)));
}

export function pull(world: GeoWorld, client: Client, ref: string): PullResult {
  const plan = unwrap(planPull(world.sim, ref));
  return unwrap(runToCompletion(world.sim, pullImage(world.sim, client, plan)));
}

export function remove(world: GeoWorld, client: Client, host: string, target: DeleteTarget) {
  const endpoint = unwrap(parseHost(world.sim, host));
  return unwrap(runToCompletion(world.sim, deleteContent(world.sim, client, endpoint, target)));
}
