import { formatClock, type SimEvent } from '../engine';

/** Describes an event in one short line. */
function describe(e: SimEvent): string {
  switch (e.kind) {
    case 'request':
      return `${e.client} ${e.method} ${e.path} → ${e.status}${e.code ? ` ${e.code}` : ''} (served by ${e.location} via the ${e.endpoint} endpoint)`;
    case 'replication.applied':
      return `${e.repository}${e.tag ? `:${e.tag}` : ''} replicated ${e.from} → ${e.to} in ${(e.lagMs / 1000).toFixed(1)} s`;
    case 'push.committed':
      return `push of ${e.repository}${e.tag ? `:${e.tag}` : ''} committed in ${e.location}`;
    default: {
      const { kind: _kind, t: _t, seq: _seq, ...rest } = e;
      return Object.values(rest).join(' · ');
    }
  }
}

export function EventList({ events, limit }: { events: readonly SimEvent[]; limit: number }) {
  const recent = events.slice(-limit).reverse();
  return (
    <ol aria-label="Event log" reversed>
      {recent.map((e) => (
        <li key={e.seq}>
          <time>{formatClock(e.t)}</time> <strong>{e.kind}</strong> {describe(e)}
        </li>
      ))}
    </ol>
  );
}
