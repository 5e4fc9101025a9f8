import { describe, expect, it } from 'vitest';
import { REGIONS } from '../engine';
import {
  baseHexRadius,
  HEX_GAP,
  hexRadiusAt,
  layoutHexes,
  minimumSpacing,
  PIN_HEAD_RADIUS,
  PIN_STEM,
  placePinHeads,
  separateCircles,
} from './hexLayout';
import { fitBaseMap } from './projection';

/** The real regions' true points at zoom `k`, in zoomed pixels, for a canvas of the given size. */
function truePoints(width: number, height: number, k: number): Float64Array {
  const map = fitBaseMap(width, height);
  const out = new Float64Array(REGIONS.length * 2);
  REGIONS.forEach((region, i) => {
    const p = map.projection([region.lonLat.lon, region.lonLat.lat])!;
    out[2 * i] = p[0] * k;
    out[2 * i + 1] = p[1] * k;
  });
  return out;
}

function meanDisplacement(truth: Float64Array, placed: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < truth.length; i += 2) {
    sum += Math.hypot(placed[i]! - truth[i]!, placed[i + 1]! - truth[i + 1]!);
  }
  return sum / (truth.length / 2);
}

const CANVASES: ReadonlyArray<readonly [number, number]> = [
  [640, 400],
  [860, 520],
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
];

describe('hexagon layout', () => {
  it.each(CANVASES)('leaves no two hexagons overlapping at 1x on a %ix%i canvas', (width, height) => {
    const radius = baseHexRadius(width, height);
    const placed = layoutHexes(truePoints(width, height, 1), radius);
    expect(minimumSpacing(placed)).toBeGreaterThanOrEqual(2 * radius + HEX_GAP - 1e-6);
  });

  it.each([1, 1.5, 2, 3, 4, 6, 8])('leaves no two hexagons overlapping at %ix on a 1280x720 canvas', (k) => {
    const radius = hexRadiusAt(baseHexRadius(1280, 720), k);
    const placed = layoutHexes(truePoints(1280, 720, k), radius);
    expect(minimumSpacing(placed)).toBeGreaterThanOrEqual(2 * radius);
  });

  it('moves hexagons closer to their true points as the zoom grows', () => {
    const base = baseHexRadius(1280, 720);
    const at = (k: number): number => {
      const truth = truePoints(1280, 720, k);
      return meanDisplacement(truth, layoutHexes(truth, hexRadiusAt(base, k)));
    };
    expect(at(4)).toBeLessThan(at(1));
    expect(at(8)).toBeLessThan(at(2));
  });

  it('is deterministic', () => {
    const truth = truePoints(1280, 720, 1);
    const a = layoutHexes(truth, 13);
    const b = layoutHexes(Float64Array.from(truth), 13);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('keeps isolated regions exactly on their true points', () => {
    const truth = truePoints(1280, 720, 1);
    const placed = layoutHexes(truth, baseHexRadius(1280, 720));
    const i = REGIONS.findIndex((r) => r.name === 'newzealandnorth');
    expect(placed[2 * i]).toBeCloseTo(truth[2 * i]!, 6);
    expect(placed[2 * i + 1]).toBeCloseTo(truth[2 * i + 1]!, 6);
  });

  it('separates items on the very same point (Australia Central and Central 2)', () => {
    const placed = separateCircles([100, 100, 100, 100, 100, 100], { radius: 10, gap: 2 });
    expect(minimumSpacing(placed)).toBeGreaterThanOrEqual(22);
  });

  it('does not modify its input and handles tiny inputs', () => {
    const input = new Float64Array([5, 5, 5, 5]);
    separateCircles(input, { radius: 4, gap: 0 });
    expect(Array.from(input)).toEqual([5, 5, 5, 5]);
    expect(Array.from(separateCircles([1, 2], { radius: 4, gap: 0 }))).toEqual([1, 2]);
    expect(separateCircles([], { radius: 4, gap: 0 })).toHaveLength(0);
  });

  it('moves smoothly with the zoom (no jumps between nearby zoom levels)', () => {
    const base = baseHexRadius(1280, 720);
    const a = layoutHexes(truePoints(1280, 720, 2), hexRadiusAt(base, 2));
    const b = layoutHexes(truePoints(1280, 720, 2.01), hexRadiusAt(base, 2.01));
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]! * (2 / 2.01)));
    expect(worst).toBeLessThan(3);
  });
});

describe('client pins', () => {
  it('lift pin heads off hexagons and off each other', () => {
    const hexes = truePoints(1280, 720, 1);
    const radius = baseHexRadius(1280, 720);
    const placed = layoutHexes(hexes, radius);
    // Three clients standing exactly on regions in crowded Europe, one in the open sea.
    const tips = [placed[28]!, placed[29]!, placed[28]!, placed[29]!, placed[30]!, placed[31]!, 100, 500];
    const heads = placePinHeads(tips, placed, radius);
    expect(minimumSpacing(heads)).toBeGreaterThanOrEqual(2 * PIN_HEAD_RADIUS);
    for (let i = 0; i < heads.length; i += 2) {
      for (let j = 0; j < placed.length; j += 2) {
        const d = Math.hypot(heads[i]! - placed[j]!, heads[i + 1]! - placed[j + 1]!);
        expect(d).toBeGreaterThanOrEqual(radius + PIN_HEAD_RADIUS);
      }
    }
    expect(heads[6]).toBeCloseTo(100, 6);
    expect(heads[7]).toBeCloseTo(500 - PIN_STEM, 6);
  });
});

describe('hexagons near the map edge', () => {
  it('stay inside the area when one is given', () => {
    const area = { x0: 0, y0: 0, x1: 200, y1: 100 };
    const placed = layoutHexes([5, 5, 5, 5, 195, 95], 10, area);
    for (let i = 0; i < placed.length; i += 2) {
      expect(placed[i]).toBeGreaterThanOrEqual(14 - 1e-9);
      expect(placed[i]).toBeLessThanOrEqual(186 + 1e-9);
      expect(placed[i + 1]).toBeGreaterThanOrEqual(14 - 1e-9);
      expect(placed[i + 1]).toBeLessThanOrEqual(86 + 1e-9);
    }
    expect(minimumSpacing(placed)).toBeGreaterThanOrEqual(20);
  });
});
