import {
  createReplicaWithNetwork,
  deleteReplica,
  findReplica,
  formatBytes,
  isReplicaUp,
  PERMISSIONS,
  privateLinkAllowed,
  PRIVATE_LINK_PERMISSION,
  replicaSettled,
  setGlobalEndpointRouting,
  syncProgress,
  type Registry,
  type Replica,
  type Simulation,
} from '../../engine';
import type { CommandContext } from '../context';
import { shown } from '../parse';
import { azError, isoTime, printAz, type TableColumn } from '../format';
import { NO_WAIT_FLAG, OUTPUT_FLAG, type CommandSpec, type FlagSpec, REGISTRY_FLAG } from '../spec';
import { lookupManagedRegistry, lookupRegistry, registryId } from './az-acr';
import { displayStatus, provisioningState } from './describe';

const REPLICA_NAME_FLAG: FlagSpec = {
  name: 'name',
  short: 'n',
  type: 'string',
  required: true,
  metavar: 'NAME',
  help: 'The replication name (by default its location).',
};
const ROUTING_FLAG: FlagSpec = {
  name: 'global-endpoint-routing',
  type: 'choice',
  choices: ['true', 'false'],
  help: 'Whether the global endpoint may route requests to this replica.',
};
const REMOVED_REGION_ENDPOINT = {
  name: 'region-endpoint-enabled',
  hint: 'This flag was renamed in Azure CLI 2.86 and removed in 2.87: use --global-endpoint-routing true|false.',
};

/** The replication resource as az prints it, plus the simulator's sync progress. */
export function replicationJson(sim: Simulation, registry: Registry, r: Replica) {
  const progress = syncProgress(sim, r);
  return {
    id: `${registryId(registry)}/replications/${r.name}`,
    location: r.location,
    name: r.name,
    provisioningState: provisioningState(r),
    regionEndpointEnabled: r.globalEndpointRouting,
    resourceGroup: registry.resourceGroup,
    status: {
      displayStatus: displayStatus(sim, r),
      message: isReplicaUp(sim, r) ? null : 'The replica is not reachable.',
      timestamp: isoTime(sim.now),
    },
    syncProgress: {
      percent: progress.percent,
      bytesDone: Math.floor(progress.bytesDone),
      bytesTotal: progress.bytesTotal,
      eta: progress.eta === undefined ? null : isoTime(progress.eta),
    },
    tags: {},
    type: 'Microsoft.ContainerRegistry/registries/replications',
    zoneRedundancy: 'Enabled',
  };
}

type ReplicationJson = ReturnType<typeof replicationJson>;

const COLUMNS: readonly TableColumn<ReplicationJson>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'LOCATION', value: (r) => r.location },
  { header: 'PROVISIONING STATE', value: (r) => r.provisioningState },
  { header: 'STATUS', value: (r) => r.status.displayStatus },
  { header: 'GLOBAL ENDPOINT ROUTING', value: (r) => (r.regionEndpointEnabled ? 'Enabled' : 'Disabled') },
  {
    header: 'SYNC',
    value: (r) =>
      r.syncProgress.percent >= 100
        ? '100%'
        : `${r.syncProgress.percent}% of ${formatBytes(r.syncProgress.bytesTotal)}`,
  },
];

function replicaOrError(ctx: CommandContext, registry: Registry, name: string): Replica | number {
  const replica = findReplica(registry, name);
  if (replica) return replica;
  return azError(
    ctx,
    'ResourceNotFound',
    `The Resource 'Microsoft.ContainerRegistry/registries/${registry.name}/replications/${shown(name)}' was not found.`,
  );
}

const create: CommandSpec = {
  path: ['az', 'acr', 'replication', 'create'],
  summary: 'Create a geo-replica in another region (Premium). Waits until it is Ready unless --no-wait.',
  details:
    "The replica is Creating for a while, then copies the registry's content; the copy takes longer the\n" +
    'larger the registry. It joins global-endpoint routing only when the copy is complete.',
  flags: [
    REGISTRY_FLAG,
    {
      name: 'location',
      short: 'l',
      type: 'string',
      required: true,
      metavar: 'REGION',
      help: 'The region for the replica.',
    },
    { ...REPLICA_NAME_FLAG, required: false, help: 'Name of the replication (defaults to the location).' },
    { ...ROUTING_FLAG, defaultText: 'true' },
    NO_WAIT_FLAG,
    OUTPUT_FLAG,
  ],
  removedFlags: [REMOVED_REGION_ENDPOINT],
  examples: [
    'az acr replication create -r myregistry -l northeurope',
    'az acr replication create -r myregistry -l japaneast --no-wait',
  ],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.replicationsWrite);
    if (typeof registry === 'number') return registry;
    const name = args.str('name');
    const r = createReplicaWithNetwork(ctx.sim, registry, {
      location: args.req('location'),
      ...(name !== undefined ? { name } : {}),
      privateLinkPermission: privateLinkAllowed(ctx.sim, ctx.session.identity),
    });
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    const { replica, shortSubnets, stuck } = r.value;
    if (args.str('global-endpoint-routing') === 'false')
      setGlobalEndpointRouting(ctx.sim, registry, replica.name, false);
    const short = shortSubnets.map((p) => `${p.subnet.name} (${p.free} free, needs ${p.extra})`).join(', ');
    if (short !== '')
      ctx.explain(`subnet ${short} is short of addresses: the replica will be rolled back (B-PE-2)`);
    if (stuck)
      ctx.explain(
        `the acting identity lacks ${PRIVATE_LINK_PERMISSION}: the replica stays Creating until deleted (B-PE-3)`,
      );
    if (args.bool('no-wait') || stuck) {
      ctx.explain(
        `creating ${replica.location}; follow it with "az acr replication show -r ${registry.name} -n ${replica.name}"`,
      );
      return 0;
    }
    return (function* () {
      yield { type: 'until', check: () => replicaSettled(registry, replica) } as const;
      if (registry.replicas.get(replica.name) !== replica && short !== '')
        return azError(
          ctx,
          'ReplicationFailed',
          `Failed to create replication ${replica.name}: a subnet used by a private endpoint of registry ${registry.name} does not have enough free IP addresses.`,
        );
      if (registry.replicas.get(replica.name) !== replica)
        return azError(
          ctx,
          'ReplicationDeleted',
          `The replica ${replica.name} was deleted before it became ready.`,
        );
      printAz(ctx, args.str('output'), replicationJson(ctx.sim, registry, replica), COLUMNS);
      return 0;
    })();
  },
};

const list: CommandSpec = {
  path: ['az', 'acr', 'replication', 'list'],
  summary: 'List the replicas of a registry, with state, status and global routing.',
  flags: [REGISTRY_FLAG, OUTPUT_FLAG],
  examples: ['az acr replication list -r myregistry -o table'],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('registry'), PERMISSIONS.replicationsRead);
    if (typeof registry === 'number') return registry;
    printAz(
      ctx,
      args.str('output'),
      [...registry.replicas.values()].map((r) => replicationJson(ctx.sim, registry, r)),
      COLUMNS,
    );
    return 0;
  },
};

const show: CommandSpec = {
  path: ['az', 'acr', 'replication', 'show'],
  summary: 'Show one replica, including its initial sync progress (percent, bytes, ETA).',
  flags: [REGISTRY_FLAG, REPLICA_NAME_FLAG, OUTPUT_FLAG],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('registry'), PERMISSIONS.replicationsRead);
    if (typeof registry === 'number') return registry;
    const replica = replicaOrError(ctx, registry, args.req('name'));
    if (typeof replica === 'number') return replica;
    printAz(ctx, args.str('output'), replicationJson(ctx.sim, registry, replica), COLUMNS);
    return 0;
  },
};

const update: CommandSpec = {
  path: ['az', 'acr', 'replication', 'update'],
  summary: 'Exclude a replica from global-endpoint routing, or admit it again.',
  details:
    'An excluded replica keeps receiving replication, so re-admitting it needs no catch-up, and its regional\n' +
    'endpoint keeps working. Clients that cached DNS answers keep using it until their cache expires.',
  flags: [REGISTRY_FLAG, REPLICA_NAME_FLAG, { ...ROUTING_FLAG, required: true }, OUTPUT_FLAG],
  removedFlags: [REMOVED_REGION_ENDPOINT],
  examples: ['az acr replication update -r myregistry -n westeurope --global-endpoint-routing false'],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.replicationsWrite);
    if (typeof registry === 'number') return registry;
    const r = setGlobalEndpointRouting(
      ctx.sim,
      registry,
      args.req('name'),
      args.req('global-endpoint-routing') === 'true',
    );
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    printAz(ctx, args.str('output'), replicationJson(ctx.sim, registry, r.value), COLUMNS);
    return 0;
  },
};

const remove: CommandSpec = {
  path: ['az', 'acr', 'replication', 'delete'],
  summary: 'Delete a geo-replica (not the home one). Waits until it is gone unless --no-wait.',
  flags: [
    REGISTRY_FLAG,
    REPLICA_NAME_FLAG,
    NO_WAIT_FLAG,
    { name: 'yes', short: 'y', type: 'switch', help: 'Do not prompt for confirmation.' },
  ],
  examples: ['az acr replication delete -r myregistry -n westeurope'],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.replicationsDelete);
    if (typeof registry === 'number') return registry;
    const r = deleteReplica(ctx.sim, registry, args.req('name'));
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    const replica = r.value;
    if (args.bool('no-wait')) return 0;
    return (function* () {
      yield { type: 'until', check: () => registry.replicas.get(replica.name) !== replica } as const;
      ctx.explain(`the replica in ${replica.location} is gone; its data is no longer billed`);
      return 0;
    })();
  },
};

export const azReplicationCommands: readonly CommandSpec[] = [create, list, show, update, remove];
