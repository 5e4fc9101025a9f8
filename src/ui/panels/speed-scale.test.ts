import { describe, expect, it } from 'vitest';
import {
  formatSpeed,
  MAX_SPEED,
  MIN_SPEED,
  roundSpeed,
  SLIDER_STEPS,
  sliderArrowSpeed,
  sliderToSpeed,
  SPEED_LADDER,
  SPEED_PRESETS,
  speedToSlider,
  stepSpeed,
} from './speed-scale';

describe('speed slider (log scale)', () => {
  it('maps the ends of the slider to 1× and 3600×', () => {
    expect(sliderToSpeed(0)).toBe(MIN_SPEED);
    expect(sliderToSpeed(SLIDER_STEPS)).toBe(MAX_SPEED);
    expect(speedToSlider(MIN_SPEED)).toBe(0);
    expect(speedToSlider(MAX_SPEED)).toBe(SLIDER_STEPS);
  });

  it('is logarithmic: 60× sits at half way, since 60 × 60 = 3600', () => {
    expect(speedToSlider(60)).toBe(SLIDER_STEPS / 2);
    expect(sliderToSpeed(SLIDER_STEPS / 2)).toBe(60);
  });

  it.each(SPEED_PRESETS)('round-trips the preset %d× exactly', (speed) => {
    expect(sliderToSpeed(speedToSlider(speed))).toBe(speed);
  });

  it('is monotonic over every slider position', () => {
    let previous = 0;
    for (let p = 0; p <= SLIDER_STEPS; p++) {
      const s = sliderToSpeed(p);
      expect(s).toBeGreaterThanOrEqual(previous);
      previous = s;
    }
  });

  it('clamps positions and speeds outside the range', () => {
    expect(sliderToSpeed(-50)).toBe(MIN_SPEED);
    expect(sliderToSpeed(SLIDER_STEPS * 2)).toBe(MAX_SPEED);
    expect(speedToSlider(0)).toBe(0);
    expect(speedToSlider(Number.NaN)).toBe(0);
    expect(speedToSlider(1e6)).toBe(SLIDER_STEPS);
  });

  it('rounds to two significant figures', () => {
    expect(roundSpeed(147.3)).toBe(150);
    expect(roundSpeed(1.234)).toBeCloseTo(1.2);
    expect(roundSpeed(3599)).toBe(3600);
  });
});

describe('formatSpeed', () => {
  it.each([
    [1, '1×'],
    [60, '60×'],
    [3600, '3600×'],
    [1.5, '1.5×'],
    [1.2000000000000002, '1.2×'],
  ])('%d → %s', (speed, text) => {
    expect(formatSpeed(speed)).toBe(text);
  });
});

describe('stepSpeed ([ and ])', () => {
  it('moves to the next rung up or down', () => {
    expect(stepSpeed(60, 1)).toBe(120);
    expect(stepSpeed(60, -1)).toBe(30);
    expect(stepSpeed(45, 1)).toBe(60);
    expect(stepSpeed(45, -1)).toBe(30);
  });

  it('stops at the ends', () => {
    expect(stepSpeed(3600, 1)).toBe(3600);
    expect(stepSpeed(1, -1)).toBe(1);
  });
});

describe('speeds above the ladder (the console accepts up to 36000×)', () => {
  it('] never lowers the speed at or above the top rung', () => {
    expect(stepSpeed(36_000, 1)).toBe(36_000);
    expect(stepSpeed(5_000, 1)).toBe(5_000);
    expect(stepSpeed(MAX_SPEED, 1)).toBe(MAX_SPEED);
  });

  it('[ goes down to the top rung', () => {
    expect(stepSpeed(36_000, -1)).toBe(MAX_SPEED);
  });

  it('] never lowers any speed, and [ never raises one', () => {
    for (const speed of [1, 1.5, 45, 3599, 3600, 3601, 36_000]) {
      expect(stepSpeed(speed, 1)).toBeGreaterThanOrEqual(speed);
      expect(stepSpeed(speed, -1)).toBeLessThanOrEqual(speed);
    }
  });
});

describe('arrow keys on the speed slider', () => {
  it('one slider position is too small a step: the rounded speed does not change', () => {
    // Why the arrows are not left to the browser.
    expect(sliderToSpeed(speedToSlider(60) + 1)).toBe(60);
  });

  it.each(SPEED_LADDER.slice(0, -1))('Right and Up move %d× one rung faster', (speed) => {
    const next = SPEED_LADDER[SPEED_LADDER.indexOf(speed) + 1];
    expect(sliderArrowSpeed('ArrowRight', speed)).toBe(next);
    expect(sliderArrowSpeed('ArrowUp', speed)).toBe(next);
  });

  it.each(SPEED_LADDER.slice(1))('Left and Down move %d× one rung slower', (speed) => {
    const previous = SPEED_LADDER[SPEED_LADDER.indexOf(speed) - 1];
    expect(sliderArrowSpeed('ArrowLeft', speed)).toBe(previous);
    expect(sliderArrowSpeed('ArrowDown', speed)).toBe(previous);
  });

  it('a speed between rungs moves to the next rung either way', () => {
    expect(sliderArrowSpeed('ArrowRight', 150)).toBe(300);
    expect(sliderArrowSpeed('ArrowLeft', 150)).toBe(120);
  });

  it('leaves Home, End, PageUp, PageDown and other keys to the slider', () => {
    for (const key of ['Home', 'End', 'PageUp', 'PageDown', 'a', ' '])
      expect(sliderArrowSpeed(key, 60)).toBeUndefined();
  });
});
