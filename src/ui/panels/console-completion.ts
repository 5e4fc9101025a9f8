/** What the engine answers for Tab: candidates for the word that starts at `replaceFrom`. */
export interface Completions {
  readonly candidates: readonly string[];
  readonly replaceFrom: number;
}

export interface CompletionOutcome {
  /** The new input text. */
  readonly line: string;
  /** Where the caret goes. */
  readonly caret: number;
  /** Several candidates: list them on one output line. */
  readonly listing: readonly string[] | undefined;
}

/** The longest prefix every word shares. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * Applies Tab completion the way a shell does. The engine completed `line.slice(0, caret)`;
 * text after the caret is kept. One candidate replaces the word (plus a space, unless the
 * candidate expects more, like `--flag=`); several extend the word to their common prefix and
 * are listed; none leave the line alone.
 */
export function applyCompletion(line: string, caret: number, result: Completions): CompletionOutcome {
  const head = line.slice(0, caret);
  const tail = line.slice(caret);
  const from = Math.min(Math.max(0, result.replaceFrom), head.length);
  const word = head.slice(from);
  const unchanged = { line, caret, listing: undefined };
  const { candidates } = result;
  if (candidates.length === 0) return unchanged;
  if (candidates.length === 1) {
    const only = candidates[0]!;
    const open = /[=/:]$/.test(only) || tail.startsWith(' ');
    const inserted = only + (open ? '' : ' ');
    return { line: head.slice(0, from) + inserted + tail, caret: from + inserted.length, listing: undefined };
  }
  const prefix = commonPrefix(candidates);
  const extended = prefix.length > word.length && prefix.startsWith(word) ? prefix : word;
  return {
    line: head.slice(0, from) + extended + tail,
    caret: from + extended.length,
    listing: candidates,
  };
}
