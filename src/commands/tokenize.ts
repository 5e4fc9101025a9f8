import { fail, ok, type Result } from '../engine';

/** Longest console line accepted; anything longer is refused before tokenizing. */
export const MAX_LINE_LENGTH = 8_192;

/**
 * Splits a console line into words the way a POSIX shell does for the cases people type:
 * whitespace separates words; single quotes keep everything literally; double quotes keep
 * spaces and allow `\"` and `\\`; a backslash outside quotes escapes the next character.
 * An unquoted `#` at the start of a word begins a comment.
 */
export function tokenize(line: string): Result<string[]> {
  if (line.length > MAX_LINE_LENGTH) {
    return fail(
      'LineTooLong',
      `The line is ${line.length} characters long; the limit is ${MAX_LINE_LENGTH}.`,
    );
  }
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return fail('UnterminatedQuote', 'A single quote is not closed.');
      current += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\' || line[i + 1] === '$')) {
          current += line[i + 1];
          i += 2;
          continue;
        }
        current += d;
        i++;
      }
      if (!closed) return fail('UnterminatedQuote', 'A double quote is not closed.');
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) current += line[i + 1];
      inWord = true;
      i += 2;
    } else {
      current += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(current);
  return ok(words);
}

/** Quotes a word for display so that tokenize() reads it back unchanged. */
export function quoteWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
