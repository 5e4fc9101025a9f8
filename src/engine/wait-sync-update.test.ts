import { describe, expect, it } from 'vitest';
import { buildImage } from './clients';
import { planPush, pushImage } from './dataplane';
import { createReplica, syncProgress } from './lifecycle';
import { addPrivateEndpoint, addSubnet, subnetUsage, updateRegistryWithNetwork } from './network';
import { countedWrite, tagMayAppear } from './operations';
import { delay, type Process } from './process';
import { unwrap } from './result';
import { buildAndPush, geoWorld, signedInClient } from './testkit';

describe('B-REP-2 sim wait replicated knows when a tag may still appear', () => {
  it('a tag on no replica with nothing under way cannot appear; a push under way can bring it', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const dev = signedInClient(world, 'dev', 'eastus');
    expect(tagMayAppear(registry, 'app', 'v1')).toBe(false);
    unwrap(buildImage(sim, dev, `${registry.loginServer}/app:v1`, { size: 10_000_000, layers: 2 }));
    const task = sim.spawn(pushImage(sim, dev, unwrap(planPush(sim, dev, `${registry.loginServer}/app:v1`))));
    expect(registry.writesInFlight).toBe(1);
    expect(tagMayAppear(registry, 'app', 'v1')).toBe(true);
    sim.runUntil(() => task.done);
    expect(registry.writesInFlight).toBe(0);
    // Committed at the origin, replication pending or done: it is somewhere.
    expect(tagMayAppear(registry, 'app', 'v1')).toBe(true);
  });

  it('a cancelled push or a counted write no longer counts', () => {
    const world = geoWorld(['eastus']);
    const { sim, registry } = world;
    const dev = signedInClient(world, 'dev', 'eastus');
    unwrap(buildImage(sim, dev, `${registry.loginServer}/app:v1`, { size: 10_000_000, layers: 2 }));
    const push = sim.spawn(pushImage(sim, dev, unwrap(planPush(sim, dev, `${registry.loginServer}/app:v1`))));
    const slow = sim.spawn(
      countedWrite(
        registry,
        (function* (): Process<number> {
          yield delay(60_000);
          return 1;
        })(),
      ),
    );
    expect(registry.writesInFlight).toBe(2);
    push.cancel();
    expect(registry.writesInFlight).toBe(1);
    slow.cancel();
    expect(registry.writesInFlight).toBe(0);
  });
});

describe('B-LIFE-1 sync progress reports the bytes to copy from the start', () => {
  it('while Creating, the total is what the sync would copy now', () => {
    const world = geoWorld(['eastus']);
    const { sim, registry } = world;
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${registry.loginServer}/app:v1`, { size: 1_000_000_000, layers: 4 });
    const replica = unwrap(createReplica(sim, registry, { location: 'westeurope' }));
    const creating = syncProgress(sim, replica);
    expect(replica.phase).toBe('provisioning');
    expect(creating.bytesTotal).toBe(1_000_001_469);
    expect(creating.percent).toBe(0);
    sim.advance(90_000 + 20_000);
    expect(syncProgress(sim, replica).bytesTotal).toBe(creating.bytesTotal);
  });
});

describe('B-PE-1 az acr update on a registry with private endpoints', () => {
  it('enabling regional endpoints is refused when a subnet is short, naming it; nothing changes', () => {
    const world = geoWorld(['eastus', 'westeurope', 'japaneast'], { regionalEndpoints: false });
    const { sim, registry } = world;
    const subnet = unwrap(addSubnet(sim, 'tight', '/28'));
    unwrap(addPrivateEndpoint(sim, 'pe1', registry.name, 'tight'));
    unwrap(addPrivateEndpoint(sim, 'pe2', registry.name, 'tight'));
    const before = sim.log.length;
    const r = updateRegistryWithNetwork(sim, registry, { regionalEndpoints: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('InsufficientSubnetSize');
      expect(r.error.message).toContain('tight');
    }
    expect(registry.regionalEndpoints).toBe(false);
    expect(subnetUsage(sim, subnet).free).toBe(3);
    expect(sim.log.length).toBe(before);
  });

  it('keeps Premium and dedicated data endpoints while private endpoints exist', () => {
    const world = geoWorld(['eastus']);
    const { sim, registry } = world;
    unwrap(addSubnet(sim, 'wide', '/24'));
    unwrap(addPrivateEndpoint(sim, 'pe1', registry.name, 'wide'));
    const sku = updateRegistryWithNetwork(sim, registry, { sku: 'Standard', regionalEndpoints: false });
    expect(sku.ok || sku.error.code).toBe('SkuNotSupported');
    const data = updateRegistryWithNetwork(sim, registry, { dataEndpointEnabled: false });
    expect(data.ok || data.error.code).toBe('DataEndpointRequired');
    expect(registry.sku).toBe('Premium');
    expect(registry.regionalEndpoints).toBe(true);
    expect(registry.dataEndpointEnabled).toBe(true);
  });
});
