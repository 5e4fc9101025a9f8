import type { RegionDetail } from '../../protocol/messages';
import { useUiStore } from '../store/ui-store';
import { regionCommands } from './region-commands';

/**
 * The actions for the selected region. Each runs the equivalent console command, so the console
 * shows people the CLI for what they clicked.
 */
export function RegionActions({ detail }: { detail: RegionDetail }) {
  const run = useUiStore((s) => s.requestCommand);
  if (!detail.registry) {
    return <p className="muted">Create a registry first: az acr create -n NAME --sku Premium</p>;
  }
  return (
    <div className="region-actions" role="group" aria-label="Region actions">
      {regionCommands(detail).map((c) => (
        <button
          key={c.id}
          type="button"
          className={c.primary ? 'primary' : undefined}
          aria-pressed={c.pressed}
          onClick={() => run(c.command)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
