import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/schema';
import { PlayerController, type LineEnd } from './player-controller';
import {
  actionLine,
  afterStep,
  autoStartStep,
  beginAction,
  canRunStep,
  createPlayer,
  rewoundActions,
  finishAction,
  goTo,
  highlightFor,
  nextAction,
  scenarioCounts,
  skippedBefore,
  stepProgress,
  type PlayerState,
} from './player-logic';

const scenario: Scenario = {
  format: 'acr-lab-scenario/1',
  id: 'test-story',
  title: 'A test story',
  teaches: 'How the player sequences steps.',
  seed: 7,
  steps: [
    {
      title: 'Create',
      narrative: 'Make a registry.',
      actions: [
        { run: 'az acr create -n r -g g -l eastus --sku Premium' },
        { expect: 'Succeeded', says: 'It exists.' },
      ],
      regions: ['eastus'],
      pause: false,
    },
    {
      title: 'Replicate',
      narrative: 'Add a replica.',
      actions: [{ run: 'az acr replication create -r r -l westeurope' }],
      regions: ['eastus', 'westeurope'],
      pause: true,
    },
    {
      title: 'Look',
      narrative: 'Just read this.',
      actions: [],
      regions: [],
      pause: false,
    },
    {
      title: 'Pull',
      narrative: 'Pull it.',
      actions: [
        { run: 'docker pull r.azurecr.io/a:1' },
        { expect: 'MANIFEST_UNKNOWN', says: 'Not there yet.' },
      ],
      regions: ['westeurope'],
      pause: false,
    },
  ],
  tryThis: ['Try another region.'],
};

/** Runs every action of a step with the given exit codes. */
function runWith(state: PlayerState, step: number, codes: readonly number[]): PlayerState {
  let s = state;
  codes.forEach((code) => {
    const a = nextAction(s, step);
    s = finishAction(beginAction(s, step, a), step, a, code);
  });
  return s;
}

describe('player logic', () => {
  it('turns actions into console lines', () => {
    expect(actionLine({ run: 'sim time' })).toBe('sim time');
    expect(actionLine({ expect: '/served by (eastus)/', says: 'x' })).toBe('sim expect /served by (eastus)/');
  });

  it('runs a step action by action and records exit codes', () => {
    let s = createPlayer(scenario);
    expect(canRunStep(s)).toBe(true);
    expect(nextAction(s, 0)).toBe(0);
    s = beginAction(s, 0, 0);
    expect(s.running).toEqual({ step: 0, action: 0 });
    expect(canRunStep(s)).toBe(false);
    expect(stepProgress(s, 0)).toBe('partial');
    s = finishAction(s, 0, 0, 0);
    expect(s.results[0]![0]).toEqual({ status: 'done', exitCode: 0 });
    expect(nextAction(s, 0)).toBe(1);
    // While its last action runs, the step has not run yet.
    expect(stepProgress(beginAction(s, 0, 1), 0)).toBe('partial');
    s = finishAction(beginAction(s, 0, 1), 0, 1, 1);
    expect(s.results[0]![1]!.status).toBe('failed');
    expect(stepProgress(s, 0)).toBe('ran');
    expect(nextAction(s, 0)).toBe(-1);
    expect(canRunStep(s)).toBe(false);
  });

  it('a failing command is not a failure; a checkpoint exit code is', () => {
    let s = runWith(createPlayer(scenario), 0, [1, 0]);
    expect(s.results[0]!.map((r) => r.status)).toEqual(['done', 'passed']);
    s = runWith(goTo(s, 3), 3, [1, 1]);
    expect(s.results[3]!.map((r) => r.status)).toEqual(['done', 'failed']);
    expect(scenarioCounts(s)).toEqual({ total: 2, passed: 1, failed: 1 });
  });

  it('a cancelled action runs again with the rest of the step', () => {
    let s = createPlayer(scenario);
    s = finishAction(beginAction(s, 0, 0), 0, 0, 130);
    expect(s.results[0]![0]!.status).toBe('cancelled');
    expect(nextAction(s, 0)).toBe(0);
    expect(canRunStep(s)).toBe(true);
  });

  it('Back and Next are clamped to the steps and the ending, and stop auto-run', () => {
    let s = { ...createPlayer(scenario), auto: true };
    s = goTo(s, -3);
    expect(s.step).toBe(0);
    expect(s.auto).toBe(false);
    s = goTo(s, 99);
    expect(s.step).toBe(4);
    expect(canRunStep(s)).toBe(false);
    expect(highlightFor(s)).toEqual([]);
    expect(highlightFor(goTo(s, 1))).toEqual(['eastus', 'westeurope']);
  });

  it('going back keeps what ran (the world is not undone)', () => {
    let s = runWith(createPlayer(scenario), 0, [0, 0]);
    s = goTo(goTo(s, 1), 0);
    expect(stepProgress(s, 0)).toBe('ran');
    expect(canRunStep(s)).toBe(false);
  });

  it('lists earlier steps that have not run', () => {
    const s = goTo(createPlayer(scenario), 3);
    expect(skippedBefore(s)).toEqual([1, 2]);
  });

  describe('auto-run decisions', () => {
    const auto = (s: PlayerState): PlayerState => ({ ...s, auto: true });

    it('stops when auto-run is off', () => {
      expect(afterStep(runWith(createPlayer(scenario), 0, [0, 0]), 0)).toBe('stop');
    });

    it('goes on after a step that passed and is not a pause point', () => {
      expect(afterStep(auto(runWith(createPlayer(scenario), 0, [0, 0])), 0)).toBe('next');
    });

    it('stops at a pause point', () => {
      const s = auto(runWith(goTo(createPlayer(scenario), 1), 1, [0]));
      expect(afterStep(s, 1)).toBe('stop');
    });

    it('stops on a failed checkpoint or a cancelled command', () => {
      expect(afterStep(auto(runWith(createPlayer(scenario), 0, [0, 1])), 0)).toBe('stop');
      expect(afterStep(auto(runWith(createPlayer(scenario), 0, [130])), 0)).toBe('stop');
    });

    it('ends after the last step', () => {
      const s = auto(runWith(goTo(createPlayer(scenario), 3), 3, [1, 0]));
      expect(afterStep(s, 3)).toBe('end');
    });

    it('starts on the shown step, or the next when it already ran', () => {
      const s = createPlayer(scenario);
      expect(autoStartStep(s)).toBe(0);
      expect(autoStartStep(runWith(s, 0, [0, 0]))).toBe(1);
      expect(autoStartStep(goTo(s, 4))).toBeUndefined();
    });
  });
});

/**
 * A console whose lines finish when the test says so. Like the real one (command-pump.ts) it runs
 * a batch one line at a time, drops the rest of a batch after a cancelled line, and asks `skip`
 * before starting each.
 */
function fakeConsole() {
  const ran: string[] = [];
  /** Simulated time: each line starts a second after the previous. */
  let clock = 0;
  /** The session log and how much of it the world shown has applied. */
  const timeline: { log: { t: number; line: string }[]; cursor: number } = { log: [], cursor: 0 };
  const listeners = new Set<() => void>();
  const source = {
    get: () => ({ log: timeline.log, cursor: timeline.cursor }),
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  /** Shows the world after `cursor` log entries (a rewind, or a replay going forward). */
  const seek = (cursor: number): void => {
    timeline.cursor = cursor;
    for (const l of listeners) l();
  };
  /** Makes another log current, shown at its end (switching back to a branch, then Back to live). */
  const switchTo = (log: { t: number; line: string }[]): void => {
    timeline.log = log;
    seek(log.length);
  };
  const queue: { line: string; skip: () => boolean; resolve: (end: LineEnd) => void }[] = [];
  let current: ((code: number) => void) | undefined;
  const startNext = (): void => {
    while (current === undefined && queue.length > 0) {
      const next = queue.shift()!;
      if (next.skip()) {
        next.resolve({ exitCode: 130 });
        continue;
      }
      ran.push(next.line);
      // Typing after a rewind sets the future aside (a fork), as the engine does.
      timeline.log.length = timeline.cursor;
      const logIndex = timeline.log.push({ t: (clock += 1000), line: next.line }) - 1;
      timeline.cursor = timeline.log.length;
      current = (exitCode) => next.resolve(exitCode === 130 ? { exitCode } : { exitCode, logIndex });
    }
  };
  const run = (lines: readonly string[], skip: () => boolean): Promise<LineEnd>[] => {
    const exits = lines.map((line) => new Promise<LineEnd>((resolve) => queue.push({ line, skip, resolve })));
    startNext();
    return exits;
  };
  const finish = async (code = 0): Promise<void> => {
    const resolve = current!;
    current = undefined;
    resolve(code);
    if (code === 130) for (const dropped of queue.splice(0)) dropped.resolve({ exitCode: 130 });
    startNext();
    await new Promise((r) => setTimeout(r, 0));
  };
  return {
    ran,
    run,
    finish,
    seek,
    switchTo,
    source,
    timeline,
    pending: () => (current ? 1 : 0) + queue.length,
  };
}

describe('PlayerController', () => {
  it('runs a step one action at a time, each after the previous finished', async () => {
    const c = fakeConsole();
    const player = new PlayerController(scenario, c.run);
    const done = player.runStep();
    expect(c.ran).toEqual(['az acr create -n r -g g -l eastus --sku Premium']);
    await c.finish(0);
    expect(c.ran).toEqual(['az acr create -n r -g g -l eastus --sku Premium', 'sim expect Succeeded']);
    await c.finish(0);
    await done;
    expect(player.getSnapshot().results[0]!.map((r) => r.status)).toEqual(['done', 'passed']);
    expect(player.getSnapshot().step).toBe(0); // a manual run stays on its step
  });

  it('auto-run plays on until a pause point, and again to the end', async () => {
    const c = fakeConsole();
    const player = new PlayerController(scenario, c.run);
    player.setAuto(true);
    await c.finish(0);
    await c.finish(0);
    // Step 2 (a pause point) runs, then auto-run stops there.
    expect(player.getSnapshot().step).toBe(1);
    await c.finish(0);
    expect(player.getSnapshot().auto).toBe(false);
    expect(player.getSnapshot().step).toBe(1);
    expect(c.pending()).toBe(0);
    // On again: the narrative-only step 3 passes through, step 4 runs, then the ending.
    player.setAuto(true);
    expect(player.getSnapshot().step).toBe(3);
    await c.finish(1);
    await c.finish(0);
    expect(player.getSnapshot().step).toBe(4);
    expect(player.getSnapshot().auto).toBe(false);
  });

  it('auto-run stops at a failed checkpoint', async () => {
    const c = fakeConsole();
    const player = new PlayerController(scenario, c.run);
    player.setAuto(true);
    await c.finish(0);
    await c.finish(1);
    expect(player.getSnapshot().step).toBe(0);
    expect(player.getSnapshot().auto).toBe(false);
    expect(c.pending()).toBe(0);
  });

  it('Ctrl+C stops the step; Run step carries on from the cancelled command', async () => {
    const c = fakeConsole();
    const player = new PlayerController(scenario, c.run);
    void player.runStep();
    await c.finish(130);
    expect(c.pending()).toBe(0);
    expect(player.getSnapshot().running).toBeUndefined();
    void player.runStep();
    expect(c.ran.at(-1)).toBe('az acr create -n r -g g -l eastus --sku Premium');
  });

  it('moving by hand during auto-run finishes the running step and goes no further', async () => {
    const c = fakeConsole();
    const player = new PlayerController(scenario, c.run);
    player.setAuto(true);
    player.next();
    expect(player.getSnapshot().auto).toBe(false);
    await c.finish(0);
    await c.finish(0);
    expect(c.pending()).toBe(0);
    expect(player.getSnapshot().step).toBe(1);
  });

  it('a disposed player starts nothing more', async () => {
    const c = fakeConsole();
    const player = new PlayerController(scenario, c.run);
    void player.runStep();
    player.dispose();
    await c.finish(0);
    expect(c.ran).toHaveLength(1);
  });

  it('rewinding shows the steps it undid as not run; replaying gives their results back; a fork forgets them', async () => {
    const c = fakeConsole();
    const player = new PlayerController(scenario, c.run, c.source);
    void player.runStep();
    await c.finish(0);
    await c.finish(0);
    player.next();
    void player.runStep();
    await c.finish(0);
    const statuses = () =>
      player
        .getSnapshot()
        .results.slice(0, 2)
        .map((r) => r.map((a) => a.status));
    expect(statuses()).toEqual([['done', 'passed'], ['done']]);
    // Back to the world after step 1's command only: its checkpoint and step 2 have not run there.
    c.seek(1);
    expect(statuses()).toEqual([['done', 'pending'], ['pending']]);
    expect(rewoundActions(player.getSnapshot(), 1)).toBe(1);
    expect(canRunStep(player.getSnapshot())).toBe(true);
    // Playing on replays the log: the results come back as the replay reaches each line.
    c.seek(3);
    expect(statuses()).toEqual([['done', 'passed'], ['done']]);
    // Rewound again, and step 2 run afresh (failing this time): that sets the old future aside,
    // step 1's check too, which is then simply not run here (nothing ahead to replay).
    const original = c.timeline.log.slice();
    c.seek(1);
    void player.runStep();
    await c.finish(1);
    expect(c.timeline.log.map((e) => e.line)).toEqual([
      'az acr create -n r -g g -l eastus --sku Premium',
      'az acr replication create -r r -l westeurope',
    ]);
    expect(statuses()).toEqual([['done', 'pending'], ['done']]);
    expect(rewoundActions(player.getSnapshot(), 0)).toBe(0);
    player.show(0);
    expect(canRunStep(player.getSnapshot())).toBe(true);
    // Back on the original branch, each line shows its own run there, not the rerun's.
    c.switchTo(original);
    expect(statuses()).toEqual([['done', 'passed'], ['done']]);
    expect(player.getSnapshot().results[1]![0]!.exitCode).toBe(0);
  });
});
