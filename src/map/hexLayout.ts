/**
 * Where each region's hexagon goes. Regions crowd together (Europe, the US east coast, Australia's
 * two Canberra regions share one point), so hexagons start at their projected locations and are
 * pushed apart until none overlap, while a weak pull keeps each near its true point. The result
 * is a pure function of its inputs: same points and options, same layout, on every machine.
 *
 * The layout runs in zoomed pixels (base × k, before pan). As the zoom grows the points spread
 * while hexagons grow only a little, so fewer of them need nudging.
 */

/** Radius of the hexagon circumcircle at 1× for a canvas, in CSS pixels. */
export function baseHexRadius(width: number, height: number): number {
  return Math.min(20, Math.max(10, Math.min(width / 84, height / 44)));
}

/** Hexagons grow gently with zoom, so zooming in mostly spreads them rather than enlarging them. */
export function hexRadiusAt(baseRadius: number, zoom: number): number {
  return baseRadius * Math.min(1.7, 1 + 0.25 * Math.log2(Math.max(1, zoom)));
}

export interface SeparationOptions {
  /** Circle radius: circles of this radius around the results do not overlap. */
  readonly radius: number;
  /** Extra clear space kept between neighbours, in pixels. */
  readonly gap: number;
  /** Relaxation rounds. The last quarter only separates; it does not pull back. */
  readonly iterations?: number;
  /** Fraction of the way back to its true point each item moves per round. */
  readonly pull?: number;
  /** Centres stay inside this rectangle (when it has room for them). */
  readonly bounds?: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Separates circles placed at `points` (interleaved `[x0, y0, x1, y1, …]`): returns new centres,
 * interleaved the same way, such that no two are closer than `2 × radius + gap`.
 *
 * Each round pulls every item a little towards its true point, then pushes each overlapping pair
 * apart along the line between them (Gauss–Seidel, so a crowd settles in few rounds). Items on the
 * very same point leave in a direction fixed by their indices, so the output is deterministic and
 * varies continuously with the input (zooming moves hexagons smoothly).
 */
export function separateCircles(
  points: ArrayLike<number>,
  options: SeparationOptions,
): Float64Array<ArrayBuffer> {
  const n = Math.floor(points.length / 2);
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) out[i] = points[i]!;
  if (n < 2) return out;
  const iterations = Math.max(1, Math.floor(options.iterations ?? 240));
  const pull = options.pull ?? 0.06;
  // A hair more than asked, so float rounding never leaves two items touching.
  const minDistance = 2 * options.radius + options.gap + 1e-3;
  const minDistance2 = minDistance * minDistance;
  const pullRounds = iterations - Math.max(8, Math.floor(iterations / 4));

  for (let round = 0; round < iterations; round++) {
    if (round < pullRounds) {
      for (let i = 0; i < 2 * n; i++) out[i]! += (points[i]! - out[i]!) * pull;
    }
    let moved = false;
    if (options.bounds) moved = clampInto(out, options.bounds) || moved;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = out[2 * j]! - out[2 * i]!;
        const dy = out[2 * j + 1]! - out[2 * i + 1]!;
        const d2 = dx * dx + dy * dy;
        if (d2 >= minDistance2) continue;
        moved = true;
        let ux: number;
        let uy: number;
        const d = Math.sqrt(d2);
        if (d < 1e-9) {
          const angle = (i * 7 + j * 13) * GOLDEN_ANGLE;
          ux = Math.cos(angle);
          uy = Math.sin(angle);
        } else {
          ux = dx / d;
          uy = dy / d;
        }
        const push = (minDistance - d) / 2;
        out[2 * i] = out[2 * i]! - ux * push;
        out[2 * i + 1] = out[2 * i + 1]! - uy * push;
        out[2 * j] = out[2 * j]! + ux * push;
        out[2 * j + 1] = out[2 * j + 1]! + uy * push;
      }
    }
    // Once the pull has stopped, a round with nothing to push means the layout is final.
    if (!moved && round >= pullRounds) break;
  }
  return out;
}

/** Moves points into `bounds`; returns whether any moved. */
function clampInto(points: Float64Array, bounds: NonNullable<SeparationOptions['bounds']>): boolean {
  let moved = false;
  for (let i = 0; i < points.length; i += 2) {
    const x = Math.min(bounds.x1, Math.max(bounds.x0, points[i]!));
    const y = Math.min(bounds.y1, Math.max(bounds.y0, points[i + 1]!));
    if (x !== points[i] || y !== points[i + 1]) {
      points[i] = x;
      points[i + 1] = y;
      moved = true;
    }
  }
  return moved;
}

/** Gap between neighbouring hexagons, in pixels. */
export const HEX_GAP = 3;

/**
 * Hexagon centres for regions whose true points are `truth` (interleaved, zoomed pixels), with
 * hexagons of circumradius `radius`. No two hexagons overlap. With `area` (the map's extent in the
 * same pixels) hexagons are kept inside it, so a crowd near an edge spreads inwards.
 */
export function layoutHexes(
  truth: ArrayLike<number>,
  radius: number,
  area?: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number },
): Float64Array<ArrayBuffer> {
  const inset = radius + 4;
  const bounds = area && {
    x0: area.x0 + inset,
    y0: area.y0 + inset,
    x1: area.x1 - inset,
    y1: area.y1 - inset,
  };
  return separateCircles(truth, { radius, gap: HEX_GAP, iterations: 320, pull: 0.05, bounds });
}

/** Smallest distance between any two centres (for tests and debugging). */
export function minimumSpacing(points: ArrayLike<number>): number {
  let best = Infinity;
  const n = Math.floor(points.length / 2);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      best = Math.min(
        best,
        Math.hypot(points[2 * j]! - points[2 * i]!, points[2 * j + 1]! - points[2 * i + 1]!),
      );
    }
  }
  return best;
}

/** Client pin geometry, CSS pixels. */
export const PIN_HEAD_RADIUS = 7;
export const PIN_STEM = 16;

/** Directions tried for a pin head, in order: straight up first, then fanning out to both sides. */
const PIN_ANGLES = [0, -30, 30, -60, 60, -90, 90, -120, 120, -150, 150, 180].map(
  (deg) => (deg * Math.PI) / 180,
);

/**
 * Heads of client pins: each sits {@link PIN_STEM} above its tip (the client's true location)
 * unless that would cover a hexagon, an earlier pin's head or one of `others` (heads placed
 * before, e.g. clients' when placing clusters); then the first clear spot on widening rings around
 * the tip is used, preferring up, then the sides. Hexagons do not move, so a pin never hides a
 * region. `tips`, `hexes` and `others` are interleaved screen points.
 */
export function placePinHeads(
  tips: ArrayLike<number>,
  hexes: ArrayLike<number>,
  hexRadius: number,
  others: ArrayLike<number> = [],
): Float64Array<ArrayBuffer> {
  const n = Math.floor(tips.length / 2);
  const m = Math.floor(hexes.length / 2);
  const heads = new Float64Array(2 * n);
  const clearHex2 = (hexRadius + PIN_HEAD_RADIUS + 3) ** 2;
  const clearHead2 = (2 * PIN_HEAD_RADIUS + 3) ** 2;
  // Other markers may be a little larger than a pin head (a cluster's heptagon).
  const clearOther2 = (2 * PIN_HEAD_RADIUS + 6) ** 2;
  const clear = (x: number, y: number, placed: number): boolean => {
    for (let j = 0; j < m; j++) {
      if ((x - hexes[2 * j]!) ** 2 + (y - hexes[2 * j + 1]!) ** 2 < clearHex2) return false;
    }
    for (let j = 0; j < placed; j++) {
      if ((x - heads[2 * j]!) ** 2 + (y - heads[2 * j + 1]!) ** 2 < clearHead2) return false;
    }
    for (let j = 0; j + 1 < others.length; j += 2) {
      if ((x - others[j]!) ** 2 + (y - others[j + 1]!) ** 2 < clearOther2) return false;
    }
    return true;
  };
  for (let i = 0; i < n; i++) {
    const tx = tips[2 * i]!;
    const ty = tips[2 * i + 1]!;
    let hx = tx;
    let hy = ty - PIN_STEM;
    search: for (let ring = 0; ring < 60; ring++) {
      const reach = PIN_STEM + ring * 4;
      for (const angle of PIN_ANGLES) {
        const x = tx + reach * Math.sin(angle);
        const y = ty - reach * Math.cos(angle);
        if (clear(x, y, i)) {
          hx = x;
          hy = y;
          break search;
        }
      }
    }
    heads[2 * i] = hx;
    heads[2 * i + 1] = hy;
  }
  return heads;
}
