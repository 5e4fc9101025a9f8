import { describe, expect, it } from 'vitest';
import { setRegionOutage, setRegistryOutage } from './health';
import { createRegistry } from './lifecycle';
import { findRegion } from './regions';
import { unwrap } from './result';
import { globalRoutingPool } from './routing';
import { buildAndPush, geoWorld, pull, signedInClient } from './testkit';

const westeurope = findRegion('westeurope')!.name;
const pool = (w: ReturnType<typeof geoWorld>) => globalRoutingPool(w.registry).map((r) => r.location);

describe('health flag: routing and replication respect it, after a detection window', () => {
  it('B-HEALTH-3 an outage shorter than the detection window never leaves the pool', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    setRegionOutage(world.sim, westeurope, true);
    world.sim.advance(2 * 60_000);
    setRegionOutage(world.sim, westeurope, false);
    world.sim.advance(10 * 60_000);
    expect(pool(world)).toEqual(['eastus', 'westeurope']);
    expect(world.sim.log.events.some((e) => e.kind === 'health.detected')).toBe(false);
    // Its recovery says it never left routing, which the event log tells people.
    expect(world.sim.log.events.find((e) => e.kind === 'health.healthy')).toMatchObject({ routed: true });
  });

  it('B-HEALTH-2/5 a longer outage leaves the pool after 3 m and fails back 3 m after recovery', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const start = world.sim.now;
    setRegionOutage(world.sim, westeurope, true);
    world.sim.advance(3 * 60_000 - 1);
    expect(pool(world)).toContain('westeurope');
    world.sim.advance(1);
    expect(pool(world)).toEqual(['eastus']);
    world.sim.advance(10 * 60_000);
    setRegionOutage(world.sim, westeurope, false);
    const healthy = world.sim.log.events.filter((e) => e.kind === 'health.healthy');
    expect(healthy.at(-1)).toMatchObject({ routed: false });
    const recovered = world.sim.now;
    world.sim.advance(3 * 60_000);
    expect(pool(world)).toEqual(['eastus', 'westeurope']);
    const kinds = world.sim.log.events.filter((e) => e.t >= start).map((e) => [e.kind, e.t - start]);
    expect(kinds).toContainEqual(['health.detected', 3 * 60_000]);
    expect(kinds).toContainEqual(['health.failback', recovered - start + 3 * 60_000]);
  });

  it('B-HEALTH-1 a registry-scope outage degrades only that registry', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const other = unwrap(
      createRegistry(world.sim, { name: 'otherreg', location: 'westeurope', sku: 'Premium' }),
    );
    setRegistryOutage(world.sim, world.registry, world.registry.replicaAt('westeurope')!, true);
    world.sim.advance(5 * 60_000);
    expect(pool(world)).toEqual(['eastus']);
    expect(globalRoutingPool(other).map((r) => r.location)).toEqual(['westeurope']);
  });
});

describe('the event log tells the whole failover story', () => {
  it('records fault, detection, DNS update, the last request to the failed replica, recovery and failback in order', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const paris = signedInClient(world, 'paris', 'francecentral');
    const ref = `${world.registry.loginServer}/app:v1`;
    buildAndPush(world, signedInClient(world, 'ny', 'eastus'), ref);
    world.sim.advance(60_000);
    expect(pull(world, paris, ref).served[0]!.location).toBe('westeurope');
    const start = world.sim.log.length;
    setRegionOutage(world.sim, westeurope, true);
    world.sim.advance(60_000);
    paris.images.clear();
    paris.blobs.clear();
    expect(pull(world, paris, ref).error?.code).toBe('UNAVAILABLE');
    world.sim.advance(10 * 60_000);
    setRegionOutage(world.sim, westeurope, false);
    world.sim.advance(5 * 60_000);
    const story = world.sim.log.events
      .slice(start)
      .filter((e) => e.kind !== 'request' && e.kind !== 'replication.applied')
      .map((e) => e.kind);
    expect(story).toEqual([
      'outage.start',
      'health.unhealthy',
      'health.detected',
      'dns.updated',
      'outage.end',
      'health.lastRequest',
      'health.healthy',
      'health.failback',
      'dns.updated',
    ]);
    const last = world.sim.log.events.find((e) => e.kind === 'health.lastRequest');
    const failedRequest = world.sim.log.events
      .filter((e) => e.kind === 'request' && e.status === 503)
      .at(-1)!;
    // The request reached the replica one network latency before its 503 got back to the client.
    const at = last && last.kind === 'health.lastRequest' ? last.at : NaN;
    expect(at).toBeLessThan(failedRequest.t);
    expect(at).toBeGreaterThan(failedRequest.t - 100);
  });
});
