import { describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { SESSION_FORMAT, SESSION_VERSION } from './schema';

describe('migrate', () => {
  it('refuses another format in plain English: "an acr-lab-session document"', () => {
    expect(migrate({ format: 'something-else', version: 1 })).toEqual({
      ok: false,
      error: `it is not an ${SESSION_FORMAT} document`,
    });
  });

  it('refuses what is not an object', () => {
    for (const value of [null, 1, 'text', []])
      expect(migrate(value)).toEqual({ ok: false, error: 'it is not a session object' });
  });

  it('brings a version 1 document up to the current version', () => {
    const r = migrate({ format: SESSION_FORMAT, version: 1, now: 5 });
    expect(r.ok).toBe(true);
    expect(r.ok && (r.doc as { version: number }).version).toBe(SESSION_VERSION);
  });
});
