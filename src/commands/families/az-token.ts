import {
  accessOf,
  addIdentity,
  createToken,
  deleteToken,
  PERMISSIONS,
  ROLES,
  type Registry,
  type RegistryToken,
} from '../../engine';
import type { CommandContext } from '../context';
import { azError, isoTime, printAz, type TableColumn } from '../format';
import { shown } from '../parse';
import { OUTPUT_FLAG, type CommandSpec, type FlagSpec, REGISTRY_FLAG } from '../spec';
import { lookupManagedRegistry, lookupRegistry, registryId } from './az-acr';

const NAME_FLAG: FlagSpec = {
  name: 'name',
  short: 'n',
  type: 'string',
  required: true,
  metavar: 'NAME',
  help: 'The token name (5-50 letters, digits or dashes).',
};

/** The token resource as az prints it (passwords are not simulated). */
function tokenJson(registry: Registry, t: RegistryToken) {
  return {
    creationDate: isoTime(t.createdAt),
    credentials: { certificates: [], passwords: [], username: t.name },
    id: `${registryId(registry)}/tokens/${t.name}`,
    name: t.name,
    provisioningState: 'Succeeded',
    resourceGroup: registry.resourceGroup,
    scopeMapId: `${registryId(registry)}/scopeMaps/${t.name}-scope-map`,
    status: 'enabled',
    type: 'Microsoft.ContainerRegistry/registries/tokens',
  };
}

const scopeText = (t: RegistryToken): string =>
  [...t.scope].map(([repo, actions]) => `${repo}:${actions.join(',')}`).join(' ');

const COLUMNS: readonly TableColumn<RegistryToken>[] = [
  { header: 'NAME', value: (t) => t.name },
  { header: 'STATUS', value: () => 'enabled' },
  { header: 'SCOPE', value: scopeText },
  { header: 'CREATED', value: (t) => isoTime(t.createdAt) },
];

/** Prints tokens: the az JSON shape, or a table/tsv that also shows each token's scope map. */
function printTokens(
  ctx: CommandContext,
  format: string | undefined,
  registry: Registry,
  tokens: RegistryToken | readonly RegistryToken[],
): void {
  if (format === 'table' || format === 'tsv') {
    printAz(ctx, format, tokens, COLUMNS);
    return;
  }
  const json = Array.isArray(tokens)
    ? (tokens as readonly RegistryToken[]).map((t) => tokenJson(registry, t))
    : tokenJson(registry, tokens as RegistryToken);
  for (const line of JSON.stringify(json, null, 2).split('\n')) ctx.out(line);
}

const tokenCreate: CommandSpec = {
  path: ['az', 'acr', 'token', 'create'],
  summary: 'Create a token whose access is limited to some repositories and actions.',
  details:
    'Each --repository names one repository and the actions the token has there: content/read\n' +
    '(pull), content/write (push), content/delete, metadata/read, metadata/write. Repeat the flag\n' +
    "for more repositories. Sign in with the token as 'docker login HOST -u NAME -p ANYTHING';\n" +
    'anything outside its scope is DENIED.',
  flags: [
    REGISTRY_FLAG,
    NAME_FLAG,
    {
      name: 'repository',
      type: 'list',
      repeatable: true,
      metavar: 'REPO ACTION...',
      help: 'A repository and its actions; may be repeated.',
    },
    OUTPUT_FLAG,
  ],
  examples: [
    'az acr token create -r myregistry -n apppull --repository app content/read',
    'az acr token create -r myregistry -n cipush --repository app content/read content/write --repository web content/read',
  ],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.tokensWrite);
    if (typeof registry === 'number') return registry;
    const r = createToken(ctx.sim, registry, args.req('name'), args.groups('repository'));
    if (!r.ok) {
      const what = r.error.value !== undefined ? ` ('${shown(r.error.value)}')` : '';
      return azError(ctx, r.error.code, `${r.error.message}${what}`);
    }
    printTokens(ctx, args.str('output'), registry, r.value);
    ctx.explain(`token ${r.value.name} may ${scopeText(r.value)} in ${registry.name}; nothing else`);
    return 0;
  },
};

const tokenList: CommandSpec = {
  path: ['az', 'acr', 'token', 'list'],
  summary: "List a registry's tokens.",
  flags: [REGISTRY_FLAG, OUTPUT_FLAG],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('registry'), PERMISSIONS.tokensRead);
    if (typeof registry === 'number') return registry;
    printTokens(ctx, args.str('output'), registry, [...accessOf(ctx.sim).tokensOf(registry.name).values()]);
    return 0;
  },
};

const tokenDelete: CommandSpec = {
  path: ['az', 'acr', 'token', 'delete'],
  summary: 'Delete a token; clients signed in with it are refused from then on.',
  flags: [
    REGISTRY_FLAG,
    NAME_FLAG,
    { name: 'yes', short: 'y', type: 'switch', help: 'Do not prompt for confirmation.' },
  ],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.tokensDelete);
    if (typeof registry === 'number') return registry;
    const r = deleteToken(ctx.sim, registry, args.req('name'));
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    return 0;
  },
};

const identityAdd: CommandSpec = {
  path: ['sim', 'identity', 'add'],
  summary: 'Add an identity with an Azure built-in role (and optional extra permissions).',
  details:
    'Owner and Contributor manage registries and push/pull; Reader only reads the control plane;\n' +
    'AcrPush pushes and pulls; AcrPull pulls; AcrDelete deletes. Switch with "sim identity use".',
  flags: [
    { name: 'role', type: 'choice', choices: ROLES, required: true, help: 'The built-in role.' },
    {
      name: 'permission',
      type: 'list',
      repeatable: true,
      metavar: 'PERMISSION...',
      help: 'Extra permissions, e.g. Microsoft.ContainerRegistry/registries/replications/write.',
    },
  ],
  positionals: [{ name: 'NAME', help: 'The identity name.', required: true }],
  examples: [
    'sim identity add auditor --role Reader',
    'sim identity add ci --role AcrPush',
    'sim identity add ops --role Reader --permission Microsoft.ContainerRegistry/registries/replications/write',
  ],
  run: (ctx, args) => {
    const r = addIdentity(ctx.sim, args.positionals[0]!, args.req('role'), args.list('permission'));
    if (!r.ok) {
      ctx.out(`sim identity add: ${r.error.message}`);
      return 2;
    }
    ctx.explain(
      `identity ${r.value.name} has role ${r.value.role}; switch with "sim identity use ${r.value.name}"`,
    );
    return 0;
  },
};

const identityUse: CommandSpec = {
  path: ['sim', 'identity', 'use'],
  summary: 'Act as another identity in the following az commands and logins.',
  flags: [],
  positionals: [{ name: 'NAME', help: 'An existing identity.', required: true }],
  run: (ctx, args) => {
    const name = args.positionals[0]!;
    const identities = accessOf(ctx.sim).identities;
    if (!identities.has(name)) {
      ctx.out(
        `sim identity use: no identity named '${shown(name)}' (identities: ${[...identities.keys()].join(', ')}).`,
      );
      return 2;
    }
    ctx.session.identity = name;
    ctx.explain(`az commands now act as ${name}; docker clients keep the credentials they already hold`);
    return 0;
  },
};

const identityList: CommandSpec = {
  path: ['sim', 'identity', 'list'],
  summary: 'List identities and their roles; * marks the one in use.',
  flags: [],
  run: (ctx) => {
    for (const i of accessOf(ctx.sim).identities.values()) {
      const mark = i.name === ctx.session.identity ? '*' : ' ';
      const extra = i.extra.length > 0 ? ` +${i.extra.join(' +')}` : '';
      ctx.out(`${mark} ${i.name.padEnd(16)} ${i.role}${extra}`);
    }
    return 0;
  },
};

export const azTokenCommands: readonly CommandSpec[] = [tokenCreate, tokenList, tokenDelete];
export const simIdentityCommands: readonly CommandSpec[] = [identityAdd, identityUse, identityList];
