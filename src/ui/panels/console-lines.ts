/** How a console line is drawn. */
export type LineStyle = 'echo' | 'explain' | 'error' | 'hint' | 'table' | 'normal';

export interface ConsoleLine {
  readonly id: number;
  readonly text: string;
  readonly style: LineStyle;
}

/** Oldest lines are dropped past this, so a long session never slows the page down. */
export const MAX_CONSOLE_LINES = 2000;

/** Background jobs prefix their output with `[1] ` (and `[1]+ ` when done). */
const JOB_PREFIX = /^\[\d+\]\+? /;

const ERROR_PATTERNS: readonly RegExp[] = [
  /Error response from daemon/, // docker
  /^\([A-Za-z]+\) /, // az: `(ResourceNotFound) The Resource …`
  /^(error|ERROR|internal error):/,
  /is not a( '.*?')? command\./, // unknown command
  /: unrecognized arguments: /,
  /^Error from server/, // kubectl
];

/** Columns separated by runs of spaces, or a `-----  ----` rule: a table row that must not wrap. */
const COLUMNAR = /^-{3,}(\s|$)|\S {2,}\S/;

/**
 * Styles a line of command output. Lines that explain the simulation start with `# `
 * (SPEC 7); errors imitate docker, az and kubectl; table rows keep their columns. Everything
 * else, including `Login Succeeded` and digests, is ordinary output.
 */
export function classifyLine(text: string): LineStyle {
  const body = text.replace(JOB_PREFIX, '');
  if (body.startsWith('# ') || body === '#') return 'explain';
  if (ERROR_PATTERNS.some((p) => p.test(body))) return 'error';
  if (COLUMNAR.test(body)) return 'table';
  return 'normal';
}

/**
 * Appends lines and drops the oldest beyond `max`. Ids keep increasing so React keys stay
 * stable while old lines scroll away.
 */
export function appendLines(
  buffer: readonly ConsoleLine[],
  added: ReadonlyArray<{ readonly text: string; readonly style: LineStyle }>,
  firstId: number,
  max = MAX_CONSOLE_LINES,
): ConsoleLine[] {
  const next = [...buffer, ...added.map((l, i) => ({ id: firstId + i, text: l.text, style: l.style }))];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** A line ending in ` &` runs in the background and does not hold the prompt. */
export function isBackgroundLine(line: string): boolean {
  return /(^|\s)&$/.test(line.trim());
}

/** `clear` is handled by the console itself, as a shell's terminal does. */
export function isClearLine(line: string): boolean {
  return line.trim() === 'clear';
}

/**
 * The client name in a prompt. Accepts a bare name (`dev`) or the transcript form
 * (`[00:02:25] paris$ `), since both are natural things for the engine to send.
 */
export function promptName(prompt: string): string {
  return prompt
    .replace(/^\[[^\]]*\]\s*/, '')
    .replace(/\$\s*$/, '')
    .trim();
}
