import { describe, expect, it } from 'vitest';
import type { CostResult, FromWorker, WebhooksResult } from '../protocol/messages';
import { EngineHost } from './engine-host';

function world() {
  const messages: FromWorker[] = [];
  const host = new EngineHost(
    (m) => messages.push(m),
    () => 0,
  );
  host.handle({ type: 'init', seed: 1, preset: 'demo' });
  let id = 0;
  const run = (line: string) => host.handle({ type: 'command', id: ++id, line });
  const ask = <T>(query: Parameters<typeof host.handle>[0] & { type: 'query' }): T => {
    host.handle(query);
    const r = messages.filter((m) => m.type === 'queryResult' && m.id === query.id).at(-1);
    return (r as Extract<FromWorker, { type: 'queryResult' }>).result as T;
  };
  return { host, run, ask };
}

describe('webhooks and cost queries', () => {
  it('lists webhooks with deliveries newest first, and the cost report of the map registry', () => {
    const { host, run, ask } = world();
    const empty = ask<WebhooksResult>({ type: 'query', id: 100, query: { kind: 'webhooks' } });
    expect(empty.registry).toBe('myregistry');
    expect(empty.deliveries).toEqual([]);
    run(
      'az acr webhook create -r myregistry -n hookeast --uri https://example.com/hook --actions push --location eastus',
    );
    run(
      'az acr webhook create -r myregistry -n hookwest --uri https://example.com/hook --actions push --location westeurope',
    );
    run('docker build -t myregistry.azurecr.io/app:v7 --size 50MB .');
    run('docker push myregistry.azurecr.io/app:v7');
    host.handle({ type: 'advance', ms: 60_000 });
    const hooks = ask<WebhooksResult>({ type: 'query', id: 101, query: { kind: 'webhooks' } });
    expect(hooks.webhooks.map((h) => h.location).sort()).toEqual(['eastus', 'westeurope']);
    expect(hooks.deliveries.length).toBe(2);
    expect(hooks.deliveries[0]!.t).toBeGreaterThanOrEqual(hooks.deliveries[1]!.t);
    expect(JSON.stringify(hooks).length).toBeLessThan(100 * 1024);
    const cost = ask<CostResult>({ type: 'query', id: 102, query: { kind: 'cost' } })!;
    expect(cost.storageBilled).toBe(2 * cost.storageUsed);
    expect(cost.transfer.find((p) => p.from === 'eastus' && p.to === 'westeurope')!.bytes).toBeGreaterThan(0);
    expect(
      ask<CostResult>({ type: 'query', id: 103, query: { kind: 'cost', registry: 'nope' } }),
    ).toBeUndefined();
  });
});
