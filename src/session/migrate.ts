import { SESSION_FORMAT, SESSION_VERSION } from './schema';

/**
 * Saved sessions from older versions of the app, upgraded one version at a time before
 * validation. Each migration takes the previous version's plain JSON and returns the next one's;
 * none of them trusts its input (validation follows).
 *
 * - Version 1 (before time travel) had no forks: no `branches`, and no `worldStart`/`head`, so
 *   the scrubber starts the last world at the log's first entry and the head at `now`.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  1: (doc) => ({
    ...doc,
    version: 2,
    worldStart: 0,
    head: doc.now,
    branches: [],
  }),
};

export type Migrated = { ok: true; doc: unknown } | { ok: false; error: string };

/** Brings a parsed session object up to the current version (or says why it cannot). */
export function migrate(input: unknown): Migrated {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, error: 'it is not a session object' };
  let doc = input as Record<string, unknown>;
  if (doc.format !== SESSION_FORMAT) return { ok: false, error: `it is not an ${SESSION_FORMAT} document` };
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version))
    return { ok: false, error: 'it has no version number' };
  if (doc.version > SESSION_VERSION)
    return {
      ok: false,
      error: `it was saved by a newer version of the lab (format ${doc.version}; this one reads up to ${SESSION_VERSION})`,
    };
  while ((doc.version as number) < SESSION_VERSION) {
    const step = MIGRATIONS[doc.version as number];
    if (!step) return { ok: false, error: `format version ${String(doc.version)} is not known` };
    doc = step(doc);
  }
  return { ok: true, doc };
}
