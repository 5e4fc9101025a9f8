import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatClock } from '../../engine/units';
import type { SeriesResult } from '../../protocol/messages';
import { useEngine } from '../engine/context';
import { useUiStore } from '../store/ui-store';
import { formatLag, lagTop } from './lag-scale';
import { LineChart, type ChartSeries } from './LineChart';
import './charts.css';

/** Distinct colours for replicas, readable on both themes. */
const PALETTE = ['#3b82f6', '#22c55e', '#f59e0b', '#ec4899', '#14b8a6', '#a855f7', '#ef4444', '#84cc16'];
const WINDOWS = [15, 60, 180] as const;

/** Requests, 429s and replication lag per replica over the last N simulated minutes. */
export function ChartsPanel() {
  const engine = useEngine();
  const registry = useUiStore((s) => s.registry);
  const [minutes, setMinutes] = useState<number>(60);
  const { data } = useQuery({
    queryKey: ['series', registry, minutes],
    queryFn: () => engine.query<SeriesResult>({ kind: 'series', minutes, ...(registry ? { registry } : {}) }),
    refetchInterval: 1000,
    placeholderData: keepPreviousData,
  });
  const replicas = data?.replicas ?? [];
  const from = data?.fromMinute ?? 0;
  const xLabel = (i: number): string => formatClock((from + i) * 60_000).slice(0, -3);
  const pick = (f: (r: SeriesResult['replicas'][number]) => ReadonlyArray<number | null>): ChartSeries[] =>
    replicas.map((r, k) => ({ name: r.displayName, colour: PALETTE[k % PALETTE.length]!, values: f(r) }));
  return (
    // The panel scrolls (three charts do not fit a short window): focusable, so the keyboard can scroll it.
    <section className="charts" role="region" aria-label="Charts" tabIndex={0}>
      <header className="charts__header">
        <h2 className="panel__title">Charts{data?.registry ? ` · ${data.registry}` : ''}</h2>
        <label className="charts__window">
          Window{' '}
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {WINDOWS.map((m) => (
              <option key={m} value={m}>
                last {m === 180 ? '3 h' : `${m} min`}
              </option>
            ))}
          </select>
        </label>
      </header>
      {replicas.length === 0 ? (
        <p className="muted">No replicas in this registry.</p>
      ) : (
        <>
          <ul className="charts__legend" aria-label="Replicas">
            {replicas.map((r, k) => (
              <li key={r.location}>
                <span className="charts__swatch" style={{ background: PALETTE[k % PALETTE.length] }} />
                {r.displayName}
              </li>
            ))}
          </ul>
          <LineChart
            title="Requests accepted per minute"
            series={pick((r) => r.accepted)}
            xLabel={xLabel}
            area
          />
          <LineChart
            title="429 responses per minute"
            series={pick((r) => r.throttled)}
            xLabel={xLabel}
            area
          />
          <LineChart
            title="Replication lag (mean per minute)"
            series={pick((r) => r.lagMs)}
            xLabel={xLabel}
            formatY={formatLag}
            yTop={lagTop}
            emptyText="No replication applied to any replica in this window."
          />
        </>
      )}
    </section>
  );
}
