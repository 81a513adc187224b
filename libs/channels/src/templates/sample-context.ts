/**
 * The sample data a template must render against when it is saved or a journey is published:
 * everything a journey makes available to templates, with an event that carries the properties
 * of the canonical checkout and order events, its lines as the catalogue completes them (image,
 * URL, stock), and recommendations (docs/product.md, "Products").
 */
export function sampleTemplateContext(): Record<string, unknown> {
  const lineItems = [
    {
      productId: '632910392',
      variantId: '808950810',
      sku: 'COFFEE-1KG',
      title: 'Organic Coffee 1 kg',
      variantTitle: 'Whole bean',
      quantity: 2,
      price: 19.9,
      image: 'https://cdn.example.com/coffee-1kg.jpg',
      url: 'https://store.example.com/products/organic-coffee-1kg',
      inStock: true,
    },
  ];
  const recommendations = [
    {
      productId: '632910393',
      variantId: '808950811',
      title: 'Ceramic Pour-Over Dripper',
      url: 'https://store.example.com/products/pour-over-dripper',
      image: 'https://cdn.example.com/dripper.jpg',
      price: 24.5,
      compareAtPrice: 29.9,
    },
  ];
  return {
    customer: {
      id: '00000000-0000-4000-8000-000000000000',
      externalId: '1001',
      email: 'ada@example.com',
      phone: '+15555550100',
      firstName: 'Ada',
      lastName: 'Lovelace',
      loyaltyPoints: 120,
      attributes: {},
    },
    event: {
      type: 'checkout.started',
      properties: {
        checkoutToken: 'b2c3d4e5f6',
        abandonedCheckoutUrl: 'https://store.example.com/checkouts/b2c3d4e5f6/recover',
        orderId: '450789469',
        orderName: '#1001',
        currency: 'USD',
        totalPrice: 39.8,
        subtotalPrice: 39.8,
        itemCount: 2,
        lineItems,
        discountCodes: [],
      },
    },
    coupon: { code: 'WELCOME-7KQ2MZ', kind: 'percent', value: 10, expiresAt: '2030-01-01T00:00:00.000Z' },
    store: {
      name: 'Sample Store',
      url: 'https://store.example.com',
      reviewUrl: 'https://store.example.com/pages/reviews',
    },
    unsubscribeUrl: 'https://waypoint.example.com/u/sample',
    recommendations,
  };
}
