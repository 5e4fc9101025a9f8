import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO_NOTICE_MS, useSessionUi } from './session-store';

const texts = () => useSessionUi.getState().notices.map((n) => n.text);
const idOf = (text: string) => useSessionUi.getState().notices.find((n) => n.text === text)!.id;

describe('session notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    for (const n of useSessionUi.getState().notices) useSessionUi.getState().dismiss(n.id);
  });
  afterEach(() => vi.useRealTimers());

  it('information goes away by itself after a few seconds; errors stay until dismissed', () => {
    const { notify } = useSessionUi.getState();
    notify({ tone: 'info', text: 'Share link copied' });
    notify({ tone: 'error', text: 'The shared link was refused' });
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(texts()).toEqual(['Share link copied', 'The shared link was refused']);
    vi.advanceTimersByTime(1);
    expect(texts()).toEqual(['The shared link was refused']);
    vi.advanceTimersByTime(10 * INFO_NOTICE_MS);
    expect(texts()).toEqual(['The shared link was refused']);
  });

  it('a notice that offers something to do stays, even when it is information', () => {
    const { notify } = useSessionUi.getState();
    notify({ tone: 'info', text: 'Opened the shared session', restorePrevious: true });
    notify({ tone: 'info', text: 'Keep this', download: { filename: 'a.json', content: '{}' } });
    vi.advanceTimersByTime(10 * INFO_NOTICE_MS);
    expect(texts()).toEqual(['Opened the shared session', 'Keep this']);
  });

  it('stays while hovered or focused, and goes a full delay after both have left', () => {
    const { notify, hold, release } = useSessionUi.getState();
    notify({ tone: 'info', text: 'Welcome back' });
    const id = idOf('Welcome back');
    vi.advanceTimersByTime(INFO_NOTICE_MS - 100);
    hold(id, 'hover');
    hold(id, 'focus');
    vi.advanceTimersByTime(5 * INFO_NOTICE_MS);
    release(id, 'hover');
    vi.advanceTimersByTime(5 * INFO_NOTICE_MS);
    expect(texts()).toEqual(['Welcome back']);
    release(id, 'focus');
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(texts()).toEqual(['Welcome back']);
    vi.advanceTimersByTime(1);
    expect(texts()).toEqual([]);
  });

  it('keeps at most four, dropping the oldest', () => {
    const { notify } = useSessionUi.getState();
    for (const t of ['a', 'b', 'c', 'd', 'e']) notify({ tone: 'error', text: t });
    expect(texts()).toEqual(['b', 'c', 'd', 'e']);
  });
});
