import { useQuery } from '@tanstack/react-query';
import { formatBytes, formatClock } from '../../engine/units';
import type { RegionDetail } from '../../protocol/messages';
import { useEngine } from '../engine/context';
import { useUiStore } from '../store/ui-store';
import { RegionActions } from './RegionActions';
import { ThrottleGauges } from './ThrottleGauges';
import './region.css';

function stateText(d: RegionDetail): string {
  if (d.mark === 'available') return 'Available: a replica can be created here';
  if (d.mark === 'unavailable') return 'Unavailable: access-restricted region, not offered';
  const r = d.replica!;
  const parts = [d.mark === 'home' ? 'Home replica' : 'Replica', r.status];
  if (!r.globalEndpointRouting) parts.push('excluded from global routing');
  else if (!r.inPool) parts.push('out of global routing (unhealthy)');
  return parts.join(' · ');
}

/** Everything about the selected region: state, sync progress, content, pending work, actions. */
export function RegionPanel() {
  const engine = useEngine();
  const region = useUiStore((s) => s.selectedRegion);
  const registry = useUiStore((s) => s.registry);
  const { data } = useQuery({
    queryKey: ['region', registry, region],
    queryFn: () => engine.query<RegionDetail | undefined>({ kind: 'region', registry, region: region! }),
    enabled: region !== undefined,
    // Sync progress moves without events; poll while a replica is being created or synced.
    refetchInterval: (q) => {
      const s = q.state.data?.replica?.status;
      return s === 'Creating' || s === 'Syncing' || s === 'Deleting' ? 500 : false;
    },
  });
  if (region === undefined) {
    return (
      <section className="region-panel" aria-label="Region">
        <h2>Region</h2>
        <p className="muted">
          Select a hexagon on the map (click, or Tab to the map and use the arrow keys and Enter).
        </p>
      </section>
    );
  }
  if (!data) return <section className="region-panel" aria-label="Region" aria-busy="true" />;
  const r = data.replica;
  return (
    <section className="region-panel" aria-label={`Region ${data.region.displayName}`}>
      <h2>
        {data.region.displayName} <span className="muted">({data.region.name})</span>
      </h2>
      <p className={`state state-${data.mark}`}>{stateText(data)}</p>
      {data.regionOutage && (
        <p className="warn">Region outage: every registry's replica here fails requests.</p>
      )}
      {data.registryOutage && (
        <p className="warn">Registry outage: this registry's replica here is degraded.</p>
      )}
      {r && (r.status === 'Creating' || r.status === 'Syncing') && (
        <div className="sync">
          <progress
            max={100}
            value={r.status === 'Creating' ? 0 : r.syncPercent}
            aria-label="Initial sync progress"
          />
          <span>
            {r.status === 'Creating'
              ? 'Provisioning…'
              : `${r.syncPercent}% · ${formatBytes(r.syncBytesDone)} of ${formatBytes(r.syncBytesTotal)}${r.syncEta !== undefined ? ` · ready about ${formatClock(r.syncEta)}` : ''}`}
          </span>
        </div>
      )}
      {r && <ThrottleGauges registry={data.registry} location={data.region.name} />}
      <RegionActions detail={data} />
      {r && (
        <>
          <h3>Content ({data.tags.length} tags)</h3>
          {data.tags.length === 0 ? (
            <p className="muted">No tags here yet.</p>
          ) : (
            <ul className="tags" aria-label="Tags">
              {data.tags.map((t) => (
                <li key={t.ref}>
                  <code>{t.ref}</code>{' '}
                  <code className="digest" title={t.digest}>
                    {t.digest.slice(0, 19)}…
                  </code>
                </li>
              ))}
            </ul>
          )}
          <h3>Pending replication ({data.pending.length})</h3>
          {data.pending.length === 0 ? (
            <p className="muted">Nothing on its way here.</p>
          ) : (
            <ul aria-label="Pending replication">
              {data.pending.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
