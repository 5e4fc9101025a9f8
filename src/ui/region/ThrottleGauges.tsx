import { useQuery } from '@tanstack/react-query';
import type { ThrottleResult, ThrottleRow } from '../../protocol/messages';
import { useEngine } from '../engine/context';

/** Fraction of budget where a gauge turns amber; red at the budget (matches the map ring). */
const WARN = 0.7;

function level(fraction: number): 'ok' | 'warn' | 'over' {
  return fraction >= 1 ? 'over' : fraction >= WARN ? 'warn' : 'ok';
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function Bar({ label, value, budget }: { label: string; value: number; budget: number }) {
  const fraction = budget > 0 ? value / budget : 0;
  const pct = Math.round(fraction * 100);
  return (
    <div className="gauge">
      <span className="gauge__label">{label}</span>
      <div
        className={`gauge__bar gauge__bar--${level(fraction)}`}
        role="meter"
        aria-label={`${label} per minute`}
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={value}
        aria-valuetext={`${fmt(value)} of ${fmt(budget)} per minute (${pct}%)`}
      >
        <span style={{ width: `${Math.min(100, fraction * 100)}%` }} />
      </div>
      <span className="gauge__value">
        {fmt(value)} / {fmt(budget)}
      </span>
    </div>
  );
}

/** Reads/min and writes/min against the replica's budgets, and its 429 rate (SPEC 5). */
export function ThrottleGauges({ registry, location }: { registry: string | undefined; location: string }) {
  const engine = useEngine();
  const { data } = useQuery({
    queryKey: ['throttle', registry],
    queryFn: () => engine.query<ThrottleResult>({ kind: 'throttle', ...(registry ? { registry } : {}) }),
    // Counters move with every request without any event worth invalidating on.
    refetchInterval: 1000,
  });
  const row: ThrottleRow | undefined = data?.replicas.find((r) => r.location === location);
  if (!row) return null;
  const last = row.lastMinute;
  const now = row.thisMinute;
  return (
    <section className="throttle" aria-label="Throttling">
      <h3>Throttling (last whole minute)</h3>
      <Bar label="Reads" value={last.readsPerMin} budget={row.readBudget} />
      <Bar label="Writes" value={last.writesPerMin} budget={row.writeBudget} />
      <p className={`throttle__429${last.throttledPerMin > 0 ? ' throttle__429--on' : ''}`}>
        <strong>{fmt(last.throttledPerMin)}</strong> × 429 TOOMANYREQUESTS per minute
      </p>
      <p className="muted throttle__now">
        This minute so far: {fmt(now.readsPerMin)} reads, {fmt(now.writesPerMin)} writes,{' '}
        {fmt(now.throttledPerMin)} × 429
      </p>
    </section>
  );
}
