import {
  createWebhook,
  deleteWebhook,
  findRegistry,
  groupDeliveries,
  listWebhooks,
  PERMISSIONS,
  registryDeliveries,
  setWebhookReceiver,
  updateWebhook,
  webhookEvents,
  type Registry,
  type Webhook,
  type WebhookDelivery,
} from '../../engine';
import type { CommandContext } from '../context';
import { azError, printAz, type TableColumn } from '../format';
import { shown } from '../parse';
import { OUTPUT_FLAG, type CommandSpec, type FlagSpec, REGISTRY_FLAG } from '../spec';
import { lookupManagedRegistry, lookupRegistry, registryId } from './az-acr';

const NAME_FLAG: FlagSpec = {
  name: 'name',
  short: 'n',
  type: 'string',
  required: true,
  metavar: 'NAME',
  help: 'The webhook name (5-50 letters and digits).',
};
const URI_FLAG: FlagSpec = {
  name: 'uri',
  type: 'string',
  metavar: 'URI',
  help: 'The service URI the webhook posts notifications to (http or https).',
};
const ACTIONS_FLAG: FlagSpec = {
  name: 'actions',
  type: 'list',
  metavar: 'ACTION',
  help: 'The actions that trigger the webhook: push, delete (quarantine and chart_* are not simulated).',
};
const SCOPE_FLAG: FlagSpec = {
  name: 'scope',
  type: 'string',
  metavar: 'REPO[:TAG]',
  help: 'Only fire for this repository (REPO or REPO:*) or tag (REPO:TAG); empty means everything.',
};

/** The webhook resource as az prints it. */
function webhookJson(registry: Registry, h: Webhook) {
  return {
    actions: [...h.actions],
    id: `${registryId(registry)}/webhooks/${h.name}`,
    location: h.location,
    name: h.name,
    provisioningState: 'Succeeded',
    resourceGroup: registry.resourceGroup,
    scope: h.scope ?? '',
    status: h.status,
    tags: {},
    type: 'Microsoft.ContainerRegistry/registries/webhooks',
  };
}

type WebhookJson = ReturnType<typeof webhookJson>;

const COLUMNS: readonly TableColumn<WebhookJson>[] = [
  { header: 'NAME', value: (h) => h.name },
  { header: 'LOCATION', value: (h) => h.location },
  { header: 'ACTIONS', value: (h) => h.actions.join(', ') },
  { header: 'STATUS', value: (h) => h.status },
  { header: 'SCOPE', value: (h) => h.scope },
];

/** One delivery as `list-events` prints it: ACR's event shape with the simulator's `location`. */
function eventJson(d: WebhookDelivery) {
  return {
    content: d.payload,
    eventRequestMessage: { method: 'POST', requestUri: d.uri },
    eventResponseMessage: { statusCode: d.httpStatus === 0 ? null : String(d.httpStatus) },
    id: d.id,
    location: d.location,
    delivered: d.delivered,
  };
}

type EventJson = ReturnType<typeof eventJson>;

const EVENT_COLUMNS: readonly TableColumn<EventJson>[] = [
  { header: 'TIMESTAMP', value: (e) => e.content.timestamp },
  { header: 'LOCATION', value: (e) => e.location },
  { header: 'ACTION', value: (e) => e.content.action },
  {
    header: 'TARGET',
    value: (e) =>
      e.content.target.tag !== undefined
        ? `${e.content.target.repository}:${e.content.target.tag}`
        : `${e.content.target.repository}${e.content.target.digest ? `@${e.content.target.digest}` : ''}`,
  },
  { header: 'STATUS', value: (e) => e.eventResponseMessage.statusCode ?? 'no response' },
  { header: 'DELIVERED', value: (e) => (e.delivered ? 'yes' : 'no') },
];

const create: CommandSpec = {
  path: ['az', 'acr', 'webhook', 'create'],
  summary: 'Create a webhook that fires for pushes and deletes at one replica location (default: home).',
  details:
    'A webhook fires for events at its location: a push or delete the replica there accepted, and the\n' +
    'same change again when replication lands there. With a webhook in every location, one push yields\n' +
    'one event per replica; consumers should deduplicate by (action, digest). Failed deliveries are\n' +
    'not retried.',
  flags: [
    REGISTRY_FLAG,
    NAME_FLAG,
    { ...URI_FLAG, required: true },
    { ...ACTIONS_FLAG, required: true },
    {
      name: 'location',
      short: 'l',
      type: 'string',
      metavar: 'REGION',
      help: 'The replica region whose events fire this webhook.',
      defaultText: 'the home region',
    },
    SCOPE_FLAG,
    OUTPUT_FLAG,
  ],
  examples: [
    'az acr webhook create -r myregistry -n hookweu --uri https://example.com/hook --actions push delete --location westeurope',
    'az acr webhook create -r myregistry -n appv1 --uri https://example.com/hook --actions push --scope app:v1',
  ],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.webhooksWrite);
    if (typeof registry === 'number') return registry;
    const location = args.str('location');
    const scope = args.str('scope');
    const r = createWebhook(ctx.sim, registry, {
      name: args.req('name'),
      uri: args.req('uri'),
      actions: args.list('actions'),
      ...(location !== undefined ? { location } : {}),
      ...(scope !== undefined ? { scope } : {}),
    });
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    printAz(ctx, args.str('output'), webhookJson(registry, r.value), COLUMNS);
    return 0;
  },
};

const update: CommandSpec = {
  path: ['az', 'acr', 'webhook', 'update'],
  summary: "Change a webhook's URI, actions, scope or status (enabled or disabled).",
  flags: [
    REGISTRY_FLAG,
    NAME_FLAG,
    URI_FLAG,
    ACTIONS_FLAG,
    SCOPE_FLAG,
    { name: 'status', type: 'choice', choices: ['enabled', 'disabled'], help: 'Whether the webhook fires.' },
    OUTPUT_FLAG,
  ],
  examples: ['az acr webhook update -r myregistry -n hookweu --status disabled'],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.webhooksWrite);
    if (typeof registry === 'number') return registry;
    const uri = args.str('uri');
    const scope = args.str('scope');
    const status = args.str('status');
    const r = updateWebhook(ctx.sim, registry, args.req('name'), {
      ...(uri !== undefined ? { uri } : {}),
      ...(args.has('actions') ? { actions: args.list('actions') } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(status === 'enabled' || status === 'disabled' ? { status } : {}),
    });
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    printAz(ctx, args.str('output'), webhookJson(registry, r.value), COLUMNS);
    return 0;
  },
};

const list: CommandSpec = {
  path: ['az', 'acr', 'webhook', 'list'],
  summary: 'List the webhooks of a registry with their locations, actions and status.',
  flags: [REGISTRY_FLAG, OUTPUT_FLAG],
  examples: ['az acr webhook list -r myregistry -o table'],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('registry'), PERMISSIONS.webhooksRead);
    if (typeof registry === 'number') return registry;
    printAz(
      ctx,
      args.str('output'),
      listWebhooks(registry).map((h) => webhookJson(registry, h)),
      COLUMNS,
    );
    return 0;
  },
};

const listEvents: CommandSpec = {
  path: ['az', 'acr', 'webhook', 'list-events'],
  summary: "List a webhook's deliveries, newest first (the last 1000 are kept).",
  flags: [REGISTRY_FLAG, NAME_FLAG, OUTPUT_FLAG],
  examples: ['az acr webhook list-events -r myregistry -n hookweu -o table'],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('registry'), PERMISSIONS.webhooksRead);
    if (typeof registry === 'number') return registry;
    const r = webhookEvents(registry, args.req('name'));
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    printAz(ctx, args.str('output'), r.value.map(eventJson), EVENT_COLUMNS);
    return 0;
  },
};

const remove: CommandSpec = {
  path: ['az', 'acr', 'webhook', 'delete'],
  summary: 'Delete a webhook (and its delivery history).',
  flags: [REGISTRY_FLAG, NAME_FLAG],
  examples: ['az acr webhook delete -r myregistry -n hookweu'],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.webhooksDelete);
    if (typeof registry === 'number') return registry;
    const r = deleteWebhook(ctx.sim, registry, args.req('name'));
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    return 0;
  },
};

function simRegistry(ctx: CommandContext, command: string, name: string): Registry | undefined {
  const registry = findRegistry(ctx.sim, name);
  if (!registry) ctx.out(`${command}: no registry named '${shown(name)}'.`);
  return registry;
}

const inbox: CommandSpec = {
  path: ['sim', 'webhook', 'inbox'],
  summary: 'Show every webhook delivery of a registry; --dedupe groups them as a consumer should.',
  details:
    'One push reaches every replica, and each replica fires its own webhooks, so one push with a webhook\n' +
    'in every location gives one event per replica. --dedupe groups deliveries by (action, digest): one\n' +
    'group per change, listing where and when it was seen.',
  flags: [{ name: 'dedupe', type: 'switch', help: 'Group duplicate events by (action, digest).' }],
  positionals: [{ name: 'REGISTRY', help: 'The registry name.', required: true }],
  examples: ['sim webhook inbox myregistry', 'sim webhook inbox myregistry --dedupe'],
  run: (ctx, args) => {
    const registry = simRegistry(ctx, 'sim webhook inbox', args.positionals[0]!);
    if (!registry) return 2;
    const all = registryDeliveries(registry);
    if (all.length === 0) {
      ctx.explain(`no webhook deliveries in ${registry.name} yet`);
      return 0;
    }
    if (!args.bool('dedupe')) {
      for (const d of all) {
        const t = d.payload.target;
        const what = t.tag !== undefined ? `${t.repository}:${t.tag}` : t.repository;
        ctx.out(
          `${d.timestamp}  ${d.webhook}  ${d.location}  ${d.action}  ${what}  ${t.digest ?? '-'}  ${d.delivered ? 'delivered' : `failed (${d.httpStatus === 0 ? 'no response' : d.httpStatus})`}`,
        );
      }
      ctx.explain(`${all.length} deliveries; add --dedupe to group them by (action, digest)`);
      return 0;
    }
    const groups = groupDeliveries(all);
    for (const g of groups) {
      const what = g.tag !== undefined ? `${g.repository}:${g.tag}` : g.repository;
      ctx.out(`${g.action}  ${what}  ${g.digest ?? '-'}  ${g.deliveries.length} events`);
      for (const d of g.deliveries)
        ctx.out(`  ${d.timestamp}  ${d.location}  ${d.webhook}  ${d.delivered ? 'delivered' : 'failed'}`);
    }
    ctx.explain(
      `${groups.length} ${groups.length === 1 ? 'group' : 'groups'} from ${all.length} deliveries: process each (action, digest) once`,
    );
    return 0;
  },
};

const receiver: CommandSpec = {
  path: ['sim', 'webhook', 'receiver'],
  summary: "Take a webhook's receiving service down or bring it back; deliveries while down fail, unretried.",
  flags: [REGISTRY_FLAG],
  positionals: [
    { name: 'NAME', help: 'The webhook name.', required: true },
    { name: 'STATE', help: 'up or down.', required: true },
  ],
  examples: ['sim webhook receiver hookweu down -r myregistry'],
  run: (ctx, args) => {
    const registry = simRegistry(ctx, 'sim webhook receiver', args.req('registry'));
    if (!registry) return 2;
    const [name, state] = args.positionals as [string, string];
    if (state !== 'up' && state !== 'down') {
      ctx.out(`sim webhook receiver: state must be up or down, not '${shown(state)}'.`);
      return 2;
    }
    const r = setWebhookReceiver(registry, name, state === 'up');
    if (!r.ok) {
      ctx.out(`sim webhook receiver: ${r.error.message}`);
      return 2;
    }
    ctx.explain(
      state === 'up'
        ? `${r.value.name}'s receiver answers again; earlier failed deliveries are not resent`
        : `${r.value.name}'s receiver is down: deliveries fail and ACR does not retry them`,
    );
    return 0;
  },
};

export const azWebhookCommands: readonly CommandSpec[] = [create, update, list, listEvents, remove];
export const simWebhookCommands: readonly CommandSpec[] = [inbox, receiver];
