import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, greatCircleKm, oneWayLatencyMs, transferMs } from './geo';
import { findRegion } from './regions';
import type { LonLat } from './types';

function at(name: string): LonLat {
  const r = findRegion(name);
  if (!r) throw new Error(`no region ${name}`);
  return r.lonLat;
}

const lonLat = fc.record({
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
});

describe('greatCircleKm', () => {
  it('eastus to westeurope is about 6,480 km', () => {
    // The catalogue puts eastus in southern Virginia (37.37N, 79.82W) and westeurope in
    // Amsterdam (52.37N, 4.90E); an independent haversine gives 6,483.37 km for these points.
    const km = greatCircleKm(at('eastus'), at('westeurope'));
    expect(km).toBeCloseTo(6483.37, 1);
    expect(km).toBeGreaterThan(6400);
    expect(km).toBeLessThan(7000);
  });

  it('matches known distances', () => {
    // London to Paris, roughly 344 km.
    expect(greatCircleKm({ lon: -0.1276, lat: 51.5072 }, { lon: 2.3522, lat: 48.8566 })).toBeCloseTo(344, -1);
    // A quarter of the equator.
    expect(greatCircleKm({ lon: 0, lat: 0 }, { lon: 90, lat: 0 })).toBeCloseTo(
      (Math.PI / 2) * EARTH_RADIUS_KM,
      6,
    );
    // Antipodes: half the circumference, not NaN.
    expect(greatCircleKm({ lon: 0, lat: 0 }, { lon: 180, lat: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    expect(greatCircleKm({ lon: 10, lat: 90 }, { lon: -170, lat: -90 })).toBeCloseTo(
      Math.PI * EARTH_RADIUS_KM,
      6,
    );
  });

  it('is zero from a point to itself', () => {
    fc.assert(
      fc.property(lonLat, (p) => {
        expect(greatCircleKm(p, p)).toBe(0);
      }),
    );
  });

  it('is symmetric (property)', () => {
    fc.assert(
      fc.property(lonLat, lonLat, (a, b) => {
        expect(greatCircleKm(a, b)).toBe(greatCircleKm(b, a));
      }),
    );
  });

  it('lies between 0 and half the circumference (property)', () => {
    fc.assert(
      fc.property(lonLat, lonLat, (a, b) => {
        const km = greatCircleKm(a, b);
        expect(km).toBeGreaterThanOrEqual(0);
        expect(km).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 1e-6);
      }),
    );
  });

  it('obeys the triangle inequality (property)', () => {
    fc.assert(
      fc.property(lonLat, lonLat, lonLat, (a, b, c) => {
        expect(greatCircleKm(a, c)).toBeLessThanOrEqual(greatCircleKm(a, b) + greatCircleKm(b, c) + 1e-3); // 1 m: haversine loses precision near antipodes
      }),
    );
  });
});

describe('SPEC 2.2 latency model', () => {
  const defaults = { latencyBase: 2, latencyPerKm: 0.0075 };

  it('is 2 ms + 0.0075 ms per great-circle km by default', () => {
    const a = at('eastus');
    const b = at('westeurope');
    expect(oneWayLatencyMs(a, b, defaults)).toBeCloseTo(2 + 0.0075 * greatCircleKm(a, b), 9);
    // About 50-55 ms one way across the Atlantic.
    expect(oneWayLatencyMs(a, b, defaults)).toBeGreaterThan(50);
    expect(oneWayLatencyMs(a, b, defaults)).toBeLessThan(55);
  });

  it('is the base latency alone within one place', () => {
    expect(oneWayLatencyMs(at('eastus'), at('eastus'), defaults)).toBe(2);
    expect(oneWayLatencyMs(at('eastus'), at('eastus'), { latencyBase: 7, latencyPerKm: 1 })).toBe(7);
  });

  it('follows the configured settings', () => {
    const a = { lon: 0, lat: 0 };
    const b = { lon: 90, lat: 0 };
    const km = greatCircleKm(a, b);
    expect(oneWayLatencyMs(a, b, { latencyBase: 0, latencyPerKm: 0.01 })).toBeCloseTo(km * 0.01, 9);
  });

  it('is symmetric and never below the base (property)', () => {
    fc.assert(
      fc.property(lonLat, lonLat, (a, b) => {
        expect(oneWayLatencyMs(a, b, defaults)).toBe(oneWayLatencyMs(b, a, defaults));
        expect(oneWayLatencyMs(a, b, defaults)).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe('SPEC 2.2 transfer time', () => {
  it('100 MB at 100 Mbit/s takes 8 s', () => {
    expect(transferMs(100e6, 100e6)).toBe(8000);
  });

  it('1 GB at 200 Mbit/s takes 40 s', () => {
    expect(transferMs(1e9, 200e6)).toBe(40_000);
  });

  it('handles edge values without throwing', () => {
    expect(transferMs(0, 100e6)).toBe(0);
    expect(transferMs(-5, 100e6)).toBe(0);
    expect(transferMs(NaN, 100e6)).toBe(0);
    expect(transferMs(1000, 0)).toBe(Infinity);
    expect(transferMs(1000, -1)).toBe(Infinity);
    expect(transferMs(1000, NaN)).toBe(Infinity);
  });

  it('grows with size and shrinks with bandwidth (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1, max: 1e12 }),
        (bytes, extra, bps) => {
          expect(transferMs(bytes + extra, bps)).toBeGreaterThan(transferMs(bytes, bps));
          expect(transferMs(bytes, bps * 2)).toBeLessThan(transferMs(bytes, bps));
        },
      ),
    );
  });
});
