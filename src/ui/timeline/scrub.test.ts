import { describe, expect, it } from 'vitest';
import { commandMarks, forkSummary } from './scrub';

describe('time travel marks', () => {
  it('places the last world commands between its start and the head', () => {
    const marks = commandMarks(
      {
        worldStart: 1,
        log: [
          { t: 500, line: 'sim preset demo' },
          { t: 1_000, line: 'a' },
          { t: 1_500, cancel: 1 },
          { t: 2_000, line: 'b' },
        ],
      },
      1_000,
      3_000,
    );
    expect(marks.map((m) => [m.line, m.percent])).toEqual([
      ['a', 0],
      ['b', 50],
    ]);
  });

  it('summarises the newest set-aside future', () => {
    expect(forkSummary({ branches: [] })).toBeUndefined();
    const s = forkSummary({
      branches: [
        {
          log: [
            { t: 0, line: 'x' },
            { t: 90_000, line: 'y' },
          ],
          worldStart: 0,
          head: 3_600_000,
          forkTime: 60_000,
        },
      ],
    });
    expect(s!.text).toBe('Branched at 00:01:00. The earlier future (1 command, to 01:00:00) is kept.');
  });
});
