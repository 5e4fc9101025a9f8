import { describe, expect, it } from 'vitest';
import { costReport, estimateCost, parsePrice } from './cost';
import { waitReplicated } from './operations';
import { unwrap } from './result';
import { buildAndPush, geoWorld, signedInClient } from './testkit';

const GIB = 1024 ** 3;

describe('B-COST-1 storage used vs billed', () => {
  it('1 GiB in 5 replicas is 1 GiB used and 5 GiB billed', () => {
    const world = geoWorld(['eastus', 'westeurope', 'southeastasia', 'westus2', 'northeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    const res = buildAndPush(world, dev, `${world.registry.loginServer}/big:v1`, { size: GIB, layers: 4 });
    expect(res.ok).toBe(true);
    unwrap(waitReplicated(world.sim, world.registry, 'big', 'v1', 24 * 3_600_000));
    const report = costReport(world.registry);
    const config = report.storageUsed - GIB;
    expect(config).toBeGreaterThan(0);
    expect(config).toBeLessThan(10_000);
    expect(report.storageBilled).toBe(5 * report.storageUsed);
    expect(report.replicas).toHaveLength(5);
    for (const r of report.replicas) expect(r.bytes).toBe(report.storageUsed);
  });
});

describe('B-COST-2 cross-region transfer per pair', () => {
  it('replication counts per source→target pair; the in-region push is not counted', () => {
    const world = geoWorld(['eastus', 'westeurope', 'southeastasia']);
    const dev = signedInClient(world, 'dev', 'eastus');
    buildAndPush(world, dev, `${world.registry.loginServer}/app:v1`, { size: 100_000_000, layers: 2 });
    unwrap(waitReplicated(world.sim, world.registry, 'app', 'v1', 3_600_000));
    const report = costReport(world.registry);
    expect(report.transfer.map((p) => `${p.from}>${p.to}`)).toEqual([
      'eastus>southeastasia',
      'eastus>westeurope',
    ]);
    for (const p of report.transfer) expect(p.bytes).toBe(report.storageUsed);
    expect(report.transferTotal).toBe(2 * report.storageUsed);
  });

  it('prices apply only when the user gives them', () => {
    const world = geoWorld(['eastus']);
    const report = costReport(world.registry);
    expect(estimateCost(report, {})).toEqual({ storagePerMonth: undefined, transfer: undefined });
    const fake = { ...report, storageBilled: 5 * GIB, transferTotal: 2 * GIB };
    expect(estimateCost(fake, { storagePerGibMonth: 0.1, transferPerGib: 0.02 })).toEqual({
      storagePerMonth: 0.5,
      transfer: 0.04,
    });
    expect(parsePrice('0.1')).toEqual({ ok: true, value: 0.1 });
    expect(parsePrice('-1').ok).toBe(false);
    expect(parsePrice('NaN').ok).toBe(false);
  });
});
