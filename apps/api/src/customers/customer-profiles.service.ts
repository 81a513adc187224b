/**
 * Support's view of customers: search by email, phone or external id, and one customer's page
 * (profile, computed value, consent with its history, recent events, messages with delivery
 * status, their runs, and the coupons journeys issued them).
 */
import { Injectable } from '@nestjs/common';
import {
  customerCoupons,
  customerPageRows,
  Database,
  searchCustomers,
  type CustomerSummaryRow,
} from '@waypoint/data';
import { resolveCustomerId } from './customer-ref';

/** Phone numbers as support types them ("+1 415-555 0100") compared as stored (E.164). */
export function normalisePhone(text: string): string | null {
  const digits = text.replace(/[\s().-]/g, '');
  return /^\+?\d{7,15}$/.test(digits) ? (digits.startsWith('+') ? digits : `+${digits}`) : null;
}

@Injectable()
export class CustomerProfiles {
  constructor(private readonly db: Database) {}

  /** Exact id or external id, an email (or its beginning), or a phone number; at most `limit`. */
  async search(query: string, limit: number): Promise<CustomerSummaryRow[]> {
    const q = query.trim();
    return searchCustomers(this.db.query, q, normalisePhone(q), limit);
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
