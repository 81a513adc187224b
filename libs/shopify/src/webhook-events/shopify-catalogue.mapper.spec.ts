import { shopifyProductPayload } from '@waypoint/contract';
import {
  catalogueInventoryLevel,
  catalogueProduct,
  catalogueProductDeleted,
} from './shopify-catalogue.mapper';
import { ShopifyPayloadError } from './shopify-payload.error';

const product = {
  id: 632910392,
  title: 'IPod Nano - 8GB',
  handle: 'ipod-nano',
  status: 'active',
  updated_at: '2026-11-20T10:00:00-05:00',
  variants: [
    {
      id: 808950810,
      product_id: 632910392,
      title: 'Pink',
      price: '199.00',
      compare_at_price: '249.00',
      sku: 'IPOD2008PINK',
      inventory_item_id: 808950810,
      inventory_quantity: 10,
      inventory_management: 'shopify',
      inventory_policy: 'deny',
      image_id: 562641783,
    },
    {
      id: 49148385,
      product_id: 632910392,
      title: 'Red',
      price: '199.00',
      compare_at_price: null,
      sku: 'IPOD2008RED',
      inventory_item_id: 49148385,
      inventory_quantity: 0,
      inventory_management: 'shopify',
      inventory_policy: 'continue',
      image_id: null,
    },
    {
      id: 39072856,
      product_id: 632910392,
      title: 'Green',
      price: '199.00',
      inventory_quantity: 5,
      inventory_management: null,
    },
  ],
  images: [{ id: 562641783, src: 'https://cdn.shopify.com/s/files/1/ipod-nano-pink.png' }],
  image: { id: 850703190, src: 'https://cdn.shopify.com/s/files/1/ipod-nano.png' },
};

describe('the Shopify catalogue topics', () => {
  it('read a product with its variants, prices, stock (untracked or oversellable: no limit) and images', () => {
    const mapped = catalogueProduct(shopifyProductPayload.parse(product));
    expect(mapped).toEqual({
      kind: 'product',
      product: {
        productId: '632910392',
        title: 'IPod Nano - 8GB',
        handle: 'ipod-nano',
        url: null,
        imageUrl: 'https://cdn.shopify.com/s/files/1/ipod-nano.png',
        status: 'active',
        updatedAt: new Date('2026-11-20T15:00:00Z'),
        variants: [
          {
            variantId: '808950810',
            title: 'Pink',
            sku: 'IPOD2008PINK',
            price: 199,
            compareAtPrice: 249,
            stock: 10,
            inventoryItemId: '808950810',
            imageUrl: 'https://cdn.shopify.com/s/files/1/ipod-nano-pink.png',
          },
          expect.objectContaining({
            variantId: '49148385',
            stock: null,
            compareAtPrice: null,
            imageUrl: null,
          }),
          expect.objectContaining({ variantId: '39072856', stock: null, inventoryItemId: null }),
        ],
      },
    });
  });

  it('refuse a price that is not an amount, naming the field', () => {
    const bad = { ...product, variants: [{ ...product.variants[0], price: '12,50' }] };
    expect(() => catalogueProduct(bad)).toThrow(ShopifyPayloadError);
    expect(() => catalogueProduct(bad)).toThrow('variants[0].price');
  });

  it('read a delete and an inventory level', () => {
    expect(catalogueProductDeleted({ id: 632910392 })).toEqual({
      kind: 'product_deleted',
      productId: '632910392',
    });
    expect(
      catalogueInventoryLevel({
        inventory_item_id: 808950810,
        location_id: 905684977,
        available: 6,
        updated_at: '2026-11-21T10:00:00-05:00',
      }),
    ).toEqual({
      kind: 'inventory_level',
      level: {
        inventoryItemId: '808950810',
        locationId: '905684977',
        available: 6,
        updatedAt: new Date('2026-11-21T15:00:00Z'),
      },
    });
  });
});
