import './panels.css';
import { useEffect, useRef } from 'react';
import { formatClock } from '../../engine/units';
import type { EngineApi } from '../engine/api';
import { useUiStore } from '../store/ui-store';
import {
  formatSpeed,
  SLIDER_STEPS,
  sliderArrowSpeed,
  sliderToSpeed,
  SPEED_PRESETS,
  speedToSlider,
  stepSpeed,
} from './speed-scale';
import { SHORTCUTS_HELP } from './time-shortcuts';
import { useTimeShortcuts } from './useTimeShortcuts';

export interface TimeControlsProps {
  readonly engine: EngineApi;
}

const MINUTE_MS = 60_000;
/** Characters the clock's box is sized for (`00:00:00`); longer text is drawn smaller to fit. */
const CLOCK_CHARS = 8;

/**
 * Play/pause, speed and step buttons, and the simulated clock. The clock changes every frame,
 * so it is written straight into the DOM from the frame subscription; React renders only when
 * playing or speed change.
 */
export function TimeControls({ engine }: TimeControlsProps) {
  const playing = useUiStore((s) => s.playing);
  const speed = useUiStore((s) => s.speed);
  const clock = useRef<HTMLSpanElement>(null);
  /** Speeds this control asked the engine for that no frame has shown yet, oldest first. */
  const requestedSpeeds = useRef<number[]>([]);

  useEffect(() => {
    // Only changes seen in frames reach the store, so a frame that still carries the old speed
    // does not snap the slider back while it is being dragged.
    let lastPlaying: boolean | undefined;
    let lastSpeed: number | undefined;
    let lastLength = CLOCK_CHARS;
    return engine.onFrame((frame) => {
      const text = clock.current;
      if (text) {
        const value = formatClock(frame.time);
        text.textContent = value;
        // Past a day the clock reads `1d 00:00:03`: drawn smaller in the same box, so the header
        // never re-wraps and the map below never changes size (a resize repaints the whole basemap).
        if (value.length !== lastLength) {
          lastLength = value.length;
          text.style.setProperty('--clock-scale', String(Math.min(1, CLOCK_CHARS / value.length)));
        }
      }
      const store = useUiStore.getState();
      if (frame.playing !== lastPlaying) {
        lastPlaying = frame.playing;
        if (store.playing !== frame.playing) store.setPlaying(frame.playing);
      }
      if (frame.speed !== lastSpeed) {
        lastSpeed = frame.speed;
        // A frame the worker drew before it heard our latest change echoes an earlier one: with
        // the arrow keys pressed quickly it would snap the slider back a rung (120× after 300×).
        // A speed nobody here asked for (`sim speed` in the console) always wins.
        const asked = requestedSpeeds.current;
        const i = asked.indexOf(frame.speed);
        if (i >= 0) asked.splice(0, i + 1);
        else asked.length = 0;
        if (asked.length === 0 && store.speed !== frame.speed) store.setSpeed(frame.speed);
      }
    });
  }, [engine]);

  const changeSpeed = (next: number): void => {
    if (next !== useUiStore.getState().speed) requestedSpeeds.current.push(next);
    engine.setSpeed(next);
    useUiStore.getState().setSpeed(next);
  };

  const togglePlay = (): void => {
    if (useUiStore.getState().playing) engine.pause();
    else engine.play();
    useUiStore.getState().setPlaying(!useUiStore.getState().playing);
  };

  useTimeShortcuts((shortcut) => {
    if (shortcut === 'toggle-play') togglePlay();
    else changeSpeed(stepSpeed(useUiStore.getState().speed, shortcut === 'faster' ? 1 : -1));
  });

  return (
    <div className="panel time-controls" role="toolbar" aria-label="Time controls" title={SHORTCUTS_HELP}>
      <span className="time-clock" role="timer" aria-label="Simulated time">
        <span className="time-clock__text" ref={clock}>
          00:00:00
        </span>
      </span>
      <button
        type="button"
        className="btn btn--primary time-play"
        aria-label={playing ? 'Pause' : 'Play'}
        title={`${playing ? 'Pause' : 'Play'} (Space)`}
        onClick={togglePlay}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <div className="time-speed">
        <input
          type="range"
          className="time-speed__slider"
          aria-label="Speed"
          aria-valuetext={formatSpeed(speed)}
          title="Speed, on a log scale from 1× to 3600× (arrow keys, [ and ] step it)"
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={speedToSlider(speed)}
          onChange={(e) => changeSpeed(sliderToSpeed(Number(e.target.value)))}
          onKeyDown={(e) => {
            // One slider position barely changes the speed, so the arrows step the ladder of `[` and `]`.
            if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
            const current = useUiStore.getState().speed;
            const next = sliderArrowSpeed(e.key, current);
            if (next === undefined) return;
            e.preventDefault();
            if (next !== current) changeSpeed(next);
          }}
        />
        <span className="time-speed__value" aria-hidden="true">
          {formatSpeed(speed)}
        </span>
      </div>
      <div className="time-presets" role="group" aria-label="Speed presets">
        {SPEED_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className="btn btn--chip"
            aria-pressed={speed === p}
            onClick={() => changeSpeed(p)}
          >
            {formatSpeed(p)}
          </button>
        ))}
      </div>
      <div className="time-advance" role="group" aria-label="Advance">
        <button
          type="button"
          className="btn"
          aria-label="Advance 1 minute"
          onClick={() => engine.advance(MINUTE_MS)}
        >
          +1 m
        </button>
        <button
          type="button"
          className="btn"
          aria-label="Advance 10 minutes"
          onClick={() => engine.advance(10 * MINUTE_MS)}
        >
          +10 m
        </button>
      </div>
    </div>
  );
}
