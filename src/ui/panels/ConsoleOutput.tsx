import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { ConsoleLine } from './console-lines';

/** Within this many pixels of the bottom counts as "at the bottom": keep following new output. */
const STICKY_SLACK_PX = 24;

const Line = memo(function Line({ line }: { line: ConsoleLine }) {
  return <div className={`console-line console-line--${line.style}`}>{line.text || '\u00a0'}</div>;
});

interface ConsoleOutputProps {
  readonly lines: readonly ConsoleLine[];
  /** Clicking the output (without selecting text) hands focus back to the input. */
  readonly onActivate: () => void;
  readonly children?: ReactNode;
}

/**
 * The console's scrollback, as a live log. It follows new output unless the reader has
 * scrolled up to look at something, and picks up following again once they scroll back down.
 */
export function ConsoleOutput({ lines, onActivate, children }: ConsoleOutputProps) {
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const onScroll = (): void => {
    const el = ref.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= STICKY_SLACK_PX;
  };

  const onMouseUp = (): void => {
    if (window.getSelection()?.isCollapsed ?? true) onActivate();
  };

  return (
    <div
      ref={ref}
      className="console-output"
      role="log"
      aria-label="Console output"
      aria-live="polite"
      tabIndex={0}
      onScroll={onScroll}
      onMouseUp={onMouseUp}
    >
      {lines.map((l) => (
        <Line key={l.id} line={l} />
      ))}
      {children}
    </div>
  );
}
