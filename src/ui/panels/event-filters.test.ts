import { describe, expect, it } from 'vitest';
import { ALL_KINDS, EVENT_FILTERS, eventFamily, kindsForFilter } from './event-families';

describe('kindsForFilter', () => {
  it('asks for every kind when nothing is filtered', () => {
    expect(kindsForFilter('all', false)).toBeUndefined();
  });

  it('hides requests by default', () => {
    const kinds = kindsForFilter('all', true)!;
    expect(kinds).not.toContain('request');
    expect(kinds).toHaveLength(ALL_KINDS.length - 1);
  });

  it('shows requests when the filter asks for them, whatever the checkbox says', () => {
    expect(kindsForFilter('requests', true)).toEqual(['request']);
  });

  it('groups health and DNS together', () => {
    const kinds = kindsForFilter('health', true)!;
    expect(kinds).toContain('dns.updated');
    expect(kinds).toContain('health.detected');
    expect(kinds).toContain('outage.start');
    expect(kinds.every((k) => ['health', 'dns'].includes(eventFamily(k)))).toBe(true);
  });

  it('covers every family with some filter', () => {
    const covered = new Set(EVENT_FILTERS.flatMap((f) => f.families ?? []));
    for (const kind of ALL_KINDS) expect(covered.has(eventFamily(kind))).toBe(true);
  });
});
