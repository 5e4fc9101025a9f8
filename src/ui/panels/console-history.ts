/**
 * Command history for ↑/↓, as an immutable value so the rules can be tested without a DOM.
 * `index === entries.length` means "not browsing": the input shows the line being typed,
 * which is kept in `draft` while the user browses older entries.
 */
export interface HistoryState {
  readonly entries: readonly string[];
  readonly index: number;
  readonly draft: string;
}

export const MAX_HISTORY = 500;

export const emptyHistory: HistoryState = { entries: [], index: 0, draft: '' };

/** Records a line that was run. Blank lines and immediate repeats are not recorded. */
export function historyAdd(state: HistoryState, line: string): HistoryState {
  const text = line.trim();
  let entries = state.entries;
  if (text !== '' && entries[entries.length - 1] !== text) {
    entries = [...entries, text];
    if (entries.length > MAX_HISTORY) entries = entries.slice(entries.length - MAX_HISTORY);
  }
  return { entries, index: entries.length, draft: '' };
}

/** ↑: the previous entry; `current` is what the input shows now (kept as the draft). */
export function historyUp(state: HistoryState, current: string): { state: HistoryState; line: string } {
  if (state.index === 0) return { state, line: current };
  const draft = state.index === state.entries.length ? current : state.draft;
  const index = state.index - 1;
  return { state: { ...state, index, draft }, line: state.entries[index] ?? current };
}

/** ↓: the next entry, or back to the line that was being typed. */
export function historyDown(state: HistoryState, current: string): { state: HistoryState; line: string } {
  if (state.index >= state.entries.length) return { state, line: current };
  const index = state.index + 1;
  const line = index === state.entries.length ? state.draft : (state.entries[index] ?? '');
  return { state: { ...state, index }, line };
}
