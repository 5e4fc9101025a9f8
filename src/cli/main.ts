import { readFileSync, statSync } from 'node:fs';
import { createCommandTree, runScript, scriptJson } from '../commands';

const USAGE = 'usage: npm run sim -- FILE [--seed N] [--json]';
/** Scripts are text files of commands; anything bigger is surely a mistake. */
const MAX_FILE_BYTES = 1_000_000;

interface CliOptions {
  file: string;
  seed: number;
  json: boolean;
}

function parseArgs(argv: readonly string[]): CliOptions | string {
  let file: string | undefined;
  let seed = 1;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const raw = a === '--seed' ? argv[++i] : a.slice('--seed='.length);
      if (raw === undefined || !/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff) {
        return `--seed needs a whole number from 0 to 4294967295. ${USAGE}`;
      }
      seed = Number(raw);
    } else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('-')) return `unknown option ${a}. ${USAGE}`;
    else if (file === undefined) file = a;
    else return `only one FILE may be given. ${USAGE}`;
  }
  if (file === undefined) return `no FILE given. ${USAGE}`;
  return { file, seed, json };
}

function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n`);
    return 2;
  }
  let text: string;
  try {
    if (statSync(options.file).size > MAX_FILE_BYTES) {
      process.stderr.write(`sim: ${options.file} is larger than ${MAX_FILE_BYTES} bytes\n`);
      return 2;
    }
    text = readFileSync(options.file, 'utf8');
  } catch (e) {
    const reason =
      e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'unreadable';
    process.stderr.write(`sim: cannot read ${options.file} (${reason})\n`);
    return 2;
  }
  const result = runScript(text, { seed: options.seed, tree: createCommandTree() });
  if (options.json) process.stdout.write(`${scriptJson(result)}\n`);
  else process.stdout.write(result.transcript.map((l) => `${l}\n`).join(''));
  return result.exitCode;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`sim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
