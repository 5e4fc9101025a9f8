import { replicaCondition } from '../../map/labels';
import type { RegionState } from '../../protocol/frame';
import type { RegionDetail } from '../../protocol/messages';

/** The `region` query's answer (see {@link RegionDetail}). */
export type RegionView = RegionDetail;

/** The replica as the map sees it, so the panel and the hexagon judge its health the same way. */
function mapState(d: RegionView): RegionState {
  const r = d.replica!;
  return {
    name: d.region.name,
    mark: d.mark,
    regionOutage: d.regionOutage,
    replica: {
      look:
        r.provisioningState === 'Deleting'
          ? 'deleting'
          : r.provisioningState === 'Creating'
            ? 'creating'
            : r.status === 'Syncing'
              ? 'syncing'
              : 'ready',
      progress: 1,
      healthy: r.healthy,
      routingEnabled: r.globalEndpointRouting,
      inPool: r.inPool,
      tagCount: r.tagCount,
      pendingJobs: d.pending.length,
    },
  };
}

/** The panel's one-line state; for a replica, health and routing judged as the hexagon judges them. */
export function stateText(d: RegionView): string {
  if (d.mark === 'available') {
    if (d.createCommand === undefined && d.upgradeCommand !== undefined) {
      return `Available, but geo-replication needs the Premium SKU${d.sku ? ` (${d.registry} is ${d.sku})` : ''}`;
    }
    return 'Available: a replica can be created here';
  }
  if (d.mark === 'unavailable') return 'Unavailable: access-restricted region, not offered';
  const r = d.replica!;
  const parts = [d.mark === 'home' ? 'Home replica' : 'Replica', r.status];
  if (d.stuck !== undefined) parts.push('stuck');
  const condition = replicaCondition(mapState(d));
  if (!r.globalEndpointRouting) parts.push('excluded from global routing');
  else if (condition === 'recovering') parts.push('waiting for failback');
  else if (!r.inPool) parts.push('out of global routing (unhealthy)');
  return parts.join(' · ');
}
