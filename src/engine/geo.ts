/**
 * Distances and timings on the globe: the network model of SPEC 2.2 reduced to three formulas.
 */
import type { BitsPerSecond, Bytes, DurationMs, LonLat } from './types';

/** Mean Earth radius (IUGG), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * Great-circle distance between two points in kilometres (haversine formula). Symmetric, zero
 * for identical points, at most half the Earth's circumference.
 */
export function greatCircleKm(a: LonLat, b: LonLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const sinLat = Math.sin(dLat / 2);
  const sinLon = Math.sin(dLon / 2);
  const h = sinLat * sinLat + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * sinLon * sinLon;
  // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, Math.max(0, h))));
}

/** The two latency settings {@link oneWayLatencyMs} needs (`net.latencyBase`, `net.latencyPerKm`). */
export interface LatencyModel {
  readonly latencyBase: DurationMs;
  /** Milliseconds per kilometre of great-circle distance. */
  readonly latencyPerKm: number;
}

/**
 * One-way network latency between two points: a fixed base plus a cost per kilometre of
 * great-circle distance (SPEC 2.2; defaults 2 ms + 0.0075 ms/km).
 */
export function oneWayLatencyMs(a: LonLat, b: LonLat, cfg: LatencyModel): DurationMs {
  return cfg.latencyBase + cfg.latencyPerKm * greatCircleKm(a, b);
}

/**
 * Time to move `bytes` over a link of `bitsPerSecond`, in milliseconds. Zero bytes take no time;
 * a link with no bandwidth never finishes, which is reported as `Infinity` rather than thrown.
 */
export function transferMs(bytes: Bytes, bitsPerSecond: BitsPerSecond): DurationMs {
  if (!(bytes > 0)) return 0;
  if (!(bitsPerSecond > 0)) return Infinity;
  return (bytes * 8 * 1000) / bitsPerSecond;
}
