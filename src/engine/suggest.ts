/**
 * "Did you mean …?" support for typos in config keys, region names, commands and flags.
 * Pure and deterministic: ties go to the candidate listed first.
 */

/** Longest input we bother comparing; anything longer is certainly not a typo of a short name. */
const MAX_COMPARE_LENGTH = 100;

/**
 * Edit distance between two strings counting insertions, deletions, substitutions and swaps of
 * two neighbouring characters (optimal string alignment). Swaps count as one edit because
 * transposed letters (`westeurpoe`) are the most common typo at a keyboard.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows are enough: the swap rule looks back two rows.
  let prevPrev: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (prevPrev[j - 2] ?? 0) + 1);
      }
      cur[j] = best;
    }
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate nearest to `input` (case-insensitive), or `undefined` when nothing is close
 * enough to be a plausible typo. "Close enough" grows with the length of the input — a third of
 * its characters, at least two — so short inputs do not match everything.
 *
 * @param input what the user typed
 * @param candidates the valid names, in the order that should win ties
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.trim().toLowerCase();
  if (needle.length === 0 || needle.length > MAX_COMPARE_LENGTH) return undefined;
  const limit = Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    // Cheap lower bound: the length difference alone already costs that many edits.
    if (Math.abs(hay.length - needle.length) > limit) continue;
    const d = editDistance(needle, hay);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
