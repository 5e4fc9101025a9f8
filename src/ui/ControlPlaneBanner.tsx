import { useQuery } from '@tanstack/react-query';
import type { ControlPlaneResult } from '../protocol/network';
import { useEngine } from './engine/context';
import './header.css';

/** Some changes (identity, subnets) come without engine events: poll gently while shown. */
const POLL_MS = 1_000;

/** Shown while the map registry's home region is down: configuration changes fail (B-HOME-2). */
export function ControlPlaneBanner() {
  const engine = useEngine();
  const q = useQuery({
    queryKey: ['controlPlane'],
    queryFn: () => engine.query<ControlPlaneResult>({ kind: 'controlPlane' }),
    refetchInterval: POLL_MS,
  });
  const d = q.data;
  if (!d || d.available) return null;
  return (
    <div className="control-plane-banner" role="status" title={d.reason}>
      <strong>Control plane unavailable:</strong> home region {d.homeRegion} is down — configuration changes
      fail; push, pull and delete continue through other replicas
    </div>
  );
}
