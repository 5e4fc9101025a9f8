import type { SimEvent, SimEventKind } from '../../engine';
import { eventRegion } from '../../engine/events';

/** What the timeline strip marks, and how each kind is named in its legend. */
export const TIMELINE_KINDS = {
  'outage.start': 'Outage starts',
  'outage.end': 'Outage ends',
  'health.detected': 'Failure detected',
  'dns.updated': 'DNS updated',
  'health.failback': 'Failback',
  'load.started': 'Load started',
  'load.stopped': 'Load stopped',
} as const satisfies Partial<Record<SimEventKind, string>>;

export type TimelineKind = keyof typeof TIMELINE_KINDS;
export const TIMELINE_KIND_LIST = Object.keys(TIMELINE_KINDS) as TimelineKind[];

/** Legend groups: one colour and glyph each. */
export const TIMELINE_GROUPS = [
  { id: 'fault', label: 'Fault', kinds: ['outage.start', 'outage.end'] },
  { id: 'detect', label: 'Detection', kinds: ['health.detected'] },
  { id: 'dns', label: 'DNS update', kinds: ['dns.updated'] },
  { id: 'failback', label: 'Failback', kinds: ['health.failback'] },
  { id: 'load', label: 'Load', kinds: ['load.started', 'load.stopped'] },
] as const;

export type TimelineGroup = (typeof TIMELINE_GROUPS)[number]['id'];

export function groupOf(kind: TimelineKind): TimelineGroup {
  return TIMELINE_GROUPS.find((g) => (g.kinds as readonly string[]).includes(kind))!.id;
}

export interface TimelineMark {
  readonly seq: number;
  readonly t: number;
  readonly kind: TimelineKind;
  readonly group: TimelineGroup;
  readonly region: string | undefined;
  readonly text: string;
}

export function isTimelineEvent(e: SimEvent): e is SimEvent & { kind: TimelineKind } {
  return e.kind in TIMELINE_KINDS;
}

/** A one-line description of a mark (its tooltip and accessible name). */
export function markText(e: SimEvent & { kind: TimelineKind }): string {
  const what = TIMELINE_KINDS[e.kind];
  switch (e.kind) {
    case 'outage.start':
    case 'outage.end':
      return `${what}: ${e.scope} ${e.location}${e.registry ? ` (${e.registry})` : ''}`;
    case 'health.detected':
    case 'health.failback':
      return `${what}: ${e.registry} ${e.location}`;
    case 'dns.updated':
      return `${what}: ${e.registry} → ${e.pool.join(', ') || 'empty pool'}`;
    case 'load.started':
      return `${what}: ${e.generator} in ${e.location}, ${e.pullsPerMinute.toLocaleString('en-US')} pulls/min`;
    case 'load.stopped':
      return `${what}: ${e.generator} in ${e.location}`;
  }
}

/** Marks in time order, oldest first. */
export function timelineMarks(events: readonly SimEvent[]): TimelineMark[] {
  const out: TimelineMark[] = [];
  for (const e of events) {
    if (!isTimelineEvent(e)) continue;
    out.push({
      seq: e.seq,
      t: e.t,
      kind: e.kind,
      group: groupOf(e.kind),
      region: eventRegion(e),
      text: markText(e),
    });
  }
  return out.sort((a, b) => a.t - b.t || a.seq - b.seq);
}

/** The visible span: the session so far rounded up to a step, so marks rarely move. */
export function timelineSpan(now: number): number {
  const steps = [10, 30, 60, 120, 240, 480, 720, 1440].map((m) => m * 60_000);
  for (const s of steps) if (now <= s * 0.95) return s;
  const day = 1440 * 60_000;
  return Math.ceil(now / 0.95 / day) * day;
}

/**
 * Horizontal positions (percent of the span) for marks in time order, nudged apart so marks at
 * the same moment (an outage detected and DNS updated together) stay visible side by side.
 */
export function markPositions(marks: readonly TimelineMark[], span: number, minGap = 0.7): number[] {
  const out: number[] = [];
  let prev = -Infinity;
  for (const m of marks) {
    const p = Math.max(Math.min(100, (m.t / span) * 100), prev + minGap);
    out.push(p);
    prev = p;
  }
  return out;
}
