/**
 * Group commit for the plain events of single requests (an event that names a known customer by
 * external id and changes nothing else): while a statement is on its way, the events that arrive
 * wait and then go together, as one multi-row autocommitted `INSERT`, so a burst of single
 * requests costs a few statements and commits instead of one each. Nothing waits on a timer: with
 * no statement in flight an event is written at once, alone, as before. Each caller is answered
 * only after the statement holding its row has committed. If a shared statement fails, its events
 * are written again one by one, so each caller gets its own answer (its row, or its own error).
 * Measured in docs/benchmarks.md ("Ingestion").
 */
import { Injectable } from '@nestjs/common';
import {
  Database,
  type EventInsert,
  insertEventForExternalId,
  insertEventsForExternalIds,
  type StoredEventRef,
} from '@waypoint/data';

/**
 * Statements in flight at once (the pool has more connections for everything else). One: the
 * events that arrive meanwhile make the next statement bigger, and fewer, bigger statements cost
 * PostgreSQL and the API less per event than two half-size ones (docs/benchmarks.md, "Ingestion":
 * one against two in alternating runs gave more requests/s and fewer statements per request).
 */
const MAX_IN_FLIGHT = 1;
/** Events in one statement, at most. */
const MAX_BATCH = 500;

interface Waiting {
  event: EventInsert & { externalId: string };
  resolve: (row: StoredEventRef | null) => void;
  reject: (error: unknown) => void;
}

@Injectable()
export class CoalescedEventInserts {
  private queue: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly db: Database) {}

  /** As `insertEventForExternalId`: the stored row, or null when the key was seen before or the customer is unknown. */
  insert(event: EventInsert, externalId: string): Promise<StoredEventRef | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event: { ...event, externalId }, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return this.writeAlone(batch[0]);
    let rows: Array<StoredEventRef & { idempotency_key: string }>;
    try {
      rows = await insertEventsForExternalIds(
        this.db.query,
        batch.map((w) => w.event),
      );
    } catch {
      await Promise.all(batch.map((w) => this.writeAlone(w)));
      return;
    }
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
    for (const waiting of batch) {
      const row = byKey.get(waiting.event.idempotencyKey);
      // A key repeated in the batch was stored once, for its first request; the others are repeats.
      byKey.delete(waiting.event.idempotencyKey);
      waiting.resolve(row ? { id: row.id, customer_id: row.customer_id } : null);
    }
  }

  private async writeAlone(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve(await insertEventForExternalId(this.db.query, waiting.event, waiting.event.externalId));
    } catch (error) {
      waiting.reject(error);
    }
  }
}
