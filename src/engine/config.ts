/**
 * The simulator's tunable knobs: one table that says, for every key, what it means, which unit it
 * is kept in, its default and its bounds; and a small `Config` store that validates every change
 * against that table. The console's `sim config` and the dashboard's settings both read the table,
 * so help text, validation and display never drift apart.
 *
 * Storage units: durations in milliseconds, rates in bits per second, percentages in percent
 * units (10 means 10%), latency slope in milliseconds per kilometre, throttling budgets in
 * requests per minute per replica.
 */
import { fail, ok, type Result } from './result';
import { closest } from './suggest';
import {
  formatDuration,
  formatPercent,
  formatRate,
  parseCount,
  parseDuration,
  parsePercent,
  parseRate,
} from './units';

/** How a key's values are parsed and shown. */
export type ConfigKind = 'duration' | 'rate' | 'percent' | 'msPerKm' | 'perMinute';

/** One row of the config table. `default: null` means "derived elsewhere" (the SKU's budget). */
export interface ConfigKeySpec {
  readonly kind: ConfigKind;
  /** The unit values are stored in; numbers and bare strings given to `set` are read in it. */
  readonly unit: string;
  readonly default: number | null;
  /** Inclusive bounds, in `unit`. */
  readonly min: number;
  readonly max: number;
  readonly description: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every config key, in the order `sim config` lists them. */
export const CONFIG_TABLE = {
  'net.latencyBase': {
    kind: 'duration',
    unit: 'ms',
    default: 2,
    min: 0,
    max: 1000,
    description: 'Fixed one-way network delay added to every hop, whatever the distance.',
  },
  'net.latencyPerKm': {
    kind: 'msPerKm',
    unit: 'ms/km',
    default: 0.0075,
    min: 0,
    max: 0.1,
    description: 'Extra one-way delay per kilometre of great-circle distance between the two ends.',
  },
  'client.bandwidth': {
    kind: 'rate',
    unit: 'bit/s',
    default: 100e6,
    min: 1e3,
    max: 1e12,
    description: 'Default link speed of a new client for uploads and downloads to a replica.',
  },
  'replication.bandwidth': {
    kind: 'rate',
    unit: 'bit/s',
    default: 200e6,
    min: 1e3,
    max: 1e12,
    description: 'Inbound replication capacity of each target replica, split evenly among its transfers.',
  },
  'replication.delay': {
    kind: 'duration',
    unit: 'ms',
    default: 2000,
    min: 0,
    max: HOUR,
    description: 'Queueing time before a committed change starts copying to the other replicas.',
  },
  'replica.provisioning': {
    kind: 'duration',
    unit: 'ms',
    default: 90_000,
    min: 0,
    max: DAY,
    description: 'How long a new replica stays in Creating before it starts its initial sync.',
  },
  'replica.deletion': {
    kind: 'duration',
    unit: 'ms',
    default: MINUTE,
    min: 0,
    max: DAY,
    description: 'How long a replica being removed shows Deleting before it disappears.',
  },
  'routing.tieBand': {
    kind: 'percent',
    unit: '%',
    default: 10,
    min: 0,
    max: 100,
    description:
      'Replicas whose latency is within this share of the best one count as equally close; DNS picks among them at random.',
  },
  'dns.ttl': {
    kind: 'duration',
    unit: 'ms',
    default: MINUTE,
    min: 0,
    max: DAY,
    description: 'Time a caching client keeps a resolved global-endpoint answer before asking again.',
  },
  'dns.longLivedTtl': {
    kind: 'duration',
    unit: 'ms',
    default: HOUR,
    min: 0,
    max: 30 * DAY,
    description: 'Time a long-lived resolver keeps an answer, ignoring the published TTL.',
  },
  'health.detection': {
    kind: 'duration',
    unit: 'ms',
    default: 3 * MINUTE,
    min: 0,
    max: DAY,
    description: 'How long a replica must be unhealthy before the global endpoint stops routing to it.',
  },
  'health.recovery': {
    kind: 'duration',
    unit: 'ms',
    default: 3 * MINUTE,
    min: 0,
    max: DAY,
    description: 'How long a recovered replica must stay healthy before it rejoins global routing.',
  },
  'throttle.reads': {
    kind: 'perMinute',
    unit: 'reads/min',
    default: null,
    min: 1,
    max: 1_000_000,
    description:
      'Read requests (manifest and blob GET/HEAD) each replica accepts per minute; "default" uses the SKU budget.',
  },
  'throttle.writes': {
    kind: 'perMinute',
    unit: 'writes/min',
    default: null,
    min: 1,
    max: 1_000_000,
    description:
      'Write requests (uploads, manifest PUT/DELETE) each replica accepts per minute; "default" uses the SKU budget.',
  },
  'request.overhead': {
    kind: 'duration',
    unit: 'ms',
    default: 5,
    min: 0,
    max: 10_000,
    description:
      'Time the registry spends on each request (auth check, metadata lookup) on top of the network round trip.',
  },
} as const satisfies Record<string, ConfigKeySpec>;

/** A known config key. */
export type ConfigKey = keyof typeof CONFIG_TABLE;

/** The value type of a key: keys whose default is `null` may hold `null`. */
export type ConfigValueOf<K extends ConfigKey> = (typeof CONFIG_TABLE)[K]['default'] extends null
  ? number | null
  : number;

/** A read-only view of every key's current value. */
export type ConfigSnapshot = { readonly [K in ConfigKey]: ConfigValueOf<K> };

/** Every key, in table order. */
export const CONFIG_KEYS: readonly ConfigKey[] = Object.freeze(Object.keys(CONFIG_TABLE) as ConfigKey[]);

/** True when `key` names a config key (exact spelling). */
export function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(CONFIG_TABLE, key);
}

/** Throttling budgets per replica per minute, by SKU, used when `throttle.*` is left at default. */
export const skuThrottleDefaults = {
  Premium: { reads: 10_000, writes: 2_000 },
  Standard: { reads: 3_000, writes: 500 },
  Basic: { reads: 1_000, writes: 100 },
} as const;

/** The registry service tiers. */
export type Sku = keyof typeof skuThrottleDefaults;

/**
 * The per-minute budget a replica of a registry on `sku` gets for `kind` requests: the config
 * override when one is set, otherwise the SKU's default. An unrecognised SKU gets Basic's
 * budget, the strictest one, rather than an error, because the caller has already validated it.
 */
export function throttleBudget(config: Config | ConfigSnapshot, sku: Sku, kind: 'reads' | 'writes'): number {
  const key = kind === 'reads' ? 'throttle.reads' : 'throttle.writes';
  const override = config instanceof Config ? config.get(key) : config[key];
  if (override !== null) return override;
  const tier = Object.hasOwn(skuThrottleDefaults, sku) ? skuThrottleDefaults[sku] : skuThrottleDefaults.Basic;
  return tier[kind];
}

/** The latency settings of a snapshot in the shape `oneWayLatencyMs` (geo.ts) takes. */
export function latencyModel(config: ConfigSnapshot): { latencyBase: number; latencyPerKm: number } {
  return { latencyBase: config['net.latencyBase'], latencyPerKm: config['net.latencyPerKm'] };
}

/** One line of `sim config`. */
export interface ConfigEntry {
  readonly key: ConfigKey;
  readonly value: number | null;
  readonly unit: string;
  /** The value as a person would write it, for example `1m` or `200Mbit/s`. */
  readonly formatted: string;
  readonly description: string;
  readonly isDefault: boolean;
}

/** What a successful {@link Config.set} changed. */
export interface ConfigChange {
  readonly key: ConfigKey;
  readonly value: number | null;
  readonly formatted: string;
}

/** Shows a stored value the way the console prints it. */
export function formatConfigValue(key: ConfigKey, value: number | null): string {
  const spec: ConfigKeySpec = CONFIG_TABLE[key];
  if (value === null) return 'SKU default';
  switch (spec.kind) {
    case 'duration':
      return formatDuration(value);
    case 'rate':
      return formatRate(value);
    case 'percent':
      return formatPercent(value);
    case 'msPerKm':
      return `${value} ms/km`;
    case 'perMinute':
      return `${value}/min`;
  }
}

const KIND_HINTS: Readonly<Record<ConfigKind, string>> = {
  duration: 'give a duration such as 500ms, 30s or 5m (a bare number is milliseconds)',
  rate: 'give a rate such as 100Mbit/s, 1Gbps or 50MB/s (a bare number is bits per second)',
  percent: 'give a percentage such as 10 or 10%',
  msPerKm: 'give milliseconds per kilometre, such as 0.0075',
  perMinute: 'give a whole number of requests per minute per replica, or "default" for the SKU budget',
};

const MS_PER_KM_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:ms\/km)?$/i;

/** Reads a string in the key's kind; `undefined` when it cannot be understood at all. */
function parseForKind(spec: ConfigKeySpec, text: string): number | undefined {
  let parsed: Result<number>;
  switch (spec.kind) {
    case 'duration':
      parsed = parseDuration(text, { bare: 'ms' });
      break;
    case 'rate':
      parsed = parseRate(text);
      break;
    case 'percent':
      parsed = parsePercent(text);
      break;
    case 'perMinute':
      parsed = parseCount(text.trim().replace(/\s*\/\s*min$/i, ''), { min: 0, max: Number.MAX_SAFE_INTEGER });
      break;
    case 'msPerKm': {
      const m = text.length <= 64 ? MS_PER_KM_RE.exec(text.trim()) : null;
      return m ? Number(m[1]) : undefined;
    }
  }
  return parsed.ok ? parsed.value : undefined;
}

/** Suggests a key for a typo, also trying the part after the dot (`ttl` → `dns.ttl`). */
function suggestKey(input: string): string | undefined {
  const direct = closest(input, CONFIG_KEYS);
  if (direct !== undefined || input.includes('.')) return direct;
  const leaves = CONFIG_KEYS.map((k) => k.slice(k.indexOf('.') + 1));
  const leaf = closest(input, leaves);
  return leaf === undefined ? undefined : CONFIG_KEYS[leaves.indexOf(leaf)];
}

function defaults(): Record<ConfigKey, number | null> {
  const values = {} as Record<ConfigKey, number | null>;
  for (const key of CONFIG_KEYS) values[key] = CONFIG_TABLE[key].default;
  return values;
}

/**
 * The current configuration. Values change only through {@link Config.set}, which validates
 * against {@link CONFIG_TABLE} and leaves everything as it was when it fails.
 */
export class Config {
  #values: Record<ConfigKey, number | null>;
  #snapshot: ConfigSnapshot | undefined;

  /** A configuration with every key at its default. */
  constructor() {
    this.#values = defaults();
  }

  /** The current value of `key`, in the key's storage unit. */
  get<K extends ConfigKey>(key: K): ConfigValueOf<K> {
    return this.#values[key] as ConfigValueOf<K>;
  }

  /**
   * Changes one key. A string is parsed in the key's kind and may carry a unit suffix
   * (`30s`, `1Gbit/s`, `15%`); a bare string or a number is read in the key's storage unit.
   * The word `default` restores the table default (for `throttle.*`, the SKU's budget).
   *
   * @returns the key and its new value, or `InvalidConfigKey` (with a suggestion for a typo) /
   *   `InvalidConfigValue` (with the accepted form and bounds); on failure nothing changes
   */
  set(key: string, value: string | number): Result<ConfigChange> {
    if (typeof key !== 'string' || !isConfigKey(key)) {
      const shownKey = String(key).slice(0, 60);
      const suggestion = typeof key === 'string' ? suggestKey(key) : undefined;
      return fail(
        'InvalidConfigKey',
        `Unknown config key "${shownKey}".` +
          (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`) +
          ` Run "sim config" to list every key.`,
        shownKey,
      );
    }
    const spec: ConfigKeySpec = CONFIG_TABLE[key];
    let next: number | null | undefined;
    if (typeof value === 'string' && value.trim().toLowerCase() === 'default') {
      next = spec.default;
    } else if (typeof value === 'number') {
      next = Number.isFinite(value) ? value : undefined;
    } else if (typeof value === 'string') {
      next = parseForKind(spec, value);
    }
    const bad =
      next === undefined ||
      (next !== null &&
        (next < spec.min || next > spec.max || (spec.kind === 'perMinute' && !Number.isInteger(next))));
    if (bad) {
      const shownValue = String(value).slice(0, 60);
      const range = `${formatConfigValue(key, spec.min)} to ${formatConfigValue(key, spec.max)}`;
      return fail(
        'InvalidConfigValue',
        `Invalid value "${shownValue}" for ${key}: ${KIND_HINTS[spec.kind]}, from ${range}.`,
        shownValue,
      );
    }
    const accepted = next ?? null;
    this.#values = { ...this.#values, [key]: accepted };
    this.#snapshot = undefined;
    return ok({ key, value: accepted, formatted: formatConfigValue(key, accepted) });
  }

  /** Every key with its value, storage unit, display form and description, in table order. */
  list(): ConfigEntry[] {
    return CONFIG_KEYS.map((key) => {
      const value = this.#values[key];
      return {
        key,
        value,
        unit: CONFIG_TABLE[key].unit,
        formatted: formatConfigValue(key, value),
        description: CONFIG_TABLE[key].description,
        isDefault: value === CONFIG_TABLE[key].default,
      };
    });
  }

  /**
   * A frozen plain object with every value, for hot paths that read many keys. The same object
   * is returned until the next successful `set`, so callers may compare snapshots by identity.
   */
  snapshot(): ConfigSnapshot {
    this.#snapshot ??= Object.freeze({ ...this.#values }) as ConfigSnapshot;
    return this.#snapshot;
  }

  /** An independent copy: changes to either config do not affect the other. */
  clone(): Config {
    const copy = new Config();
    copy.#values = { ...this.#values };
    return copy;
  }
}
