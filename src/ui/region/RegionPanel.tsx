import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { formatBytes, formatClock } from '../../engine/units';
import { useEngine } from '../engine/context';
import { useUiStore } from '../store/ui-store';
import { RegionActions } from './RegionActions';
import { stateText, type RegionView } from './region-detail';
import { ThrottleGauges } from './ThrottleGauges';
import './region.css';

/** How often a panel whose figures move without engine events asks again, at most (wall ms). */
const POLL_MS = 500;

/** Everything about the selected region: state, sync progress, content, pending work, actions. */
export function RegionPanel() {
  const engine = useEngine();
  const region = useUiStore((s) => s.selectedRegion);
  const registry = useUiStore((s) => s.registry);
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, refetch } = useQuery({
    queryKey: ['region', registry, region],
    queryFn: () => engine.query<RegionView | undefined>({ kind: 'region', registry, region: region! }),
    enabled: region !== undefined,
    // Provisioning and sync progress move without events; poll while a replica is changing state
    // (a replica stuck in Creating does not move).
    refetchInterval: (q) => {
      const d = q.state.data;
      const s = d?.replica?.status;
      if (d?.stuck !== undefined) return false;
      return s === 'Creating' || s === 'Syncing' || s === 'Deleting' ? POLL_MS : false;
    },
  });
  // Transfers of pending replication move without events too: while there are any, ask again
  // whenever the clock has moved (playing, or a "+1 m" step), at most every POLL_MS.
  const hasPending = (data?.pending.length ?? 0) > 0;
  useEffect(() => {
    if (!hasPending) return;
    let asked: number | undefined;
    let askedAt = -Infinity;
    return engine.onFrame((frame) => {
      if (asked === undefined) asked = frame.time;
      if (frame.time === asked) return;
      const now = performance.now();
      if (now - askedAt < POLL_MS) return;
      asked = frame.time;
      askedAt = now;
      void refetch();
    });
  }, [engine, hasPending, refetch]);
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
  const creating = r?.status === 'Creating';
  return (
    <section className="region-panel" aria-label={`Region ${data.region.displayName}`}>
      {/* Focusable from script only: it takes focus when an action goes away and none is left. */}
      <h2 ref={heading} tabIndex={-1}>
        {data.region.displayName} <span className="muted">({data.region.name})</span>
      </h2>
      <p
        className={`state state-${data.mark}${data.mark === 'available' && data.upgradeCommand !== undefined ? ' state-needs-premium' : ''}`}
      >
        {stateText(data)}
      </p>
      {data.mark === 'available' && data.upgradeCommand !== undefined && (
        <p className="muted">
          Upgrade the registry first: <code>{data.upgradeCommand}</code>
        </p>
      )}
      {data.regionOutage && (
        <p className="warn">Region outage: every registry's replica here fails requests.</p>
      )}
      {data.registryOutage && (
        <p className="warn">Registry outage: this registry's replica here is degraded.</p>
      )}
      {r && data.stuck !== undefined && (
        <p className="warn" role="status">
          Stuck in Creating: this replica will never finish. {data.stuck} Delete it, then create it again with
          an identity that has the permission.
        </p>
      )}
      {r && data.stuck === undefined && (creating || r.status === 'Syncing') && (
        <div className="sync">
          <progress
            max={100}
            value={creating ? (data.creatingPercent ?? 0) : r.syncPercent}
            aria-label={creating ? 'Provisioning progress' : 'Initial sync progress'}
          />
          <span>
            {creating
              ? `Provisioning ${data.creatingPercent ?? 0}%`
              : `${r.syncPercent}% · ${formatBytes(r.syncBytesDone)} of ${formatBytes(r.syncBytesTotal)}${r.syncEta !== undefined ? ` · ready about ${formatClock(r.syncEta)}` : ''}`}
          </span>
        </div>
      )}
      {r && <ThrottleGauges registry={data.registry} location={data.region.name} />}
      <RegionActions detail={data} heading={heading} />
      {r && (
        <>
          <h3>Content ({data.tags.length} tags)</h3>
          {data.tags.length === 0 ? (
            <p className="muted">No tags here yet.</p>
          ) : (
            <ul className="tags" aria-label="Tags">
              {data.tags.map((t) => (
                <li key={t.ref}>
                  <code className="ref">{t.ref}</code>{' '}
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
