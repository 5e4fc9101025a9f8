import type { Registry } from './registry';
import { fail, ok, type Result } from './result';
import type { Simulation } from './sim';

/** The az error code for control-plane operations refused during a home-region outage (B-HOME-2). */
export const HOME_REGION_UNAVAILABLE = 'HomeRegionUnavailable';

/**
 * Whether the registry's control plane answers. It lives in the home region, fixed at creation
 * (B-HOME-1); while that region is in a region-scope outage, configuration changes (registry
 * update, replication create/update/delete, webhook create/update/delete, import, tasks) fail
 * with {@link HOME_REGION_UNAVAILABLE} naming the home region (B-HOME-2). Data-plane push, pull
 * and delete keep working through the other replicas (B-HOME-3), and so do reads of the
 * registry's configuration (`az acr show`, `replication list`), which any replica can answer.
 * A registry-scope outage of the home replica does not take the control plane down.
 */
export function controlPlaneAvailable(sim: Simulation, registry: Registry): Result<void> {
  if (!sim.regionOutages.has(registry.home)) return ok(undefined);
  return fail(
    HOME_REGION_UNAVAILABLE,
    `The home region '${registry.home}' of registry '${registry.name}' is unavailable, so control-plane ` +
      `(management) operations cannot run until it recovers. Data-plane operations (push, pull, delete) ` +
      `continue through the other geo-replicas.`,
    registry.home,
  );
}
