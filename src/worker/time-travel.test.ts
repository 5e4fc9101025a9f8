import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FromWorker, SessionSync } from '../protocol/messages';
import { EngineHost } from './engine-host';
import { SESSION_FORMAT, SESSION_VERSION, type SessionDoc } from '../session';

/** A host driven like the dashboard drives it: frames of wall time, commands in between. */
function harness(preset: 'demo' | 'empty' = 'demo') {
  const messages: FromWorker[] = [];
  let wall = 0;
  let nextId = 1;
  const host = new EngineHost(
    (m) => messages.push(m),
    () => wall,
  );
  host.handle({ type: 'init', seed: 3, preset });
  host.handle({ type: 'setSpeed', speed: 600 });
  /** The world's starting time (the demo world has already provisioned its replicas). */
  const t0 = host.sim.now;
  const frame = (wallMs = 16) => {
    wall += wallMs;
    host.handle({ type: 'frameRequest' });
  };
  const run = (line: string) => {
    const id = nextId++;
    host.handle({ type: 'command', id, line });
    return id;
  };
  /** Runs frames until no foreground command is left (bounded). */
  const settle = (max = 2_000) => {
    for (let i = 0; i < max; i++) frame(50);
  };
  const session = (): SessionSync => {
    const all = messages.filter((m) => m.type === 'session');
    return (all[all.length - 1] as Extract<FromWorker, { type: 'session' }>).session;
  };
  const doc = (): SessionDoc => {
    const s = session();
    return {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      seed: s.seed,
      preset: s.preset,
      log: host.timeline.log.slice(),
      worldStart: host.timeline.worldStart,
      head: host.timeline.head,
      now: host.sim.now,
      branches: host.timeline.branches.slice(),
      layout: {},
    };
  };
  const events = () => JSON.stringify(host.sim.log.events);
  /** The "+1 m" buttons: time passes without a logged command. */
  const advance = (ms: number) => host.handle({ type: 'advance', ms });
  return { host, messages, frame, run, settle, session, doc, events, advance, t0 };
}

const SCRIPT = [
  'az acr replication create -r myregistry -l japaneast --no-wait',
  'docker build -t myregistry.azurecr.io/app:v1 --size 200MB .',
  'docker push myregistry.azurecr.io/app:v1',
  'sim outage start --region westeurope',
  'sim advance 3m',
  'docker pull myregistry.azurecr.io/app:v1',
  'sim outage stop --region westeurope',
];

describe('time travel: the session log rebuilds the world exactly', () => {
  it('a restored session (seed + timed log) has the same event log as the live one', () => {
    const live = harness();
    for (const line of SCRIPT) {
      live.run(line);
      for (let i = 0; i < 30; i++) live.frame(37);
    }
    live.settle(200);
    const restored = harness();
    restored.host.handle({ type: 'restore', doc: live.doc() });
    expect(restored.host.sim.now).toBe(live.host.sim.now);
    expect(restored.events()).toBe(live.events());
  });

  it('property: any frame pacing between commands replays to the same world', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...SCRIPT), fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 12 })),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.boolean(),
        (steps, paused) => {
          const live = harness();
          // Paused, time moves only while a typed command runs, and stops where it ends.
          if (paused) live.host.handle({ type: 'pause' });
          for (const [line, frames] of steps) {
            live.run(line);
            for (const f of frames) live.frame(f);
          }
          const restored = harness();
          restored.host.handle({ type: 'restore', doc: live.doc() });
          expect(restored.events()).toBe(live.events());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('seeking back rebuilds the past; moving forward again replays the recorded commands', () => {
    const h = harness();
    for (const line of SCRIPT) {
      h.run(line);
      for (let i = 0; i < 40; i++) h.frame(50);
    }
    const end = h.host.sim.now;
    const full = h.events();
    const back = h.t0 + 60_000;
    h.host.handle({ type: 'seek', t: back });
    expect(h.host.sim.now).toBe(back);
    expect(h.host.timeline.reviewing).toBe(true);
    expect(h.host.sim.log.events.every((e) => e.t <= back)).toBe(true);
    h.host.handle({ type: 'seek', t: end });
    expect(h.host.sim.now).toBe(end);
    expect(h.events()).toBe(full);
    expect(h.host.timeline.reviewing).toBe(false);
  });

  it('playing on from the past replays the future at its recorded times', () => {
    const h = harness();
    h.run('sim advance 2m');
    h.run('sim outage start --region westeurope');
    h.run('sim advance 2m');
    const full = h.events();
    const end = h.host.sim.now;
    h.host.handle({ type: 'seek', t: 0 });
    while (h.host.sim.now < end) h.frame(100);
    h.host.handle({ type: 'seek', t: end });
    expect(h.events()).toBe(full);
  });

  it('typing after scrubbing back forks; the old future is kept and can be switched back to', () => {
    const h = harness();
    h.advance(20_000);
    h.run('sim outage start --region westeurope');
    h.advance(300_000);
    const original = h.host.timeline.log.slice();
    const originalEvents = h.events();
    const originalHead = h.host.timeline.head;
    h.host.handle({ type: 'seek', t: h.t0 + 30_000 });
    h.run('sim outage start --region eastus');
    expect(h.host.timeline.branches).toHaveLength(1);
    expect(h.host.timeline.branches[0]!.log).toEqual(original);
    expect(h.host.timeline.branches[0]!.forkTime).toBe(h.t0 + 30_000);
    expect(h.host.timeline.log.map((e) => ('line' in e ? e.line : ''))).toEqual([
      'sim outage start --region westeurope',
      'sim outage start --region eastus',
    ]);
    expect(h.session().branches).toHaveLength(1);
    // Switch back: the old future returns (and the fork is kept in its place).
    h.host.handle({ type: 'switchBranch', index: 0 });
    expect(h.host.timeline.log).toEqual(original);
    expect(h.host.sim.now).toBe(h.t0 + 30_000);
    h.host.handle({ type: 'seek', t: originalHead });
    expect(h.events()).toBe(originalEvents);
    expect(h.host.timeline.branches[0]!.log.map((e) => ('line' in e ? e.line : ''))).toContain(
      'sim outage start --region eastus',
    );
    h.host.handle({ type: 'discardBranch', index: 0 });
    expect(h.host.timeline.branches).toHaveLength(0);
  });

  it('Ctrl+C is logged and replayed, so a cancelled push stays cancelled', () => {
    const live = harness();
    live.run('docker build -t myregistry.azurecr.io/big:v1 --size 2GB .');
    const id = live.run('docker push myregistry.azurecr.io/big:v1');
    for (let i = 0; i < 5; i++) live.frame(16);
    live.host.handle({ type: 'cancel', id });
    expect(live.host.timeline.log.some((e) => 'cancel' in e)).toBe(true);
    live.settle(50);
    const restored = harness();
    restored.host.handle({ type: 'restore', doc: live.doc() });
    expect(restored.events()).toBe(live.events());
  });

  it('sim preset starts a new world: the timeline covers the last world only', () => {
    const h = harness();
    h.run('sim outage start --region westeurope');
    h.run('sim advance 10m');
    h.run('sim preset demo');
    expect(h.host.timeline.worldStart).toBe(3);
    const start = h.host.sim.now;
    expect(start).toBe(h.t0);
    h.run('sim advance 1m');
    h.advance(60_000);
    expect(h.host.timeline.head).toBe(start + 60_000);
    const withoutOutage = h.events();
    h.host.handle({ type: 'seek', t: 0 });
    expect(h.host.sim.now).toBe(start);
    h.host.handle({ type: 'seek', t: start + 60_000 });
    expect(h.events()).toBe(withoutOutage);
  });

  it('a seek can land in the middle of a command that takes time (sim advance runs in simulated time)', () => {
    const h = harness();
    h.run('sim advance 1m');
    h.advance(90_000);
    h.host.handle({ type: 'seek', t: h.t0 + 30_000 });
    expect(h.host.sim.now).toBe(h.t0 + 30_000);
    h.host.handle({ type: 'seek', t: h.t0 + 90_000 });
    expect(h.host.sim.now).toBe(h.t0 + 90_000);
  });

  it('a seek interrupts the command the console waits for, with a note and exit 130', () => {
    const h = harness();
    h.run('docker build -t myregistry.azurecr.io/big:v1 --size 2GB .');
    h.run('sim advance 1m');
    const id = h.run('docker push myregistry.azurecr.io/big:v1');
    h.frame(16);
    h.host.handle({ type: 'seek', t: 0 });
    const done = h.messages.find((m) => m.type === 'commandDone' && m.id === id);
    expect(done).toMatchObject({ exitCode: 130 });
  });

  it('the UI receives appended entries one by one, and a full log after a seek', () => {
    const h = harness();
    h.run('sim outage start --region westeurope');
    h.advance(60_000);
    h.run('sim outage stop --region westeurope');
    const entries = h.messages.filter((m) => m.type === 'logEntry');
    expect(entries.map((m) => m.index)).toEqual([0, 1]);
    h.host.handle({ type: 'seek', t: h.t0 + 30_000 });
    expect(h.session().log).toHaveLength(2);
    expect(h.session().cursor).toBe(1);
  });
});

describe('time travel: checkpoint worlds make rewinding cheap without changing the result', () => {
  it('a rewind served from a checkpoint gives the same world as a replay from the start', () => {
    const h = harness();
    const lines = [
      'az acr replication create -r myregistry -l japaneast --no-wait',
      'docker build -t myregistry.azurecr.io/app:v1 --size 200MB .',
      'docker push myregistry.azurecr.io/app:v1 &',
      'sim outage start --region westeurope',
      'sim outage stop --region westeurope',
      'docker pull myregistry.azurecr.io/app:v1',
    ];
    for (const line of lines) {
      h.run(line);
      h.advance(240_000);
    }
    const head = h.host.timeline.head;
    h.host.handle({ type: 'seek', t: head });
    // The first rewind marks the session; idle frames then build the checkpoint worlds.
    h.host.handle({ type: 'seek', t: h.t0 });
    h.host.handle({ type: 'seek', t: head });
    for (let i = 0; i < 10; i++) h.frame(0);
    expect(h.host.checkpoints.count).toBeGreaterThanOrEqual(4);
    for (const target of [h.t0 + 500_000, h.t0 + 1_000_000, head - 1_000]) {
      h.host.handle({ type: 'seek', t: target });
      const fromCheckpoint = h.events();
      const fresh = harness();
      fresh.host.handle({ type: 'restore', doc: { ...h.doc(), now: target } });
      expect(fromCheckpoint).toBe(fresh.events());
      h.host.handle({ type: 'seek', t: head });
      for (let i = 0; i < 3; i++) h.frame(0);
    }
  });

  it('a fork forgets the checkpoints after the fork point', () => {
    const h = harness();
    for (let i = 0; i < 4; i++) {
      h.run(`sim outage ${i % 2 ? 'stop' : 'start'} --region westeurope`);
      h.advance(300_000);
    }
    const head = h.host.timeline.head;
    h.host.handle({ type: 'seek', t: h.t0 });
    h.host.handle({ type: 'seek', t: head });
    for (let i = 0; i < 10; i++) h.frame(0);
    const times = h.host.checkpoints.times();
    expect(times.length).toBeGreaterThan(2);
    const forkAt = times[1]! - 1_000;
    h.host.handle({ type: 'seek', t: forkAt });
    h.run('sim outage start --region eastus');
    expect(h.host.checkpoints.times().every((t) => t <= forkAt)).toBe(true);
  });
});

describe('restoring a long session', () => {
  it('replays in slices with progress when it takes long, and ends in the same world', () => {
    const live = harness();
    for (const line of SCRIPT) {
      live.run(line);
      live.advance(600_000);
    }
    const doc = live.doc();
    const messages: FromWorker[] = [];
    let wall = 0;
    // Every look at the wall clock costs 7 ms here, so the 60 ms slices run out quickly.
    const host = new EngineHost(
      (m) => messages.push(m),
      () => (wall += 7),
    );
    host.handle({ type: 'restore', doc });
    host.handle({ type: 'command', id: 1, line: 'sim outage start --region eastus' });
    let requests = 0;
    while (!messages.some((m) => m.type === 'ready') && requests < 10_000) {
      host.handle({ type: 'frameRequest' });
      requests++;
    }
    const progress = messages.filter((m) => m.type === 'progress').map((m) => m.fraction);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((f, i) => f >= 0 && f < 1 && (i === 0 || f >= progress[i - 1]!))).toBe(true);
    expect(messages.find((m) => m.type === 'output' && m.id === 1)).toMatchObject({
      lines: [expect.stringMatching(/still being replayed/)],
    });
    expect(host.sim.now).toBe(live.host.sim.now);
    expect(JSON.stringify(host.sim.log.events)).toBe(live.events());
  });
});

describe('paused clock', () => {
  it('a command typed while paused stops the clock where it ends, whatever the frame pacing', () => {
    const endOf = (frameMs: number) => {
      const h = harness();
      h.host.handle({ type: 'pause' });
      h.run('docker build -t myregistry.azurecr.io/app:v1 --size 300MB .');
      const id = h.run('docker push myregistry.azurecr.io/app:v1');
      for (let i = 0; i < 2_000 && !h.messages.some((m) => m.type === 'commandDone' && m.id === id); i++)
        h.frame(frameMs);
      const end = h.host.sim.now;
      h.frame(frameMs);
      expect(h.host.sim.now).toBe(end);
      return end;
    };
    const a = endOf(250);
    expect(endOf(37)).toBe(a);
    expect(endOf(16)).toBe(a);
  });
});
