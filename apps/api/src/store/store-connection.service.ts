/**
 * The store connection's rules: who the engine is connected to (the settings page's row, else
 * the environment's SHOPIFY_SHOP/SHOPIFY_ADMIN_TOKEN, else none), connecting (credentials checked
 * with the shop before anything is stored, then sealed with APP_SECRET and never answered; the
 * webhooks registered idempotently), testing (the shop and its webhooks read again) and
 * disconnecting. Connect and disconnect are audited and reach the process's ConnectedStore at once.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { ConnectStore, StoreConnection, StoreWebhook, StoreWebhookState } from '@waypoint/contract';
import {
  Database,
  deleteStoreConnection,
  findStoreConnection,
  recordStoreCheck,
  saveStoreConnection,
  type StoreConnectionRow,
  type StoredStoreWebhook,
} from '@waypoint/data';
import { ConnectedStore, seal, shopDomain, storeCredentials, type ShopInfo } from '@waypoint/shopify';
import { AuditLog } from '../audit/audit-log.service';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { checkClient, normalisedShop, readWebhooks, registerWebhooks, storeRefusal } from './store-check';
import { deliveryTopic, mappedWebhookTopics } from './store-webhook-topics';

@Injectable()
export class StoreConnectionService {
  private readonly logger = new Logger('StoreConnection');

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly connectedStore: ConnectedStore,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Where Shopify delivers this engine's webhooks. */
  get webhookUrl(): string {
    return `${this.env.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/shopify`;
  }

  async status(): Promise<StoreConnection> {
    const row = await findStoreConnection(this.db.query);
    return row ? this.fromRow(row) : this.fromEnvironment();
  }

  async connect(input: ConnectStore, by: Principal | undefined): Promise<StoreConnection> {
    const shop = normalisedShop(input.shop);
    const admin = checkClient({
      shop,
      accessToken: input.adminToken,
      apiVersion: this.env.SHOPIFY_API_VERSION,
      apiUrl: this.env.SHOPIFY_API_URL,
    });
    let info: ShopInfo;
    try {
      info = await admin.shopInfo();
    } catch (error) {
      throw storeRefusal(error, shop);
    }
    const { webhooks, created } = await registerWebhooks(admin, this.webhookUrl, mappedWebhookTopics());
    const actor = actorOf(by);
    await this.db.transaction(async (query) => {
      await saveStoreConnection(query, {
        shop,
        adminTokenSealed: seal(this.env.APP_SECRET, input.adminToken),
        webhookSecretSealed: input.webhookSecret ? seal(this.env.APP_SECRET, input.webhookSecret) : null,
        apiVersion: this.env.SHOPIFY_API_VERSION,
        connectedBy: actor.label,
      });
      await recordStoreCheck(query, { ...checkOf(info), webhooks });
      await this.audit.record(
        by,
        {
          action: 'store.connect',
          targetType: 'store',
          targetId: shop,
          detail: {
            shopName: info.name,
            apiVersion: this.env.SHOPIFY_API_VERSION,
            webhookSecretGiven: Boolean(input.webhookSecret),
            webhooksCreated: created,
            webhooksFailed: webhooks.filter((w) => w.state === 'failed').map((w) => w.topic),
          },
        },
        query,
      );
    });
    this.connectedStore.invalidate();
    const failed = webhooks.filter((w) => w.state === 'failed').length;
    this.logger.log(
      `Connected ${shop} (${info.name}): ${created.length} webhook subscriptions created, ` +
        `${webhooks.length - created.length - failed} kept, ${failed} refused`,
    );
    return this.status();
  }

  /** Reads the shop and its webhooks again; a connection made on the settings page keeps what it read. */
  async test(): Promise<StoreConnection> {
    const credentials = await storeCredentials(this.db.query, this.env).catch((error: unknown) => {
      throw storeRefusal(error, 'the connected store');
    });
    if (!credentials)
      throw ApiError.conflict(
        'store_not_connected',
        'No store is connected: connect one with its shop domain and Admin API token first',
      );
    const admin = checkClient(credentials);
    let info: ShopInfo;
    let webhooks: StoredStoreWebhook[];
    try {
      info = await admin.shopInfo();
      webhooks = await readWebhooks(admin, this.webhookUrl, mappedWebhookTopics());
    } catch (error) {
      throw storeRefusal(error, admin.shop);
    }
    if (credentials.source === 'settings') {
      await recordStoreCheck(this.db.query, { ...checkOf(info), webhooks });
      return this.status();
    }
    // The environment's store has no row to keep the check in: answer what was read.
    return {
      ...this.fromEnvironment(),
      shopName: info.name,
      currency: info.currencyCode,
      timezone: info.ianaTimezone,
      locale: info.primaryLocale,
      webhooks: webhooks.map(presentWebhook),
      checkedAt: new Date().toISOString(),
    };
  }

  /** Forgets the settings page's connection (the environment's store, if any, takes its place). */
  async disconnect(by: Principal | undefined): Promise<StoreConnection> {
    const shop = await this.db.transaction(async (query) => {
      const row = await findStoreConnection(query);
      if (!row || !(await deleteStoreConnection(query))) return null;
      await this.audit.record(
        by,
        {
          action: 'store.disconnect',
          targetType: 'store',
          targetId: row.shop,
          detail: { shopName: row.shop_name },
        },
        query,
      );
      return row.shop;
    });
    this.connectedStore.invalidate();
    if (shop) this.logger.log(`Disconnected ${shop}`);
    return this.status();
  }

  private fromRow(row: StoreConnectionRow): StoreConnection {
    return {
      connected: true,
      source: 'settings',
      shop: row.shop,
      shopName: row.shop_name,
      currency: row.currency,
      timezone: row.timezone,
      locale: row.locale,
      apiVersion: row.api_version,
      webhookUrl: this.webhookUrl,
      webhookSecret: row.webhook_secret_sealed
        ? 'settings'
        : this.env.SHOPIFY_WEBHOOK_SECRET
          ? 'environment'
          : null,
      webhooks: row.webhooks.map(presentWebhook),
      connectedAt: row.connected_at.toISOString(),
      connectedBy: row.connected_by,
      checkedAt: row.checked_at?.toISOString() ?? null,
    };
  }

  private fromEnvironment(): StoreConnection {
    const { SHOPIFY_SHOP: shop, SHOPIFY_ADMIN_TOKEN: token } = this.env;
    const connected = Boolean(shop && token);
    return {
      connected,
      source: connected ? 'environment' : null,
      shop: connected && shop ? displayShop(shop) : null,
      shopName: null,
      currency: null,
      timezone: null,
      locale: null,
      apiVersion: this.env.SHOPIFY_API_VERSION,
      webhookUrl: this.webhookUrl,
      webhookSecret: this.env.SHOPIFY_WEBHOOK_SECRET ? 'environment' : null,
      webhooks: [],
      connectedAt: null,
      connectedBy: null,
      checkedAt: null,
    };
  }
}

function checkOf(info: ShopInfo) {
  return {
    shopName: info.name,
    currency: info.currencyCode,
    timezone: info.ianaTimezone,
    locale: info.primaryLocale,
  };
}

function presentWebhook(webhook: StoredStoreWebhook): StoreWebhook {
  // The lib's `created` and `existing` both mean the store delivers the topic to us.
  const state: StoreWebhookState =
    webhook.state === 'failed' || webhook.state === 'missing' ? webhook.state : 'registered';
  return {
    topic: webhook.topic,
    delivery: deliveryTopic(webhook.topic),
    state,
    subscriptionId: webhook.subscriptionId ?? null,
    error: webhook.error ?? null,
  };
}

function displayShop(shop: string): string {
  try {
    return shopDomain(shop);
  } catch {
    return shop;
  }
}
