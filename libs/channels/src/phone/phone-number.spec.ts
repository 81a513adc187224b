import { environmentSchema } from '@waypoint/config';
import { isPhoneCountry, normalisePhone, storedPhone } from './phone-number';

describe('normalisePhone', () => {
  it.each([
    ['0532 123 45 67', 'TR', '+905321234567'],
    ['(0532) 123-45-67', 'TR', '+905321234567'],
    ['532 123 45 67', 'TR', '+905321234567'],
    ['+90 532 123 45 67', 'TR', '+905321234567'],
    ['0090 532 123 45 67', 'TR', '+905321234567'],
    ['+905321234567', 'US', '+905321234567'],
    ['+1 (415) 555-2671', 'TR', '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['011 90 532 123 45 67', 'US', '+905321234567'],
    ['  +14155552671  ', 'TR', '+14155552671'],
    ['+1 555 123 4567', 'TR', '+15551234567'],
  ])('%s in %s is %s', (raw, country, e164) => {
    expect(normalisePhone(raw, country)).toEqual({ e164 });
  });

  it.each([
    ['garbage', 'TR'],
    ['555-1234', 'TR'],
    ['+05321234567', 'TR'],
    ['+90 532 123', 'TR'],
    ['0532 123 45 6', 'TR'],
    ['12345', 'TR'],
    ['', 'TR'],
  ])('%j in %s is not a valid number and is kept as given', (raw, country) => {
    expect(normalisePhone(raw, country)).toEqual({ invalid: raw.trim() });
  });

  it('reads a national number in no country when the default is unknown', () => {
    expect(normalisePhone('0532 123 45 67', 'XX')).toEqual({ invalid: '0532 123 45 67' });
    expect(normalisePhone('+905321234567', 'XX')).toEqual({ e164: '+905321234567' });
  });
});

describe('storedPhone', () => {
  it('stores E.164 when valid, the trimmed text when not, and nothing for blank', () => {
    expect(storedPhone(' 0532 123 45 67 ', 'TR')).toBe('+905321234567');
    expect(storedPhone(' not a phone ', 'TR')).toBe('not a phone');
    expect(storedPhone('   ', 'TR')).toBeNull();
    expect(storedPhone(null, 'TR')).toBeNull();
    expect(storedPhone(undefined, 'TR')).toBeNull();
  });
});

describe('STORE_COUNTRY', () => {
  const base = {
    DATABASE_URL: 'postgres://localhost/x',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    APP_SECRET: 'x'.repeat(32),
  };
  it('defaults to TR and accepts any alpha-2 code with a numbering plan, in any case', () => {
    expect(environmentSchema.parse(base).STORE_COUNTRY).toBe('TR');
    expect(environmentSchema.parse({ ...base, STORE_COUNTRY: 'us' }).STORE_COUNTRY).toBe('US');
    expect(isPhoneCountry('DE')).toBe(true);
  });
  it('refuses what is not a country', () => {
    for (const value of ['TUR', 'XX', '90']) {
      const result = environmentSchema.safeParse({ ...base, STORE_COUNTRY: value });
      expect(result.success).toBe(false);
    }
  });
});
