import { describe, expect, it } from 'vitest';
import data from './data/azure-regions.json';
import { findRegion, isAvailableForReplica, lookupRegion, REGIONS } from './regions';

describe('SPEC 2.1 region catalogue', () => {
  it('holds all 58 regions in the data file order', () => {
    expect(REGIONS).toHaveLength(58);
    expect(REGIONS.map((r) => r.name)).toEqual(data.regions.map((r) => r.name));
    expect(new Set(REGIONS.map((r) => r.name)).size).toBe(58);
  });

  it('marks exactly 10 regions as access-restricted', () => {
    const restricted = REGIONS.filter((r) => r.accessRestricted).map((r) => r.name);
    expect(restricted).toHaveLength(10);
    expect(restricted).toContain('francesouth');
    expect(restricted).toContain('norwaywest');
  });

  it('carries coordinates as lon/lat in range, and facts from the file', () => {
    for (const r of REGIONS) {
      expect(r.lonLat.lon).toBeGreaterThanOrEqual(-180);
      expect(r.lonLat.lon).toBeLessThanOrEqual(180);
      expect(r.lonLat.lat).toBeGreaterThanOrEqual(-90);
      expect(r.lonLat.lat).toBeLessThanOrEqual(90);
      expect(r.geography.length).toBeGreaterThan(0);
    }
    const westeurope = findRegion('westeurope');
    expect(westeurope).toMatchObject({
      displayName: 'West Europe',
      geography: 'Europe',
      pairedRegion: 'northeurope',
      accessRestricted: false,
    });
    expect(westeurope?.lonLat.lat).toBeCloseTo(52.37, 1);
    expect(westeurope?.lonLat.lon).toBeCloseTo(4.9, 1);
    expect(findRegion('italynorth')?.pairedRegion).toBeUndefined();
  });

  it('is immutable', () => {
    expect(Object.isFrozen(REGIONS)).toBe(true);
    expect(Object.isFrozen(REGIONS[0])).toBe(true);
  });
});

describe('findRegion', () => {
  it.each(['westeurope', 'WestEurope', 'WESTEUROPE', 'West Europe', 'west europe', '  westeurope '])(
    'finds %j',
    (name) => {
      expect(findRegion(name)?.name).toBe('westeurope');
    },
  );

  it('finds restricted regions too (clients may sit anywhere)', () => {
    expect(findRegion('Norway West')?.name).toBe('norwaywest');
    expect(findRegion('australiacentral2')?.displayName).toBe('Australia Central 2');
  });

  it.each(['', 'mars', '__proto__', 'constructor', 'x'.repeat(5000)])('finds nothing for %j', (name) => {
    expect(findRegion(name)).toBeUndefined();
  });
});

describe('SPEC 2.1 available vs unavailable: lookupRegion', () => {
  it('returns available regions', () => {
    const r = lookupRegion('East US');
    expect(r.ok && r.value.name).toBe('eastus');
    expect(REGIONS.filter(isAvailableForReplica)).toHaveLength(48);
  });

  it('suggests the closest name for a typo (westeurpoe)', () => {
    const r = lookupRegion('westeurpoe');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UnknownRegion');
      expect(r.error.value).toBe('westeurpoe');
      expect(r.error.message).toContain('Did you mean "westeurope"?');
    }
  });

  it('suggests for a typo in a display name', () => {
    const r = lookupRegion('Noth Europe');
    expect(!r.ok && r.error.message).toContain('"northeurope"');
  });

  it.each(['mars', '', '__proto__', 'x'.repeat(5000)])(
    'fails %j with UnknownRegion and no wild guess',
    (name) => {
      const r = lookupRegion(name);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('UnknownRegion');
        expect(r.error.message).not.toContain('Did you mean');
        expect(r.error.message.length).toBeLessThan(300);
      }
    },
  );

  it('refuses access-restricted regions with RegionRestricted', () => {
    for (const region of REGIONS.filter((r) => r.accessRestricted)) {
      expect(isAvailableForReplica(region)).toBe(false);
      const r = lookupRegion(region.displayName);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('RegionRestricted');
        expect(r.error.value).toBe(region.name);
        expect(r.error.message).toContain('only on request');
        expect(r.error.message).toContain('not offered');
      }
    }
  });

  it('points a restricted region at its available pair', () => {
    const r = lookupRegion('francesouth');
    expect(!r.ok && r.error.message).toContain('francecentral');
  });
});
