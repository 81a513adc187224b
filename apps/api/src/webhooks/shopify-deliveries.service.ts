/**
 * A signed Shopify delivery, after its signature was checked: its topic mapped to a canonical
 * event and stored once (by X-Shopify-Event-Id, else X-Shopify-Webhook-Id). A payload that can
 * never become an event (not JSON, NUL characters, a field of the wrong type, no customer named)
 * is kept as a dead letter and answered 200: Shopify retries every other answer for hours, then
 * warns about the subscription and may remove it. Catalogue topics (products, inventory levels)
 * name no customer: they go to the catalogue instead (catalogue/catalogue.service.ts).
 */
import { Injectable, Logger } from '@nestjs/common';
import { describeIssues, type ShopifyDeliveryAnswer } from '@waypoint/contract';
import { customerOfOrder, Database, isRefusedData } from '@waypoint/data';
import { CatalogueService } from '../catalogue/catalogue.service';
import { EventIngestionService } from '../events/event-ingestion.service';
import {
  SHOPIFY_CATALOGUE_TOPICS,
  SHOPIFY_PAYLOADS,
  SHOPIFY_TOPICS,
  ShopifyPayloadError,
  type CatalogueWriteInput,
  type MappedShopifyEvent,
} from '@waypoint/shopify';
import { WebhookDeadLetters } from './webhook-dead-letters.service';
import { readJsonPayload } from './webhook-payload';

export interface ShopifyDelivery {
  rawBody: Buffer;
  topic: string | undefined;
  eventId: string | undefined;
  webhookId: string | undefined;
  shop: string | undefined;
}

/** Longest delivery id an event's idempotency key is made from. */
const MAX_DELIVERY_ID = 200;

@Injectable()
export class ShopifyDeliveries {
  private readonly logger = new Logger(ShopifyDeliveries.name);

  constructor(
    private readonly ingestion: EventIngestionService,
    private readonly deadLetters: WebhookDeadLetters,
    private readonly db: Database,
    private readonly catalogue: CatalogueService,
  ) {}

  async receive(delivery: ShopifyDelivery): Promise<ShopifyDeliveryAnswer> {
    const { topic, shop } = delivery;
    const catalogueTopic = topic ? SHOPIFY_CATALOGUE_TOPICS[topic] : undefined;
    if (topic && catalogueTopic) return this.receiveCatalogue(delivery, topic, catalogueTopic);
    const mapper = topic ? SHOPIFY_TOPICS[topic] : undefined;
    if (!topic || !mapper) {
      // Shopify retries anything but 2xx; an unsubscribed topic is acknowledged and dropped.
      this.logger.log(`ignored Shopify topic "${topic ?? '(none)'}" from ${shop ?? 'unknown shop'}`);
      return { status: 'ignored', topic };
    }
    const deliveryId = delivery.eventId ?? delivery.webhookId;
    const refuse = (reason: string) => this.deadLetter(delivery, topic, deliveryId, reason);
    const body = readJsonPayload(delivery.rawBody);
    if (!body.ok) return refuse(body.reason);
    if (!deliveryId) return refuse('X-Shopify-Event-Id or X-Shopify-Webhook-Id is required');
    if (deliveryId.length > MAX_DELIVERY_ID)
      return refuse(`X-Shopify-Event-Id is longer than ${MAX_DELIVERY_ID} characters`);
    const payload = SHOPIFY_PAYLOADS[topic].safeParse(body.value);
    if (!payload.success) return refuse(describeIssues(payload.error));
    let mapped;
    try {
      mapped = mapper(payload.data, new Date());
    } catch (error) {
      if (error instanceof ShopifyPayloadError) return refuse(`${error.field}: ${error.message}`);
      throw error;
    }
    // A fulfillment update that is not a delivery (in transit, out for delivery) is no event.
    if (!mapped) return { status: 'ignored', topic };
    const { customerOfOrder: orderId, ...event } = mapped;
    if (orderId) event.customer = await this.orderCustomer(orderId, event.customer);
    if (!event.customer.externalId && !event.customer.email && !event.customer.phone)
      return refuse(`order_id: order ${orderId} is unknown here and the payload names no email`);
    try {
      const accepted = await this.ingestion.ingest({
        ...event,
        optIns: event.properties.acceptsSmsMarketing === true ? ['sms'] : [],
        idempotencyKey: `shopify:${deliveryId}`,
        source: shop ? `shopify:${shop}` : 'shopify',
      });
      return { status: accepted.duplicate ? 'duplicate' : 'accepted', eventId: accepted.eventId };
    } catch (error) {
      // Values PostgreSQL refuses will be refused on every retry; anything else (the database
      // being away) is worth Shopify's retry, so it stays an error.
      if (isRefusedData(error)) return refuse(`PostgreSQL refused the event: ${(error as Error).message}`);
      throw error;
    }
  }

  /**
   * The customer who placed the order, as the stored order events name them; an order not seen
   * here (its webhook not yet arrived, or placed before the store was connected) is filed by
   * the order's email the fulfillment carries.
   */
  private async orderCustomer(
    orderId: string,
    carried: MappedShopifyEvent['customer'],
  ): Promise<MappedShopifyEvent['customer']> {
    const known = await customerOfOrder(this.db.query, orderId);
    if (!known) return carried;
    return { externalId: known.external_id, email: known.email, phone: known.phone };
  }

  /**
   * A product or inventory delivery: stored in the catalogue (`accepted`), or `duplicate` when the
   * catalogue already holds this version or a newer one. Replays change nothing and emit nothing.
   */
  private async receiveCatalogue(
    delivery: ShopifyDelivery,
    topic: string,
    handler: (typeof SHOPIFY_CATALOGUE_TOPICS)[string],
  ): Promise<ShopifyDeliveryAnswer> {
    const refuse = (reason: string) =>
      this.deadLetter(delivery, topic, delivery.eventId ?? delivery.webhookId, reason);
    const body = readJsonPayload(delivery.rawBody);
    if (!body.ok) return refuse(body.reason);
    const payload = handler.payload.safeParse(body.value);
    if (!payload.success) return refuse(describeIssues(payload.error));
    let write: CatalogueWriteInput;
    try {
      write = handler.map(payload.data);
    } catch (error) {
      if (error instanceof ShopifyPayloadError) return refuse(`${error.field}: ${error.message}`);
      throw error;
    }
    try {
      const outcome = await this.catalogue.apply(
        write,
        delivery.shop ? `shopify:${delivery.shop}` : 'shopify',
      );
      return { status: outcome.applied ? 'accepted' : 'duplicate', topic };
    } catch (error) {
      if (isRefusedData(error)) return refuse(`PostgreSQL refused the delivery: ${(error as Error).message}`);
      throw error;
    }
  }

  private async deadLetter(
    delivery: ShopifyDelivery,
    topic: string,
    deliveryId: string | undefined,
    reason: string,
  ): Promise<ShopifyDeliveryAnswer> {
    await this.deadLetters.keep({
      provider: 'shopify',
      topic,
      deliveryId,
      reason,
      rawBody: delivery.rawBody,
    });
    return { status: 'dead_lettered', topic, reason };
  }
}
