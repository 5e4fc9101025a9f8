import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { worldShapesFrom } from './basemap';

describe('world shapes', () => {
  it('reads the shipped world-atlas file into land and borders', () => {
    const topology: unknown = JSON.parse(readFileSync('public/world/countries-110m.json', 'utf8'));
    const shapes = worldShapesFrom(topology);
    expect(shapes.land.type).toBe('FeatureCollection');
    expect(shapes.land.features.length).toBeGreaterThan(0);
    expect(shapes.borders.type).toBe('MultiLineString');
    expect(shapes.borders.coordinates.length).toBeGreaterThan(100);
  });

  it('rejects anything that is not a world topology', () => {
    expect(() => worldShapesFrom({ type: 'FeatureCollection' })).toThrow(/world-atlas/);
    expect(() => worldShapesFrom(null)).toThrow();
  });
});
