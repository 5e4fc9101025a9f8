import { describe, expect, it } from 'vitest';
import { createCommandTree, runScript, Session } from '../commands';
import { sessionScriptLines, sessionToScenario } from './export';
import { scenarioById } from './library';
import { runScenario, scenarioLines, scenarioScript } from './run';
import { Scenario } from './schema';

const tree = createCommandTree();

describe('sessionToScenario (the dashboard\'s "Export session as scenario")', () => {
  it('round trip: the exported scenario validates and re-runs the same commands with the same result', () => {
    const original = scenarioById('push-then-pull')!;
    const lines = scenarioLines(original).map((l) => l.line);
    const exported = sessionToScenario({ seed: original.seed, lines, title: 'My push & pull demo' });

    expect(Scenario.safeParse(exported).success).toBe(true);
    expect(scenarioLines(exported).map((l) => l.line)).toEqual(lines);
    expect(exported.id).toBe('my-push-pull-demo');
    expect(exported.title).toBe('My push & pull demo');
    expect(exported.seed).toBe(original.seed);

    const replay = runScenario(exported, tree);
    const direct = runScript(lines.join('\n'), { seed: original.seed, tree });
    expect(replay.script.transcript).toEqual(direct.transcript);
    expect(replay.ok).toBe(true);
    expect(replay.checkpoints.length).toBe(lines.filter((l) => l.startsWith('sim expect ')).length);
    // Re-exporting the exported scenario's script gives the same commands again.
    const script = scenarioScript(exported).split('\n');
    expect(sessionToScenario({ seed: exported.seed, lines: script }).steps).toEqual(exported.steps);
  });

  it('groups a command with the client switches and logins before it and the checkpoints after it', () => {
    const s = sessionToScenario({
      seed: 3,
      lines: [
        'sim preset demo',
        '# a comment',
        '',
        'sim client add paris --location francecentral',
        'sim client use paris',
        'az acr login -n myregistry',
        'docker pull myregistry.azurecr.io/web:v1',
        'sim expect served by westeurope',
        'sim expect /Status: \\w+/',
        'sim outage westeurope on',
      ],
    });
    expect(s.steps.map((st) => st.actions.length)).toEqual([1, 6, 1]);
    expect(s.steps[1]!.actions.slice(-2)).toEqual([
      { expect: 'served by westeurope', says: 'Checkpoint: the output contains served by westeurope' },
      { expect: '/Status: \\w+/', says: 'Checkpoint: the output matches /Status: \\w+/' },
    ]);
    expect(s.steps[1]!.regions).toEqual(['francecentral']);
    expect(s.steps[2]!.regions).toEqual(['westeurope']);
    expect(s.steps[2]!.title).toBe('Step 3: sim outage westeurope on');
    expect(s.steps[0]!.narrative).toMatch(/^Recorded step 1: runs "sim preset demo"\./);
    expect(s.tryThis).toHaveLength(1);
    expect(s.tryThis[0]).toMatch(/edit/);
    expect(s.id).toBe('recorded-session');
  });

  it('always gives a valid scenario: empty sessions, stray checkpoints, huge sessions', () => {
    const empty = sessionToScenario({ seed: 1, lines: ['', '# nothing'] });
    expect(Scenario.safeParse(empty).success).toBe(true);
    expect(empty.steps).toHaveLength(1);

    const stray = sessionToScenario({
      seed: 1,
      lines: ['sim expect nothing before me', 'sim time', 'sim expect'],
    });
    expect(Scenario.safeParse(stray).success).toBe(true);
    expect(scenarioLines(stray).map((l) => l.line)).toEqual(['sim time']);
    expect(stray.tryThis[1]).toMatch(/^2 recorded line\(s\) did not fit/);

    const many = Array.from({ length: 250 }, (_, i) => `sim advance ${i + 1}s`);
    const big = sessionToScenario({ seed: 1, lines: many, title: '!!!' });
    expect(Scenario.safeParse(big).success).toBe(true);
    expect(big.steps.length).toBeLessThanOrEqual(100);
    expect(scenarioLines(big).map((l) => l.line)).toEqual(many);
    expect(big.id).toBe('recorded-session');
  });
});

describe('exporting a timed session keeps its pacing', () => {
  it('inserts sim advance where the presenter let time pass, so the script ends where the session did', () => {
    const t0 = (() => {
      const s = new Session({ seed: 3, tree: createCommandTree() });
      s.loadDemo();
      return s.sim.now;
    })();
    const lines = sessionScriptLines({
      seed: 3,
      preset: 'demo',
      log: [
        { t: t0, line: 'sim outage start --region westeurope' },
        { t: t0 + 600_000, line: 'sim outage stop --region westeurope' },
        { t: t0 + 600_500, cancel: 1 },
        { t: t0 + 660_000, line: 'sim status' },
      ],
    });
    expect(lines).toEqual([
      'sim preset demo',
      'sim outage start --region westeurope',
      'sim advance 10m',
      'sim outage stop --region westeurope',
      'sim advance 1m',
      'sim status',
    ]);
    const result = runScript(lines.join('\n'), { seed: 3, tree: createCommandTree() });
    expect(result.commands.at(-1)!.time).toBe(t0 + 660_000);
  });
});

describe('the exported scenario counts its commands in plain English', () => {
  it.each([
    [[], 'A recorded session with no commands.'],
    [['sim preset demo'], 'A recorded session of 1 command.'],
    [['sim preset demo', 'sim time'], 'A recorded session of 2 commands.'],
  ])('%j → %s', (lines, start) => {
    expect(sessionToScenario({ seed: 1, lines }).teaches.startsWith(`${start} `)).toBe(true);
  });

  it('an empty dashboard session (the demo world, nothing typed) says "1 command"', () => {
    const lines = sessionScriptLines({ seed: 1, preset: 'demo', log: [] });
    expect(sessionToScenario({ seed: 1, lines }).teaches).toMatch(/^A recorded session of 1 command\. /);
  });
});
