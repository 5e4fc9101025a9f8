import { validateRepository } from './oci';
import type { Registry } from './registry';
import { fail, ok, type Result } from './result';
import type { Simulation } from './sim';

/** Azure built-in roles the simulator knows (SPEC 6.2). */
export const ROLES = ['Owner', 'Contributor', 'Reader', 'AcrPush', 'AcrPull', 'AcrDelete'] as const;
export type Role = (typeof ROLES)[number];

const ACR = 'Microsoft.ContainerRegistry/registries';

/** Azure permissions (actions and data actions) that the simulator checks. */
export const PERMISSIONS = {
  registryRead: `${ACR}/read`,
  registryWrite: `${ACR}/write`,
  registryDelete: `${ACR}/delete`,
  replicationsRead: `${ACR}/replications/read`,
  replicationsWrite: `${ACR}/replications/write`,
  replicationsDelete: `${ACR}/replications/delete`,
  replicationsStatusRead: `${ACR}/replications/operationStatuses/read`,
  webhooksRead: `${ACR}/webhooks/read`,
  webhooksWrite: `${ACR}/webhooks/write`,
  webhooksDelete: `${ACR}/webhooks/delete`,
  importImage: `${ACR}/importImage/action`,
  tokensRead: `${ACR}/tokens/read`,
  tokensWrite: `${ACR}/tokens/write`,
  tokensDelete: `${ACR}/tokens/delete`,
  privateLinkWrite: 'Microsoft.Network/privateEndpoints/privateLinkServiceProxies/write',
  pull: `${ACR}/pull/read`,
  push: `${ACR}/push/write`,
  artifactsDelete: `${ACR}/artifacts/delete`,
} as const;
export type Permission = string;

const P = PERMISSIONS;
const READ_MANAGEMENT: readonly Permission[] = [
  P.registryRead,
  P.replicationsRead,
  P.replicationsStatusRead,
  P.webhooksRead,
  P.tokensRead,
];
const ALL_MANAGEMENT: readonly Permission[] = [
  ...READ_MANAGEMENT,
  P.registryWrite,
  P.registryDelete,
  P.replicationsWrite,
  P.replicationsDelete,
  P.webhooksWrite,
  P.webhooksDelete,
  P.importImage,
  P.tokensWrite,
  P.tokensDelete,
  P.privateLinkWrite,
];
const DATA: readonly Permission[] = [P.pull, P.push, P.artifactsDelete];

/** What each built-in role grants. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  Owner: [...ALL_MANAGEMENT, ...DATA],
  Contributor: [...ALL_MANAGEMENT, ...DATA],
  Reader: READ_MANAGEMENT,
  AcrPush: [P.pull, P.push],
  AcrPull: [P.pull],
  AcrDelete: [P.artifactsDelete],
};

export interface Identity {
  readonly name: string;
  readonly role: Role;
  /** Permissions granted beyond the role's. */
  readonly extra: readonly Permission[];
}

export const TOKEN_ACTIONS = [
  'content/read',
  'content/write',
  'content/delete',
  'metadata/read',
  'metadata/write',
] as const;
export type TokenAction = (typeof TOKEN_ACTIONS)[number];

/** A repository-scoped token of one registry: its scope map, repository → actions. */
export interface RegistryToken {
  readonly name: string;
  readonly registry: string;
  readonly scope: ReadonlyMap<string, readonly TokenAction[]>;
  readonly createdAt: number;
}

/** Identities and tokens of one simulated world. */
export class AccessStore {
  readonly identities = new Map<string, Identity>([['admin', { name: 'admin', role: 'Owner', extra: [] }]]);
  /** Tokens by registry name (lower case), then token name. */
  readonly tokens = new Map<string, Map<string, RegistryToken>>();
  /** Names of deleted tokens: a client still signed in with one is refused. */
  readonly retired = new Set<string>();

  tokensOf(registry: string): Map<string, RegistryToken> {
    const key = registry.toLowerCase();
    let m = this.tokens.get(key);
    if (!m) {
      m = new Map();
      this.tokens.set(key, m);
    }
    return m;
  }

  /** Identity names, then token names (in creation order): what `docker login -u` accepts. */
  principals(): string[] {
    const names = [...this.identities.keys()];
    for (const m of this.tokens.values()) for (const t of m.keys()) if (!names.includes(t)) names.push(t);
    return names;
  }
}

const stores = new WeakMap<Simulation, AccessStore>();

/** The identities and tokens of a world (created on first use, with `admin` as Owner). */
export function accessOf(sim: Simulation): AccessStore {
  let s = stores.get(sim);
  if (!s) {
    s = new AccessStore();
    stores.set(sim, s);
  }
  return s;
}

export function hasPermission(identity: Identity, permission: Permission): boolean {
  return ROLE_PERMISSIONS[identity.role].includes(permission) || identity.extra.includes(permission);
}

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
export const isTokenAction = (s: string): s is TokenAction =>
  (TOKEN_ACTIONS as readonly string[]).includes(s);

/** What a data-plane request does to a repository. */
export type DataAction = 'pull' | 'push' | 'delete';

const IDENTITY_PERMISSION: Readonly<Record<DataAction, Permission>> = {
  pull: P.pull,
  push: P.push,
  delete: P.artifactsDelete,
};
const TOKEN_PERMISSION: Readonly<Record<DataAction, TokenAction>> = {
  pull: 'content/read',
  push: 'content/write',
  delete: 'content/delete',
};

/** Whether a token's scope map allows an action on a repository. */
export function tokenAllows(token: RegistryToken, repository: string, action: DataAction): boolean {
  return token.scope.get(repository)?.includes(TOKEN_PERMISSION[action]) ?? false;
}

/**
 * Whether a principal signed in to a registry may do `action` on `repository`. A token of that
 * registry is checked against its scope map; an identity against its role. Principals this
 * store does not know (a cluster's kubelet identity) keep full access, as before roles existed.
 */
export function dataPlaneAllowed(
  sim: Simulation,
  principal: string,
  registry: Registry,
  repository: string | undefined,
  action: DataAction,
): boolean {
  return allowed(sim, principal, registry, repository, undefined, '', action);
}

/**
 * `dataPlaneAllowed` for a request on the registry API path `pathHead + pathTail`: the path is
 * joined and parsed for its repository only when a token's scope map needs it, not on every
 * request.
 */
export function requestAllowed(
  sim: Simulation,
  principal: string,
  registry: Registry,
  pathHead: string,
  pathTail: string,
  action: DataAction,
): boolean {
  return allowed(sim, principal, registry, undefined, pathHead, pathTail, action);
}

function allowed(
  sim: Simulation,
  principal: string,
  registry: Registry,
  repository: string | undefined,
  pathHead: string | undefined,
  pathTail: string,
  action: DataAction,
): boolean {
  const access = stores.get(sim);
  if (!access) return true;
  const token = access.tokens.get(registry.name.toLowerCase())?.get(principal);
  if (token) {
    const repo = pathHead !== undefined ? repositoryOfPath(pathHead + pathTail) : repository;
    return repo !== undefined && tokenAllows(token, repo, action);
  }
  const identity = access.identities.get(principal);
  if (identity) return hasPermission(identity, IDENTITY_PERMISSION[action]);
  // A token of another registry grants nothing here.
  for (const m of access.tokens.values()) if (m.has(principal)) return false;
  return !access.retired.has(principal);
}

/** The repository a registry API path names, if any: `/v2/app/manifests/v1` → `app`. */
export function repositoryOfPath(path: string): string | undefined {
  const m = /^\/(?:v2|acr\/v1)\/(.+?)(?:\/(?:manifests|blobs|_tags)(?:\/.*)?)?$/.exec(path);
  if (!m || m[1] === '_catalog') return undefined;
  return m[1];
}

const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{4,49}$/;

/** Adds an identity with a built-in role and optional extra permissions (`sim identity add`). */
export function addIdentity(
  sim: Simulation,
  name: string,
  role: string,
  extra: readonly string[] = [],
): Result<Identity> {
  const access = accessOf(sim);
  if (!IDENTITY_NAME.test(name))
    return fail('InvalidName', 'an identity name is 1-64 letters, digits, ".", "_", "@" or "-".', name);
  if (access.identities.has(name) || access.principals().includes(name))
    return fail('AlreadyExists', `a principal named '${name}' already exists.`, name);
  if (!isRole(role)) return fail('InvalidRole', `unknown role (choose from ${ROLES.join(', ')}).`, role);
  for (const p of extra)
    if (!/^[A-Za-z][A-Za-z0-9.]*\/[A-Za-z0-9/._-]+$/.test(p) || p.length > 200)
      return fail(
        'InvalidPermission',
        'a permission looks like Microsoft.ContainerRegistry/registries/read.',
        p,
      );
  const identity: Identity = { name, role, extra: [...new Set(extra)] };
  access.identities.set(name, identity);
  return ok(identity);
}

/**
 * Creates a repository-scoped token: each scope entry is a repository followed by its actions
 * (`az acr token create --repository app content/read`).
 */
export function createToken(
  sim: Simulation,
  registry: Registry,
  name: string,
  scopes: readonly (readonly string[])[],
): Result<RegistryToken> {
  const access = accessOf(sim);
  if (!TOKEN_NAME.test(name))
    return fail(
      'InvalidName',
      'a token name is 5-50 letters, digits or dashes, starting with a letter or digit.',
      name,
    );
  const tokens = access.tokensOf(registry.name);
  if (tokens.has(name))
    return fail('AlreadyExists', `token '${name}' already exists in ${registry.name}.`, name);
  if (access.identities.has(name))
    return fail('AlreadyExists', `'${name}' is already the name of an identity.`, name);
  if (scopes.length === 0)
    return fail('MissingScope', 'give at least one --repository REPO ACTION... (for example content/read).');
  const scope = new Map<string, TokenAction[]>();
  for (const [repo, ...actions] of scopes) {
    const r = validateRepository(repo ?? '');
    if (!r.ok) return fail(r.error.code, r.error.message, repo);
    if (actions.length === 0)
      return fail(
        'MissingAction',
        `repository '${repo}' needs at least one action (${TOKEN_ACTIONS.join(', ')}).`,
        repo,
      );
    const list = scope.get(r.value) ?? [];
    for (const a of actions) {
      if (!isTokenAction(a))
        return fail('InvalidAction', `unknown action (choose from ${TOKEN_ACTIONS.join(', ')}).`, a);
      if (!list.includes(a)) list.push(a);
    }
    scope.set(r.value, list);
  }
  const token: RegistryToken = { name, registry: registry.name, scope, createdAt: sim.now };
  tokens.set(name, token);
  return ok(token);
}

/** Deletes a token; clients signed in with it are refused from then on. */
export function deleteToken(sim: Simulation, registry: Registry, name: string): Result<RegistryToken> {
  const access = accessOf(sim);
  const tokens = access.tokensOf(registry.name);
  const token = tokens.get(name);
  if (!token) return fail('TokenNotFound', `token '${name}' was not found in ${registry.name}.`, name);
  tokens.delete(name);
  access.retired.add(name);
  return ok(token);
}
