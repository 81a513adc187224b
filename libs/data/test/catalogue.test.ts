/**
 * The catalogue's SQL in a real PostgreSQL (docs/product.md, "Products"): products and variants
 * kept as the store last described them (an older version changes nothing), restocks and price
 * drops answered once, stock summed over inventory levels (an unknown item stored), deletion
 * marked; trigger events for exactly the customers who wanted the product within the window and
 * have not ordered it since, once per change however often it is replayed; and "bought together"
 * recommendations from a small known set of orders.
 */
import 'reflect-metadata';
import { TestDatabase } from '@waypoint/testing';
import {
  markProductDeleted,
  saveCatalogueProduct,
  saveInventoryLevel,
  type CatalogueProductInput,
} from '../src/catalogue/catalogue.queries';
import { emitProductInterestEvents } from '../src/catalogue/product-interest.queries';
import { recommendationsFor, refreshProductPairs } from '../src/catalogue/recommendations.queries';

const DAY = 86_400_000;

describe('the product catalogue', () => {
  const db = new TestDatabase();
  const q = (sql: string, params: unknown[]) => db.query(sql, params);
  const now = new Date('2026-12-01T12:00:00Z');
  let nextEvent = 0;

  const customer = async () =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO customers (email) VALUES (gen_random_uuid() || '@example.com') RETURNING id`,
        [],
      )
    )[0].id;
  const event = (customerId: string, type: string, properties: unknown, daysAgo: number) =>
    db.query(
      `INSERT INTO events (idempotency_key, type, customer_id, source, properties, occurred_at)
       VALUES ($1, $2, $3, 'test', $4, $5)`,
      [
        `catalogue-test-${nextEvent++}`,
        type,
        customerId,
        JSON.stringify(properties),
        new Date(now.getTime() - daysAgo * DAY),
      ],
    );
  const product = (id: string, overrides: Partial<CatalogueProductInput> = {}): CatalogueProductInput => ({
    productId: id,
    title: `Product ${id}`,
    handle: `product-${id}`,
    url: `https://store.example.com/products/product-${id}`,
    imageUrl: `https://cdn.example.com/${id}.jpg`,
    status: 'active',
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    variants: [
      {
        variantId: `${id}-v1`,
        title: 'One',
        sku: null,
        price: 100,
        compareAtPrice: null,
        stock: 5,
        inventoryItemId: `${id}-item`,
        imageUrl: null,
      },
    ],
    ...overrides,
  });
  const variant = (id: string, fields: Partial<CatalogueProductInput['variants'][number]>) => ({
    ...product(id).variants[0],
    ...fields,
  });

  beforeAll(() => db.create());
  afterAll(() => db.drop());

  it('keeps a product and its variants, ignores an older version, and answers a restock and a price drop once', async () => {
    const first = await saveCatalogueProduct(q, product('p1', { variants: [variant('p1', { stock: 0 })] }));
    expect(first).toEqual({ applied: true, changes: [] });
    const [row] = await db.query(
      `SELECT title, handle, url, image_url, status, deleted_at FROM products WHERE product_id = 'p1'`,
      [],
    );
    expect(row).toMatchObject({
      title: 'Product p1',
      handle: 'product-p1',
      status: 'active',
      deleted_at: null,
    });

    const restocked = product('p1', {
      updatedAt: new Date('2026-11-02T00:00:00Z'),
      variants: [variant('p1', { stock: 3, price: 80 })],
    });
    expect((await saveCatalogueProduct(q, restocked)).changes).toEqual([
      { productId: 'p1', variantId: 'p1-v1', previousStock: 0, stock: 3, previousPrice: 100, price: 80 },
    ]);
    // The same version again (a replay) finds nothing changed.
    expect(await saveCatalogueProduct(q, restocked)).toEqual({ applied: true, changes: [] });
    // An older version arriving late changes nothing.
    const stale = product('p1', {
      updatedAt: new Date('2026-11-01T12:00:00Z'),
      variants: [variant('p1', { stock: 0 })],
    });
    expect(await saveCatalogueProduct(q, stale)).toEqual({ applied: false, changes: [] });
    const [kept] = await db.query(
      `SELECT stock, price::float AS price FROM product_variants WHERE variant_id = 'p1-v1'`,
      [],
    );
    expect(kept).toEqual({ stock: 3, price: 80 });
  });

  it('marks variants left out, and a deleted product, deleted without removing them; an unknown product is stored deleted', async () => {
    await saveCatalogueProduct(
      q,
      product('p2', {
        variants: [variant('p2', {}), { ...variant('p2', {}), variantId: 'p2-v2', inventoryItemId: null }],
      }),
    );
    await saveCatalogueProduct(q, product('p2', { updatedAt: new Date('2026-11-03T00:00:00Z') }));
    const variants = await db.query<{ variant_id: string; gone: boolean }>(
      `SELECT variant_id, deleted_at IS NOT NULL AS gone FROM product_variants WHERE product_id = 'p2' ORDER BY variant_id`,
      [],
    );
    expect(variants).toEqual([
      { variant_id: 'p2-v1', gone: false },
      { variant_id: 'p2-v2', gone: true },
    ]);
    expect(await markProductDeleted(q, 'p2', now)).toBe(true);
    expect(await markProductDeleted(q, 'p2', now)).toBe(false);
    expect(await markProductDeleted(q, 'never-seen', now)).toBe(true);
    const rows = await db.query<{ product_id: string; deleted: boolean; live_variants: number }>(
      `SELECT p.product_id, p.deleted_at IS NOT NULL AS deleted,
              (SELECT count(*)::int FROM product_variants v WHERE v.product_id = p.product_id AND v.deleted_at IS NULL) AS live_variants
         FROM products p WHERE p.product_id IN ('p2', 'never-seen') ORDER BY p.product_id`,
      [],
    );
    expect(rows).toEqual([
      { product_id: 'never-seen', deleted: true, live_variants: 0 },
      { product_id: 'p2', deleted: true, live_variants: 0 },
    ]);
  });

  it('sums inventory levels per item into the variant stock; a level for an unknown item is stored and changes nothing else', async () => {
    await saveCatalogueProduct(q, product('p3', { variants: [variant('p3', { stock: 0 })] }));
    const level = (location: string, available: number, at: string) => ({
      inventoryItemId: 'p3-item',
      locationId: location,
      available,
      updatedAt: new Date(at),
    });
    expect((await saveInventoryLevel(q, level('L1', 0, '2026-11-05T00:00:00Z'))).changes).toEqual([]);
    expect((await saveInventoryLevel(q, level('L2', 4, '2026-11-05T00:00:00Z'))).changes).toEqual([
      { productId: 'p3', variantId: 'p3-v1', previousStock: 0, stock: 4, previousPrice: 100, price: 100 },
    ]);
    expect(await saveInventoryLevel(q, level('L2', 0, '2026-11-04T00:00:00Z'))).toEqual({
      applied: false,
      changes: [],
    });
    const unknown = await saveInventoryLevel(q, {
      inventoryItemId: 'no-such-item',
      locationId: 'L1',
      available: 9,
      updatedAt: null,
    });
    expect(unknown).toEqual({ applied: true, changes: [] });
    expect(
      await db.query(`SELECT available FROM inventory_levels WHERE inventory_item_id = 'no-such-item'`, []),
    ).toEqual([{ available: 9 }]);
  });

  it('emits a trigger for each customer who viewed or carted the product within the window and has not ordered it since, once', async () => {
    const [viewer, carter, longAgo, boughtSince, otherProduct, boughtBefore] = [
      await customer(),
      await customer(),
      await customer(),
      await customer(),
      await customer(),
      await customer(),
    ];
    await event(viewer, 'product.viewed', { productId: 'p9' }, 2);
    await event(
      carter,
      'cart.updated',
      { lineItems: [{ productId: 'other' }, { productId: 'p9', quantity: 1 }] },
      3,
    );
    await event(longAgo, 'product.viewed', { productId: 'p9' }, 40);
    await event(boughtSince, 'checkout.started', { lineItems: [{ productId: 'p9' }] }, 5);
    await event(boughtSince, 'order.placed', { orderId: 'o-1', lineItems: [{ productId: 'p9' }] }, 4);
    await event(otherProduct, 'product.viewed', { productId: 'p8' }, 1);
    await event(boughtBefore, 'order.placed', { orderId: 'o-2', lineItems: [{ productId: 'p9' }] }, 6);
    await event(boughtBefore, 'product.viewed', { productId: 'p9' }, 1);

    const change = {
      type: 'product.back_in_stock',
      productId: 'p9',
      key: 'catalogue:product.back_in_stock:p9:p9-v1:2026-12-01T12:00:00.000Z',
      properties: {
        productId: 'p9',
        variantId: 'p9-v1',
        title: 'Product p9',
        url: null,
        image: null,
        price: 10,
      },
    };
    const input = { since: new Date(now.getTime() - 30 * DAY), at: now, source: 'waypoint:catalogue' };
    const ids = await emitProductInterestEvents(q, [change], input);
    expect(ids).toHaveLength(3);
    const emitted = await db.query<{ customer_id: string; properties: unknown }>(
      `SELECT customer_id, properties FROM events WHERE type = 'product.back_in_stock' ORDER BY customer_id`,
      [],
    );
    expect(emitted.map((e) => e.customer_id).sort()).toEqual([viewer, carter, boughtBefore].sort());
    expect(emitted[0].properties).toEqual(change.properties);
    // Replayed: nothing more.
    expect(await emitProductInterestEvents(q, [change], input)).toEqual([]);
    // A later change of the same product is a new event for the same people.
    expect(
      await emitProductInterestEvents(q, [{ ...change, key: `${change.key}:again` }], input),
    ).toHaveLength(3);
  });

  it('recommends products bought together with what the customer bought, never bought, deleted or out of stock ones', async () => {
    const [buyer, other] = [await customer(), await customer()];
    const order = (who: string, id: string, products: string[], daysAgo = 10) =>
      event(
        who,
        'order.placed',
        { orderId: id, lineItems: products.map((productId) => ({ productId, quantity: 1 })) },
        daysAgo,
      );
    await order(other, 'r-1', ['tea', 'pot', 'cups']);
    await order(other, 'r-2', ['tea', 'pot']);
    await order(other, 'r-3', ['tea', 'cups', 'honey']);
    await order(other, 'r-4', ['tea', 'gone']);
    await order(other, 'r-5', ['tea', 'empty']);
    await order(other, 'r-6', ['tea', 'old'], 400);
    await event(other, 'order.cancelled', { orderId: 'r-3' }, 9);
    await order(buyer, 'r-7', ['tea', 'cups'], 1);
    for (const id of ['tea', 'pot', 'cups', 'honey', 'gone', 'empty', 'old'])
      await saveCatalogueProduct(
        q,
        product(id, { variants: [variant(id, { stock: id === 'empty' ? 0 : 5, price: 10 })] }),
      );
    await markProductDeleted(q, 'gone', now);

    expect(await refreshProductPairs(q, now)).toBeGreaterThan(0);
    const pairs = await db.query(
      `SELECT other_product_id AS other, orders FROM product_pairs WHERE product_id = 'tea' ORDER BY orders DESC, other`,
      [],
    );
    // r-3 was cancelled and r-6 is older than a year; the buyer's own r-7 counts like any order.
    expect(pairs).toEqual(
      [
        { other: 'pot', orders: 2 },
        { other: 'cups', orders: 2 },
        { other: 'empty', orders: 1 },
        { other: 'gone', orders: 1 },
      ].sort((a, b) => b.orders - a.orders || a.other.localeCompare(b.other)),
    );

    const recommended = await recommendationsFor(q, buyer, { alsoHas: [], limit: 4 });
    expect(recommended).toEqual([
      {
        productId: 'pot',
        variantId: 'pot-v1',
        title: 'Product pot',
        url: 'https://store.example.com/products/product-pot',
        image: 'https://cdn.example.com/pot.jpg',
        price: 10,
        compareAtPrice: null,
      },
    ]);
    // What the cart holds is not recommended either.
    expect(await recommendationsFor(q, buyer, { alsoHas: ['pot'], limit: 4 })).toEqual([]);
  });
});
