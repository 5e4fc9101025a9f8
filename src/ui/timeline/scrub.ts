import { formatClock } from '../../engine/units';
import type { SessionView } from '../engine/api';
import type { LogEntry } from '../../session';

/** Most command marks drawn on the slider; beyond that they would merge into a bar anyway. */
const MAX_MARKS = 200;

export interface CommandMark {
  readonly index: number;
  readonly t: number;
  readonly line: string;
  /** Position along the slider, 0..100. */
  readonly percent: number;
}

/** Marks for the commands of the last world, placed between its start and the head. */
export function commandMarks(
  view: Pick<SessionView, 'log' | 'worldStart'>,
  origin: number,
  head: number,
): CommandMark[] {
  const span = Math.max(1, head - origin);
  const marks: CommandMark[] = [];
  for (let i = view.worldStart; i < view.log.length; i++) {
    const e = view.log[i]!;
    if (!('line' in e)) continue;
    marks.push({
      index: i,
      t: e.t,
      line: e.line,
      percent: Math.min(100, Math.max(0, ((e.t - origin) / span) * 100)),
    });
  }
  return marks.length <= MAX_MARKS
    ? marks
    : marks.filter((_, i) => i % Math.ceil(marks.length / MAX_MARKS) === 0);
}

/** Whether two log entries are the same command (or cancel) at the same time. */
function sameEntry(a: LogEntry, b: LogEntry): boolean {
  if (a.t !== b.t) return false;
  if ('line' in a) return 'line' in b && a.line === b.line;
  return 'cancel' in b && a.cancel === b.cancel;
}

/**
 * What the newest set-aside branch holds, in a sentence (or nothing when there is none). Its
 * commands "after the fork" are those past the part of the log both timelines share: counting by
 * time alone missed a fork's own first command, logged at exactly the fork time.
 */
export function forkSummary(view: Pick<SessionView, 'branches' | 'log'>): { text: string } | undefined {
  const b = view.branches[0];
  if (!b) return undefined;
  let shared = 0;
  while (shared < b.log.length && shared < view.log.length && sameEntry(b.log[shared]!, view.log[shared]!))
    shared++;
  const after = b.log.filter((e, i) => i >= shared && i >= b.worldStart && 'line' in e).length;
  const more = view.branches.length > 1 ? ` (${view.branches.length - 1} older kept too)` : '';
  return {
    text: `Branched at ${formatClock(b.forkTime)}. The other branch (${after} command${after === 1 ? '' : 's'} after that, to ${formatClock(b.head)}) is kept${more}.`,
  };
}
