/**
 * Unique coupon codes. One code per run, node and visit: a retried activity returns the code it
 * already issued instead of minting a second one.
 */
import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IssueCouponInput, IssuedCoupon } from '@waypoint/workflows';
import { DataSource } from 'typeorm';

// No 0/O or 1/I: codes are read off screens and typed at checkout.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

interface CouponRow {
  code: string;
  kind: string;
  value: string;
  expires_at: Date | null;
}

@Injectable()
export class CouponActivities {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async issueCoupon(input: IssueCouponInput): Promise<IssuedCoupon> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows: CouponRow[] = await this.db.query(
        `INSERT INTO coupons (code, customer_id, run_id, node_id, visit, kind, value, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING
         RETURNING code, kind, value, expires_at`,
        [
          newCode(input.prefix),
          input.customerId,
          input.runId,
          input.nodeId,
          input.visit,
          input.kind,
          input.value,
          input.expiresAt,
        ],
      );
      if (rows[0]) return toCoupon(rows[0]);
      const existing: CouponRow[] = await this.db.query(
        `SELECT code, kind, value, expires_at FROM coupons WHERE run_id = $1 AND node_id = $2 AND visit = $3`,
        [input.runId, input.nodeId, input.visit],
      );
      if (existing[0]) return toCoupon(existing[0]);
      // Otherwise the random code collided with another customer's: draw again.
    }
    throw new Error('could not draw an unused coupon code in 5 attempts');
  }
}

export function newCode(prefix: string): string {
  let random = '';
  for (let i = 0; i < CODE_LENGTH; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  const clean = prefix.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean ? `${clean}-${random}` : random;
}

function toCoupon(row: CouponRow): IssuedCoupon {
  return {
    code: row.code,
    kind: row.kind,
    value: Number(row.value),
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}
