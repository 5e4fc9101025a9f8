import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { SimEvent } from '../../engine';
import { formatClock } from '../../engine/units';
import type { EngineApi } from '../engine/api';
import { consoleFor } from '../panels/console-controller';
import { useUiStore } from '../store/ui-store';
import {
  markPositions,
  TIMELINE_GROUPS,
  TIMELINE_KIND_LIST,
  timelineMarks,
  timelineSpan,
} from './timeline-marks';
import './timeline.css';

const LIMIT = 500;

/**
 * A thin strip of the session's simulated time with faults, detection, DNS updates, failback and
 * load changes marked on it. The current-time cursor moves per frame through a ref; marks only
 * re-render when events arrive or the visible span grows.
 */
export function TimelineStrip({ engine }: { engine: EngineApi }) {
  const selectRegion = useUiStore((s) => s.selectRegion);
  const [span, setSpan] = useState(() => timelineSpan(0));
  const cursor = useRef<HTMLDivElement>(null);
  const nowText = useRef<HTMLSpanElement>(null);
  const { data } = useQuery({
    queryKey: ['timeline'],
    queryFn: () => engine.query<SimEvent[]>({ kind: 'events', limit: LIMIT, kinds: TIMELINE_KIND_LIST }),
    select: timelineMarks,
  });
  useEffect(() => {
    let lastSpan = span;
    return engine.onFrame((frame) => {
      const s = timelineSpan(frame.time);
      if (s !== lastSpan) {
        lastSpan = s;
        setSpan(s);
      }
      if (cursor.current) cursor.current.style.left = `${Math.min(100, (frame.time / s) * 100)}%`;
      if (nowText.current) nowText.current.textContent = formatClock(frame.time);
    });
  }, [engine, span]);
  /** Rewinds to a mark's moment (within the current world, which began at `origin`). */
  const goTo = (t: number): void => {
    const view = engine.sessionView();
    if (!view || t < view.origin) return;
    consoleFor(engine).timelineMoved();
    engine.seek(t);
  };
  const marks = data ?? [];
  const positions = markPositions(marks, span);
  return (
    <section className="timeline" aria-label="Timeline">
      <span className="timeline__now" title="Current simulated time">
        Now <span ref={nowText}>00:00:00</span>
      </span>
      <div className="timeline__track">
        <span className="timeline__tick timeline__tick--start" aria-hidden="true">
          {formatClock(0).slice(0, -3)}
        </span>
        <span className="timeline__tick timeline__tick--end" aria-hidden="true">
          {formatClock(span).slice(0, -3)}
        </span>
        <ol className="timeline__marks" aria-label="Timeline marks">
          {marks.map((m, i) => (
            <li key={m.seq} style={{ left: `${positions[i]}%` }}>
              <button
                type="button"
                className={`timeline__mark timeline__mark--${m.group}`}
                data-kind={m.kind}
                title={`${formatClock(m.t)} · ${m.text} (click to go back to this moment)`}
                aria-label={`${formatClock(m.t)} ${m.text}`}
                aria-description="Goes back to this moment and selects its region"
                onClick={() => {
                  if (m.region) selectRegion(m.region);
                  goTo(m.t);
                }}
              />
            </li>
          ))}
        </ol>
        <div className="timeline__cursor" ref={cursor} aria-hidden="true" />
      </div>
      <ul className="timeline__legend" aria-label="Timeline legend">
        {TIMELINE_GROUPS.map((g) => (
          <li key={g.id}>
            <span className={`timeline__swatch timeline__mark--${g.id}`} aria-hidden="true" />
            {g.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
