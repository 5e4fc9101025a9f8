import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { EngineContext } from './ui/engine/context';
import { WorkerEngine } from './ui/engine/worker-client';
import { ErrorBanner } from './ui/ErrorBanner';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { useUiStore } from './ui/store/ui-store';
import { chooseStartup, linkNotices } from './ui/session/persistence';
import { useSessionUi } from './ui/session/session-store';
import { applyLayout } from './ui/session/layout';
import { decodeShare, shareFromHash } from './session';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

/** `?seed=N` starts a fresh world with that seed, for exact repeats (the saved session is not restored). */
function seedFromUrl(): number | undefined {
  const raw = new URLSearchParams(location.search).get('seed');
  return raw !== null && /^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff ? Number(raw) : undefined;
}

/** Local storage, or nothing when the browser refuses it (private modes, policies). */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Removes `#s=…` from the address once read, so a reload does not re-import over later work. */
function dropHash(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

/** Removes `?seed=` once used, so a reload restores the session instead of starting over. */
function dropSeed(): void {
  const url = new URL(location.href);
  url.searchParams.delete('seed');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

const engine = new WorkerEngine(
  () => new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module' }),
);
const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
const root = createRoot(container);
root.render(<p className="starting">Starting the engine…</p>);

const seed = seedFromUrl();
const startup =
  seed === undefined
    ? chooseStartup(location.hash, storage())
    : { doc: undefined, notices: [], consumedHash: false };
if (startup.consumedHash) dropHash();
if (seed !== undefined) dropSeed();
for (const notice of startup.notices) useSessionUi.getState().notify(notice);

/** A share link pasted into this tab while the lab is open: validated first, then confirmed. */
window.addEventListener('hashchange', () => {
  const payload = shareFromHash(location.hash);
  if (payload === undefined) return;
  dropHash();
  const shared = decodeShare(payload);
  const { notify } = useSessionUi.getState();
  if (!shared.ok) {
    notify(linkNotices.refused(shared.error, 'Your current session is unchanged.'));
    return;
  }
  if (!window.confirm('Open the shared session? It replaces the current one (export it first to keep it).'))
    return;
  void engine.restore(shared.doc).then(() => {
    applyLayout(shared.doc.layout, engine);
    notify(linkNotices.opened);
  });
});

const stopProgress = engine.onProgress((fraction) => {
  if (fraction !== undefined)
    root.render(
      <p className="starting" role="status">
        Replaying your saved session… {Math.round(fraction * 100)}%
      </p>,
    );
});

const started = startup.doc
  ? engine.start({ doc: startup.doc })
  : engine.start({ seed: seed ?? 1, preset: 'demo' });
void started.then(() => {
  stopProgress();
  if (startup.doc) applyLayout(startup.doc.layout, engine);
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
