import type { ClusterState } from '../protocol/frame';
import type { MapScene } from './scene';
import type { MapTheme } from './theme';

/** Cluster marker size (CSS pixels): a heptagon, the Kubernetes shape, unlike the round client pins. */
export const CLUSTER_RADIUS = 9;
const TAU = Math.PI * 2;

/** Pod-summary colours, readable on both themes over the label halo. */
export const POD_COLOURS = { ok: '#16a34a', pending: '#d97706', bad: '#dc2626' } as const;
/** Kubernetes blue: the cluster marker on both themes. */
export const CLUSTER_FILL = '#326ce5';

/** The short pod summary drawn beside a cluster: `3/3`, or the failing count. */
export function podSummary(c: ClusterState): { text: string; colour: string } {
  const p = c.pods;
  const total = p.running + p.pulling + p.backoff + p.failed;
  if (total === 0) return { text: 'no pods', colour: POD_COLOURS.pending };
  const failing = p.backoff + p.failed;
  if (failing > 0) {
    return {
      text: `${failing} ${p.backoff >= p.failed ? 'BackOff' : 'ErrImagePull'}`,
      colour: POD_COLOURS.bad,
    };
  }
  return {
    text: `${p.running}/${total}`,
    colour: p.running === total ? POD_COLOURS.ok : POD_COLOURS.pending,
  };
}

/** Traces a heptagon of radius `r` around (x, y). */
export function heptagonPath(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  for (let k = 0; k < 7; k++) {
    const a = -Math.PI / 2 + (k * TAU) / 7;
    const px = x + r * Math.cos(a);
    const py = y + r * Math.sin(a);
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
}

/**
 * Draws each cluster: a stem from its true location to a heptagon nudged off the hexagons, a
 * dashed line to the replica serving most of its nodes, its name and a pod summary.
 */
export function drawClusters(
  ctx: CanvasRenderingContext2D,
  scene: MapScene,
  theme: MapTheme,
  clusters: readonly ClusterState[],
  font: string,
): void {
  const n = clusters.length;
  if (n === 0) return;
  // The scene places markers and names (clear of client pins and each other; see placePinLabels).
  const tips = scene.clusterTips;
  const heads = scene.clusterHeads;
  if (heads.length !== 2 * n) return;
  // Serving lines first, under the markers.
  ctx.beginPath();
  let any = false;
  for (let i = 0; i < n; i++) {
    const target = scene.indexOf(clusters[i]!.servedBy);
    if (target < 0) continue;
    ctx.moveTo(heads[2 * i]!, heads[2 * i + 1]!);
    ctx.lineTo(scene.centres[2 * target]!, scene.centres[2 * target + 1]!);
    any = true;
  }
  if (any) {
    ctx.setLineDash([2, 3]);
    ctx.strokeStyle = theme.servingLine;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.font = font;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < n; i++) {
    const c = clusters[i]!;
    const tx = tips[2 * i]!;
    const ty = tips[2 * i + 1]!;
    const hx = heads[2 * i]!;
    const hy = heads[2 * i + 1]!;
    ctx.beginPath();
    ctx.moveTo(tx, ty);
    ctx.lineTo(hx, hy);
    ctx.strokeStyle = theme.pin.stroke;
    ctx.lineWidth = 4;
    ctx.stroke();
    ctx.strokeStyle = CLUSTER_FILL;
    ctx.lineWidth = 2;
    ctx.stroke();
    heptagonPath(ctx, hx, hy, CLUSTER_RADIUS);
    ctx.fillStyle = CLUSTER_FILL;
    ctx.fill();
    ctx.strokeStyle = theme.pin.stroke;
    ctx.lineWidth = 2;
    ctx.stroke();
    // A wheel hub: this is a cluster of machines.
    ctx.beginPath();
    ctx.arc(hx, hy, 2, 0, TAU);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    const summary = podSummary(c);
    const lx = scene.clusterLabelX[i]!;
    const ly = scene.clusterLabelY[i]!;
    ctx.strokeStyle = theme.labelHalo;
    ctx.lineWidth = 4;
    ctx.strokeText(c.name, lx, ly - 7);
    ctx.fillStyle = theme.pin.text;
    ctx.fillText(c.name, lx, ly - 7);
    ctx.strokeText(summary.text, lx, ly + 7);
    ctx.fillStyle = summary.colour;
    ctx.fillText(summary.text, lx, ly + 7);
  }
}
