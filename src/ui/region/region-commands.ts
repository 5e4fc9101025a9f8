import type { RegionView } from './region-detail';

/** One action on a region, with the console command that performs it. */
export interface RegionCommand {
  /** Stable id: create, delete, routing, region-outage, registry-outage, login. */
  readonly id: 'create' | 'delete' | 'routing' | 'region-outage' | 'registry-outage' | 'login';
  /**
   * What the action does, as a verb ("Region outage", "End region outage"). Toggles say what a
   * click does rather than carry `aria-pressed`: a label that changes and a pressed state together
   * would read "End region outage, pressed".
   */
  readonly label: string;
  readonly command: string;
  /** For toggles: the state is currently on. Drawn as such only, never as `aria-pressed` (see `label`). */
  readonly pressed?: boolean;
  readonly primary?: boolean;
}

/**
 * The actions for a region, in display order, each with its equivalent console command. Shared by
 * the region panel and the hexagon context menu. Empty when there is no registry. Only actions that
 * can work are offered: no replica-scoped action while the replica is being deleted, and no regional
 * sign-in while the registry's regional endpoints are off or the replica is in an outage.
 */
export function regionCommands(detail: RegionView): RegionCommand[] {
  const { region, registry, replica } = detail;
  if (!registry) return [];
  const name = region.name;
  const out: RegionCommand[] = [];
  if (detail.createCommand) {
    out.push({
      id: 'create',
      label: `Create replica in ${region.displayName}`,
      command: `${detail.createCommand} --no-wait`,
      primary: true,
    });
  }
  const deleting = replica !== undefined && replica.provisioningState === 'Deleting';
  if (replica && !replica.home && !deleting) {
    out.push({
      id: 'delete',
      label: 'Delete replica',
      command: `az acr replication delete -r ${registry} -n ${replica.name} --no-wait`,
    });
  }
  if (replica && !deleting) {
    out.push({
      id: 'routing',
      label: replica.globalEndpointRouting ? 'Exclude from global routing' : 'Re-admit to global routing',
      command: `az acr replication update -r ${registry} -n ${replica.name} --global-endpoint-routing ${replica.globalEndpointRouting ? 'false' : 'true'} -o table`,
      pressed: !replica.globalEndpointRouting,
    });
  }
  out.push({
    id: 'region-outage',
    label: detail.regionOutage ? 'End region outage' : 'Region outage',
    command: `sim outage ${name} ${detail.regionOutage ? 'off' : 'on'}`,
    pressed: detail.regionOutage,
  });
  if (replica && !deleting) {
    out.push({
      id: 'registry-outage',
      label: detail.registryOutage ? 'End registry outage' : 'Registry outage',
      command: `sim outage ${name} ${detail.registryOutage ? 'off' : 'on'} --scope registry --registry ${registry}`,
      pressed: detail.registryOutage,
    });
    // `az acr login --endpoint` fails with RegionalEndpointsNotEnabled unless they are on, and
    // with 503 while the replica it leads to is down.
    if (detail.regionalEndpoints === true && !detail.regionOutage && !detail.registryOutage) {
      out.push({
        id: 'login',
        label: 'Sign in to regional endpoint',
        command: `az acr login -n ${registry} --endpoint ${name}`,
      });
    }
  }
  return out;
}
