import { describe, expect, it } from 'vitest';
import { createCommandTree } from './index';
import { Session } from './session';

const tree = createCommandTree();

function run(line: string): { code: number; out: string[] } {
  const session = new Session({ seed: 1, tree });
  const out: string[] = [];
  const code = session.runLine(line, (l) => out.push(l));
  return { code, out };
}

describe('help TOPIC', () => {
  it.each(['sim advance', 'az acr', 'docker push', 'sim', 'az acr replication create'])(
    '"help %s" prints what the command prints with --help',
    (topic) => {
      const asked = run(`help ${topic}`);
      expect(asked.code).toBe(0);
      expect(asked.out.length).toBeGreaterThan(1);
      expect(asked.out).toEqual(run(`${topic} --help`).out);
    },
  );

  it('a command with its arguments still shows that command’s page', () => {
    expect(run('help kubectl get pods').out).toEqual(run('kubectl get --help').out);
  });

  it('explains the shell’s own words in one line', () => {
    expect(run('help wait')).toEqual({
      code: 0,
      out: ['wait: Wait until the background jobs (lines ending in &) have finished.'],
    });
    expect(run('help help').out[0]).toMatch(/^help: The overview of every command family; "help COMMAND"/);
  });

  it('an unknown topic gets the usual suggestion, not "help is not a command"', () => {
    const { code, out } = run('help dockr push');
    expect(code).toBe(2);
    expect(out).toEqual([run('dockr push').out[0]]);
    expect(out[0]).toMatch(/^'dockr' is not a command\. Did you mean 'docker'\?/);
    expect(run('help sim advnce').out).toEqual([
      "sim: 'advnce' is not a 'sim' command. Did you mean 'sim advance'? Try 'sim --help'.",
    ]);
  });

  it('the overview says how to ask about one group or command', () => {
    expect(run('help').out.at(-1)).toBe(
      'Type "help" and a group or command to see what it offers, e.g. "help az acr" or "help sim advance".',
    );
  });

  it('the deepest command named is shown, whatever positional words follow it', () => {
    const page = run('sim outage --help').out;
    expect(page[0]).toMatch(/^Usage: sim outage /);
    expect(run('help sim outage on')).toEqual({ code: 0, out: page });
    expect(run('help sim outage westeurope on').out).toEqual(page);
    expect(run('help sim advance 5m').out).toEqual(run('sim advance --help').out);
  });
});

describe('--help on the shell’s own words', () => {
  it.each(['jobs', 'wait', 'clear', 'help'])('"%s --help" and -h print what "help WORD" prints', (word) => {
    const explained = run(`help ${word}`);
    expect(explained.out).toHaveLength(1);
    expect(explained.out[0]).toMatch(new RegExp(`^${word}: `));
    expect(run(`${word} --help`)).toEqual(explained);
    expect(run(`${word} -h`)).toEqual(explained);
  });
});
