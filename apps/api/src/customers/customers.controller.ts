/**
 * `PUT /v1/customers/{externalId}` (API key): create or update a profile — identity, attributes
 * and consent per channel (recorded with its source and kept in the history). Returns the profile
 * with its computed attributes.
 */
import { Body, Controller, Param, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recordConsent } from '@waypoint/data';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiKeyOnly } from '../auth/access.decorators';
import { parseInput } from '../errors/parse-body';
import { EventIngestionService } from '../events/event-ingestion.service';

const consentValue = z.enum(['opted_in', 'opted_out']);
const profileSchema = z
  .object({
    email: z.string().trim().email().max(320).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +14155550100')
      .optional(),
    firstName: z.string().max(200).optional(),
    lastName: z.string().max(200).optional(),
    timezone: z.string().max(64).optional(),
    locale: z.string().max(35).optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    consent: z
      .object({
        email: consentValue.optional(),
        sms: consentValue.optional(),
        whatsapp: consentValue.optional(),
      })
      .strict()
      .optional(),
    consentSource: z.string().min(1).max(100).default('api'),
  })
  .strict();

@Controller('v1/customers')
@ApiKeyOnly()
export class CustomersController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingestion: EventIngestionService,
  ) {}

  @Put(':externalId')
  async upsert(@Param('externalId') externalId: string, @Body() body: unknown) {
    const profile = parseInput(profileSchema, body);
    const id = await this.db.transaction(async (tx) => {
      const customerId = await this.ingestion.upsertCustomerIn(tx, { externalId, ...profile });
      for (const [channel, status] of Object.entries(profile.consent ?? {})) {
        if (status) {
          await recordConsent(
            (sql, p) => tx.query(sql, p),
            customerId,
            channel as 'email' | 'sms' | 'whatsapp',
            status,
            profile.consentSource,
          );
        }
      }
      return customerId;
    });
    const [customer] = await this.db.query(
      `SELECT id, external_id AS "externalId", email, phone, first_name AS "firstName", last_name AS "lastName", timezone, locale,
              attributes, tags, loyalty_points AS "loyaltyPoints", loyalty_tier AS "loyaltyTier", orders_count AS "ordersCount",
              total_spent::float AS "totalSpent", average_order_value::float AS "averageOrderValue", first_order_at AS "firstOrderAt",
              last_order_at AS "lastOrderAt", mean_days_between_orders::float AS "meanDaysBetweenOrders",
              discount_share::float AS "discountShare", lifecycle_stage AS "lifecycleStage",
              (SELECT jsonb_object_agg(channel, status) FROM customer_consents WHERE customer_id = c.id) AS consent
         FROM customers c WHERE id = $1`,
      [id],
    );
    return { data: customer };
  }
}
