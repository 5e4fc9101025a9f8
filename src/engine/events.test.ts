import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventLog, type SimEvent } from './events';

describe('EventLog', () => {
  it('append fills in time and sequence; appendFilled takes them as given', () => {
    const log = new EventLog();
    const heard: SimEvent[] = [];
    log.subscribe((e) => heard.push(e));
    log.append(5, { kind: 'client.added', client: 'a', location: 'eastus' });
    const filled: SimEvent = { kind: 'client.added', client: 'b', location: 'westeurope', t: 7, seq: 1 };
    log.appendFilled(filled);
    expect(log.events.map((e) => [e.seq, e.t])).toEqual([
      [0, 5],
      [1, 7],
    ]);
    expect(heard).toEqual(log.events);
    expect(log.events[1]).toBe(filled);
  });

  it('refuses a pre-filled entry whose sequence number is not the next one', () => {
    const log = new EventLog();
    const wrong: SimEvent = { kind: 'client.added', client: 'b', location: 'westeurope', t: 0, seq: 3 };
    expect(() => log.appendFilled(wrong)).toThrow(/seq 3 at 0/);
    expect(log.length).toBe(0);
  });
});

describe('EventLog request rows', () => {
  type Row = Parameters<EventLog['appendRequest']>;
  /** What `RequestCall.finish` appended before rows: one literal, keys in this order. */
  const literal = (r: Row, seq: number): SimEvent => ({
    kind: 'request',
    client: r[1],
    host: r[2],
    endpoint: r[3],
    registry: r[4],
    location: r[5],
    method: r[6],
    path: r[7] + r[8],
    status: r[9],
    code: r[10],
    t: r[0],
    seq,
  });
  const word = fc.constantFrom('a', 'eastus', 'westeurope', '', 'c00-eastus');
  const row: fc.Arbitrary<Row> = fc.tuple(
    fc.double({ min: 0, max: 1e9, noNaN: true }),
    word,
    word,
    fc.constantFrom('global' as const, 'regional' as const, 'data' as const),
    word,
    word,
    fc.constantFrom('GET', 'HEAD', 'PUT', 'POST'),
    fc.constantFrom('/v2/app/blobs/', '/v2/app/manifests/', '/acr/v1/_catalog'),
    fc.constantFrom('', 'uploads/', 'sha256:0123', 'v1'),
    fc.constantFrom(200, 201, 202, 307, 404, 429, 503),
    fc.constantFrom(undefined, 'TOOMANYREQUESTS', 'BLOB_UNKNOWN'),
  );
  // Some entries of other kinds in between, appended both ways.
  const step = fc.oneof(
    { weight: 8, arbitrary: row.map((r) => ({ request: r })) },
    { weight: 1, arbitrary: fc.boolean().map((filled) => ({ filled })) },
  );

  it('read back exactly as the literal entries they replace: values, key order, JSON, slices, kinds', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.nat(70), fc.nat(70), (steps, a, b) => {
        const log = new EventLog();
        const heard: SimEvent[] = [];
        log.subscribe((e) => heard.push(e));
        const model: SimEvent[] = [];
        for (const s of steps) {
          const seq = model.length;
          if ('request' in s) {
            log.appendRequest(...s.request);
            model.push(literal(s.request, seq));
          } else if (s.filled) {
            const e: SimEvent = { kind: 'client.added', client: `f${seq}`, location: 'eastus', t: seq, seq };
            log.appendFilled(e);
            model.push(e);
          } else {
            model.push(log.append(seq, { kind: 'config.set', key: 'k', value: `${seq}` }));
          }
        }
        expect(log.length).toBe(model.length);
        expect(JSON.stringify(log.events)).toBe(JSON.stringify(model));
        expect(log.events.map((e) => Object.keys(e))).toEqual(model.map((e) => Object.keys(e)));
        expect(heard).toEqual(model);
        expect(log.slice(a, b)).toEqual(model.slice(a, b));
        expect(log.since(a)).toEqual(model.slice(a));
        for (let i = 0; i < model.length; i++) {
          expect(log.at(i)).toEqual(model[i]);
          expect(log.kindAt(i)).toBe(model[i]!.kind);
        }
        expect(log.at(model.length)).toBeUndefined();
        expect(log.kindAt(model.length)).toBeUndefined();
      }),
    );
  });

  it('keeps rows apart across chunks and time-array growth (5,000 requests)', () => {
    const log = new EventLog();
    for (let i = 0; i < 5_000; i++) {
      log.appendRequest(
        i * 1.5,
        `c${i}`,
        'h',
        'global',
        'r',
        'eastus',
        'GET',
        '/v2/x/blobs/',
        `d${i}`,
        200,
        undefined,
      );
      if (i % 700 === 0) log.append(i, { kind: 'config.set', key: 'k', value: `${i}` });
    }
    for (const seq of [0, 1, 1023, 1024, 1025, 2050, log.length - 1]) {
      const e = log.at(seq)!;
      if (e.kind !== 'request') continue;
      const i = Number(e.client.slice(1));
      expect(e).toMatchObject({ t: i * 1.5, path: `/v2/x/blobs/d${i}`, seq });
    }
    const requests = log.events.filter((e) => e.kind === 'request');
    expect(requests.map((e) => (e.kind === 'request' ? e.client : ''))).toEqual(
      Array.from({ length: 5_000 }, (_, i) => `c${i}`),
    );
  });
});
