import { describe, expect, it } from 'vitest';
import { createCommandTree } from '../index';
import { Session } from '../session';

const tree = createCommandTree();

/** The `# per-minute columns` line `sim throttle` prints after the given lines, in a world with one registry. */
function window(...before: string[]): string | undefined {
  const session = new Session({ seed: 1, tree });
  const out: string[] = [];
  for (const line of [
    'az acr create -n myregistry -g myrg -l eastus --sku Premium',
    ...before,
    'sim throttle',
  ])
    session.runLine(line, (l) => out.push(l));
  return out.find((l) => l.startsWith('# per-minute columns:'));
}

describe('sim throttle names the minute its per-minute columns count', () => {
  it('in the first minute there is no whole minute yet, and no negative clock', () => {
    expect(window()).toBe(
      '# per-minute columns: no whole minute yet (the first ends at 00:01:00); NOW: since 00:00:00 (0s)',
    );
    expect(window('sim advance 59s')).toBe(
      '# per-minute columns: no whole minute yet (the first ends at 00:01:00); NOW: since 00:00:00 (59s)',
    );
  });

  it('from the second minute on, the last whole minute', () => {
    expect(window('sim advance 1m')).toBe(
      '# per-minute columns: 00:00:00 to 00:01:00; NOW: since 00:01:00 (0s)',
    );
    expect(window('sim advance 2m30s')).toBe(
      '# per-minute columns: 00:01:00 to 00:02:00; NOW: since 00:02:00 (30s)',
    );
  });
});
