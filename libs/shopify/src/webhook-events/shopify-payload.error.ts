/**
 * A Shopify delivery whose payload cannot become a canonical event. `field` names the offending
 * payload field (e.g. `line_items[0].price`); the delivery is kept as a dead letter with it.
 */
export class ShopifyPayloadError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
