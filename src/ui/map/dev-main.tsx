/**
 * The map's dev page (`/map-dev.html`, served by `npx vite`; not part of the production build):
 * the map over a fake engine. Query parameters:
 * - `theme=light` — the light theme;
 * - `layout=app` — the map in the dashboard's grid cell instead of the whole window;
 * - `select=westeurope` — a selected region; `legend=closed` — legend folded;
 * - `frozen=12` — freeze the fake's clock at 12 s (repeatable screenshots);
 * - `bench=1` — 300 transfers and 10 clients; logs the p50/p95 draw time over 300 frames
 *   (`flush=1` adds the time to rasterise each frame).
 */
import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { useUiStore } from '../store/ui-store';
import { createFakeMapEngine } from './dev-fake-engine';
import type { MapController } from './MapController';
import { MapLegend } from './MapLegend';
import { MapView } from './MapView';
import './dev-page.css';

const params = new URLSearchParams(location.search);
const bench = params.has('bench');
const frozen = params.get('frozen');
const engine = createFakeMapEngine({
  transfers: bench ? 300 : 0,
  clients: bench ? 10 : 0,
  frozenAt: frozen === null ? undefined : Number(frozen),
});
const theme = params.get('theme') === 'light' ? 'light' : 'dark';
document.documentElement.dataset.theme = theme;
useUiStore.setState({ theme, selectedRegion: params.get('select') ?? undefined });
useUiStore.subscribe((s) => (document.documentElement.dataset.theme = s.theme));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/**
 * Collects 300 draw durations after a short warm-up and prints their distribution. With
 * `flush=1` each sample also includes rasterising the frame (a 1-pixel read-back forces it).
 */
function runBenchmark(controller: MapController): void {
  const samples: number[] = [];
  let warmup = 30;
  const flush = params.has('flush');
  const canvas = document.querySelector<HTMLCanvasElement>('.map-canvas');
  const context = canvas?.getContext('2d');
  controller.onDrawn = (ms) => {
    if (warmup-- > 0) return;
    let total = ms;
    if (flush && context) {
      const start = performance.now();
      context.getImageData(0, 0, 1, 1);
      total += performance.now() - start;
    }
    samples.push(total);
    if (samples.length < 300) return;
    controller.onDrawn = undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    const result = {
      flush,
      frames: sorted.length,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      max: sorted[sorted.length - 1],
      hexes: controller.scene.count,
      transfers: controller.scene.transfers.length / 6,
      clients: controller.scene.clients.length,
    };
    console.log('map draw benchmark', JSON.stringify(result));
    const out = document.getElementById('bench-result');
    if (out) out.textContent = JSON.stringify(result);
  };
}

function DevPage() {
  const selected = useUiStore((s) => s.selectedRegion);
  const onController = useCallback((controller: MapController | undefined) => {
    // Handy from the devtools console and from screenshot scripts.
    (window as unknown as { mapController?: MapController }).mapController = controller;
    if (controller && bench) runBenchmark(controller);
  }, []);
  const map = (
    <section className="map-area" aria-label="World map">
      <MapView engine={engine} onController={onController} />
      {params.get('legend') !== 'none' && <MapLegend />}
    </section>
  );
  if (params.get('layout') !== 'app') {
    return (
      <div className="map-dev map-dev--full">
        {map}
        <pre id="bench-result" />
      </div>
    );
  }
  return (
    <div className="map-dev map-dev--app">
      <header>
        ACR Geo-Replication Lab — map dev page · selected: <strong>{selected ?? 'none'}</strong>
        <button
          type="button"
          onClick={() => useUiStore.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          Toggle theme
        </button>
      </header>
      {map}
      <aside>Side panels</aside>
      <footer>Console</footer>
      <pre id="bench-result" />
    </div>
  );
}

if (params.get('legend') === 'closed') {
  requestAnimationFrame(() => document.querySelector('.map-legend details')?.removeAttribute('open'));
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DevPage />
  </StrictMode>,
);
