import { describe, expect, it } from 'vitest';
import { setRegionOutage, setRegistryOutage } from './health';
import { createRegistry } from './lifecycle';
import { findRegion } from './regions';
import { unwrap } from './result';
import { globalRoutingPool } from './routing';
import { geoWorld } from './testkit';

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
