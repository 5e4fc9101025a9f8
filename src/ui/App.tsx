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
import { ErrorBoundary } from './ErrorBoundary';
import { ScenarioPickerHost, ScenariosButton } from './scenarios/ScenarioPicker';
import { ScenarioPlayerDock } from './scenarios/ScenarioPlayer';
import { HelpButton, HelpDialogHost } from './help/HelpDialog';
import { FirstRun } from './help/FirstRun';
import { Scrubber } from './timeline/Scrubber';
import { SessionMenu } from './session/SessionMenu';
import { SessionNotices } from './session/SessionNotices';
import { useAutosave } from './session/useAutosave';
import './app.css';

/** The dashboard: map and legend, region panel and event log beside it, console below, time on top. */
export function App() {
  const engine = useEngine();
  const theme = useUiStore((s) => s.theme);
  useEngineInvalidation(engine);
  useAutosave(engine);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>ACR Geo-Replication Lab</h1>
        <ErrorBoundary name="time-controls">
          <TimeControls engine={engine} />
        </ErrorBoundary>
        <ErrorBoundary name="identity">
          <IdentitySwitcher />
        </ErrorBoundary>
        <ErrorBoundary name="header-actions">
          <div className="header-actions">
            <ScenariosButton />
            <SessionMenu />
            <HelpButton />
            {/* In the same group, so a wrapping header never leaves the toggle on a row of its own. */}
            <ErrorBoundary name="theme">
              <ThemeToggle />
            </ErrorBoundary>
          </div>
        </ErrorBoundary>
      </header>
      <ErrorBoundary name="control-plane-banner">
        <ControlPlaneBanner />
      </ErrorBoundary>
      <ErrorBoundary name="first-run">
        <FirstRun />
      </ErrorBoundary>
      <ErrorBoundary name="timeline">
        <TimelineStrip engine={engine} />
      </ErrorBoundary>
      <ErrorBoundary name="scrubber">
        <Scrubber engine={engine} />
      </ErrorBoundary>
      <ErrorBoundary name="session-notices">
        <SessionNotices />
      </ErrorBoundary>
      <main className="app-main">
        <ErrorBoundary name="scenario-player">
          <ScenarioPlayerDock />
        </ErrorBoundary>
        <section className="map-area" aria-label="World map">
          <ErrorBoundary name="map">
            <MapView engine={engine} />
          </ErrorBoundary>
          <ErrorBoundary name="legend">
            <MapLegend />
          </ErrorBoundary>
        </section>
        <aside className="side">
          <ErrorBoundary name="side-tabs">
            <SideTabs />
          </ErrorBoundary>
          <ErrorBoundary name="log-tabs">
            <LogTabs
              label="Events and charts"
              tabs={[
                {
                  id: 'events',
                  label: 'Events',
                  render: (shown) => (
                    <ErrorBoundary name="events">
                      <EventLogPanel engine={engine} shown={shown} />
                    </ErrorBoundary>
                  ),
                  keepMounted: true,
                },
                {
                  id: 'charts',
                  label: 'Charts',
                  render: () => (
                    <ErrorBoundary name="charts">
                      <ChartsPanel />
                    </ErrorBoundary>
                  ),
                },
                {
                  id: 'webhooks',
                  label: 'Webhooks',
                  render: () => (
                    <ErrorBoundary name="webhooks">
                      <WebhookInbox />
                    </ErrorBoundary>
                  ),
                },
                {
                  id: 'cost',
                  label: 'Cost',
                  render: () => (
                    <ErrorBoundary name="cost">
                      <CostPanel />
                    </ErrorBoundary>
                  ),
                },
              ]}
            />
          </ErrorBoundary>
        </aside>
        <section className="console-area" aria-label="Console">
          <ErrorBoundary name="console">
            <ConsolePanel engine={engine} />
          </ErrorBoundary>
        </section>
      </main>
      <ErrorBoundary name="dialogs">
        <ScenarioPickerHost />
        <HelpDialogHost />
      </ErrorBoundary>
    </div>
  );
}
