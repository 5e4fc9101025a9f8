import { describe, expect, it } from 'vitest';
import { createCommandTree } from './index';
import { Session } from './session';

const tree = createCommandTree();
const NOTE = /live clock only runs in the dashboard/;

/** The headless runner: every line runs to its end with `runLine`. */
function headless(line: string): string[] {
  const session = new Session({ seed: 1, tree });
  const out: string[] = [];
  session.runLine(line, (l) => out.push(l));
  return out;
}

/** The dashboard: the demo world, and lines started with `start` while a live clock runs. */
function dashboard(line: string): string[] {
  const session = new Session({ seed: 1, tree });
  session.loadDemo();
  const out: string[] = [];
  session.start(line, (l) => out.push(l));
  return out;
}

describe('sim speed, pause and play: the live-clock note', () => {
  it.each(['sim speed 600', 'sim pause', 'sim play'])('"%s" notes it in the headless runner', (line) => {
    expect(headless(line).join('\n')).toMatch(NOTE);
  });

  it.each([
    ['sim speed 600', '# speed 600×'],
    ['sim pause', '# paused'],
    ['sim play', '# playing'],
  ])('"%s" in the dashboard says only what changed', (line, said) => {
    expect(dashboard(line)).toEqual([said]);
  });
});

describe('sim seed once the world has begun', () => {
  it('the headless runner suggests --seed', () => {
    const session = new Session({ seed: 1, tree });
    const out: string[] = [];
    session.runLine('sim advance 1s', () => undefined);
    expect(session.runLine('sim seed 7', (l) => out.push(l))).toBe(1);
    expect(out.join('\n')).toMatch(/pass --seed to the runner/);
  });

  it('the dashboard suggests opening the page with ?seed=N, not the runner', () => {
    const out = dashboard('sim seed 7');
    expect(out.join('\n')).toMatch(/\?seed=N/);
    expect(out.join('\n')).not.toMatch(/runner|--seed/);
  });
});
