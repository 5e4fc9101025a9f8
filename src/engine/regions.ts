/**
 * The catalogue of public Azure regions the simulator knows, loaded from the project's own data
 * file. Regions marked access-restricted exist in Azure but are opened to customers only on
 * request, so the simulator lists them (they appear on the map) but refuses replicas there.
 */
import data from './data/azure-regions.json';
import { fail, ok, type Result } from './result';
import { closest } from './suggest';
import type { LonLat, RegionName } from './types';

/** One Azure region. */
export interface Region {
  /** Programmatic name, as `az` expects it: `westeurope`. */
  readonly name: RegionName;
  /** Name for people: `West Europe`. */
  readonly displayName: string;
  readonly lonLat: LonLat;
  /** Geography group, for example `Europe` or `US`. */
  readonly geography: string;
  /** Azure's paired region. It may name a region the catalogue does not list (e.g. `swedensouth`). */
  readonly pairedRegion?: RegionName;
  /** Whether the region has availability zones; absent when the data file does not say. */
  readonly availabilityZones?: boolean;
  /** Opened by Azure only on request; the simulator offers no replicas there. */
  readonly accessRestricted: boolean;
}

/** Lower-case, without spaces: `West Europe`, `west europe` and `westeurope` all become one key. */
function normalise(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** Every region, in the data file's order. */
export const REGIONS: readonly Region[] = Object.freeze(
  data.regions.map((r): Region => {
    const region: Region = {
      name: r.name as RegionName,
      displayName: r.displayName,
      lonLat: Object.freeze({ lon: r.longitude, lat: r.latitude }),
      geography: r.geographyGroup,
      accessRestricted: r.accessRestricted,
      ...(r.pairedRegion ? { pairedRegion: r.pairedRegion as RegionName } : {}),
      ...(typeof r.availabilityZones === 'boolean' ? { availabilityZones: r.availabilityZones } : {}),
    };
    return Object.freeze(region);
  }),
);

// A Map rather than an object, so typing `__proto__` or `constructor` finds nothing.
const BY_KEY: ReadonlyMap<string, Region> = new Map(
  REGIONS.flatMap((r) => [
    [r.name, r],
    [normalise(r.displayName), r],
  ]),
);

/**
 * The region called `name`, matching the programmatic name or the display name regardless of
 * case and spaces (`westeurope`, `WestEurope`, `West Europe`). Restricted regions are found too,
 * since clients may sit anywhere.
 */
export function findRegion(name: string): Region | undefined {
  if (typeof name !== 'string' || name.length > 100) return undefined;
  return BY_KEY.get(normalise(name));
}

/** True when a replica may be created in `region`: the region is not access-restricted. */
export function isAvailableForReplica(region: Region): boolean {
  return !region.accessRestricted;
}

/**
 * Looks up a region where a replica (or a registry's home) is to be placed.
 *
 * @returns the region, or `UnknownRegion` (with the closest name as a suggestion) or
 *   `RegionRestricted` (the region exists but Azure opens it only on request)
 */
export function lookupRegion(name: string): Result<Region> {
  const region = findRegion(name);
  if (region === undefined) {
    const shown = String(name).trim().slice(0, 60);
    const suggestion =
      typeof name === 'string'
        ? closest(
            normalise(name),
            REGIONS.map((r) => r.name),
          )
        : undefined;
    return fail(
      'UnknownRegion',
      `The location "${shown}" is not an Azure region this simulator knows.` +
        (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`) +
        ` Use a name such as westeurope or "West Europe".`,
      shown,
    );
  }
  if (!isAvailableForReplica(region)) {
    const pair = region.pairedRegion === undefined ? undefined : findRegion(region.pairedRegion);
    const alternative =
      pair !== undefined && isAvailableForReplica(pair) ? `, such as its pair ${pair.name}` : '';
    return fail(
      'RegionRestricted',
      `The region "${region.name}" (${region.displayName}) is open only on request to selected customers, ` +
        `so it is not offered here; pick another region${alternative}.`,
      region.name,
    );
  }
  return ok(region);
}
