/**
 * The sample data a template must render against when it is saved or a journey is published:
 * everything a journey makes available to templates.
 */
export function sampleTemplateContext(): Record<string, unknown> {
  return {
    customer: {
      id: '00000000-0000-4000-8000-000000000000',
      externalId: '1001',
      email: 'ada@example.com',
      phone: '+15555550100',
      firstName: 'Ada',
      lastName: 'Lovelace',
      attributes: {},
    },
    event: { type: 'customer.created', properties: {} },
    coupon: { code: 'WELCOME-7KQ2MZ', kind: 'percent', value: 10, expiresAt: '2030-01-01T00:00:00.000Z' },
    store: { name: 'Sample Store', url: 'https://store.example.com' },
    unsubscribeUrl: 'https://waypoint.example.com/u/sample',
  };
}
