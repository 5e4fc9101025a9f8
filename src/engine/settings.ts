import type { Simulation } from './sim';
import type { Result } from './result';
import type { ConfigChange } from './config';

/**
 * Changes one configuration key and applies it to what already exists: link capacities follow
 * `replication.bandwidth` at once; other keys are read when next needed. Logged as an event so
 * the change is part of the session's history.
 */
export function setConfig(sim: Simulation, key: string, value: string | number): Result<ConfigChange> {
  const r = sim.config.set(key, value);
  if (!r.ok) return r;
  if (r.value.key === 'replication.bandwidth') {
    for (const registry of sim.registries.values()) {
      for (const replica of registry.replicas.values())
        replica.inbound.setCapacity(sim.config.get('replication.bandwidth'));
    }
  }
  sim.emit({ kind: 'config.set', key: r.value.key, value: r.value.formatted });
  return r;
}
