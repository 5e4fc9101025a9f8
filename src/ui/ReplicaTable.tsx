import { syncProgress, type Registry, type Simulation } from '../engine';

const PHASE_LABEL = {
  provisioning: 'Creating',
  syncing: 'Syncing',
  ready: 'Ready',
  deleting: 'Deleting',
} as const;

export function ReplicaTable({ sim, registry }: { sim: Simulation; registry: Registry }) {
  return (
    <table aria-label={`Replicas of ${registry.name}`}>
      <thead>
        <tr>
          <th scope="col">Replica</th>
          <th scope="col">Region</th>
          <th scope="col">State</th>
          <th scope="col">Global routing</th>
          <th scope="col">Tags</th>
        </tr>
      </thead>
      <tbody>
        {[...registry.replicas.values()].map((r) => {
          const progress = r.phase === 'syncing' ? ` ${syncProgress(sim, r).percent}%` : '';
          return (
            <tr key={r.name}>
              <td>
                {r.name}
                {r.location === registry.home ? ' (home)' : ''}
              </td>
              <td>{r.region.displayName}</td>
              <td>
                {PHASE_LABEL[r.phase]}
                {progress}
              </td>
              <td>{r.globalEndpointRouting ? 'on' : 'off'}</td>
              <td>
                {[...r.store.tagMap()].map(([ref, digest]) => (
                  <div key={ref}>
                    <code>
                      {ref} → {digest.slice(0, 19)}…
                    </code>
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
