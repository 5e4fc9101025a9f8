import { describe, expect, it } from 'vitest';
import { catalogueManifest, findCatalogueEntry, PUBLIC_CATALOGUE } from './catalogue';
import { importImage, planImport } from './import';
import { createRegistry, createReplica } from './lifecycle';
import { drain, runToCompletion, waitReplicated } from './operations';
import { unwrap } from './result';
import { buildAndPush, geoWorld, signedInClient } from './testkit';

describe('B-IMPORT-1 az acr import', () => {
  it('catalogue digests are deterministic and distinct', () => {
    const a = PUBLIC_CATALOGUE.map((e) => catalogueManifest(e).digest);
    const b = PUBLIC_CATALOGUE.map((e) => catalogueManifest(e).digest);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(findCatalogueEntry('docker.io', 'nginx', '1.27')?.ref).toBe('docker.io/library/nginx:1.27');
  });

  it('imports a catalogue image into the home replica, then it replicates like a push', () => {
    const { sim, registry } = geoWorld(['eastus', 'westeurope']);
    const plan = unwrap(planImport(sim, registry, 'mcr.microsoft.com/dotnet/runtime:8.0', 'runtime:8.0'));
    const start = sim.now;
    const res = unwrap(runToCompletion(sim, importImage(sim, plan)));
    expect(res.ok).toBe(true);
    expect(res.location).toBe('eastus');
    expect(sim.now).toBeGreaterThan(start);
    expect(registry.replicaAt('eastus')!.store.resolveTag('runtime', '8.0')).toBe(plan.manifest.digest);
    expect(registry.replicaAt('westeurope')!.store.resolveTag('runtime', '8.0')).toBeUndefined();
    unwrap(waitReplicated(sim, registry, 'runtime', '8.0', 3_600_000));
    expect(registry.crossRegionBytes.get('eastus', 'westeurope')).toBe(plan.manifest.contentSize);
  });

  it('the target defaults to the source repository and tag', () => {
    const { sim, registry } = geoWorld(['eastus']);
    const plan = unwrap(planImport(sim, registry, 'docker.io/library/nginx:1.27'));
    expect([plan.repository, plan.tag]).toEqual(['library/nginx', '1.27']);
  });

  it('imports from a specific replica of another registry only if that replica has the tag', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const other = unwrap(
      createRegistry(sim, {
        name: 'otherreg',
        location: 'westeurope',
        sku: 'Premium',
        regionalEndpoints: true,
      }),
    );
    unwrap(createReplica(sim, other, { location: 'japaneast' }));
    drain(sim, 3_600_000);
    const tokyo = signedInClient({ sim, registry: other }, 'tokyo', 'japaneast');
    buildAndPush({ sim, registry: other }, tokyo, `${other.regionalHost('japaneast')}/tools:v1`);
    const missing = planImport(sim, registry, `${other.regionalHost('westeurope')}/tools:v1`, 'tools:v1');
    expect(missing.ok || missing.error.code).toBe('ImageNotFound');
    const plan = unwrap(planImport(sim, registry, `${other.regionalHost('japaneast')}/tools:v1`, 'tools:v1'));
    expect(plan.source.kind === 'registry' && plan.source.replica.location).toBe('japaneast');
    const res = unwrap(runToCompletion(sim, importImage(sim, plan)));
    expect(res.ok).toBe(true);
    unwrap(waitReplicated(sim, registry, 'tools', 'v1', 3_600_000));
  });

  it('rejects bad sources and targets without changing anything', () => {
    const { sim, registry } = geoWorld(['eastus']);
    const before = sim.log.length;
    for (const [src, image] of [
      ['hello-world:latest', undefined],
      ['mcr.microsoft.com/nothing:1', undefined],
      ['nosuchreg.azurecr.io/app:v1', undefined],
      ['mcr.microsoft.com/hello-world:latest', 'Bad Name'],
      ['mcr.microsoft.com/hello-world:latest', 'other.azurecr.io/x:1'],
      ['%%%', undefined],
    ] as const) {
      expect(planImport(sim, registry, src, image).ok).toBe(false);
    }
    expect(sim.log.length).toBe(before);
  });
});
