import { accessOf, hasPermission, type Permission, type Registry } from '../../engine';
import type { CommandContext } from '../context';
import { azError, SUBSCRIPTION } from '../format';
import { shown } from '../parse';

/**
 * Role-based access control for management commands (SPEC 6.2, B-AUTH-1): whether the session's
 * identity holds `permission` on the registry. Fails with AuthorizationFailed naming the action
 * and scope, as Azure does, and returns the exit code; returns `undefined` when allowed. Callers
 * check before changing anything.
 */
export function authorize(
  ctx: CommandContext,
  registry: Registry,
  permission: Permission,
): number | undefined {
  const scope = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${registry.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${registry.name}`;
  return authorizeAt(ctx, scope, permission);
}

/**
 * {@link authorize} at a scope given as a resource id, also for a command with no registry to
 * name yet (`az acr create`, `az acr list`). Roles here are granted for the whole subscription, so
 * the check is the identity's role and extra grants; the scope only appears in the message.
 */
export function authorizeAt(ctx: CommandContext, scope: string, permission: Permission): number | undefined {
  const name = ctx.session.identity;
  const identity = accessOf(ctx.sim).identities.get(name);
  if (identity && hasPermission(identity, permission)) return undefined;
  ctx.explain(
    identity
      ? `identity '${name}' has role ${identity.role}, which does not grant ${permission}`
      : `'${name}' is not an identity of this world`,
  );
  // The scope is a resource id the program built from validated names (a caller cleans any typed
  // part): shown whole, or the registry it names is cut off. The client name is cleaned and clipped.
  return azError(
    ctx,
    'AuthorizationFailed',
    `The client '${shown(name, 80)}' does not have authorization to perform action '${permission}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    { clip: false },
  );
}

/** Whether the session's identity holds `permission`, without printing anything (B-PE-3). */
export function identityHas(ctx: CommandContext, permission: Permission): boolean {
  const identity = accessOf(ctx.sim).identities.get(ctx.session.identity);
  return identity !== undefined && hasPermission(identity, permission);
}
