/**
 * A customer's profile as journeys read and change it: the whole row (templates, time zone, date
 * attributes) and `action.update_profile`'s set-based change of attributes, tags and loyalty points.
 */
import type { Database, Query } from '../database';
import { CustomerEntity } from '../entities/customer.entity';

/** What `action.update_profile` changes: attributes merged in, tags added and removed, points awarded. */
export interface CustomerProfileChange {
  set?: Record<string, unknown>;
  addTags?: string[];
  removeTags?: string[];
  awardPoints?: number;
}

export async function findCustomerProfile(db: Database, customerId: string): Promise<CustomerEntity | null> {
  return db.dataSource.getRepository(CustomerEntity).findOneBy({ id: customerId });
}

/** Applies the change in one statement; false when the customer no longer exists. */
export async function updateCustomerProfile(
  query: Query,
  customerId: string,
  change: CustomerProfileChange,
): Promise<boolean> {
  const rows = await query(
    `WITH updated AS (UPDATE customers SET
           attributes = attributes || $2::jsonb,
           tags = (SELECT coalesce(array_agg(DISTINCT t), '{}') FROM unnest(tags || $3::text[]) AS t WHERE NOT t = ANY($4::text[])),
           loyalty_points = loyalty_points + $5,
           updated_at = now()
         WHERE id = $1 RETURNING id) SELECT id FROM updated`,
    [
      customerId,
      JSON.stringify(change.set ?? {}),
      change.addTags ?? [],
      change.removeTags ?? [],
      change.awardPoints ?? 0,
    ],
  );
  return rows.length > 0;
}
