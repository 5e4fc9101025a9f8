/**
 * Small shapes the renderer repeats: the hexagon outline, progress rings, warning signs, count
 * badges, the home house and the hatching of a replica being provisioned. Pure drawing helpers
 * with no state, so the renderer's passes stay short.
 */
import type { HexPaint, MapTheme } from './theme';

export const TAU = Math.PI * 2;

const HEX_COS = new Float64Array(6);
const HEX_SIN = new Float64Array(6);
for (let i = 0; i < 6; i++) {
  const angle = (Math.PI / 3) * i - Math.PI / 2; // pointy top
  HEX_COS[i] = Math.cos(angle);
  HEX_SIN[i] = Math.sin(angle);
}

const numberTexts: string[] = [];
/** `String(n)` without allocating every frame; large counts collapse to `999+`. */
export function numberText(n: number): string {
  const v = Math.max(0, Math.min(1000, Math.floor(n)));
  return (numberTexts[v] ??= v >= 1000 ? '999+' : String(v));
}

/** Adds a pointy-top hexagon with circumradius `r` to the current path. */
export function hexPath(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x + r * HEX_COS[0]!, y + r * HEX_SIN[0]!);
  for (let i = 1; i < 6; i++) ctx.lineTo(x + r * HEX_COS[i]!, y + r * HEX_SIN[i]!);
  ctx.closePath();
}

/** A ring around a hexagon: the faint track, then the part done from twelve o'clock. */
export function progressRing(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  r: number,
  progress: number,
  colour: string,
  theme: MapTheme,
): void {
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, TAU);
  ctx.strokeStyle = theme.progressTrack;
  ctx.stroke();
  const p = Math.max(0, Math.min(1, progress));
  if (p <= 0) return;
  ctx.beginPath();
  ctx.arc(x, y, r, -Math.PI / 2, -Math.PI / 2 + p * TAU);
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** A warning triangle with an exclamation mark. */
export function warning(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  s: number,
  fill: string,
  mark: string,
): void {
  ctx.beginPath();
  ctx.moveTo(x, y - s);
  ctx.lineTo(x + s * 1.05, y + s * 0.75);
  ctx.lineTo(x - s * 1.05, y + s * 0.75);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x, y - s * 0.45);
  ctx.lineTo(x, y + s * 0.2);
  ctx.moveTo(x, y + s * 0.5);
  ctx.lineTo(x, y + s * 0.5);
  ctx.strokeStyle = mark;
  ctx.lineWidth = Math.max(1.5, s * 0.22);
  ctx.stroke();
}

export function badge(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  text: string,
  paint: HexPaint,
): void {
  const w = Math.max(16, ctx.measureText(text).width + 8);
  ctx.beginPath();
  ctx.roundRect(x - w / 2, y - 8, w, 16, 8);
  ctx.fillStyle = paint.fill;
  ctx.fill();
  ctx.strokeStyle = paint.stroke;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.fillStyle = paint.text;
  ctx.fillText(text, x, y + 0.5);
}

/** A little house: the registry's home region. */
export function house(ctx: CanvasRenderingContext2D, x: number, y: number, colour: string): void {
  ctx.beginPath();
  ctx.moveTo(x, y - 6);
  ctx.lineTo(x + 6, y - 0.5);
  ctx.lineTo(x + 4.2, y - 0.5);
  ctx.lineTo(x + 4.2, y + 5);
  ctx.lineTo(x - 4.2, y + 5);
  ctx.lineTo(x - 4.2, y - 0.5);
  ctx.lineTo(x - 6, y - 0.5);
  ctx.closePath();
  ctx.fillStyle = colour;
  ctx.fill();
}

/** A diagonal-line pattern for hexagons still being provisioned (one 6×6 tile). */
export function createHatch(ctx: CanvasRenderingContext2D, theme: MapTheme): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const t = tile.getContext('2d');
  if (t) {
    t.strokeStyle = theme.hatch;
    t.lineWidth = 1.5;
    t.beginPath();
    t.moveTo(-1, 7);
    t.lineTo(7, -1);
    t.moveTo(-1, 1);
    t.lineTo(1, -1);
    t.moveTo(5, 7);
    t.lineTo(7, 5);
    t.stroke();
  }
  return ctx.createPattern(tile, 'repeat');
}
