import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineApi } from '../engine/api';
import { useUiStore } from '../store/ui-store';
import { HexContextMenu, type HexMenuAnchor } from './HexContextMenu';
import { MapControls } from './MapControls';
import { MapController } from './MapController';
import { RegionButtons } from './RegionButtons';
import './map.css';

/** The country shapes ship with the build (public/world) and are fetched, never bundled. */
const WORLD_URL = `${import.meta.env.BASE_URL}world/countries-110m.json`;
const TOOLTIP_LINES = 6;

export interface MapViewProps {
  readonly engine: EngineApi;
  /** Receives the map's controller once it runs (the dev page's benchmark uses it). */
  readonly onController?: (controller: MapController | undefined) => void;
}

/**
 * The world map: a canvas drawn outside React from engine frames, an accessible button per
 * hexagon over it, zoom controls and a tooltip. Frames never cause a React render.
 */
export function MapView({ engine, onController }: MapViewProps) {
  const surfaceRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<MapController | undefined>(undefined);
  // The latest callback, so a new function identity on each render does not rebuild the map.
  const onControllerRef = useRef(onController);
  const regions = engine.regions;
  const [menu, setMenu] = useState<HexMenuAnchor | undefined>(undefined);
  const viewRef = useRef<HTMLDivElement>(null);

  // The hexagon context menu: right-click on a hexagon, or ContextMenu / Shift+F10 on a focused one.
  useEffect(() => {
    const overlay = overlayRef.current;
    const view = viewRef.current;
    if (!overlay || !view) return;
    const open = (button: HTMLElement, at?: { x: number; y: number }): void => {
      const region = button.dataset.region;
      if (region === undefined) return;
      const box = view.getBoundingClientRect();
      const b = button.getBoundingClientRect();
      // Beside the hexagon, not over it.
      const x = (at?.x ?? b.right + 4) - box.left;
      const y = (at?.y ?? b.top + b.height / 2) - box.top;
      // Keep the menu inside the map.
      setMenu({
        region,
        x: Math.max(4, Math.min(x, box.width - 240)),
        y: Math.max(4, Math.min(y, box.height - 200)),
      });
    };
    const hexOf = (target: EventTarget | null): HTMLElement | null =>
      target instanceof Element ? target.closest<HTMLElement>('.map-hex') : null;
    const onContextMenu = (e: MouseEvent): void => {
      const button = hexOf(e.target);
      if (!button) return;
      e.preventDefault();
      button.focus({ preventScroll: true });
      // A keyboard-triggered contextmenu event reports no pointer position.
      open(
        button,
        e.button === 0 && e.clientX === 0 && e.clientY === 0 ? undefined : { x: e.clientX, y: e.clientY },
      );
    };
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key !== 'ContextMenu' && !(e.shiftKey && e.key === 'F10')) return;
      const button = hexOf(e.target);
      if (!button) return;
      e.preventDefault();
      open(button);
    };
    overlay.addEventListener('contextmenu', onContextMenu);
    overlay.addEventListener('keydown', onKeyDown);
    return () => {
      overlay.removeEventListener('contextmenu', onContextMenu);
      overlay.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  const closeMenu = useCallback(
    (restoreFocus: boolean) => {
      const region = menu?.region;
      setMenu(undefined);
      if (restoreFocus && region !== undefined) {
        overlayRef.current
          ?.querySelector<HTMLElement>(`.map-hex[data-region="${CSS.escape(region)}"]`)
          ?.focus({ preventScroll: true });
      }
    },
    [menu?.region],
  );

  useEffect(() => {
    onControllerRef.current = onController;
  }, [onController]);

  // The open menu names its hexagon; the hover tooltip would only sit under it.
  const menuOpen = menu !== undefined;
  useEffect(() => {
    controllerRef.current?.setTooltipSuppressed(menuOpen);
  }, [menuOpen]);

  useEffect(() => {
    const surface = surfaceRef.current;
    const canvas = canvasRef.current;
    const overlay = overlayRef.current;
    const tooltip = tooltipRef.current;
    if (!surface || !canvas || !overlay || !tooltip) return;
    const controller = new MapController(
      regions,
      { surface, canvas, overlay, tooltip },
      { worldUrl: WORLD_URL, onSelect: (region) => useUiStore.getState().selectRegion(region) },
    );
    controllerRef.current = controller;
    const ui = useUiStore.getState();
    controller.setTheme(ui.theme);
    controller.setSelected(ui.selectedRegion);
    controller.setHighlighted(ui.highlightedRegions);
    const sizeToSurface = (): void => {
      const rect = surface.getBoundingClientRect();
      controller.resize(rect.width, rect.height, window.devicePixelRatio || 1);
    };
    sizeToSurface();
    controller.attach();
    const resizeObserver = new ResizeObserver(sizeToSurface);
    resizeObserver.observe(surface);
    // Browser zoom changes the pixel ratio without resizing the element.
    window.addEventListener('resize', sizeToSurface);
    const unsubscribeFrames = engine.onFrame((frame) => controller.applyFrame(frame));
    // Theme and selection go straight to the controller: no re-render of the map.
    const unsubscribeStore = useUiStore.subscribe((state, previous) => {
      if (state.theme !== previous.theme) controller.setTheme(state.theme);
      if (state.selectedRegion !== previous.selectedRegion) controller.setSelected(state.selectedRegion);
      if (state.highlightedRegions !== previous.highlightedRegions)
        controller.setHighlighted(state.highlightedRegions);
    });
    onControllerRef.current?.(controller);
    return () => {
      onControllerRef.current?.(undefined);
      unsubscribeStore();
      unsubscribeFrames();
      window.removeEventListener('resize', sizeToSurface);
      resizeObserver.disconnect();
      controller.detach();
      controllerRef.current = undefined;
    };
  }, [engine, regions]);

  return (
    <div className="map-view" ref={viewRef}>
      <div className="map-surface" ref={surfaceRef}>
        <canvas ref={canvasRef} className="map-canvas" aria-hidden="true" data-transfers="0" />
        <div ref={overlayRef} className="map-overlay" role="group" aria-label="Regions map">
          <RegionButtons regions={regions} />
        </div>
      </div>
      <div ref={tooltipRef} className="map-tooltip" aria-hidden="true" hidden>
        <strong data-field="title" />
        <code data-field="subtitle" />
        {Array.from({ length: TOOLTIP_LINES }, (_, i) => (
          <span key={i} data-field="line" />
        ))}
      </div>
      <MapControls controller={controllerRef} />
      {menu && <HexContextMenu key={menu.region} anchor={menu} onClose={closeMenu} />}
    </div>
  );
}
