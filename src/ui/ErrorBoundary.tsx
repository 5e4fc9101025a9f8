import { Component, type ErrorInfo, type ReactNode } from 'react';
import './error-boundary.css';

declare global {
  interface Window {
    /**
     * Test hook: the `name` of one boundary whose CrashProbe throws while rendering (set it with
     * Playwright's `page.addInitScript` or `page.evaluate`). It can only break the panel it names, and
     * that panel's boundary catches it; nothing in the app sets it.
     */
    __labCrash?: string;
  }
}

interface Props {
  /** Which panel this is: shown nowhere, used in the console log and by the `__labCrash` test hook. */
  readonly name: string;
  /** `app` for the root boundary in main.tsx; panels by default. */
  readonly scope?: 'panel' | 'app';
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** The longest error message the fallback shows; the whole error goes to the console. */
const MAX_MESSAGE = 200;

/**
 * Catches a render error in one panel and shows a compact fallback in its place, so one broken panel
 * never blanks the lab. The stack trace goes to `console.error` only. "Try again" renders the panel anew.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The "${this.props.name}" panel failed to render:`, error, info.componentStack);
  }

  private readonly reset = (): void => this.setState({ error: null });

  override render(): ReactNode {
    const { error } = this.state;
    const { name, scope = 'panel', children } = this.props;
    if (error === null) {
      return (
        <>
          <CrashProbe name={name} />
          {children}
        </>
      );
    }
    const message = summary(error);
    return (
      <div className={`panel-error panel-error--${scope}`} role="alert" data-boundary={name}>
        {scope === 'app' ? (
          <p>
            <strong>The lab hit a problem:</strong> {message}. Try again, or reload the page to start over.
          </p>
        ) : (
          <p>
            <strong>This panel hit a problem:</strong> {message}. The rest of the lab keeps working.
          </p>
        )}
        <div className="panel-error__actions">
          <button type="button" onClick={this.reset}>
            Try again
          </button>
          {scope === 'app' && (
            <button type="button" onClick={() => location.reload()}>
              Reload
            </button>
          )}
        </div>
      </div>
    );
  }
}

/** One line of the error's message, without a trailing full stop, capped at MAX_MESSAGE characters. */
function summary(error: Error): string {
  const line =
    (error.message.split('\n')[0] ?? '').trim().replace(/\.+$/, '') || error.name || 'unknown error';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** Throws while rendering when `window.__labCrash` names this boundary (the e2e tests' crash hook). */
function CrashProbe({ name }: { name: string }): null {
  if (typeof window !== 'undefined' && window.__labCrash === name) {
    throw new Error(`Simulated failure in the ${name} panel`);
  }
  return null;
}
