/**
 * The speed control's scale. Speeds span more than three orders of magnitude (1× to 3600×), so
 * the slider moves along log10(speed): each equal slide multiplies the speed by the same factor,
 * and 1×, 60× and 3600× sit at comfortable, distinct positions instead of 1× and 60× sharing the
 * slider's first few pixels.
 */

export const MIN_SPEED = 1;
export const MAX_SPEED = 3600;
/** Slider positions run 0..SLIDER_STEPS; enough for fine control, few enough for arrow keys. */
export const SLIDER_STEPS = 1000;
/** Buttons for the speeds trainers use most: real time, a minute per second, ten, an hour. */
export const SPEED_PRESETS = [1, 60, 600, 3600] as const;
/** The ladder `[` and `]` step along. */
export const SPEED_LADDER = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600] as const;

const LOG_RANGE = Math.log10(MAX_SPEED / MIN_SPEED);

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return MIN_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** Slider position (0..SLIDER_STEPS) for a speed. */
export function speedToSlider(speed: number): number {
  const fraction = Math.log10(clampSpeed(speed) / MIN_SPEED) / LOG_RANGE;
  return Math.round(fraction * SLIDER_STEPS);
}

/**
 * Speed for a slider position, rounded to two significant figures so the label reads `150×`
 * rather than `147.3×`, and so the presets are reachable exactly.
 */
export function sliderToSpeed(position: number): number {
  const fraction = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  return roundSpeed(MIN_SPEED * 10 ** (fraction * LOG_RANGE));
}

/** Two significant figures, kept inside the allowed range. */
export function roundSpeed(speed: number): number {
  const clamped = clampSpeed(speed);
  const magnitude = 10 ** (Math.floor(Math.log10(clamped)) - 1);
  return clampSpeed(Math.round(clamped / magnitude) * magnitude);
}

/** `60×`, `1.5×`, `3600×`. */
export function formatSpeed(speed: number): string {
  const rounded = Math.round(speed * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}×`;
}

/**
 * The next rung of {@link SPEED_LADDER} above (`direction` 1) or below (-1) the current speed.
 * The console accepts speeds above the top rung (`sim speed 36000`): stepping up from there keeps
 * the speed, and stepping down goes to the top rung.
 */
export function stepSpeed(speed: number, direction: 1 | -1): number {
  if (direction > 0) return SPEED_LADDER.find((s) => s > speed) ?? Math.max(speed, MAX_SPEED);
  return [...SPEED_LADDER].reverse().find((s) => s < speed) ?? MIN_SPEED;
}

/**
 * The speed an arrow key on the speed slider moves to: one rung of the ladder, as `[` and `]` do.
 * One slider position is too small a step (the rounded speed would not change), so the arrows
 * are handled here rather than by the browser. Other keys (Home, End, PageUp, PageDown) are left
 * to the slider: `undefined`.
 */
export function sliderArrowSpeed(key: string, speed: number): number | undefined {
  if (key === 'ArrowRight' || key === 'ArrowUp') return stepSpeed(speed, 1);
  if (key === 'ArrowLeft' || key === 'ArrowDown') return stepSpeed(speed, -1);
  return undefined;
}
