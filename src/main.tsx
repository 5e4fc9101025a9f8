import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { EngineContext } from './ui/engine/context';
import { WorkerEngine } from './ui/engine/worker-client';
import { ErrorBanner } from './ui/ErrorBanner';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { useUiStore } from './ui/store/ui-store';
import { browserStorage, chooseStartup, linkNotices, replacedByLink } from './ui/session/persistence';
import { useSessionUi } from './ui/session/session-store';
import { applyLayout, currentLayout } from './ui/session/layout';
import { openSessionDoc } from './ui/session/replace-session';
import { decodeShare, shareFromHash } from './session';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

/** `?seed=N` starts a fresh world with that seed, for exact repeats (the saved session is not restored). */
function seedFromUrl(): number | undefined {
  const raw = new URLSearchParams(location.search).get('seed');
  return raw !== null && /^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff ? Number(raw) : undefined;
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
    ? chooseStartup(location.hash, browserStorage())
    : { doc: undefined, notices: [], consumedHash: false };
if (startup.consumedHash) dropHash();
if (seed !== undefined) dropSeed();
for (const notice of startup.notices) useSessionUi.getState().notify(notice);

/**
 * A share link pasted into this tab while the lab is open: validated first, then confirmed. The
 * current session is kept aside (offered back, as when a link opens a new page), and everything
 * of the old session in the page (scenario player, console, selection) is reset.
 */
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
  const current = engine.sessionDoc(currentLayout());
  const question =
    current && current.log.length > 0
      ? 'Open the shared session? It replaces the current one, which is kept aside: Session ▸ Restore my previous session brings it back.'
      : 'Open the shared session? It replaces the current one.';
  if (!window.confirm(question)) return;
  const notice = replacedByLink(browserStorage(), current);
  void openSessionDoc(engine, queryClient, shared.doc, 'Opened the shared session from the link').then(() =>
    notify(notice),
  );
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
