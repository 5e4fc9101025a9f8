import { useEffect, useRef, useState } from 'react';
import { formatClock } from '../../engine/units';
import type { EngineApi, SessionView } from '../engine/api';
import { consoleFor } from '../panels/console-controller';
import { commandMarks, forkSummary } from './scrub';

/** Seeks while dragging are sent at most this often; the last position is always sent. */
const SEEK_INTERVAL_MS = 120;

/**
 * Time travel: a slider over the session's last world, from its start to the furthest time
 * reached. Dragging back rebuilds the world from the log; playing on replays the recorded
 * commands; typing a command in the past forks the session (the old future is kept).
 */
export function Scrubber({ engine }: { engine: EngineApi }) {
  const input = useRef<HTMLInputElement>(null);
  const status = useRef<HTMLSpanElement>(null);
  const dragging = useRef(false);
  const [view, setView] = useState<SessionView | undefined>(() => engine.sessionView());
  const [reviewing, setReviewing] = useState(false);

  useEffect(() => engine.onSession(setView), [engine]);

  useEffect(() => {
    let wasReviewing = false;
    return engine.onFrame((frame) => {
      const el = input.current;
      const head = Math.max(frame.head, frame.time);
      if (el && !dragging.current) {
        el.min = String(Math.floor(frame.origin));
        el.max = String(Math.ceil(head));
        el.value = String(Math.round(frame.time));
        el.setAttribute('aria-valuetext', `${formatClock(frame.time)} of ${formatClock(head)}`);
      }
      if (status.current) status.current.textContent = `${formatClock(frame.time)} / ${formatClock(head)}`;
      const now = frame.time < head - 500;
      if (now !== wasReviewing) {
        wasReviewing = now;
        setReviewing(now);
      }
    });
  }, [engine]);

  // Throttled seeking while the thumb moves (mouse, touch or keys).
  const pending = useRef<number | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Moves the timeline; lines queued in the console for the world shown until now are dropped. */
  const seek = (t: number): void => {
    consoleFor(engine).timelineMoved();
    engine.seek(t);
  };
  const seekSoon = (t: number): void => {
    pending.current = t;
    if (timer.current !== undefined) return;
    seek(t);
    pending.current = undefined;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      if (pending.current !== undefined) seekSoon(pending.current);
    }, SEEK_INTERVAL_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const origin = view?.origin ?? 0;
  const head = view ? Math.max(view.head, view.now) : 0;
  const marks = view ? commandMarks(view, origin, head) : [];
  const fork = view ? forkSummary(view) : undefined;

  return (
    <section className={`scrubber${reviewing ? ' scrubber--reviewing' : ''}`} aria-label="Time travel">
      <label className="scrubber__label" htmlFor="scrubber-range">
        Rewind
      </label>
      <div className="scrubber__track">
        <input
          id="scrubber-range"
          ref={input}
          type="range"
          step={1000}
          defaultValue={0}
          aria-describedby="scrubber-help"
          onPointerDown={() => (dragging.current = true)}
          onPointerUp={() => (dragging.current = false)}
          onBlur={() => (dragging.current = false)}
          onChange={(e) => seekSoon(Number(e.currentTarget.value))}
        />
        <ol className="scrubber__marks" aria-hidden="true">
          {marks.map((m) => (
            <li key={m.index} style={{ left: `${m.percent}%` }} title={`${formatClock(m.t)}  ${m.line}`} />
          ))}
        </ol>
      </div>
      <span className="scrubber__time" ref={status} aria-hidden="true" />
      {reviewing && (
        <button
          type="button"
          className="btn btn--chip"
          onClick={() => seek(head)}
          title="Jump to the furthest point reached"
        >
          Back to live
        </button>
      )}
      <span id="scrubber-help" className={reviewing ? 'scrubber__help' : 'scrubber__help visually-hidden'}>
        {reviewing
          ? 'Viewing the past: play replays the recorded commands; typing a command starts a new branch from here.'
          : 'Drag back (or use the arrow keys) to rewind the session; the world is rebuilt exactly from its commands.'}
      </span>
      {fork && (
        <span className="scrubber__fork" role="status">
          {fork.text}
          <button
            type="button"
            className="btn btn--chip"
            onClick={() => {
              consoleFor(engine).timelineMoved();
              engine.switchBranch(0);
            }}
          >
            Switch to it
          </button>
          <button type="button" className="btn btn--chip" onClick={() => engine.discardBranch(0)}>
            Discard
          </button>
        </span>
      )}
    </section>
  );
}
