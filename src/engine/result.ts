/**
 * Engine APIs never throw for bad input: they return a Result whose error names the code and
 * the offending value, and they leave the world unchanged when they fail.
 */
export interface SimError {
  /** Machine-readable code: an OCI code (`NAME_INVALID`), an Azure-style code (`SkuNotSupported`) or an engine code. */
  readonly code: string;
  /** One human-readable sentence. */
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SimError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: string, message: string, value?: string): Result<T> => ({
  ok: false,
  error:
    value === undefined
      ? { code, message: clipQuoted(message) }
      : { code, message: clipQuoted(message), value: clip(value, 200) },
});

/** A value quoted in an error message, cut to `max` characters so a huge paste stays one short line. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * Clips every long quoted value ('…' or "…") in a message: whatever a user pasted, an error
 * about it stays one readable line.
 */
export function clipQuoted(message: string): string {
  return message.replace(
    /(["'])([^"'\n]{81,})\1/g,
    (_m, quote: string, value: string) => `${quote}${clip(value)}${quote}`,
  );
}

/** Unwraps a Result, throwing on failure. For tests and for internal invariants only. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
