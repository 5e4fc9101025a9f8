import { describe, expect, it } from 'vitest';
import { addClient, login } from './clients';
import { createRegistry, createReplica, deleteReplica, syncProgress, updateRegistry } from './lifecycle';
import { globalRoutingPool } from './routing';
import { unwrap } from './result';
import { Simulation } from './sim';
import { buildAndPush, geoWorld, pull, signedInClient } from './testkit';

function premium(sim: Simulation, location = 'eastus') {
  return unwrap(
    createRegistry(sim, { name: 'myregistry', location, sku: 'Premium', regionalEndpoints: true }),
  );
}

describe('B-REG-1 geo-replication and regional endpoints need Premium', () => {
  it('refuses a replica on Standard and Basic, naming the SKU, and changes nothing', () => {
    for (const sku of ['Standard', 'Basic']) {
      const sim = new Simulation({ seed: 1 });
      const registry = unwrap(createRegistry(sim, { name: 'myregistry', location: 'eastus', sku }));
      const before = sim.log.length;
      const r = createReplica(sim, registry, { location: 'westeurope' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('SkuNotSupported');
        expect(r.error.message).toContain(sku);
      }
      expect(registry.replicas.size).toBe(1);
      expect(sim.log.length).toBe(before);
    }
  });

  it('refuses regional endpoints below Premium at create and update', () => {
    const sim = new Simulation({ seed: 1 });
    const created = createRegistry(sim, {
      name: 'stdreg1',
      location: 'eastus',
      sku: 'Standard',
      regionalEndpoints: true,
    });
    expect(created.ok || created.error.code).toBe('SkuNotSupported');
    const registry = unwrap(createRegistry(sim, { name: 'stdreg2', location: 'eastus', sku: 'Standard' }));
    const updated = updateRegistry(sim, registry, { regionalEndpoints: true });
    expect(updated.ok || updated.error.code).toBe('SkuNotSupported');
    expect(registry.regionalEndpoints).toBe(false);
  });

  it('will not downgrade a geo-replicated registry', () => {
    const { sim, registry } = geoWorld(['eastus', 'westeurope']);
    const r = updateRegistry(sim, registry, { sku: 'Standard', regionalEndpoints: false });
    expect(r.ok).toBe(false);
    expect(registry.sku).toBe('Premium');
  });
});

describe('regions: restricted and unknown ones are refused', () => {
  it('refuses an access-restricted region with RegionRestricted', () => {
    const sim = new Simulation({ seed: 1 });
    const registry = premium(sim);
    const r = createReplica(sim, registry, { location: 'germanynorth' });
    expect(r.ok || r.error.code).toBe('RegionRestricted');
  });

  it('refuses an unknown region with a suggestion', () => {
    const sim = new Simulation({ seed: 1 });
    const registry = premium(sim);
    const r = createReplica(sim, registry, { location: 'westeurpoe' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UnknownRegion');
      expect(r.error.message).toContain('westeurope');
    }
  });

  it('refuses a second replica in the same region and bad names', () => {
    const { sim, registry } = geoWorld(['eastus', 'westeurope']);
    expect(createReplica(sim, registry, { location: 'westeurope' }).ok).toBe(false);
    expect(createReplica(sim, registry, { location: 'japaneast', name: 'bad-name' }).ok).toBe(false);
    expect(createRegistry(sim, { name: 'MyRegistry', location: 'eastus' }).ok).toBe(false); // names are unique ignoring case
    expect(createRegistry(sim, { name: 'abc', location: 'eastus' }).ok).toBe(false);
  });
});

describe('B-LIFE-1 replica lifecycle: Creating, then a sync that scales with registry size, then Ready', () => {
  function syncDuration(imageBytes: number): { provisionedAt: number; readyAt: number } {
    const sim = new Simulation({ seed: 3 });
    const registry = premium(sim);
    const world = { sim, registry };
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${registry.loginServer}/app:v1`, { size: imageBytes, layers: 4 });
    const replica = unwrap(createReplica(sim, registry, { location: 'westeurope' }));
    const createdAt = sim.now;
    expect(replica.phase).toBe('provisioning');
    sim.advance(89_000);
    expect(replica.phase).toBe('provisioning');
    sim.advance(1_000);
    expect(replica.phase).toBe('syncing');
    const provisionedAt = sim.now - createdAt;
    sim.runUntil(() => replica.phase === 'ready', 3_600_000);
    return { provisionedAt, readyAt: sim.now - createdAt };
  }

  it('stays Creating for replica.provisioning (90 s)', () => {
    expect(syncDuration(1_000_000).provisionedAt).toBe(90_000);
  });

  it('syncs 1 GB in about 40 s at 200 Mbit/s and 2 GB in about twice that', () => {
    const one = syncDuration(1_000_000_000).readyAt - 90_000;
    const two = syncDuration(2_000_000_000).readyAt - 90_000;
    expect(one).toBeGreaterThan(40_000);
    expect(one).toBeLessThan(40_500);
    expect(two / one).toBeGreaterThan(1.95);
    expect(two / one).toBeLessThan(2.05);
  });

  it('reports progress in bytes, percent and ETA while syncing', () => {
    const sim = new Simulation({ seed: 3 });
    const registry = premium(sim);
    const world = { sim, registry };
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${registry.loginServer}/app:v1`, { size: 1_000_000_000, layers: 4 });
    const replica = unwrap(createReplica(sim, registry, { location: 'westeurope' }));
    sim.advance(90_000 + 20_000);
    const p = syncProgress(sim, replica);
    expect(p.bytesTotal).toBe(1_000_001_469);
    expect(p.percent).toBeGreaterThanOrEqual(49);
    expect(p.percent).toBeLessThanOrEqual(51);
    expect(p.eta).toBeGreaterThan(sim.now);
    expect(p.eta! - sim.now).toBeLessThan(21_000);
  });

  it('deletes a replica through Deleting; the home replica cannot be deleted', () => {
    const { sim, registry } = geoWorld(['eastus', 'westeurope']);
    const home = deleteReplica(sim, registry, 'eastus');
    expect(home.ok || home.error.code).toBe('HomeReplicationCannotBeDeleted');
    const r = unwrap(deleteReplica(sim, registry, 'westeurope'));
    expect(r.phase).toBe('deleting');
    expect(globalRoutingPool(registry).map((x) => x.location)).toEqual(['eastus']);
    sim.advance(sim.config.get('replica.deletion'));
    expect(registry.replicas.has('westeurope')).toBe(false);
    expect(sim.log.events.map((e) => e.kind)).toContain('replica.deleted');
  });
});

describe('B-LIFE-2 existing replicas serve normally while a new one syncs', () => {
  it('keeps serving from existing replicas, routes globally only after sync, and answers regionally early', () => {
    const sim = new Simulation({ seed: 5 });
    const registry = premium(sim);
    const world = { sim, registry };
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${registry.loginServer}/app:v1`, { size: 2_000_000_000, layers: 4 });
    const paris = unwrap(addClient(sim, { name: 'paris', location: 'francecentral' }));
    unwrap(login(sim, paris, registry.loginServer, 'admin'));
    const replica = unwrap(createReplica(sim, registry, { location: 'westeurope' }));
    sim.advance(95_000);
    expect(replica.phase).toBe('syncing');
    // The regional endpoint answers already, but lacks content it has not received yet.
    unwrap(login(sim, paris, registry.regionalHost('westeurope'), 'admin'));
    const regional = pull(world, paris, `${registry.regionalHost('westeurope')}/app:v1`);
    expect(regional.ok).toBe(false);
    expect(regional.error?.code).toBe('MANIFEST_UNKNOWN');
    // The global endpoint still sends the European client to eastus, which serves it.
    const during = pull(world, paris, `${registry.loginServer}/app:v1`);
    expect(during.ok).toBe(true);
    expect(during.served[0]!.location).toBe('eastus');
    sim.runUntil(() => replica.phase === 'ready', 3_600_000);
    paris.dnsCache.clear();
    paris.images.clear();
    paris.blobs.clear();
    const after = pull(world, paris, `${registry.loginServer}/app:v1`);
    expect(after.ok).toBe(true);
    expect(after.served[0]!.location).toBe('westeurope');
  });
});
