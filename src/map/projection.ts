/**
 * Where things are on the canvas. Two spaces are kept apart:
 *
 * - **base** pixels: the world projected once, fitted to the canvas at 1× (d3 `geoNaturalEarth1`);
 * - **screen** pixels: base pixels after the view transform `screen = base × k + (x, y)`.
 *
 * Zoom and pan change only the view transform, so nothing is re-projected while the user drags.
 */
import { geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { MultiPoint } from 'geojson';

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;

/**
 * The latitudes the fitted map shows. Azure's regions lie between about 38°S and 61°N, so the
 * polar caps are cropped to give the inhabited band more pixels.
 */
const NORTH_EDGE = 75;
const SOUTH_EDGE = -50;

/** A rectangle in base pixels. */
export interface BaseBounds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The world projected for one canvas size. */
export interface BaseMap {
  /** CSS pixels of the canvas. */
  readonly width: number;
  readonly height: number;
  /** Projects `[lon, lat]` to base pixels. */
  readonly projection: GeoProjection;
  /** The shown latitude band, in base pixels: pan never takes it off-screen. */
  readonly bounds: BaseBounds;
}

/** Zoom `k` and pan `(x, y)`: `screen = base × k + (x, y)`. */
export interface ViewTransform {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

export const IDENTITY_VIEW: ViewTransform = Object.freeze({ k: 1, x: 0, y: 0 });

/** Points along the edges of the shown band; fitting to them crops Antarctica and the high Arctic. */
function bandOutline(): MultiPoint {
  const coordinates: [number, number][] = [];
  for (let lon = -180; lon <= 180; lon += 10) {
    coordinates.push([lon, NORTH_EDGE], [lon, SOUTH_EDGE]);
  }
  // The projection is widest at the equator.
  coordinates.push([-180, 0], [180, 0]);
  return { type: 'MultiPoint', coordinates };
}

const BAND = bandOutline();

/** How far (in pixels of the projection's own scale) a projected line may stray from the true curve. */
const PRECISION = 0.5;

/** Fits the projection so the shown band fills a `width` × `height` canvas with a small margin. */
export function fitBaseMap(width: number, height: number, margin = 6): BaseMap {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const m = Math.min(margin, w / 4, h / 4);
  const projection = geoNaturalEarth1()
    .precision(PRECISION)
    .fitExtent(
      [
        [m, m],
        [w - m, h - m],
      ],
      BAND,
    );
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(BAND);
  return { width: w, height: h, projection, bounds: { x0, y0, x1, y1 } };
}

/**
 * The map's projection at another `scale`, with the point (0°, 0°) at the origin. Fitting changes only
 * the scale and the translation, so every fitted map is this one scaled and moved (see `placeOrigin`):
 * shapes projected with it once serve any canvas size.
 */
export function originProjection(scale: number): GeoProjection {
  return geoNaturalEarth1().precision(PRECISION).scale(scale).translate([0, 0]);
}

/** Where `originProjection(scale)`'s pixels go on `map`: `base = origin × f + (x, y)`. */
export function placeOrigin(map: BaseMap, scale: number): ViewTransform {
  const [x, y] = map.projection.translate();
  return { k: map.projection.scale() / scale, x, y };
}

/**
 * Projects one lon/lat pair into `out` at `offset` (base pixels). Returns false when the
 * projection cannot place it (it never happens for Natural Earth, but d3 allows it).
 */
export function projectInto(
  map: BaseMap,
  lon: number,
  lat: number,
  out: Float64Array,
  offset: number,
): boolean {
  const p = map.projection([lon, lat]);
  if (!p) return false;
  out[offset] = p[0];
  out[offset + 1] = p[1];
  return true;
}

function clampAxis(translate: number, k: number, lo: number, hi: number, viewport: number): number {
  const span = (hi - lo) * k;
  // Content smaller than the viewport stays centred (this is where 1× sits); larger content
  // may move, but never so far that empty space shows at an edge.
  if (span <= viewport) return (viewport - (lo + hi) * k) / 2;
  return Math.min(-lo * k, Math.max(viewport - hi * k, translate));
}

/** The nearest allowed view: zoom within 1×–8×, and the world band covering the canvas. */
export function clampView(view: ViewTransform, map: BaseMap): ViewTransform {
  const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(view.k) ? view.k : 1));
  const { x0, y0, x1, y1 } = map.bounds;
  return {
    k,
    x: clampAxis(Number.isFinite(view.x) ? view.x : 0, k, x0, x1, map.width),
    y: clampAxis(Number.isFinite(view.y) ? view.y : 0, k, y0, y1, map.height),
  };
}

/** Zooms by `factor`, keeping the base point under screen point `(cx, cy)` where it is. */
export function zoomAround(
  view: ViewTransform,
  factor: number,
  cx: number,
  cy: number,
  map: BaseMap,
): ViewTransform {
  const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.k * factor));
  const bx = (cx - view.x) / view.k;
  const by = (cy - view.y) / view.k;
  return clampView({ k, x: cx - bx * k, y: cy - by * k }, map);
}

/** Moves the view by a screen-pixel delta. */
export function panBy(view: ViewTransform, dx: number, dy: number, map: BaseMap): ViewTransform {
  return clampView({ k: view.k, x: view.x + dx, y: view.y + dy }, map);
}

/** Puts base point `(bx, by)` at the centre of the canvas, as far as the bounds allow. */
export function centreOn(view: ViewTransform, bx: number, by: number, map: BaseMap): ViewTransform {
  return clampView({ k: view.k, x: map.width / 2 - bx * view.k, y: map.height / 2 - by * view.k }, map);
}

/** Whether two views are the same (used to decide when the basemap cache is stale). */
export function sameView(a: ViewTransform, b: ViewTransform): boolean {
  return a.k === b.k && a.x === b.x && a.y === b.y;
}
