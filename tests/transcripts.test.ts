import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandTree, runScript } from '../src/commands';

const dir = join(import.meta.dirname, 'transcripts');
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.sim'))
  .sort();
const tree = createCommandTree();

/**
 * Every script in tests/transcripts is a behaviour test named by its SPEC id: it runs through the
 * headless runner and must pass all of its `sim expect` checkpoints.
 */
describe('transcript tests (headless runner)', () => {
  it('there is at least one script per failure mode of the seed', () => {
    for (const id of ['B-PULL-1', 'B-REP-4', 'B-REP-5', 'B-PUSH-2'])
      expect(scripts.some((s) => s.startsWith(id))).toBe(true);
  });

  it.each(scripts)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const result = runScript(text, { seed: 1, tree });
    const failed = result.transcript.filter((l) => l.includes('expect FAILED'));
    expect(failed, result.transcript.join('\n')).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.commands.filter((c) => c.line.startsWith('sim expect')).length).toBeGreaterThan(0);
    expect(result.transcript.some((l) => l.includes('internal error'))).toBe(false);
  });
});

const examplesDir = join(import.meta.dirname, '..', 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.sim'))
  .sort();

describe('the example scripts in examples/ run cleanly', () => {
  it.each(examples)('%s', (file) => {
    const result = runScript(readFileSync(join(examplesDir, file), 'utf8'), { seed: 1, tree });
    expect(
      result.transcript.filter((l) => l.includes('expect FAILED') || l.includes('internal error')),
    ).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});

describe('B-DET-1 the runner is deterministic', () => {
  it('the same script and seed give byte-identical transcripts and event logs', () => {
    const text = scripts.map((f) => readFileSync(join(dir, f), 'utf8')).find((t) => t.includes('no-cache'))!;
    const a = runScript(text, { seed: 9, tree });
    const b = runScript(text, { seed: 9, tree });
    expect(a.transcript.join('\n')).toBe(b.transcript.join('\n'));
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
  });
});
