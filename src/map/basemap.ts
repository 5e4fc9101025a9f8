/**
 * The world underneath the hexagons: oceans, land, borders and a faint graticule. Country shapes
 * are fetched at run time (they are a static asset, never bundled), projected into `Path2D`s, and
 * painted into an offscreen cache that is repainted only when the canvas size, the view, the pixel
 * ratio or the theme changes. Every animation frame just blits it.
 *
 * The shapes are projected once, at a scale a little above the canvas's, and only scaled and moved
 * when the canvas changes size: projecting them took most of a resize's time (5–19 ms of a 6–21 ms
 * repaint at 1280×720 in headless Chromium), painting the paths about 1 ms. A canvas that grows
 * past that scale projects them again, so lines never get coarser than the projection's precision.
 */
import {
  geoGraticule10,
  geoPath,
  type GeoContext,
  type GeoPermissibleObjects,
  type GeoProjection,
} from 'd3-geo';
import type { Feature, FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { originProjection, placeOrigin, type BaseMap, type ViewTransform } from './projection';
import type { MapTheme } from './theme';

/** Land and borders as GeoJSON, ready to project. */
export interface WorldShapes {
  readonly land: FeatureCollection;
  /** Borders between countries (each shared arc once). */
  readonly borders: MultiLineString;
}

type WorldTopology = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

function isWorldTopology(value: unknown): value is WorldTopology {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; objects?: { countries?: unknown; land?: unknown } };
  return (
    v.type === 'Topology' && typeof v.objects?.countries === 'object' && typeof v.objects?.land === 'object'
  );
}

/** Converts a world-atlas topology (`countries-110m.json`) into shapes. */
export function worldShapesFrom(topology: unknown): WorldShapes {
  if (!isWorldTopology(topology)) throw new Error('map data is not a world-atlas topology');
  const land = feature(topology, topology.objects.land) as FeatureCollection | Feature;
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  return {
    land: land.type === 'FeatureCollection' ? land : { type: 'FeatureCollection', features: [land] },
    borders,
  };
}

const loads = new Map<string, Promise<WorldShapes>>();

/** Fetches and converts the map data once per URL; later calls share the same promise. */
export function loadWorldShapes(url: string): Promise<WorldShapes> {
  let load = loads.get(url);
  if (!load) {
    load = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`map data: HTTP ${response.status} for ${url}`);
        return response.json() as Promise<unknown>;
      })
      .then(worldShapesFrom);
    // A failed load may be retried (for example after coming back online).
    load.catch(() => loads.delete(url));
    loads.set(url, load);
  }
  return load;
}

/** Lets d3 draw into a Path2D, which has no `beginPath`. */
function pathContext(path: Path2D): GeoContext {
  return {
    arc: (x, y, r, a0, a1, ccw) => path.arc(x, y, r, a0, a1, ccw),
    beginPath: () => undefined,
    closePath: () => path.closePath(),
    lineTo: (x, y) => path.lineTo(x, y),
    moveTo: (x, y) => path.moveTo(x, y),
  };
}

function project(projection: GeoProjection, object: GeoPermissibleObjects): Path2D {
  const path = new Path2D();
  geoPath(projection, pathContext(path))(object);
  return path;
}

/**
 * Shapes are projected at this many times the canvas's scale, so a window that grows a little (or
 * a panel above the map that closes) reuses them.
 */
export const PROJECTION_HEADROOM = 1.25;

/** Paths in the pixels of `originProjection(scale)`. */
interface ProjectedPaths {
  readonly scale: number;
  readonly sphere: Path2D;
  readonly graticule: Path2D;
  readonly land: Path2D | undefined;
  readonly borders: Path2D | undefined;
}

type CacheCanvas = OffscreenCanvas | HTMLCanvasElement;
type CacheContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function createCacheCanvas(width: number, height: number): CacheCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** The cached basemap. One per map view. */
export class Basemap {
  private shapes: WorldShapes | undefined;
  private paths: ProjectedPaths | undefined;
  private canvas: CacheCanvas | undefined;
  private context: CacheContext | undefined;
  // What the cache currently shows; any difference means a repaint.
  private paintedMap: BaseMap | undefined;
  private paintedView: ViewTransform | undefined;
  private paintedDpr = 0;
  private paintedTheme: MapTheme | undefined;
  private paintedShapes: WorldShapes | undefined;

  /** Hands over the country shapes once they have loaded. */
  setShapes(shapes: WorldShapes): void {
    this.shapes = shapes;
    this.paths = undefined;
  }

  get hasShapes(): boolean {
    return this.shapes !== undefined;
  }

  /**
   * Draws the basemap onto `target`, whose transform must be the identity (device pixels).
   * Repaints the cache first if anything it depends on changed.
   */
  blit(
    target: CanvasRenderingContext2D,
    map: BaseMap,
    view: ViewTransform,
    dpr: number,
    theme: MapTheme,
  ): void {
    const width = Math.max(1, Math.round(map.width * dpr));
    const height = Math.max(1, Math.round(map.height * dpr));
    if (!this.canvas || this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas = createCacheCanvas(width, height);
      this.context = (this.canvas.getContext('2d') as CacheContext | null) ?? undefined;
      this.paintedMap = undefined;
    }
    const stale =
      this.paintedMap !== map ||
      this.paintedView !== view ||
      this.paintedDpr !== dpr ||
      this.paintedTheme !== theme ||
      this.paintedShapes !== this.shapes;
    if (stale && this.context) {
      this.paint(this.context, width, height, map, view, dpr, theme);
      this.paintedMap = map;
      this.paintedView = view;
      this.paintedDpr = dpr;
      this.paintedTheme = theme;
      this.paintedShapes = this.shapes;
    }
    target.drawImage(this.canvas, 0, 0);
  }

  private projected(map: BaseMap): ProjectedPaths {
    // Paths at this map's scale or above are only scaled down; a larger map needs new ones.
    if (this.paths && this.paths.scale >= map.projection.scale()) return this.paths;
    const scale = map.projection.scale() * PROJECTION_HEADROOM;
    const projection = originProjection(scale);
    const shapes = this.shapes;
    this.paths = {
      scale,
      sphere: project(projection, { type: 'Sphere' }),
      graticule: project(projection, geoGraticule10()),
      land: shapes ? project(projection, shapes.land) : undefined,
      borders: shapes ? project(projection, shapes.borders) : undefined,
    };
    return this.paths;
  }

  private paint(
    ctx: CacheContext,
    width: number,
    height: number,
    map: BaseMap,
    view: ViewTransform,
    dpr: number,
    theme: MapTheme,
  ): void {
    const paths = this.projected(map);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, width, height);
    // Paths are in the origin projection's pixels: placed on the base map, then the view transform
    // scales them, so line widths are divided by both scales to stay the same on screen.
    const place = placeOrigin(map, paths.scale);
    const k = view.k * place.k;
    ctx.setTransform(
      dpr * k,
      0,
      0,
      dpr * k,
      dpr * (view.x + view.k * place.x),
      dpr * (view.y + view.k * place.y),
    );
    ctx.lineJoin = 'round';
    ctx.fillStyle = theme.ocean;
    ctx.fill(paths.sphere);
    ctx.strokeStyle = theme.graticule;
    ctx.lineWidth = 1 / k;
    ctx.stroke(paths.graticule);
    if (paths.land) {
      ctx.fillStyle = theme.land;
      ctx.fill(paths.land);
      ctx.strokeStyle = theme.coast;
      ctx.lineWidth = 0.9 / k;
      ctx.stroke(paths.land);
    }
    if (paths.borders) {
      ctx.strokeStyle = theme.border;
      ctx.lineWidth = 0.7 / k;
      ctx.stroke(paths.borders);
    }
    ctx.strokeStyle = theme.sphereStroke;
    ctx.lineWidth = 1.2 / k;
    ctx.stroke(paths.sphere);
  }
}
