import type { z } from 'zod';
import { MAX_SCENARIO_BYTES, Scenario } from './schema';

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Keys that could reach an object's prototype if a consumer ever merged the parsed data. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** UTF-8 length of a string, stopping early once it is known to exceed `limit`. */
function utf8BytesOver(text: string, limit: number): boolean {
  if (text.length > limit) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= limit) return false; // every UTF-16 unit is at most three bytes
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(the whole file)';
}

/** One line naming where the first problem is and what it is, for people editing a file by hand. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a valid scenario';
  const extra =
    issue.code === 'unrecognized_keys' && 'keys' in issue ? `: ${(issue.keys as string[]).join(', ')}` : '';
  return `${formatPath(issue.path)}: ${issue.message}${extra}`;
}

/**
 * Reads a scenario file someone gives us (an import in the dashboard, `--scenario FILE.json` in
 * the runner). Never throws: too big, not JSON and not a scenario all come back as one line.
 */
export function parseScenarioFile(text: string): ParseScenarioResult {
  if (typeof text !== 'string') return { ok: false, error: 'a scenario file must be text' };
  if (utf8BytesOver(text, MAX_SCENARIO_BYTES)) {
    return {
      ok: false,
      error: `the file is larger than ${MAX_SCENARIO_BYTES} bytes, the limit for a scenario`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text, (key, value: unknown) => (POISONED_KEYS.has(key) ? undefined : value));
  } catch (e) {
    // A binary file's parse error quotes unreadable bytes: say so in words instead.
    const reason = e instanceof Error ? e.message.split('\n')[0]! : '';
    const readable = /^[\x20-\x7e]{1,160}$/.test(reason);
    return {
      ok: false,
      error: readable ? `not valid JSON (${reason})` : 'not valid JSON: it does not even look like text',
    };
  }
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) return { ok: false, error: `not a valid scenario: ${describeIssue(parsed.error)}` };
  return { ok: true, scenario: parsed.data };
}
