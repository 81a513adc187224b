import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOPIFY_PAYLOADS, SHOPIFY_TOPICS, ShopifyPayloadError } from './shopify-topics';

const receivedAt = new Date('2026-03-25T08:00:00.000Z');

function fixture(name: string): Record<string, any> {
  return JSON.parse(
    readFileSync(join(__dirname, '../../../../apps/api/test/fixtures/shopify', name), 'utf8'),
  );
}

function map(topic: 'fulfillments/create' | 'fulfillments/update', payload: Record<string, unknown>) {
  const parsed = SHOPIFY_PAYLOADS[topic].parse(payload);
  return SHOPIFY_TOPICS[topic](parsed, receivedAt);
}

describe('Shopify fulfillments', () => {
  it('fulfillments/create is order.shipped with the tracking link, number and carrier, filed under the order', () => {
    expect(map('fulfillments/create', fixture('fulfillments-create.json'))).toEqual({
      type: 'order.shipped',
      occurredAt: new Date('2026-03-22T13:14:05.000Z'),
      properties: {
        orderId: '5601239847123',
        fulfillmentId: '4820371226779',
        fulfillmentName: '#1001.1',
        trackingUrl: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345A67890123456',
        trackingNumber: '1Z2345A67890123456',
        carrier: 'UPS',
        shipmentStatus: null,
        lineItems: [
          {
            productId: '632910392',
            variantId: '808950810',
            sku: 'COFFEE-1KG',
            title: 'Organic Coffee 1 kg',
            variantTitle: 'Whole bean',
            quantity: 2,
            price: 19.9,
          },
        ],
        itemCount: 2,
      },
      // Not the destination's name or phone: a gift's recipient is not the customer.
      customer: { email: 'ava.fischer@example.com' },
      customerOfOrder: '5601239847123',
    });
  });

  it('reads the first of tracking_urls / tracking_numbers when the single fields are empty', () => {
    const payload = {
      ...fixture('fulfillments-create.json'),
      tracking_url: null,
      tracking_number: '',
      tracking_company: null,
    };
    expect(map('fulfillments/create', payload)?.properties).toMatchObject({
      trackingUrl: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345A67890123456',
      trackingNumber: '1Z2345A67890123456',
      carrier: null,
    });
  });

  it('fulfillments/update with shipment_status delivered is order.delivered at the update time', () => {
    expect(map('fulfillments/update', fixture('fulfillments-update.json'))).toEqual({
      type: 'order.delivered',
      occurredAt: new Date('2026-03-24T19:42:10.000Z'),
      properties: {
        orderId: '5601239847123',
        fulfillmentId: '4820371226779',
        fulfillmentName: '#1001.1',
        deliveredAt: '2026-03-24T19:42:10.000Z',
        trackingNumber: '1Z2345A67890123456',
        carrier: 'UPS',
      },
      customer: { email: 'ava.fischer@example.com' },
      customerOfOrder: '5601239847123',
    });
  });

  it.each(['in_transit', 'out_for_delivery', 'attempted_delivery', 'failure', null])(
    'fulfillments/update with shipment_status %s is no event',
    (status) => {
      const payload = { ...fixture('fulfillments-update.json'), shipment_status: status };
      expect(map('fulfillments/update', payload)).toBeNull();
    },
  );

  it('refuses a fulfillment without its order id, naming the field', () => {
    const { order_id: _order, ...payload } = fixture('fulfillments-create.json');
    expect(SHOPIFY_PAYLOADS['fulfillments/create'].safeParse(payload).success).toBe(false);
    try {
      SHOPIFY_TOPICS['fulfillments/create'](payload, receivedAt);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ShopifyPayloadError);
      expect((error as ShopifyPayloadError).field).toBe('order_id');
    }
  });
});
