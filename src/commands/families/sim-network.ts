import {
  addPrivateEndpoint,
  addressesPerEndpoint,
  addSubnet,
  deletePrivateEndpoint,
  findRegistry,
  lookupRegion,
  networkOf,
  planAddresses,
  privateEndpoints,
  subnetUsage,
} from '../../engine';
import { shown } from '../parse';
import type { CommandSpec } from '../spec';

/** The engine's messages name the subnet and say what it lacks: whole, unless a hostile name makes them huge. */
const MESSAGE_MAX = 300;

const NAME = { name: 'NAME', help: 'A name.', required: true } as const;

const subnetAdd: CommandSpec = {
  path: ['sim', 'network', 'subnet', 'add'],
  summary: 'Add a subnet that private endpoints can take addresses from.',
  details: 'Azure keeps 5 addresses of every subnet for itself: a /28 offers 16 − 5 = 11 usable addresses.',
  flags: [
    {
      name: 'prefix',
      type: 'string',
      required: true,
      metavar: 'PREFIX',
      help: 'The address range: /28 or 10.0.0.0/28 (/8 to /29).',
    },
  ],
  positionals: [{ ...NAME, help: 'A name for the subnet.' }],
  examples: [
    'sim network subnet add pe-subnet --prefix /28',
    'sim network subnet add big --prefix 10.1.0.0/24',
  ],
  run: (ctx, args) => {
    const r = addSubnet(ctx.sim, args.positionals[0]!, args.req('prefix'));
    if (!r.ok) {
      ctx.out(`sim network subnet add: ${shown(r.error.message, MESSAGE_MAX)}`);
      return 2;
    }
    const usage = subnetUsage(ctx.sim, r.value);
    ctx.out(`subnet ${r.value.name} /${r.value.prefixLength}: ${usage.usable} usable addresses`);
    ctx.explain(`2^(32−${r.value.prefixLength}) − 5 reserved by Azure = ${usage.usable}`);
    return 0;
  },
};

const subnetList: CommandSpec = {
  path: ['sim', 'network', 'subnet', 'list'],
  summary: 'List subnets with usable, used and free addresses.',
  flags: [],
  examples: ['sim network subnet list'],
  run: (ctx) => {
    const subnets = [...networkOf(ctx.sim).subnets.values()];
    if (subnets.length === 0) {
      ctx.out('no subnets; add one with "sim network subnet add NAME --prefix /28".');
      return 0;
    }
    const width = Math.max(6, ...subnets.map((s) => s.name.length));
    ctx.out(`${'SUBNET'.padEnd(width)}  PREFIX  USABLE  USED  FREE`);
    for (const s of subnets) {
      const u = subnetUsage(ctx.sim, s);
      ctx.out(
        `${s.name.padEnd(width)}  ${`/${s.prefixLength}`.padEnd(6)}  ${String(u.usable).padStart(6)}  ${String(u.used).padStart(4)}  ${String(u.free).padStart(4)}`,
      );
    }
    return 0;
  },
};

const peAdd: CommandSpec = {
  path: ['sim', 'network', 'private-endpoint', 'add'],
  summary: 'Add a private endpoint to a registry in a subnet; turns dedicated data endpoints on.',
  details:
    'A private endpoint takes 1 address for the global endpoint, 1 per replica for data endpoints,\n' +
    'and 1 per replica for regional endpoints when they are enabled (3 replicas with regional\n' +
    'endpoints → 7).',
  flags: [
    {
      name: 'registry',
      short: 'r',
      type: 'string',
      required: true,
      metavar: 'REGISTRY',
      help: 'The registry.',
    },
    { name: 'subnet', type: 'string', required: true, metavar: 'SUBNET', help: 'The subnet.' },
  ],
  positionals: [{ ...NAME, help: 'A name for the private endpoint.' }],
  examples: ['sim network private-endpoint add pe1 --registry myregistry --subnet pe-subnet'],
  run: (ctx, args) => {
    const wasOn = findRegistry(ctx.sim, args.req('registry'))?.dataEndpointEnabled;
    const r = addPrivateEndpoint(ctx.sim, args.positionals[0]!, args.req('registry'), args.req('subnet'));
    if (!r.ok) {
      ctx.out(`sim network private-endpoint add: ${shown(r.error.message, MESSAGE_MAX)}`);
      return 2;
    }
    const registry = findRegistry(ctx.sim, r.value.registry)!;
    const n = addressesPerEndpoint(registry);
    ctx.out(`private endpoint ${r.value.name} → ${registry.name} in ${r.value.subnet}: ${n} addresses`);
    ctx.explain(explainCount(registry.replicas.size, registry.regionalEndpoints));
    if (wasOn === false) ctx.explain('dedicated data endpoints are now enabled on ' + registry.name);
    return 0;
  },
};

function explainCount(replicas: number, regional: boolean): string {
  return (
    `1 global + ${replicas} data endpoint${replicas === 1 ? '' : 's'}` +
    (regional ? ` + ${replicas} regional endpoint${replicas === 1 ? '' : 's'}` : '') +
    ` = ${1 + replicas + (regional ? replicas : 0)}`
  );
}

const peList: CommandSpec = {
  path: ['sim', 'network', 'private-endpoint', 'list'],
  summary: 'List private endpoints with their registry, subnet and addresses.',
  flags: [],
  examples: ['sim network private-endpoint list'],
  run: (ctx) => {
    const all = privateEndpoints(ctx.sim);
    if (all.length === 0) {
      ctx.out('no private endpoints.');
      return 0;
    }
    const nameWidth = Math.max(4, ...all.map((pe) => pe.name.length));
    const registryWidth = Math.max(8, ...all.map((pe) => pe.registry.length));
    const subnetWidth = Math.max(6, ...all.map((pe) => pe.subnet.length));
    ctx.out(
      `${'NAME'.padEnd(nameWidth)}  ${'REGISTRY'.padEnd(registryWidth)}  ${'SUBNET'.padEnd(subnetWidth)}  ADDRESSES`,
    );
    for (const pe of all) {
      const registry = findRegistry(ctx.sim, pe.registry);
      const addresses = String(registry ? addressesPerEndpoint(registry) : 1).padStart(9);
      ctx.out(
        `${pe.name.padEnd(nameWidth)}  ${pe.registry.padEnd(registryWidth)}  ${pe.subnet.padEnd(subnetWidth)}  ${addresses}`,
      );
    }
    return 0;
  },
};

const peDelete: CommandSpec = {
  path: ['sim', 'network', 'private-endpoint', 'delete'],
  summary: 'Delete a private endpoint, freeing its addresses.',
  flags: [],
  positionals: [{ ...NAME, help: 'The private endpoint.' }],
  examples: ['sim network private-endpoint delete pe1'],
  run: (ctx, args) => {
    const r = deletePrivateEndpoint(ctx.sim, args.positionals[0]!);
    if (!r.ok) {
      ctx.out(`sim network private-endpoint delete: ${shown(r.error.message, MESSAGE_MAX)}`);
      return 2;
    }
    ctx.out(`deleted private endpoint ${r.value.name}`);
    return 0;
  },
};

const plan: CommandSpec = {
  path: ['sim', 'network', 'plan'],
  summary: 'What-if: addresses a new replica or regional endpoints would need in each connected subnet.',
  flags: [
    {
      name: 'registry',
      short: 'r',
      type: 'string',
      required: true,
      metavar: 'REGISTRY',
      help: 'The registry.',
    },
    { name: 'add-replica', type: 'string', metavar: 'REGION', help: 'A replica you intend to add.' },
    {
      name: 'regional-endpoints',
      type: 'choice',
      choices: ['enabled', 'disabled'],
      help: 'Regional endpoints setting you intend to apply.',
    },
  ],
  examples: [
    'sim network plan --registry myregistry --add-replica southeastasia',
    'sim network plan -r myregistry --regional-endpoints enabled',
  ],
  run: (ctx, args) => {
    const registry = findRegistry(ctx.sim, args.req('registry'));
    if (!registry) {
      ctx.out(`sim network plan: no registry named '${shown(args.req('registry'))}'.`);
      return 2;
    }
    const region = args.str('add-replica');
    if (region !== undefined) {
      const r = lookupRegion(region);
      if (!r.ok) {
        ctx.out(`sim network plan: ${shown(r.error.message, MESSAGE_MAX)}`);
        return 2;
      }
      // The what-if of `az acr replication create`: refused, in its words, where a replica already is.
      if (registry.replicaAt(r.value.name)) {
        ctx.out(
          `sim network plan: (ReplicationAlreadyExists) Registry ${registry.name} already has a replica in ${r.value.name}.`,
        );
        return 2;
      }
    }
    const setting = args.str('regional-endpoints');
    const change = {
      addReplicas: region !== undefined ? 1 : 0,
      ...(setting !== undefined ? { regionalEndpoints: setting === 'enabled' } : {}),
    };
    const plans = planAddresses(ctx.sim, registry, change);
    if (plans.length === 0) {
      ctx.out(`${registry.name} has no private endpoints: no subnet addresses are needed.`);
      return 0;
    }
    const replicas = registry.replicas.size + change.addReplicas;
    const regional = change.regionalEndpoints ?? registry.regionalEndpoints;
    ctx.out(`per private endpoint after the change: ${explainCount(replicas, regional)}`);
    for (const p of plans)
      ctx.out(
        `  ${p.subnet.name}: needs ${p.extra} more, ${p.free} free → ${p.fits ? 'fits' : `short by ${p.extra - p.free}`}`,
      );
    if (plans.some((p) => !p.fits))
      ctx.explain('a replica created now would show Creating briefly and then be removed (B-PE-2)');
    return 0;
  },
};

const denyPrivateLink: CommandSpec = {
  path: ['sim', 'network', 'deny-private-link'],
  summary: 'Take away (on) or give back (off) the private-link permission of the acting identity.',
  details:
    'Without Microsoft.Network/privateEndpoints/privateLinkServiceProxies/write, a replica created on a\n' +
    'registry with private endpoints stays Creating until it is deleted by hand (B-PE-3).',
  flags: [],
  positionals: [{ name: 'STATE', help: 'on or off.', required: true }],
  examples: ['sim network deny-private-link on'],
  run: (ctx, args) => {
    const state = args.positionals[0]!;
    if (state !== 'on' && state !== 'off') {
      ctx.out(`sim network deny-private-link: expected on or off, not '${shown(state)}'.`);
      return 2;
    }
    networkOf(ctx.sim).denyPrivateLink = state === 'on';
    ctx.out(`private-link permission ${state === 'on' ? 'denied' : 'granted'}`);
    return 0;
  },
};

export const simNetworkCommands: readonly CommandSpec[] = [
  subnetAdd,
  subnetList,
  peAdd,
  peList,
  peDelete,
  plan,
  denyPrivateLink,
];
