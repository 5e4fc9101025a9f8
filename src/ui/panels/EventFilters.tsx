import { EVENT_FILTERS, type EventFilterId } from './event-families';

export interface EventFilterState {
  readonly filter: EventFilterId;
  readonly region: string | undefined;
  readonly hideRequests: boolean;
}

interface EventFiltersProps {
  readonly value: EventFilterState;
  readonly regions: readonly string[];
  readonly onChange: (next: EventFilterState) => void;
}

/** The event log's kind and region filters (one row; "hide requests" sits in the panel's header). */
export function EventFilters({ value, regions, onChange }: EventFiltersProps) {
  return (
    <div className="event-filters">
      <label className="field">
        <span className="field__label">Kind</span>
        <select
          value={value.filter}
          onChange={(e) => onChange({ ...value, filter: e.target.value as EventFilterId })}
        >
          {EVENT_FILTERS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Region</span>
        <select
          value={value.region ?? ''}
          onChange={(e) => onChange({ ...value, region: e.target.value === '' ? undefined : e.target.value })}
        >
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The event log's "hide requests" switch (off and greyed while the Requests filter is chosen). */
export function HideRequestsToggle({ value, onChange }: Omit<EventFiltersProps, 'regions'>) {
  const requestsOnly = value.filter === 'requests';
  return (
    <label
      className="field field--check"
      title={requestsOnly ? 'The Requests filter always shows requests' : ''}
    >
      <input
        type="checkbox"
        checked={!requestsOnly && value.hideRequests}
        disabled={requestsOnly}
        onChange={(e) => onChange({ ...value, hideRequests: e.target.checked })}
      />
      <span>Hide requests</span>
    </label>
  );
}
