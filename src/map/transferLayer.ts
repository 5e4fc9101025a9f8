/**
 * Transfers in flight as arcs: endpoints resolved to hexagons or client pins, a faint route, the
 * part done, and a dot at the current progress. Endpoints go into one reused buffer per frame.
 */
import { TRANSFER_KIND, TRANSFER_STRIDE } from '../protocol/frame';
import { TAU } from './glyphs';
import type { MapScene } from './scene';
import type { MapTheme } from './theme';

/** Per-transfer endpoints, resolved once per frame into a reused buffer. */
const ENDPOINT_SLOTS = 4;
/** How far an arc bows out, as a fraction of its chord. */
const ARC_BEND = 0.2;

export class TransferLayer {
  /** Screen endpoints of each transfer: `[x0, y0, x1, y1]`, NaN when unresolved. */
  private ends = new Float64Array(0);

  /** Resolves each transfer's endpoints to screen points: hexagon centres, pin heads, or projected. */
  resolve(scene: MapScene): number {
    const t = scene.transfers;
    const count = Math.floor(t.length / TRANSFER_STRIDE);
    if (this.ends.length < count * ENDPOINT_SLOTS) this.ends = new Float64Array(count * ENDPOINT_SLOTS * 2);
    const ends = this.ends;
    for (let i = 0; i < count; i++) {
      const o = i * TRANSFER_STRIDE;
      const kind = t[o + 5]!;
      // Uploads start at a client and downloads end at one; everything else joins regions.
      this.resolvePoint(scene, t[o]!, t[o + 1]!, kind === TRANSFER_KIND.upload, ends, i * ENDPOINT_SLOTS);
      this.resolvePoint(
        scene,
        t[o + 2]!,
        t[o + 3]!,
        kind === TRANSFER_KIND.download,
        ends,
        i * ENDPOINT_SLOTS + 2,
      );
    }
    return count;
  }

  private resolvePoint(
    scene: MapScene,
    lon: number,
    lat: number,
    client: boolean,
    out: Float64Array,
    at: number,
  ): void {
    const c = client ? scene.clientAt(lon, lat) : -1;
    if (c >= 0) {
      out[at] = scene.pinHeads[2 * c]!;
      out[at + 1] = scene.pinHeads[2 * c + 1]!;
      return;
    }
    const r = scene.regionAt(lon, lat);
    if (r >= 0) {
      out[at] = scene.centres[2 * r]!;
      out[at + 1] = scene.centres[2 * r + 1]!;
      return;
    }
    const p = scene.map.projection([lon, lat]);
    out[at] = p ? p[0] * scene.view.k + scene.view.x : NaN;
    out[at + 1] = p ? p[1] * scene.view.k + scene.view.y : NaN;
  }

  /**
   * Transfers as quadratic arcs bent to the left of travel (so A→B and B→A stay apart): the
   * whole route faint and the part done solid, or (`dots`) a dot at the current progress.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    scene: MapScene,
    theme: MapTheme,
    count: number,
    dots: boolean,
    now: number,
  ): void {
    if (count === 0) return;
    const t = scene.transfers;
    const ends = this.ends;
    const w = scene.map.width;
    const h = scene.map.height;
    const pulse = 3.2 + 0.6 * Math.sin(now / 180);
    for (let kind = 0; kind < 4; kind++) {
      const colour = theme.transfers[kind]!;
      // Pass 0: faint full routes; pass 1: the part done (under hexagons) or the dots (over them).
      for (let pass = dots ? 1 : 0; pass < 2; pass++) {
        if (pass === 1 && !dots) {
          ctx.strokeStyle = colour;
          ctx.lineWidth = 2.25;
        }
        ctx.beginPath();
        let any = false;
        for (let i = 0; i < count; i++) {
          const o = i * TRANSFER_STRIDE;
          if (t[o + 5] !== kind) continue;
          const e = i * ENDPOINT_SLOTS;
          const x0 = ends[e]!;
          const y0 = ends[e + 1]!;
          const x1 = ends[e + 2]!;
          const y1 = ends[e + 3]!;
          const dx = x1 - x0;
          const dy = y1 - y0;
          if (!(dx * dx + dy * dy > 4)) continue; // also skips NaN
          const cx = (x0 + x1) / 2 + dy * ARC_BEND;
          const cy = (y0 + y1) / 2 - dx * ARC_BEND;
          // Off-screen when the control hull misses the canvas.
          if (Math.max(x0, x1, cx) < 0 || Math.min(x0, x1, cx) > w) continue;
          if (Math.max(y0, y1, cy) < 0 || Math.min(y0, y1, cy) > h) continue;
          const p = Math.max(0, Math.min(1, t[o + 4]!));
          if (pass === 0) {
            ctx.moveTo(x0, y0);
            ctx.quadraticCurveTo(cx, cy, x1, y1);
          } else {
            // De Casteljau: the sub-curve over [0, p] has control lerp(P0, C, p).
            const ax = x0 + (cx - x0) * p;
            const ay = y0 + (cy - y0) * p;
            const bx = cx + (x1 - cx) * p;
            const by = cy + (y1 - cy) * p;
            const px = ax + (bx - ax) * p;
            const py = ay + (by - ay) * p;
            if (dots) {
              ctx.moveTo(px + pulse, py);
              ctx.arc(px, py, pulse, 0, TAU);
            } else {
              // One stroke per arc: a single path of hundreds of crossing wide curves is far
              // slower to rasterise (measured: about 2× in software) than the same curves apart.
              ctx.beginPath();
              ctx.moveTo(x0, y0);
              ctx.quadraticCurveTo(ax, ay, px, py);
              ctx.stroke();
            }
          }
          any = true;
        }
        if (!any || (pass === 1 && !dots)) continue;
        if (dots) {
          ctx.fillStyle = colour;
          ctx.fill();
          ctx.strokeStyle = theme.background;
          ctx.lineWidth = 1.25;
          ctx.stroke();
        } else {
          // A 1-pixel route is a hairline, which canvases draw on a much faster path.
          ctx.strokeStyle = colour;
          ctx.globalAlpha = 0.4;
          ctx.lineWidth = 1;
          ctx.stroke();
          ctx.globalAlpha = 1;
        }
      }
    }
  }
}
