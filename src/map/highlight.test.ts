import { describe, expect, it } from 'vitest';
import { REGIONS } from '../engine';
import { toRegionInfo } from '../protocol/messages';
import { HIGHLIGHT_PULSE_MS } from './renderer';
import { MapScene } from './scene';

describe('scenario highlights in the map scene', () => {
  it('keeps the highlighted regions as sorted indices, ignoring unknown names and duplicates', () => {
    const scene = new MapScene(REGIONS.map(toRegionInfo));
    expect(scene.setHighlighted(['westeurope', 'eastus', 'nowhere', 'eastus'])).toBe(true);
    const expected = [scene.indexOf('eastus'), scene.indexOf('westeurope')].sort((a, b) => a - b);
    expect([...scene.highlighted]).toEqual(expected);
    // The same set again is no change (no redraw needed).
    expect(scene.setHighlighted(['eastus', 'westeurope'])).toBe(false);
    expect(scene.setHighlighted([])).toBe(true);
    expect(scene.highlighted).toHaveLength(0);
  });

  it('pulses slowly enough to read', () => {
    expect(HIGHLIGHT_PULSE_MS).toBeGreaterThanOrEqual(1_000);
  });
});
