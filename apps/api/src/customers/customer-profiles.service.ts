/**
 * Support's view of customers: search by email, phone or external id, and one customer's page
 * (profile, computed value, consent with its history, recent events, messages with delivery
 * status, their runs, and the coupons journeys issued them).
 */
import { Injectable } from '@nestjs/common';
import { normalisePhone } from '@waypoint/channels';
import { StoreProfileReader } from '@waypoint/customer-value';
import {
  customerCoupons,
  customerPageRows,
  Database,
  searchCustomers,
  type CustomerSummaryRow,
} from '@waypoint/data';
import { resolveCustomerId } from './customer-ref';

/**
 * A phone number as support types it ("+1 415-555 0100", or "0532 123 45 67" in the store's
 * country) in its stored form (E.164); null when the text is not a valid number.
 */
export function searchedPhone(text: string, country: string): string | null {
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  const phone = normalisePhone(text, country);
  if ('e164' in phone) return phone.e164;
  // Digits with their country code but no "+" ("14155550100").
  const international = normalisePhone(`+${text.replace(/^\+/, '')}`, country);
  return 'e164' in international ? international.e164 : null;
}

@Injectable()
export class CustomerProfiles {
  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  /** Exact id or external id, an email (or its beginning), or a phone number; at most `limit`. */
  async search(query: string, limit: number): Promise<CustomerSummaryRow[]> {
    const q = query.trim();
    const { country } = await this.profiles.current();
    return searchCustomers(this.db.query, q, searchedPhone(q, country), limit);
  }

  async page(ref: string) {
    const id = await resolveCustomerId(this.db.query, ref);
    const [{ profile, ...rest }, coupons] = await Promise.all([
      customerPageRows(this.db.query, id),
      customerCoupons(this.db.query, id),
    ]);
    // Resolved a moment ago; a customer is never deleted.
    const found = profile!;
    const value = {
      totalSpent: found.totalSpent,
      ordersCount: found.ordersCount,
      averageOrderValue: found.averageOrderValue,
    };
    return { profile: found, value, ...rest, coupons };
  }
}
