import { describe, expect, it } from 'vitest';
import { addClient, login } from './clients';
import { planPull, pullImage } from './dataplane';
import { setRegionOutage } from './health';
import { createRegistry, setGlobalEndpointRouting, updateRegistry } from './lifecycle';
import { findRegion } from './regions';
import { unwrap } from './result';
import { answerGlobal, clientLatencyMs, parseHost, resolveEndpoint } from './routing';
import { Simulation } from './sim';
import { buildAndPush, geoWorld, pull, signedInClient } from './testkit';

/** A point between Amsterdam and Dublin, about as close to westeurope as to northeurope. */
const BETWEEN_WESTEUROPE_AND_NORTHEUROPE = '52.9,-0.7';

describe('B-ROUTE-1 the global endpoint routes to the lowest-latency replica', () => {
  it('sends each client to its nearest Ready replica', () => {
    const world = geoWorld(['eastus', 'westeurope', 'japaneast']);
    const cases: Array<[string, string]> = [
      ['eastus2', 'eastus'],
      ['francecentral', 'westeurope'],
      ['koreacentral', 'japaneast'],
    ];
    for (const [where, expected] of cases) {
      const client = unwrap(addClient(world.sim, { name: `c-${where}`, location: where }));
      expect(answerGlobal(world.sim, client, world.registry)?.location).toBe(expected);
    }
  });

  it('leaves out replicas that are excluded from global routing', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    unwrap(setGlobalEndpointRouting(world.sim, world.registry, 'westeurope', false));
    const client = unwrap(addClient(world.sim, { name: 'paris', location: 'francecentral' }));
    expect(answerGlobal(world.sim, client, world.registry)?.location).toBe('eastus');
  });
});

describe('B-ROUTE-2 replicas within the tie band are equidistant and picked at random (seeded)', () => {
  function picks(seed: number): string[] {
    const world = geoWorld(['eastus', 'westeurope', 'northeurope'], { seed });
    const client = unwrap(
      addClient(world.sim, { name: 'mid', location: BETWEEN_WESTEUROPE_AND_NORTHEUROPE, dns: 'no-cache' }),
    );
    const endpoint = unwrap(parseHost(world.sim, world.registry.loginServer));
    return Array.from({ length: 40 }, () => resolveEndpoint(world.sim, client, endpoint)!.location);
  }

  it('the test point really is within the 10% band of both', () => {
    const world = geoWorld(['eastus', 'westeurope', 'northeurope']);
    const client = unwrap(
      addClient(world.sim, { name: 'mid', location: BETWEEN_WESTEUROPE_AND_NORTHEUROPE }),
    );
    const we = clientLatencyMs(world.sim, client, world.registry.replicaAt('westeurope')!);
    const ne = clientLatencyMs(world.sim, client, world.registry.replicaAt('northeurope')!);
    expect(Math.max(we, ne) / Math.min(we, ne)).toBeLessThan(1.1);
  });

  it('spreads no-cache resolutions over both tied replicas and never the far one', () => {
    const seen = picks(1);
    expect(new Set(seen)).toEqual(new Set(['westeurope', 'northeurope']));
  });

  it('repeats the same picks for the same seed and differs for another', () => {
    expect(picks(7)).toEqual(picks(7));
    expect(picks(7)).not.toEqual(picks(8));
  });

  it('a caching client keeps its answer for the TTL', () => {
    const world = geoWorld(['eastus', 'westeurope', 'northeurope']);
    const client = unwrap(
      addClient(world.sim, { name: 'mid', location: BETWEEN_WESTEUROPE_AND_NORTHEUROPE, dns: 'cache' }),
    );
    const endpoint = unwrap(parseHost(world.sim, world.registry.loginServer));
    const first = resolveEndpoint(world.sim, client, endpoint)!.location;
    for (let i = 0; i < 20; i++) expect(resolveEndpoint(world.sim, client, endpoint)!.location).toBe(first);
    world.sim.advance(60_000);
    const later = new Set(
      Array.from({ length: 30 }, () => {
        world.sim.advance(60_001);
        return resolveEndpoint(world.sim, client, endpoint)!.location;
      }),
    );
    expect(later.size).toBe(2);
  });
});

describe('B-ROUTE-3 regional endpoints always reach the named replica', () => {
  it('serves from the named replica even when it is excluded from global routing', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${world.registry.regionalHost('westeurope')}/app:v1`);
    unwrap(setGlobalEndpointRouting(world.sim, world.registry, 'westeurope', false));
    const res = pull(
      world,
      signedInClient(world, 'tokyo', 'japaneast'),
      `${world.registry.regionalHost('westeurope')}/app:v1`,
    );
    expect(res.ok).toBe(true);
    expect(res.served.filter((s) => s.endpoint !== 'data').every((s) => s.location === 'westeurope')).toBe(
      true,
    );
  });

  it('does not resolve when regional endpoints are disabled or the replica does not exist', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    expect(parseHost(world.sim, 'myregistry.japaneast.geo.azurecr.io').ok).toBe(false);
    unwrap(updateRegistry(world.sim, world.registry, { regionalEndpoints: false }));
    const r = parseHost(world.sim, 'myregistry.westeurope.geo.azurecr.io');
    expect(r.ok || r.error.code).toBe('NoSuchHost');
  });
});

describe('B-ROUTE-4 blob downloads redirect to the same region, never across', () => {
  it('redirects to the storage account of the serving region by default', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${world.registry.loginServer}/app:v1`);
    world.sim.advance(120_000);
    const paris = signedInClient(world, 'paris', 'francecentral');
    const res = pull(world, paris, `${world.registry.loginServer}/app:v1`);
    expect(res.ok).toBe(true);
    const data = res.served.filter((s) => s.endpoint === 'data');
    expect(data.length).toBeGreaterThan(0);
    for (const s of data) {
      expect(s.location).toBe('westeurope');
      expect(s.host).toMatch(/\.blob\.core\.windows\.net$/);
    }
    const redirects = res.served.filter((s) => s.status === 307);
    expect(redirects.every((s) => s.location === 'westeurope')).toBe(true);
  });

  it("endpoints parsed from any spelling of a host carry the registry's lower-case host name", () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { registry, sim } = world;
    const global = ['myregistry.azurecr.io', 'MyRegistry.AzureCR.io', `${'myregistry'}.azurecr.io`];
    for (const text of global) {
      const endpoint = unwrap(parseHost(sim, text));
      expect(endpoint.kind).toBe('global');
      expect(endpoint.host).toBe('myregistry.azurecr.io');
      expect(endpoint.host).toBe(registry.loginServer);
    }
    const regional = unwrap(parseHost(sim, 'MYREGISTRY.westeurope.geo.azurecr.io'));
    expect(regional.host).toBe('myregistry.westeurope.geo.azurecr.io');
    expect(regional.host).toBe(registry.regionalHost('westeurope'));
  });

  it('data host names follow the dedicated-data-endpoint setting each time it changes', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const hosts = () => ['eastus', 'westeurope'].map((l) => world.registry.dataHost(l));
    const storage = ['myregistryeastus.blob.core.windows.net', 'myregistrywesteurope.blob.core.windows.net'];
    const dedicated = ['myregistry.eastus.data.azurecr.io', 'myregistry.westeurope.data.azurecr.io'];
    expect(hosts()).toEqual(storage);
    unwrap(updateRegistry(world.sim, world.registry, { dataEndpointEnabled: true }));
    expect(hosts()).toEqual(dedicated);
    unwrap(updateRegistry(world.sim, world.registry, { dataEndpointEnabled: false }));
    expect(hosts()).toEqual(storage);
  });

  it('uses REG.REGION.data.azurecr.io when dedicated data endpoints are on, even via a far regional endpoint', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    unwrap(updateRegistry(world.sim, world.registry, { dataEndpointEnabled: true }));
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${world.registry.loginServer}/app:v1`);
    world.sim.advance(120_000);
    const res = pull(
      world,
      signedInClient(world, 'ny', 'eastus2'),
      `${world.registry.regionalHost('westeurope')}/app:v1`,
    );
    expect(res.ok).toBe(true);
    for (const s of res.served.filter((x) => x.endpoint === 'data'))
      expect(s.host).toBe('myregistry.westeurope.data.azurecr.io');
  });

  it('fails a download whose region fails mid-way instead of moving it', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${world.registry.loginServer}/big:v1`, { size: 2_000_000_000, layers: 1 });
    const sim = world.sim;
    const ny = signedInClient(world, 'ny', 'eastus2');
    const task = sim.spawn(pullImage(sim, ny, unwrap(planPull(sim, `${world.registry.loginServer}/big:v1`))));
    sim.advance(30_000);
    setRegionOutage(sim, findRegion('eastus')!.name, true);
    sim.runUntil(() => task.done, 3_600_000);
    expect(task.result?.ok).toBe(false);
    expect(task.result?.error?.code).toBe('UNAVAILABLE');
    const data = task.result!.served.filter((s) => s.endpoint === 'data');
    expect(data.at(-1)).toMatchObject({ location: 'eastus', status: 503 });
  });
});

describe('B-AUTH-2 credentials are stored per host name', () => {
  it('a global login does not cover a regional endpoint', () => {
    const sim = new Simulation({ seed: 1 });
    const registry = unwrap(
      createRegistry(sim, {
        name: 'myregistry',
        location: 'eastus',
        sku: 'Premium',
        regionalEndpoints: true,
      }),
    );
    const dev = unwrap(addClient(sim, { name: 'dev', location: 'eastus' }));
    unwrap(login(sim, dev, registry.loginServer, 'admin'));
    const world = { sim, registry };
    buildAndPush(world, dev, `${registry.loginServer}/app:v1`);
    const regional = pull(world, dev, `${registry.regionalHost('eastus')}/app:v1`);
    expect(regional.error?.code).toBe('UNAUTHORIZED');
    unwrap(login(sim, dev, registry.regionalHost('eastus'), 'admin'));
    dev.images.clear();
    expect(pull(world, dev, `${registry.regionalHost('eastus')}/app:v1`).ok).toBe(true);
  });
});
