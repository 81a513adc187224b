import { shopifyMarketingConsents } from './shopify-consent.mapper';

const payloadTime = new Date('2026-03-21T08:00:00.000Z');

describe('Shopify marketing consent', () => {
  it('maps subscribed to an opt-in at consent_updated_at, with the opt-in level, on both channels', () => {
    expect(
      shopifyMarketingConsents(
        {
          email_marketing_consent: {
            state: 'subscribed',
            opt_in_level: 'confirmed_opt_in',
            consent_updated_at: '2026-02-02T18:20:11-04:00',
          },
          sms_marketing_consent: {
            state: 'SUBSCRIBED',
            opt_in_level: 'single_opt_in',
            consent_updated_at: '2026-02-03T10:00:00Z',
            consent_collected_from: 'SHOPIFY',
          },
        },
        payloadTime,
      ),
    ).toEqual([
      {
        channel: 'email',
        status: 'opted_in',
        optInLevel: 'confirmed_opt_in',
        at: new Date('2026-02-02T22:20:11.000Z'),
      },
      {
        channel: 'sms',
        status: 'opted_in',
        optInLevel: 'single_opt_in',
        at: new Date('2026-02-03T10:00:00Z'),
      },
    ]);
  });

  it.each(['unsubscribed', 'redacted', 'invalid', 'a_state_from_the_future'])(
    'maps %s to an opt-out (the safe side)',
    (state) => {
      expect(
        shopifyMarketingConsents(
          {
            email_marketing_consent: {
              state,
              opt_in_level: null,
              consent_updated_at: '2026-02-02T00:00:00Z',
            },
          },
          payloadTime,
        ),
      ).toEqual([
        { channel: 'email', status: 'opted_out', optInLevel: null, at: new Date('2026-02-02T00:00:00Z') },
      ]);
    },
  );

  it('records nothing for not_subscribed or pending: neither a consent nor a refusal', () => {
    expect(
      shopifyMarketingConsents(
        {
          email_marketing_consent: {
            state: 'not_subscribed',
            opt_in_level: 'single_opt_in',
            consent_updated_at: null,
          },
          sms_marketing_consent: {
            state: 'pending',
            opt_in_level: 'confirmed_opt_in',
            consent_updated_at: null,
          },
          accepts_marketing: true,
        },
        payloadTime,
      ),
    ).toEqual([]);
  });

  it("dates a state without consent_updated_at at the payload's own time", () => {
    expect(
      shopifyMarketingConsents(
        { sms_marketing_consent: { state: 'unsubscribed', consent_updated_at: null } },
        payloadTime,
      ),
    ).toEqual([{ channel: 'sms', status: 'opted_out', optInLevel: null, at: payloadTime }]);
  });

  it('reads the legacy accepts_marketing only when email_marketing_consent is absent', () => {
    expect(
      shopifyMarketingConsents(
        { accepts_marketing: true, accepts_marketing_updated_at: '2025-12-01T09:00:00Z' },
        payloadTime,
      ),
    ).toEqual([
      { channel: 'email', status: 'opted_in', optInLevel: null, at: new Date('2025-12-01T09:00:00Z') },
    ]);
    // `false` was also "never asked": it only withdraws an opt-in we hold.
    expect(
      shopifyMarketingConsents({ email_marketing_consent: null, accepts_marketing: false }, payloadTime),
    ).toEqual([
      { channel: 'email', status: 'opted_out', optInLevel: null, at: payloadTime, withdrawOnly: true },
    ]);
    expect(
      shopifyMarketingConsents(
        {
          email_marketing_consent: { state: 'unsubscribed', consent_updated_at: '2026-01-01T00:00:00Z' },
          accepts_marketing: true,
        },
        payloadTime,
      ),
    ).toEqual([
      { channel: 'email', status: 'opted_out', optInLevel: null, at: new Date('2026-01-01T00:00:00Z') },
    ]);
  });

  it('finds nothing in a guest order (no customer object)', () => {
    expect(shopifyMarketingConsents(null, payloadTime)).toEqual([]);
    expect(shopifyMarketingConsents(undefined, payloadTime)).toEqual([]);
  });
});
