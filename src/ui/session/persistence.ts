import {
  decodeSessionJson,
  decodeShare,
  encodeSessionJson,
  shareFromHash,
  type SessionDoc,
} from '../../session';

/** Where the session is kept between visits. */
export const STORAGE_KEY = 'acr-lab:session';
/** Where the saved session is kept aside when a shared link replaces it, until the user restores it. */
export const PREVIOUS_KEY = 'acr-lab:session-before-link';

/** Local storage, or nothing when the browser refuses it (private modes, policies). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export type Saved =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly doc: SessionDoc }
  /** Something is stored but cannot be used: kept verbatim so the user can download it. */
  | { readonly kind: 'corrupt'; readonly raw: string; readonly error: string };

/** Reads the saved session, never throwing (storage may be disabled or full of garbage). */
export function loadSaved(storage: Pick<Storage, 'getItem'> | undefined): Saved {
  let raw: string | null;
  try {
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (raw === null) return { kind: 'none' };
  const decoded = decodeSessionJson(raw);
  return decoded.ok ? { kind: 'ok', doc: decoded.doc } : { kind: 'corrupt', raw, error: decoded.error };
}

/** Saves the session; returns why not when storage refuses (quota, private mode). */
export function saveSession(
  storage: Pick<Storage, 'setItem'> | undefined,
  doc: SessionDoc,
): string | undefined {
  try {
    storage?.setItem(STORAGE_KEY, encodeSessionJson(doc));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : 'the browser refused to store it';
  }
}

/**
 * Keeps a session aside under {@link PREVIOUS_KEY} before a shared one replaces it; returns why
 * not when storage refuses.
 */
export function keepPrevious(
  storage: Pick<Storage, 'setItem'> | undefined,
  doc: SessionDoc,
): string | undefined {
  if (!storage) return 'this browser does not let the lab store anything';
  try {
    storage.setItem(PREVIOUS_KEY, encodeSessionJson(doc));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : 'the browser refused to store it';
  }
}

/** The session kept aside when a shared link replaced it, if there is one and it can be read. */
export function loadPrevious(storage: Pick<Storage, 'getItem'> | undefined): SessionDoc | undefined {
  try {
    const raw = storage?.getItem(PREVIOUS_KEY) ?? null;
    if (raw === null) return undefined;
    const decoded = decodeSessionJson(raw);
    return decoded.ok ? decoded.doc : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the session kept aside (it has been restored). */
export function dropPrevious(storage: Pick<Storage, 'removeItem'> | undefined): void {
  try {
    storage?.removeItem(PREVIOUS_KEY);
  } catch {
    // Nothing to do: it stays stored, and is offered again.
  }
}

/** A notice for the user about how the session started. */
export interface StartupNotice {
  readonly tone: 'error' | 'info';
  readonly text: string;
  /** Data the user may want to keep (the unreadable saved copy), with the button's label. */
  readonly download?: { readonly filename: string; readonly content: string; readonly label?: string };
  /** Offers "Restore my previous session": the session a shared link replaced was kept aside. */
  readonly restorePrevious?: boolean;
}

export interface Startup {
  /** The session to restore, if any (otherwise a fresh demo world). */
  readonly doc: SessionDoc | undefined;
  readonly notices: readonly StartupNotice[];
  /** Whether the `#s=` fragment was consumed and should be removed from the address. */
  readonly consumedHash: boolean;
}

/** What the user is told about a share link: opened, or refused and why (`outcome` says what happened instead). */
export const linkNotices = {
  opened: { tone: 'info', text: 'Opened the shared session from the link.' } satisfies StartupNotice,
  /** Opened over the user's own session, which was kept aside and can be restored. */
  openedKeptPrevious: (commands: number): StartupNotice => ({
    tone: 'info',
    text: `Opened the shared session from the link. Your own session (${commands} command${commands === 1 ? '' : 's'}) was kept: restore it here or later from the Session menu.`,
    restorePrevious: true,
  }),
  /** Opened over the user's own session, which could not be kept aside: offered for download. */
  openedPreviousAtRisk: (previous: SessionDoc, why: string): StartupNotice => ({
    tone: 'error',
    text: `Opened the shared session from the link, but your own session could not be kept in this browser (${why}). Download it now to keep it: it is not saved over until you dismiss this message.`,
    download: {
      filename: 'acr-lab-previous-session.json',
      content: JSON.stringify(previous, null, 2),
      label: 'Download my previous session',
    },
  }),
  refused: (error: string, outcome: string): StartupNotice => ({
    tone: 'error',
    text: `The shared link was refused: ${error}. ${outcome}`,
  }),
};

/**
 * What the user is told when a shared session replaces their own `previous` one (a link opened
 * in a new page or pasted into the open lab): the previous one is kept aside under
 * {@link PREVIOUS_KEY} and offered back; if the browser refuses to store it, it is offered for
 * download instead. A session with no commands is not worth keeping.
 */
export function replacedByLink(
  storage: Pick<Storage, 'setItem'> | undefined,
  previous: SessionDoc | undefined,
): StartupNotice {
  if (!previous || previous.log.length === 0) return linkNotices.opened;
  const failed = keepPrevious(storage, previous);
  return failed === undefined
    ? linkNotices.openedKeptPrevious(previous.log.length)
    : linkNotices.openedPreviousAtRisk(previous, failed);
}

/**
 * Decides what the lab opens with: a shared link wins over the saved session, which is kept
 * aside (written under {@link PREVIOUS_KEY}) and offered back, never silently lost; a bad link is
 * refused and the saved session opens instead; unreadable saved data starts clean but is offered
 * for download, never silently dropped.
 */
export function chooseStartup(
  hash: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
): Startup {
  const notices: StartupNotice[] = [];
  const saved = loadSaved(storage);
  if (saved.kind === 'corrupt') {
    notices.push({
      tone: 'error',
      text: `Your saved session could not be read (${saved.error}), so the lab started with a fresh one. The unreadable data stays stored until you dismiss this message: download it first if you want to keep it.`,
      download: { filename: 'acr-lab-unreadable-session.json', content: saved.raw },
    });
  }
  const payload = shareFromHash(hash);
  if (payload !== undefined) {
    const shared = decodeShare(payload);
    if (shared.ok) {
      notices.push(replacedByLink(storage, saved.kind === 'ok' ? saved.doc : undefined));
      return { doc: shared.doc, notices, consumedHash: true };
    }
    notices.push(
      linkNotices.refused(
        shared.error,
        `${saved.kind === 'ok' ? 'Your own session was restored instead' : 'The lab started as usual'}; nothing was changed.`,
      ),
    );
    return { doc: saved.kind === 'ok' ? saved.doc : undefined, notices, consumedHash: true };
  }
  if (saved.kind === 'ok' && saved.doc.log.length > 0)
    notices.push({
      tone: 'info',
      text: `Welcome back: your session was restored (${saved.doc.log.length} commands replayed). Session ▸ New session starts over.`,
    });
  return { doc: saved.kind === 'ok' ? saved.doc : undefined, notices, consumedHash: false };
}
