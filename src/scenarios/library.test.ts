import { describe, expect, it } from 'vitest';
import { createCommandTree, runScript } from '../commands';
import { findRegion } from '../engine';
import { loadLibrary, SCENARIOS, scenarioById } from './library';
import { runScenario, scenarioLines, scenarioScript, scenarioSummary, scenarioTranscript } from './run';
import { SCENARIO_FORMAT, type Scenario } from './schema';

const tree = createCommandTree();

/**
 * SPEC 10: every scenario of the library is also a test. CI runs them all here, headless, by id:
 * every checkpoint must hold.
 */
describe('SPEC 10 scenario library: every scenario runs headless with all checkpoints passing', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const r = runScenario(s, tree);
    const failed = r.checkpoints.filter((c) => !c.passed).map((c) => `step ${c.step + 1}: ${c.expect}`);
    expect(failed, scenarioTranscript(r).join('\n')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checkpoints.length).toBeGreaterThan(0);
    expect(r.script.exitCode).toBe(0);
    const broken = r.script.transcript.filter((l) => /internal error|is not a command/.test(l));
    expect(broken).toEqual([]);
    expect(scenarioSummary(r)).toBe(
      `scenario ${s.id}: ${r.checkpoints.length} of ${r.checkpoints.length} checkpoints passed`,
    );
  });
});

describe('the library', () => {
  it('lists start-here first, then the eleven scenarios of SPEC 10 in order', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual([
      'start-here',
      'push-then-pull',
      'tag-overwrite-race',
      'delete-propagation',
      'dns-bouncing-mid-push',
      'regional-outage-failover',
      'home-region-outage',
      'maintenance-exclude-routing',
      'throttling-during-failover',
      'private-endpoint-subnet-exhaustion',
      'storage-and-cost',
      'cicd-rollout',
    ]);
    expect(scenarioById('cicd-rollout')?.title).toMatch(/CI\/CD/);
    expect(scenarioById('no-such-scenario')).toBeUndefined();
  });

  it('start-here is a gentle tour of three or four steps', () => {
    const s = scenarioById('start-here')!;
    expect(s.steps.length).toBeGreaterThanOrEqual(3);
    expect(s.steps.length).toBeLessThanOrEqual(4);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    '%s has narrative, checkpoints, pauses, real regions and a try-this ending',
    (_id, s) => {
      expect(s.format).toBe(SCENARIO_FORMAT);
      expect(s.teaches.length).toBeGreaterThan(40);
      expect(s.tryThis.length).toBeGreaterThan(0);
      expect(s.steps.some((step) => step.pause)).toBe(true);
      for (const step of s.steps) {
        expect(step.narrative.length, step.title).toBeGreaterThan(80);
        for (const r of step.regions) expect(findRegion(r), `${step.title}: ${r}`).toBeDefined();
        expect(step.actions.some((a) => 'run' in a)).toBe(true);
      }
      expect(scenarioLines(s).some((l) => l.kind === 'expect')).toBe(true);
    },
  );

  it('is frozen: players cannot change the shared scenarios by accident', () => {
    const s = SCENARIOS[0]!;
    expect(Object.isFrozen(SCENARIOS)).toBe(true);
    expect(Object.isFrozen(s.steps[0]!.actions)).toBe(true);
  });

  it('a broken library file throws at import time, naming the file and the path of the problem', () => {
    const good = JSON.parse(JSON.stringify(SCENARIOS[0])) as Scenario;
    const bad = { ...good, steps: [{ ...good.steps[0]!, narrative: '' }] };
    expect(() => loadLibrary([['99-broken.json', bad]])).toThrow(
      /src\/scenarios\/library\/99-broken\.json is not a valid scenario: steps\[0\]\.narrative: /,
    );
    expect(() =>
      loadLibrary([
        ['a.json', good],
        ['b.json', good],
      ]),
    ).toThrow(/b\.json reuses the id 'start-here'/);
  });
});

describe('scenarioScript and runScenario', () => {
  const s = scenarioById('push-then-pull')!;

  it('the script is the run lines plus `sim expect` per checkpoint, and runs the same as the scenario', () => {
    const text = scenarioScript(s);
    const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines).toEqual(scenarioLines(s).map((l) => l.line));
    expect(lines.filter((l) => l.startsWith('sim expect ')).length).toBe(
      s.steps.flatMap((st) => st.actions).filter((a) => 'expect' in a).length,
    );
    const direct = runScript(text, { seed: s.seed, tree });
    expect(direct.exitCode).toBe(0);
    expect(direct.transcript).toEqual(runScenario(s, tree).script.transcript);
  });

  it('B-DET-1: the same scenario twice gives an identical transcript and event log', () => {
    const racy = scenarioById('dns-bouncing-mid-push')!; // seeded DNS choices and a background push
    const a = runScenario(racy, tree);
    const b = runScenario(racy, tree);
    expect(a.script.transcript.join('\n')).toBe(b.script.transcript.join('\n'));
    expect(JSON.stringify(a.script.events)).toBe(JSON.stringify(b.script.events));
    expect(a.checkpoints).toEqual(b.checkpoints);
  });

  it('reports which checkpoint failed, in which step, and marks the run as failed', () => {
    const broken: Scenario = {
      ...s,
      steps: [
        s.steps[0]!,
        {
          ...s.steps[1]!,
          actions: [...s.steps[1]!.actions, { expect: 'served by japaneast', says: 'never true here' }],
        },
      ],
    };
    const r = runScenario(broken, tree);
    expect(r.ok).toBe(false);
    expect(r.script.exitCode).toBe(1);
    const failed = r.checkpoints.filter((c) => !c.passed);
    expect(failed).toEqual([
      {
        step: 1,
        action: s.steps[1]!.actions.length,
        expect: 'served by japaneast',
        says: 'never true here',
        passed: false,
      },
    ]);
    expect(scenarioSummary(r)).toMatch(
      /first failure in step 2 \(The pipeline pushes in East US\): served by japaneast$/,
    );
  });

  it('the transcript for people marks where each step begins', () => {
    const r = runScenario(scenarioById('start-here')!, tree);
    const text = scenarioTranscript(r);
    expect(text[0]).toBe('# step 1/4: Meet the demo registry');
    const i = text.indexOf('# step 2/4: Add a replica in Japan East');
    expect(text[i + 1]).toMatch(/\$ az acr replication create -r myregistry -l japaneast --no-wait$/);
    expect(r.stepStarts.every((n) => n !== undefined)).toBe(true);
  });

  it('a seed given by the caller overrides the scenario seed', () => {
    const r = runScenario(scenarioById('start-here')!, tree, { seed: 77 });
    expect(r.script.seed).toBe(77);
  });
});

describe('a straight play-through has no unexplained errors', () => {
  /**
   * A command that fails must be followed at once by a checkpoint: its failure is the point of the
   * step, and the checkpoint says so. Anything else (a `docker rmi` of an image that is already
   * gone, a typo) would show the audience an error nobody explains.
   */
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const r = runScenario(s, tree);
    const script = scenarioScript(s).split('\n');
    const checked = (lineNumber: number): boolean => script[lineNumber]?.startsWith('sim expect ') ?? false;
    const unexplained = r.script.commands
      .filter((c) => !c.line.startsWith('sim expect ') && c.exitCode !== 0 && !checked(c.lineNumber))
      .map((c) => `line ${c.lineNumber}: ${c.line} (exit ${c.exitCode}): ${c.output.at(-1) ?? ''}`);
    expect(unexplained).toEqual([]);
    const noSuchImage = r.script.commands
      .filter((c) => c.output.some((l) => l.includes('No such image')) && !checked(c.lineNumber))
      .map((c) => `line ${c.lineNumber}: ${c.line}`);
    expect(noSuchImage).toEqual([]);
  });
});
