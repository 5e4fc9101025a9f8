import type { Registry } from './registry';
import { fail, ok, type Result } from './result';
import type { Bytes } from './types';

/** What one replica stores, as billed (B-COST-1). */
export interface ReplicaStorage {
  readonly replica: string;
  readonly location: string;
  readonly bytes: Bytes;
  readonly blobs: number;
}

/** Cross-region replication traffic from one region to another (B-COST-2). */
export interface TransferPair {
  readonly from: string;
  readonly to: string;
  readonly bytes: Bytes;
}

export interface CostReport {
  readonly registry: string;
  /** Distinct blobs counted once: what counts against the tier's storage limit. */
  readonly storageUsed: Bytes;
  /** Sum over replicas of what each stores: what is billed. */
  readonly storageBilled: Bytes;
  readonly replicas: readonly ReplicaStorage[];
  /** Sorted by source, then target. In-region traffic never appears here. */
  readonly transfer: readonly TransferPair[];
  readonly transferTotal: Bytes;
}

/**
 * Storage and transfer quantities of one registry. Storage used is counted once (B-COST-1);
 * storage billed is counted once per replica, including replicas still syncing (they already hold
 * what they have copied) but not ones being deleted. Transfer is the replication and initial-sync
 * traffic between replicas in different regions (B-COST-2); client pushes and pulls are not counted.
 */
export function costReport(registry: Registry): CostReport {
  const replicas: ReplicaStorage[] = [];
  let billed = 0;
  for (const r of registry.replicas.values()) {
    if (r.phase === 'deleting') continue;
    let bytes = 0;
    for (const size of r.store.blobs.values()) bytes += size;
    billed += bytes;
    replicas.push({ replica: r.name, location: r.location, bytes, blobs: r.store.blobs.size });
  }
  const transfer: TransferPair[] = [...registry.crossRegionBytes];
  transfer.sort((a, b) => (a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from)));
  return {
    registry: registry.name,
    storageUsed: registry.storageUsed(),
    storageBilled: billed,
    replicas,
    transfer,
    transferTotal: transfer.reduce((sum, p) => sum + p.bytes, 0),
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** User-entered price assumptions; the simulator has no price list of its own. */
export interface PriceAssumptions {
  /** Per GiB of billed storage per month. */
  readonly storagePerGibMonth?: number;
  /** Per GiB of cross-region transfer. */
  readonly transferPerGib?: number;
}

export interface CostEstimate {
  readonly storagePerMonth: number | undefined;
  readonly transfer: number | undefined;
}

const GIB = 1024 ** 3;
const MAX_PRICE = 1_000_000;

/** Parses a price the user typed: a plain non-negative decimal number. */
export function parsePrice(text: string): Result<number> {
  if (!/^\d{1,7}(\.\d{1,6})?$/.test(text))
    return fail('InvalidPrice', `'${text}' is not a price: give a non-negative number such as 0.1`, text);
  const value = Number(text);
  if (!(value <= MAX_PRICE)) return fail('InvalidPrice', `'${text}' is above ${MAX_PRICE}`, text);
  return ok(value);
}

/** Applies the user's price assumptions to the quantities; unset prices give undefined. */
export function estimateCost(report: CostReport, prices: PriceAssumptions): CostEstimate {
  return {
    storagePerMonth:
      prices.storagePerGibMonth === undefined
        ? undefined
        : (report.storageBilled / GIB) * prices.storagePerGibMonth,
    transfer:
      prices.transferPerGib === undefined ? undefined : (report.transferTotal / GIB) * prices.transferPerGib,
  };
}
