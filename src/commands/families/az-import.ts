import {
  formatBytesIec,
  importImage,
  PERMISSIONS,
  planImport,
  PUBLIC_CATALOGUE,
  shortDigest,
} from '../../engine';
import { azError } from '../format';
import { echoed } from '../parse';
import { NO_WAIT_FLAG, type CommandSpec } from '../spec';
import { lookupManagedRegistry, REGISTRY_NAME_FLAG } from './az-acr';

const importCmd: CommandSpec = {
  path: ['az', 'acr', 'import'],
  summary: "Import an image into a registry's home replica; it then replicates like a push.",
  details:
    'Sources: the built-in public catalogue, another simulated registry through its global endpoint\n' +
    "(routed as if from this registry's home region), or one replica of it through its regional endpoint.\n" +
    'Import is a control-plane operation: it fails while the home region is down.\n' +
    `Catalogue:\n  ${PUBLIC_CATALOGUE.map((e) => e.ref).join('\n  ')}`,
  flags: [
    REGISTRY_NAME_FLAG,
    {
      name: 'source',
      type: 'string',
      required: true,
      metavar: 'SOURCE',
      help: 'HOST/REPO:TAG: a catalogue image, OTHER.azurecr.io/... or OTHER.REGION.geo.azurecr.io/...',
    },
    {
      name: 'image',
      short: 't',
      type: 'string',
      metavar: 'REPO:TAG',
      help: 'Target repository and tag (default: the source repository and tag).',
    },
    NO_WAIT_FLAG,
  ],
  examples: [
    'az acr import -n myregistry --source mcr.microsoft.com/hello-world:latest --image hello-world:latest',
    'az acr import -n myregistry --source other.westeurope.geo.azurecr.io/web:v1 --image web:v1',
  ],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('name'), PERMISSIONS.importImage);
    if (typeof registry === 'number') return registry;
    const plan = planImport(ctx.sim, registry, args.req('source'), args.str('image'));
    if (!plan.ok) return azError(ctx, plan.error.code, plan.error.message);
    const p = plan.value;
    const source = p.source;
    // Shown in explanation lines; a long repository and tag are cut so each line stays readable.
    const target = echoed(`${registry.loginServer}/${p.repository}:${p.tag}`);
    ctx.explain(
      source.kind === 'public'
        ? `importing ${source.ref} from the public catalogue into ${target} (home replica ${registry.home})`
        : `importing ${source.ref}, read from ${source.registry.name}'s replica in ${source.replica.location} via ${source.endpoint === 'global' ? 'the global endpoint' : 'its regional endpoint'}, into ${target} (home replica ${registry.home})`,
    );
    const task = ctx.sim.spawn(importImage(ctx.sim, p));
    if (args.bool('no-wait')) {
      ctx.explain(`import running in the background; then "sim wait replicated ${target}"`);
      return 0;
    }
    return (function* () {
      yield { type: 'until', check: () => task.done } as const;
      const r = task.result;
      if (!r || !r.ok)
        return azError(ctx, r?.error?.code ?? 'ImportFailed', r?.error?.message ?? 'import failed');
      ctx.out(
        `Imported ${echoed(`${p.repository}:${p.tag}`)} (digest ${r.digest}) into ${registry.loginServer}`,
      );
      ctx.explain(
        `copied ${formatBytesIec(r.bytes)} into ${r.location} (manifest ${shortDigest(r.digest)}); it now replicates to the other replicas like a push`,
      );
      return 0;
    })();
  },
};

export const azImportCommands: readonly CommandSpec[] = [importCmd];
