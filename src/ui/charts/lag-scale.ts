/** Replication lag on the charts: its label and the y axis tops that keep every gridline label exact. */

/** Lag on the axis and in the summary: ms under a second, then seconds, then minutes. */
export function formatLag(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  return `${(ms / 60_000).toFixed(1)}min`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Axis tops (ms) whose half and whole both read exactly in `formatLag`: 0.5 s–5 s by halves, whole
 * seconds to 100 s, then minutes (a power-of-ten top such as 500 s would read "8.3min").
 */
const LAG_TOPS = [
  2,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  20 * SECOND,
  30 * SECOND,
  60 * SECOND,
  100 * SECOND,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  20 * MINUTE,
  30 * MINUTE,
  60 * MINUTE,
  120 * MINUTE,
] as const;

/** The lag chart's y axis top for a largest lag of `max` ms. */
export function lagTop(max: number): number {
  for (const t of LAG_TOPS) if (t >= max) return t;
  // Beyond two hours: a whole number of 2-hour steps, so both labels stay whole minutes.
  return Math.ceil(max / (120 * MINUTE)) * 120 * MINUTE;
}
