/**
 * Arrow-key navigation between hexagons: from one hexagon, the nearest one in the pressed
 * direction, preferring those straight ahead over those off to the side.
 */

export type Direction = 'left' | 'right' | 'up' | 'down';

const ARROWS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** The direction of an arrow key, or undefined for other keys. */
export function arrowDirection(key: string): Direction | undefined {
  return ARROWS[key];
}

/**
 * Index of the best hexagon to move to from `from` in `direction`, or -1 when there is none.
 * `centres` holds screen points interleaved `[x0, y0, …]`. Candidates must lie ahead (more than a
 * pixel along the direction); among them the score `ahead + 2.5 × sideways` picks the one that is
 * both close and in line, which is what people expect on a grid-like cluster.
 */
export function nearestInDirection(
  centres: ArrayLike<number>,
  count: number,
  from: number,
  direction: Direction,
): number {
  if (from < 0 || from >= count) return -1;
  const fx = centres[2 * from]!;
  const fy = centres[2 * from + 1]!;
  let best = -1;
  let bestScore = Infinity;
  for (let i = 0; i < count; i++) {
    if (i === from) continue;
    const dx = centres[2 * i]! - fx;
    const dy = centres[2 * i + 1]! - fy;
    let ahead: number;
    let side: number;
    if (direction === 'right') [ahead, side] = [dx, dy];
    else if (direction === 'left') [ahead, side] = [-dx, dy];
    else if (direction === 'down') [ahead, side] = [dy, dx];
    else [ahead, side] = [-dy, dx];
    if (!(ahead > 1)) continue;
    const score = ahead + 2.5 * Math.abs(side);
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
