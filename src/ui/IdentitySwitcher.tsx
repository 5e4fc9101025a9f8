import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { IdentitiesResult } from '../protocol/network';
import { useEngine } from './engine/context';
import './header.css';
import { useUiStore } from './store/ui-store';

/** Some changes (identity, subnets) come without engine events: poll gently while shown. */
const POLL_MS = 1_000;

/** The identity the az commands act as; changing it runs `sim identity use NAME`. */
export function IdentitySwitcher() {
  const engine = useEngine();
  const run = useUiStore((s) => s.requestCommand);
  const id = useId();
  const q = useQuery({
    queryKey: ['identities'],
    queryFn: () => engine.query<IdentitiesResult>({ kind: 'identities' }),
    refetchInterval: POLL_MS,
  });
  const identities = q.data?.identities ?? [];
  const current = identities.find((i) => i.current);
  return (
    <div className="identity-switcher">
      <label htmlFor={id} className="visually-hidden">
        Identity
      </label>
      <select
        id={id}
        value={current?.name ?? ''}
        onChange={(e) => run(`sim identity use ${e.target.value}`)}
        title="Who the az commands act as (sim identity use)"
      >
        {current === undefined && <option value="">—</option>}
        {identities.map((i) => (
          <option key={i.name} value={i.name}>
            {i.name}
          </option>
        ))}
      </select>
      {current && (
        // A plain span may not carry aria-label (axe aria-prohibited-attr): "Role" is visually hidden text.
        <>
          <span className="visually-hidden">Role</span>
          <span className="identity-role">{current.role}</span>
        </>
      )}
    </div>
  );
}
