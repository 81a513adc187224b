import {
  advanceDelivery,
  deliveryRank,
  deliveryTimestampColumn,
  type DeliveryStatus,
} from './delivery-status';

describe('delivery status rank', () => {
  it('orders progress sent < delivered < opened < clicked, with failures above all', () => {
    const ranks = (['sent', 'delivered', 'opened', 'clicked', 'bounced'] as DeliveryStatus[]).map(
      deliveryRank,
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(deliveryRank(null)).toBe(0);
  });

  it('moves forward through the stages', () => {
    let status: DeliveryStatus | null = null;
    for (const next of ['sent', 'delivered', 'opened', 'clicked'] as const) {
      status = advanceDelivery(status, next);
      expect(status).toBe(next);
    }
  });

  it('never moves backwards on a late callback', () => {
    expect(advanceDelivery('opened', 'sent')).toBe('opened');
    expect(advanceDelivery('opened', 'delivered')).toBe('opened');
    expect(advanceDelivery('clicked', 'opened')).toBe('clicked');
    expect(advanceDelivery('delivered', 'sent')).toBe('delivered');
  });

  it('skips stages reported out of order (an open before its delivery)', () => {
    expect(advanceDelivery('sent', 'opened')).toBe('opened');
    expect(advanceDelivery('opened', 'delivered')).toBe('opened');
  });

  it('lets a failure end a message that was only sent or delivered', () => {
    expect(advanceDelivery(null, 'bounced')).toBe('bounced');
    expect(advanceDelivery('sent', 'undelivered')).toBe('undelivered');
    expect(advanceDelivery('delivered', 'bounced')).toBe('bounced');
  });

  it('keeps an opened or clicked message when a failure arrives (it did reach them)', () => {
    expect(advanceDelivery('opened', 'bounced')).toBe('opened');
    expect(advanceDelivery('clicked', 'failed')).toBe('clicked');
  });

  it('treats every failure as terminal', () => {
    for (const failure of ['bounced', 'dropped', 'failed', 'undelivered'] as const) {
      for (const later of ['sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed'] as const) {
        expect(advanceDelivery(failure, later)).toBe(failure);
      }
    }
  });

  it('names the column that records when each stage was first seen', () => {
    expect(deliveryTimestampColumn('delivered')).toBe('delivered_at');
    expect(deliveryTimestampColumn('opened')).toBe('opened_at');
    expect(deliveryTimestampColumn('clicked')).toBe('clicked_at');
    expect(deliveryTimestampColumn('undelivered')).toBe('bounced_at');
    expect(deliveryTimestampColumn('sent')).toBeNull();
  });
});
