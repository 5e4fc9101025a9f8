/**
 * Words about regions: short map labels, the status text shared by the tooltip and the
 * accessible names of the hexagon buttons, and where each label fits without covering another.
 */
import type { RegionState } from '../protocol/frame';
import type { RegionInfo } from '../protocol/messages';

const COMPASS: Readonly<Record<string, string>> = {
  North: 'N',
  South: 'S',
  East: 'E',
  West: 'W',
  Central: 'C',
  Northeast: 'NE',
  Northwest: 'NW',
  Southeast: 'SE',
  Southwest: 'SW',
};

/**
 * A compact label: compass words become letters when another word carries the name
 * (`West Europe` → `W Europe`, `Germany West Central` → `Germany WC`, `East US 2` → `E US 2`).
 */
export function shortName(displayName: string): string {
  const words = displayName.split(/\s+/).filter(Boolean);
  if (words.every((w) => COMPASS[w] !== undefined)) return displayName;
  const parts: string[] = [];
  let run = '';
  for (const word of words) {
    const letter = COMPASS[word];
    if (letter !== undefined) {
      run += letter;
      continue;
    }
    if (run) parts.push(run);
    run = '';
    // A digit suffix sticks to the compass letters before it: `Australia Central 2` → `Australia C2`.
    if (/^\d+$/.test(word) && parts.length > 0 && /^[NSEWC]+$/.test(parts[parts.length - 1]!)) {
      parts[parts.length - 1] += word;
    } else {
      parts.push(word);
    }
  }
  if (run) parts.push(run);
  return parts.join(' ');
}

/** The health and routing view of a replica, as the map shows it. */
export type ReplicaCondition = 'healthy' | 'outage' | 'recovering';

export function replicaCondition(state: RegionState): ReplicaCondition {
  const replica = state.replica;
  if (!replica) return 'healthy';
  if (!replica.healthy || state.regionOutage) return 'outage';
  // Healthy again, routing wanted, but the global endpoint has not taken it back yet (failback).
  if (replica.look === 'ready' && replica.routingEnabled && !replica.inPool) return 'recovering';
  return 'healthy';
}

/** A replica that will never leave Creating and must be deleted (B-PE-3). */
export function creatingStuck(state: RegionState | undefined): boolean {
  return state?.replica?.look === 'creating' && state.replica.stuck === true;
}

function percent(progress: number): number {
  return Math.max(0, Math.min(100, Math.floor(progress * 100)));
}

/**
 * The state part of a hexagon's name: `home, Ready`, `replica, Syncing 75%`,
 * `replica, Ready, excluded from global routing`, `replica, Unavailable (outage)`, `available`…
 */
export function regionStatus(info: RegionInfo, state: RegionState | undefined): string {
  const mark = state?.mark ?? (info.accessRestricted ? 'unavailable' : 'available');
  const replica = state?.replica;
  if ((mark !== 'home' && mark !== 'replica') || !state || !replica) {
    return state?.regionOutage ? `${mark}, region outage` : mark;
  }
  const parts: string[] = [mark];
  const condition = replicaCondition(state);
  if (replica.look === 'deleting') parts.push('Deleting');
  else if (condition === 'outage') parts.push('Unavailable (outage)');
  else if (creatingStuck(state)) parts.push('Creating, stuck');
  else if (replica.look === 'creating') parts.push(`Creating ${percent(replica.progress)}%`);
  else if (replica.look === 'syncing') parts.push(`Syncing ${percent(replica.progress)}%`);
  else parts.push('Ready');
  if (condition === 'recovering') parts.push('waiting for failback');
  if (!replica.routingEnabled && replica.look !== 'deleting') parts.push('excluded from global routing');
  return parts.join(', ');
}

/** The accessible name of a hexagon: `West Europe (westeurope): replica, Ready`. */
export function regionAccessibleName(info: RegionInfo, state: RegionState | undefined): string {
  return `${info.displayName} (${info.name}): ${regionStatus(info, state)}`;
}

/** Inputs of {@link placeLabels}; every array is indexed by region. */
export interface LabelInput {
  /** Hexagon centres, interleaved `[x0, y0, …]`. */
  readonly centres: ArrayLike<number>;
  readonly radius: number;
  /** Text width per region; 0 means "no label wanted". */
  readonly widths: ArrayLike<number>;
  readonly textHeight: number;
  /** Regions in the order they claim space (most important first). */
  readonly order: ArrayLike<number>;
  /** Items whose hexagon a label may cover if nothing better fits (plain available/unavailable). */
  readonly coverable: ArrayLike<number>;
  /** Only the first this-many entries of `order` may cover coverable hexagons. */
  readonly relaxedCount: number;
  /** Rectangles labels must not cover, flat `[x0, y0, x1, y1, …]` (client pins and their names). */
  readonly obstacles?: ArrayLike<number>;
  /** Area labels must stay inside. */
  readonly viewport: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

/** The box of a label on `side` of a hexagon: its left edge and vertical middle. */
function candidate(
  side: number,
  cx: number,
  cy: number,
  radius: number,
  w: number,
  h: number,
): [number, number] {
  const above = cy - radius - PAD / 2 - h / 2;
  const below = cy + radius + PAD / 2 + h / 2;
  switch (side) {
    case LABEL_SIDE.right:
      return [cx + radius + PAD, cy];
    case LABEL_SIDE.left:
      return [cx - radius - PAD - w, cy];
    case LABEL_SIDE.below:
      return [cx - w / 2, below];
    case LABEL_SIDE.above:
      return [cx - w / 2, above];
    case LABEL_SIDE.aboveRight:
      return [cx + radius * 0.5, above];
    case LABEL_SIDE.aboveLeft:
      return [cx - radius * 0.5 - w, above];
    case LABEL_SIDE.belowRight:
      return [cx + radius * 0.5, below];
    default:
      return [cx - radius * 0.5 - w, below];
  }
}

/** Where each label went. `side` is 0 for hidden, else one of {@link LABEL_SIDE}. */
export interface LabelPlacement {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly side: Uint8Array;
}

export const LABEL_SIDE = {
  hidden: 0,
  right: 1,
  left: 2,
  below: 3,
  above: 4,
  aboveRight: 5,
  aboveLeft: 6,
  belowRight: 7,
  belowLeft: 8,
} as const;
const SIDES = 8;

export function createLabelPlacement(n: number): LabelPlacement {
  return { x: new Float64Array(n), y: new Float64Array(n), side: new Uint8Array(n) };
}

const PAD = 4;

/**
 * Greedy label placement: each wanted label, in priority order, takes the first side (right,
 * left, below, above, then the four diagonals of its hexagon) where it covers no placed label and no hexagon; failing
 * that (for the first `relaxedCount` labels only), a side that covers only coverable hexagons;
 * failing that, it stays hidden. Writes the label box's left edge (`x`) and vertical middle (`y`)
 * into `out`.
 */
export function placeLabels(input: LabelInput, out: LabelPlacement): void {
  const { centres, radius, widths, textHeight, order, coverable, relaxedCount, viewport } = input;
  const n = out.side.length;
  out.side.fill(LABEL_SIDE.hidden);
  const placed: number[] = Array.from(input.obstacles ?? []);
  const r = radius + 1;
  const hitsHex = (
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    self: number,
    strict: boolean,
  ): boolean => {
    for (let j = 0; j < n; j++) {
      if (j === self || (!strict && coverable[j])) continue;
      const cx = centres[2 * j]!;
      const cy = centres[2 * j + 1]!;
      if (cx + r > x0 && cx - r < x1 && cy + r > y0 && cy - r < y1) return true;
    }
    return false;
  };
  const hitsLabel = (x0: number, y0: number, x1: number, y1: number): boolean => {
    for (let p = 0; p < placed.length; p += 4) {
      if (placed[p]! < x1 && placed[p + 2]! > x0 && placed[p + 1]! < y1 && placed[p + 3]! > y0) return true;
    }
    return false;
  };

  for (let o = 0; o < order.length; o++) {
    const i = order[o]!;
    const w = widths[i]!;
    if (!(w > 0)) continue;
    const cx = centres[2 * i]!;
    const cy = centres[2 * i + 1]!;
    const h = textHeight;
    let done = false;
    const passes = o < relaxedCount ? 2 : 1;
    for (let pass = 0; pass < passes && !done; pass++) {
      for (let side = 1; side <= SIDES && !done; side++) {
        const [x0, yMid] = candidate(side, cx, cy, radius, w, h);
        const y0 = yMid - h / 2;
        const x1 = x0 + w;
        const y1 = yMid + h / 2;
        if (x0 < viewport.x0 || x1 > viewport.x1 || y0 < viewport.y0 || y1 > viewport.y1) continue;
        if (hitsLabel(x0 - 2, y0 - 1, x1 + 2, y1 + 1)) continue;
        if (hitsHex(x0, y0, x1, y1, i, pass === 0)) continue;
        out.x[i] = x0;
        out.y[i] = yMid;
        out.side[i] = side;
        placed.push(x0, y0, x1, y1);
        done = true;
      }
    }
  }
}

/** What the hover tooltip says about a region. */
export interface TooltipText {
  readonly title: string;
  readonly subtitle: string;
  readonly lines: readonly string[];
}

const MARK_TEXT = {
  home: 'Home region (replica)',
  replica: 'Geo-replica',
  available: 'Available for a replica',
  unavailable: 'Unavailable (access restricted)',
} as const;

export function regionTooltip(info: RegionInfo, state: RegionState | undefined): TooltipText {
  const mark = state?.mark ?? (info.accessRestricted ? 'unavailable' : 'available');
  const lines: string[] = [MARK_TEXT[mark]];
  const replica = state?.replica;
  if (state && replica) {
    const status = regionStatus(info, state).split(', ').slice(1).join(', ');
    lines.push(`State: ${status}`);
    if (creatingStuck(state)) lines.push('Provisioning will not finish: delete this replica');
    else if (replica.look === 'creating') lines.push(`Provisioning: ${percent(replica.progress)}%`);
    // Only the initial sync after creation: a Ready replica may still lack recent pushes.
    else if (replica.look === 'syncing') lines.push(`Initial sync: ${percent(replica.progress)}%`);
    lines.push(`Tags: ${replica.tagCount}`);
    const replicating = replicationText(replica);
    if (replicating) lines.push(replicating);
  }
  if (state?.regionOutage) lines.push('Region outage in progress');
  return { title: info.displayName, subtitle: info.name, lines };
}

/**
 * The replication work on its way to a replica: `Replicating: 17% of 5 GB`, `Replicating 2 jobs:
 * 35% of 8 GB`; `Pending replication jobs: 2` while none is moving bytes yet; nothing when none.
 */
function replicationText(replica: NonNullable<RegionState['replica']>): string | undefined {
  const jobs = replica.pendingJobs;
  if (jobs <= 0) return undefined;
  const bytes = replica.replicatingBytes ?? 0;
  if (bytes <= 0) return `Pending replication jobs: ${jobs}`;
  const head = jobs === 1 ? 'Replicating:' : `Replicating ${jobs} jobs:`;
  const done = Math.max(0, Math.min(100, replica.replicatingPercent ?? 0));
  return `${head} ${done}% of ${sizeText(bytes)}`;
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A decimal size with up to three significant digits: `5 GB`, `1.25 GB`, `512 kB`, `12 B`. */
export function sizeText(bytes: number): string {
  let index = 0;
  while (bytes >= 1000 ** (index + 1) && index < SIZE_UNITS.length - 1) index++;
  let value = Number((bytes / 1000 ** index).toPrecision(3));
  // 999,999 bytes rounds to 1000 kB: one unit up reads 1 MB instead.
  if (value >= 1000 && index < SIZE_UNITS.length - 1) {
    index++;
    value = Number((bytes / 1000 ** index).toPrecision(3));
  }
  return `${value} ${SIZE_UNITS[index]}`;
}
