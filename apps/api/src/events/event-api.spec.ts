import { countProperties, eventBatchBody, eventBody, LIMITS } from '@waypoint/contract';
import { CONTENT_KEY_WINDOW_MS, reusesKey, toIncoming } from './event-api.service';
import type { AcceptedEvent } from './incoming-event';

const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((i) => i.path.join('.'));

describe('the event API contract', () => {
  it('counts properties at every level, inside lists too', () => {
    expect(countProperties({ a: 1, b: { c: 2, d: [{ e: 3 }, 4] } })).toBe(5);
  });

  it(`refuses more than ${LIMITS.eventProperties} properties, naming the field`, () => {
    const nested = Object.fromEntries(Array.from({ length: LIMITS.eventProperties }, (_, i) => [`k${i}`, i]));
    const result = eventBody.safeParse({ type: 'a.b', customer: { id: 'c' }, properties: { nested } });
    expect(issues(result)).toEqual(['properties']);
  });

  it(`refuses an event type longer than ${LIMITS.eventTypeLength} characters`, () => {
    const type = `a.${'b'.repeat(LIMITS.eventTypeLength)}`;
    expect(issues(eventBody.safeParse({ type, customer: { id: 'c' } }))).toEqual(['type']);
  });

  it(`refuses a batch of more than ${LIMITS.batchEvents} events`, () => {
    const events = Array.from({ length: LIMITS.batchEvents + 1 }, () => ({
      type: 'a.b',
      customer: { id: 'c' },
    }));
    expect(issues(eventBatchBody.safeParse({ events }))).toEqual(['events']);
  });

  it('names the field of an event in a batch', () => {
    const events = [
      { type: 'a.b', customer: { id: 'c' } },
      { type: 'a.b', customer: { id: { nested: true } } },
    ];
    expect(issues(eventBatchBody.safeParse({ events }))).toEqual(['events.1.customer.id']);
  });

  it('keys an event without an idempotency key by its content', () => {
    const event = eventBody.parse({
      type: 'a.b',
      customer: { email: 'A@example.com' },
      properties: { x: 1 },
    });
    const at = new Date('2026-01-01T00:00:00Z');
    const soon = new Date(at.getTime() + CONTENT_KEY_WINDOW_MS - 1);
    expect(toIncoming(event, at).idempotencyKey).toBe(toIncoming({ ...event }, soon).idempotencyKey);
    expect(toIncoming(event, at)).toMatchObject({ type: 'a.b', source: 'api', occurredAt: at });
  });

  it('keys the same content without a timestamp in a later window of receipt as a new event', () => {
    const event = eventBody.parse({ type: 'product.viewed', customer: { id: 'c' }, properties: { p: 1 } });
    const at = new Date('2026-01-01T00:00:00Z');
    const key = (received: Date) => toIncoming(event, received).idempotencyKey;
    expect(key(new Date(at.getTime() + 1_000))).toBe(key(at));
    expect(key(new Date(at.getTime() + CONTENT_KEY_WINDOW_MS))).not.toBe(key(at));
    expect(key(new Date(at.getTime() + 7 * 86_400_000))).not.toBe(key(at));
    // With a timestamp, the timestamp is the content's time, whenever it arrives.
    const timed = eventBody.parse({ ...event, timestamp: '2026-01-01T00:00:00Z' });
    expect(toIncoming(timed, new Date(at.getTime() + 7 * 86_400_000)).idempotencyKey).toBe(
      toIncoming(timed, at).idempotencyKey,
    );
  });

  it(`refuses a property string longer than ${LIMITS.textLength} characters, naming it`, () => {
    const at = (value: string) =>
      issues(eventBody.safeParse({ type: 'a.b', customer: { id: 'c' }, properties: { a: [{ b: value }] } }));
    expect(at('x'.repeat(LIMITS.textLength))).toBeUndefined();
    expect(at('x'.repeat(2 * LIMITS.textLength))).toEqual(['properties.a.0.b']);
    const attributes = { note: 'x'.repeat(LIMITS.textLength + 1) };
    expect(issues(eventBody.safeParse({ type: 'a.b', customer: { id: 'c', attributes } }))).toEqual([
      'customer.attributes.note',
    ]);
  });

  describe('a repeated idempotency key', () => {
    const event = eventBody.parse({
      type: 'order.placed',
      customer: { id: 'c-1' },
      properties: { orderId: 'o-1', totalPrice: 10 },
      idempotencyKey: 'k-1',
    });
    const repeat = (original: AcceptedEvent['original']): AcceptedEvent => ({
      eventId: '00000000-0000-4000-8000-000000000001',
      customerId: '00000000-0000-4000-8000-000000000002',
      duplicate: true,
      original,
    });
    const stored = {
      type: 'order.placed',
      // As jsonb answers it: keys reordered, the order enriched by ingestion.
      properties: { totalPrice: 10, orderId: 'o-1', hasConsumable: false, consumableProductIds: [] },
      occurredAt: new Date(),
      externalId: 'c-1',
    };

    it('is a duplicate with the same content', () => {
      expect(reusesKey(event, repeat(stored))).toBe(false);
    });

    it('conflicts with another type, other properties, another timestamp or another customer', () => {
      expect(reusesKey(event, repeat({ ...stored, type: 'product.viewed' }))).toBe(true);
      expect(reusesKey(event, repeat({ ...stored, properties: { orderId: 'o-1', totalPrice: 11 } }))).toBe(
        true,
      );
      expect(reusesKey(event, repeat({ ...stored, properties: { orderId: 'o-1' } }))).toBe(true);
      expect(reusesKey(event, repeat({ ...stored, externalId: 'c-2' }))).toBe(true);
      const timed = { ...event, timestamp: '2026-01-01T00:00:00Z' };
      expect(reusesKey(timed, repeat({ ...stored, occurredAt: new Date('2026-01-01T00:00:00Z') }))).toBe(
        false,
      );
      expect(reusesKey(timed, repeat({ ...stored, occurredAt: new Date('2026-01-02T00:00:00Z') }))).toBe(
        true,
      );
    });

    it('never conflicts for a new event', () => {
      expect(reusesKey(event, { ...repeat({ ...stored, type: 'x.y' }), duplicate: false })).toBe(false);
    });
  });
});
