import { describe, expect, it } from 'vitest';
import { REGIONS } from '../engine';
import { TRANSFER_STRIDE, type MapFrame, type RegionState } from '../protocol/frame';
import { toRegionInfo, type RegionInfo } from '../protocol/messages';
import { MapScene } from './scene';

const INFO: RegionInfo[] = REGIONS.map(toRegionInfo);

function frame(regions: RegionState[], clients?: MapFrame['clients']): MapFrame {
  return {
    time: 0,
    speed: 1,
    playing: true,
    registry: 'r',
    regions,
    clients,
    transfers: new Float64Array(TRANSFER_STRIDE * 0),
    head: 0,
    origin: 0,
    cursor: 0,
  };
}

describe('map scene', () => {
  it('merges frames that carry only the regions that changed', () => {
    const scene = new MapScene(INFO);
    scene.applyFrame(frame([{ name: 'westeurope', mark: 'available', regionOutage: false }]));
    const changes = scene.applyFrame(frame([{ name: 'eastus', mark: 'available', regionOutage: true }]));
    expect(changes).toEqual({ regions: true, clients: false });
    expect(scene.states[scene.indexOf('westeurope')]?.mark).toBe('available');
    expect(scene.states[scene.indexOf('eastus')]?.regionOutage).toBe(true);
    expect(
      scene.applyFrame(frame([{ name: 'nowhere', mark: 'available', regionOutage: false }])).regions,
    ).toBe(false);
  });

  it('finds regions and clients by their exact coordinates (transfer endpoints)', () => {
    const scene = new MapScene(INFO);
    const we = INFO.find((r) => r.name === 'westeurope')!;
    expect(scene.regionAt(we.lon, we.lat)).toBe(scene.indexOf('westeurope'));
    expect(scene.regionAt(0.123, 0.456)).toBe(-1);
    scene.applyFrame(
      frame(
        [],
        [{ name: 'dev', lon: we.lon, lat: we.lat, servedBy: 'westeurope', dns: 'cache', current: true }],
      ),
    );
    expect(scene.clientAt(we.lon, we.lat)).toBe(0);
  });

  it('lays hexagons out on resize and follows the view', () => {
    const scene = new MapScene(INFO);
    scene.resize(1280, 720);
    scene.update();
    const i = scene.indexOf('newzealandnorth');
    const before = scene.centres[2 * i]!;
    scene.setView({ k: 2, x: -600, y: -300 });
    scene.update();
    expect(scene.view.k).toBe(2);
    expect(scene.centres[2 * i]).not.toBe(before);
    expect(Number.isFinite(scene.centres[2 * i])).toBe(true);
  });

  it('labels replicas at 1x and every region once zoomed in', () => {
    const scene = new MapScene(INFO);
    scene.resize(1280, 720);
    scene.applyFrame(
      frame([
        {
          name: 'japaneast',
          mark: 'replica',
          regionOutage: false,
          replica: {
            look: 'ready',
            progress: 1,
            healthy: true,
            routingEnabled: true,
            inPool: true,
            tagCount: 1,
            pendingJobs: 0,
          },
        },
      ]),
    );
    scene.update();
    const measure = (text: string): number => text.length * 7;
    scene.updateLabels(measure, 'a', 'b', 'c');
    const shown = (): number => scene.labels.side.reduce((n, side) => n + (side ? 1 : 0), 0);
    expect(shown()).toBe(1);
    expect(scene.labels.side[scene.indexOf('japaneast')]).not.toBe(0);
    scene.setView({ k: 4, x: -1500, y: -500 });
    scene.update();
    scene.updateLabels(measure, 'a', 'b', 'c');
    expect(shown()).toBeGreaterThan(5);
  });

  it('keeps client and cluster markers and names apart where they share a region, and on the map', () => {
    const scene = new MapScene(INFO);
    scene.resize(1280, 720);
    const au = INFO.find((r) => r.name === 'australiaeast')!;
    const long = 'averyveryverylongclientnamethatgoeson12';
    const f = frame(
      [],
      [
        { name: long, lon: au.lon, lat: au.lat, servedBy: undefined, dns: 'cache', current: false },
        { name: 'dev', lon: au.lon, lat: au.lat, servedBy: undefined, dns: 'cache', current: true },
      ],
    );
    scene.applyFrame({
      ...f,
      clusters: [
        {
          name: 'aks-aue',
          lon: au.lon,
          lat: au.lat,
          servedBy: undefined,
          pods: { running: 0, pulling: 0, backoff: 0, failed: 0 },
        },
      ],
    });
    scene.update();
    const measure = (text: string): number => text.length * 7;
    scene.updateLabels(measure, 'a', 'b', 'c');
    // The cluster's marker is clear of both client pins.
    for (let c = 0; c < 2; c++) {
      const d = Math.hypot(
        scene.clusterHeads[0]! - scene.pinHeads[2 * c]!,
        scene.clusterHeads[1]! - scene.pinHeads[2 * c + 1]!,
      );
      expect(d).toBeGreaterThanOrEqual(19);
    }
    // Name boxes (client names 16 px tall; the cluster's name and pod summary 30 px) do not overlap.
    const boxes = [0, 1].map((c) => {
      const x = scene.pinLabelX[c]!;
      const y = scene.pinLabelY[c]!;
      return [x, y - 8, x + measure(c === 0 ? long : 'dev'), y + 8] as const;
    });
    const w = measure('aks-aue');
    const cx = scene.clusterLabelX[0]!;
    const cy = scene.clusterLabelY[0]!;
    boxes.push([cx, cy - 15, cx + w, cy + 15]);
    const overlap = (a: readonly number[], b: readonly number[]): boolean =>
      a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;
    expect(overlap(boxes[0]!, boxes[1]!)).toBe(false);
    expect(overlap(boxes[0]!, boxes[2]!)).toBe(false);
    expect(overlap(boxes[1]!, boxes[2]!)).toBe(false);
    // The long name near the map's right edge stays on the map.
    expect(boxes[0]![2]).toBeLessThanOrEqual(scene.map.width);
  });
});
