import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../protocol/messages';
import { TRANSFER_STRIDE } from '../protocol/frame';
import { EngineHost } from './engine-host';

function harness() {
  const messages: FromWorker[] = [];
  let wall = 0;
  const host = new EngineHost(
    (m) => messages.push(m),
    () => wall,
  );
  host.handle({ type: 'init', seed: 1, preset: 'demo' });
  const frame = (wallMs: number) => {
    wall += wallMs;
    host.handle({ type: 'frameRequest' });
  };
  const of = <T extends FromWorker['type']>(type: T) =>
    messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return { host, messages, frame, of };
}

describe('the engine worker host', () => {
  it('answers init with every region and the demo world on the first frame', () => {
    const { of, frame } = harness();
    expect(of('ready')[0]!.regions).toHaveLength(58);
    frame(0);
    const f = of('frame')[0]!.frame;
    expect(f.regions).toHaveLength(58);
    expect(f.registry).toBe('myregistry');
    expect(f.regions.find((r) => r.name === 'eastus')!.mark).toBe('home');
    expect(f.regions.find((r) => r.name === 'westeurope')!.replica!.look).toBe('ready');
    expect(f.clients!.map((c) => c.name)).toEqual(['dev']);
  });

  it('advances simulated time by speed × wall time, and only sends regions that changed', () => {
    const { host, of, frame } = harness();
    frame(0);
    const t0 = host.sim.now;
    host.handle({ type: 'setSpeed', speed: 600 });
    frame(16);
    const second = of('frame')[1]!.frame;
    expect(second.time - t0).toBeCloseTo(16 * 600, 5);
    expect(second.regions).toEqual([]);
    expect(second.clients).toBeUndefined();
    host.handle({ type: 'pause' });
    frame(16);
    expect(of('frame')[2]!.frame.time).toBe(second.time);
  });

  it("streams a command's output over frames, then reports it done with the prompt", () => {
    const { host, of, frame } = harness();
    frame(0);
    host.handle({
      type: 'command',
      id: 7,
      line: 'docker build -t myregistry.azurecr.io/app:v1 --size 500MB .',
    });
    expect(of('commandDone').find((m) => m.id === 7)?.exitCode).toBe(0);
    host.handle({ type: 'command', id: 8, line: 'docker push myregistry.azurecr.io/app:v1' });
    expect(of('commandDone').find((m) => m.id === 8)).toBeUndefined();
    const firstLines = of('output')
      .filter((m) => m.id === 8)
      .flatMap((m) => m.lines);
    expect(firstLines[0]).toContain('The push refers to repository');
    for (let i = 0; i < 400 && !of('commandDone').some((m) => m.id === 8); i++) frame(16);
    const lines = of('output')
      .filter((m) => m.id === 8)
      .flatMap((m) => m.lines);
    expect(lines.at(-1)).toMatch(/^v1: digest: sha256:[a-f0-9]{64} size: \d+$/);
    expect(of('commandDone').find((m) => m.id === 8)).toMatchObject({ exitCode: 0, prompt: 'dev' });
  });

  it('lets a typed command finish while time is paused', () => {
    const { host, of, frame } = harness();
    host.handle({ type: 'pause' });
    frame(0);
    host.handle({ type: 'command', id: 1, line: 'sim advance 30s' });
    for (let i = 0; i < 200 && !of('commandDone').some((m) => m.id === 1); i++) frame(16);
    expect(of('commandDone').some((m) => m.id === 1)).toBe(true);
    const t = host.sim.now;
    frame(16);
    expect(host.sim.now).toBe(t);
  });

  it('cancels a running command (Ctrl+C)', () => {
    const { host, of, frame } = harness();
    frame(0);
    host.handle({ type: 'command', id: 3, line: 'sim advance 1h' });
    frame(16);
    host.handle({ type: 'cancel', id: 3 });
    expect(of('commandDone').find((m) => m.id === 3)?.exitCode).toBe(130);
  });

  it('publishes transfers in flight as a packed array and keeps every message small', () => {
    const { host, messages, of, frame } = harness();
    frame(0);
    host.handle({
      type: 'command',
      id: 1,
      line: 'docker build -t myregistry.azurecr.io/app:v1 --size 2GB --layers 1 .',
    });
    host.handle({ type: 'command', id: 2, line: 'docker push myregistry.azurecr.io/app:v1' });
    frame(16);
    const transfers = of('frame').at(-1)!.frame.transfers;
    expect(transfers.length % TRANSFER_STRIDE).toBe(0);
    expect(transfers.length).toBeGreaterThan(0);
    for (let i = 0; i < 300; i++) frame(16);
    for (const m of messages) {
      const size = JSON.stringify(m, (_k, v: unknown) =>
        v instanceof Float64Array ? Array.from(v) : v,
      ).length;
      expect(size).toBeLessThan(100 * 1024);
    }
  });

  it('answers queries about regions and events, and completes console lines', () => {
    const { host, of } = harness();
    host.handle({
      type: 'query',
      id: 1,
      query: { kind: 'region', registry: undefined, region: 'japaneast' },
    });
    const detail = of('queryResult')[0]!.result as { mark: string; createCommand: string };
    expect(detail.mark).toBe('available');
    expect(detail.createCommand).toBe('az acr replication create -r myregistry -l japaneast');
    host.handle({ type: 'query', id: 2, query: { kind: 'events', limit: 5 } });
    expect((of('queryResult')[1]!.result as unknown[]).length).toBe(5);
    host.handle({ type: 'complete', id: 3, line: 'az acr repl' });
    expect(of('completions')[0]!.candidates).toEqual(['replication']);
  });
});
