import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../engine';
import { createCommandTree, runScript } from '../index';
import { Session } from '../session';

const tree = createCommandTree();

describe('sim expect: a malformed checkpoint counts as failed (SPEC 9)', () => {
  it('unknown regular-expression flags fail the checkpoint instead of passing', () => {
    const r = runScript('sim time\nsim expect /00:00/zz\n', { seed: 1, tree });
    expect(r.transcript.join('\n')).toContain("'zz' are not regular expression flags");
    expect(r.exitCode).toBe(1);
  });

  it('repeated flags fail too; valid flags still match', () => {
    expect(runScript('sim time\nsim expect /00:00/ii\n', { seed: 1, tree }).exitCode).toBe(1);
    expect(runScript('sim time\nsim expect /00:00:00/i\n', { seed: 1, tree }).exitCode).toBe(0);
  });
});

describe('sim config --help says how a bare number is read for every key', () => {
  it('names each key with its unit for bare numbers', () => {
    const out: string[] = [];
    new Session({ seed: 1, tree }).runLine('sim config --help', (l) => out.push(l));
    const text = out.join('\n');
    for (const key of CONFIG_KEYS)
      expect(text).toMatch(new RegExp(`^ +${key.replace('.', '\\.')} +\\S`, 'm'));
    expect(text).toMatch(/^ +dns\.ttl +milliseconds \(30 means 30ms/m);
    expect(text).toMatch(/^ +replication\.bandwidth +bits per second/m);
    expect(text).toMatch(/^ +throttle\.reads +requests per minute per replica/m);
  });
});
