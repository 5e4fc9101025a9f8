import type { RefObject } from 'react';
import type { MapController } from './MapController';

const ZOOM_STEP = 1.6;

/** Zoom in, zoom out and reset buttons in the map's corner. */
export function MapControls({ controller }: { controller: RefObject<MapController | undefined> }) {
  return (
    <div className="map-controls" role="toolbar" aria-label="Map view">
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={() => controller.current?.zoomBy(ZOOM_STEP)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 3v10M3 8h10" />
        </svg>
      </button>
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out (−)"
        onClick={() => controller.current?.zoomBy(1 / ZOOM_STEP)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M3 8h10" />
        </svg>
      </button>
      <button
        type="button"
        aria-label="Reset view"
        title="Reset view (0)"
        onClick={() => controller.current?.resetView()}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />
        </svg>
      </button>
    </div>
  );
}
