import type { PriceInput } from './price-input';

export interface PriceFieldProps {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly price: PriceInput;
  /** The typed text, and whether the browser could not read it as a number (`validity.badInput`). */
  readonly onChange: (text: string, badInput: boolean) => void;
}

/** One price assumption: label, number input and, when the price is not valid, why (next to the field). */
export function PriceField({ id, label, text, price, onChange }: PriceFieldProps) {
  const errorId = `${id}-error`;
  const invalid = price.kind === 'invalid';
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min="0"
        step="any"
        inputMode="decimal"
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(e) => onChange(e.target.value, e.target.validity.badInput)}
      />
      {invalid && (
        <p id={errorId} className="cost__field-error">
          {price.message}
        </p>
      )}
    </>
  );
}
