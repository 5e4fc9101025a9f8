/**
 * Runs the map outside React: merges engine frames into the scene, draws on animation frames
 * only when something changed (or transfers are moving), and keeps the accessible overlay and
 * the tooltip in step. MapView owns one in a ref, as xyflow's components hold their pan-zoom.
 */
import { Basemap, loadWorldShapes } from '../../map/basemap';
import { hitTest, type MapHit, NO_HIT } from '../../map/hitTest';
import { regionTooltip } from '../../map/labels';
import { IDENTITY_VIEW, zoomAround, type ViewTransform } from '../../map/projection';
import { MapRenderer } from '../../map/renderer';
import { MapScene, PIN_HEAD_RADIUS } from '../../map/scene';
import { MAP_THEMES, type MapThemeName } from '../../map/theme';
import { TRANSFER_STRIDE, type MapFrame } from '../../protocol/frame';
import type { RegionInfo } from '../../protocol/messages';
import { attachPanZoom } from './panZoomInput';
import { RegionOverlay } from './RegionOverlay';
import { TooltipWriter } from './TooltipWriter';

export interface MapElements {
  /** The element that receives wheel, drag and pointer input: it holds the canvas and the overlay. */
  readonly surface: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  /** The `role="group"` element holding one `button[data-index]` per region. */
  readonly overlay: HTMLElement;
  readonly tooltip: HTMLElement;
}

export interface MapControllerOptions {
  /** URL of `countries-110m.json`. */
  readonly worldUrl: string;
  /** A hexagon was clicked or activated from the keyboard. */
  readonly onSelect: (region: string) => void;
}

const ANIMATION_MS = 220;
/**
 * Above this many transfers in flight the map redraws at most every BUSY_FRAME_MS: rasterising
 * hundreds of arcs in software dominates the main thread, and arcs that move a pixel or two per
 * frame look the same at 30 frames per second.
 */
const BUSY_TRANSFERS = 100;
const BUSY_FRAME_MS = 30;
/** While only the highlight pulse moves, the map redraws at most every PULSE_FRAME_MS. */
const PULSE_FRAME_MS = 33;
/** Marked once per page, on the first draw with country shapes (the UI benchmark reads it). */
const FIRST_DRAW_MARK = 'map:first-draw';
let firstDrawMarked = false;

export class MapController {
  readonly scene: MapScene;
  private readonly renderer = new MapRenderer();
  private readonly basemap = new Basemap();
  private readonly overlay: RegionOverlay;
  private readonly tooltip: TooltipWriter;
  private tooltipSuppressed = false;
  private readonly context: CanvasRenderingContext2D | null;
  private theme = MAP_THEMES.dark;
  private dpr = 1;
  private raf = 0;
  private lastDrawAt = 0;
  private hover: MapHit = NO_HIT;
  private focused = -1;
  private transferCount = 0;
  private readonly reducedMotion =
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  private animation: { from: ViewTransform; to: ViewTransform; start: number } | undefined;
  private readonly detachers: (() => void)[] = [];
  /** Called after every draw with its duration in ms (the dev page's benchmark listens). */
  onDrawn: ((ms: number) => void) | undefined;

  constructor(
    regions: readonly RegionInfo[],
    private readonly elements: MapElements,
    private readonly options: MapControllerOptions,
  ) {
    this.scene = new MapScene(regions);
    this.overlay = new RegionOverlay(elements.overlay, this.scene);
    this.tooltip = new TooltipWriter(elements.tooltip);
    this.context = elements.canvas.getContext('2d', { alpha: false });
  }

  /** Starts listening to input and loading the country shapes. */
  attach(): void {
    const { surface, overlay } = this.elements;
    this.detachers.push(
      attachPanZoom(surface, {
        view: () => this.scene.view,
        map: () => this.scene.map,
        setView: (view) => this.setView(view),
        hover: (x, y) => this.setHover(this.hitAt(x, y)),
        leave: () => this.setHover(NO_HIT),
        click: (target, x, y) => this.click(target, x, y),
      }),
    );
    const onKey = (event: KeyboardEvent): void => this.key(event);
    const onFocusIn = (event: FocusEvent): void => {
      const index = this.overlay.indexOf(event.target);
      this.overlay.setTabStop(index);
      // Only keyboard focus shows a tooltip and pans; a click focuses the button too.
      const keyboard = event.target instanceof Element && event.target.matches(':focus-visible');
      this.focusChanged(keyboard ? index : -1);
    };
    const onFocusOut = (event: FocusEvent): void => {
      if (!overlay.contains(event.relatedTarget as Node | null)) this.focusChanged(-1);
    };
    overlay.addEventListener('keydown', onKey);
    overlay.addEventListener('focusin', onFocusIn);
    overlay.addEventListener('focusout', onFocusOut);
    this.detachers.push(() => {
      overlay.removeEventListener('keydown', onKey);
      overlay.removeEventListener('focusin', onFocusIn);
      overlay.removeEventListener('focusout', onFocusOut);
    });
    let live = true;
    this.detachers.push(() => (live = false));
    loadWorldShapes(this.options.worldUrl)
      .then((shapes) => {
        if (!live) return;
        this.basemap.setShapes(shapes);
        this.requestDraw();
      })
      .catch((error: unknown) =>
        console.warn('The world map could not be loaded; drawing regions only.', error),
      );
    this.requestDraw();
  }

  detach(): void {
    for (const detach of this.detachers.splice(0)) detach();
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  applyFrame(frame: MapFrame): void {
    const changes = this.scene.applyFrame(frame);
    // Exposed for tests and debugging: how many transfers the canvas is animating.
    const transfers = Math.floor(frame.transfers.length / TRANSFER_STRIDE);
    if (transfers !== this.transferCount) {
      this.transferCount = transfers;
      this.elements.canvas.dataset.transfers = String(transfers);
    }
    if (changes.regions) {
      this.overlay.updateNames(frame.regions.map((r) => this.scene.indexOf(r.name)));
    }
    this.requestDraw();
  }

  /** Canvas size in CSS pixels, and the device pixel ratio to draw at. */
  resize(width: number, height: number, dpr: number): void {
    const canvas = this.elements.canvas;
    this.dpr = dpr;
    const w = Math.max(1, Math.round(width * dpr));
    const h = Math.max(1, Math.round(height * dpr));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    this.scene.resize(width, height);
    this.draw(performance.now()); // at once, so a resize never shows a stretched frame
  }

  setTheme(name: MapThemeName): void {
    this.theme = MAP_THEMES[name];
    this.requestDraw();
  }

  setSelected(region: string | undefined): void {
    const index = this.scene.indexOf(region);
    this.scene.setSelected(index);
    this.overlay.setPressed(index);
    this.requestDraw();
  }

  /** Rings the regions a scenario step is about (names; an empty list clears the rings). */
  setHighlighted(regions: readonly string[]): void {
    if (!this.scene.setHighlighted(regions)) return;
    this.overlay.setHighlighted(this.scene.highlighted);
    this.elements.overlay.dataset.highlighted = regions.filter((r) => this.scene.indexOf(r) >= 0).join(' ');
    this.requestDraw();
  }

  zoomBy(factor: number): void {
    const { map, view } = this.scene;
    this.animateTo(zoomAround(view, factor, map.width / 2, map.height / 2, map));
  }

  resetView(): void {
    this.animateTo(IDENTITY_VIEW);
  }

  private animateTo(to: ViewTransform): void {
    this.animation = { from: this.scene.view, to, start: performance.now() };
    this.requestDraw();
  }

  private setView(view: ViewTransform): void {
    this.animation = undefined;
    if (this.scene.setView(view)) this.requestDraw();
  }

  private hitAt(x: number, y: number): MapHit {
    const s = this.scene;
    s.update();
    return hitTest(s.centres, s.count, s.radius, s.pinHeads, s.clients.length, PIN_HEAD_RADIUS, x, y);
  }

  private click(target: EventTarget | null, x: number, y: number): void {
    let index = this.overlay.indexOf(target);
    if (index < 0 && (target === this.elements.canvas || target === this.elements.overlay)) {
      const hit = this.hitAt(x, y);
      if (hit.kind === 'region') index = hit.index;
    }
    const region = this.scene.regions[index];
    if (region) this.options.onSelect(region.name);
  }

  private key(event: KeyboardEvent): void {
    const from = this.overlay.indexOf(event.target);
    if (this.overlay.handleArrow(event.key, from)) {
      event.preventDefault();
    } else if (event.key === '+' || event.key === '=') {
      this.zoomBy(1.5);
    } else if (event.key === '-' || event.key === '_') {
      this.zoomBy(1 / 1.5);
    } else if (event.key === '0') {
      this.resetView();
    }
  }

  private focusChanged(index: number): void {
    const hadFocus = this.focused >= 0;
    this.focused = index;
    if (index >= 0) {
      this.scene.update();
      const x = this.scene.centres[2 * index]!;
      const y = this.scene.centres[2 * index + 1]!;
      const { width, height } = this.scene.map;
      const margin = this.scene.radius * 2;
      // Keyboard focus on a hexagon panned out of sight brings it back into view.
      if (x < margin || y < margin || x > width - margin || y > height - margin) {
        const v = this.scene.view;
        this.animateTo({ k: v.k, x: v.x + width / 2 - x, y: v.y + height / 2 - y });
      }
    }
    this.setHover(index >= 0 ? { kind: 'region', index } : hadFocus ? NO_HIT : this.hover);
  }

  private setHover(hit: MapHit): void {
    const prev = this.hover;
    // Keyboard focus keeps its tooltip while the pointer is elsewhere.
    const next =
      hit.kind === 'none' && this.focused >= 0 ? { kind: 'region' as const, index: this.focused } : hit;
    this.hover = next;
    this.scene.hovered = next.kind === 'region' ? next.index : -1;
    this.scene.hoveredClient = next.kind === 'client' ? next.index : -1;
    this.elements.surface.style.cursor = next.kind === 'region' ? 'pointer' : '';
    if (
      prev.kind !== next.kind ||
      (next.kind !== 'none' && prev.kind !== 'none' && prev.index !== next.index)
    ) {
      this.requestDraw();
    }
    this.updateTooltip();
  }

  /**
   * Hides the tooltip while something else speaks for the hexagon (its context menu, which would
   * otherwise open under the tooltip); hover tracking goes on and shows it again afterwards.
   */
  setTooltipSuppressed(suppressed: boolean): void {
    if (this.tooltipSuppressed === suppressed) return;
    this.tooltipSuppressed = suppressed;
    this.updateTooltip();
  }

  private updateTooltip(): void {
    const s = this.scene;
    const hit = this.hover;
    if (this.tooltipSuppressed) {
      this.tooltip.hide();
    } else if (hit.kind === 'region') {
      const info = s.regions[hit.index]!;
      const x = s.centres[2 * hit.index]!;
      const y = s.centres[2 * hit.index + 1]!;
      this.tooltip.show(
        regionTooltip(info, s.states[hit.index]),
        x,
        y,
        s.radius + 6,
        s.map.width,
        s.map.height,
      );
    } else if (hit.kind === 'client') {
      const c = s.clients[hit.index];
      if (!c) return this.tooltip.hide();
      const served = s.regions[s.indexOf(c.servedBy)]?.displayName ?? c.servedBy ?? 'nothing yet';
      const lines = [
        c.current ? 'Client (current prompt)' : 'Client',
        `Served by: ${served}`,
        `DNS: ${c.dns}`,
      ];
      const x = s.pinHeads[2 * hit.index]!;
      const y = s.pinHeads[2 * hit.index + 1]!;
      this.tooltip.show(
        { title: c.name, subtitle: 'docker client', lines },
        x,
        y,
        12,
        s.map.width,
        s.map.height,
      );
    } else {
      this.tooltip.hide();
    }
  }

  private requestDraw(): void {
    if (this.raf === 0) this.raf = requestAnimationFrame(this.onAnimationFrame);
  }

  private readonly onAnimationFrame = (now: number): void => {
    this.raf = 0;
    if (
      !this.animation &&
      this.scene.transfers.length > BUSY_TRANSFERS * TRANSFER_STRIDE &&
      now - this.lastDrawAt < BUSY_FRAME_MS
    ) {
      this.requestDraw();
      return;
    }
    const pulseOnly =
      !this.animation && this.scene.transfers.length === 0 && this.scene.highlighted.length > 0;
    if (pulseOnly && now - this.lastDrawAt < PULSE_FRAME_MS) {
      this.requestDraw();
      return;
    }
    this.lastDrawAt = now;
    if (this.animation) {
      const { from, to, start } = this.animation;
      const t = Math.min(1, (now - start) / ANIMATION_MS);
      const e = 1 - (1 - t) ** 3;
      // Zoom geometrically and move the base point at the canvas centre linearly, so a zoom
      // around the centre stays around the centre all the way.
      const { width, height } = this.scene.map;
      const k = from.k * (to.k / from.k) ** e;
      const fx = (width / 2 - from.x) / from.k;
      const fy = (height / 2 - from.y) / from.k;
      const cx = fx + ((width / 2 - to.x) / to.k - fx) * e;
      const cy = fy + ((height / 2 - to.y) / to.k - fy) * e;
      this.scene.setView({ k, x: width / 2 - cx * k, y: height / 2 - cy * k });
      if (t >= 1) this.animation = undefined;
    }
    this.draw(now);
    const pulsing = this.scene.highlighted.length > 0 && !this.reducedMotion;
    if (this.animation || this.scene.transfers.length > 0 || pulsing) this.requestDraw();
  };

  private draw(now: number): void {
    if (!this.context) return;
    const start = performance.now();
    this.renderer.draw(this.context, this.scene, this.basemap, {
      dpr: this.dpr,
      theme: this.theme,
      now,
      reducedMotion: this.reducedMotion,
    });
    if (!firstDrawMarked && this.basemap.hasShapes) {
      firstDrawMarked = true;
      performance.mark(FIRST_DRAW_MARK);
    }
    this.overlay.place();
    if (this.hover.kind !== 'none') this.updateTooltip();
    this.onDrawn?.(performance.now() - start);
  }
}
