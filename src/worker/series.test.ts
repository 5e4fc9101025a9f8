import { describe, expect, it } from 'vitest';
import { EventLog, type SimEventBody } from '../engine';
import type { FromWorker, SeriesResult, ThrottleResult } from '../protocol/messages';
import { EngineHost } from './engine-host';
import { SERIES_MINUTES, SeriesStore } from './series';

const MIN = 60_000;

function request(location: string, status: number): SimEventBody {
  return {
    kind: 'request',
    client: 'dev',
    host: 'myregistry.azurecr.io',
    endpoint: 'global',
    registry: 'myregistry',
    location,
    method: 'GET',
    path: '/v2/',
    status,
  };
}

const WE = [{ location: 'westeurope', displayName: 'West Europe' }];

describe('the per-minute series', () => {
  it('counts accepted requests and 429s per replica and minute, from requests and load minutes', () => {
    const log = new EventLog();
    const store = new SeriesStore();
    store.attach(log);
    log.append(10_000, request('westeurope', 200));
    log.append(20_000, request('westeurope', 429));
    log.append(MIN + 5, request('westeurope', 200));
    log.append(2 * MIN, {
      kind: 'load.minute',
      generator: 'fleet',
      registry: 'myregistry',
      location: 'westeurope',
      from: MIN,
      issued: 10,
      succeeded: 8,
      throttled: 2,
      failed: 0,
      inFlight: 0,
      replicas: [{ location: 'westeurope', ok: 8, throttled: 2, failed: 0, reads: 24 }],
    });
    const r = store.query('myregistry', 3 * MIN + 1, 3, WE);
    expect(r.fromMinute).toBe(0);
    expect(r.minutes).toBe(3);
    expect(r.replicas).toHaveLength(1);
    expect(r.replicas[0]!.accepted).toEqual([1, 25, 0]);
    expect(r.replicas[0]!.throttled).toEqual([1, 2, 0]);
    // Whole minutes only, and nothing before time 0.
    expect(store.query('myregistry', 2 * MIN + 1, 10, WE).minutes).toBe(2);
    expect(store.query('myregistry', 30_000, 10, WE).minutes).toBe(0);
  });

  it('counts the requests the gauges count: a HEAD answered 404 yes; storage downloads and refusals no (B-THROT-2)', () => {
    const host = new EngineHost(
      (m) => messages.push(m),
      () => 0,
    );
    const messages: FromWorker[] = [];
    host.handle({ type: 'init', seed: 1, preset: 'demo' });
    host.handle({ type: 'pause' });
    host.handle({ type: 'query', id: 1, query: { kind: 'series', minutes: 10 } }); // starts following
    host.handle({ type: 'advance', ms: MIN });
    host.handle({ type: 'command', id: 2, line: 'docker build -t myregistry.azurecr.io/app:v1 .' });
    // A push (HEADs answered 404, then uploads), a pull (its layers come from storage), then a
    // pull refused for want of a role; one after another, all in the same minute.
    host.handle({ type: 'command', id: 3, line: 'docker push myregistry.azurecr.io/app:v1' });
    host.handle({ type: 'advance', ms: 15_000 });
    host.handle({ type: 'command', id: 4, line: 'sim client add ci --location eastus' });
    host.handle({ type: 'command', id: 5, line: 'sim client use ci' });
    host.handle({ type: 'command', id: 6, line: 'az acr login -n myregistry' });
    host.handle({ type: 'command', id: 7, line: 'docker pull myregistry.azurecr.io/app:v1' });
    host.handle({ type: 'advance', ms: 15_000 });
    host.handle({ type: 'command', id: 11, line: 'sim identity add viewer --role Reader' });
    host.handle({ type: 'command', id: 12, line: 'docker login myregistry.azurecr.io -u viewer' });
    host.handle({ type: 'command', id: 13, line: 'docker pull myregistry.azurecr.io/web:v1' });
    host.handle({ type: 'advance', ms: 5_000 });
    host.handle({ type: 'query', id: 8, query: { kind: 'throttle' } });
    host.handle({ type: 'query', id: 9, query: { kind: 'series', minutes: 10 } });
    host.handle({ type: 'advance', ms: MIN });
    host.handle({ type: 'query', id: 10, query: { kind: 'series', minutes: 10 } });
    const results = messages.filter((m) => m.type === 'queryResult');
    const row = (results.find((m) => m.id === 8)!.result as ThrottleResult).replicas.find(
      (r) => r.location === 'eastus',
    )!;
    const gauge = row.thisMinute.readsPerMin + row.thisMinute.writesPerMin;
    const series = results.find((m) => m.id === 10)!.result as SeriesResult;
    const eastus = series.replicas.find((r) => r.location === 'eastus')!;
    const outputs = messages.flatMap((m) => (m.type === 'output' ? m.lines : []));
    expect(outputs.filter((l) => /HEAD ×4|download ×4|→ 403 DENIED/.test(l))).toHaveLength(3);
    expect(gauge).toBeGreaterThan(0);
    expect(eastus.accepted[Math.floor(row.windowStart / MIN) - series.fromMinute]).toBe(gauge);
  });

  it('averages replication lag per target replica and minute, null when nothing was applied', () => {
    const log = new EventLog();
    const store = new SeriesStore();
    const applied = (t: number, lagMs: number) =>
      log.append(t, {
        kind: 'replication.applied',
        registry: 'MyRegistry',
        from: 'eastus',
        to: 'westeurope',
        repository: 'web',
        change: 'push',
        lagMs,
        bytes: 1,
      });
    applied(1_000, 1_000);
    store.attach(log); // replays what is already in the log
    applied(2_000, 3_000);
    applied(2 * MIN, 500);
    const r = store.query('myregistry', 3 * MIN, 3, WE);
    expect(r.replicas[0]!.lagMs).toEqual([2_000, null, 500]);
  });

  it('adds locations that have data but are not listed, and keeps only the last 180 minutes', () => {
    const log = new EventLog();
    const store = new SeriesStore();
    store.attach(log);
    log.append(0, request('eastus', 200));
    log.append(1_000, request('westeurope', 200));
    expect(store.query('myregistry', MIN, 5, WE).replicas.map((r) => r.location)).toEqual([
      'westeurope',
      'eastus',
    ]);
    log.append(200 * MIN, request('westeurope', 200));
    log.append(200 * MIN + 1, request('westeurope', 200));
    const r = store.query('myregistry', 201 * MIN, 1_000, WE);
    expect(r.minutes).toBe(SERIES_MINUTES);
    expect(r.replicas.map((x) => x.location)).toEqual(['westeurope']);
    expect(r.replicas[0]!.accepted.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('is answered by the worker host, with throttle gauges, under a load generator', () => {
    const messages: FromWorker[] = [];
    const host = new EngineHost(
      (m) => messages.push(m),
      () => 0,
    );
    host.handle({ type: 'init', seed: 1, preset: 'demo' });
    host.handle({
      type: 'command',
      id: 1,
      line: 'sim load start fleet --location westeurope --pulls-per-minute 5000 --image myregistry.azurecr.io/web:v1',
    });
    host.handle({ type: 'query', id: 2, query: { kind: 'series', minutes: 10 } }); // starts following
    host.handle({ type: 'advance', ms: 3 * MIN });
    host.handle({ type: 'query', id: 3, query: { kind: 'throttle' } });
    host.handle({ type: 'query', id: 4, query: { kind: 'series', minutes: 10 } });
    const results = messages.filter((m) => m.type === 'queryResult');
    const throttle = results.find((m) => m.id === 3)!.result as ThrottleResult;
    const we = throttle.replicas.find((r) => r.location === 'westeurope')!;
    expect(we.readBudget).toBeGreaterThan(0);
    expect(we.lastMinute.readsPerMin).toBeGreaterThan(0);
    const series = results.find((m) => m.id === 4)!.result as SeriesResult;
    expect(series.minutes).toBeGreaterThan(0);
    const s = series.replicas.find((r) => r.location === 'westeurope')!;
    expect(s.accepted.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
