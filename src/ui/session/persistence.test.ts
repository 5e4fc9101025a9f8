import { describe, expect, it } from 'vitest';
import { emptySession, encodeShare, type SessionDoc } from '../../session';
import { chooseStartup, loadSaved, saveSession, STORAGE_KEY } from './persistence';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

const mine: SessionDoc = {
  ...emptySession(5, 'demo'),
  log: [{ t: 130_000, line: 'sim outage start --region westeurope' }],
  head: 200_000,
  now: 200_000,
};
const theirs: SessionDoc = { ...emptySession(9, 'empty'), log: [{ t: 0, line: 'sim preset demo' }] };

describe('saving and restoring the session', () => {
  it('a saved session is read back exactly', () => {
    const s = memory();
    expect(saveSession(s, mine)).toBeUndefined();
    expect(loadSaved(s)).toEqual({ kind: 'ok', doc: mine });
    expect(chooseStartup('', s)).toMatchObject({ doc: mine, consumedHash: false });
  });

  it('corrupted saved data starts clean, says so, and offers the raw data for download', () => {
    const s = memory({ [STORAGE_KEY]: '{"format":"acr-lab-session","version":2,"seed":"x"' });
    const start = chooseStartup('', s);
    expect(start.doc).toBeUndefined();
    expect(start.notices[0]).toMatchObject({
      tone: 'error',
      download: { content: '{"format":"acr-lab-session","version":2,"seed":"x"' },
    });
    expect(start.notices[0]!.text).toMatch(/could not be read/);
  });

  it('a share link wins over the saved session and is consumed', () => {
    const s = memory({ [STORAGE_KEY]: JSON.stringify(mine) });
    const start = chooseStartup(`#s=${encodeShare(theirs)}`, s);
    expect(start).toMatchObject({ doc: theirs, consumedHash: true });
  });

  it('a bad share link is refused and the saved session opens unchanged', () => {
    const s = memory({ [STORAGE_KEY]: JSON.stringify(mine) });
    const start = chooseStartup('#s=not-a-session', s);
    expect(start.doc).toEqual(mine);
    expect(start.notices.find((n) => n.tone === 'error')!.text).toMatch(/refused.*restored instead/);
    expect(s.data.get(STORAGE_KEY)).toBe(JSON.stringify(mine));
  });

  it('storage that throws is treated as empty, and a refused save says why', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota exceeded');
      },
    };
    expect(loadSaved(broken)).toEqual({ kind: 'none' });
    expect(saveSession(broken, mine)).toBe('quota exceeded');
  });
});
