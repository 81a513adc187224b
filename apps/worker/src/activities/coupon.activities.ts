/**
 * Unique coupon codes. One code per run, node and visit: a retried activity returns the code it
 * already issued instead of minting a second one.
 */
import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database, findVisitCoupon, insertCoupon, type IssuedCouponRow } from '@waypoint/data';
import type { IssueCouponInput, IssuedCoupon } from '@waypoint/workflows';

// No 0/O or 1/I: codes are read off screens and typed at checkout.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

@Injectable()
export class CouponActivities {
  constructor(private readonly db: Database) {}

  async issueCoupon(input: IssueCouponInput): Promise<IssuedCoupon> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const issued = await insertCoupon(this.db.query, { ...input, code: newCode(input.prefix) });
      if (issued) return toCoupon(issued);
      const existing = await findVisitCoupon(this.db.query, input);
      if (existing) return toCoupon(existing);
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

function toCoupon(row: IssuedCouponRow): IssuedCoupon {
  return {
    code: row.code,
    kind: row.kind,
    value: Number(row.value),
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}
