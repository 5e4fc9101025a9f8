import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { EngineContext } from './ui/engine/context';
import { WorkerEngine } from './ui/engine/worker-client';
import { ErrorBanner } from './ui/ErrorBanner';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { useUiStore } from './ui/store/ui-store';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

/** `?seed=N` starts the world with another seed, for exact repeats. */
function seedFromUrl(): number {
  const raw = new URLSearchParams(location.search).get('seed');
  return raw !== null && /^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff ? Number(raw) : 1;
}

const engine = new WorkerEngine(
  () => new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module' }),
);
const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
const root = createRoot(container);
root.render(<p className="starting">Starting the engine…</p>);

void engine.start({ seed: seedFromUrl(), preset: 'demo' }).then(() => {
  useUiStore.getState().setPrompt(engine.prompt);
  root.render(
    <StrictMode>
      <ErrorBoundary name="app" scope="app">
        <QueryClientProvider client={queryClient}>
          <EngineContext.Provider value={engine}>
            <ErrorBanner engine={engine} />
            <App />
          </EngineContext.Provider>
        </QueryClientProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
});
