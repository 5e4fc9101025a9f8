import { describe, expect, it } from 'vitest';
import { setRegionOutage, setRegistryOutage } from './health';
import { createReplica, setGlobalEndpointRouting } from './lifecycle';
import { tagAcrossReplicas, waitReplicated } from './operations';
import { findRegion } from './regions';
import { unwrap } from './result';
import { buildAndPush, geoWorld, pull, remove, signedInClient } from './testkit';

const region = (name: string) => findRegion(name)!.name;

describe('B-REP-1 every replica accepts push, pull and delete', () => {
  it('accepts writes at a non-home replica through its regional endpoint', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const paris = signedInClient(world, 'paris', 'francecentral');
    const ref = `${world.registry.regionalHost('westeurope')}/app:v1`;
    const res = buildAndPush(world, paris, ref);
    expect(res.ok).toBe(true);
    expect(res.served.at(-1)!.location).toBe('westeurope');
    unwrap(waitReplicated(world.sim, world.registry, 'app', 'v1', 600_000));
    const del = remove(world, paris, world.registry.regionalHost('westeurope'), {
      kind: 'untag',
      repository: 'app',
      tag: 'v1',
    });
    expect(del.ok).toBe(true);
    expect(world.registry.replicaAt('westeurope')!.store.resolveTag('app', 'v1')).toBeUndefined();
  });
});

describe('B-REP-2 replication runs after a queueing delay plus transfer time', () => {
  it('lands 100 MB from eastus in westeurope after 2 s + 4 s + latency', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${world.registry.loginServer}/app:v1`, { size: 100_000_000, layers: 1 });
    const committed = world.sim.log.events.find((e) => e.kind === 'push.committed')!;
    unwrap(waitReplicated(world.sim, world.registry, 'app', 'v1', 600_000));
    const applied = world.sim.log.events.find((e) => e.kind === 'replication.applied')!;
    const lag = applied.t - committed.t;
    // 2 s delay + (100 MB + config) at 200 Mbit/s (≈4 s) + ≈50 ms one-way latency.
    expect(lag).toBeGreaterThan(6_000);
    expect(lag).toBeLessThan(6_100);
  });

  it('also replicates to replicas excluded from global routing and to ones still syncing', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    unwrap(setGlobalEndpointRouting(sim, registry, 'westeurope', false));
    const newcomer = unwrap(createReplica(sim, registry, { location: 'japaneast' }));
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${registry.loginServer}/app:v1`);
    expect(newcomer.phase).toBe('provisioning');
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 3_600_000));
    expect(tagAcrossReplicas(registry, 'app', 'v1').map(([l]) => l)).toEqual([
      'eastus',
      'westeurope',
      'japaneast',
    ]);
  });
});

describe('B-REP-3 a manifest becomes visible only after all its blobs', () => {
  it('never shows the manifest on the target while its layers are in flight', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${world.registry.loginServer}/app:v1`, { size: 400_000_000, layers: 4 });
    const target = world.registry.replicaAt('westeurope')!.store;
    let sawPartial = false;
    for (let i = 0; i < 400 && !target.resolveTag('app', 'v1'); i++) {
      world.sim.advance(50);
      if (target.blobs.size > 0 && !target.resolveTag('app', 'v1')) sawPartial = true;
      const d = target.resolveTag('app', 'v1');
      if (d) expect(target.missingBlobs(target.manifest('app', d)!)).toEqual([]);
    }
    expect(target.resolveTag('app', 'v1')).toBeDefined();
    // Blobs arrive together with the job, so a partial state can only exist between blob and manifest.
    expect(sawPartial).toBe(false);
  });
});

describe('B-REP-4 tag overwrite race: replicas disagree during the window, then converge', () => {
  it('resolves v1 to two digests for a while, then everywhere to the later write', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const ny = signedInClient(world, 'ny', 'eastus');
    const paris = signedInClient(world, 'paris', 'francecentral');
    const first = buildAndPush(world, ny, `${registry.regionalHost('eastus')}/app:v1`, {
      size: 50_000_000,
      layers: 2,
    });
    const second = buildAndPush(world, paris, `${registry.regionalHost('westeurope')}/app:v1`, {
      size: 50_000_000,
      layers: 2,
    });
    expect(first.digest).not.toBe(second.digest);
    const during = tagAcrossReplicas(registry, 'app', 'v1');
    expect(new Set(during.map(([, d]) => d)).size).toBe(2);
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    expect(tagAcrossReplicas(registry, 'app', 'v1')).toEqual([
      ['eastus', second.digest],
      ['westeurope', second.digest],
    ]);
  });
});

describe('B-REP-5 deletes replicate as tombstones', () => {
  it('other replicas keep serving deleted content until the tombstone arrives, and it never comes back', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const ny = signedInClient(world, 'ny', 'eastus');
    const paris = signedInClient(world, 'paris', 'francecentral');
    const ref = `${registry.loginServer}/app:v1`;
    buildAndPush(world, ny, ref);
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    expect(remove(world, ny, registry.loginServer, { kind: 'repository', repository: 'app' }).ok).toBe(true);
    expect(registry.replicaAt('eastus')!.store.resolveTag('app', 'v1')).toBeUndefined();
    const stale = pull(world, paris, ref);
    expect(stale.ok).toBe(true);
    expect(stale.served[0]!.location).toBe('westeurope');
    sim.advance(10_000);
    paris.images.clear();
    const gone = pull(world, paris, ref);
    expect(gone.error?.code).toBe('MANIFEST_UNKNOWN');
    sim.advance(3_600_000);
    expect(tagAcrossReplicas(registry, 'app', 'v1').every(([, d]) => d === undefined)).toBe(true);
  });

  it('a later push of the same tag wins over an older delete', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const ny = signedInClient(world, 'ny', 'eastus');
    buildAndPush(world, ny, `${registry.loginServer}/app:v1`);
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    remove(world, ny, registry.loginServer, { kind: 'untag', repository: 'app', tag: 'v1' });
    const again = buildAndPush(world, ny, `${registry.loginServer}/app:v1`);
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    expect(tagAcrossReplicas(registry, 'app', 'v1').every(([, d]) => d === again.digest)).toBe(true);
  });
});

describe('B-REP-6 replication waits through outages and loses nothing', () => {
  it.each(['region', 'registry'] as const)(
    'a %s-scope outage of the target delays replication until it recovers',
    (scope) => {
      const world = geoWorld(['eastus', 'westeurope']);
      const { sim, registry } = world;
      const target = registry.replicaAt('westeurope')!;
      const outage = (on: boolean) =>
        scope === 'region'
          ? setRegionOutage(sim, region('westeurope'), on)
          : setRegistryOutage(sim, registry, target, on);
      outage(true);
      const dev = signedInClient(world, 'dev', 'eastus');
      const res = buildAndPush(world, dev, `${registry.loginServer}/app:v1`);
      expect(res.ok).toBe(true);
      sim.advance(30 * 60_000);
      expect(target.store.resolveTag('app', 'v1')).toBeUndefined();
      outage(false);
      unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
      expect(target.store.resolveTag('app', 'v1')).toBe(res.digest);
    },
  );

  it('a transfer interrupted by the source failing resumes where it stopped', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${registry.loginServer}/app:v1`, { size: 1_000_000_000, layers: 1 });
    sim.advance(2_000 + 20_000); // halfway through a 40 s transfer
    setRegionOutage(sim, region('eastus'), true);
    sim.advance(10 * 60_000);
    setRegionOutage(sim, region('eastus'), false);
    const resumedAt = sim.now;
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    expect(sim.now - resumedAt).toBeGreaterThan(19_000);
    expect(sim.now - resumedAt).toBeLessThan(21_000);
  });
});
