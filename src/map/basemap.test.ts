import { readFileSync } from 'node:fs';
import { geoPath } from 'd3-geo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Basemap, PROJECTION_HEADROOM, worldShapesFrom, type WorldShapes } from './basemap';
import { fitBaseMap, type BaseMap, type ViewTransform } from './projection';
import { MAP_THEMES } from './theme';

describe('world shapes', () => {
  it('reads the shipped world-atlas file into land and borders', () => {
    const topology: unknown = JSON.parse(readFileSync('public/world/countries-110m.json', 'utf8'));
    const shapes = worldShapesFrom(topology);
    expect(shapes.land.type).toBe('FeatureCollection');
    expect(shapes.land.features.length).toBeGreaterThan(0);
    expect(shapes.borders.type).toBe('MultiLineString');
    expect(shapes.borders.coordinates.length).toBeGreaterThan(100);
  });

  it('rejects anything that is not a world topology', () => {
    expect(() => worldShapesFrom({ type: 'FeatureCollection' })).toThrow(/world-atlas/);
    expect(() => worldShapesFrom(null)).toThrow();
  });
});

// Node has no canvas: these stand-ins record what the basemap draws, and where.
type Matrix = readonly [number, number, number, number, number, number];

class RecordingPath {
  readonly points: [number, number][] = [];
  moveTo(x: number, y: number): void {
    this.points.push([x, y]);
  }
  lineTo(x: number, y: number): void {
    this.points.push([x, y]);
  }
  arc(x: number, y: number): void {
    this.points.push([x, y]);
  }
  closePath(): void {}
}

interface Drawn {
  readonly op: 'fill' | 'stroke';
  readonly style: string;
  readonly path: RecordingPath;
  readonly matrix: Matrix;
}

const drawn: Drawn[] = [];

class RecordingContext {
  fillStyle = '';
  strokeStyle = '';
  lineWidth = 1;
  lineJoin = 'miter';
  private matrix: Matrix = [1, 0, 0, 1, 0, 0];
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.matrix = [a, b, c, d, e, f];
  }
  fillRect(): void {}
  drawImage(): void {}
  fill(path: RecordingPath): void {
    drawn.push({ op: 'fill', style: this.fillStyle, path, matrix: this.matrix });
  }
  stroke(path: RecordingPath): void {
    drawn.push({ op: 'stroke', style: this.strokeStyle, path, matrix: this.matrix });
  }
}

class RecordingCanvas {
  private readonly context = new RecordingContext();
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}
  getContext(): RecordingContext {
    return this.context;
  }
}

const theme = MAP_THEMES.dark;

/** The last recorded fill or stroke in `style`. */
function lastDrawn(style: string, op?: Drawn['op']): Drawn {
  for (let i = drawn.length - 1; i >= 0; i--) {
    const d = drawn[i]!;
    if (d.style === style && (op === undefined || d.op === op)) return d;
  }
  throw new Error(`nothing was drawn in ${style}`);
}

/** The bounding box, in device pixels, of the land the last paint filled. */
function paintedLandBox(): [number, number, number, number] {
  const land = lastDrawn(theme.land, 'fill');
  const [a, , , d, e, f] = land.matrix;
  const xs = land.path.points.map(([x]) => a * x + e);
  const ys = land.path.points.map(([, y]) => d * y + f);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Where the land should be: projected directly for `map`, then the view and the pixel ratio. */
function expectedLandBox(shapes: WorldShapes, map: BaseMap, view: ViewTransform, dpr: number): number[] {
  const [[x0, y0], [x1, y1]] = geoPath(map.projection).bounds(shapes.land);
  return [x0 * view.k + view.x, y0 * view.k + view.y, x1 * view.k + view.x, y1 * view.k + view.y].map(
    (v) => v * dpr,
  );
}

describe('basemap projection cache', () => {
  beforeAll(() => {
    vi.stubGlobal('Path2D', RecordingPath);
    vi.stubGlobal('OffscreenCanvas', RecordingCanvas);
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  const shapes = worldShapesFrom(JSON.parse(readFileSync('public/world/countries-110m.json', 'utf8')));
  const target = new RecordingContext() as unknown as CanvasRenderingContext2D;

  it('projects the shapes once and only scales them for a smaller canvas, in the right place', () => {
    const basemap = new Basemap();
    basemap.setShapes(shapes);
    const steps: [BaseMap, ViewTransform, number][] = [
      [fitBaseMap(1280, 720), { k: 1, x: 0, y: 0 }, 1],
      [fitBaseMap(1200, 680), { k: 1, x: 0, y: 0 }, 1],
      [fitBaseMap(1100, 700), { k: 2.5, x: -400, y: -120 }, 2],
      [fitBaseMap(700, 500), { k: 1, x: 3, y: -2 }, 1.5],
    ];
    const paths = new Set<RecordingPath>();
    for (const [map, view, dpr] of steps) {
      basemap.blit(target, map, view, dpr, theme);
      const box = paintedLandBox();
      const expected = expectedLandBox(shapes, map, view, dpr);
      // Lines may be resampled differently at another scale, within the projection's precision.
      for (let i = 0; i < 4; i++) expect(Math.abs(box[i]! - expected[i]!)).toBeLessThan(dpr * view.k * 0.5);
      paths.add(lastDrawn(theme.land).path);
    }
    expect(paths.size).toBe(1);
  });

  it('projects again when the canvas outgrows the headroom, never drawing coarser lines', () => {
    const small = fitBaseMap(800, 450);
    const large = fitBaseMap(1600, 900);
    const basemap = new Basemap();
    basemap.setShapes(shapes);
    basemap.blit(target, small, { k: 1, x: 0, y: 0 }, 1, theme);
    const first = lastDrawn(theme.land);
    // Projected with headroom: drawn scaled down by it.
    expect(first.matrix[0]).toBeCloseTo(1 / PROJECTION_HEADROOM);
    basemap.blit(target, large, { k: 1, x: 0, y: 0 }, 1, theme);
    const second = lastDrawn(theme.land);
    expect(second.path).not.toBe(first.path);
    // The paths' own pixels are never magnified, and the land is in the right place.
    expect(second.matrix[0]).toBeCloseTo(1 / PROJECTION_HEADROOM);
    const box = paintedLandBox();
    const expected = expectedLandBox(shapes, large, { k: 1, x: 0, y: 0 }, 1);
    for (let i = 0; i < 4; i++) expect(Math.abs(box[i]! - expected[i]!)).toBeLessThan(0.5);
  });
});
