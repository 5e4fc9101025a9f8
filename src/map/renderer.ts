/**
 * Draws one frame of the map on a 2D canvas: the cached basemap, leader lines, serving lines,
 * transfer arcs, hexagons with their rings and badges, labels and client pins.
 *
 * The draw loop runs up to 60 times a second with hundreds of transfers, so it allocates nothing
 * per item: positions come from the scene's typed arrays, strokes of one colour are batched into
 * one path, fonts are set once per pass, and anything off-screen is skipped.
 */
import { drawClusters } from './cluster-pins';
import type { Basemap } from './basemap';
import { badge, createHatch, hexPath, house, numberText, progressRing, TAU, warning } from './glyphs';
import { LABEL_SIDE, replicaCondition } from './labels';
import type { MapScene } from './scene';
import { HOME_ICON_WIDTH, PIN_HEAD_RADIUS } from './scene';
import { FONT_FAMILY, throttleColour, type HexPaint, type MapTheme } from './theme';
import { TransferLayer } from './transferLayer';

export const FONTS = {
  replicaLabel: `600 13px ${FONT_FAMILY}`,
  plainLabel: `500 12px ${FONT_FAMILY}`,
  badge: `700 11px ${FONT_FAMILY}`,
  pin: `600 12px ${FONT_FAMILY}`,
} as const;

const NO_DASH: number[] = [];
const EXCLUDED_DASH = [4, 3];
const SERVING_DASH = [5, 4];
const HIGHLIGHT_DASH = [7, 4];

/** Options that vary per frame. */
export interface DrawOptions {
  readonly dpr: number;
  readonly theme: MapTheme;
  /** Wall-clock ms, for the gentle pulse of moving transfer dots. */
  readonly now: number;
  /** Draw highlight rings still, without the expanding pulse (prefers-reduced-motion). */
  readonly reducedMotion?: boolean;
}

/** One expanding pulse around a highlighted region every this many ms. */
export const HIGHLIGHT_PULSE_MS = 1_600;

export class MapRenderer {
  private hatch: CanvasPattern | null = null;
  private hatchTheme: MapTheme | undefined;
  private readonly transfers = new TransferLayer();
  private context: CanvasRenderingContext2D | undefined;
  private readonly measure = (text: string, font: string): number => {
    if (!this.context) return 0;
    this.context.font = font;
    return this.context.measureText(text).width;
  };

  draw(ctx: CanvasRenderingContext2D, scene: MapScene, basemap: Basemap, options: DrawOptions): void {
    const { dpr, theme } = options;
    scene.update();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    basemap.blit(ctx, scene.map, scene.view, dpr, theme);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    this.context = ctx;
    scene.updateLabels(this.measure, FONTS.replicaLabel, FONTS.plainLabel, FONTS.pin);

    this.drawLeaders(ctx, scene, theme);
    this.drawServingLines(ctx, scene, theme);
    const transferCount = this.transfers.resolve(scene);
    this.transfers.draw(ctx, scene, theme, transferCount, false, options.now);
    // Dots go under the hexagons too: at either end of a route they would hide the tag count.
    this.transfers.draw(ctx, scene, theme, transferCount, true, options.now);
    this.drawHexagons(ctx, scene, theme);
    this.drawHighlights(ctx, scene, theme, options);
    this.drawOutlines(ctx, scene, theme);
    this.drawHexagonText(ctx, scene, theme);
    this.drawLabels(ctx, scene, theme);
    this.drawPins(ctx, scene, theme);
    drawClusters(ctx, scene, theme, scene.clusters, FONTS.pin);
  }

  private visible(scene: MapScene, x: number, y: number, margin: number): boolean {
    return x > -margin && y > -margin && x < scene.map.width + margin && y < scene.map.height + margin;
  }

  private drawLeaders(ctx: CanvasRenderingContext2D, scene: MapScene, theme: MapTheme): void {
    const { centres, truePoints, radius } = scene;
    ctx.beginPath();
    let any = false;
    for (let i = 0; i < scene.count; i++) {
      const tx = truePoints[2 * i]!;
      const ty = truePoints[2 * i + 1]!;
      const cx = centres[2 * i]!;
      const cy = centres[2 * i + 1]!;
      const d = Math.hypot(cx - tx, cy - ty);
      // Only when the true point is outside the hexagon; otherwise the line would be hidden.
      if (d <= radius || !this.visible(scene, tx, ty, 40)) continue;
      ctx.moveTo(tx, ty);
      ctx.lineTo(cx, cy);
      ctx.moveTo(tx + 2, ty);
      ctx.arc(tx, ty, 2, 0, TAU);
      any = true;
    }
    if (!any) return;
    ctx.strokeStyle = theme.leader;
    ctx.lineWidth = 1;
    ctx.stroke();
  }

  private drawServingLines(ctx: CanvasRenderingContext2D, scene: MapScene, theme: MapTheme): void {
    const heads = scene.pinHeads;
    ctx.beginPath();
    let any = false;
    for (let c = 0; c < scene.clients.length; c++) {
      const target = scene.indexOf(scene.clients[c]!.servedBy);
      if (target < 0) continue;
      ctx.moveTo(heads[2 * c]!, heads[2 * c + 1]!);
      ctx.lineTo(scene.centres[2 * target]!, scene.centres[2 * target + 1]!);
      any = true;
    }
    if (!any) return;
    ctx.setLineDash(SERVING_DASH);
    ctx.strokeStyle = theme.servingLine;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.setLineDash(NO_DASH);
  }

  private hatchPattern(ctx: CanvasRenderingContext2D, theme: MapTheme): CanvasPattern | null {
    if (this.hatchTheme !== theme) {
      this.hatch = createHatch(ctx, theme);
      this.hatchTheme = theme;
    }
    return this.hatch;
  }

  private drawHexagons(ctx: CanvasRenderingContext2D, scene: MapScene, theme: MapTheme): void {
    const r = scene.radius;
    for (let i = 0; i < scene.count; i++) {
      const x = scene.centres[2 * i]!;
      const y = scene.centres[2 * i + 1]!;
      if (!this.visible(scene, x, y, r + 12)) continue;
      const state = scene.states[i];
      const replica = state?.replica;
      if (!state || !replica) {
        const restricted = state ? state.mark === 'unavailable' : scene.regions[i]!.accessRestricted;
        const paint = restricted ? theme.unavailable : theme.available;
        ctx.beginPath();
        hexPath(ctx, x, y, r);
        ctx.fillStyle = paint.fill;
        ctx.fill();
        ctx.strokeStyle = state?.regionOutage ? theme.outage.fill : paint.stroke;
        ctx.lineWidth = state?.regionOutage ? 2 : 1.25;
        ctx.stroke();
        continue;
      }
      const paint = this.replicaPaint(state.mark === 'home', replicaCondition(state), theme);
      const look = replica.look;
      ctx.globalAlpha = look === 'deleting' ? 0.4 : 1;
      ctx.beginPath();
      hexPath(ctx, x, y, r);
      ctx.fillStyle = paint.fill;
      if (look === 'creating') ctx.globalAlpha = 0.35;
      else if (look === 'syncing') ctx.globalAlpha = 0.65;
      ctx.fill();
      if (look === 'creating') {
        const hatch = this.hatchPattern(ctx, theme);
        if (hatch) {
          ctx.globalAlpha = 1;
          ctx.fillStyle = hatch;
          ctx.fill();
        }
      }
      ctx.globalAlpha = look === 'deleting' ? 0.5 : 1;
      if (!replica.routingEnabled) {
        ctx.setLineDash(EXCLUDED_DASH);
        ctx.strokeStyle = theme.excluded;
        ctx.lineWidth = 2;
        ctx.stroke();
        ctx.setLineDash(NO_DASH);
      } else {
        ctx.strokeStyle = paint.stroke;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
      if (look === 'creating' || look === 'syncing') {
        progressRing(
          ctx,
          x,
          y,
          r + 4,
          replica.progress,
          look === 'creating' ? theme.creatingRing : theme.syncingRing,
          theme,
        );
      }
      if (replica.throttle !== undefined && replica.throttle > 0) {
        // Reads in the last minute against the read budget: a full circle is the budget.
        // Outside the progress ring while busy, and outside the selection ring when selected.
        const busy = look === 'creating' || look === 'syncing';
        const f = replica.throttle;
        const gap = i === scene.selected ? 10 : busy ? 8 : 4;
        progressRing(ctx, x, y, r + gap, f, throttleColour(theme, f), theme);
      }
    }
  }

  private replicaPaint(home: boolean, condition: string, theme: MapTheme): HexPaint {
    if (condition === 'outage') return theme.outage;
    if (condition === 'recovering') return theme.degraded;
    return home ? theme.home : theme.replica;
  }

  /** Inside each replica: its tag count, a warning sign, or a cross; then badges. */
  private drawHexagonText(ctx: CanvasRenderingContext2D, scene: MapScene, theme: MapTheme): void {
    const r = scene.radius;
    const size = Math.max(11, Math.round(r * 0.8));
    ctx.font = `700 ${size}px ${FONT_FAMILY}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < scene.count; i++) {
      const state = scene.states[i];
      const replica = state?.replica;
      const x = scene.centres[2 * i]!;
      const y = scene.centres[2 * i + 1]!;
      if (!state || !this.visible(scene, x, y, r + 12)) continue;
      if (!replica) {
        if (state.regionOutage) warning(ctx, x, y, r * 0.55, theme.outage.fill, theme.outage.text);
        continue;
      }
      const condition = replicaCondition(state);
      const paint = this.replicaPaint(state.mark === 'home', condition, theme);
      if (replica.look === 'deleting') {
        const a = r * 0.42;
        ctx.beginPath();
        ctx.moveTo(x - a, y - a);
        ctx.lineTo(x + a, y + a);
        ctx.moveTo(x + a, y - a);
        ctx.lineTo(x - a, y + a);
        ctx.strokeStyle = theme.label;
        ctx.lineWidth = 2.5;
        ctx.stroke();
      } else if (condition !== 'healthy') {
        warning(ctx, x, y, r * 0.62, paint.text, paint.fill);
      } else if (replica.look !== 'creating') {
        ctx.fillStyle = paint.text;
        ctx.fillText(numberText(replica.tagCount), x, y + 0.5);
      }
    }
    // Badges: pending replication jobs (top right).
    ctx.font = FONTS.badge;
    for (let i = 0; i < scene.count; i++) {
      const state = scene.states[i];
      const x = scene.centres[2 * i]!;
      const y = scene.centres[2 * i + 1]!;
      if (!state?.replica || !this.visible(scene, x, y, r + 12)) continue;
      if (state.replica.pendingJobs > 0) {
        badge(ctx, x + r * 0.85, y - r * 0.8, numberText(state.replica.pendingJobs), theme.pendingBadge);
      }
    }
  }

  /**
   * Regions a scenario step is about: a steady ring outside everything else drawn around the
   * hexagon, and a ring that grows and fades out, so the room's eyes find them.
   */
  private drawHighlights(
    ctx: CanvasRenderingContext2D,
    scene: MapScene,
    theme: MapTheme,
    options: DrawOptions,
  ): void {
    const list = scene.highlighted;
    if (list.length === 0) return;
    const r = scene.radius;
    const phase = options.reducedMotion ? 0 : (options.now % HIGHLIGHT_PULSE_MS) / HIGHLIGHT_PULSE_MS;
    const base = r + 13;
    ctx.strokeStyle = theme.highlight;
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 1 && options.reducedMotion) break;
      ctx.beginPath();
      for (let k = 0; k < list.length; k++) {
        const i = list[k]!;
        const x = scene.centres[2 * i]!;
        const y = scene.centres[2 * i + 1]!;
        if (!this.visible(scene, x, y, base + 2 * r)) continue;
        const grow = pass === 0 ? 0 : phase * r * 1.1;
        ctx.moveTo(x + base + grow, y);
        ctx.arc(x, y, base + grow, 0, TAU);
      }
      if (pass === 0) {
        ctx.globalAlpha = 1;
        ctx.lineWidth = 3;
        ctx.setLineDash(HIGHLIGHT_DASH);
      } else {
        ctx.globalAlpha = 0.85 * (1 - phase);
        ctx.lineWidth = 2.5;
        ctx.setLineDash(NO_DASH);
      }
      ctx.stroke();
    }
    ctx.setLineDash(NO_DASH);
    ctx.globalAlpha = 1;
  }

  /** Hover and selection rings, over neighbouring hexagons (badges stay on top). */
  private drawOutlines(ctx: CanvasRenderingContext2D, scene: MapScene, theme: MapTheme): void {
    const r = scene.radius;
    const ring = (i: number, grow: number, colour: string, width: number): void => {
      if (i < 0) return;
      const state = scene.states[i]?.replica;
      const busy = state?.look === 'creating' || state?.look === 'syncing';
      ctx.beginPath();
      hexPath(ctx, scene.centres[2 * i]!, scene.centres[2 * i + 1]!, r + grow + (busy ? 5 : 0));
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.stroke();
    };
    if (scene.hovered !== scene.selected) ring(scene.hovered, 4, theme.hovered, 1.75);
    if (scene.selected >= 0) {
      ring(scene.selected, 5, theme.background, 6);
      ring(scene.selected, 5, theme.selected, 3);
    }
  }

  private drawLabels(ctx: CanvasRenderingContext2D, scene: MapScene, theme: MapTheme): void {
    const { labels, labelWidth } = scene;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    // Replica labels sit on pills; other regions get plain text with a halo.
    for (let pass = 0; pass < 2; pass++) {
      ctx.font = pass === 0 ? FONTS.plainLabel : FONTS.replicaLabel;
      for (let i = 0; i < scene.count; i++) {
        if (labels.side[i] === LABEL_SIDE.hidden) continue;
        const pill = !!scene.states[i]?.replica || i === scene.selected;
        if (pill !== (pass === 1)) continue;
        const x = labels.x[i]!;
        const y = labels.y[i]!;
        if (!this.visible(scene, x, y, labelWidth[i]!)) continue;
        const text = scene.shortNames[i]!;
        if (pill) {
          ctx.beginPath();
          ctx.roundRect(x, y - 10, labelWidth[i]!, 20, 6);
          ctx.fillStyle = theme.labelPill;
          ctx.fill();
          ctx.strokeStyle = i === scene.selected ? theme.selected : theme.labelPillStroke;
          ctx.lineWidth = 1;
          ctx.stroke();
          let tx = x + 6;
          if (scene.states[i]?.mark === 'home') {
            house(ctx, tx + 6, y, theme.home.fill);
            tx += HOME_ICON_WIDTH;
          }
          ctx.fillStyle = theme.label;
          ctx.fillText(text, tx, y + 0.5);
        } else {
          ctx.strokeStyle = theme.labelHalo;
          ctx.lineWidth = 3.5;
          ctx.strokeText(text, x + 6, y + 0.5);
          ctx.fillStyle = theme.labelMuted;
          ctx.fillText(text, x + 6, y + 0.5);
        }
      }
    }
  }

  private drawPins(ctx: CanvasRenderingContext2D, scene: MapScene, theme: MapTheme): void {
    const { pinTips, pinHeads, clients } = scene;
    ctx.font = FONTS.pin;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < clients.length; i++) {
      const client = clients[i]!;
      const tx = pinTips[2 * i]!;
      const ty = pinTips[2 * i + 1]!;
      const hx = pinHeads[2 * i]!;
      const hy = pinHeads[2 * i + 1]!;
      if (!this.visible(scene, hx, hy, 80)) continue;
      const paint = client.current ? theme.pinCurrent : theme.pin;
      const hr = PIN_HEAD_RADIUS + (client.current ? 1 : 0);
      ctx.beginPath();
      ctx.moveTo(tx, ty);
      ctx.lineTo(hx, hy);
      ctx.strokeStyle = paint.stroke;
      ctx.lineWidth = 4;
      ctx.stroke();
      ctx.strokeStyle = paint.fill;
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(hx, hy, hr, 0, TAU);
      ctx.fillStyle = paint.fill;
      ctx.fill();
      ctx.strokeStyle = i === scene.hoveredClient ? theme.hovered : paint.stroke;
      ctx.lineWidth = i === scene.hoveredClient ? 2.5 : 2;
      ctx.stroke();
      // A monitor glyph: this is a machine, not a region.
      ctx.fillStyle = paint.stroke;
      ctx.fillRect(hx - 3.5, hy - 3, 7, 4.5);
      ctx.fillRect(hx - 1, hy + 1.5, 2, 2);
      const lx = scene.pinLabelX[i]!;
      const ly = scene.pinLabelY[i]!;
      ctx.strokeStyle = theme.labelHalo;
      ctx.lineWidth = 4;
      ctx.strokeText(client.name, lx, ly);
      ctx.fillStyle = paint.text;
      ctx.fillText(client.name, lx, ly);
    }
  }
}
