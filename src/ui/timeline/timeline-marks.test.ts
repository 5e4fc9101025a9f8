import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../engine';
import { markPositions, timelineMarks, timelineSpan } from './timeline-marks';

const ev = (t: number, seq: number, body: object) => ({ t, seq, ...body }) as unknown as SimEvent;

describe('timeline marks', () => {
  it('keeps faults, detection, DNS, failback and load changes, oldest first, with their region', () => {
    const marks = timelineMarks([
      ev(120_000, 3, { kind: 'dns.updated', registry: 'r', pool: ['eastus'] }),
      ev(60_000, 2, { kind: 'health.detected', registry: 'r', location: 'westeurope' }),
      ev(30_000, 1, { kind: 'request', location: 'westeurope' }),
      ev(0, 0, { kind: 'outage.start', scope: 'region', location: 'westeurope' }),
    ]);
    expect(marks.map((m) => [m.kind, m.group, m.region])).toEqual([
      ['outage.start', 'fault', 'westeurope'],
      ['health.detected', 'detect', 'westeurope'],
      ['dns.updated', 'dns', undefined],
    ]);
    expect(marks[2]!.text).toBe('DNS updated: r → eastus');
  });

  it('spreads marks at the same moment and picks a span that rarely changes', () => {
    const marks = timelineMarks([
      ev(60_000, 0, { kind: 'health.detected', registry: 'r', location: 'a' }),
      ev(60_000, 1, { kind: 'dns.updated', registry: 'r', pool: [] }),
    ]);
    const [a, b] = markPositions(marks, 600_000);
    expect(a).toBeCloseTo(10);
    expect(b! - a!).toBeCloseTo(0.7);
    expect(timelineSpan(0)).toBe(600_000);
    expect(timelineSpan(20 * 60_000)).toBe(30 * 60_000);
  });
});
