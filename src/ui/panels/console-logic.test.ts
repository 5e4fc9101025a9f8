import { describe, expect, it } from 'vitest';
import { applyCompletion, commonPrefix } from './console-completion';
import {
  emptyHistory,
  historyAdd,
  historyDown,
  historyUp,
  MAX_HISTORY,
  type HistoryState,
} from './console-history';
import { appendLines, classifyLine, isBackgroundLine, isClearLine } from './console-lines';

describe('classifyLine', () => {
  it.each([
    ['# served by eastus via the global endpoint (myregistry.azurecr.io): HEAD ×4', 'explain'],
    ['[1] # served by westeurope via its regional endpoint', 'explain'],
    [
      'Error response from daemon: manifest unknown: manifest tagged by "v2" is not found (MANIFEST_UNKNOWN)',
      'error',
    ],
    ['(ResourceNotFound) The Resource was not found.', 'error'],
    ["'foo' is not a command. Type 'help' to list commands.", 'error'],
    ["az acr: 'foo' is not a 'az acr' command. Try 'az acr --help'.", 'error'],
    ["docker push: unrecognized arguments: --bad. See 'docker push --help'.", 'error'],
    ['internal error: boom (the session continues)', 'error'],
    ['Login Succeeded', 'normal'],
    [
      'v2: digest: sha256:ad12773f979af787f6d6febd1ea04f2ec88c7b484377c8e3f3c7c0f7f5021d8c size: 728',
      'normal',
    ],
    ['Digest: sha256:ad12773f979af787f6d6febd1ea04f2ec88c7b484377c8e3f3c7c0f7f5021d8c', 'normal'],
    ['#notacomment', 'normal'],
    ['NAME        LOCATION    PROVISIONING STATE  STATUS', 'table'],
    ['----------  ----------  ------------------  ------', 'table'],
    ['westeurope  westeurope  Succeeded           Ready', 'table'],
    ['3bb4edb351e0: Pushed', 'normal'],
  ])('%s → %s', (text, style) => {
    expect(classifyLine(text)).toBe(style);
  });
});

describe('appendLines', () => {
  it('keeps at most `max` lines, dropping the oldest, with increasing ids', () => {
    let buffer = appendLines([], [{ text: 'a', style: 'normal' }], 0, 3);
    buffer = appendLines(
      buffer,
      ['b', 'c', 'd'].map((text) => ({ text, style: 'normal' as const })),
      1,
      3,
    );
    expect(buffer.map((l) => l.text)).toEqual(['b', 'c', 'd']);
    expect(buffer.map((l) => l.id)).toEqual([1, 2, 3]);
  });
});

describe('line kinds', () => {
  it('recognises background lines and clear', () => {
    expect(isBackgroundLine('docker push myregistry.azurecr.io/web:v2 &')).toBe(true);
    expect(isBackgroundLine('sim wait replicated x &  ')).toBe(true);
    expect(isBackgroundLine('echo a&b')).toBe(false);
    expect(isClearLine('  clear ')).toBe(true);
    expect(isClearLine('clear all')).toBe(false);
  });
});

describe('history', () => {
  const withLines = (...lines: string[]): HistoryState => lines.reduce(historyAdd, emptyHistory);

  it('walks back and forth and restores the line being typed', () => {
    let h = withLines('one', 'two');
    let r = historyUp(h, 'dra');
    expect(r.line).toBe('two');
    r = historyUp(r.state, r.line);
    expect(r.line).toBe('one');
    r = historyUp(r.state, r.line);
    expect(r.line).toBe('one');
    h = r.state;
    let d = historyDown(h, 'one');
    expect(d.line).toBe('two');
    d = historyDown(d.state, d.line);
    expect(d.line).toBe('dra');
    d = historyDown(d.state, d.line);
    expect(d.line).toBe('dra');
  });

  it('skips blanks and immediate repeats, and resets browsing after a run', () => {
    const h = withLines('a', 'a', '  ', 'b', 'a');
    expect(h.entries).toEqual(['a', 'b', 'a']);
    const browsing = historyUp(h, '').state;
    expect(historyAdd(browsing, 'c').index).toBe(4);
  });

  it('does nothing when empty', () => {
    expect(historyUp(emptyHistory, 'x').line).toBe('x');
    expect(historyDown(emptyHistory, 'x').line).toBe('x');
  });

  it('is bounded', () => {
    const h = Array.from({ length: MAX_HISTORY + 10 }, (_, i) => `cmd ${i}`).reduce(historyAdd, emptyHistory);
    expect(h.entries).toHaveLength(MAX_HISTORY);
    expect(h.entries[0]).toBe('cmd 10');
  });
});

describe('completion', () => {
  it('finds the common prefix', () => {
    expect(commonPrefix(['replication', 'repository'])).toBe('rep');
    expect(commonPrefix([])).toBe('');
  });

  it('completes a single candidate and adds a space', () => {
    const r = applyCompletion('az acr repl', 11, { candidates: ['replication'], replaceFrom: 7 });
    expect(r).toEqual({ line: 'az acr replication ', caret: 19, listing: undefined });
  });

  it('does not add a space after a flag that takes `=`', () => {
    expect(
      applyCompletion('kubectl create deployment x --ima', 33, { candidates: ['--image='], replaceFrom: 28 })
        .line,
    ).toBe('kubectl create deployment x --image=');
  });

  it('extends to the common prefix and lists several candidates', () => {
    const r = applyCompletion('az acr re', 9, { candidates: ['replication', 'repository'], replaceFrom: 7 });
    expect(r.line).toBe('az acr rep');
    expect(r.caret).toBe(10);
    expect(r.listing).toEqual(['replication', 'repository']);
  });

  it('keeps the text after the caret', () => {
    const r = applyCompletion('docker pu myregistry.azurecr.io/web:v1', 9, {
      candidates: ['push', 'pull'],
      replaceFrom: 7,
    });
    expect(r.line).toBe('docker pu myregistry.azurecr.io/web:v1');
    const one = applyCompletion('docker pul myregistry.azurecr.io/web:v1', 10, {
      candidates: ['pull'],
      replaceFrom: 7,
    });
    expect(one.line).toBe('docker pull myregistry.azurecr.io/web:v1');
    expect(one.caret).toBe(11);
  });

  it('leaves the line alone with no candidates', () => {
    expect(applyCompletion('xyz', 3, { candidates: [], replaceFrom: 0 })).toEqual({
      line: 'xyz',
      caret: 3,
      listing: undefined,
    });
  });
});
