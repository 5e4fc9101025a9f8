import { describe, expect, it } from 'vitest';
import { emptySession, encodeShare, type SessionDoc } from '../../session';
import {
  chooseStartup,
  dropPrevious,
  loadPrevious,
  loadSaved,
  PREVIOUS_KEY,
  replacedByLink,
  saveSession,
  STORAGE_KEY,
} from './persistence';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
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

  it('a share link opened over saved work keeps that work aside and offers it back', () => {
    const s = memory({ [STORAGE_KEY]: JSON.stringify(mine) });
    const start = chooseStartup(`#s=${encodeShare(theirs)}`, s);
    expect(start.doc).toEqual(theirs);
    expect(loadPrevious(s)).toEqual(mine);
    const opened = start.notices.find((n) => n.restorePrevious)!;
    expect(opened).toMatchObject({ tone: 'info' });
    expect(opened.text).toMatch(/Opened the shared session.*Your own session \(1 command\) was kept/);
    dropPrevious(s);
    expect(s.data.has(PREVIOUS_KEY)).toBe(false);
  });

  it('a saved session with no commands is not worth keeping aside', () => {
    const s = memory({ [STORAGE_KEY]: JSON.stringify(emptySession(1, 'demo')) });
    const start = chooseStartup(`#s=${encodeShare(theirs)}`, s);
    expect(s.data.has(PREVIOUS_KEY)).toBe(false);
    expect(start.notices).toEqual([{ tone: 'info', text: 'Opened the shared session from the link.' }]);
  });

  it('when the browser refuses to keep the previous session, it is offered for download instead', () => {
    const s = {
      setItem: () => {
        throw new Error('quota exceeded');
      },
    };
    const notice = replacedByLink(s, mine);
    expect(notice).toMatchObject({ tone: 'error', download: { label: 'Download my previous session' } });
    expect(notice.text).toMatch(/could not be kept in this browser \(quota exceeded\)/);
    expect(JSON.parse(notice.download!.content)).toEqual(mine);
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
