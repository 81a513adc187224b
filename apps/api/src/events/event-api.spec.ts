import { countProperties, eventBatchBody, eventBody, LIMITS } from '@waypoint/contract';
import { toIncoming } from './event-api.service';

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
    expect(toIncoming(event, at).idempotencyKey).toBe(toIncoming({ ...event }, new Date()).idempotencyKey);
    expect(toIncoming(event, at)).toMatchObject({ type: 'a.b', source: 'api', occurredAt: at });
  });
});
