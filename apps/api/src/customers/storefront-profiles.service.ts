/**
 * The profile API: a storefront creates or updates a customer by its external id (the same merge
 * rule as events), with consent per channel recorded with its source and kept in the history, and
 * gets back the profile with its computed attributes.
 */
import { Injectable } from '@nestjs/common';
import { StoreProfileReader } from '@waypoint/customer-value';
import type { CustomerProfileBody } from '@waypoint/contract';
import { Database, recordConsent, storedProfile, type StoredProfileRow } from '@waypoint/data';
import { CHANNELS } from '@waypoint/journey';
import { EventIngestionService } from '../events/event-ingestion.service';
import { EventRouter } from '../events/event-router.service';
import { RealtimeSegments } from '../segments/realtime-segments.service';
import { refuseInvalidPhone } from '../events/phone-input';

@Injectable()
export class StorefrontProfiles {
  constructor(
    private readonly db: Database,
    private readonly ingestion: EventIngestionService,
    private readonly profiles: StoreProfileReader,
    private readonly segments: RealtimeSegments,
    private readonly router: EventRouter,
  ) {}

  async upsert(externalId: string, profile: CustomerProfileBody): Promise<StoredProfileRow> {
    const { consent, consentSource, ...fields } = profile;
    refuseInvalidPhone(fields.phone, (await this.profiles.current()).country, 'phone');
    const id = await this.db.transaction(async (query) => {
      const customerId = await this.ingestion.upsertCustomerIn(query, { externalId, ...fields });
      for (const channel of CHANNELS) {
        const status = consent?.[channel];
        if (status) await recordConsent(query, customerId, channel, status, consentSource);
      }
      return customerId;
    });
    await this.segments.afterProfileChange(id, (eventId) => this.router.routeSoon(eventId));
    return storedProfile(this.db.query, id);
  }
}
