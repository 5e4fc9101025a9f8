/**
 * Colour tables for the map, one per UI theme. The canvas renderer, the legend and the HTML
 * overlays all read these, so a mark looks the same everywhere it is explained.
 */
import { TRANSFER_KIND } from '../protocol/frame';

export type MapThemeName = 'dark' | 'light';

/** Fill, outline and inner-text colours of one kind of hexagon. */
export interface HexPaint {
  readonly fill: string;
  readonly stroke: string;
  readonly text: string;
}

export interface MapTheme {
  readonly name: MapThemeName;
  /** Outside the globe's outline. */
  readonly background: string;
  /** Oceans: the inside of the globe's outline. */
  readonly ocean: string;
  readonly sphereStroke: string;
  readonly graticule: string;
  readonly land: string;
  readonly coast: string;
  readonly border: string;

  readonly home: HexPaint;
  readonly available: HexPaint;
  readonly unavailable: HexPaint;
  /** A replica that is not the home one (Creating, Syncing, Ready). */
  readonly replica: HexPaint;
  /** Real outage: the replica cannot serve (red). */
  readonly outage: HexPaint;
  /** Healthy again but not yet back in the global routing pool (amber). */
  readonly degraded: HexPaint;
  /** Diagonal lines over a replica that is still being provisioned. */
  readonly hatch: string;
  readonly progressTrack: string;
  /** Progress ring while provisioning. */
  readonly creatingRing: string;
  /** Progress ring while the initial sync copies content. */
  readonly syncingRing: string;
  /** Throttle ring (reads last minute ÷ read budget): under 70 %, 70–99 %, at or over budget. */
  readonly throttleOk: string;
  readonly throttleWarn: string;
  readonly throttleOver: string;
  /** Dashed outline of a replica excluded from global-endpoint routing. */
  readonly excluded: string;
  readonly selected: string;
  readonly hovered: string;
  /** Ring and pulse around the regions a guided scenario step is about. */
  readonly highlight: string;
  /** Thin line from a hexagon nudged out of a crowd to the region's true location. */
  readonly leader: string;

  readonly label: string;
  readonly labelMuted: string;
  /** Halo behind text drawn straight on the map. */
  readonly labelHalo: string;
  /** Pill behind replica labels. */
  readonly labelPill: string;
  readonly labelPillStroke: string;
  readonly pendingBadge: HexPaint;

  /** Transfer colours indexed by {@link TRANSFER_KIND}. */
  readonly transfers: readonly [string, string, string, string];

  readonly pin: HexPaint;
  readonly pinCurrent: HexPaint;
  /** Line from a client to the replica its last global-endpoint answer pointed at. */
  readonly servingLine: string;
}

export const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const DARK: MapTheme = {
  name: 'dark',
  background: '#0b0f14',
  ocean: '#0e1729',
  sphereStroke: 'rgba(148, 163, 184, 0.28)',
  graticule: 'rgba(148, 163, 184, 0.07)',
  land: '#1c2638',
  coast: 'rgba(148, 163, 184, 0.30)',
  border: 'rgba(148, 163, 184, 0.16)',

  home: { fill: '#2f7cf6', stroke: '#9cc3ff', text: '#ffffff' },
  available: { fill: 'rgba(34, 197, 94, 0.30)', stroke: '#3ddc84', text: '#d1fae5' },
  unavailable: { fill: 'rgba(100, 116, 139, 0.30)', stroke: '#6b7a90', text: '#cbd5e1' },
  replica: { fill: '#8b5cf6', stroke: '#d2c3ff', text: '#ffffff' },
  outage: { fill: '#e5484d', stroke: '#ffb4b4', text: '#ffffff' },
  degraded: { fill: '#f0a020', stroke: '#ffe0a3', text: '#1f1300' },
  hatch: 'rgba(226, 215, 255, 0.75)',
  progressTrack: 'rgba(148, 163, 184, 0.28)',
  creatingRing: '#d2c3ff',
  syncingRing: '#2dd4bf',
  throttleOk: '#4ade80',
  throttleWarn: '#fbbf24',
  throttleOver: '#f87171',
  excluded: '#f8fafc',
  selected: '#fde047',
  hovered: '#f8fafc',
  highlight: '#38bdf8',
  leader: 'rgba(203, 213, 225, 0.45)',

  label: '#f1f5f9',
  labelMuted: '#cbd5e1',
  labelHalo: 'rgba(10, 15, 28, 0.9)',
  labelPill: 'rgba(15, 23, 42, 0.88)',
  labelPillStroke: 'rgba(148, 163, 184, 0.45)',
  pendingBadge: { fill: '#f0a020', stroke: '#0a0f1c', text: '#1f1300' },

  transfers: ['#f472b6', '#2dd4bf', '#fb923c', '#facc15'],

  pin: { fill: '#cbd5e1', stroke: '#0a0f1c', text: '#e2e8f0' },
  pinCurrent: { fill: '#ffffff', stroke: '#0a0f1c', text: '#ffffff' },
  servingLine: 'rgba(226, 232, 240, 0.55)',
};

const LIGHT: MapTheme = {
  name: 'light',
  background: '#eef1f5',
  ocean: '#dce8f5',
  sphereStroke: 'rgba(71, 85, 105, 0.30)',
  graticule: 'rgba(71, 85, 105, 0.08)',
  land: '#fbfcfe',
  coast: 'rgba(71, 85, 105, 0.38)',
  border: 'rgba(71, 85, 105, 0.20)',

  home: { fill: '#1d64d8', stroke: '#0b3a8a', text: '#ffffff' },
  available: { fill: 'rgba(22, 163, 74, 0.32)', stroke: '#15803d', text: '#064e3b' },
  unavailable: { fill: 'rgba(100, 116, 139, 0.30)', stroke: '#7b8798', text: '#334155' },
  replica: { fill: '#7c3aed', stroke: '#3b1580', text: '#ffffff' },
  outage: { fill: '#dc2626', stroke: '#7f1d1d', text: '#ffffff' },
  degraded: { fill: '#e8930c', stroke: '#7c4a03', text: '#1f1300' },
  hatch: 'rgba(76, 29, 149, 0.7)',
  progressTrack: 'rgba(71, 85, 105, 0.22)',
  creatingRing: '#6d28d9',
  syncingRing: '#0d9488',
  throttleOk: '#15803d',
  throttleWarn: '#b45309',
  throttleOver: '#b91c1c',
  excluded: '#0f172a',
  selected: '#c2410c',
  hovered: '#0f172a',
  highlight: '#0369a1',
  leader: 'rgba(51, 65, 85, 0.5)',

  label: '#0f172a',
  labelMuted: '#334155',
  labelHalo: 'rgba(251, 252, 254, 0.92)',
  labelPill: 'rgba(255, 255, 255, 0.94)',
  labelPillStroke: 'rgba(71, 85, 105, 0.40)',
  pendingBadge: { fill: '#d97706', stroke: '#ffffff', text: '#ffffff' },

  transfers: ['#db2777', '#0d9488', '#ea580c', '#ca8a04'],

  pin: { fill: '#475569', stroke: '#ffffff', text: '#1e293b' },
  pinCurrent: { fill: '#0f172a', stroke: '#ffffff', text: '#0f172a' },
  servingLine: 'rgba(30, 41, 59, 0.55)',
};

export const MAP_THEMES: Readonly<Record<MapThemeName, MapTheme>> = { dark: DARK, light: LIGHT };

/** Where the throttle ring turns amber (fraction of the read budget); red at 1 (429s). */
export const THROTTLE_WARN = 0.7;

/** Colour of the throttle ring for a reads-per-minute fraction of budget. */
export function throttleColour(theme: MapTheme, fraction: number): string {
  if (fraction >= 1) return theme.throttleOver;
  if (fraction >= THROTTLE_WARN) return theme.throttleWarn;
  return theme.throttleOk;
}

/** Legend wording for each transfer kind, indexed like {@link MapTheme.transfers}. */
export const TRANSFER_LABELS: Readonly<Record<keyof typeof TRANSFER_KIND, string>> = {
  replication: 'Replication between replicas',
  sync: 'Initial sync of a new replica',
  upload: 'Push from a client',
  download: 'Pull to a client',
};
