/**
 * Reads a bulk export's lines into batches of events for the store import: a customer line is
 * one object; an order is its line plus its line items' lines, put back together by
 * `BulkOrderAssembler`, and complete only when the next order's line arrives.
 *
 * Each batch says which lines it covers (`fromLinesRead` < line ≤ `linesRead`), always ending at
 * an object's end, so the progress written with its rows is a line a restart can continue after.
 * A malformed line (not JSON, or not an object the mappers can read) is counted in the batch
 * that covers it, once. One batch is written while the next is read (its rows are independent;
 * the writes stay in order), so parsing and PostgreSQL work side by side.
 */
import type { IncomingEvent } from '@waypoint/data';
import {
  BulkOrderAssembler,
  type AssembledOrder,
  type BulkCustomerLine,
  type BulkLineItemLine,
  type BulkOrderLine,
  type JsonlLine,
} from '@waypoint/shopify';
import { customerEvents, MalformedObjectError, orderEvents } from './bulk-line-events';

export type BulkObjectKind = 'customers' | 'orders';

/**
 * What JSON.stringify writes for text jsonb refuses: NUL, and a surrogate without its pair (a
 * webhook carrying them is dead-lettered; a line carrying them is malformed, not a batch that
 * can never commit).
 */
const UNSTORABLE =
  /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

export interface MalformedLine {
  lineNumber: number;
  reason: string;
}

export interface ObjectBatch {
  events: IncomingEvent[];
  /** Customers or orders in the batch. */
  objects: number;
  /** The part's lines_read before this batch. */
  fromLinesRead: number;
  /** The last line this batch covers. */
  linesRead: number;
  malformed: MalformedLine[];
}

export interface ReadOptions {
  kind: BulkObjectKind;
  /** Lines already stored (the stream starts after them). */
  linesRead: number;
  batchSize: number;
  /** The events' source, as webhooks file them (`shopify:{shop}`). */
  source: string;
  /** Stores a batch with its progress; called in order, one at a time. */
  write: (batch: ObjectBatch) => Promise<void>;
}

/** Reads every line and writes every batch; returns how many line items had no order (their order's line was malformed). */
export async function readBulkFile(
  lines: AsyncIterable<JsonlLine<Record<string, unknown>>>,
  options: ReadOptions,
): Promise<{ orphans: number }> {
  const receivedAt = new Date();
  const assembler = new BulkOrderAssembler();
  let events: IncomingEvent[] = [];
  let objects = 0;
  let from = options.linesRead;
  let lastLine = options.linesRead;
  let malformed: MalformedLine[] = [];
  let writing: Promise<void> | null = null;

  const flush = async (boundary: number) => {
    const batch: ObjectBatch = {
      events,
      objects,
      fromLinesRead: from,
      linesRead: boundary,
      malformed: malformed.filter((m) => m.lineNumber <= boundary),
    };
    malformed = malformed.filter((m) => m.lineNumber > boundary);
    events = [];
    objects = 0;
    from = boundary;
    if (writing) await writing;
    writing = options.write(batch);
    // Awaited before the next write or at the end; until then a failure must not go unhandled.
    writing.catch(() => undefined);
  };

  const add = (lineNumber: number, build: () => IncomingEvent[]) => {
    try {
      const built = build();
      if (UNSTORABLE.test(JSON.stringify(built)))
        throw new MalformedObjectError(
          'it holds a NUL character or an unpaired surrogate, which PostgreSQL cannot store',
        );
      events.push(...built);
      objects += 1;
    } catch (error) {
      if (!(error instanceof MalformedObjectError)) throw error;
      malformed.push({ lineNumber, reason: error.message });
    }
  };
  const addOrder = (done: AssembledOrder) =>
    add(done.lastLineNumber, () => orderEvents(done.order, done.items, options.source, receivedAt));

  for await (const line of lines) {
    lastLine = line.lineNumber;
    if (line.error !== undefined) {
      malformed.push({ lineNumber: line.lineNumber, reason: `${line.error}: ${line.raw.slice(0, 80)}` });
      continue;
    }
    if (options.kind === 'customers') {
      add(line.lineNumber, () =>
        customerEvents(line.value as unknown as BulkCustomerLine, options.source, receivedAt),
      );
      if (objects >= options.batchSize) await flush(line.lineNumber);
      continue;
    }
    const value = line.value as unknown as BulkOrderLine | BulkLineItemLine;
    const done = assembler.push(value, line.lineNumber);
    if (done) {
      addOrder(done);
      // This line starts the next order: the batch ends just before it.
      if (objects >= options.batchSize) await flush(line.lineNumber - 1);
    }
  }
  const last = assembler.finish();
  if (last) addOrder(last);
  if (lastLine > from || events.length > 0) await flush(lastLine);
  if (writing) await writing;
  return { orphans: assembler.orphans };
}
