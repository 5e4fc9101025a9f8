import { describe, expect, it } from 'vitest';
import { createCommandTree, runScript } from '../src/commands';
import { sim, tempFile as file } from './run-cli';

// Any C0 control character or DEL except the newline that ends each line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

describe('SPEC 9 the runner asked for help', () => {
  it.each(['--help', '-h'])('%s prints the usage on stdout and exits 0', (flag) => {
    const r = sim(flag);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^usage: npm run sim -- FILE /);
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  it('a bad option still exits 2 with the usage on stderr', () => {
    const r = sim('--nope');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^unknown option --nope\. usage: /);
  });
});

describe('SPEC 9 the transcript never echoes raw control characters', () => {
  it('an ESC in a script line is shown as ? on the prompt line, as in the error line', () => {
    const r = runScript('sim time\u001b[31m red\nsim time\r\u0007x\n', {
      seed: 1,
      tree: createCommandTree(),
    });
    expect(r.transcript[0]).toBe('[00:00:00] local$ sim time?[31m red');
    expect(r.transcript).toContain('[00:00:00] local$ sim time??x');
    for (const line of r.transcript) expect(line).not.toMatch(CONTROL);
    // The JSON document keeps the line as written (JSON.stringify escapes it).
    expect(r.commands[0]!.line).toBe('sim time\u001b[31m red');
  });

  it('the runner prints no control characters for a script full of them', () => {
    const r = sim(file('sim time\u001b[31m red\n\u001b]0;title\u0007\nsim expect \u001b[2J\n'));
    expect(r.code).toBe(1); // the checkpoint fails: sim time printed an error, not an ESC
    expect(r.out).not.toMatch(CONTROL);
    expect(r.out).toContain('local$ sim time?[31m red\n');
  });

  it('binary garbage without NULs runs to the end and echoes no control characters', () => {
    const bytes = Buffer.alloc(20_000);
    let x = 777;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = (x >> 16) & 255 || 1;
    }
    const r = sim(file(bytes));
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(CONTROL);
  });

  it('a file with a NUL byte is refused with exit 2 and one line: it is not a text script', () => {
    const path = file(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'logo.png',
    );
    const r = sim(path);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toEqual([`sim: ${path} is not a text script (it contains NUL bytes)`]);
  });
});
