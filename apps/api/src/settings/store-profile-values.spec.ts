import { checkStoreProfilePatch } from './store-profile-values';

const problemsOf = (patch: Parameters<typeof checkStoreProfilePatch>[0]) => {
  const checked = checkStoreProfilePatch(patch);
  return 'problems' in checked ? checked.problems : [];
};

describe('checkStoreProfilePatch', () => {
  it('takes values that exist, in their canonical spelling', () => {
    expect(
      checkStoreProfilePatch({
        timeZone: 'europe/istanbul',
        currency: 'try',
        locale: 'en-us',
        country: 'tr',
      }),
    ).toEqual({ patch: { timeZone: 'Europe/Istanbul', currency: 'TRY', locale: 'en-US', country: 'TR' } });
  });

  it('names the field of each value that does not exist', () => {
    expect(
      problemsOf({
        timeZone: 'Mars/Base',
        currency: 'XYZ',
        locale: 'not a locale',
        country: 'ZZ',
        quietHours: { email: null, sms: { start: '21:00', end: '21:00' }, whatsapp: null },
        frequencyCaps: [{ channel: 'sms', max: 1, per: 'soon' }],
      }),
    ).toEqual([
      { field: 'timeZone', message: expect.stringContaining('"Mars/Base" is not a time zone') },
      { field: 'currency', message: expect.stringContaining('"XYZ" is not an ISO 4217 currency') },
      { field: 'locale', message: expect.stringContaining('"not a locale" is not a BCP 47 locale') },
      { field: 'country', message: expect.stringContaining('"ZZ" is not an ISO 3166 country') },
      { field: 'quietHours.sms', message: expect.stringContaining('starts and ends at 21:00') },
      { field: 'frequencyCaps[0].per', message: expect.stringContaining('"soon" is not a duration') },
    ]);
  });

  it('refuses a UTC offset, which a daily Schedule cannot take as its time zone', () => {
    expect(problemsOf({ timeZone: '+03:00' }).map((p) => p.field)).toEqual(['timeZone']);
  });

  it('accepts quiet hours across midnight and caps over a duration', () => {
    expect(
      problemsOf({
        quietHours: { email: null, sms: { start: '21:00', end: '08:00' }, whatsapp: null },
        frequencyCaps: [{ channel: 'email', max: 3, per: '7d' }],
      }),
    ).toEqual([]);
  });
});
