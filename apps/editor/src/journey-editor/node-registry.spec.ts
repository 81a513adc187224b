import { describe, expect, it } from '@jest/globals';
import { journeyNodeSchema } from '@waypoint/journey';
import { NODE_TYPES, nodeRegistry } from './node-registry';

describe('node registry', () => {
  it('has one entry for every node type of the shared schema, and no other', () => {
    const schemaTypes = journeyNodeSchema.options.map((option) => option.shape.type.value).sort();
    expect([...NODE_TYPES].sort()).toEqual(schemaTypes);
  });

  it('creates nodes whose data has the shape the schema expects (filled-in fields aside)', () => {
    // Sends start without a template and triggers without an event on purpose: the marketer must
    // choose one. Everything else starts publishable.
    const unfinished = new Set([
      'send.email',
      'send.sms',
      'send.whatsapp',
      'trigger.event',
      'action.webhook',
    ]);
    for (const type of NODE_TYPES) {
      const parsed = journeyNodeSchema.safeParse({ id: 'n', type, data: nodeRegistry[type].create() });
      expect({ type, ok: parsed.success }).toEqual({ type, ok: !unfinished.has(type) });
    }
  });

  it('hands out fresh data each time (no shared objects between nodes)', () => {
    expect(nodeRegistry['branch.split'].create()).not.toBe(nodeRegistry['branch.split'].create());
  });
});
