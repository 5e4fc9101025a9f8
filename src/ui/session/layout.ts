import type { Layout } from '../../session';
import type { EngineApi } from '../engine/api';
import { useUiStore } from '../store/ui-store';

/** The dashboard layout worth keeping with a session (what a presenter set up for the room). */
export function currentLayout(): Layout {
  const s = useUiStore.getState();
  const layout: { -readonly [K in keyof Layout]: Layout[K] } = {
    theme: s.theme,
    speed: Math.min(36_000, Math.max(1, s.speed)),
    playing: s.playing,
  };
  if (s.registry && /^[a-zA-Z0-9]{5,50}$/.test(s.registry)) layout.registry = s.registry;
  if (s.selectedRegion && /^[a-z0-9]{2,40}$/.test(s.selectedRegion)) layout.selectedRegion = s.selectedRegion;
  return layout;
}

/** Puts a saved layout back: theme, selection, registry, and the clock's speed and play state. */
export function applyLayout(layout: Layout, engine: EngineApi): void {
  const s = useUiStore.getState();
  if (layout.theme) s.setTheme(layout.theme);
  if (layout.registry) {
    s.setRegistry(layout.registry);
    engine.selectRegistry(layout.registry);
  }
  s.selectRegion(layout.selectedRegion);
  if (layout.speed !== undefined) {
    engine.setSpeed(layout.speed);
    s.setSpeed(layout.speed);
  }
  if (layout.playing !== undefined) {
    if (layout.playing) engine.play();
    else engine.pause();
    s.setPlaying(layout.playing);
  }
}
