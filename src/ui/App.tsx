import { useEffect } from 'react';
import { useEngine } from './engine/context';
import { useEngineInvalidation } from './engine/useInvalidation';
import { MapLegend } from './map/MapLegend';
import { MapView } from './map/MapView';
import { ConsolePanel } from './panels/ConsolePanel';
import { EventLogPanel } from './panels/EventLogPanel';
import { TimeControls } from './panels/TimeControls';
import { ThemeToggle } from './ThemeToggle';
import { IdentitySwitcher } from './IdentitySwitcher';
import { ControlPlaneBanner } from './ControlPlaneBanner';
import { SideTabs } from './clients/SideTabs';
import { ChartsPanel } from './charts/ChartsPanel';
import { LogTabs } from './charts/LogTabs';
import { WebhookInbox } from './webhooks/WebhookInbox';
import { CostPanel } from './cost/CostPanel';
import { TimelineStrip } from './timeline/TimelineStrip';
import { useUiStore } from './store/ui-store';
import './app.css';

/** The dashboard: map and legend, region panel and event log beside it, console below, time on top. */
export function App() {
  const engine = useEngine();
  const theme = useUiStore((s) => s.theme);
  useEngineInvalidation(engine);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>ACR Geo-Replication Lab</h1>
        <TimeControls engine={engine} />
        <IdentitySwitcher />
        <ThemeToggle />
      </header>
      <ControlPlaneBanner />
      <TimelineStrip engine={engine} />
      <main className="app-main">
        <section className="map-area" aria-label="World map">
          <MapView engine={engine} />
          <MapLegend />
        </section>
        <aside className="side">
          <SideTabs />
          <LogTabs
            label="Events and charts"
            tabs={[
              {
                id: 'events',
                label: 'Events',
                render: () => <EventLogPanel engine={engine} />,
                keepMounted: true,
              },
              { id: 'charts', label: 'Charts', render: () => <ChartsPanel /> },
              { id: 'webhooks', label: 'Webhooks', render: () => <WebhookInbox /> },
              { id: 'cost', label: 'Cost', render: () => <CostPanel /> },
            ]}
          />
        </aside>
        <section className="console-area" aria-label="Console">
          <ConsolePanel engine={engine} />
        </section>
      </main>
    </div>
  );
}
