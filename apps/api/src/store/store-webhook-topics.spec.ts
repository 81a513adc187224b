import { SHOPIFY_CATALOGUE_TOPICS, SHOPIFY_TOPICS, WAYPOINT_WEBHOOK_TOPICS } from '@waypoint/shopify';
import { deliveryTopic, mappedWebhookTopics, subscriptionTopic } from './store-webhook-topics';

describe('the webhook topics a connected store is subscribed to', () => {
  it('are every topic the engine maps, named as Shopify names subscription topics', () => {
    expect(mappedWebhookTopics()).toEqual(expect.arrayContaining([...WAYPOINT_WEBHOOK_TOPICS]));
    expect(mappedWebhookTopics()).toHaveLength(
      Object.keys(SHOPIFY_TOPICS).length + Object.keys(SHOPIFY_CATALOGUE_TOPICS).length,
    );
    for (const topic of mappedWebhookTopics()) expect(topic).toMatch(/^[A-Z]+(_[A-Z]+)+$/);
  });

  it('turn back into the X-Shopify-Topic their deliveries carry', () => {
    for (const delivery of [...Object.keys(SHOPIFY_TOPICS), ...Object.keys(SHOPIFY_CATALOGUE_TOPICS)])
      expect(deliveryTopic(subscriptionTopic(delivery))).toBe(delivery);
    expect(subscriptionTopic('inventory_levels/update')).toBe('INVENTORY_LEVELS_UPDATE');
    expect(deliveryTopic('INVENTORY_LEVELS_UPDATE')).toBe('inventory_levels/update');
  });
});
