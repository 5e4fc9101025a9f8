import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Config,
  CONFIG_KEYS,
  CONFIG_TABLE,
  isConfigKey,
  latencyModel,
  skuThrottleDefaults,
  throttleBudget,
  type ConfigKey,
} from './config';
import { closest, editDistance } from './suggest';

describe('config defaults (SPEC 2.2, 2.4, 3.1, 3.2, 3.4, 4, 5)', () => {
  it('starts with the documented defaults in storage units', () => {
    const c = new Config();
    expect(c.get('net.latencyBase')).toBe(2);
    expect(c.get('net.latencyPerKm')).toBe(0.0075);
    expect(c.get('client.bandwidth')).toBe(100e6);
    expect(c.get('replication.bandwidth')).toBe(200e6);
    expect(c.get('replication.delay')).toBe(2000);
    expect(c.get('replica.provisioning')).toBe(90_000);
    expect(c.get('replica.deletion')).toBe(60_000);
    expect(c.get('routing.tieBand')).toBe(10);
    expect(c.get('dns.ttl')).toBe(60_000);
    expect(c.get('dns.longLivedTtl')).toBe(3_600_000);
    expect(c.get('health.detection')).toBe(180_000);
    expect(c.get('health.recovery')).toBe(180_000);
    expect(c.get('throttle.reads')).toBeNull();
    expect(c.get('throttle.writes')).toBeNull();
    expect(c.get('request.overhead')).toBe(5);
  });

  it('every default lies within its own bounds and every key has a description', () => {
    for (const key of CONFIG_KEYS) {
      const spec = CONFIG_TABLE[key];
      if (spec.default !== null) {
        expect(spec.default).toBeGreaterThanOrEqual(spec.min);
        expect(spec.default).toBeLessThanOrEqual(spec.max);
      }
      expect(spec.description.length).toBeGreaterThan(20);
    }
  });

  it('isConfigKey ignores inherited object properties', () => {
    expect(isConfigKey('dns.ttl')).toBe(true);
    expect(isConfigKey('__proto__')).toBe(false);
    expect(isConfigKey('toString')).toBe(false);
  });
});

describe('SPEC 7 sim config KEY VALUE: Config.set', () => {
  it.each<[ConfigKey, string | number, number | null]>([
    ['dns.ttl', '30s', 30_000],
    ['dns.ttl', '30', 30],
    ['dns.ttl', 30_000, 30_000],
    ['dns.ttl', '0s', 0],
    ['dns.longLivedTtl', '2h', 7_200_000],
    ['health.detection', '1m30s', 90_000],
    ['health.recovery', '5m', 300_000],
    ['replication.delay', '500ms', 500],
    ['replica.provisioning', '2m', 120_000],
    ['net.latencyBase', '1.5ms', 1.5],
    ['net.latencyPerKm', '0.01', 0.01],
    ['net.latencyPerKm', '0.005 ms/km', 0.005],
    ['net.latencyPerKm', 0.02, 0.02],
    ['client.bandwidth', '1Gbit/s', 1e9],
    ['client.bandwidth', '10Mbps', 10e6],
    ['replication.bandwidth', '50MB/s', 400e6],
    ['replication.bandwidth', 5e6, 5e6],
    ['routing.tieBand', '15%', 15],
    ['routing.tieBand', '0', 0],
    ['routing.tieBand', 25, 25],
    ['throttle.reads', '100', 100],
    ['throttle.reads', '10,000', 10_000],
    ['throttle.writes', '50/min', 50],
    ['throttle.writes', 7, 7],
    ['request.overhead', '20ms', 20],
  ])('set(%s, %j) stores %d', (key, input, stored) => {
    const c = new Config();
    const r = c.set(key, input);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.key).toBe(key);
      expect(r.value.value).toBe(stored);
    }
    expect(c.get(key)).toBe(stored);
  });

  it('"default" restores the table default, and null SKU budgets for throttling', () => {
    const c = new Config();
    c.set('dns.ttl', '5s');
    c.set('throttle.reads', 100);
    expect(c.set('dns.ttl', 'default').ok).toBe(true);
    expect(c.set('throttle.reads', 'DEFAULT').ok).toBe(true);
    expect(c.get('dns.ttl')).toBe(60_000);
    expect(c.get('throttle.reads')).toBeNull();
  });

  it.each<[string, string | number]>([
    ['dns.ttl', '-5s'],
    ['dns.ttl', '2d'],
    ['dns.ttl', 'soon'],
    ['dns.ttl', NaN],
    ['dns.ttl', Infinity],
    ['dns.ttl', -1],
    ['dns.ttl', '1e309'],
    ['dns.ttl', ''],
    ['dns.ttl', 'x'.repeat(5000)],
    ['routing.tieBand', '101%'],
    ['routing.tieBand', -1],
    ['client.bandwidth', '0'],
    ['client.bandwidth', '2Tbit/s'],
    ['client.bandwidth', '100 furlongs'],
    ['net.latencyPerKm', '1'],
    ['net.latencyPerKm', '-0.1'],
    ['net.latencyPerKm', '0.01ms'],
    ['throttle.reads', '0'],
    ['throttle.reads', '1.5'],
    ['throttle.reads', 2.5],
    ['throttle.reads', '2000000'],
    ['throttle.writes', '__proto__'],
    ['request.overhead', '11s'],
  ])('set(%s, %j) fails with InvalidConfigValue and changes nothing', (key, input) => {
    const c = new Config();
    const before = c.snapshot();
    const r = c.set(key, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('InvalidConfigValue');
      expect(r.error.message).toContain(key);
      expect(r.error.message).toMatch(/from .+ to .+\.$/);
      expect(r.error.message.length).toBeLessThan(400);
    }
    expect(c.snapshot()).toBe(before);
    expect(c.snapshot()).toEqual(new Config().snapshot());
  });

  it('states the bounds in the key unit', () => {
    const r = new Config().set('dns.ttl', '2d');
    expect(!r.ok && r.error.message).toContain('from 0s to 1d');
  });

  it.each([
    ['dns.tl', 'dns.ttl'],
    ['DNS.TTL', 'dns.ttl'],
    ['routing.tieband', 'routing.tieBand'],
    ['health.detecton', 'health.detection'],
    ['throttle.read', 'throttle.reads'],
    ['ttl', 'dns.ttl'],
    ['tieBand', 'routing.tieBand'],
  ])('unknown key %j fails with InvalidConfigKey suggesting %j', (key, suggestion) => {
    const c = new Config();
    const r = c.set(key, '1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('InvalidConfigKey');
      expect(r.error.message).toContain(`Did you mean "${suggestion}"?`);
      expect(r.error.value).toBe(key);
    }
    expect(c.snapshot()).toEqual(new Config().snapshot());
  });

  it.each(['__proto__', 'constructor', 'zzzzzzzzzzzz', 'x'.repeat(5000)])(
    'unknown key %j fails without a far-fetched suggestion',
    (key) => {
      const r = new Config().set(key, '1');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('InvalidConfigKey');
        expect(r.error.message).not.toContain('Did you mean');
        expect(r.error.message.length).toBeLessThan(200);
      }
    },
  );

  it('a failed set never changes any value (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONFIG_KEYS, 'dns.tl', '__proto__'),
        fc.oneof(fc.string({ maxLength: 20 }), fc.double()),
        (key, input) => {
          const c = new Config();
          c.set('dns.ttl', '42s');
          const before = { ...c.snapshot() };
          const r = c.set(key, input);
          if (!r.ok) expect({ ...c.snapshot() }).toEqual(before);
          else {
            const spec = CONFIG_TABLE[r.value.key];
            if (r.value.value !== null) {
              expect(r.value.value).toBeGreaterThanOrEqual(spec.min);
              expect(r.value.value).toBeLessThanOrEqual(spec.max);
            }
          }
        },
      ),
    );
  });
});

describe('Config list, snapshot and clone', () => {
  it('lists every key in table order with unit and formatted value', () => {
    const c = new Config();
    c.set('client.bandwidth', '1Gbit/s');
    const rows = c.list();
    expect(rows.map((r) => r.key)).toEqual([...CONFIG_KEYS]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('dns.ttl')).toMatchObject({
      value: 60_000,
      unit: 'ms',
      formatted: '1m',
      isDefault: true,
    });
    expect(byKey.get('client.bandwidth')).toMatchObject({
      value: 1e9,
      unit: 'bit/s',
      formatted: '1Gbit/s',
      isDefault: false,
    });
    expect(byKey.get('replication.bandwidth')?.formatted).toBe('200Mbit/s');
    expect(byKey.get('routing.tieBand')?.formatted).toBe('10%');
    expect(byKey.get('net.latencyPerKm')?.formatted).toBe('0.0075 ms/km');
    expect(byKey.get('throttle.reads')?.formatted).toBe('SKU default');
    expect(byKey.get('dns.longLivedTtl')?.formatted).toBe('1h');
    for (const row of rows) expect(row.description).toBe(CONFIG_TABLE[row.key].description);
  });

  it('snapshot is frozen, reused until a change, and renewed after one', () => {
    const c = new Config();
    const s1 = c.snapshot();
    expect(Object.isFrozen(s1)).toBe(true);
    expect(c.snapshot()).toBe(s1);
    c.set('dns.ttl', '10s');
    const s2 = c.snapshot();
    expect(s2).not.toBe(s1);
    expect(s1['dns.ttl']).toBe(60_000);
    expect(s2['dns.ttl']).toBe(10_000);
  });

  it('clone is independent of the original', () => {
    const a = new Config();
    a.set('dns.ttl', '10s');
    const b = a.clone();
    expect(b.get('dns.ttl')).toBe(10_000);
    b.set('dns.ttl', '20s');
    a.set('routing.tieBand', 50);
    expect(a.get('dns.ttl')).toBe(10_000);
    expect(b.get('routing.tieBand')).toBe(10);
  });

  it('latencyModel picks the SPEC 2.2 latency settings out of a snapshot', () => {
    expect(latencyModel(new Config().snapshot())).toEqual({ latencyBase: 2, latencyPerKm: 0.0075 });
  });
});

describe('SPEC 5 throttling budgets (B-THROT-1)', () => {
  it('uses the SKU defaults while throttle.* is unset', () => {
    const c = new Config();
    expect(throttleBudget(c, 'Premium', 'reads')).toBe(10_000);
    expect(throttleBudget(c, 'Premium', 'writes')).toBe(2_000);
    expect(throttleBudget(c, 'Standard', 'reads')).toBe(3_000);
    expect(throttleBudget(c, 'Standard', 'writes')).toBe(500);
    expect(throttleBudget(c.snapshot(), 'Basic', 'reads')).toBe(1_000);
    expect(throttleBudget(c.snapshot(), 'Basic', 'writes')).toBe(100);
    expect(skuThrottleDefaults.Premium).toEqual({ reads: 10_000, writes: 2_000 });
  });

  it('sim config throttle.reads 100 means 100 reads per minute per replica, for every SKU', () => {
    const c = new Config();
    expect(c.set('throttle.reads', '100').ok).toBe(true);
    expect(throttleBudget(c, 'Premium', 'reads')).toBe(100);
    expect(throttleBudget(c.snapshot(), 'Basic', 'reads')).toBe(100);
    expect(throttleBudget(c, 'Premium', 'writes')).toBe(2_000);
  });
});

describe('suggest: closest and editDistance', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('westeurpoe', 'westeurope')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('is symmetric (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
      }),
    );
  });

  it('picks the nearest candidate, first on ties, nothing when far', () => {
    expect(closest('westeurpoe', ['eastus', 'westeurope', 'northeurope'])).toBe('westeurope');
    expect(closest('ab', ['ac', 'ad'])).toBe('ac');
    expect(closest('kubernetes', ['eastus', 'westeurope'])).toBeUndefined();
    expect(closest('', ['a'])).toBeUndefined();
    expect(closest('x'.repeat(5000), ['x'])).toBeUndefined();
  });
});
