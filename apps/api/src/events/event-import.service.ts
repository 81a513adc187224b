/**
 * The event API's import mode (`POST /v1/events/batch` with `"mode": "import"`): a batch of
 * historic events stored as facts by libs/customer-value's import (no routing, no stage storm),
 * checkouts projected as ingestion projects them, then the batch's customers recomputed once,
 * set-based, with the reorder intervals of the products it bought.
 */
import { Injectable } from '@nestjs/common';
import { importEvents, recomputeImportedCustomers } from '@waypoint/customer-value';
import { Database } from '@waypoint/data';
import { EVENT } from '@waypoint/journey';
import { projectCheckout, projectsCheckout } from '../checkouts/checkout-projection';
import type { AcceptedEvent, IncomingEvent } from './incoming-event';

@Injectable()
export class EventImportService {
  constructor(private readonly db: Database) {}

  async importBatch(events: IncomingEvent[]): Promise<AcceptedEvent[]> {
    const batch = await this.db.transaction(async (query) => {
      const imported = await importEvents(query, events);
      for (const a of imported.accepted)
        if (!a.duplicate && projectsCheckout(a.event))
          await projectCheckout(query, a.event, a.customerId, a.eventId);
      return imported;
    });
    // After the commit: a repeat of the batch (all duplicates) still names its customers, so a
    // recompute that failed here is done by the retry.
    await recomputeImportedCustomers(this.db.query, { customerIds: batch.customerIds }, new Date(), {
      learnProducts: boughtProducts(events),
    });
    return batch.accepted.map(({ eventId, customerId, duplicate }) => ({ eventId, customerId, duplicate }));
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
