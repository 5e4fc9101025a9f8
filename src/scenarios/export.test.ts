import { describe, expect, it } from 'vitest';
import { createCommandTree, runScript, Session } from '../commands';
import { EXPORT_NOTE, sessionScriptLines, sessionToScenario, slug } from './export';
import { SCENARIOS, scenarioById } from './library';
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

/** A timed log entry, as the dashboard's session keeps it. */
type Entry = { t: number; line: string } | { t: number; cancel: number };

/**
 * The dashboard's world for a timed log: every entry applied at its own time on a live clock,
 * commands running as processes side by side (as the worker's time machine replays a session).
 * Returns the session and what `sim status` prints at the time of the last entry.
 */
function liveWorld(seed: number, preset: 'demo' | 'empty', log: readonly Entry[]): Session {
  const s = new Session({ seed, tree });
  if (preset === 'demo') s.loadDemo();
  const running = new Map<number, { cancel(): void }>();
  log.forEach((entry, i) => {
    s.sim.scheduler.runUntil(entry.t);
    if ('cancel' in entry) running.get(entry.cancel)?.cancel();
    else
      running.set(
        i,
        s.start(entry.line, () => undefined),
      );
  });
  return s;
}

/** Timed entries for lines typed one after the other, each once the one before has finished. */
function typedInTurn(seed: number, lines: readonly string[]): Entry[] {
  const s = new Session({ seed, tree });
  s.loadDemo();
  return lines.map((line) => {
    const t = s.sim.now;
    s.runLine(line, () => undefined);
    return { t, line };
  });
}

/** Runs script lines as the runner does; returns the final clock and what `sim status` says. */
function scriptWorld(seed: number, lines: readonly string[]): { now: number; status: string[] } {
  const s = new Session({ seed, tree });
  for (const l of lines) s.runLine(l, () => undefined);
  const status: string[] = [];
  s.runLine('sim status', (l) => status.push(l));
  return { now: s.sim.now, status };
}

function statusOf(s: Session): string[] {
  const out: string[] = [];
  s.runLine('sim status', (l) => out.push(l));
  return out;
}

describe('exporting a session that went on in the middle of a command (a fork after a rewind, Ctrl+C)', () => {
  // "Start here" up to step 2's `sim advance 5m`, played in the dashboard.
  const start = scenarioById('start-here')!;
  const lines = scenarioLines(start)
    .filter((l) => l.kind === 'run' && l.step <= 1)
    .map((l) => l.line);
  const upToAdvance = lines.slice(1, lines.indexOf('sim advance 5m') + 1);

  it('a rewind into `sim advance 5m` and a new command: the advance is cut to the time that passed', () => {
    const played = typedInTurn(start.seed, upToAdvance);
    const advanceAt = played.at(-1)!.t;
    // The presenter rewound to 14.5 s into the advance and typed a command there.
    const log: Entry[] = [
      ...played,
      { t: advanceAt + 14_500, line: 'az acr replication list -r myregistry' },
    ];
    const script = sessionScriptLines({ seed: start.seed, preset: 'demo', log }, tree);
    expect(script.slice(-2)).toEqual(['sim advance 14.5s', 'az acr replication list -r myregistry']);
    expect(script.some((l) => l.startsWith(EXPORT_NOTE))).toBe(false);

    const live = liveWorld(start.seed, 'demo', log);
    const replayed = scriptWorld(start.seed, script);
    expect(replayed.now).toBe(live.sim.now);
    expect(replayed.now).toBe(advanceAt + 14_500);
    expect(replayed.status).toEqual(statusOf(live));
    // Japan East is still being created there, as in the session.
    const replicas = runScript(
      [...script, 'az acr replication show -r myregistry -n japaneast -o table'].join('\n'),
      {
        seed: start.seed,
        tree,
      },
    ).transcript.join('\n');
    expect(replicas).toMatch(/japaneast\s+japaneast\s+Creating/);

    // The exported scenario replays to the same clock, and says nothing was cut.
    const scenario = sessionToScenario({
      seed: start.seed,
      lines: script,
      title: `${start.title} (recorded)`,
    });
    const result = runScenario(scenario, tree);
    expect(result.script.commands.at(-1)!.time).toBe(advanceAt + 14_500);
    expect(scenario.tryThis).toHaveLength(1);
  });

  it('Ctrl+C on `sim advance` stops the clock where it was pressed; odd milliseconds are kept', () => {
    const played = typedInTurn(start.seed, upToAdvance);
    const advanceAt = played.at(-1)!.t;
    const log: Entry[] = [
      ...played,
      { t: advanceAt + 61_250.4, cancel: played.length - 1 },
      { t: advanceAt + 61_250.4, line: 'sim time' },
    ];
    const script = sessionScriptLines({ seed: start.seed, preset: 'demo', log }, tree);
    expect(script.slice(-2)).toEqual(['sim advance 1m1.25s', 'sim time']);
    const replayed = scriptWorld(start.seed, script);
    expect(replayed.now).toBe(advanceAt + 61_250);
    expect(replayed.status).toEqual(statusOf(liveWorld(start.seed, 'demo', log)));
  });

  it('an advance that ended before the next command is kept whole (pauses after it still become advances)', () => {
    const played = typedInTurn(start.seed, upToAdvance);
    const advanceAt = played.at(-1)!.t;
    const log: Entry[] = [...played, { t: advanceAt + 420_000, line: 'sim time' }];
    const script = sessionScriptLines({ seed: start.seed, preset: 'demo', log }, tree);
    expect(script.slice(-3)).toEqual(['sim advance 5m', 'sim advance 2m', 'sim time']);
    expect(scriptWorld(start.seed, script).now).toBe(liveWorld(start.seed, 'demo', log).sim.now);
  });

  it('another command cut short cannot be scripted: a note in its step says so, and "try this" warns', () => {
    const push = [
      'docker build -t myregistry.azurecr.io/big:v1 --size 2GB .',
      'docker push myregistry.azurecr.io/big:v1',
    ];
    const played = typedInTurn(1, push);
    const pushAt = played.at(-1)!.t;
    const log: Entry[] = [...played, { t: pushAt + 2_000, cancel: played.length - 1 }];
    const script = sessionScriptLines({ seed: 1, preset: 'demo', log }, tree);
    const note = script.find((l) => l.startsWith(EXPORT_NOTE));
    expect(note).toMatch(/"docker push myregistry\.azurecr\.io\/big:v1" was stopped with Ctrl\+C at /);
    expect(script.indexOf(note!)).toBe(script.indexOf(push[1]!) - 1);

    const scenario = sessionToScenario({ seed: 1, lines: script });
    expect(Scenario.safeParse(scenario).success).toBe(true);
    // The note is not a command: the commands are the session's, in order.
    expect(scenarioLines(scenario).map((l) => l.line)).toEqual(script.filter((l) => !l.startsWith('#')));
    const step = scenario.steps.find((s) => s.actions.some((a) => 'run' in a && a.run === push[1]))!;
    expect(step.narrative).toMatch(/Note from the export: "docker push .*" was stopped with Ctrl\+C/);
    expect(scenario.steps.filter((s) => s.narrative.includes('Note from the export'))).toHaveLength(1);
    expect(scenario.tryThis.join(' ')).toMatch(/1 recorded command\(s\) were cut short/);

    // A fork in the middle of the push says so too.
    const forked: Entry[] = [...played, { t: pushAt + 2_000, line: 'sim time' }];
    const forkNote = sessionScriptLines({ seed: 1, preset: 'demo', log: forked }, tree).find((l) =>
      l.startsWith(EXPORT_NOTE),
    );
    expect(forkNote).toMatch(/was still running at .* when the session went on/);
  });
});

describe('exported scenario ids are cut between words', () => {
  it.each([
    [
      'Push, then pull at once from another region (recorded)',
      'push-then-pull-at-once-from-another-region-recorded',
    ],
    [
      'Start here: a first tour of a geo-replicated registry (recorded)',
      'start-here-a-first-tour-of-a-geo-replicated-registry-recorded',
    ],
    [
      'Throttling during failover: two replicas against three, and spreading the load (recorded)',
      'throttling-during-failover-two-replicas-against-three-recorded',
    ],
    [
      'Throttling during failover: two replicas against three, and spreading the load',
      'throttling-during-failover-two-replicas-against-three-and',
    ],
    ['a'.repeat(80), 'a'.repeat(63)],
    [`${'a'.repeat(70)} (recorded)`, `${'a'.repeat(54)}-recorded`],
  ])('%j → %s', (title, id) => {
    const s = sessionToScenario({ seed: 1, lines: ['sim time'], title });
    expect(s.id).toBe(id);
    expect(s.id.length).toBeLessThanOrEqual(63);
    expect(Scenario.safeParse(s).success).toBe(true);
  });

  it('every library title, recorded, gives a whole-word id ending in -recorded', () => {
    for (const sc of SCENARIOS) {
      const exported = slug(`${sc.title} (recorded)`);
      expect(exported).toMatch(/-recorded$/);
      expect(exported.length).toBeLessThanOrEqual(63);
      const words = sc.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .split('-');
      for (const w of exported.split('-').slice(0, -1)) expect(words).toContain(w);
    }
  });
});
