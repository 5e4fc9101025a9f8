import type { CommandContext } from './context';
import { clipQuoted } from '../engine';

/** The simulated session's calendar starts here; only used to print az-style timestamps. */
const EPOCH_MS = Date.UTC(2026, 5, 1);

/** An ISO timestamp for a simulated time, as az prints them. */
export function isoTime(simMs: number): string {
  return new Date(EPOCH_MS + Math.floor(simMs)).toISOString().replace('Z', '+00:00');
}

export type OutputFormat = 'json' | 'table' | 'tsv';

export interface TableColumn<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | undefined | null;
}

/** Writes az output in the chosen format: pretty JSON, an aligned table, or tab-separated values. */
export function printAz<T>(
  ctx: CommandContext,
  format: string | undefined,
  value: T | readonly T[],
  columns: readonly TableColumn<T>[],
): void {
  const rows: readonly T[] = Array.isArray(value) ? (value as readonly T[]) : [value as T];
  if (format === 'table') {
    const cells = rows.map((r) => columns.map((c) => String(c.value(r) ?? '')));
    const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
    ctx.out(
      columns
        .map((c, i) => c.header.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
    ctx.out(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of cells)
      ctx.out(
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
    return;
  }
  if (format === 'tsv') {
    for (const r of rows) ctx.out(columns.map((c) => String(c.value(r) ?? '')).join('\t'));
    return;
  }
  for (const line of JSON.stringify(value, null, 2).split('\n')) ctx.out(line);
}

/**
 * An az-style control-plane error: `(Code) Message`. Returns the exit code 1. Long quoted values
 * are clipped (they are usually what the user pasted); a caller whose message quotes only values
 * the program built, such as a resource id, passes `{ clip: false }` so they are shown whole.
 */
export function azError(
  ctx: CommandContext,
  code: string,
  message: string,
  options: { readonly clip?: boolean } = {},
): number {
  ctx.out(`(${code}) ${options.clip === false ? message : clipQuoted(message)}`);
  return 1;
}

/** Subscription id used in resource ids; the simulator has one subscription. */
export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
