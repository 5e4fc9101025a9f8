import { describe, expect, it } from 'vitest';
import { Checkpoints, MAX_SPARES, type Spare } from './checkpoints';

const spare = (time: number) => ({ time }) as unknown as Spare;

describe('checkpoint bookkeeping', () => {
  it('hands out the latest spare at or before the target, and consumes it', () => {
    const c = new Checkpoints();
    [10_000, 50_000, 30_000].forEach((t) => c.add(spare(t)));
    expect(c.take(40_000)!.time).toBe(30_000);
    expect(c.take(5_000)).toBeUndefined();
    expect(c.times()).toEqual([10_000, 50_000]);
  });

  it('spaces checkpoints evenly and skips covered ones; short timelines get none', () => {
    const c = new Checkpoints();
    expect(c.nextTime(0, 60_000)).toBeUndefined();
    const span = 7 * 600_000;
    expect(c.nextTime(0, span)).toBe(600_000);
    c.add(spare(600_000));
    expect(c.nextTime(0, span)).toBe(1_200_000);
    for (let k = 2; k <= MAX_SPARES; k++) c.add(spare(600_000 * k));
    expect(c.nextTime(0, span)).toBeUndefined();
  });

  it('drops spares after a changed point and keeps within the limit', () => {
    const c = new Checkpoints();
    for (let k = 1; k <= MAX_SPARES + 2; k++) c.add(spare(k * 1000));
    c.trim(0, 10_000);
    expect(c.count).toBe(MAX_SPARES);
    c.drop(3_000);
    expect(c.times().every((t) => t <= 3_000)).toBe(true);
    c.drop();
    expect(c.count).toBe(0);
  });
});
