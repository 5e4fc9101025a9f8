import { describe, expect, it } from 'vitest';
import { hitHexagon, hitTest, insideHexagon } from './hitTest';

describe('hit testing', () => {
  it('knows the inside of a pointy-top hexagon', () => {
    expect(insideHexagon(0, 0, 0, 0, 10)).toBe(true);
    expect(insideHexagon(0, 9.9, 0, 0, 10)).toBe(true); // near the top vertex
    expect(insideHexagon(8.6, 0, 0, 0, 10)).toBe(true); // near a vertical side
    expect(insideHexagon(8.8, 0, 0, 0, 10)).toBe(false);
    expect(insideHexagon(8, 8, 0, 0, 10)).toBe(false); // outside a slanted edge
  });

  it('finds the hexagon under the pointer, or none', () => {
    const centres = [100, 100, 130, 100];
    expect(hitHexagon(centres, 2, 12, 101, 99)).toBe(0);
    expect(hitHexagon(centres, 2, 12, 128, 104)).toBe(1);
    expect(hitHexagon(centres, 2, 12, 300, 300)).toBe(-1);
  });

  it('prefers client pins, which are drawn on top', () => {
    expect(hitTest([100, 100], 1, 12, [102, 98], 1, 7, 101, 99)).toEqual({ kind: 'client', index: 0 });
    expect(hitTest([100, 100], 1, 12, [200, 98], 1, 7, 101, 99)).toEqual({ kind: 'region', index: 0 });
    expect(hitTest([100, 100], 1, 12, [], 0, 7, 10, 10)).toEqual({ kind: 'none' });
  });
});
