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
