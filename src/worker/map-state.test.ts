import { describe, expect, it } from 'vitest';
import { regionTooltip } from '../map/labels';
import type { RegionState } from '../protocol/frame';
import type { FromWorker, RegionInfo } from '../protocol/messages';
import { EngineHost } from './engine-host';

function harness() {
  const messages: FromWorker[] = [];
  const host = new EngineHost(
    (m) => messages.push(m),
    () => 0,
  );
  host.handle({ type: 'init', seed: 1, preset: 'demo' });
  host.handle({ type: 'pause' });
  let id = 0;
  /** Runs a command to its end, advancing time a second at a time; returns its output. */
  const run = (line: string): string[] => {
    const me = ++id;
    host.handle({ type: 'command', id: me, line });
    for (let i = 0; i < 3600 && !messages.some((m) => m.type === 'commandDone' && m.id === me); i++)
      host.handle({ type: 'advance', ms: 1000 });
    expect(messages.find((m) => m.type === 'commandDone' && m.id === me)).toMatchObject({ exitCode: 0 });
    return messages.flatMap((m) => (m.type === 'output' && m.id === me ? m.lines : []));
  };
  /** The map's state of a region in the next frame (the first frame carries every region). */
  const region = (name: string): RegionState => {
    host.handle({ type: 'frameRequest' });
    const frame = messages.filter((m) => m.type === 'frame').at(-1)!.frame;
    return frame.regions.find((r) => r.name === name)!;
  };
  /** A region as the worker described it to the UI at start. */
  const info = (name: string): RegionInfo => {
    const ready = messages.find((m) => m.type === 'ready');
    return (ready?.type === 'ready' ? ready.regions : []).find((r) => r.name === name)!;
  };
  return { host, run, region, info };
}

describe('the map state of a replica receiving replication', () => {
  it('carries the bytes of a transfer in flight, and the tooltip shows them instead of "Sync: 100%"', () => {
    const { run, region, host, info } = harness();
    run('docker build -t myregistry.azurecr.io/big:v1 --size 5GB --layers 4 .');
    run('docker push myregistry.azurecr.io/big:v1');
    host.handle({ type: 'advance', ms: 20_000 });
    const inspect = run('sim inspect westeurope').join('\n');
    const shown = /pending: big:v1 .* transferring (\d+)% of 5GB/.exec(inspect);
    expect(shown, inspect).not.toBeNull();
    const percent = Number(shown![1]);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);

    const state = region('westeurope');
    expect(state.replica).toMatchObject({ look: 'ready', pendingJobs: 1, replicatingPercent: percent });
    expect(state.replica!.replicatingBytes).toBeGreaterThan(4.9e9);
    const lines = regionTooltip(info('westeurope'), state).lines;
    expect(lines).toContain('State: Ready');
    expect(lines).toContain(`Replicating: ${percent}% of 5 GB`);
    expect(lines.join('\n')).not.toMatch(/Sync/i);
  });

  it('says nothing about sync or replication on a Ready replica with nothing pending', () => {
    const { region, info } = harness();
    const state = region('westeurope');
    expect(state.replica).toMatchObject({ look: 'ready', pendingJobs: 0 });
    expect(state.replica!.replicatingBytes).toBeUndefined();
    expect(state.replica!.replicatingPercent).toBeUndefined();
    const text = regionTooltip(info('westeurope'), state).lines.join('\n');
    expect(text).not.toMatch(/sync|replicat/i);
  });
});
