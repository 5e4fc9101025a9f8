import './panels.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { SimEvent } from '../../engine';
import type { EngineApi } from '../engine/api';
import { useUiStore } from '../store/ui-store';
import { eventRegions, kindsForFilter } from './event-families';
import { EventFilters, HideRequestsToggle, type EventFilterState } from './EventFilters';
import { EventRow } from './EventRow';
import { useEventsInvalidation } from './useEventsInvalidation';

export interface EventLogPanelProps {
  readonly engine: EngineApi;
  /** False while another tab hides the log: it then stops refreshing (default true). */
  readonly shown?: boolean;
}

/** The most rows the log lists; older ones are reached by filtering. */
const LIMIT = 1000;
/**
 * Rows fetched and drawn at first; "Show older events" at the end fetches this many more, up to LIMIT.
 * At high clock speeds every refresh brings a whole new page of rows, and drawing 200 of them
 * four times a second, when a few dozen fit the panel, was most of a busy frame's script.
 */
const PAGE = 40;
/** How far back the region list looks for regions that have had events. */
const REGION_SCAN_LIMIT = 1000;

/** The event log, newest first, filtered by kind family and region; a row selects its region. */
export function EventLogPanel({ engine, shown = true }: EventLogPanelProps) {
  const [filters, setFilters] = useState<EventFilterState>({
    filter: 'all',
    region: undefined,
    hideRequests: true,
  });
  const selectedRegion = useUiStore((s) => s.selectedRegion);
  const selectRegion = useUiStore((s) => s.selectRegion);
  const [limit, setLimit] = useState(PAGE);
  useEventsInvalidation(engine, shown);

  const events = useQuery({
    queryKey: ['events', filters, limit],
    queryFn: () => {
      const kinds = kindsForFilter(filters.filter, filters.hideRequests);
      return engine.query<SimEvent[]>({
        kind: 'events',
        limit,
        ...(kinds ? { kinds } : {}),
        ...(filters.region ? { region: filters.region } : {}),
      });
    },
    placeholderData: keepPreviousData,
  });
  // Regions offered by the filter: those with any recent event, so the list does not shrink to
  // the selected region once a region is chosen.
  const regions = useQuery({
    queryKey: ['events', 'regions'],
    queryFn: () => engine.query<string[]>({ kind: 'eventRegions', scan: REGION_SCAN_LIMIT }),
  });
  const regionChoices =
    filters.region && !regions.data?.includes(filters.region)
      ? [...(regions.data ?? []), filters.region]
      : (regions.data ?? []);

  const rows = events.data ?? [];
  // While the next page loads, the previous rows stand in for it: the log still counts as full, so
  // the button (and the keyboard focus on it) stays put.
  const full = rows.length >= limit || events.isPlaceholderData;
  const hasMore = limit < LIMIT && full;
  const showMore = (): void => setLimit(Math.min(LIMIT, limit + PAGE));
  // When the last page arrives the button goes; if it had the keyboard focus, the list takes it
  // (at its end) rather than the page's body.
  const list = useRef<HTMLUListElement>(null);
  const moreHadFocus = useRef(false);
  useEffect(() => {
    if (hasMore || !moreHadFocus.current) return;
    moreHadFocus.current = false;
    const rowsShown = list.current?.querySelectorAll<HTMLElement>('.event-row__body');
    const last = rowsShown?.[rowsShown.length - 1];
    if (last instanceof HTMLButtonElement) last.focus();
    else list.current?.focus();
  }, [hasMore]);
  return (
    <section className="panel event-log">
      <header className="panel__header">
        <h2 className="panel__title">Events</h2>
        <span className="event-log__header-end">
          <HideRequestsToggle value={filters} onChange={setFilters} />
          <span className="panel__meta">{full ? `newest ${rows.length}` : `${rows.length} shown`}</span>
        </span>
      </header>
      <EventFilters value={filters} regions={regionChoices} onChange={setFilters} />
      {events.isError ? (
        <p className="event-log__empty" role="alert">
          Could not read the event log: {String(events.error)}
        </p>
      ) : events.isPending ? (
        <p className="event-log__empty">Loading events…</p>
      ) : rows.length === 0 ? (
        <p className="event-log__empty">No events match these filters yet.</p>
      ) : null}
      <ul
        ref={list}
        tabIndex={-1}
        className="event-list"
        aria-label="Event log"
        aria-busy={events.isFetching && events.isPlaceholderData}
      >
        {rows.map((e) => (
          <EventRow
            key={e.seq}
            event={e}
            selected={selectedRegion !== undefined && eventRegions(e).includes(selectedRegion)}
            onSelectRegion={selectRegion}
          />
        ))}
        {hasMore ? (
          <li className="event-log__more">
            <button
              type="button"
              className="btn btn--chip"
              onClick={showMore}
              onFocus={() => (moreHadFocus.current = true)}
              onBlur={() => (moreHadFocus.current = false)}
            >
              Show older events
            </button>
          </li>
        ) : rows.length >= LIMIT ? (
          <li className="event-log__more event-log__end">
            Only the newest 1,000 events are listed. A kind or a region chosen above lists the newest 1,000 of
            those.
          </li>
        ) : null}
      </ul>
    </section>
  );
}
