import { findRegistry, type Registry } from '../../engine';
import type { CommandContext } from '../context';
import { shown } from '../parse';

/**
 * The registry a `sim` command is about: the one named with --registry, or the only one. A string
 * result is the one-line reason there is none to pick.
 */
export function registryFor(ctx: CommandContext, name: string | undefined): Registry | string {
  if (name !== undefined) return findRegistry(ctx.sim, name) ?? `no registry named '${shown(name)}'.`;
  const all = [...ctx.sim.registries.values()];
  if (all.length === 1) return all[0]!;
  return all.length === 0
    ? 'there is no registry yet; create one with "az acr create".'
    : 'there are several registries; name one with --registry.';
}
