import { describe, expect, it } from 'vitest';
import { setRegionOutage } from './health';
import { createRegistry, createReplica } from './lifecycle';
import { unwrap } from './result';
import { Simulation } from './sim';
import { buildDefinition, createTask, findTask, runTask, startTaskRun, TASK_BUILD_MS } from './tasks';

function world() {
  const sim = new Simulation({ seed: 1 });
  const registry = unwrap(createRegistry(sim, { name: 'myregistry', location: 'eastus', sku: 'Premium' }));
  const replica = unwrap(createReplica(sim, registry, { location: 'japaneast' }));
  sim.runUntil(() => replica.phase === 'ready', 3_600_000);
  return { sim, registry, replica };
}

describe('ACR Tasks', () => {
  it('builds in the home region, commits there first, then replicates', () => {
    const { sim, registry, replica } = world();
    const def = unwrap(buildDefinition('app:v1', { size: 50_000_000, layers: 2 }));
    const run = unwrap(startTaskRun(sim, registry, def));
    expect(run.id).toBe('ca1');
    expect(run.location).toBe('eastus');
    const task = sim.spawn(runTask(sim, run));
    sim.runUntil(() => task.done, 3_600_000);
    const digest = task.result!.digest;
    expect(task.result!.duration).toBeGreaterThanOrEqual(TASK_BUILD_MS);
    expect(registry.homeReplica.store.resolveTag('app', 'v1')).toBe(digest);
    expect(replica.store.resolveTag('app', 'v1')).toBeUndefined();
    sim.runUntil(() => replica.store.resolveTag('app', 'v1') === digest, 3_600_000);
    expect(replica.store.resolveTag('app', 'v1')).toBe(digest);
    expect(unwrap(startTaskRun(sim, registry, def)).id).toBe('ca2');
  });

  it('refuses runs and task creation while the home region is down (B-HOME-2)', () => {
    const { sim, registry } = world();
    unwrap(createTask(sim, registry, 'buildapp', 'app:latest'));
    setRegionOutage(sim, registry.home, true);
    const run = startTaskRun(sim, registry, findTask(sim, registry, 'buildapp')!);
    expect(run.ok).toBe(false);
    expect(!run.ok && run.error.code).toBe('HomeRegionUnavailable');
    expect(createTask(sim, registry, 'other', 'app:v2').ok).toBe(false);
  });

  it('validates build targets', () => {
    expect(buildDefinition('myregistry.azurecr.io/app:v1').ok).toBe(false);
    expect(buildDefinition('app@sha256:' + '0'.repeat(64)).ok).toBe(false);
    expect(buildDefinition('app:v1', { layers: 0 }).ok).toBe(false);
    expect(unwrap(buildDefinition('app')).tag).toBe('latest');
  });
});
