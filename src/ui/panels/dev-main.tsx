/**
 * The panels' dev page (`/panels-dev.html`): the console, time controls and event log over a
 * main-thread fake of the engine, for working on them apart from the rest of the dashboard.
 * `?theme=light` picks the light theme; `?engine=worker` uses the real engine worker instead.
 */
import './dev-page.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { EngineApi } from '../engine/api';
import { WorkerEngine } from '../engine/worker-client';
import { useUiStore } from '../store/ui-store';
import { ConsolePanel } from './ConsolePanel';
import { createFakeEngine } from './dev-fake-engine';
import { EventLogPanel } from './EventLogPanel';
import { TimeControls } from './TimeControls';

const params = new URLSearchParams(location.search);
document.documentElement.dataset.theme = params.get('theme') === 'light' ? 'light' : 'dark';

async function startEngine(): Promise<EngineApi> {
  if (params.get('engine') !== 'worker') return createFakeEngine(1);
  // Only a URL of the worker entry, as src/main.tsx does; nothing here imports worker code.
  const worker = new WorkerEngine(
    () => new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' }),
  );
  await worker.start({ seed: 1, preset: 'demo' });
  return worker;
}

const engine = await startEngine();
const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });

function DevPage() {
  const selected = useUiStore((s) => s.selectedRegion);
  const requestCommand = useUiStore((s) => s.requestCommand);
  return (
    <div className="dev-page">
      <TimeControls engine={engine} />
      <div className="dev-page__bar">
        <span>
          Selected region: <strong>{selected ?? 'none'}</strong>
        </span>
        <button
          type="button"
          className="btn"
          onClick={() => requestCommand('az acr replication list -r myregistry -o table')}
        >
          Simulate a panel click (list replicas)
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            const root = document.documentElement;
            root.dataset.theme = root.dataset.theme === 'light' ? 'dark' : 'light';
          }}
        >
          Toggle theme
        </button>
      </div>
      <div className="dev-page__main">
        <ConsolePanel engine={engine} />
        <EventLogPanel engine={engine} />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <DevPage />
    </QueryClientProvider>
  </StrictMode>,
);
