import { useUiStore } from '../store/ui-store';
import { regionCommands } from './region-commands';
import type { RegionView } from './region-detail';

/**
 * The actions for the selected region. Each runs the equivalent console command, so the console
 * shows people the CLI for what they clicked. Toggles keep their action label ("End region
 * outage") and carry no `aria-pressed`; an active toggle is only drawn differently.
 */
export function RegionActions({ detail }: { detail: RegionView }) {
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
          className={
            [c.primary ? 'primary' : '', c.pressed ? 'active' : ''].filter(Boolean).join(' ') || undefined
          }
          onClick={() => run(c.command)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
