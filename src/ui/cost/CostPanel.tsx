import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { CostReport } from '../../engine';
import { estimateCost } from '../../engine/cost';
import { formatBytes } from '../../engine/units';
import type { CostResult } from '../../protocol/messages';
import { useEngine } from '../engine/context';
import { useUiStore } from '../store/ui-store';
import { PriceField } from './PriceField';
import { readPrice } from './price-input';
import './cost.css';

function Bar({ label, bytes, max, kind }: { label: string; bytes: number; max: number; kind: string }) {
  const pct = max > 0 ? Math.max(0, Math.min(100, (bytes / max) * 100)) : 0;
  return (
    <div className="cost__bar-row">
      <span className="cost__bar-label">{label}</span>
      <span className="cost__bar-track" aria-hidden="true">
        <span className={`cost__bar cost__bar--${kind}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="cost__bar-value">{formatBytes(bytes)}</span>
    </div>
  );
}

function TransferMatrix({ report }: { report: CostReport }) {
  const sources = [...new Set(report.transfer.map((p) => p.from))].sort();
  const targets = [...new Set(report.transfer.map((p) => p.to))].sort();
  if (report.transfer.length === 0)
    return (
      <p className="cost__muted">No cross-region transfer yet: push an image to a geo-replicated registry.</p>
    );
  const bytes = new Map(report.transfer.map((p) => [`${p.from}>${p.to}`, p.bytes]));
  // With many replicas the table is wider than the side column: it scrolls sideways on its own
  // (by keyboard too), and the rest of the section stays put.
  return (
    <div className="cost__matrix-scroll" role="region" aria-label="Cross-region transfer table" tabIndex={0}>
      <table className="cost__matrix" aria-label="Cross-region transfer">
        <thead>
          <tr>
            <th scope="col">from \ to</th>
            {targets.map((t) => (
              <th key={t} scope="col">
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              {targets.map((t) => {
                const b = bytes.get(`${s}>${t}`);
                return (
                  <td key={t} data-from={s} data-to={t} aria-label={`${s} to ${t}: ${formatBytes(b ?? 0)}`}>
                    {s === t ? '—' : formatBytes(b ?? 0)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Storage used vs billed per replica and cross-region transfer; prices only as user assumptions. */
export function CostPanel() {
  const engine = useEngine();
  const registry = useUiStore((s) => s.registry);
  const [storagePrice, setStoragePrice] = useState({ text: '', badInput: false });
  const [transferPrice, setTransferPrice] = useState({ text: '', badInput: false });
  const ids = useId();
  const { data: report } = useQuery({
    queryKey: ['cost', registry],
    queryFn: () => engine.query<CostResult>({ kind: 'cost', ...(registry ? { registry } : {}) }),
    refetchInterval: 2000,
    placeholderData: keepPreviousData,
  });
  if (!report) return <p className="cost__muted">No registry selected.</p>;
  const max = Math.max(report.storageBilled, 1);
  const storage = readPrice(storagePrice.text, storagePrice.badInput);
  const transfer = readPrice(transferPrice.text, transferPrice.badInput);
  const estimate = estimateCost(report, {
    ...(storage.kind === 'ok' ? { storagePerGibMonth: storage.value } : {}),
    ...(transfer.kind === 'ok' ? { transferPerGib: transfer.value } : {}),
  });
  // Parts whose price is not valid are left out of the estimate, and the estimate says so.
  const leftOut = [
    ...(storage.kind === 'invalid' ? ['storage'] : []),
    ...(transfer.kind === 'invalid' ? ['transfer'] : []),
  ];
  const leftOutText =
    leftOut.length === 0
      ? ''
      : `${leftOut.join(' and ')} not estimated: ${leftOut.length === 1 ? 'its price is' : 'their prices are'} not valid`;
  const n = report.replicas.length;
  return (
    <section className="cost" aria-label="Cost">
      <h3 className="cost__title">Storage — {report.registry}</h3>
      <p className="cost__summary" data-testid="storage-summary">
        Used {formatBytes(report.storageUsed)} (each blob once) · billed {formatBytes(report.storageBilled)} (
        {n} replica{n === 1 ? '' : 's'}, each stores its own copy)
      </p>
      <div className="cost__bars">
        <Bar label="used" bytes={report.storageUsed} max={max} kind="used" />
        {report.replicas.map((r) => (
          <Bar key={r.replica} label={r.location} bytes={r.bytes} max={max} kind="replica" />
        ))}
        <Bar label="billed" bytes={report.storageBilled} max={max} kind="billed" />
      </div>
      <h3 className="cost__title">Cross-region transfer (total {formatBytes(report.transferTotal)})</h3>
      <TransferMatrix report={report} />
      <h3 className="cost__title">Estimate from your price assumptions</h3>
      <div className="cost__prices">
        <PriceField
          id={`${ids}-s`}
          label="Price per GiB-month storage"
          text={storagePrice.text}
          price={storage}
          onChange={(text, badInput) => setStoragePrice({ text, badInput })}
        />
        <PriceField
          id={`${ids}-t`}
          label="Price per GiB transfer"
          text={transferPrice.text}
          price={transfer}
          onChange={(text, badInput) => setTransferPrice({ text, badInput })}
        />
      </div>
      {estimate.storagePerMonth === undefined && estimate.transfer === undefined ? (
        leftOut.length > 0 ? (
          <p className="cost__muted" data-testid="cost-no-estimate">
            No estimate: {leftOutText}.
          </p>
        ) : (
          <p className="cost__muted">The lab has no price list: enter your own prices to see an estimate.</p>
        )
      ) : (
        <p className="cost__estimate" data-testid="cost-estimate">
          Based on your assumptions:
          {estimate.storagePerMonth !== undefined
            ? ` storage ${estimate.storagePerMonth.toFixed(4)} per month`
            : ''}
          {estimate.storagePerMonth !== undefined && estimate.transfer !== undefined ? ';' : ''}
          {estimate.transfer !== undefined ? ` transfer so far ${estimate.transfer.toFixed(4)}` : ''}
          {leftOut.length > 0 ? ` (${leftOutText})` : ''}
        </p>
      )}
    </section>
  );
}
