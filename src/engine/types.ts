/**
 * Branded primitive types shared by the whole engine. Brands keep milliseconds, bytes and
 * region names from being mixed up by accident; they cost nothing at run time.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Simulated time in milliseconds since the session started. */
export type SimTimeMs = Brand<number, 'SimTimeMs'>;
/** A span of simulated time in milliseconds. */
export type DurationMs = number;
/** A size in bytes. */
export type Bytes = number;
/** A bandwidth in bits per second. */
export type BitsPerSecond = number;
/** Programmatic Azure region name, for example `westeurope`. */
export type RegionName = Brand<string, 'RegionName'>;
/** An OCI content digest, `sha256:<64 hex>`. */
export type Digest = Brand<string, 'Digest'>;

/** A point on the globe in degrees. Kept apart from screen coordinates on purpose. */
export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

export const asTime = (ms: number): SimTimeMs => ms as SimTimeMs;
