/**
 * What is under a point on the canvas. Positions are screen pixels, interleaved `[x0, y0, …]`,
 * exactly as the renderer draws them, so what you see is what you hit.
 */

/** What a pointer is over. */
export type MapHit =
  | { readonly kind: 'region'; readonly index: number }
  | { readonly kind: 'client'; readonly index: number }
  | { readonly kind: 'none' };

export const NO_HIT: MapHit = Object.freeze({ kind: 'none' });

/** Whether `(px, py)` lies inside the pointy-top hexagon with circumradius `r` centred at `(cx, cy)`. */
export function insideHexagon(px: number, py: number, cx: number, cy: number, r: number): boolean {
  const dx = Math.abs(px - cx);
  const dy = Math.abs(py - cy);
  const half = (r * Math.sqrt(3)) / 2; // distance from centre to a vertical side
  if (dx > half || dy > r) return false;
  // Above the slanted edge from (half, r/2) to (0, r).
  return dy <= r - (dx * r) / (2 * half);
}

/**
 * The hexagon under `(px, py)`, or -1. Hexagons never overlap, but the point is tested against
 * a slightly grown hexagon for easier targeting, so the nearest centre wins.
 */
export function hitHexagon(
  centres: ArrayLike<number>,
  count: number,
  radius: number,
  px: number,
  py: number,
): number {
  let best = -1;
  let bestD2 = Infinity;
  const grown = radius + 2;
  for (let i = 0; i < count; i++) {
    const cx = centres[2 * i]!;
    const cy = centres[2 * i + 1]!;
    if (!insideHexagon(px, py, cx, cy, grown)) continue;
    const d2 = (px - cx) ** 2 + (py - cy) ** 2;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}

/** The client pin whose head (a circle of `headRadius` at `heads[i]`) is under `(px, py)`, or -1. */
export function hitPin(
  heads: ArrayLike<number>,
  count: number,
  headRadius: number,
  px: number,
  py: number,
): number {
  // Pins are drawn in order, so the last one is on top.
  const r2 = (headRadius + 3) ** 2;
  for (let i = count - 1; i >= 0; i--) {
    if ((px - heads[2 * i]!) ** 2 + (py - heads[2 * i + 1]!) ** 2 <= r2) return i;
  }
  return -1;
}

/** Pins are on top of hexagons, so they win. */
export function hitTest(
  hexCentres: ArrayLike<number>,
  hexCount: number,
  radius: number,
  pinHeads: ArrayLike<number>,
  pinCount: number,
  pinHeadRadius: number,
  px: number,
  py: number,
): MapHit {
  const pin = hitPin(pinHeads, pinCount, pinHeadRadius, px, py);
  if (pin >= 0) return { kind: 'client', index: pin };
  const hex = hitHexagon(hexCentres, hexCount, radius, px, py);
  return hex >= 0 ? { kind: 'region', index: hex } : NO_HIT;
}
