import {
  decodeSessionJson,
  decodeShare,
  encodeSessionJson,
  shareFromHash,
  type SessionDoc,
} from '../../session';

/** Where the session is kept between visits. */
export const STORAGE_KEY = 'acr-lab:session';

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

/** A notice for the user about how the session started. */
export interface StartupNotice {
  readonly tone: 'error' | 'info';
  readonly text: string;
  /** Data the user may want to keep (the unreadable saved copy). */
  readonly download?: { readonly filename: string; readonly content: string };
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
  refused: (error: string, outcome: string): StartupNotice => ({
    tone: 'error',
    text: `The shared link was refused: ${error}. ${outcome}`,
  }),
};

/**
 * Decides what the lab opens with: a shared link wins over the saved session; a bad link is
 * refused and the saved session opens instead; unreadable saved data starts clean but is offered
 * for download, never silently dropped.
 */
export function chooseStartup(hash: string, storage: Pick<Storage, 'getItem'> | undefined): Startup {
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
      notices.push(linkNotices.opened);
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
