import { describe, expect, it } from '@jest/globals';
import { validateJourney } from '@waypoint/journey';
import { JOURNEY_TEMPLATES } from './journey-templates';
import { SHIPPED_TEMPLATES, type TemplateChannel } from './message-templates';

const CHANNEL: Record<string, TemplateChannel> = {
  'send.email': 'email',
  'send.sms': 'sms',
  'send.whatsapp': 'whatsapp',
};

describe('journey templates', () => {
  it('offers an empty canvas and the shipped journeys', () => {
    expect(JOURNEY_TEMPLATES.map((t) => t.key)).toEqual([
      'blank',
      'welcome-coupon',
      'abandoned-cart',
      'replenishment',
      'we-miss-you',
      'browse-abandonment',
      'loyalty-invitation',
      'loyalty-tier-upgrade',
      'back-in-stock',
      'price-drop',
      'order-updates',
      'post-purchase-feedback',
      'birthday',
      'cross-sell',
    ]);
  });

  it('ships journeys that pass the publish validator and use only templates shipped with them', () => {
    const templates = SHIPPED_TEMPLATES;
    for (const template of JOURNEY_TEMPLATES.filter((t) => t.key !== 'blank')) {
      const result = validateJourney(template.definition, {
        checkTemplate: (channel, name) => templates[channel].includes(name) || `missing ${channel} ${name}`,
      });
      expect({ key: template.key, problems: result.problems }).toEqual({ key: template.key, problems: [] });
      for (const node of template.definition.nodes) {
        const channel = CHANNEL[node.type];
        if (channel) expect(templates[channel]).toContain((node.data as { template: string }).template);
      }
    }
  });
});
