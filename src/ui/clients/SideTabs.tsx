import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { RegionPanel } from '../region/RegionPanel';
import { useUiStore } from '../store/ui-store';
import { ClientsPanel } from './ClientsPanel';
import { NetworkPanel } from '../network/NetworkPanel';
import { ErrorBoundary } from '../ErrorBoundary';

const TABS = [
  { id: 'region', label: 'Region' },
  { id: 'clients', label: 'Clients' },
  { id: 'network', label: 'Network' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/**
 * The right column's tabs: the selected region, or the clients and clusters. Selecting a hexagon
 * switches to the Region tab.
 */
export function SideTabs() {
  const [tab, setTab] = useState<TabId>('region');
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  useEffect(
    () =>
      useUiStore.subscribe((state, previous) => {
        if (state.selectedRegion !== undefined && state.selectedRegion !== previous.selectedRegion) {
          setTab('region');
        }
      }),
    [],
  );
  const onKey = (e: KeyboardEvent): void => {
    const i = TABS.findIndex((t) => t.id === tab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i + TABS.length - 1) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const t = TABS[next]!;
    setTab(t.id);
    refs.current[t.id]?.focus();
  };
  return (
    <div className="side-tabs">
      <div className="tablist" role="tablist" aria-label="Side panel" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-controls={`${base}-panel-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${base}-panel-${t.id}`}
          aria-labelledby={`${base}-tab-${t.id}`}
          className="tabpanel"
          hidden={tab !== t.id}
        >
          {tab === t.id && (
            <ErrorBoundary name={t.id}>
              {t.id === 'region' ? <RegionPanel /> : t.id === 'clients' ? <ClientsPanel /> : <NetworkPanel />}
            </ErrorBoundary>
          )}
        </div>
      ))}
    </div>
  );
}
