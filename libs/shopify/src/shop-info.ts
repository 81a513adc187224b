/**
 * The "test connection" read: the shop's name, currency, time zone and primary locale, offered as
 * the store's defaults. Field names checked against the Admin GraphQL schema of 2025-07 and 2026-04
 * and the shopify.dev reference pages for 2025-10 (`Shop.name`, `Shop.currencyCode`,
 * `Shop.ianaTimezone`, `Shop.myshopifyDomain`; `shopLocales { locale primary published }`).
 *
 * `shopLocales` needs the `read_locales` (or `read_markets_home`) scope, which a custom app may not
 * have been given; it is a second request so a missing scope leaves the locale unknown instead of
 * failing the whole check.
 */
import type { AdminGraphql } from './admin-graphql';
import { ShopifyAuthError } from './shopify.errors';

export interface ShopInfo {
  name: string;
  /** ISO 4217, e.g. `EUR`. */
  currencyCode: string;
  /** IANA zone, e.g. `Europe/Paris`. */
  ianaTimezone: string;
  myshopifyDomain: string;
  /** The shop's primary locale (`en`, `fr-CA`), or null when the token may not read locales. */
  primaryLocale: string | null;
  /** Why `primaryLocale` is null, when it is. */
  localeUnavailable: string | null;
}

export const SHOP_QUERY = `#graphql
  query WaypointShopInfo {
    shop {
      name
      currencyCode
      ianaTimezone
      myshopifyDomain
    }
  }
`;

export const SHOP_LOCALES_QUERY = `#graphql
  query WaypointShopLocales {
    shopLocales {
      locale
      primary
      published
    }
  }
`;

interface ShopAnswer {
  shop: { name: string; currencyCode: string; ianaTimezone: string; myshopifyDomain: string };
}

interface ShopLocalesAnswer {
  shopLocales: Array<{ locale: string; primary: boolean; published: boolean }>;
}

export async function readShopInfo(admin: AdminGraphql): Promise<ShopInfo> {
  const { shop } = await admin.request<ShopAnswer>(SHOP_QUERY);
  let primaryLocale: string | null = null;
  let localeUnavailable: string | null = null;
  try {
    const { shopLocales } = await admin.request<ShopLocalesAnswer>(SHOP_LOCALES_QUERY);
    primaryLocale = shopLocales.find((l) => l.primary)?.locale ?? null;
    if (!primaryLocale) localeUnavailable = 'the store reports no primary locale';
  } catch (error) {
    // The token reached the shop above, so an auth failure here is the missing locales scope.
    if (!(error instanceof ShopifyAuthError)) throw error;
    localeUnavailable = error.message;
  }
  return { ...shop, primaryLocale, localeUnavailable };
}
