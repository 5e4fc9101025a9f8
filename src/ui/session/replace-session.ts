/**
 * One way to replace the whole session (a new session, an imported file, a shared link, the
 * session kept aside, a scenario), so nothing of the old one lingers: the scenario player closes,
 * lines waiting for the console are dropped, the console starts over, and the prompt, the
 * selection and every panel's data follow the new world.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { SessionDoc } from '../../session';
import type { EngineApi } from '../engine/api';
import { consoleFor } from '../panels/console-controller';
import { CANCELLED_EXIT } from '../scenarios/player-logic';
import { useScenarioStore, type SessionOrigin } from '../scenarios/scenario-store';
import { useUiStore } from '../store/ui-store';
import { applyLayout } from './layout';
import { browserStorage, dropPrevious, loadPrevious } from './persistence';
import { useSessionUi } from './session-store';

export interface SessionReplacement {
  /** Hint lines the console starts with, saying what happened. */
  readonly banner: readonly string[];
  /** Where the new session's world comes from ("Export session as scenario" starts there). */
  readonly origin: SessionOrigin;
  /** Replaces the world in the engine; resolves when it is ready. */
  readonly load: () => Promise<void>;
  /** Runs once the new world is ready, before the panels refetch (layout, clock). */
  readonly then?: () => void;
}

/** Replaces the session and resets everything in the page that belonged to the old one. */
export async function replaceSession(
  engine: EngineApi,
  queries: QueryClient,
  replacement: SessionReplacement,
): Promise<void> {
  useScenarioStore.getState().setPlayer(undefined);
  const ui = useUiStore.getState();
  ui.setHighlightedRegions([]);
  // Lines nobody has typed yet belong to the old session.
  for (const request of ui.takeCommandRequests()) request.onDone?.(CANCELLED_EXIT);
  consoleFor(engine).startOver(replacement.banner);
  await replacement.load();
  ui.selectRegion(undefined);
  replacement.then?.();
  ui.setPrompt(engine.prompt);
  useScenarioStore.getState().setOrigin(replacement.origin);
  await queries.invalidateQueries();
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Session ▸ New session: the demo world again, as the lab first opens. */
export function startNewSession(engine: EngineApi, queries: QueryClient): Promise<void> {
  return replaceSession(engine, queries, {
    banner: [
      '# A new session: the demo world again, with nothing run yet.',
      '# Type "help" for the commands, or add --help to any command.',
    ],
    origin: { seed: 1, preset: 'demo' },
    load: () => engine.newSession(1, 'demo'),
  });
}

/**
 * Opens a saved session (an imported file, a shared link, the session kept aside), already
 * validated: replayed from its log, with its layout. `what` names it in the console's first line.
 */
export function openSessionDoc(
  engine: EngineApi,
  queries: QueryClient,
  doc: SessionDoc,
  what: string,
): Promise<void> {
  return replaceSession(engine, queries, {
    banner: [
      `# ${what}: ${plural(doc.log.length, 'command')} replayed from its log.`,
      '# Type "help" for the commands, or add --help to any command.',
    ],
    origin: { seed: doc.seed, preset: doc.preset },
    load: () => engine.restore(doc),
    then: () => applyLayout(doc.layout, engine),
  });
}

/**
 * "Restore my previous session" (from the Session menu or the notice a shared link left): brings
 * back the session a shared link replaced (kept aside in this browser), and forgets the copy. Asks
 * first when the current session has commands of its own, which the restore would replace. Says
 * so when there is nothing to restore. Any notice still offering the restore goes.
 */
export async function restorePreviousSession(
  engine: EngineApi,
  queries: QueryClient,
  confirm: (question: string) => boolean = (q) => window.confirm(q),
): Promise<void> {
  const storage = browserStorage();
  const previous = loadPrevious(storage);
  const { notify, notices, dismiss } = useSessionUi.getState();
  const current = engine.sessionView();
  if (
    previous &&
    current &&
    current.log.length > 0 &&
    !confirm(
      'Restore the session you had before opening a shared link? It replaces the current one (export it first to keep it).',
    )
  )
    return;
  for (const n of notices) if (n.restorePrevious) dismiss(n.id);
  if (!previous) {
    notify({ tone: 'error', text: 'Your previous session is no longer stored in this browser.' });
    return;
  }
  await openSessionDoc(engine, queries, previous, 'Your previous session is back');
  dropPrevious(storage);
  notify({
    tone: 'info',
    text: `Your previous session is back: ${plural(previous.log.length, 'command')} replayed.`,
  });
}
