import { describe, expect, it } from 'vitest';
import {
  clampView,
  fitBaseMap,
  IDENTITY_VIEW,
  MAX_ZOOM,
  originProjection,
  panBy,
  placeOrigin,
  zoomAround,
} from './projection';

const map = fitBaseMap(1280, 720);

describe('projection and view', () => {
  it('fits the shown band inside the canvas at 1x', () => {
    const { x0, y0, x1, y1 } = map.bounds;
    expect(x0).toBeGreaterThanOrEqual(0);
    expect(y0).toBeGreaterThanOrEqual(0);
    expect(x1).toBeLessThanOrEqual(1280);
    expect(y1).toBeLessThanOrEqual(720);
    expect(Math.max(x1 - x0, y1 - y0)).toBeGreaterThan(1000);
  });

  it('keeps zoom within 1x to 8x', () => {
    expect(clampView({ k: 0.2, x: 0, y: 0 }, map).k).toBe(1);
    expect(clampView({ k: 50, x: 0, y: 0 }, map).k).toBe(MAX_ZOOM);
    expect(clampView({ k: Number.NaN, x: 0, y: 0 }, map)).toEqual(clampView(IDENTITY_VIEW, map));
  });

  it('cannot pan at 1x, and never pans the world off-screen when zoomed', () => {
    expect(panBy(IDENTITY_VIEW, 500, -300, map)).toEqual(clampView(IDENTITY_VIEW, map));
    const zoomed = zoomAround(IDENTITY_VIEW, 4, 640, 360, map);
    for (const [dx, dy] of [
      [1e5, 0],
      [-1e5, 0],
      [0, 1e5],
      [0, -1e5],
    ] as const) {
      const v = panBy(zoomed, dx, dy, map);
      const { x0, y0, x1, y1 } = map.bounds;
      expect(x0 * v.k + v.x).toBeLessThanOrEqual(1e-9);
      expect(x1 * v.k + v.x).toBeGreaterThanOrEqual(1280 - 1e-9);
      expect(y0 * v.k + v.y).toBeLessThanOrEqual(1e-9);
      expect(y1 * v.k + v.y).toBeGreaterThanOrEqual(720 - 1e-9);
    }
  });

  it('zooms around the pointer: the point under it stays put', () => {
    const v = zoomAround(IDENTITY_VIEW, 2, 700, 300, map);
    const base = [(700 - 0) / 1, (300 - 0) / 1];
    expect(base[0]! * v.k + v.x).toBeCloseTo(700, 6);
    expect(base[1]! * v.k + v.y).toBeCloseTo(300, 6);
  });
});

describe('origin projection', () => {
  it('gives every fitted map by scaling and moving, so shapes are projected once', () => {
    const sizes: [number, number][] = [
      [1280, 720],
      [640, 900],
      [3840, 1600],
      [300, 200],
    ];
    for (const [w, h] of sizes) {
      const fitted = fitBaseMap(w, h);
      const scale = 333;
      const origin = originProjection(scale);
      const place = placeOrigin(fitted, scale);
      for (let lon = -180; lon <= 180; lon += 15) {
        for (let lat = -80; lat <= 80; lat += 10) {
          const [ox, oy] = origin([lon, lat])!;
          const [bx, by] = fitted.projection([lon, lat])!;
          expect(ox * place.k + place.x).toBeCloseTo(bx, 6);
          expect(oy * place.k + place.y).toBeCloseTo(by, 6);
        }
      }
    }
  });
});
