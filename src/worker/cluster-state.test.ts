import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../protocol/messages';
import type { ClientRow, ClusterRow } from '../protocol/messages';
import { podSummary } from '../map/cluster-pins';
import { EngineHost } from './engine-host';

function harness() {
  const messages: FromWorker[] = [];
  let wall = 0;
  const host = new EngineHost(
    (m) => messages.push(m),
    () => wall,
  );
  host.handle({ type: 'init', seed: 1, preset: 'demo' });
  host.handle({ type: 'pause' });
  const frame = (wallMs = 0) => {
    wall += wallMs;
    host.handle({ type: 'frameRequest' });
  };
  const frames = () =>
    messages
      .filter((m): m is Extract<FromWorker, { type: 'frame' }> => m.type === 'frame')
      .map((m) => m.frame);
  const query = <T>(query: Parameters<EngineHost['handle']>[0] & { type: 'query' }) => {
    host.handle(query);
    const r = messages.filter((m) => m.type === 'queryResult').at(-1) as { result: unknown };
    return r.result as T;
  };
  let id = 100;
  const run = (line: string) => host.handle({ type: 'command', id: id++, line });
  return { host, frame, frames, query, run };
}

describe('clients and clusters for the dashboard', () => {
  it('answers the clients query with location and serving replica', () => {
    const { query, run } = harness();
    run('sim client add paris --location francecentral');
    const rows = query<ClientRow[]>({ type: 'query', id: 1, query: { kind: 'clients' } });
    expect(rows.map((r) => [r.name, r.region, r.servedBy])).toEqual([
      ['dev', 'eastus', 'eastus'],
      ['paris', 'francecentral', 'westeurope'],
    ]);
  });

  it('sends clusters on the frame only when they change, with a pod summary', () => {
    const { host, frame, frames, query, run } = harness();
    frame();
    expect(frames()[0]!.clusters).toEqual([]);
    frame();
    expect(frames()[1]!.clusters).toBeUndefined();
    run('sim cluster add aks-weu --location westeurope');
    run('kubectl --context aks-weu create deployment web --image=myregistry.azurecr.io/web:v1 --replicas=3');
    host.handle({ type: 'advance', ms: 120_000 });
    frame();
    const cluster = frames().at(-1)!.clusters![0]!;
    expect(cluster).toMatchObject({ name: 'aks-weu', servedBy: 'westeurope' });
    expect(cluster.pods).toEqual({ running: 3, pulling: 0, backoff: 0, failed: 0 });
    expect(podSummary(cluster).text).toBe('3/3');
    const rows = query<ClusterRow[]>({ type: 'query', id: 2, query: { kind: 'clusters' } });
    expect(rows[0]!.deployments[0]).toMatchObject({ name: 'web', replicas: 3, available: 3 });
    expect(rows[0]!.deployments[0]!.pods.map((p) => p.status)).toEqual(['Running', 'Running', 'Running']);
  });

  it('summarises failing pulls as a red count', () => {
    expect(
      podSummary({
        name: 'k',
        lon: 0,
        lat: 0,
        servedBy: undefined,
        pods: { running: 1, pulling: 0, backoff: 2, failed: 0 },
      }),
    ).toMatchObject({ text: '2 BackOff', colour: '#dc2626' });
  });
});
