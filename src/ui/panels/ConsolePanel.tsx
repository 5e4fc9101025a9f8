import './panels.css';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import type { EngineApi } from '../engine/api';
import { useUiStore } from '../store/ui-store';
import { createCommandPump } from './command-pump';
import { consoleFor } from './console-controller';
import { ConsoleOutput } from './ConsoleOutput';

/** Longest a line takes to appear in the input when typed for the room (ms). */
const TYPE_OUT_MS = 600;
const TYPE_OUT_TICK_MS = 16;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export interface ConsolePanelProps {
  readonly engine: EngineApi;
}

/**
 * The push/pull console: a terminal over the engine's console language. The behaviour lives
 * in {@link ConsoleController}; this component is the input, the keys and the layout.
 */
export function ConsolePanel({ engine }: ConsolePanelProps) {
  const controller = consoleFor(engine);
  const { lines, running, queued, held } = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const prompt = useUiStore((s) => s.prompt);
  const [text, setText] = useState('');
  /** A requested line being typed into the input for the room to see; the input is read-only meanwhile. */
  const [typing, setTyping] = useState<string | undefined>(undefined);
  const textRef = useRef(text);
  useEffect(() => {
    textRef.current = text;
  }, [text]);
  const input = useRef<HTMLInputElement>(null);
  const caretAfterRender = useRef<number | undefined>(undefined);
  const hintId = useId();

  // Other panels ask for a command (the CLI equivalent of a click) through the store.
  useEffect(() => {
    const take = (line: string | undefined): void => {
      if (line === undefined) return;
      useUiStore.getState().requestCommand(undefined);
      controller.submit(line);
    };
    take(useUiStore.getState().pendingCommand);
    return useUiStore.subscribe((s) => take(s.pendingCommand));
  }, [controller]);

  // Queued requests (the scenario player, other panels): run one after another, typed out when
  // asked and the input is empty. A request is never lost: after unmount the rest run untyped.
  const cancelBatch = useRef<() => void>(() => undefined);
  useEffect(() => {
    let live = true;
    const { pump, cancel } = createCommandPump(controller, {
      take: () => useUiStore.getState().takeCommandRequests(),
      mayTypeOut: () => live && textRef.current === '' && !prefersReducedMotion(),
      typeOut: async (line, stopped) => {
        const ticks = Math.max(1, Math.min(line.length, Math.floor(TYPE_OUT_MS / TYPE_OUT_TICK_MS)));
        for (let i = 1; i <= ticks && live && !stopped(); i++) {
          setTyping(line.slice(0, Math.ceil((line.length * i) / ticks)));
          await sleep(TYPE_OUT_TICK_MS);
        }
        if (live) setTyping(undefined);
      },
    });
    cancelBatch.current = cancel;
    void pump();
    const unsubscribe = useUiStore.subscribe((s, previous) => {
      if (s.commandRequests !== previous.commandRequests && s.commandRequests.length > 0) void pump();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [controller]);

  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret !== undefined && input.current) input.current.setSelectionRange(caret, caret);
    caretAfterRender.current = undefined;
  });

  const replaceText = (next: string, caret = next.length): void => {
    if (next === textRef.current) {
      // React skips the render for unchanged text, so a caret saved for it would land on a later
      // keystroke: place it now instead.
      caretAfterRender.current = undefined;
      input.current?.setSelectionRange(caret, caret);
      return;
    }
    caretAfterRender.current = caret;
    setText(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const el = e.currentTarget;
    const hasSelection = el.selectionStart !== el.selectionEnd;
    if (typing !== undefined) {
      // A scenario line is being typed out into the input. The presenter's keys go to their own
      // line, shown once the typing is done; Enter queues it to run after the step; Ctrl+C stops
      // the step as it would a running command.
      if (e.key === 'Tab') return;
      e.preventDefault();
      if (e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'c') {
        cancelBatch.current();
        controller.interrupt(typing);
      } else if (e.key === 'Enter') {
        if (text.trim() !== '') controller.submit(text);
        replaceText('');
      } else if (e.key === 'Backspace') {
        replaceText(text.slice(0, -1));
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        replaceText(text + e.key);
      }
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      controller.submit(text);
      replaceText('');
    } else if (e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'c' && !hasSelection) {
      e.preventDefault();
      controller.interrupt(text);
      replaceText('');
    } else if (e.ctrlKey && e.key.toLowerCase() === 'l') {
      e.preventDefault();
      controller.clear();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      replaceText(controller.historyUp(text));
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      replaceText(controller.historyDown(text));
    } else if (e.key === 'Tab' && !e.shiftKey && text.trim() !== '') {
      // Tab on an empty line still moves focus, so the console never traps keyboard users.
      e.preventDefault();
      const asked = text;
      void controller.complete(text, el.selectionStart ?? text.length).then((outcome) => {
        if (input.current?.value === asked) replaceText(outcome.line, outcome.caret);
      });
    }
  };

  return (
    <section className="panel console-panel">
      <header className="panel__header">
        <h2 className="panel__title">Console</h2>
        <span className="panel__meta">
          {running ? <span className="console-busy">running: {running.line}</span> : `client ${prompt}`}
        </span>
      </header>
      <ConsoleOutput lines={lines} onActivate={() => input.current?.focus()} />
      {queued.length > 0 && (
        // One line, so the output keeps its room; opening it lists every queued line.
        <div className="console-queue" role="status">
          <details>
            <summary>
              Queued ({queued.length}),{' '}
              {held ? 'to run after the scenario step' : 'to run when the current command finishes'} (Ctrl+C
              cancels): next <code>{queued[0]}</code>
            </summary>
            {/* Focusable so keyboard users can scroll a list longer than its box. */}
            <ol className="console-queue__list" tabIndex={0} aria-label="Queued commands">
              {queued.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </details>
        </div>
      )}
      <div className={`console-input-row${running ? ' console-input-row--busy' : ''}`}>
        <span className="console-prompt" aria-hidden="true">
          {prompt}$
        </span>
        <input
          ref={input}
          className="console-input"
          aria-label="Console"
          aria-describedby={hintId}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          value={typing ?? text}
          readOnly={typing !== undefined}
          data-typing={typing !== undefined ? 'true' : undefined}
          onChange={(e) => {
            // The browser has placed the caret for what was typed; no earlier request applies.
            caretAfterRender.current = undefined;
            setText(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id={hintId} className="console-hint">
        Enter runs · ↑/↓ history · Tab completes · Ctrl+C cancels · Ctrl+L clears · end a line with &amp; to
        run it in the background · try <code>help</code>
      </p>
    </section>
  );
}
