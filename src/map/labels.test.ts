import { describe, expect, it } from 'vitest';
import type { RegionState } from '../protocol/frame';
import type { RegionInfo } from '../protocol/messages';
import {
  createLabelPlacement,
  LABEL_SIDE,
  placeLabels,
  regionAccessibleName,
  regionStatus,
  regionTooltip,
  shortName,
  sizeText,
} from './labels';

const WEST_EUROPE: RegionInfo = {
  name: 'westeurope',
  displayName: 'West Europe',
  lon: 4.9,
  lat: 52.37,
  geography: 'Europe',
  accessRestricted: false,
};
const RESTRICTED: RegionInfo = {
  ...WEST_EUROPE,
  name: 'francesouth',
  displayName: 'France South',
  accessRestricted: true,
};

type Replica = NonNullable<RegionState['replica']>;
const READY: Replica = {
  look: 'ready',
  progress: 1,
  healthy: true,
  routingEnabled: true,
  inPool: true,
  tagCount: 3,
  pendingJobs: 0,
};
const replica = (patch: Partial<Replica>, mark: 'home' | 'replica' = 'replica'): RegionState => ({
  name: 'westeurope',
  mark,
  regionOutage: false,
  replica: { ...READY, ...patch },
});

describe('short names', () => {
  it.each([
    ['West Europe', 'W Europe'],
    ['East US 2', 'E US 2'],
    ['Germany West Central', 'Germany WC'],
    ['Australia Central 2', 'Australia C2'],
    ['South Central US', 'SC US'],
    ['Southeast Asia', 'SE Asia'],
    ['Japan East', 'Japan E'],
    ['Israel Central', 'Israel C'],
    ['Jio India West', 'Jio India W'],
    ['Qatar Central', 'Qatar C'],
  ])('%s → %s', (name, short) => expect(shortName(name)).toBe(short));
});

describe('accessible names (SPEC section 8)', () => {
  it.each<[string, RegionInfo, RegionState | undefined]>([
    ['West Europe (westeurope): replica, Ready', WEST_EUROPE, replica({})],
    ['West Europe (westeurope): home, Ready', WEST_EUROPE, replica({}, 'home')],
    [
      'West Europe (westeurope): replica, Creating 40%',
      WEST_EUROPE,
      replica({ look: 'creating', progress: 0.4 }),
    ],
    [
      'West Europe (westeurope): replica, Syncing 75%',
      WEST_EUROPE,
      replica({ look: 'syncing', progress: 0.754 }),
    ],
    [
      'West Europe (westeurope): replica, Ready, excluded from global routing',
      WEST_EUROPE,
      replica({ routingEnabled: false }),
    ],
    ['West Europe (westeurope): replica, Unavailable (outage)', WEST_EUROPE, replica({ healthy: false })],
    [
      'West Europe (westeurope): replica, Unavailable (outage)',
      WEST_EUROPE,
      replica({ healthy: false, inPool: false }),
    ],
    ['West Europe (westeurope): replica, Deleting', WEST_EUROPE, replica({ look: 'deleting' })],
    [
      'West Europe (westeurope): replica, Ready, waiting for failback',
      WEST_EUROPE,
      replica({ inPool: false }),
    ],
    ['West Europe (westeurope): available', WEST_EUROPE, undefined],
    [
      'West Europe (westeurope): available',
      WEST_EUROPE,
      { name: 'westeurope', mark: 'available', regionOutage: false },
    ],
    ['France South (francesouth): unavailable', RESTRICTED, undefined],
    [
      'West Europe (westeurope): available, region outage',
      WEST_EUROPE,
      { name: 'westeurope', mark: 'available', regionOutage: true },
    ],
  ])('%s', (expected, info, state) => expect(regionAccessibleName(info, state)).toBe(expected));

  it('never shows more than 100% or less than 0%', () => {
    expect(regionStatus(WEST_EUROPE, replica({ look: 'syncing', progress: 1.2 }))).toBe(
      'replica, Syncing 100%',
    );
    expect(regionStatus(WEST_EUROPE, replica({ look: 'creating', progress: -1 }))).toBe(
      'replica, Creating 0%',
    );
  });

  it('says a replica the engine marks stuck in Creating is stuck, not 100% (B-PE-3)', () => {
    const stuck = replica({ look: 'creating', progress: 1, stuck: true });
    expect(regionAccessibleName(WEST_EUROPE, stuck)).toBe(
      'West Europe (westeurope): replica, Creating, stuck',
    );
    const tip = regionTooltip(WEST_EUROPE, stuck);
    expect(tip.lines).toContain('State: Creating, stuck');
    expect(tip.lines).toContain('Provisioning will not finish: delete this replica');
    expect(tip.lines.join(' ')).not.toContain('100%');
    // Still on its way, even at the very end: a percentage.
    expect(regionStatus(WEST_EUROPE, replica({ look: 'creating', progress: 0.99 }))).toBe(
      'replica, Creating 99%',
    );
    expect(regionStatus(WEST_EUROPE, replica({ look: 'creating', progress: 1 }))).toBe(
      'replica, Creating 100%',
    );
  });

  it('tells the tooltip the initial sync percentage and the tag count', () => {
    const tip = regionTooltip(
      WEST_EUROPE,
      replica({ look: 'syncing', progress: 0.5, tagCount: 7, pendingJobs: 2 }),
    );
    expect(tip.title).toBe('West Europe');
    expect(tip.subtitle).toBe('westeurope');
    expect(tip.lines).toEqual([
      'Geo-replica',
      'State: Syncing 50%',
      'Initial sync: 50%',
      'Tags: 7',
      'Pending replication jobs: 2',
    ]);
  });

  it('shows the replication in flight to a Ready replica, not a sync percentage (SPEC §8)', () => {
    const one = regionTooltip(
      WEST_EUROPE,
      replica({ pendingJobs: 1, replicatingBytes: 5_000_000_000, replicatingPercent: 17 }),
    );
    expect(one.lines).toEqual(['Geo-replica', 'State: Ready', 'Tags: 3', 'Replicating: 17% of 5 GB']);
    const two = regionTooltip(
      WEST_EUROPE,
      replica({ pendingJobs: 2, replicatingBytes: 8_000_000_000, replicatingPercent: 35 }),
    );
    expect(two.lines).toContain('Replicating 2 jobs: 35% of 8 GB');
    // Jobs still waiting to start moving bytes: only their number.
    const waiting = regionTooltip(WEST_EUROPE, replica({ pendingJobs: 3 }));
    expect(waiting.lines).toEqual(['Geo-replica', 'State: Ready', 'Tags: 3', 'Pending replication jobs: 3']);
    // Nothing pending: nothing about sync or replication.
    expect(regionTooltip(WEST_EUROPE, replica({})).lines).toEqual(['Geo-replica', 'State: Ready', 'Tags: 3']);
    // An initial sync and replication at once: both.
    const syncing = regionTooltip(
      WEST_EUROPE,
      replica({
        look: 'syncing',
        progress: 0.4,
        pendingJobs: 1,
        replicatingBytes: 1_250_000,
        replicatingPercent: 0,
      }),
    );
    expect(syncing.lines).toContain('Initial sync: 40%');
    expect(syncing.lines).toContain('Replicating: 0% of 1.25 MB');
  });

  it.each([
    [0, '0 B'],
    [12, '12 B'],
    [512_000, '512 kB'],
    [999_999, '1 MB'],
    [1_250_000_000, '1.25 GB'],
    [5_000_000_000, '5 GB'],
    [5_368_709_120, '5.37 GB'],
  ])('writes %d bytes as %s', (bytes, text) => expect(sizeText(bytes)).toBe(text));
});

describe('label placement', () => {
  const viewport = { x0: 0, y0: 0, x1: 1000, y1: 600 };

  it('places labels beside their hexagons without overlapping each other or other hexagons', () => {
    // A tight row of five hexagons, all wanting labels.
    const centres = [400, 300, 426, 300, 452, 300, 478, 300, 504, 300];
    const widths = [60, 60, 60, 60, 60];
    const out = createLabelPlacement(5);
    placeLabels(
      {
        centres,
        radius: 12,
        widths,
        textHeight: 20,
        order: [0, 1, 2, 3, 4],
        coverable: [0, 0, 0, 0, 0],
        relaxedCount: 5,
        viewport,
      },
      out,
    );
    const boxes: [number, number, number, number][] = [];
    for (let i = 0; i < 5; i++) {
      if (out.side[i] === LABEL_SIDE.hidden) continue;
      boxes.push([out.x[i]!, out.y[i]! - 10, out.x[i]! + 60, out.y[i]! + 10]);
    }
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const [ax0, ay0, ax1, ay1] = boxes[a]!;
        const [bx0, by0, bx1, by1] = boxes[b]!;
        expect(ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1).toBe(false);
      }
      for (let h = 0; h < 5; h++) {
        const [x0, y0, x1, y1] = boxes[a]!;
        const cx = centres[2 * h]!;
        const cy = centres[2 * h + 1]!;
        expect(cx + 12 > x0 && cx - 12 < x1 && cy + 12 > y0 && cy - 12 < y1).toBe(false);
      }
    }
  });

  it('skips regions that want no label and keeps labels inside the viewport', () => {
    const out = createLabelPlacement(2);
    placeLabels(
      {
        centres: [990, 300, 500, 300],
        radius: 10,
        widths: [80, 0],
        textHeight: 20,
        order: [0, 1],
        coverable: [0, 0],
        relaxedCount: 2,
        viewport,
      },
      out,
    );
    expect(out.side[0]).toBe(LABEL_SIDE.left);
    expect(out.side[1]).toBe(LABEL_SIDE.hidden);
  });
});
