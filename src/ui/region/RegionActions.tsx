import type { RegionDetail } from '../../protocol/messages';
import { useUiStore } from '../store/ui-store';

/**
 * The actions for the selected region. Each runs the equivalent console command, so the console
 * shows people the CLI for what they clicked.
 */
export function RegionActions({ detail }: { detail: RegionDetail }) {
  const run = useUiStore((s) => s.requestCommand);
  const { region, registry, replica } = detail;
  if (!registry) return <p className="muted">Create a registry first: az acr create -n NAME --sku Premium</p>;
  const name = region.name;
  return (
    <div className="region-actions" role="group" aria-label="Region actions">
      {detail.createCommand && (
        <button type="button" className="primary" onClick={() => run(`${detail.createCommand} --no-wait`)}>
          Create replica in {region.displayName}
        </button>
      )}
      {replica && !replica.home && replica.provisioningState !== 'Deleting' && (
        <button
          type="button"
          onClick={() => run(`az acr replication delete -r ${registry} -n ${replica.name} --no-wait`)}
        >
          Delete replica
        </button>
      )}
      {replica && (
        <button
          type="button"
          aria-pressed={!replica.globalEndpointRouting}
          onClick={() =>
            run(
              `az acr replication update -r ${registry} -n ${replica.name} --global-endpoint-routing ${replica.globalEndpointRouting ? 'false' : 'true'} -o table`,
            )
          }
        >
          {replica.globalEndpointRouting ? 'Exclude from global routing' : 'Re-admit to global routing'}
        </button>
      )}
      <button
        type="button"
        aria-pressed={detail.regionOutage}
        onClick={() => run(`sim outage ${name} ${detail.regionOutage ? 'off' : 'on'}`)}
      >
        {detail.regionOutage ? 'End region outage' : 'Region outage'}
      </button>
      {replica && (
        <button
          type="button"
          aria-pressed={detail.registryOutage}
          onClick={() =>
            run(
              `sim outage ${name} ${detail.registryOutage ? 'off' : 'on'} --scope registry --registry ${registry}`,
            )
          }
        >
          {detail.registryOutage ? 'End registry outage' : 'Registry outage'}
        </button>
      )}
      {replica && (
        <button type="button" onClick={() => run(`az acr login -n ${registry} --endpoint ${name}`)}>
          Sign in to regional endpoint
        </button>
      )}
    </div>
  );
}
