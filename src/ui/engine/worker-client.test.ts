import { describe, expect, it } from 'vitest';
import type { MapFrame } from '../../protocol/frame';
import type { FromWorker, ToWorker } from '../../protocol/messages';
import { WorkerEngine } from './worker-client';

/** A stand-in for the engine worker: records what it is sent; the test plays its replies. */
class FakeWorker {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(m: ToWorker): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: FromWorker): void {
    this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  }
}

/** A frame at 00:01:30 of a playing clock at 60×. */
function frame(): MapFrame {
  return {
    time: 90_000,
    speed: 60,
    playing: true,
    registry: 'myregistry',
    regions: [],
    clients: undefined,
    transfers: new Float64Array(0),
    head: 90_000,
    origin: 0,
    cursor: 1,
  };
}

function setup() {
  const workers: FakeWorker[] = [];
  let wall = 0;
  const engine = new WorkerEngine(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    () => wall,
  );
  const errors: string[] = [];
  engine.onError((m) => errors.push(m));
  const w0 = workers[0]!;
  w0.reply({
    type: 'session',
    session: { seed: 7, preset: 'demo', log: [], worldStart: 0, head: 0, origin: 0, cursor: 0, branches: [] },
  });
  w0.reply({
    type: 'logEntry',
    index: 0,
    entry: { t: 1_000, line: 'sim outage start --region westeurope' },
    worldStart: 0,
  });
  w0.reply({ type: 'frame', frame: frame() });
  return { engine, workers, errors, tick: (ms: number) => (wall += ms) };
}

describe('worker crash recovery', () => {
  it('a fatal error restarts the worker and replays the mirrored log to the last frame', () => {
    const { workers, errors } = setup();
    const done: number[] = [];
    workers[0]!.reply({ type: 'error', message: 'boom', fatal: true });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent[0]).toMatchObject({
      type: 'restore',
      doc: {
        seed: 7,
        preset: 'demo',
        now: 90_000,
        log: [{ t: 1_000, line: 'sim outage start --region westeurope' }],
      },
    });
    expect(errors.at(-1)).toMatch(
      /restarted and your session replayed from its log \(1 command, back to 00:01:30\)/,
    );
    expect(done).toEqual([]);
  });

  it('a command in flight ends with a note instead of hanging', async () => {
    const { engine, workers } = setup();
    const lines: string[] = [];
    const handle = engine.runCommand('sim advance 1h', (l) => lines.push(...l));
    workers[0]!.onerror?.({ message: 'uncaught', preventDefault: () => undefined } as ErrorEvent);
    await expect(handle.done).resolves.toMatchObject({ exitCode: 1 });
    expect(lines.join('\n')).toMatch(/restarted/);
  });

  it('a non-fatal error is only reported', () => {
    const { workers, errors } = setup();
    workers[0]!.reply({ type: 'error', message: 'query failed' });
    expect(workers).toHaveLength(1);
    expect(errors).toEqual(['query failed']);
  });

  it('gives up after repeated crashes within a minute and says how to keep the session', () => {
    const { workers, errors, tick } = setup();
    workers[0]!.reply({ type: 'error', message: 'a', fatal: true });
    tick(1_000);
    workers[1]!.reply({ type: 'error', message: 'b', fatal: true });
    tick(1_000);
    workers[2]!.reply({ type: 'error', message: 'c', fatal: true });
    expect(workers).toHaveLength(3);
    expect(errors.at(-1)).toMatch(/not restarted a third time.*Export the session/);
  });

  it('notes only the commands still in flight, not every command the page ever ran', async () => {
    const { engine, workers } = setup();
    const outputs: string[][] = [[], [], [], []];
    const lines = ['sim time', 'sim status', 'sim advance 1h &', 'sim advance 1h'];
    const handles = lines.map((line, i) => engine.runCommand(line, (l) => outputs[i]!.push(...l)));
    const w0 = workers[0]!;
    for (const h of handles.slice(0, 3))
      w0.reply({ type: 'commandDone', id: h.id, exitCode: 0, prompt: 'dev' });
    // A background job keeps streaming after its commandDone.
    w0.reply({ type: 'output', id: handles[2]!.id, lines: ['[1] done'] });
    expect(outputs[2]).toEqual(['[1] done']);
    w0.reply({ type: 'error', message: 'boom', fatal: true });
    await expect(handles[3]!.done).resolves.toMatchObject({ exitCode: 1 });
    const notes = outputs.map((o) => o.filter((l) => /engine restarted/.test(l)).length);
    expect(notes).toEqual([0, 0, 0, 1]);
  });

  it('a restarted worker gets the clock back as the time controls show it: paused, at its speed', () => {
    const { engine, workers } = setup();
    engine.setSpeed(600);
    engine.pause();
    // A frame asked for before the pause still says "playing": it must not undo the pause.
    workers[0]!.reply({ type: 'frame', frame: { ...frame(), playing: true } });
    workers[0]!.reply({ type: 'error', message: 'boom', fatal: true });
    const sent = workers[1]!.sent.map((m) => m.type);
    expect(sent.slice(0, 3)).toEqual(['restore', 'setSpeed', 'pause']);
    expect(workers[1]!.sent[1]).toEqual({ type: 'setSpeed', speed: 600 });
  });

  it('a pause from the console (`sim pause`, seen in frames) survives a restart too', () => {
    const { workers } = setup();
    workers[0]!.reply({ type: 'frame', frame: { ...frame(), playing: false, speed: 3600 } });
    workers[0]!.onerror?.({ message: 'uncaught', preventDefault: () => undefined } as ErrorEvent);
    expect(workers[1]!.sent.slice(0, 3)).toEqual([
      expect.objectContaining({ type: 'restore' }),
      { type: 'setSpeed', speed: 3600 },
      { type: 'pause' },
    ]);
  });
});
