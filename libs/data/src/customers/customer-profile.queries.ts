/**
 * A customer's profile as journeys read and change it: the whole row (templates, time zone, date
 * attributes) and `action.update_profile`'s set-based change of attributes, tags and loyalty points.
 */
import type { ConsentChannel, ConsentState, ConsentStatus } from '../consent/consent-ledger';
import type { Database, Query } from '../database';
import { prepared } from '../prepared-statements';
import type { CustomerSummaryRow } from './customer-page.queries';
import { CustomerEntity } from '../entities/customer.entity';

/** What `action.update_profile` changes: attributes merged in, tags added and removed, points awarded. */
export interface CustomerProfileChange {
  set?: Record<string, unknown>;
  addTags?: string[];
  removeTags?: string[];
  awardPoints?: number;
}

/**
 * What a send reads of its customer (the address, the locale for the variant, and what templates
 * see of them): a typed row from one narrow SELECT, no entity hydration, on every journey send.
 */
export interface SendCustomer extends Pick<
  CustomerSummaryRow,
  'id' | 'externalId' | 'email' | 'phone' | 'firstName' | 'lastName'
> {
  locale: string | null;
  loyaltyPoints: number;
  attributes: Record<string, unknown>;
}

const SEND_CUSTOMER_COLUMNS = `c.id, c.external_id AS "externalId", c.email, c.phone, c.first_name AS "firstName",
  c.last_name AS "lastName", c.locale, c.loyalty_points AS "loyaltyPoints", c.attributes`;

export async function findSendCustomer(query: Query, customerId: string): Promise<SendCustomer | null> {
  const [row] = await query(`SELECT ${SEND_CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1`, [customerId]);
  return (row as unknown as SendCustomer | undefined) ?? null;
}

/**
 * The customer a send goes to and their consent on its channel (as `consentOf` reads it), in one
 * statement; null when the customer no longer exists.
 */
export async function findSendRecipient(
  query: Query,
  customerId: string,
  channel: ConsentChannel,
): Promise<{ customer: SendCustomer; consent: ConsentState } | null> {
  const [row] = (await query(
    prepared(
      'customers.send_recipient',
      `SELECT ${SEND_CUSTOMER_COLUMNS},
            k.status AS consent_status, k.source AS consent_source, k.updated_at AS consent_updated_at
       FROM customers c LEFT JOIN customer_consents k ON k.customer_id = c.id AND k.channel = $2
      WHERE c.id = $1`,
    ),
    [customerId, channel],
  )) as unknown as Array<
    SendCustomer & {
      consent_status: ConsentStatus | null;
      consent_source: string | null;
      consent_updated_at: Date | null;
    }
  >;
  if (!row) return null;
  const { consent_status: status, consent_source: source, consent_updated_at: updatedAt, ...customer } = row;
  return { customer, consent: { status, source, updatedAt } };
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
