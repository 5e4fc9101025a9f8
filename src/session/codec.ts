import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { LIMITS, SessionDoc } from './schema';
import { migrate } from './migrate';

/**
 * Turning session documents into text and back: JSON for saving and files, and a compressed,
 * URL-safe form for share links (`#s=…`). Everything that reads is defensive: sizes are capped
 * before any parsing or inflating, keys that could reach an object's prototype are dropped, and
 * the result is migrated and validated before anyone may use it.
 */

export type Decoded = { ok: true; doc: SessionDoc } | { ok: false; error: string };

/** Longest share fragment accepted (browsers and chat tools truncate far longer URLs anyway). */
export const MAX_SHARE_CHARS = 200_000;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse that never yields prototype-bearing keys, and reports failure as a value. */
export function safeJsonParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return {
      ok: true,
      value: JSON.parse(text, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value)),
    };
  } catch (e) {
    // The parser quotes what it choked on: for a binary file (an image, an archive) that is
    // unreadable bytes, which no notice should show.
    const reason = e instanceof Error ? e.message.split('\n')[0]! : '';
    const readable = /^[\x20-\x7e]{1,160}$/.test(reason);
    return {
      ok: false,
      error: readable
        ? `it is not valid JSON (${reason})`
        : 'it is not valid JSON: it does not even look like text',
    };
  }
}

/** The first validation problem, as one readable line. */
function describeIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the session format';
  const path = issue.path.map(String).join('.');
  return `${path ? `${path}: ` : ''}${issue.message}`.slice(0, 300);
}

/** Migrates and validates a parsed object. */
export function validateSession(value: unknown): Decoded {
  const migrated = migrate(value);
  if (!migrated.ok) return migrated;
  const parsed = SessionDoc.safeParse(migrated.doc);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error) };
  return { ok: true, doc: parsed.data };
}

/** Reads a session from JSON text (a saved copy or an imported file). */
export function decodeSessionJson(text: string): Decoded {
  if (text.length > LIMITS.maxJsonBytes)
    return { ok: false, error: `it is larger than ${Math.round(LIMITS.maxJsonBytes / 1024)} KiB` };
  const parsed = safeJsonParse(text);
  if (!parsed.ok) return parsed;
  return validateSession(parsed.value);
}

export function encodeSessionJson(doc: SessionDoc): string {
  return JSON.stringify(doc);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/**
 * Inflates at most `limit` bytes: the input is fed in small slices so a "zip bomb" is stopped
 * after about one slice's worth of output beyond the limit, never fully expanded.
 */
function boundedInflate(data: Uint8Array, limit: number): Uint8Array | 'too-big' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    const SLICE = 512;
    for (let i = 0; i < data.length && !tooBig; i += SLICE)
      inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch {
    return 'corrupt';
  }
  if (tooBig) return 'too-big';
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** The share fragment's payload: deflated JSON in base64url (without the `s=` prefix). */
export function encodeShare(doc: SessionDoc): string {
  return toBase64Url(deflateSync(strToU8(encodeSessionJson(doc)), { level: 9 }));
}

/** Reads a share payload (what follows `#s=`). */
export function decodeShare(payload: string): Decoded {
  if (payload.length > MAX_SHARE_CHARS)
    return {
      ok: false,
      error: `the link is too long (${payload.length} characters; at most ${MAX_SHARE_CHARS})`,
    };
  const bytes = fromBase64Url(payload);
  if (!bytes || bytes.length === 0) return { ok: false, error: 'the link is damaged (not base64url text)' };
  const inflated = boundedInflate(bytes, LIMITS.maxJsonBytes);
  if (inflated === 'too-big')
    return { ok: false, error: `the session in the link expands beyond ${LIMITS.maxJsonBytes / 1024} KiB` };
  if (inflated === 'corrupt' || inflated.length === 0)
    return { ok: false, error: 'the link is damaged (the compressed data is corrupt or cut short)' };
  let text: string;
  try {
    text = strFromU8(inflated);
  } catch {
    return { ok: false, error: 'the link is damaged (not UTF-8 text)' };
  }
  return decodeSessionJson(text);
}

/** Finds `s=…` in a location hash (`#s=…`), if present. */
export function shareFromHash(hash: string): string | undefined {
  const m = /^#?(?:.*&)?s=([^&]*)/.exec(hash);
  return m ? m[1] : undefined;
}
