import { describe, expect, it } from 'vitest';
import { controlPlaneAvailable, HOME_REGION_UNAVAILABLE } from './control-plane';
import { setRegionOutage, setRegistryOutage } from './health';
import { planImport } from './import';
import { updateRegistry } from './lifecycle';
import { parseHost } from './routing';
import { unwrap } from './result';
import type { RegionName } from './types';
import { buildAndPush, geoWorld, pull, signedInClient } from './testkit';

const region = (name: string): RegionName => name as RegionName;

describe('B-HOME-1..3 home region outage', () => {
  it('B-HOME-2 control-plane operations fail naming the home region, and change nothing', () => {
    const world = geoWorld(['eastus', 'westeurope', 'japaneast']);
    const { sim, registry } = world;
    expect(controlPlaneAvailable(sim, registry).ok).toBe(true);
    setRegionOutage(sim, region('eastus'), true);
    const before = sim.log.length;
    for (const r of [
      controlPlaneAvailable(sim, registry),
      planImport(sim, registry, 'mcr.microsoft.com/hello-world:latest'),
    ]) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(HOME_REGION_UNAVAILABLE);
        expect(r.error.message).toContain("'eastus'");
        expect(r.error.message).toContain('Data-plane operations');
      }
    }
    expect(sim.log.length).toBe(before);
    setRegionOutage(sim, region('eastus'), false);
    expect(controlPlaneAvailable(sim, registry).ok).toBe(true);
  });

  it('an outage of another region or a registry-scope outage of the home replica leaves the control plane up', () => {
    const { sim, registry } = geoWorld(['eastus', 'westeurope']);
    setRegionOutage(sim, region('westeurope'), true);
    expect(controlPlaneAvailable(sim, registry).ok).toBe(true);
    setRegionOutage(sim, region('westeurope'), false);
    setRegistryOutage(sim, registry, registry.homeReplica, true);
    expect(controlPlaneAvailable(sim, registry).ok).toBe(true);
  });

  it('B-HOME-1 the home region is fixed at creation', () => {
    const { sim, registry } = geoWorld(['eastus', 'westeurope']);
    unwrap(updateRegistry(sim, registry, { sku: 'Premium' }));
    expect(registry.home).toBe('eastus');
  });

  it('B-HOME-3 push and pull keep working through other replicas; only the home regional endpoint fails', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const paris = signedInClient(world, 'paris', 'francecentral');
    setRegionOutage(sim, region('eastus'), true);
    const pushed = buildAndPush(world, paris, `${registry.loginServer}/app:v1`);
    expect(pushed.ok).toBe(true);
    expect(new Set(pushed.served.map((s) => s.location))).toEqual(new Set(['westeurope']));
    const pulled = pull(world, paris, `${registry.regionalHost('westeurope')}/app:v1`);
    expect(pulled.ok).toBe(true);
    expect(parseHost(sim, registry.regionalHost('eastus')).ok).toBe(true);
    const home = pull(world, paris, `${registry.regionalHost('eastus')}/app:v1`);
    expect(home.ok).toBe(false);
  });
});
