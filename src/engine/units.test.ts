import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatBytesIec,
  formatClock,
  formatDuration,
  formatPercent,
  formatRate,
  MAX_DURATION_MS,
  parseCount,
  parseDuration,
  parsePercent,
  parseRate,
  parseSize,
} from './units';
import type { Result } from './result';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function code<T>(r: Result<T>): string {
  return r.ok ? 'ok' : r.error.code;
}

const GARBAGE = [
  '',
  '   ',
  'abc',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1e3',
  '0x10',
  '1,5',
  '1..5',
  '.',
  '__proto__',
  'constructor',
  'toString',
  '5'.repeat(5000),
  'x'.repeat(5000),
];

describe('SPEC 2.2 sizes: parseSize', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['12B', 12],
    ['12 b', 12],
    ['1KB', 1000],
    ['1kb', 1000],
    ['1kB', 1000],
    ['1.5GB', 1.5e9],
    ['1.5gb', 1.5e9],
    ['100MB', 100e6],
    ['2TB', 2e12],
    ['1KiB', 1024],
    ['1kib', 1024],
    ['512MiB', 512 * 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['1TiB', 1024 ** 4],
    ['.5KB', 500],
    [' 7 MB ', 7e6],
    ['1000TB', 1e15],
    ['1.1KiB', 1126],
  ])('accepts %j as %d bytes', (text, bytes) => {
    expect(value(parseSize(text))).toBe(bytes);
  });

  it.each([...GARBAGE, '-5', '-5MB', '1.5', '1.5B', '5XB', '5 M B', '1001TB', '1PB', '10000000000000000'])(
    'rejects %j with InvalidSize',
    (text) => {
      const r = parseSize(text);
      expect(code(r)).toBe('InvalidSize');
      if (!r.ok) {
        expect(r.error.message).toContain('KiB');
        expect(r.error.message.length).toBeLessThan(400);
      }
    },
  );

  it('names the offending value and the accepted forms', () => {
    const r = parseSize('12 parsecs');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.value).toBe('12 parsecs');
      expect(r.error.message).toContain('"12 parsecs"');
      expect(r.error.message).toMatch(/B, KB, MB, GB or TB/);
    }
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const r = parseSize(s);
        if (r.ok) expect(r.value).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('SPEC 2.2 durations: parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m15s', 5_415_000],
    ['1h 30m', 5_400_000],
    ['2.5s', 2500],
    ['0.5ms', 0.5],
    ['0s', 0],
    ['1H30M', 5_400_000],
    ['1s500ms', 1500],
    ['30d', MAX_DURATION_MS],
  ])('accepts %j as %d ms', (text, ms) => {
    expect(value(parseDuration(text))).toBe(ms);
  });

  it('refuses bare numbers unless a bare unit is given', () => {
    expect(code(parseDuration('30'))).toBe('InvalidDuration');
    expect(value(parseDuration('30', { bare: 's' }))).toBe(30_000);
    expect(value(parseDuration('30', { bare: 'ms' }))).toBe(30);
    expect(value(parseDuration('1.5', { bare: 's' }))).toBe(1500);
    expect(value(parseDuration('2m', { bare: 's' }))).toBe(120_000);
  });

  it.each([
    ...GARBAGE,
    '-5s',
    '-1h',
    '5',
    '5x',
    '1m1h',
    '1s1s',
    '30m5',
    's',
    '31d',
    '30d1ms',
    '721h',
    '3e2s',
  ])('rejects %j with InvalidDuration', (text) => {
    expect(code(parseDuration(text))).toBe('InvalidDuration');
  });

  it('states the bounds in the message', () => {
    const r = parseDuration('-5s');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('between 0s and 30d');
      expect(r.error.value).toBe('-5s');
    }
  });

  it('rejects above 30 days even when given as a bare number', () => {
    expect(code(parseDuration(String(MAX_DURATION_MS + 1), { bare: 'ms' }))).toBe('InvalidDuration');
    expect(value(parseDuration(String(MAX_DURATION_MS), { bare: 'ms' }))).toBe(MAX_DURATION_MS);
  });

  it('reads back whatever formatDuration prints (whole milliseconds up to 30 days)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DURATION_MS }), (ms) => {
        expect(value(parseDuration(formatDuration(ms)))).toBe(ms);
      }),
    );
  });
});

describe('SPEC 2.2 bandwidth: parseRate', () => {
  it.each([
    ['200Mbit/s', 200e6],
    ['1Gbit/s', 1e9],
    ['100kbit/s', 100e3],
    ['10Mbps', 10e6],
    ['1Gbps', 1e9],
    ['50MB/s', 400e6],
    ['50MBps', 400e6],
    ['10Mb/s', 10e6],
    ['200 mbit/s', 200e6],
    ['1Tbit/s', 1e12],
    ['1bit/s', 1],
    ['1MiB/s', 8 * 1024 ** 2],
    ['5000', 5000],
    ['0.5', 0.5],
  ])('accepts %j as %d bit/s', (text, bps) => {
    expect(value(parseRate(text))).toBe(bps);
  });

  it.each([...GARBAGE, '0', '0Mbit/s', '-5Mbit/s', '1.1Tbit/s', '200TB/s', '5 furlongs', '10MBPS', '10Mbit'])(
    'rejects %j with InvalidRate',
    (text) => {
      expect(code(parseRate(text))).toBe('InvalidRate');
    },
  );
});

describe('SPEC 7 config values: parsePercent and parseCount', () => {
  it.each([
    ['10%', 10],
    ['10', 10],
    ['0', 0],
    ['100%', 100],
    ['12.5 %', 12.5],
  ])('parsePercent(%j) = %d', (text, pct) => {
    expect(value(parsePercent(text))).toBe(pct);
  });

  it.each([...GARBAGE, '-1', '-1%', '101', '100.5%', '10%%'])('parsePercent rejects %j', (text) => {
    expect(code(parsePercent(text))).toBe('InvalidPercent');
  });

  it.each([
    ['0', 0],
    ['100', 100],
    ['10000', 10_000],
    ['10,000', 10_000],
    ['10_000', 10_000],
    [' 42 ', 42],
  ])('parseCount(%j) = %d', (text, n) => {
    expect(value(parseCount(text, { min: 0, max: 1_000_000 }))).toBe(n);
  });

  it.each([...GARBAGE, '-1', '1.5', '1,00', '1000001', '99999999999999999999'])(
    'parseCount rejects %j',
    (text) => {
      expect(code(parseCount(text, { min: 0, max: 1_000_000 }))).toBe('InvalidNumber');
    },
  );

  it('parseCount names the bounds', () => {
    const r = parseCount('0', { min: 1, max: 50 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('from 1 to 50');
  });
});

describe('formatters', () => {
  it.each([
    [0, '0B'],
    [12, '12B'],
    [999, '999B'],
    [1000, '1kB'],
    [512_000, '512kB'],
    [45_300_000, '45.3MB'],
    [1_234_567, '1.23MB'],
    [1_200_000_000, '1.2GB'],
    [999_999, '1MB'],
    [1e15, '1PB'],
  ])('formatBytes(%d) = %s (docker style)', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it.each([
    [512, '512 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [1024 ** 3, '1.00 GiB'],
    [1024 ** 2 - 1, '1.00 MiB'],
  ])('formatBytesIec(%d) = %s', (n, text) => {
    expect(formatBytesIec(n)).toBe(text);
  });

  it.each([
    [0, '0s'],
    [500, '500ms'],
    [0.5, '0.5ms'],
    [2500, '2.5s'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [7_200_000, '2h'],
    [5_415_000, '1h30m15s'],
    [90_000_000, '1d1h'],
    [3_605_000, '1h5s'],
    [60_500, '1m0.5s'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [0, '00:00:00'],
    [999, '00:00:00'],
    [61_000, '00:01:01'],
    [3_723_000, '01:02:03'],
    [86_399_999, '23:59:59'],
    [86_400_000, '1d 00:00:00'],
    [93_784_000, '1d 02:03:04'],
    [10 * 86_400_000, '10d 00:00:00'],
  ])('SPEC 7 sim time: formatClock(%d) = %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it.each([
    [200e6, '200Mbit/s'],
    [1e9, '1Gbit/s'],
    [1.5e9, '1.5Gbit/s'],
    [100e3, '100kbit/s'],
    [12, '12bit/s'],
  ])('formatRate(%d) = %s', (bps, text) => {
    expect(formatRate(bps)).toBe(text);
  });

  it('formatPercent', () => {
    expect(formatPercent(10)).toBe('10%');
    expect(formatPercent(12.5)).toBe('12.5%');
  });

  it('formatters never throw on odd numbers', () => {
    for (const n of [NaN, Infinity, -Infinity, -1500, 1e300]) {
      expect(typeof formatBytes(n)).toBe('string');
      expect(typeof formatBytesIec(n)).toBe('string');
      expect(typeof formatDuration(n)).toBe('string');
      expect(typeof formatClock(n)).toBe('string');
      expect(typeof formatRate(n)).toBe('string');
    }
  });

  it('parseRate reads back formatRate for round values', () => {
    for (const bps of [1, 999, 1e3, 100e6, 200e6, 1e9, 1.5e9, 1e12]) {
      expect(value(parseRate(formatRate(bps)))).toBe(bps);
    }
  });
});
