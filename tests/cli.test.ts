import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Runs the headless runner as a user would (`npm run sim -- ...` is `tsx src/cli/main.ts ...`). */
function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function script(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'acr-lab-'));
  const file = join(dir, 'script.sim');
  writeFileSync(file, text);
  return file;
}

describe('SPEC 9 headless runner exit codes and output', () => {
  it('exits 0 and prints the transcript when the script runs to the end, even with failing commands', () => {
    const r = sim(script('sim time\ndockr push x\nsim expect not a command\n'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('[00:00:00] local$ sim time\n00:00:00\n');
    expect(r.out).toContain("'dockr' is not a command. Did you mean 'docker'?");
  });

  it('exits 1 when a checkpoint fails, after running the whole script', () => {
    const r = sim(script('sim time\nsim expect 99:99:99\nsim time\n'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('expect FAILED');
    expect(r.out.trim().split('\n').at(-1)).toBe('00:00:00');
  });

  it('exits 2 for a missing file, with one line and no stack trace', () => {
    const r = sim(join(tmpdir(), 'no-such-file.sim'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('cannot read');
  });

  it('--seed changes seeded choices and --json prints one JSON document', () => {
    const r = sim(script('sim preset demo\nsim time\n'), '--seed', '5', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      seed: number;
      commands: Array<{ line: string; output: string[] }>;
      events: unknown[];
    };
    expect(doc.seed).toBe(5);
    expect(doc.commands.map((c) => c.line)).toEqual(['sim preset demo', 'sim time']);
    expect(doc.events.length).toBeGreaterThan(10);
  });

  it('refuses bad options with usage on one line', () => {
    const r = sim('--seed', 'lots', 'file.sim');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--seed needs a whole number/);
  });
});
