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

  it('summarises the newest set-aside branch by what it holds past the shared part of the log', () => {
    expect(forkSummary({ branches: [], log: [] })).toBeUndefined();
    const s = forkSummary({
      log: [{ t: 0, line: 'x' }],
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
    expect(s!.text).toBe(
      'Branched at 00:01:00. The other branch (1 command after that, to 01:00:00) is kept.',
    );
  });

  it('after switching, counts the fork’s own first command, logged at the fork time', () => {
    const shared = [
      { t: 0, line: 'x' },
      { t: 30_000, line: 'y' },
    ];
    const s = forkSummary({
      log: [...shared, { t: 90_000, line: 'old future' }],
      branches: [
        {
          log: [...shared, { t: 60_000, line: 'typed in the past' }, { t: 60_000, cancel: 2 }],
          worldStart: 0,
          head: 120_000,
          forkTime: 60_000,
        },
      ],
    });
    expect(s!.text).toContain('(1 command after that, to 00:02:00)');
  });
});
