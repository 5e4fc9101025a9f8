import { costReport, estimateCost, formatBytesIec, parsePrice } from '../../engine';
import { shown } from '../parse';
import type { CommandSpec } from '../spec';
import { registryFor } from './registry-arg';

const money = (n: number): string => n.toFixed(n > 0 && n < 0.01 ? 4 : 2);

const cost: CommandSpec = {
  path: ['sim', 'cost'],
  summary: 'Storage used (counted once) and billed (per replica), and cross-region replication transfer.',
  details:
    'Storage used counts each distinct blob once, as the tier limit does; storage billed counts it once\n' +
    'per replica. Transfer is replication traffic per source→target region pair; in-region pushes and\n' +
    'pulls are not cross-region traffic. The simulator has no price list: give --price-storage and\n' +
    '--price-transfer to see an estimate based on your own assumptions.',
  flags: [
    { name: 'registry', short: 'r', type: 'string', help: 'The registry (default: the only one).' },
    {
      name: 'price-storage',
      type: 'string',
      metavar: 'PER_GIB_MONTH',
      help: 'Your assumed price per GiB of billed storage per month.',
    },
    {
      name: 'price-transfer',
      type: 'string',
      metavar: 'PER_GIB',
      help: 'Your assumed price per GiB of cross-region transfer.',
    },
  ],
  examples: ['sim cost', 'sim cost --registry myregistry --price-storage 0.10 --price-transfer 0.02'],
  run: (ctx, args) => {
    const registry = registryFor(ctx, args.str('registry'));
    if (typeof registry === 'string') {
      ctx.out(`sim cost: ${registry}`);
      return 2;
    }
    const prices: { storagePerGibMonth?: number; transferPerGib?: number } = {};
    for (const [flag, key] of [
      ['price-storage', 'storagePerGibMonth'],
      ['price-transfer', 'transferPerGib'],
    ] as const) {
      const raw = args.str(flag);
      if (raw === undefined) continue;
      const price = parsePrice(raw);
      if (!price.ok) {
        ctx.out(`sim cost: --${flag}: ${shown(price.error.message, 300)}`);
        return 2;
      }
      prices[key] = price.value;
    }
    const report = costReport(registry);
    const n = report.replicas.length;
    const per = n > 0 ? report.storageBilled / n : 0;
    const even = report.replicas.every((r) => r.bytes === per);
    ctx.out(`registry ${registry.name}`);
    ctx.out(`storage used: ${formatBytesIec(report.storageUsed)} (distinct blobs, counted once)`);
    ctx.out(
      `storage billed: ${formatBytesIec(report.storageBilled)} (` +
        (even
          ? `${formatBytesIec(per)} × ${n} replica${n === 1 ? '' : 's'}`
          : `sum over ${n} replica${n === 1 ? '' : 's'}`) +
        ')',
    );
    const width = Math.max(8, ...report.replicas.map((r) => r.location.length));
    for (const r of report.replicas)
      ctx.out(
        `  ${r.location.padEnd(width)}  ${formatBytesIec(r.bytes).padStart(11)}  ${r.blobs} blob${r.blobs === 1 ? '' : 's'}`,
      );
    ctx.out(`cross-region transfer: ${formatBytesIec(report.transferTotal)}`);
    if (report.transfer.length === 0) ctx.out('  (none)');
    for (const p of report.transfer) ctx.out(`  ${p.from} → ${p.to}: ${formatBytesIec(p.bytes)}`);
    ctx.explain('in-region pushes and pulls are not cross-region transfer; replication and initial sync are');
    const estimate = estimateCost(report, prices);
    if (estimate.storagePerMonth !== undefined || estimate.transfer !== undefined) {
      ctx.out('estimate based on your assumed prices (not Azure prices):');
      if (estimate.storagePerMonth !== undefined)
        ctx.out(
          `  storage: ${money(estimate.storagePerMonth)} per month (${formatBytesIec(report.storageBilled)} billed × ${prices.storagePerGibMonth} per GiB-month)`,
        );
      if (estimate.transfer !== undefined)
        ctx.out(
          `  transfer so far: ${money(estimate.transfer)} (${formatBytesIec(report.transferTotal)} × ${prices.transferPerGib} per GiB)`,
        );
    } else {
      ctx.explain('no prices shown: pass --price-storage and --price-transfer with your own assumptions');
    }
    return 0;
  },
};

export const simCostCommands: readonly CommandSpec[] = [cost];
