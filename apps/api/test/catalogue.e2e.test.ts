/**
 * The product catalogue through the real API (docs/product.md, "Products"): Shopify's
 * `products/create|update|delete` and `inventory_levels/update` deliveries kept as catalogue rows
 * (ids never seen stored, never a 500; a late older version changing nothing; deletion marked);
 * a restock and a price drop stored as `product.back_in_stock` / `product.price_dropped` once for
 * each customer who viewed or carted the product and has not ordered it since, routed so a journey
 * starts, and not again when Shopify replays the delivery; the catalogue API for other platforms.
 */
import type { JourneyDefinitionInput } from '@waypoint/journey';
import { publishJourney } from './support/journeys';
import { deliver, signedDelivery } from './support/shopify';
import { eventually, TestStack } from './support/test-stack';

const STORE_URL = 'https://shop.example.com';

let nextId = 9_100_000_000;

/** A products/create|update body as Shopify sends it (REST Admin API webhook payload). */
function shopifyProduct(
  id: number,
  variants: { id: number; price: string; stock: number | null; inventoryItemId: number }[],
  updatedAt: string,
): Record<string, unknown> {
  return {
    id,
    title: 'Ceramic Pour-Over Dripper',
    body_html: '<p>Brews one cup.</p>',
    vendor: 'Waypoint Roasters',
    product_type: 'Brewing',
    created_at: '2026-11-01T10:00:00+03:00',
    handle: 'pour-over-dripper',
    updated_at: updatedAt,
    published_at: '2026-11-01T10:00:00+03:00',
    template_suffix: null,
    published_scope: 'global',
    tags: 'brewing, ceramic',
    status: 'active',
    admin_graphql_api_id: `gid://shopify/Product/${id}`,
    variants: variants.map((v, position) => ({
      id: v.id,
      product_id: id,
      title: position === 0 ? 'White' : 'Black',
      price: v.price,
      sku: `DRIP-${position}`,
      position: position + 1,
      inventory_policy: 'deny',
      compare_at_price: '34.90',
      fulfillment_service: 'manual',
      inventory_management: v.stock === null ? null : 'shopify',
      option1: position === 0 ? 'White' : 'Black',
      option2: null,
      option3: null,
      created_at: '2026-11-01T10:00:00+03:00',
      updated_at: updatedAt,
      taxable: true,
      barcode: null,
      grams: 400,
      image_id: position === 0 ? id + 1 : null,
      weight: 0.4,
      weight_unit: 'kg',
      inventory_item_id: v.inventoryItemId,
      inventory_quantity: v.stock ?? 0,
      old_inventory_quantity: v.stock ?? 0,
      requires_shipping: true,
      admin_graphql_api_id: `gid://shopify/ProductVariant/${v.id}`,
    })),
    options: [{ id: id + 5, product_id: id, name: 'Colour', position: 1, values: ['White', 'Black'] }],
    images: [
      {
        id: id + 1,
        product_id: id,
        position: 1,
        alt: null,
        width: 800,
        height: 800,
        src: `https://cdn.shopify.com/s/files/1/dripper-white.jpg`,
        variant_ids: [variants[0]?.id],
        admin_graphql_api_id: `gid://shopify/ProductImage/${id + 1}`,
      },
    ],
    image: {
      id: id + 1,
      product_id: id,
      position: 1,
      src: `https://cdn.shopify.com/s/files/1/dripper-white.jpg`,
    },
  };
}

/** trigger(event) -> step -> exit */
function oneStep(
  event: string,
  step: { type: string; data: Record<string, unknown> },
): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.event', data: { event } },
      { id: 'step', ...step },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { source: 'trigger', target: 'step' },
      { source: 'step', target: 'done' },
    ],
    settings: { exitOn: [], reentry: { mode: 'after_exit' } },
  } as JourneyDefinitionInput;
}

describe('the product catalogue', () => {
  let stack: TestStack;
  let apiKey: string;

  const send = async (topic: string, payload: unknown, eventId?: string) => {
    const answer = await deliver(stack.baseUrl, signedDelivery(topic, payload, stack.shopifySecret, eventId));
    expect(answer.status).toBe(200);
    return answer.body.data as { status: string };
  };
  const postEvent = async (type: string, customer: string, properties: unknown, daysAgo = 0) => {
    const answer = await stack.request(
      'POST',
      '/v1/events',
      {
        type,
        customer: { id: customer, email: `${customer}@example.com` },
        properties,
        timestamp: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
      },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(answer.status).toBe(202);
  };
  const viewed = (customer: string, productId: string, daysAgo: number) =>
    postEvent('product.viewed', customer, { productId }, daysAgo);
  const triggered = (type: string, productId: string) =>
    stack.query<{ externalId: string; properties: Record<string, unknown>; routed: boolean }>(
      `SELECT c.external_id AS "externalId", e.properties,
              NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.event_id = e.id) AS routed
         FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE e.type = $1 AND e.properties->>'productId' = $2 ORDER BY c.external_id`,
      [type, productId],
    );

  beforeAll(async () => {
    stack = await new TestStack({ env: { STORE_URL, PRODUCT_INTEREST_DAYS: '30' } }).start();
    apiKey = await stack.apiKey('catalogue');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps products and variants from Shopify deliveries; an older version, a delete and unknown ids are handled', async () => {
    const id = nextId++;
    const created = shopifyProduct(
      id,
      [
        { id: id + 10, price: '29.90', stock: 4, inventoryItemId: id + 20 },
        { id: id + 11, price: '31.90', stock: null, inventoryItemId: id + 21 },
      ],
      '2026-11-20T10:00:00+03:00',
    );
    expect(await send('products/create', created)).toMatchObject({ status: 'accepted' });
    const read = await stack.request('GET', `/v1/catalogue/products/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({
      productId: String(id),
      title: 'Ceramic Pour-Over Dripper',
      handle: 'pour-over-dripper',
      url: `${STORE_URL}/products/pour-over-dripper`,
      image: 'https://cdn.shopify.com/s/files/1/dripper-white.jpg',
      status: 'active',
      deletedAt: null,
      variants: [
        {
          variantId: String(id + 10),
          title: 'White',
          price: 29.9,
          compareAtPrice: 34.9,
          stock: 4,
          image: 'https://cdn.shopify.com/s/files/1/dripper-white.jpg',
          deletedAt: null,
        },
        { variantId: String(id + 11), price: 31.9, stock: null, image: null, deletedAt: null },
      ],
    });

    // An update Shopify sent earlier arriving late changes nothing.
    const older = shopifyProduct(
      id,
      [{ id: id + 10, price: '9.90', stock: 0, inventoryItemId: id + 20 }],
      '2026-11-19T10:00:00+03:00',
    );
    expect(await send('products/update', older)).toMatchObject({ status: 'duplicate' });
    expect((await stack.request('GET', `/v1/catalogue/products/${id}`)).body.data.variants[0]).toMatchObject({
      price: 29.9,
      stock: 4,
    });

    // A newer version without the black variant marks it deleted.
    const newer = shopifyProduct(
      id,
      [{ id: id + 10, price: '29.90', stock: 4, inventoryItemId: id + 20 }],
      '2026-11-21T10:00:00+03:00',
    );
    expect(await send('products/update', newer)).toMatchObject({ status: 'accepted' });
    const [, black] = (await stack.request('GET', `/v1/catalogue/products/${id}`)).body.data.variants;
    expect(black.deletedAt).not.toBeNull();

    expect(await send('products/delete', { id })).toMatchObject({ status: 'accepted' });
    const deleted = (await stack.request('GET', `/v1/catalogue/products/${id}`)).body.data;
    expect(deleted.deletedAt).not.toBeNull();
    expect(deleted.variants.every((v: { deletedAt: string | null }) => v.deletedAt !== null)).toBe(true);

    // Ids never seen: stored, answered 200, never a 500.
    const unknown = nextId++;
    expect(await send('products/delete', { id: unknown })).toMatchObject({ status: 'accepted' });
    expect(
      (await stack.request('GET', `/v1/catalogue/products/${unknown}`)).body.data.deletedAt,
    ).not.toBeNull();
    const level = {
      inventory_item_id: nextId++,
      location_id: 655441491,
      available: 7,
      updated_at: '2026-11-21T10:00:00+03:00',
      admin_graphql_api_id: 'gid://shopify/InventoryLevel/655441491?inventory_item_id=1',
    };
    expect(await send('inventory_levels/update', level)).toMatchObject({ status: 'accepted' });
    expect(
      await stack.query(`SELECT available FROM inventory_levels WHERE inventory_item_id = $1`, [
        String(level.inventory_item_id),
      ]),
    ).toEqual([{ available: 7 }]);
    // A payload of the wrong shape is a dead letter, answered 200 so Shopify stops retrying.
    expect(await send('inventory_levels/update', { ...level, location_id: { id: 1 } })).toMatchObject({
      status: 'dead_lettered',
    });
  });

  it('a restock and a price drop reach the customers who wanted the product, once each, and start their journeys', async () => {
    await publishJourney(
      stack,
      'Back in stock (test)',
      oneStep('product.back_in_stock', { type: 'wait.delay', data: { duration: '7d' } }),
    );
    const id = nextId++;
    const productId = String(id);
    const item = id + 20;
    await send(
      'products/create',
      shopifyProduct(
        id,
        [{ id: id + 10, price: '29.90', stock: 0, inventoryItemId: item }],
        '2026-11-20T10:00:00+03:00',
      ),
    );
    const tag = `cat-${id}`;
    await viewed(`${tag}-viewer`, productId, 2);
    await viewed(`${tag}-long-ago`, productId, 45);
    await viewed(`${tag}-other`, 'another-product', 1);
    await postEvent('cart.updated', `${tag}-carter`, {
      lineItems: [{ productId, variantId: String(id + 10), quantity: 1 }],
    });
    // Viewed, then ordered it: not told it is back.
    await viewed(`${tag}-buyer`, productId, 3);
    await postEvent('order.placed', `${tag}-buyer`, {
      orderId: `o-${id}`,
      totalPrice: 29.9,
      lineItems: [{ productId, quantity: 1, price: 29.9 }],
    });

    const restock = {
      inventory_item_id: item,
      location_id: 655441491,
      available: 5,
      updated_at: '2026-11-22T10:00:00+03:00',
      admin_graphql_api_id: `gid://shopify/InventoryLevel/655441491?inventory_item_id=${item}`,
    };
    expect(await send('inventory_levels/update', restock, `restock-${id}`)).toMatchObject({
      status: 'accepted',
    });
    const back = await triggered('product.back_in_stock', productId);
    expect(back.map((e) => e.externalId)).toEqual([`${tag}-carter`, `${tag}-viewer`]);
    expect(back[0].properties).toEqual({
      productId,
      variantId: String(id + 10),
      title: 'Ceramic Pour-Over Dripper',
      url: `${STORE_URL}/products/pour-over-dripper`,
      image: 'https://cdn.shopify.com/s/files/1/dripper-white.jpg',
      price: 29.9,
    });

    // Shopify replays the delivery, and a products/update reports the same stock: nothing more.
    expect(await send('inventory_levels/update', restock, `restock-${id}`)).toMatchObject({
      status: 'accepted',
    });
    await send(
      'products/update',
      shopifyProduct(
        id,
        [{ id: id + 10, price: '29.90', stock: 5, inventoryItemId: item }],
        '2026-11-22T10:00:00+03:00',
      ),
    );
    expect(await triggered('product.back_in_stock', productId)).toHaveLength(2);

    // The router starts the back-in-stock journey for both.
    await eventually(async () => {
      const runs = await stack.query<{ externalId: string }>(
        `SELECT c.external_id AS "externalId" FROM runs r JOIN customers c ON c.id = r.customer_id
          JOIN journeys j ON j.id = r.journey_id
         WHERE j.name = 'Back in stock (test)' AND c.external_id LIKE $1 ORDER BY 1`,
        [`${tag}-%`],
      );
      return runs.length === 2 ? runs : undefined;
    }, 'back-in-stock runs for the viewer and the carter');

    const cheaper = shopifyProduct(
      id,
      [{ id: id + 10, price: '24.90', stock: 5, inventoryItemId: item }],
      '2026-11-23T10:00:00+03:00',
    );
    await send('products/update', cheaper, `drop-${id}`);
    await send('products/update', cheaper, `drop-${id}`);
    const dropped = await triggered('product.price_dropped', productId);
    expect(dropped.map((e) => e.externalId)).toEqual([`${tag}-carter`, `${tag}-viewer`]);
    expect(dropped[0].properties).toMatchObject({ productId, price: 24.9, previousPrice: 29.9, drop: 5 });
    await eventually(
      async () =>
        (await triggered('product.price_dropped', productId)).every((e) => e.routed) ? true : undefined,
      'the price drops routed',
    );
  });

  it('takes products from other platforms by API key, with a clear 400 for bad input', async () => {
    const body = {
      title: 'Filter Papers (100)',
      handle: 'filter-papers',
      image: 'https://cdn.example.com/papers.jpg',
      variants: [{ id: 'papers-100', price: 4.5, stock: 12, sku: 'PAP-100' }],
    };
    const key = { authorization: `Bearer ${apiKey}` };
    const saved = await stack.request('PUT', '/v1/catalogue/products/papers', body, key);
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({
      productId: 'papers',
      url: `${STORE_URL}/products/filter-papers`,
      variants: [{ variantId: 'papers-100', price: 4.5, stock: 12, sku: 'PAP-100', deletedAt: null }],
    });

    const bad = async (change: Record<string, unknown>, field: string) => {
      const answer = await stack.request('PUT', '/v1/catalogue/products/papers', { ...body, ...change }, key);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
      expect(answer.body.error.message).toContain(field);
    };
    await bad({ variants: [{ id: 'papers-100', price: -1 }] }, 'variants');
    await bad(
      {
        variants: [
          { id: 'a', price: 1 },
          { id: 'a', price: 2 },
        ],
      },
      'variants',
    );
    await bad({ image: 'javascript:alert(1)' }, 'image');
    await bad({ status: 'sold' }, 'status');
    // Nothing changed by the refused writes.
    expect((await stack.request('GET', '/v1/catalogue/products/papers')).body.data.variants).toEqual([
      expect.objectContaining({ variantId: 'papers-100', price: 4.5, stock: 12 }),
    ]);
    // A person's session is not an API key.
    expect((await stack.request('PUT', '/v1/catalogue/products/papers', body)).status).toBe(403);
    expect((await stack.request('GET', '/v1/catalogue/products/no-such-product')).status).toBe(404);
  });
  it('shows order lines with their catalogue image and URL, and bought-together recommendations, in a sent email', async () => {
    const key = { authorization: `Bearer ${apiKey}` };
    const put = (id: string, title: string, image: string) =>
      stack.request(
        'PUT',
        `/v1/catalogue/products/${id}`,
        { title, handle: id, image, variants: [{ id: `${id}-1`, price: 12.5, stock: 3 }] },
        key,
      );
    expect((await put('mug', 'Enamel Mug', 'https://cdn.example.com/mug.jpg')).status).toBe(200);
    expect((await put('beans', 'Ethiopia Beans', 'https://cdn.example.com/beans.jpg')).status).toBe(200);
    // The daily sweep's pairs (its SQL is tested in libs/data/test/catalogue.test.ts).
    await stack.query(
      `INSERT INTO product_pairs (product_id, other_product_id, orders) VALUES ('mug', 'beans', 3)`,
    );
    const saved = await stack.request('PUT', '/v1/templates/email/catalogue-lines', {
      source:
        '---\nlayout: default\nsubject: Your order\n---\n' +
        '{{#each event.properties.lineItems}}<img src="{{image}}" alt="{{title}}"><span>{{url}}</span>{{/each}}' +
        '{{#each recommendations}}<p>Also: {{title}} <img src="{{image}}"></p>{{/each}}',
    });
    expect(saved.status).toBe(200);
    await publishJourney(
      stack,
      'Catalogue lines (test)',
      oneStep('order.placed', { type: 'send.email', data: { template: 'catalogue-lines' } }),
    );
    const buyer = `lines-${nextId++}`;
    await postEvent('order.placed', buyer, {
      orderId: `o-${buyer}`,
      totalPrice: 12.5,
      lineItems: [{ productId: 'mug', variantId: 'mug-1', title: 'Enamel Mug', quantity: 1, price: 12.5 }],
    });
    const html = await eventually(async () => {
      const [message] = await stack.query<{ html: string }>(
        `SELECT m.body_html AS html FROM messages m JOIN customers c ON c.id = m.customer_id
          WHERE c.external_id = $1 AND m.template = 'catalogue-lines'`,
        [buyer],
      );
      return message?.html ?? undefined;
    }, 'the order email');
    expect(html).toContain(
      `<img src="https://cdn.example.com/mug.jpg" alt="Enamel Mug"><span>${STORE_URL}/products/mug</span>`,
    );
    expect(html).toContain('Also: Ethiopia Beans <img src="https://cdn.example.com/beans.jpg">');
  });
});
