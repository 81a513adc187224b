import type { JourneyDefinition } from '@waypoint/journey';
import { withStoreQuietHours } from './store-quiet-hours';

const journey = (quietHours: JourneyDefinition['settings']['quietHours']) =>
  ({ nodes: [], edges: [], settings: { quietHours, frequencyCap: [] } }) as unknown as JourneyDefinition;

describe('withStoreQuietHours', () => {
  const store = {
    email: { start: '22:00', end: '07:00' },
    sms: { start: '20:00', end: '09:00' },
    whatsapp: null,
  };

  it("fills the channels the journey leaves unset with the store's windows", () => {
    expect(withStoreQuietHours(journey({}), store).settings.quietHours).toEqual(store);
  });

  it("keeps the journey's own window and its own null (none)", () => {
    const own = { sms: { start: '23:00', end: '06:00' }, email: null };
    expect(withStoreQuietHours(journey(own), store).settings.quietHours).toEqual({
      sms: { start: '23:00', end: '06:00' },
      email: null,
      whatsapp: null,
    });
  });
});
