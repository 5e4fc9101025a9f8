import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim, tempFile } from './run-cli';

const script = (text: string): string => tempFile(text);

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

  it('exits 2 for a huge file without reading it (a 5 GB sparse file is refused at once)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'acr-lab-')), 'huge.sim');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 5_000_000_000);
    closeSync(fd);
    const r = sim(file);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([`sim: ${file} is larger than 1000000 bytes`]);
    expect(r.out).toBe('');
  });

  it('runs binary garbage to the end without crashing: every garbage line fails as a command, exit 0', () => {
    // 200 kB of seeded pseudo-random bytes: invalid UTF-8, control characters, stray quotes. No NULs:
    // a file with a NUL byte is refused as not a text script (tests/cli-text.test.ts).
    const bytes = Buffer.alloc(200_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = (x >> 16) & 255 || 1;
    }
    const file = join(mkdtempSync(join(tmpdir(), 'acr-lab-')), 'garbage.sim');
    writeFileSync(file, bytes);
    const r = sim(file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/internal error|TypeError|RangeError|^\s+at .*:\d+:\d+/m);
    expect(r.out.split('\n').length).toBeGreaterThan(100);
  });
});

describe('SPEC 10 scenarios in the headless runner', () => {
  it('--list-scenarios prints one scenario per line, id first, start-here first, and exits 0', () => {
    const r = sim('--list-scenarios');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(lines[0]).toMatch(/^start-here\t\S/);
    for (const l of lines) expect(l).toMatch(/^[a-z0-9-]+\t.+$/);
    expect(lines.map((l) => l.split('\t')[0])).toContain('cicd-rollout');
  });

  it('--scenario ID runs it, prints the transcript and a summary line, and exits 0 when every checkpoint holds', () => {
    const r = sim('--scenario', 'start-here');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# step 1/4: Meet the demo registry\n[00:00:00] local$ sim preset demo\n');
    expect(r.out.trim().split('\n').at(-1)).toMatch(/^scenario start-here: (\d+) of \1 checkpoints passed$/);
    expect(r.err).toBe('');
  });

  it('--scenario ID --json prints one JSON document with the checkpoints', () => {
    const r = sim('--scenario', 'tag-overwrite-race', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      scenario: string;
      ok: boolean;
      checkpoints: Array<{ passed: boolean }>;
    };
    expect(doc.scenario).toBe('tag-overwrite-race');
    expect(doc.ok).toBe(true);
    expect(doc.checkpoints.length).toBeGreaterThan(0);
    expect(doc.checkpoints.every((c) => c.passed)).toBe(true);
  });

  it('exits 2 for an unknown id, with one stderr line saying how to list the ids', () => {
    const r = sim('--scenario', 'no-such-scenario');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('--list-scenarios');
    expect(r.out).toBe('');
  });

  it('--scenario FILE.json runs a scenario file: exit 1 when a checkpoint fails, 2 when the file is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acr-lab-'));
    const failing = join(dir, 'failing.json');
    writeFileSync(
      failing,
      JSON.stringify({
        format: 'acr-lab-scenario/1',
        id: 'failing',
        title: 'A checkpoint that cannot hold',
        teaches: 'What a failed checkpoint looks like.',
        steps: [
          {
            title: 'Check the clock',
            narrative: 'The clock starts at zero.',
            actions: [{ run: 'sim time' }, { expect: '99:99:99', says: 'never' }],
          },
        ],
        tryThis: ['Fix the checkpoint.'],
      }),
    );
    const r = sim('--scenario', failing);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expect FAILED');
    expect(r.out.trim().split('\n').at(-1)).toBe(
      'scenario failing: 0 of 1 checkpoints passed; first failure in step 1 (Check the clock): 99:99:99',
    );

    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, '{"format": "acr-lab-scenario/1", "id": "xy"}');
    const bad = sim('--scenario', invalid);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/invalid\.json: not a valid scenario: title: /);

    const missing = sim('--scenario', join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
  });

  it('refuses a FILE together with --scenario', () => {
    const r = sim('--scenario', 'start-here', 'file.sim');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^give one of FILE, --scenario or --list-scenarios/);
  });
});
