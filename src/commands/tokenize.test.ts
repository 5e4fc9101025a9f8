import { describe, expect, it } from 'vitest';
import { quoteWord, tokenize } from './tokenize';

describe('tokenize splits console lines like a shell', () => {
  it.each([
    ['docker push a/b:c', ['docker', 'push', 'a/b:c']],
    ['  spaced   out  ', ['spaced', 'out']],
    [`sim expect 'two words'`, ['sim', 'expect', 'two words']],
    [`sim expect "say \\"hi\\""`, ['sim', 'expect', 'say "hi"']],
    [`a\\ b c`, ['a b', 'c']],
    [`--flag=value -o table`, ['--flag=value', '-o', 'table']],
    [`echo '' x`, ['echo', '', 'x']],
    [`cmd # a comment`, ['cmd']],
    [`cmd a#b`, ['cmd', 'a#b']],
    [`"a"'b'c`, ['abc']],
  ])('%j', (line, words) => {
    const r = tokenize(line);
    expect(r.ok && r.value).toEqual(words);
  });

  it('refuses unterminated quotes and oversized lines with one clear message', () => {
    expect(tokenize(`say 'oops`).ok).toBe(false);
    expect(tokenize(`say "oops`).ok).toBe(false);
    const long = tokenize('x'.repeat(10_000));
    expect(long.ok || long.error.code).toBe('LineTooLong');
  });

  it('quoteWord round-trips through tokenize', () => {
    for (const w of ['plain', 'two words', "it's", '', '$HOME', 'a"b']) {
      const r = tokenize(quoteWord(w));
      expect(r.ok && r.value).toEqual([w]);
    }
  });
});
