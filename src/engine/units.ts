/**
 * Parsing and formatting of the quantities people type into the console and read back from it:
 * sizes, durations, bandwidths, percentages and plain counts.
 *
 * Parsers are strict on purpose: the number must be plain decimal notation (no exponents, no
 * signs, no hex), the unit must be one we document, and the value must lie inside sensible
 * bounds. Anything else comes back as a failed Result that names the value and the accepted
 * forms, so a typo in a scenario script is reported instead of silently becoming a huge number.
 */
import { fail, ok, type Result } from './result';
import type { BitsPerSecond, Bytes, DurationMs } from './types';

/** Largest size accepted: 1 PB. Far beyond any registry a trainer would simulate. */
export const MAX_SIZE_BYTES: Bytes = 1e15;
/** Longest duration accepted: 30 days, enough for any scenario and small enough to stay exact. */
export const MAX_DURATION_MS: DurationMs = 30 * 24 * 60 * 60 * 1000;
/** Fastest rate accepted: 1 Tbit/s. */
export const MAX_RATE_BPS: BitsPerSecond = 1e12;

/** Inputs longer than this are refused before any regex runs; no legitimate quantity is this long. */
const MAX_INPUT_LENGTH = 64;
/** Unsigned decimal: `12`, `1.5`, `.5`. Exponents are deliberately not part of the grammar. */
const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;

/** Shortens the offending value so an error about a 5,000-character paste stays one line. */
function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Trims and refuses non-strings and over-long input; returns the cleaned text or undefined. */
function clean(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.length > MAX_INPUT_LENGTH * 4) return undefined;
  const trimmed = text.trim();
  return trimmed.length === 0 || trimmed.length > MAX_INPUT_LENGTH ? undefined : trimmed;
}

// ---------------------------------------------------------------------------------------------
// Sizes

// Maps, not object literals: a unit typed as `__proto__` or `constructor` must not find anything.
const SIZE_UNITS: ReadonlyMap<string, number> = new Map([
  ['b', 1],
  ['kb', 1e3],
  ['mb', 1e6],
  ['gb', 1e9],
  ['tb', 1e12],
  ['kib', 1024],
  ['mib', 1024 ** 2],
  ['gib', 1024 ** 3],
  ['tib', 1024 ** 4],
]);
const SIZE_RE = new RegExp(String.raw`^${NUMBER}\s*([a-zA-Z]*)$`);

function sizeError(text: string, reason: string): Result<Bytes> {
  return fail(
    'InvalidSize',
    `Invalid size "${shown(text)}" (${reason}): use a number with B, KB, MB, GB or TB (powers of 1000) ` +
      `or KiB, MiB, GiB or TiB (powers of 1024), such as 1.5GB or 512MiB, or a whole number of bytes; ` +
      `at most 1 PB.`,
    shown(text),
  );
}

/**
 * Parses a size such as `1.5GB`, `512MiB`, `100 kb` or `4096` (bare whole numbers are bytes).
 * Units are case-insensitive; results with a multiplier are rounded to the nearest byte.
 *
 * @returns bytes, or `InvalidSize` for negatives, garbage, exponents, fractional bytes and
 *   anything above 1 PB
 */
export function parseSize(text: string): Result<Bytes> {
  const input = clean(text);
  if (input === undefined) return sizeError(String(text), 'empty or too long');
  if (input.startsWith('-')) return sizeError(input, 'negative');
  const m = SIZE_RE.exec(input);
  if (!m) return sizeError(input, 'not a number with a size unit');
  const amount = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  let bytes: number;
  if (unit === '') {
    if (!Number.isInteger(amount)) return sizeError(input, 'a bare number must be a whole number of bytes');
    bytes = amount;
  } else {
    const multiplier = SIZE_UNITS.get(unit);
    if (multiplier === undefined) return sizeError(input, `unknown unit "${shown(m[2] ?? '')}"`);
    if (multiplier === 1 && !Number.isInteger(amount)) return sizeError(input, 'fractional bytes');
    bytes = Math.round(amount * multiplier);
  }
  if (!Number.isFinite(bytes) || bytes > MAX_SIZE_BYTES) return sizeError(input, 'larger than 1 PB');
  return ok(bytes);
}

// ---------------------------------------------------------------------------------------------
// Durations

/** Duration units, largest first; a compound duration must list them in this order. */
const DURATION_UNITS: ReadonlyMap<string, { rank: number; ms: number }> = new Map([
  ['d', { rank: 0, ms: 86_400_000 }],
  ['h', { rank: 1, ms: 3_600_000 }],
  ['m', { rank: 2, ms: 60_000 }],
  ['s', { rank: 3, ms: 1000 }],
  ['ms', { rank: 4, ms: 1 }],
]);
// `ms` must be tried before `m`, or `500ms` would read as 500 minutes followed by garbage.
const DURATION_SEGMENT_RE = new RegExp(String.raw`${NUMBER}(ms|d|h|m|s)\s*`, 'iy');
const BARE_NUMBER_RE = new RegExp(`^${NUMBER}$`);

/** Options for {@link parseDuration}. */
export interface DurationOptions {
  /** Accept a bare number and read it in this unit. Without it a bare number is refused. */
  readonly bare?: 'ms' | 's';
}

function durationError(text: string, reason: string): Result<DurationMs> {
  return fail(
    'InvalidDuration',
    `Invalid duration "${shown(text)}" (${reason}): use forms like 500ms, 90s, 5m, 1h30m, 2h or 1d, ` +
      `between 0s and 30d.`,
    shown(text),
  );
}

/**
 * Parses a duration such as `500ms`, `90s`, `5m`, `1h30m15s`, `2.5s` or `1d`. Segments must go
 * from the largest unit to the smallest, each at most once. Bare numbers are refused (is `30`
 * seconds or milliseconds?) unless `options.bare` names the unit to read them in.
 *
 * @returns milliseconds (fractions kept), or `InvalidDuration` for negatives, garbage, and
 *   anything above 30 days
 */
export function parseDuration(text: string, options: DurationOptions = {}): Result<DurationMs> {
  const input = clean(text);
  if (input === undefined) return durationError(String(text), 'empty or too long');
  if (input.startsWith('-')) return durationError(input, 'negative');
  let total: number;
  if (BARE_NUMBER_RE.test(input)) {
    if (options.bare === undefined) return durationError(input, 'a number needs a unit');
    total = Number(input) * (options.bare === 's' ? 1000 : 1);
  } else {
    total = 0;
    let lastRank = -1;
    DURATION_SEGMENT_RE.lastIndex = 0;
    while (DURATION_SEGMENT_RE.lastIndex < input.length) {
      const m = DURATION_SEGMENT_RE.exec(input);
      if (!m) return durationError(input, 'not a duration');
      const unit = DURATION_UNITS.get((m[2] ?? '').toLowerCase());
      if (unit === undefined) return durationError(input, 'not a duration');
      if (unit.rank <= lastRank) return durationError(input, 'units must go from days down to milliseconds');
      lastRank = unit.rank;
      total += Number(m[1]) * unit.ms;
    }
  }
  if (!Number.isFinite(total) || total > MAX_DURATION_MS) return durationError(input, 'longer than 30 days');
  return ok(total);
}

// ---------------------------------------------------------------------------------------------
// Rates

const RATE_RE = new RegExp(String.raw`^${NUMBER}\s*(\S*)$`);
const RATE_PREFIXES: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['k', 1e3],
  ['m', 1e6],
  ['g', 1e9],
  ['t', 1e12],
  ['ki', 1024],
  ['mi', 1024 ** 2],
  ['gi', 1024 ** 3],
  ['ti', 1024 ** 4],
]);

/**
 * Bits per second for one unit of a rate suffix, or undefined. The letter `b` decides: lower
 * case means bits (`Mbps`, `Mb/s`), upper case means bytes (`MB/s`, `MBps`); the word `bit` is
 * bits in any case. The metric prefix itself is case-insensitive.
 */
function rateMultiplier(unit: string): number | undefined {
  const m = /^([kmgt]i?)?(bits?\/s|bps|b\/s|Bps|B\/s)$/i.exec(unit);
  if (!m) return undefined;
  const prefix = RATE_PREFIXES.get((m[1] ?? '').toLowerCase());
  if (prefix === undefined) return undefined;
  const suffix = m[2] ?? '';
  if (/^bits?\/s$/i.test(suffix)) return prefix;
  if (suffix === 'bps' || suffix === 'b/s') return prefix;
  if (suffix === 'Bps' || suffix === 'B/s') return prefix * 8;
  return undefined; // e.g. `BPS`: neither clearly bits nor clearly bytes
}

function rateError(text: string, reason: string): Result<BitsPerSecond> {
  return fail(
    'InvalidRate',
    `Invalid rate "${shown(text)}" (${reason}): use forms like 100kbit/s, 200Mbit/s, 1Gbit/s, 10Mbps or ` +
      `50MB/s (bytes), or a bare number of bits per second; more than 0 and at most 1Tbit/s.`,
    shown(text),
  );
}

/**
 * Parses a bandwidth such as `200Mbit/s`, `1Gbps`, `100kbit/s` or `50MB/s` (bytes, so ×8).
 * A bare number is bits per second.
 *
 * @returns bits per second, or `InvalidRate` for zero, negatives, garbage and anything above
 *   1 Tbit/s
 */
export function parseRate(text: string): Result<BitsPerSecond> {
  const input = clean(text);
  if (input === undefined) return rateError(String(text), 'empty or too long');
  if (input.startsWith('-')) return rateError(input, 'negative');
  const m = RATE_RE.exec(input);
  if (!m) return rateError(input, 'not a number with a rate unit');
  const unit = m[2] ?? '';
  const multiplier = unit === '' ? 1 : rateMultiplier(unit);
  if (multiplier === undefined) return rateError(input, `unknown unit "${shown(unit)}"`);
  const bps = Number(m[1]) * multiplier;
  if (!Number.isFinite(bps) || bps > MAX_RATE_BPS) return rateError(input, 'faster than 1Tbit/s');
  if (bps <= 0) return rateError(input, 'must be more than zero');
  return ok(bps);
}

// ---------------------------------------------------------------------------------------------
// Percentages and counts

const PERCENT_RE = new RegExp(String.raw`^${NUMBER}\s*%?$`);

/**
 * Parses a percentage, `10%` or `10`, into percent units (both give 10).
 *
 * @returns a number from 0 to 100, or `InvalidPercent`
 */
export function parsePercent(text: string): Result<number> {
  const input = clean(text);
  const m = input === undefined ? null : PERCENT_RE.exec(input);
  const value = m ? Number(m[1]) : NaN;
  if (!(value >= 0 && value <= 100)) {
    const v = shown(input ?? String(text));
    return fail(
      'InvalidPercent',
      `Invalid percentage "${v}": use a number from 0 to 100, such as 10 or 10%.`,
      v,
    );
  }
  return ok(value);
}

/** Bounds for {@link parseCount}, both inclusive. */
export interface CountBounds {
  readonly min: number;
  readonly max: number;
}

/** Digits, optionally grouped in threes by commas or underscores (`10,000`, `10_000`). */
const COUNT_RE = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+)$/;

/**
 * Parses a plain non-negative whole number within `bounds`, such as a budget per minute.
 *
 * @returns the number, or `InvalidNumber` with the bounds in the message
 */
export function parseCount(text: string, bounds: CountBounds): Result<number> {
  const input = clean(text);
  const value = input !== undefined && COUNT_RE.test(input) ? Number(input.replace(/[,_]/g, '')) : NaN;
  if (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) {
    const v = shown(input ?? String(text));
    return fail(
      'InvalidNumber',
      `Invalid number "${v}": use a whole number from ${bounds.min} to ${bounds.max}.`,
      v,
    );
  }
  return ok(value);
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Rounds to three significant digits and prints without trailing zeros (like Go's `%.3g`). */
function threeDigits(value: number): number {
  return Number(value.toPrecision(3));
}

/** Scales `value` by powers of `base` into `units`, keeping three significant digits. */
function scaled(value: number, base: number, units: readonly string[]): string {
  let index = 0;
  while (value >= base ** (index + 1) && index < units.length - 1) index++;
  let shownValue = threeDigits(value / base ** index);
  // 999,999 bytes rounds to 1000kB; move up a unit so it reads 1MB instead.
  if (shownValue >= base && index < units.length - 1) {
    index++;
    shownValue = threeDigits(value / base ** index);
  }
  return `${shownValue}${units[index] ?? ''}`;
}

const DECIMAL_BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const IEC_BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;
const RATE_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s', 'Pbit/s'] as const;

/**
 * Short decimal size as `docker images` prints it: `1.2GB`, `45.3MB`, `512kB`, `12B`
 * (three significant digits, powers of 1000).
 */
export function formatBytes(bytes: Bytes): string {
  if (!Number.isFinite(bytes)) return `${bytes}B`;
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  return scaled(bytes, 1000, DECIMAL_BYTE_UNITS);
}

/** Binary size with two decimals, as `az` and `du -h` style tools print it: `1.00 GiB`, `512 B`. */
export function formatBytesIec(bytes: Bytes): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  if (bytes < 0) return `-${formatBytesIec(-bytes)}`;
  let index = 0;
  while (bytes >= 1024 ** (index + 1) && index < IEC_BYTE_UNITS.length - 1) index++;
  if (index === 0) return `${Math.round(bytes)} B`;
  let text = (bytes / 1024 ** index).toFixed(2);
  if (Number(text) >= 1024 && index < IEC_BYTE_UNITS.length - 1) {
    index++;
    text = (bytes / 1024 ** index).toFixed(2);
  }
  return `${text} ${IEC_BYTE_UNITS[index] ?? ''}`;
}

/**
 * Compact duration that {@link parseDuration} reads back: `500ms`, `2.5s`, `1m30s`, `1h30m`,
 * `1d2h`. Zero components are left out; precision is one microsecond.
 */
export function formatDuration(ms: DurationMs): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  // Work in whole microseconds so the arithmetic below is exact.
  const micros = Math.round(ms * 1000);
  if (micros === 0) return '0s';
  if (micros < 1_000_000) return `${micros / 1000}ms`;
  if (micros < 60_000_000) return `${micros / 1_000_000}s`;
  const parts: string[] = [];
  let rest = micros;
  for (const [unit, size] of [
    ['d', 86_400_000_000],
    ['h', 3_600_000_000],
    ['m', 60_000_000],
  ] as const) {
    const whole = Math.floor(rest / size);
    if (whole > 0) parts.push(`${whole}${unit}`);
    rest -= whole * size;
  }
  if (rest >= 1000) parts.push(`${rest / 1_000_000}s`);
  else if (rest > 0) parts.push(`${rest / 1000}ms`);
  return parts.join('');
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Elapsed simulated time as a clock, `HH:MM:SS`, with whole days in front once a day has passed
 * (`1d 02:03:04`). Seconds are truncated, as a wall clock would show them.
 */
export function formatClock(ms: DurationMs): string {
  if (!Number.isFinite(ms)) return '--:--:--';
  if (ms < 0) return `-${formatClock(-ms)}`;
  const total = Math.floor(ms / 1000);
  const days = Math.floor(total / 86_400);
  const clock = `${two(Math.floor((total % 86_400) / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Short bandwidth with three significant digits, powers of 1000: `200Mbit/s`, `1.5Gbit/s`. */
export function formatRate(bitsPerSecond: BitsPerSecond): string {
  if (!Number.isFinite(bitsPerSecond)) return `${bitsPerSecond}bit/s`;
  if (bitsPerSecond < 0) return `-${formatRate(-bitsPerSecond)}`;
  return scaled(bitsPerSecond, 1000, RATE_UNITS);
}

/** A percentage in percent units, to three decimals at most: `10%`, `12.5%`. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return `${percent}%`;
  return `${Math.round(percent * 1000) / 1000}%`;
}
