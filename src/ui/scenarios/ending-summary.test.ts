import { describe, expect, it } from 'vitest';
import { summaryTone } from './ScenarioPlayer';

describe("the ending's checkpoint summary: green only when every checkpoint ran and held", () => {
  it.each([
    [{ total: 12, passed: 12, failed: 0 }, 'held'],
    [{ total: 12, passed: 0, failed: 0 }, 'incomplete'],
    [{ total: 12, passed: 11, failed: 0 }, 'incomplete'],
    [{ total: 12, passed: 11, failed: 1 }, 'failed'],
    [{ total: 12, passed: 3, failed: 1 }, 'failed'],
    [{ total: 1, passed: 0, failed: 1 }, 'failed'],
  ] as const)('%j → %s', (counts, tone) => {
    expect(summaryTone(counts)).toBe(tone);
  });
});
