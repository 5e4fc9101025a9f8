import { memo } from 'react';
import type { SimEvent } from '../../engine';
import { formatClock } from '../../engine/units';
import { describeEvent } from './describeEvent';
import { eventBadge, eventFamily, eventRegion, eventSeverity } from './event-families';

interface EventRowProps {
  readonly event: SimEvent;
  readonly selected: boolean;
  readonly onSelectRegion: (region: string) => void;
}

/** One event: time, a badge coloured by family, a sentence, and the region (a button to select it). */
export const EventRow = memo(function EventRow({ event, selected, onSelectRegion }: EventRowProps) {
  const region = eventRegion(event);
  const severity = eventSeverity(event);
  const body = (
    <>
      <time className="event-row__time">{formatClock(event.t)}</time>
      <span className="event-badge" data-family={eventFamily(event.kind)} data-severity={severity}>
        {eventBadge(event.kind)}
      </span>
      <span className="event-row__text">{describeEvent(event)}</span>
      <span className="event-row__region">{region ?? ''}</span>
    </>
  );
  return (
    <li className="event-row" data-severity={severity} data-selected={selected || undefined}>
      {region === undefined ? (
        <div className="event-row__body">{body}</div>
      ) : (
        <button
          type="button"
          className="event-row__body"
          title={`Select ${region} on the map`}
          onClick={() => onSelectRegion(region)}
        >
          {body}
        </button>
      )}
    </li>
  );
});
