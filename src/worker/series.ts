import type { SimEvent } from '../engine';
import type { ReplicaSeries, SeriesResult } from '../protocol/messages';

/** How many whole simulated minutes of history the series keep (plus the current one). */
export const SERIES_MINUTES = 180;
const MINUTE = 60_000;

interface Bucket {
  accepted: number;
  throttled: number;
  lagSum: number;
  lagCount: number;
}

interface EventSource {
  readonly events: readonly SimEvent[];
  subscribe(listener: (e: SimEvent) => void): () => void;
}

/**
 * Requests a replica turned away before its request budget was asked (it was down, or the
 * credential was missing or not enough): the budget, and so the gauges, never count them.
 */
const REFUSED_BEFORE_BUDGET: ReadonlySet<string> = new Set(['UNAVAILABLE', 'UNAUTHORIZED', 'DENIED']);

/**
 * Per-registry, per-replica-location counts per simulated minute, kept up to date from the event
 * log: `request` events to the registry's endpoints that reached its request budget (status 429
 * counts as throttled, anything else, such as a HEAD answered 404, as accepted: the same requests
 * the throttling gauges count); downloads from data endpoints (storage) are not counted,
 * `load.minute` per-replica counts (reads accepted, pulls answered 429) and `replication.applied`
 * lag. Only the last {@link SERIES_MINUTES} minutes are kept.
 */
export class SeriesStore {
  /** registry → location → minute → bucket */
  private readonly data = new Map<string, Map<string, Map<number, Bucket>>>();
  private latestMinute = 0;
  private off: (() => void) | undefined;

  /** Starts over from a log: replays what is in it, then follows it. */
  attach(log: EventSource): void {
    this.detach();
    this.data.clear();
    this.latestMinute = 0;
    for (const e of log.events) this.record(e);
    this.off = log.subscribe((e) => this.record(e));
  }

  detach(): void {
    this.off?.();
    this.off = undefined;
  }

  record(e: SimEvent): void {
    switch (e.kind) {
      case 'request': {
        // Only what the replica's request budget counted, as the throttling gauges do.
        if (e.endpoint === 'data' || (e.code !== undefined && REFUSED_BEFORE_BUDGET.has(e.code))) return;
        const b = this.bucket(e.registry, e.location, Math.floor(e.t / MINUTE), e.t);
        if (e.status === 429) b.throttled++;
        else b.accepted++;
        return;
      }
      case 'load.minute':
        for (const r of e.replicas) {
          const b = this.bucket(e.registry, r.location, Math.floor(e.from / MINUTE), e.t);
          b.accepted += r.reads;
          b.throttled += r.throttled;
        }
        return;
      case 'replication.applied': {
        const b = this.bucket(e.registry, e.to, Math.floor(e.t / MINUTE), e.t);
        b.lagSum += e.lagMs;
        b.lagCount++;
        return;
      }
      default:
        return;
    }
  }

  private bucket(registry: string, location: string, minute: number, now: number): Bucket {
    this.advanceTo(Math.floor(now / MINUTE));
    const key = registry.toLowerCase();
    let byLocation = this.data.get(key);
    if (!byLocation) this.data.set(key, (byLocation = new Map()));
    let byMinute = byLocation.get(location);
    if (!byMinute) byLocation.set(location, (byMinute = new Map()));
    let b = byMinute.get(minute);
    if (!b) byMinute.set(minute, (b = { accepted: 0, throttled: 0, lagSum: 0, lagCount: 0 }));
    return b;
  }

  /** Drops minutes that fell out of the window when time moves into a new minute. */
  private advanceTo(minute: number): void {
    if (minute <= this.latestMinute) return;
    this.latestMinute = minute;
    const oldest = minute - SERIES_MINUTES; // the whole minutes, plus the current one
    for (const byLocation of this.data.values())
      for (const byMinute of byLocation.values())
        for (const m of byMinute.keys()) if (m < oldest) byMinute.delete(m);
  }

  /**
   * The last `minutes` whole minutes before the one `now` falls in (none before time 0), for the given replica locations (in
   * that order) and any other location with data in the window.
   */
  query(
    registry: string | undefined,
    now: number,
    minutes: number,
    locations: ReadonlyArray<{ readonly location: string; readonly displayName: string }>,
    displayName: (location: string) => string = (l) => l,
  ): SeriesResult {
    const want = Math.max(1, Math.min(SERIES_MINUTES, Math.floor(Number.isFinite(minutes) ? minutes : 1)));
    // Whole minutes only: a load generator reports its minute when the minute ends.
    const toMinute = Math.floor(now / MINUTE) - 1;
    const fromMinute = Math.max(0, toMinute - want + 1);
    const n = Math.max(0, toMinute - fromMinute + 1);
    const byLocation = registry ? this.data.get(registry.toLowerCase()) : undefined;
    const rows: Array<{ location: string; displayName: string }> = [...locations];
    const seen = new Set(rows.map((r) => r.location));
    if (byLocation)
      for (const [location, byMinute] of byLocation) {
        if (seen.has(location)) continue;
        for (const m of byMinute.keys())
          if (m >= fromMinute && m <= toMinute) {
            rows.push({ location, displayName: displayName(location) });
            seen.add(location);
            break;
          }
      }
    const replicas: ReplicaSeries[] = rows.map(({ location, displayName: name }) => {
      const byMinute = byLocation?.get(location);
      const accepted: number[] = [];
      const throttled: number[] = [];
      const lagMs: Array<number | null> = [];
      for (let m = fromMinute; m <= toMinute; m++) {
        const b = byMinute?.get(m);
        accepted.push(b?.accepted ?? 0);
        throttled.push(b?.throttled ?? 0);
        lagMs.push(b && b.lagCount > 0 ? Math.round(b.lagSum / b.lagCount) : null);
      }
      return { location, displayName: name, accepted, throttled, lagMs };
    });
    return { registry, fromMinute, minutes: n, replicas };
  }
}
