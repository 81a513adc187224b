import { parseOptionalShopifyMoney, parseShopifyMoney } from './shopify-money';
import { ShopifyPayloadError } from './shopify-payload.error';

describe('parseShopifyMoney', () => {
  it.each([
    ['199.00', 199],
    ['86.90', 86.9],
    ['0.00', 0],
    ['1250', 1250],
    ['-5.00', -5],
  ])('reads the decimal string %j as %d', (text, amount) => {
    expect(parseShopifyMoney(text, 'total_price')).toBe(amount);
  });

  it('takes a JSON number as it is', () => {
    expect(parseShopifyMoney(12.5, 'total_price')).toBe(12.5);
  });

  it.each(['', ' ', 'abc', '12,50', '1e3', '$10.00', '10.', '.5', 'Infinity', 'NaN', ' 10.00'])(
    'refuses the non-numeric string %j, naming the field',
    (text) => {
      const error = refusal(() => parseShopifyMoney(text, 'line_items[1].price'));
      expect(error.field).toBe('line_items[1].price');
      expect(error.message).toContain('"line_items[1].price" must be a decimal amount');
    },
  );

  it.each([undefined, null, true, {}, [], Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p where an amount is required',
    (value) => {
      expect(refusal(() => parseShopifyMoney(value, 'total_price')).field).toBe('total_price');
    },
  );
});

describe('parseOptionalShopifyMoney', () => {
  it('reads an absent amount as null', () => {
    expect(parseOptionalShopifyMoney(undefined, 'total_discounts')).toBeNull();
    expect(parseOptionalShopifyMoney(null, 'total_discounts')).toBeNull();
  });

  it('still refuses a present amount that is not numeric', () => {
    expect(refusal(() => parseOptionalShopifyMoney('free', 'total_discounts')).field).toBe('total_discounts');
    expect(parseOptionalShopifyMoney('9.00', 'total_discounts')).toBe(9);
  });
});

function refusal(run: () => unknown): ShopifyPayloadError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShopifyPayloadError) return error;
    throw error;
  }
  throw new Error('expected a ShopifyPayloadError, but nothing was thrown');
}
