import {
  controlPlaneAvailable,
  createRegistry,
  findRegistry,
  globalRoutingPool,
  signIn,
  updateRegistryWithNetwork,
  PERMISSIONS,
  type Permission,
  type Registry,
  type Simulation,
} from '../../engine';
import type { CommandContext } from '../context';
import { shown } from '../parse';
import { azError, isoTime, printAz, SUBSCRIPTION, type TableColumn } from '../format';
import { OUTPUT_FLAG, type CommandSpec, type FlagSpec } from '../spec';
import { authorize, authorizeAt } from './authorize';
import { reportSignIn } from './explain';

export const REGISTRY_NAME_FLAG: FlagSpec = {
  name: 'name',
  short: 'n',
  type: 'string',
  required: true,
  metavar: 'REGISTRY',
  help: 'The registry name.',
};
const RESOURCE_GROUP_FLAG: FlagSpec = {
  name: 'resource-group',
  short: 'g',
  type: 'string',
  metavar: 'GROUP',
  help: 'Resource group (accepted for compatibility).',
};

/** The registry named by -n/--registry, or an az-style ResourceNotFound. */
export function lookupRegistry(
  ctx: CommandContext,
  name: string,
  permission?: Permission,
): Registry | number {
  const registry = findRegistry(ctx.sim, name);
  if (registry)
    return permission === undefined ? registry : (authorize(ctx, registry, permission) ?? registry);
  return azError(
    ctx,
    'ResourceNotFound',
    `The Resource 'Microsoft.ContainerRegistry/registries/${shown(name)}' was not found.`,
  );
}

/**
 * The registry named by -n/--registry for a control-plane change (update, replication
 * create/update/delete, import, webhooks): fails with HomeRegionUnavailable, naming the home
 * region, while the home region is in outage (B-HOME-2). Reads (`show`, `list`) use lookupRegistry.
 * Both check first that the session's identity holds `permission` (B-AUTH-1).
 */
export function lookupManagedRegistry(
  ctx: CommandContext,
  name: string,
  permission: Permission,
): Registry | number {
  const registry = lookupRegistry(ctx, name, permission);
  if (typeof registry === 'number') return registry;
  const control = controlPlaneAvailable(ctx.sim, registry);
  if (!control.ok) return azError(ctx, control.error.code, control.error.message);
  return registry;
}

export function registryId(r: Registry): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${r.name}`;
}

/** The registry resource as `az acr show` prints it. */
export function registryJson(sim: Simulation, r: Registry) {
  return {
    adminUserEnabled: false,
    creationDate: isoTime(r.createdAt),
    dataEndpointEnabled: r.dataEndpointEnabled,
    dataEndpointHostNames: r.dataEndpointEnabled
      ? [...r.replicas.values()].map((x) => r.dataHost(x.location))
      : [],
    id: registryId(r),
    location: r.home,
    loginServer: r.loginServer,
    name: r.name,
    provisioningState: 'Succeeded',
    regionalEndpoints: r.regionalEndpoints ? 'Enabled' : 'Disabled',
    replicationCount: r.replicas.size,
    resourceGroup: r.resourceGroup,
    sku: { name: r.sku, tier: r.sku },
    type: 'Microsoft.ContainerRegistry/registries',
    globalEndpointPool: globalRoutingPool(r).map((x) => x.location),
    simulatedAt: isoTime(sim.now),
  };
}

const REGISTRY_COLUMNS: readonly TableColumn<ReturnType<typeof registryJson>>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'RESOURCE GROUP', value: (r) => r.resourceGroup },
  { header: 'LOCATION', value: (r) => r.location },
  { header: 'SKU', value: (r) => r.sku.name },
  { header: 'LOGIN SERVER', value: (r) => r.loginServer },
  { header: 'CREATION DATE', value: (r) => r.creationDate },
  { header: 'REPLICAS', value: (r) => r.replicationCount },
];

const ENABLED_DISABLED = ['enabled', 'disabled'];

const create: CommandSpec = {
  path: ['az', 'acr', 'create'],
  summary: 'Create a registry. Its location becomes the home region, fixed for good.',
  details: 'Geo-replication and regional endpoints need the Premium SKU.',
  flags: [
    REGISTRY_NAME_FLAG,
    { ...RESOURCE_GROUP_FLAG, defaultText: 'myresourcegroup' },
    {
      name: 'location',
      short: 'l',
      type: 'string',
      metavar: 'REGION',
      defaultText: 'eastus',
      help: 'Home region.',
    },
    {
      name: 'sku',
      type: 'choice',
      choices: ['Basic', 'Standard', 'Premium'],
      required: true,
      help: 'Service tier.',
    },
    {
      name: 'regional-endpoints',
      type: 'choice',
      choices: ENABLED_DISABLED,
      defaultText: 'disabled',
      help: 'Per-replica login servers REG.REGION.geo.azurecr.io (Premium).',
    },
    {
      name: 'data-endpoint-enabled',
      type: 'choice',
      choices: ['true', 'false'],
      defaultText: 'false',
      help: 'Dedicated data endpoints REG.REGION.data.azurecr.io.',
    },
    OUTPUT_FLAG,
  ],
  examples: ['az acr create -n contosoreg -g myrg -l westeurope --sku Premium --regional-endpoints enabled'],
  run: (ctx, args) => {
    const rg = args.str('resource-group');
    // Nothing exists yet to check against: the scope is the registry about to be created.
    const denied = authorizeAt(
      ctx,
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/${shown(rg ?? 'myresourcegroup')}/providers/Microsoft.ContainerRegistry/registries/${shown(args.req('name'))}`,
      PERMISSIONS.registryWrite,
    );
    if (denied !== undefined) return denied;
    const r = createRegistry(ctx.sim, {
      name: args.req('name'),
      location: args.str('location') ?? 'eastus',
      sku: args.req('sku'),
      ...(rg !== undefined ? { resourceGroup: rg } : {}),
      regionalEndpoints: args.str('regional-endpoints') === 'enabled',
      dataEndpointEnabled: args.str('data-endpoint-enabled') === 'true',
    });
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    printAz(ctx, args.str('output'), registryJson(ctx.sim, r.value), REGISTRY_COLUMNS);
    return 0;
  },
};

const show: CommandSpec = {
  path: ['az', 'acr', 'show'],
  summary: "Show a registry's properties.",
  flags: [REGISTRY_NAME_FLAG, RESOURCE_GROUP_FLAG, OUTPUT_FLAG],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('name'), PERMISSIONS.registryRead);
    if (typeof registry === 'number') return registry;
    printAz(ctx, args.str('output'), registryJson(ctx.sim, registry), REGISTRY_COLUMNS);
    return 0;
  },
};

const list: CommandSpec = {
  path: ['az', 'acr', 'list'],
  summary: 'List registries.',
  flags: [RESOURCE_GROUP_FLAG, OUTPUT_FLAG],
  run: (ctx, args) => {
    const rg = args.str('resource-group');
    const denied = authorizeAt(
      ctx,
      `/subscriptions/${SUBSCRIPTION}${rg !== undefined ? `/resourceGroups/${shown(rg)}` : ''}`,
      PERMISSIONS.registryRead,
    );
    if (denied !== undefined) return denied;
    const all = [...ctx.sim.registries.values()].filter((r) => rg === undefined || r.resourceGroup === rg);
    printAz(
      ctx,
      args.str('output'),
      all.map((r) => registryJson(ctx.sim, r)),
      REGISTRY_COLUMNS,
    );
    return 0;
  },
};

const update: CommandSpec = {
  path: ['az', 'acr', 'update'],
  summary: 'Change SKU, regional endpoints or dedicated data endpoints.',
  // B-HOME-1: the home region cannot change; say how people move a registry instead.
  removedFlags: [
    {
      name: 'location',
      hint: 'The home region is fixed when the registry is created. To move it, create a registry in the new region and import the images into it (az acr import).',
    },
  ],
  flags: [
    REGISTRY_NAME_FLAG,
    RESOURCE_GROUP_FLAG,
    { name: 'sku', type: 'choice', choices: ['Basic', 'Standard', 'Premium'], help: 'Service tier.' },
    {
      name: 'regional-endpoints',
      type: 'choice',
      choices: ENABLED_DISABLED,
      help: 'Per-replica login servers (Premium).',
    },
    {
      name: 'data-endpoint-enabled',
      type: 'choice',
      choices: ['true', 'false'],
      help: 'Dedicated data endpoints.',
    },
    OUTPUT_FLAG,
  ],
  examples: [
    'az acr update -n myregistry --regional-endpoints enabled',
    'az acr update -n myregistry --data-endpoint-enabled true',
  ],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('name'), PERMISSIONS.registryWrite);
    if (typeof registry === 'number') return registry;
    const sku = args.str('sku');
    const regional = args.str('regional-endpoints');
    const data = args.str('data-endpoint-enabled');
    const r = updateRegistryWithNetwork(ctx.sim, registry, {
      ...(sku !== undefined ? { sku } : {}),
      ...(regional !== undefined ? { regionalEndpoints: regional === 'enabled' } : {}),
      ...(data !== undefined ? { dataEndpointEnabled: data === 'true' } : {}),
    });
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    printAz(ctx, args.str('output'), registryJson(ctx.sim, registry), REGISTRY_COLUMNS);
    return 0;
  },
};

const remove: CommandSpec = {
  path: ['az', 'acr', 'delete'],
  summary: 'Delete a registry and every replica.',
  flags: [
    REGISTRY_NAME_FLAG,
    RESOURCE_GROUP_FLAG,
    { name: 'yes', short: 'y', type: 'switch', help: 'Do not prompt for confirmation.' },
  ],
  run: (ctx, args) => {
    // Deleting the registry is a control-plane change: it fails while the home region is down (B-HOME-2).
    const registry = lookupManagedRegistry(ctx, args.req('name'), PERMISSIONS.registryDelete);
    if (typeof registry === 'number') return registry;
    if (registry.pending.size > 0 || [...registry.replicas.values()].some((r) => r.phase !== 'ready')) {
      return azError(
        ctx,
        'OperationInProgress',
        `Registry ${registry.name} has operations in progress; wait for them (sim wait / sim advance) first.`,
      );
    }
    ctx.sim.registries.delete(registry.name.toLowerCase());
    for (const c of ctx.sim.clients.values())
      for (const host of [...c.credentials.keys()])
        if (host.startsWith(`${registry.name.toLowerCase()}.`)) c.credentials.delete(host);
    ctx.sim.emit({ kind: 'registry.deleted', registry: registry.name });
    return 0;
  },
};

const loginCmd: CommandSpec = {
  path: ['az', 'acr', 'login'],
  summary: 'Sign the current client in to the global endpoint, or to one regional endpoint.',
  details:
    'Docker keeps credentials per host name: signing in to myregistry.azurecr.io does not cover\n' +
    'myregistry.REGION.geo.azurecr.io. Use --endpoint REGION for a regional endpoint. The replica\n' +
    'the endpoint leads to checks the sign-in, so it fails while that replica is down.',
  flags: [
    REGISTRY_NAME_FLAG,
    {
      name: 'endpoint',
      type: 'string',
      metavar: 'REGION',
      help: "Sign in to this replica's regional endpoint instead.",
    },
  ],
  examples: ['az acr login -n myregistry', 'az acr login -n myregistry --endpoint westeurope'],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('name'));
    if (typeof registry === 'number') return registry;
    const endpoint = args.str('endpoint');
    let host = registry.loginServer;
    if (endpoint !== undefined) {
      if (!registry.regionalEndpoints) {
        return azError(
          ctx,
          'RegionalEndpointsNotEnabled',
          `Regional endpoints are not enabled on ${registry.name}; enable them with "az acr update -n ${registry.name} --regional-endpoints enabled".`,
        );
      }
      const replica = registry.replicaAt(endpoint.toLowerCase());
      if (!replica)
        return azError(ctx, 'ReplicationNotFound', `${registry.name} has no replica in '${endpoint}'.`);
      host = registry.regionalHost(replica.location);
    }
    const r = signIn(ctx.sim, ctx.client, host, ctx.session.identity);
    if (!r.ok) return azError(ctx, 'LoginFailed', r.error.message);
    if (reportSignIn(ctx, r.value) !== 0) return 1;
    // Credentials are kept per host name: this one adds to (never replaces) the others.
    const others = [...ctx.client.credentials.keys()].filter(
      (h) => h !== host && h.startsWith(`${registry.name.toLowerCase()}.`),
    );
    ctx.explain(
      others.length > 0
        ? `${ctx.client.name} now holds a credential for ${host}, and still holds ${others.join(', ')} (credentials are per host name)`
        : `${ctx.client.name} now holds a credential for ${host}; credentials are per host name, so ${registry.name}'s other endpoints need their own login`,
    );
    ctx.out('Login Succeeded');
    return 0;
  },
};

const showEndpoints: CommandSpec = {
  path: ['az', 'acr', 'show-endpoints'],
  summary: "List the registry's login server, regional endpoints and data endpoints.",
  flags: [REGISTRY_NAME_FLAG, OUTPUT_FLAG],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('name'), PERMISSIONS.registryRead);
    if (typeof registry === 'number') return registry;
    const replicas = [...registry.replicas.values()];
    const value = {
      loginServer: registry.loginServer,
      regionalEndpoints: registry.regionalEndpoints
        ? replicas.map((r) => ({ region: r.location, endpoint: registry.regionalHost(r.location) }))
        : [],
      dataEndpoints: replicas.map((r) => ({ region: r.location, endpoint: registry.dataHost(r.location) })),
    };
    const rows = [
      { kind: 'login server', region: '(global)', endpoint: registry.loginServer },
      ...value.regionalEndpoints.map((e) => ({ kind: 'regional', ...e })),
      ...value.dataEndpoints.map((e) => ({ kind: 'data', ...e })),
    ];
    if (args.str('output') === 'table' || args.str('output') === 'tsv') {
      printAz(ctx, args.str('output'), rows, [
        { header: 'KIND', value: (r) => r.kind },
        { header: 'REGION', value: (r) => r.region },
        { header: 'ENDPOINT', value: (r) => r.endpoint },
      ]);
    } else {
      printAz(ctx, 'json', value, []);
    }
    return 0;
  },
};

export const azAcrCommands: readonly CommandSpec[] = [
  create,
  show,
  list,
  update,
  remove,
  loginCmd,
  showEndpoints,
];
