import { parsePrice } from '../../engine/cost';

/** What the user typed as a price: nothing, a valid price, or why it is not one. */
export type PriceInput =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly value: number }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * Reads a price field. `badInput` is the number input's own verdict: for text it cannot read as a
 * number (`1e`, `abc`) the browser reports an empty value, which must not pass for an empty field.
 */
export function readPrice(text: string, badInput = false): PriceInput {
  const t = text.trim();
  if (t === '') {
    return badInput
      ? { kind: 'invalid', message: 'Not a number: give a non-negative number such as 0.1' }
      : { kind: 'empty' };
  }
  const r = parsePrice(t);
  return r.ok ? { kind: 'ok', value: r.value } : { kind: 'invalid', message: r.error.message };
}
