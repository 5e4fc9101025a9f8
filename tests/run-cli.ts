import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Runs the headless runner as a user would (`npm run sim -- ...` is `tsx src/cli/main.ts ...`). */
export function sim(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Writes `content` to a fresh temporary file and returns its path. */
export function tempFile(content: string | Buffer, name = 'script.sim'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'acr-lab-')), name);
  writeFileSync(path, content);
  return path;
}
