/**
 * The event API's import mode (`POST /v1/events/batch` with `"mode": "import"`): a batch of
 * historic events stored as facts by libs/customer-value's import (no routing, no stage storm),
 * checkouts projected as ingestion projects them, and the customers it stored something for
 * recomputed once, set-based, with the reorder intervals of the products it bought.
 */
import { Injectable } from '@nestjs/common';
import { importEvents, recomputeImportedCustomers, StoreProfileReader } from '@waypoint/customer-value';
import { withStoredPhone } from './phone-input';
import { Database } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import { projectCheckout, projectsCheckout } from '../checkouts/checkout-projection';
import type { AcceptedEvent, IncomingEvent } from './incoming-event';

@Injectable()
export class EventImportService {
  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  async importBatch(received: IncomingEvent[]): Promise<AcceptedEvent[]> {
    // History's phones are stored as live events' are: E.164 in the store's country.
    const { country } = await this.profiles.current();
    const events = received.map((e) => ({ ...e, customer: withStoredPhone(e.customer, country) }));
    const batch = await this.db.transaction(async (query) => {
      const imported = await importEvents(query, events);
      for (const a of imported.accepted)
        if (!a.duplicate && projectsCheckout(a.event))
          await projectCheckout(query, a.event, a.customerId, a.eventId);
      // In the same transaction, for the customers it stored something for: a repeat of the batch
      // (all duplicates) changes nothing, and no commit leaves their values behind.
      await recomputeImportedCustomers(query, { customerIds: imported.changedCustomerIds }, new Date(), {
        learnProducts: imported.stored > 0 ? boughtProducts(events) : [],
      });
      return imported;
    });
    return batch.accepted.map(({ eventId, customerId, duplicate, original }) => ({
      eventId,
      customerId,
      duplicate,
      original,
    }));
  }
}

function boughtProducts(events: IncomingEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const items = e.type === EVENT.orderPlaced ? e.properties.lineItems : undefined;
    if (!Array.isArray(items)) continue;
    for (const item of items as Array<Record<string, unknown> | null>)
      if (item?.productId !== undefined && item.productId !== null) ids.add(String(item.productId));
  }
  return [...ids];
}
