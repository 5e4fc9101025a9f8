import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readPrice } from './price-input';
import { PriceField } from './PriceField';

describe('readPrice', () => {
  it('keeps the reason a price is refused instead of dropping it', () => {
    expect(readPrice('')).toEqual({ kind: 'empty' });
    expect(readPrice('  ')).toEqual({ kind: 'empty' });
    expect(readPrice('0.1')).toEqual({ kind: 'ok', value: 0.1 });
    const negative = readPrice('-5');
    expect(negative.kind).toBe('invalid');
    expect(negative.kind === 'invalid' && negative.message).toMatch(/'-5' is not a price/);
    const huge = readPrice('1e308');
    expect(huge.kind).toBe('invalid');
    expect(huge.kind === 'invalid' && huge.message).toMatch(/'1e308'/);
  });

  it('treats text the number input could not read as invalid, not as an empty field', () => {
    expect(readPrice('', true)).toEqual({ kind: 'invalid', message: expect.stringMatching(/Not a number/) });
  });
});

describe('PriceField', () => {
  const render = (text: string) =>
    renderToStaticMarkup(
      <PriceField
        id="p"
        label="Price per GiB-month storage"
        text={text}
        price={readPrice(text)}
        onChange={() => {}}
      />,
    );

  it('shows why a price is not valid next to the field, tied to it for assistive technology', () => {
    const html = render('-5');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="p-error"');
    expect(html).toMatch(/<p id="p-error" class="cost__field-error">&#x27;-5&#x27; is not a price/);
  });

  it('says nothing for a valid or empty price', () => {
    for (const text of ['', '0.1']) {
      const html = render(text);
      expect(html).not.toContain('aria-invalid');
      expect(html).not.toContain('aria-describedby');
      expect(html).not.toContain('cost__field-error');
    }
  });
});
