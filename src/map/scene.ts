/**
 * Everything the renderer needs, kept in flat typed arrays indexed by region (in the order of
 * the engine's region list) so a frame draws without allocating. The scene merges incoming map
 * frames (regions arrive only when they change), and recomputes geometry lazily: the hexagon
 * layout when the zoom or canvas size changes, screen positions when the view moves, labels when
 * any of those or the region marks change.
 */
import type { ClientState, ClusterState, MapFrame, RegionState } from '../protocol/frame';
import type { RegionInfo } from '../protocol/messages';
import { CLUSTER_RADIUS, podSummary } from './cluster-pins';
import { baseHexRadius, hexRadiusAt, layoutHexes, PIN_HEAD_RADIUS, placePinHeads } from './hexLayout';
import { createLabelPlacement, placeLabels, shortName, type LabelPlacement } from './labels';
import {
  clampView,
  fitBaseMap,
  IDENTITY_VIEW,
  projectInto,
  type BaseMap,
  type ViewTransform,
} from './projection';

/** Zoom from which every region gets a label, not only replicas. */
export const LABEL_ALL_ZOOM = 1.9;
/** Client pin geometry, CSS pixels. */
export { PIN_HEAD_RADIUS };

/** Room for the house drawn before the home region's label. */
export const HOME_ICON_WIDTH = 16;

/** A number key for a lon/lat pair, so transfer endpoints find their region without strings. */
export function lonLatKey(lon: number, lat: number): number {
  return Math.round(lon * 1e4) * 4e6 + Math.round(lat * 1e4);
}

/** What changed in {@link MapScene.applyFrame}, so the host knows what to refresh. */
export interface FrameChanges {
  readonly regions: boolean;
  readonly clients: boolean;
}

export class MapScene {
  readonly regions: readonly RegionInfo[];
  readonly count: number;
  /** Latest state per region; undefined until the first frame names it. */
  readonly states: (RegionState | undefined)[];
  /** Short map label per region. */
  readonly shortNames: readonly string[];
  private readonly indexByName = new Map<string, number>();
  private readonly indexByLonLat = new Map<number, number>();

  clients: readonly ClientState[] = [];
  /** Kubernetes clusters, drawn as heptagon pins (see cluster-pins.ts). */
  clusters: readonly ClusterState[] = [];
  transfers: Float64Array = new Float64Array(0);

  map: BaseMap = fitBaseMap(1, 1);
  view: ViewTransform = IDENTITY_VIEW;
  /** Hexagon circumradius at the current zoom. */
  radius = 10;

  /** True points of regions in base pixels. */
  private readonly base: Float64Array;
  /** True points at the current zoom, before pan (layout space). */
  private readonly zoomedTruth: Float64Array;
  /** Hexagon centres in layout space (zoomed pixels, before pan). */
  private layout: Float64Array;
  /** Hexagon centres on screen. */
  readonly centres: Float64Array;
  /** True region points on screen (where leader lines end). */
  readonly truePoints: Float64Array;

  /** Client pin tips (true location) and heads (drawn, nudged apart), on screen. */
  pinTips = new Float64Array(0);
  pinHeads = new Float64Array(0);
  /** Left edge and vertical middle of each client's name. */
  pinLabelX = new Float64Array(0);
  pinLabelY = new Float64Array(0);
  /** Cluster pin tips and heads on screen (heads clear of hexagons and client pins). */
  clusterTips = new Float64Array(0);
  clusterHeads = new Float64Array(0);
  /** Left edge and vertical middle of each cluster's two-line label (name over pod summary). */
  clusterLabelX = new Float64Array(0);
  clusterLabelY = new Float64Array(0);
  private readonly clientIndexByLonLat = new Map<number, number>();

  readonly labels: LabelPlacement;
  /** Measured label widths per region, keyed by font, so text is measured once. */
  private readonly labelWidths = new Map<string, Float64Array>();
  readonly labelWidth: Float64Array;

  selected = -1;
  hovered = -1;
  /** Regions a guided scenario step is about (indices, in region order): drawn with a pulsing ring. */
  highlighted: Int32Array = new Int32Array(0);
  hoveredClient = -1;

  private layoutStale = true;
  private screenStale = true;
  private labelsStale = true;
  private pinsStale = true;
  private layoutZoom = NaN;

  constructor(regions: readonly RegionInfo[]) {
    this.regions = regions;
    this.count = regions.length;
    this.states = new Array<RegionState | undefined>(this.count).fill(undefined);
    this.shortNames = regions.map((r) => shortName(r.displayName));
    regions.forEach((r, i) => {
      this.indexByName.set(r.name, i);
      // When two regions share a point (australiacentral and australiacentral2), the first wins.
      const key = lonLatKey(r.lon, r.lat);
      if (!this.indexByLonLat.has(key)) this.indexByLonLat.set(key, i);
    });
    this.base = new Float64Array(this.count * 2);
    this.zoomedTruth = new Float64Array(this.count * 2);
    this.layout = new Float64Array(this.count * 2);
    this.centres = new Float64Array(this.count * 2);
    this.truePoints = new Float64Array(this.count * 2);
    this.labels = createLabelPlacement(this.count);
    this.labelWidth = new Float64Array(this.count);
  }

  indexOf(name: string | undefined): number {
    return name === undefined ? -1 : (this.indexByName.get(name) ?? -1);
  }

  /** The region whose true point is exactly `(lon, lat)`, or -1. */
  regionAt(lon: number, lat: number): number {
    return this.indexByLonLat.get(lonLatKey(lon, lat)) ?? -1;
  }

  /** The client standing exactly at `(lon, lat)`, or -1. */
  clientAt(lon: number, lat: number): number {
    return this.clientIndexByLonLat.get(lonLatKey(lon, lat)) ?? -1;
  }

  /** The canvas changed size (CSS pixels): re-fit the projection, keep the zoom where possible. */
  resize(width: number, height: number): void {
    if (width === this.map.width && height === this.map.height) return;
    this.map = fitBaseMap(width, height);
    for (let i = 0; i < this.count; i++) {
      const r = this.regions[i]!;
      if (!projectInto(this.map, r.lon, r.lat, this.base, 2 * i)) {
        this.base[2 * i] = NaN;
        this.base[2 * i + 1] = NaN;
      }
    }
    this.view = clampView(this.view, this.map);
    this.layoutStale = true;
    this.pinsStale = true;
  }

  setView(view: ViewTransform): boolean {
    const next = clampView(view, this.map);
    if (next.k === this.view.k && next.x === this.view.x && next.y === this.view.y) return false;
    if (next.k !== this.view.k) this.layoutStale = true;
    this.view = next;
    this.screenStale = true;
    this.pinsStale = true;
    return true;
  }

  /** Merges a frame. Transfers are replaced; regions and clients only when the frame has them. */
  applyFrame(frame: MapFrame): FrameChanges {
    let regions = false;
    for (const state of frame.regions) {
      const i = this.indexByName.get(state.name);
      if (i === undefined) continue;
      const before = this.states[i];
      this.states[i] = state;
      regions = true;
      // Labels depend on which regions hold replicas.
      if (before?.mark !== state.mark || !!before?.replica !== !!state.replica) this.labelsStale = true;
    }
    const clients = frame.clients !== undefined;
    if (frame.clients !== undefined) {
      this.clients = frame.clients;
      this.clientIndexByLonLat.clear();
      frame.clients.forEach((c, i) => {
        const key = lonLatKey(c.lon, c.lat);
        if (!this.clientIndexByLonLat.has(key)) this.clientIndexByLonLat.set(key, i);
      });
      this.pinsStale = true;
    }
    if (frame.clusters !== undefined) {
      this.clusters = frame.clusters;
      this.pinsStale = true;
    }
    this.transfers = frame.transfers;
    return { regions, clients };
  }

  setSelected(index: number): void {
    if (index !== this.selected) {
      this.selected = index;
      this.labelsStale = true;
    }
  }

  /** Sets the highlighted regions by name (unknown names are ignored); returns whether it changed. */
  setHighlighted(names: readonly string[]): boolean {
    const indices = [...new Set(names.map((n) => this.indexOf(n)).filter((i) => i >= 0))].sort(
      (a, b) => a - b,
    );
    const same =
      indices.length === this.highlighted.length && indices.every((i, k) => this.highlighted[k] === i);
    if (same) return false;
    this.highlighted = Int32Array.from(indices);
    return true;
  }

  /** Brings layout, screen positions and pins up to date. Cheap when nothing changed. */
  update(): void {
    if (this.layoutStale || this.layoutZoom !== this.view.k) {
      const k = this.view.k;
      this.radius = hexRadiusAt(baseHexRadius(this.map.width, this.map.height), k);
      for (let i = 0; i < this.base.length; i++) this.zoomedTruth[i] = this.base[i]! * k;
      const b = this.map.bounds;
      this.layout = layoutHexes(this.zoomedTruth, this.radius, {
        x0: b.x0 * k,
        y0: b.y0 * k,
        x1: b.x1 * k,
        y1: b.y1 * k,
      });
      this.layoutZoom = k;
      this.layoutStale = false;
      this.screenStale = true;
    }
    if (this.screenStale) {
      const { x, y } = this.view;
      for (let i = 0; i < this.count; i++) {
        this.centres[2 * i] = this.layout[2 * i]! + x;
        this.centres[2 * i + 1] = this.layout[2 * i + 1]! + y;
        this.truePoints[2 * i] = this.zoomedTruth[2 * i]! + x;
        this.truePoints[2 * i + 1] = this.zoomedTruth[2 * i + 1]! + y;
      }
      this.screenStale = false;
      this.labelsStale = true;
    }
    if (this.pinsStale) this.updatePins();
  }

  private updatePins(): void {
    const n = this.clients.length;
    if (this.pinTips.length !== 2 * n) this.pinTips = new Float64Array(2 * n);
    const scratch = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const c = this.clients[i]!;
      projectInto(this.map, c.lon, c.lat, scratch, 0);
      this.pinTips[2 * i] = scratch[0]! * this.view.k + this.view.x;
      this.pinTips[2 * i + 1] = scratch[1]! * this.view.k + this.view.y;
    }
    this.pinHeads = placePinHeads(this.pinTips, this.centres, this.radius);
    const m = this.clusters.length;
    if (this.clusterTips.length !== 2 * m) this.clusterTips = new Float64Array(2 * m);
    for (let i = 0; i < m; i++) {
      const c = this.clusters[i]!;
      projectInto(this.map, c.lon, c.lat, scratch, 0);
      this.clusterTips[2 * i] = scratch[0]! * this.view.k + this.view.x;
      this.clusterTips[2 * i + 1] = scratch[1]! * this.view.k + this.view.y;
    }
    this.clusterHeads = placePinHeads(this.clusterTips, this.centres, this.radius, this.pinHeads);
    this.pinsStale = false;
    this.labelsStale = true;
  }

  /**
   * Recomputes label positions if stale. `measure` returns the width of a text in the given font;
   * results are cached per font.
   */
  updateLabels(
    measure: (text: string, font: string) => number,
    replicaFont: string,
    plainFont: string,
    pinFont: string,
  ): void {
    if (!this.labelsStale) return;
    const obstacles = this.placePinLabels(measure, pinFont);
    const all = this.view.k >= LABEL_ALL_ZOOM;
    const order: number[] = [];
    const coverable = new Uint8Array(this.count);
    const push = (i: number): void => {
      if (i >= 0 && !order.includes(i)) order.push(i);
    };
    push(this.selected);
    for (let i = 0; i < this.count; i++) if (this.states[i]?.mark === 'home') push(i);
    for (let i = 0; i < this.count; i++) if (this.states[i]?.replica) push(i);
    const relaxed = order.length;
    if (all) for (let i = 0; i < this.count; i++) push(i);
    for (let i = 0; i < this.count; i++) {
      const state = this.states[i];
      coverable[i] = state?.replica || state?.regionOutage || i === this.selected ? 0 : 1;
      const font = !coverable[i] ? replicaFont : plainFont;
      const icon = this.states[i]?.mark === 'home' ? HOME_ICON_WIDTH : 0;
      this.labelWidth[i] = order.includes(i) ? this.widthOf(i, font, measure) + icon : 0;
    }
    placeLabels(
      {
        centres: this.centres,
        radius: this.radius,
        widths: this.labelWidth,
        textHeight: 20,
        order,
        coverable,
        relaxedCount: relaxed,
        obstacles,
        viewport: { x0: 4, y0: 4, x1: this.map.width - 4, y1: this.map.height - 4 },
      },
      this.labels,
    );
    this.labelsStale = false;
  }

  /**
   * Cluster names (with their pod summary under them), then client names, go right of their
   * marker, or left, above or below. Each takes the side that covers fewest
   * hexagons (replicas count triple) and, far more costly, other pins, names placed before it or
   * the map's edge. Returns the rectangles of names and markers, which region labels then avoid.
   */
  private placePinLabels(measure: (text: string, font: string) => number, font: string): number[] {
    const n = this.clients.length;
    if (this.pinLabelX.length !== n) {
      this.pinLabelX = new Float64Array(n);
      this.pinLabelY = new Float64Array(n);
    }
    const m = this.clusters.length;
    if (this.clusterLabelX.length !== m) {
      this.clusterLabelX = new Float64Array(m);
      this.clusterLabelY = new Float64Array(m);
    }
    // Markers first: no name may sit on any of them.
    const rects: number[] = [];
    const head = PIN_HEAD_RADIUS + 2;
    for (let i = 0; i < n; i++) {
      const x = this.pinHeads[2 * i]!;
      const y = this.pinHeads[2 * i + 1]!;
      rects.push(x - head, y - head, x + head, y + head);
    }
    const hept = CLUSTER_RADIUS + 2;
    for (let i = 0; i < m; i++) {
      const x = this.clusterHeads[2 * i]!;
      const y = this.clusterHeads[2 * i + 1]!;
      rects.push(x - hept, y - hept, x + hept, y + hept);
    }
    const cost = (x0: number, y0: number, x1: number, y1: number): number => {
      let c = this.hexesUnder(x0, y0, x1, y1);
      for (let p = 0; p < rects.length; p += 4) {
        if (rects[p]! < x1 && rects[p + 2]! > x0 && rects[p + 1]! < y1 && rects[p + 3]! > y0) c += 10;
      }
      if (x0 < 0 || y0 < 0 || x1 > this.map.width || y1 > this.map.height) c += 10;
      return c;
    };
    /**
     * Places a label `w` wide and `2 * half` tall beside a marker at (x, y), `gap` from its centre:
     * right, left, above or below, whichever costs least. Returns its left edge and middle, and
     * adds its box to the obstacles.
     */
    const place = (x: number, y: number, w: number, half: number, gap: number): readonly [number, number] => {
      const candidates: readonly (readonly [number, number])[] = [
        [x + gap, y],
        [x - gap - w, y],
        [x - w / 2, y - gap - half],
        [x - w / 2, y + gap + half],
      ];
      let best = candidates[0]!;
      let bestCost = Infinity;
      for (const c of candidates) {
        const k = cost(c[0], c[1] - half, c[0] + w, c[1] + half);
        if (k < bestCost) {
          bestCost = k;
          best = c;
        }
      }
      rects.push(best[0] - 2, best[1] - half - 1, best[0] + w + 2, best[1] + half + 1);
      return best;
    };
    // Clusters first: their two-line labels (name over pod summary) are the harder to fit.
    for (let i = 0; i < m; i++) {
      const c = this.clusters[i]!;
      const w = Math.max(measure(c.name, font), measure(podSummary(c).text, font));
      const [lx, ly] = place(
        this.clusterHeads[2 * i]!,
        this.clusterHeads[2 * i + 1]!,
        w,
        15,
        CLUSTER_RADIUS + 5,
      );
      this.clusterLabelX[i] = lx;
      this.clusterLabelY[i] = ly;
    }
    for (let i = 0; i < n; i++) {
      const w = measure(this.clients[i]!.name, font);
      const [lx, ly] = place(this.pinHeads[2 * i]!, this.pinHeads[2 * i + 1]!, w, 8, PIN_HEAD_RADIUS + 5);
      this.pinLabelX[i] = lx;
      this.pinLabelY[i] = ly;
    }
    return rects;
  }

  /** How much of the map a box covers: hexagons under it, replicas counting triple. */
  private hexesUnder(x0: number, y0: number, x1: number, y1: number): number {
    let cost = 0;
    const r = this.radius;
    for (let j = 0; j < this.count; j++) {
      const cx = this.centres[2 * j]!;
      const cy = this.centres[2 * j + 1]!;
      if (cx + r > x0 && cx - r < x1 && cy + r > y0 && cy - r < y1) cost += this.states[j]?.replica ? 3 : 1;
    }
    return cost;
  }

  private widthOf(i: number, font: string, measure: (text: string, font: string) => number): number {
    let widths = this.labelWidths.get(font);
    if (!widths) {
      widths = new Float64Array(this.count).fill(-1);
      this.labelWidths.set(font, widths);
    }
    if (widths[i]! < 0) widths[i] = measure(this.shortNames[i]!, font);
    // Room for the pill drawn behind replica labels.
    return widths[i]! + 12;
  }
}
